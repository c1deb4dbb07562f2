"""The calculator dialog (/calc) as a pure state machine: steps, prompts, validation, result.

Each calculator is a row of `KIND_STEPS`; each step a row of `STEPS` (question, buttons, how a
typed answer or a button changes the answers). The answers live in one JSON-able dict, whose
`kind` says which calculator runs; `result_text` feeds them to the calculators in
`bot.calc` and returns the plain-text result.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Final

from bot.calc import texts
from bot.calc.common import MAX_MONTHLY_WAGE, man_won, won
from bot.calc.deadlines import deadlines
from bot.calc.maternity import maternity_leave_pay, spouse_leave_pay
from bot.calc.parental import parental_leave_pay
from bot.calc.reduced_hours import reduced_hours_pay
from bot.calc.render import (
    render_deadlines,
    render_maternity_leave_pay,
    render_parental_leave_pay,
    render_reduced_hours_pay,
    render_spouse_leave_pay,
)
from bot.calc.tables import RuleBook
from bot.intake.flow import Choice, Prompt
from bot.intake.parsing import InvalidAnswer, When, parse_date

Data = dict[str, Any]

KINDS: Final = [
    Choice("parental", texts.KIND_PARENTAL),
    Choice("maternity", texts.KIND_MATERNITY),
    Choice("reduced_hours", texts.KIND_REDUCED_HOURS),
    Choice("spouse", texts.KIND_SPOUSE),
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
        "child_birth",
    ),
    "maternity": ("wage", "start", "company", "birth"),
    "reduced_hours": ("wage", "hours_before", "hours_after", "start", "months"),
    "spouse": ("wage", "start", "company"),
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
]
EVENT_DONE: Final = Choice("done", texts.EVENT_DONE)
EVENT_WHEN: Final[dict[str, When]] = {
    "dismissal": "past",
    "resignation": "past",
    "leave_end": "any",
    "discrimination": "past",
}
SKIP_BIRTH: Final = Choice("skip", texts.SKIP_BIRTH)
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


@dataclass(frozen=True)
class Step:
    """One question: its text and buttons for the answers so far, and how answers are read."""

    question: Callable[[Data], str]
    choices: Callable[[Data], list[Choice]]
    read_text: TextReader | None = None  # None: buttons only
    read_choice: ChoiceReader | None = None  # None: the button's value is stored as is


def _fixed(text: str) -> Callable[[Data], str]:
    return lambda _data: text


def _buttons(choices: list[Choice]) -> Callable[[Data], list[Choice]]:
    return lambda _data: choices


def _no_buttons(_data: Data) -> list[Choice]:
    return []


def _read_wage(text: str, data: Data, _today: date) -> Data:
    wage, assumed_man = parse_wage(text)
    return {**data, "wage": wage, "wage_typed": text.strip()[:20] if assumed_man else None}


def _date_reader(key: str, when: When = "any") -> TextReader:
    def read(text: str, data: Data, today: date) -> Data:
        return {**data, key: parse_date(text, today, when=when).isoformat()}

    return read


def _read_months(text: str, data: Data, _today: date) -> Data:
    low, high = MONTH_RANGE[data["kind"]]
    return {**data, "months": parse_months(text, low, high)}


def _read_months_button(value: str, data: Data) -> Data:
    return {**data, "months": int(value)}


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


STEPS: Final[dict[str, Step]] = {
    "kind": Step(_fixed(texts.Q_KIND), _buttons(KINDS)),
    "wage": Step(_fixed(texts.Q_WAGE), _no_buttons, _read_wage),
    "start": Step(lambda d: texts.Q_START[d["kind"]], _no_buttons, _date_reader("start")),
    "months": Step(
        lambda d: texts.Q_MONTHS[d["kind"]],
        _buttons(MONTH_BUTTONS),
        _read_months,
        _read_months_button,
    ),
    "single_parent": Step(
        _fixed(texts.Q_SINGLE_PARENT), _buttons(YES_NO), read_choice=_yes_no("single_parent")
    ),
    "other_parent": Step(
        _fixed(texts.Q_OTHER_PARENT), _buttons(YES_NO), read_choice=_yes_no("other_parent")
    ),
    "other_start": Step(_fixed(texts.Q_OTHER_START), _no_buttons, _date_reader("other_start")),
    "child_birth": Step(
        _fixed(texts.Q_CHILD_BIRTH),
        _buttons([SKIP_BIRTH]),
        _date_reader("child_birth"),
        _read_child_birth_button,
    ),
    "company": Step(_fixed(texts.Q_COMPANY), _buttons(COMPANIES), read_choice=_read_company),
    "birth": Step(_fixed(texts.Q_BIRTH), _buttons(BIRTHS)),
    "hours_before": Step(
        _fixed(texts.Q_HOURS_BEFORE), _buttons(HOURS_BEFORE_BUTTONS), _read_hours_before
    ),
    "hours_after": Step(_fixed(texts.Q_HOURS_AFTER), _hours_after_buttons, _read_hours_after),
    "event": Step(
        lambda d: texts.Q_EVENT_MORE if d.get("events") else texts.Q_EVENT,
        _event_buttons,
        read_choice=_read_event,
    ),
    "event_date": Step(
        lambda d: texts.Q_EVENT_DATE[d["pending_event"]], _no_buttons, _read_event_date
    ),
}

_CONDITIONS: Final[dict[str, Callable[[Data], bool]]] = {
    "other_parent": lambda d: not d.get("single_parent"),
    "other_start": lambda d: bool(d.get("other_parent")),
    "child_birth": lambda d: bool(d.get("other_parent")),
}


def first_step(kind: str | None) -> str:
    return FIRST_STEP if kind is None else KIND_STEPS[kind][0]


def next_step(step: str, data: Data) -> str | None:
    """The step after `step` for these answers; None when the result can be computed."""
    if step == FIRST_STEP:
        return first_step(data["kind"])
    if data["kind"] == "deadlines":
        if step == "event":
            return "event_date" if data.get("pending_event") else None
        return None if len(data.get("events", {})) == len(EVENTS) else "event"
    steps = KIND_STEPS[data["kind"]]
    for following in steps[steps.index(step) + 1 :]:
        condition = _CONDITIONS.get(following)
        if condition is None or condition(data):
            return following
    return None


def prompt(step: str, data: Data) -> Prompt:
    """The question for `step`."""
    spec = STEPS[step]
    return Prompt(step, spec.question(data), spec.choices(data), spec.read_text is not None)


def accept_choice(step: str, value: str, data: Data) -> Data:
    """New answers after a button press; InvalidAnswer for a value not offered."""
    spec = STEPS[step]
    if value not in {c.value for c in spec.choices(data)}:
        raise InvalidAnswer(texts.CHOOSE_BUTTON)
    if step == FIRST_STEP:
        return {"kind": value}
    if spec.read_choice is not None:
        return spec.read_choice(value, data)
    return {**data, step: value}


def accept_text(step: str, text: str, data: Data, today: date) -> Data:
    """New answers after a typed reply; a typed button label counts as pressing it."""
    spec = STEPS[step]
    if spec.read_text is not None:
        return spec.read_text(text, data, today)
    typed = " ".join(text.split())
    for choice in spec.choices(data):
        if typed in (choice.label, choice.value):
            return accept_choice(step, choice.value, data)
    raise InvalidAnswer(texts.CHOOSE_BUTTON)


# --- the result ------------------------------------------------------------------------------


def _day(data: Data, key: str) -> date | None:
    value = data.get(key)
    return date.fromisoformat(value) if value else None


def _start(data: Data) -> date:
    return date.fromisoformat(data["start"])  # always asked before the result


def _wage_notes(data: Data) -> list[str]:
    if not data.get("wage_typed"):
        return []
    return [texts.ASSUMED_MAN_WON.format(typed=data["wage_typed"], amount=won(data["wage"]))]


def _with_notes(result: Any, notes: list[str]) -> Any:
    """The result with the dialog's own assumptions first in its assumptions."""
    return dataclasses.replace(result, assumptions=(*notes, *result.assumptions))


def _parental(data: Data, rules: RuleBook, _today: date) -> str:
    result = parental_leave_pay(
        rules,
        monthly_wage=data["wage"],
        start=_start(data),
        months=data["months"],
        single_parent=bool(data.get("single_parent")),
        other_parent_start=_day(data, "other_start") if data.get("other_parent") else None,
        child_birth=_day(data, "child_birth"),
    )
    return render_parental_leave_pay(_with_notes(result, _wage_notes(data)))


def _maternity(data: Data, rules: RuleBook, _today: date) -> str:
    result = maternity_leave_pay(
        rules,
        monthly_wage=data["wage"],
        start=_start(data),
        company=data["company"],
        birth=data["birth"],
    )
    notes = _wage_notes(data)
    if data.get("company_assumed"):
        notes.append(texts.ASSUMED_COMPANY_MATERNITY)
    return render_maternity_leave_pay(_with_notes(result, notes))


def _spouse(data: Data, rules: RuleBook, _today: date) -> str:
    result = spouse_leave_pay(
        rules, monthly_wage=data["wage"], start=_start(data), company=data["company"]
    )
    notes = _wage_notes(data)
    if data.get("company_assumed"):
        notes.append(texts.ASSUMED_COMPANY_SPOUSE)
    return render_spouse_leave_pay(_with_notes(result, notes))


def _reduced_hours(data: Data, rules: RuleBook, _today: date) -> str:
    result = reduced_hours_pay(
        rules,
        monthly_wage=data["wage"],
        hours_before=float(data["hours_before"]),
        hours_after=float(data["hours_after"]),
        start=_start(data),
        months=data["months"],
    )
    return render_reduced_hours_pay(_with_notes(result, _wage_notes(data)))


def _deadlines(data: Data, _rules: RuleBook, today: date) -> str:
    events = {kind: date.fromisoformat(day) for kind, day in data.get("events", {}).items()}
    items = deadlines(
        today=today,
        dismissal=events.get("dismissal"),
        discrimination=events.get("discrimination"),
        leave_end=events.get("leave_end"),
        wage_due=events.get("resignation"),
    )
    text = render_deadlines(items, today)
    if "resignation" in events:
        text += f"\n\n{texts.DEADLINE_NOTES_TITLE}\n- {texts.NOTE_RESIGNATION}"
    return text


RESULTS: Final[dict[str, Callable[[Data, RuleBook, date], str]]] = {
    "parental": _parental,
    "maternity": _maternity,
    "spouse": _spouse,
    "reduced_hours": _reduced_hours,
    "deadlines": _deadlines,
}


def result_text(data: Data, rules: RuleBook, today: date) -> str:
    """The calculator's plain-text result for complete answers.

    Raises:
        CalcInputError: the calculators refuse the answers (RuleNotInForceError when a date
            is outside the rule tables).
    """
    return RESULTS[data["kind"]](data, rules, today)
