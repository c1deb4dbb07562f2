"""The calculator dialog (/calc) as a step table for `bot.dialog`: questions and validation.

Each calculator is a row of `KIND_STEPS`; each step a row of `STEPS` (question, buttons, how a
typed answer or a button changes the answers). The answers live in one JSON-able dict, whose
`kind` says which calculator runs; `bot.calc.results` turns complete answers into the result.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Final

from bot.calc import texts
from bot.calc.common import MAX_MONTHLY_WAGE, man_won, won
from bot.dialog import Choice, Flow, InvalidAnswer, Prompt, Step, buttons, fixed
from bot.intake.parsing import When, parse_date

Data = dict[str, Any]

KINDS: Final = [
    Choice("parental", texts.KIND_PARENTAL),
    Choice("maternity", texts.KIND_MATERNITY),
    Choice("reduced_hours", texts.KIND_REDUCED_HOURS),
    Choice("spouse", texts.KIND_SPOUSE),
    Choice("infertility", texts.KIND_INFERTILITY),
    Choice("spouse_loss", texts.KIND_SPOUSE_LOSS),
    Choice("deadlines", texts.KIND_DEADLINES),
]
KIND_IDS: Final = frozenset(c.value for c in KINDS)
PICK: Final = "pick"  # the session's kind while the parent is still choosing a calculator
FIRST_STEP: Final = "kind"

KIND_STEPS: Final[dict[str, tuple[str, ...]]] = {
    "parental": (
        "wage",
        "start",
        "months",
        "single_parent",
        "other_parent",
        "other_start",
        "other_months",
        "child_birth",
    ),
    "maternity": ("wage", "start", "company", "birth"),
    "reduced_hours": ("wage", "hours_before", "hours_after", "start", "months"),
    "spouse": ("wage", "start", "company"),
    "infertility": ("wage", "start", "company"),
    "spouse_loss": ("wage", "start", "company"),  # start: the day of the loss
    "deadlines": ("event", "event_date"),  # repeated until the parent presses "done"
}

MIN_WAGE_INPUT: Final = 100_000  # below this a monthly wage is surely a typo
MAN: Final = 10_000
MONTH_RANGE: Final = {"parental": (1, 18), "reduced_hours": (1, 36)}
HOURS_BEFORE_MIN: Final = 15  # exclusive: the reduced week is at least 15 hours
HOURS_BEFORE_MAX: Final = 40
HOURS_AFTER_MIN: Final = 15
HOURS_AFTER_MAX: Final = 35

YES_NO: Final = [Choice("yes", texts.YES), Choice("no", texts.NO)]
MONTH_BUTTONS: Final = [Choice("3", "3개월"), Choice("6", "6개월"), Choice("12", "12개월")]
COMPANIES: Final = [
    Choice("priority", texts.COMPANY_PRIORITY),
    Choice("large", texts.COMPANY_LARGE),
    Choice("unknown", texts.COMPANY_UNKNOWN),
]
BIRTHS: Final = [
    Choice("single", texts.BIRTH_SINGLE),
    Choice("multiple", texts.BIRTH_MULTIPLE),
    Choice("premature", texts.BIRTH_PREMATURE),
]
EVENTS: Final = [
    Choice("dismissal", texts.EVENT_DISMISSAL),
    Choice("resignation", texts.EVENT_RESIGNATION),
    Choice("leave_end", texts.EVENT_LEAVE_END),
    Choice("discrimination", texts.EVENT_DISCRIMINATION),
    Choice("first_ruling", texts.EVENT_FIRST_RULING),
    Choice("review_ruling", texts.EVENT_REVIEW_RULING),
    Choice("birth", texts.EVENT_BIRTH),
]
EVENT_DONE: Final = Choice("done", texts.EVENT_DONE)
EVENT_WHEN: Final[dict[str, When]] = {
    "dismissal": "past",
    "resignation": "past",
    "leave_end": "any",
    "discrimination": "past",
    "first_ruling": "past",
    "review_ruling": "past",
    "birth": "past",
}
SKIP_BIRTH: Final = Choice("skip", texts.SKIP_BIRTH)
SKIP_OTHER_MONTHS: Final = Choice("skip", texts.SKIP_OTHER_MONTHS)
OTHER_MONTH_BUTTONS: Final = [
    Choice("3", "3개월"),
    Choice("6", "6개월"),
    Choice("12", "12개월"),
    SKIP_OTHER_MONTHS,
]
HOURS_BEFORE_BUTTONS: Final = [Choice("40", "40시간")]
HOURS_AFTER_VALUES: Final = (35, 30, 25, 20, 15)


# --- parsing typed answers -------------------------------------------------------------------

_PREFIXES: Final = re.compile(r"^(?:월급|월|세전|통상임금|약)+")
_ENDINGS: Final = re.compile(r"(?:정도|쯤|이요|요|입니다|이에요|예요|\.)+$")
_WAGE: Final = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<man>만)?원?")
_MONTHS: Final = re.compile(r"(?:(?P<years>\d)년)?(?:(?P<months>\d{1,3})(?:개월|달)?)?")
_HOURS: Final = re.compile(r"주?(?P<hours>\d{1,2}(?:\.\d+)?)(?:시간)?")


def _compact(text: str) -> str:
    """NFKC, no spaces or thousands commas, polite endings gone: ' 월 300만 원이요' → '300만원'."""
    folded = unicodedata.normalize("NFKC", text)
    folded = re.sub(r"[\s,]", "", folded)
    return _ENDINGS.sub("", _PREFIXES.sub("", folded))


def parse_wage(text: str) -> tuple[int, bool]:
    """A monthly wage in won, and whether a bare number was read as 만원.

    '300만원', '300만', '3,000,000원', '3000000' → 3,000,000; '300' (under 10,000) → 300만원.
    Amounts under 10만원 or over the calculators' limit are refused as typos.
    """
    match = _WAGE.fullmatch(_compact(text))
    if match is None:
        raise InvalidAnswer(texts.WAGE_UNRECOGNIZED)
    try:
        number = Decimal(match["number"])
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        raise InvalidAnswer(texts.WAGE_UNRECOGNIZED) from None
    assumed_man = match["man"] is None and number < MAN
    amount = number * MAN if match["man"] or assumed_man else number
    if amount != amount.to_integral_value():
        raise InvalidAnswer(texts.WAGE_UNRECOGNIZED)
    wage = int(amount)
    if wage < MIN_WAGE_INPUT:
        raise InvalidAnswer(texts.WAGE_TOO_SMALL.format(amount=won(wage)))
    if wage > MAX_MONTHLY_WAGE:
        raise InvalidAnswer(texts.WAGE_TOO_LARGE.format(amount=man_won(wage)))
    return wage, assumed_man


def parse_months(text: str, low: int, high: int) -> int:
    """'9', '9개월', '9달', '1년', '1년6개월' → whole months within `low`..`high`."""
    match = _MONTHS.fullmatch(_compact(text))
    if match is None or not (match["years"] or match["months"]):
        raise InvalidAnswer(texts.MONTHS_UNRECOGNIZED)
    months = int(match["years"] or 0) * 12 + int(match["months"] or 0)
    if not low <= months <= high:
        raise InvalidAnswer(texts.MONTHS_RANGE.format(low=low, high=high))
    return months


def parse_hours(text: str) -> Fraction:
    """Weekly hours in half-hour steps: '40', '주 35시간', '37.5'."""
    match = _HOURS.fullmatch(_compact(text))
    if match is None:
        raise InvalidAnswer(texts.HOURS_UNRECOGNIZED)
    hours = Fraction(match["hours"])
    if hours * 2 != int(hours * 2):
        raise InvalidAnswer(texts.HOURS_HALF)
    return hours


def _hours_text(hours: Fraction) -> str:
    return f"{float(hours):g}"


# --- the steps -------------------------------------------------------------------------------

TextReader = Callable[[str, Data, date], Data]
ChoiceReader = Callable[[str, Data], Data]


def _read_kind(value: str, _data: Data) -> Data:
    return {"kind": value}  # choosing a calculator starts with fresh answers


def _read_wage(text: str, data: Data, _today: date) -> Data:
    wage, assumed_man = parse_wage(text)
    return {**data, "wage": wage, "wage_typed": text.strip()[:20] if assumed_man else None}


def _date_reader(key: str, when: When = "any") -> TextReader:
    def read(text: str, data: Data, today: date) -> Data:
        return {**data, key: parse_date(text, today, when=when).isoformat()}

    return read


_DAYS: Final = re.compile(r"(?P<days>\d{1,3})일")
_LENGTH_KEYS: Final = ("months", "days", "end")


def _length(data: Data, key: str, value: Any) -> Data:
    """The answers with one way of giving the leave's length (the others dropped)."""
    kept = {k: v for k, v in data.items() if k not in _LENGTH_KEYS}
    return {**kept, key: value}


def _read_months(text: str, data: Data, today: date) -> Data:
    """Months ('9', '1년'), a number of days ('45일') or the last day ('2027.3.31')."""
    low, high = MONTH_RANGE[data["kind"]]
    try:
        return _length(data, "months", parse_months(text, low, high))
    except InvalidAnswer as not_months:
        days = _DAYS.fullmatch(_compact(text))
        if days is not None and int(days["days"]) > 0:
            return _length(data, "days", int(days["days"]))
        try:
            return _length(data, "end", parse_date(text, today, when="any").isoformat())
        except InvalidAnswer:
            raise not_months from None


def _read_months_button(value: str, data: Data) -> Data:
    return _length(data, "months", int(value))


def _yes_no(key: str) -> ChoiceReader:
    return lambda value, data: {**data, key: value == "yes"}


def _read_company(value: str, data: Data) -> Data:
    return {
        **data,
        "company": "priority" if value == "unknown" else value,
        "company_assumed": value == "unknown",
    }


def _read_hours_before(text: str, data: Data, _today: date) -> Data:
    hours = parse_hours(text)
    if not HOURS_BEFORE_MIN < hours <= HOURS_BEFORE_MAX:
        raise InvalidAnswer(texts.HOURS_BEFORE_RANGE)
    return {**data, "hours_before": _hours_text(hours)}


def _read_hours_after(text: str, data: Data, _today: date) -> Data:
    hours = parse_hours(text)
    if not HOURS_AFTER_MIN <= hours <= HOURS_AFTER_MAX:
        raise InvalidAnswer(texts.HOURS_AFTER_RANGE)
    before = Fraction(data["hours_before"])
    if hours >= before:
        raise InvalidAnswer(texts.HOURS_AFTER_NOT_LESS.format(before=data["hours_before"]))
    return {**data, "hours_after": _hours_text(hours)}


def _hours_after_buttons(data: Data) -> list[Choice]:
    before = Fraction(data.get("hours_before", HOURS_BEFORE_MAX))
    return [Choice(str(h), f"{h}시간") for h in HOURS_AFTER_VALUES if h < before]


def _read_other_months(text: str, data: Data, _today: date) -> Data:
    low, high = MONTH_RANGE["parental"]
    return {**data, "other_months": parse_months(text, low, high)}


def _read_other_months_button(value: str, data: Data) -> Data:
    return {**data, "other_months": None if value == SKIP_OTHER_MONTHS.value else int(value)}


def _read_child_birth_button(_value: str, data: Data) -> Data:
    return {**data, "child_birth": None}


def _event_buttons(data: Data) -> list[Choice]:
    entered = data.get("events", {})
    left = [c for c in EVENTS if c.value not in entered]
    return [*left, EVENT_DONE] if entered else left


def _read_event(value: str, data: Data) -> Data:
    return {**data, "pending_event": None if value == "done" else value}


def _read_event_date(text: str, data: Data, today: date) -> Data:
    event = data["pending_event"]
    day = parse_date(text, today, when=EVENT_WHEN[event])
    return {
        **data,
        "events": {**data.get("events", {}), event: day.isoformat()},
        "pending_event": None,
    }


def _after_event(data: Data) -> str | None:
    return "event_date" if data.get("pending_event") else None


def _after_event_date(data: Data) -> str | None:
    """Deadlines repeat until the parent presses "done" or has entered every event."""
    return None if len(data.get("events", {})) == len(EVENTS) else "event"


STEPS: Final[dict[str, Step[Data]]] = {
    "kind": Step(
        fixed(texts.Q_KIND),
        buttons(KINDS),
        read_choice=_read_kind,
        when=lambda d: d.get("kind") is None,
    ),
    "wage": Step(fixed(texts.Q_WAGE), read_text=_read_wage),
    "start": Step(lambda d: texts.Q_START[d["kind"]], read_text=_date_reader("start")),
    "months": Step(
        lambda d: texts.Q_MONTHS[d["kind"]],
        buttons(MONTH_BUTTONS),
        _read_months,
        _read_months_button,
    ),
    "single_parent": Step(
        fixed(texts.Q_SINGLE_PARENT), buttons(YES_NO), read_choice=_yes_no("single_parent")
    ),
    "other_parent": Step(
        fixed(texts.Q_OTHER_PARENT),
        buttons(YES_NO),
        read_choice=_yes_no("other_parent"),
        when=lambda d: not d.get("single_parent"),
    ),
    "other_start": Step(
        fixed(texts.Q_OTHER_START),
        read_text=_date_reader("other_start"),
        when=lambda d: bool(d.get("other_parent")),
    ),
    "other_months": Step(
        fixed(texts.Q_OTHER_MONTHS),
        buttons(OTHER_MONTH_BUTTONS),
        _read_other_months,
        _read_other_months_button,
        when=lambda d: bool(d.get("other_parent")),
    ),
    "child_birth": Step(
        fixed(texts.Q_CHILD_BIRTH),
        buttons([SKIP_BIRTH]),
        _date_reader("child_birth"),
        _read_child_birth_button,
        when=lambda d: bool(d.get("other_parent")),
    ),
    "company": Step(fixed(texts.Q_COMPANY), buttons(COMPANIES), read_choice=_read_company),
    "birth": Step(fixed(texts.Q_BIRTH), buttons(BIRTHS)),
    "hours_before": Step(
        fixed(texts.Q_HOURS_BEFORE), buttons(HOURS_BEFORE_BUTTONS), _read_hours_before
    ),
    "hours_after": Step(fixed(texts.Q_HOURS_AFTER), _hours_after_buttons, _read_hours_after),
    "event": Step(
        lambda d: texts.Q_EVENT_MORE if d.get("events") else texts.Q_EVENT,
        _event_buttons,
        read_choice=_read_event,
        then=_after_event,
    ),
    "event_date": Step(
        lambda d: texts.Q_EVENT_DATE[d["pending_event"]],
        read_text=_read_event_date,
        then=_after_event_date,
    ),
}


def _order(data: Data) -> Sequence[str]:
    if data.get("recheck"):  # a date re-asked after the result refused it: the rest is there
        return ("start",)
    return (FIRST_STEP, *KIND_STEPS.get(data.get("kind") or "", ()))


FLOW: Final[Flow[Data]] = Flow(
    steps=STEPS,
    order=_order,
    assign=lambda data, step, value: {**data, step: value},
    choose_button=texts.CHOOSE_BUTTON,
    typed_labels=True,
)


def first_step(kind: str | None) -> str:
    return FLOW.first_step({"kind": kind})


def next_step(step: str, data: Data) -> str | None:
    """The step after `step` for these answers; None when the result can be computed."""
    return FLOW.next_step(step, data)


def prompt(step: str, data: Data) -> Prompt:
    """The question for `step`."""
    return FLOW.prompt(step, data)


def accept_choice(step: str, value: str, data: Data) -> Data:
    """New answers after a button press; InvalidAnswer for a value not offered."""
    return FLOW.accept_choice(step, value, data)


def accept_text(step: str, text: str, data: Data, today: date) -> Data:
    """New answers after a typed reply; a typed button label counts as pressing it."""
    return FLOW.accept_text(step, text, data, today)
