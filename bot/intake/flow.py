"""The intake questions as a pure state machine: which step comes next, and validation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Final, Literal

from bot import texts
from bot.calc.eligibility import Purpose
from bot.dialog import Choice, InvalidAnswer, Prompt
from bot.intake.parsing import (
    parse_date,
    parse_email,
    parse_phone,
    validate_description,
)

ROLES: Final = [Choice("mother", "엄마"), Choice("father", "아빠"), Choice("other", "가족·기타")]
WORKPLACE_SIZES: Final = [
    Choice("lt5", "5명 미만"),
    Choice("5-29", "5~29명"),
    Choice("30-299", "30~299명"),
    Choice("300+", "300명 이상"),
    Choice("unknown", "잘 모르겠어요"),
]
CONTRACTS: Final = [
    Choice("regular", "정규직"),
    Choice("fixed_term", "계약직(기간제)"),
    Choice("dispatched", "파견·용역"),
    Choice("freelance", "특수고용·프리랜서"),
]
STATUSES: Final = [
    Choice("working", "일하고 있어요"),
    Choice("on_leave", "휴가·휴직 중이에요"),
    Choice("dismissed", "해고됐어요"),
    Choice("resigned", "퇴사했어요(권고사직 포함)"),
]
LEAVE_REFUSED: Final = [
    Choice("yes", "네, 거부당했어요"),
    Choice("no", "아니요"),
    Choice("not_yet", "아직 신청 전이에요"),
]
CONTACT_METHODS: Final = [
    Choice("telegram", "텔레그램으로만"),
    Choice("phone", "전화"),
    Choice("email", "이메일"),
]
CONTACT_TIMES: Final = [
    Choice("weekday_am", "평일 오전"),
    Choice("weekday_pm", "평일 오후"),
    Choice("anytime", "언제든 괜찮아요"),
]
YES_NO_CONSENT: Final = [Choice("yes", texts.CONSENT_AGREE), Choice("no", texts.CONSENT_DISAGREE)]
CONFIRM: Final = [Choice("submit", texts.CONFIRM_SUBMIT), Choice("cancel", texts.CONFIRM_CANCEL)]
SKIP: Final = Choice("skip", texts.INTAKE_SKIP)
OTHER_TOPIC: Final = Choice("other", texts.OTHER_TOPIC)

LEAVE_TOPICS: Final = frozenset({"parental-leave", "childcare-time", "pregnancy", "childbirth"})
DateKind = Literal["dismissal", "resignation", "due_date", "leave_start"]
_DATE_QUESTIONS: Final[dict[str, tuple[str, Literal["past", "future", "any"]]]] = {
    "dismissal": (texts.INTAKE_Q_DATE_DISMISSAL, "past"),
    "resignation": (texts.INTAKE_Q_DATE_RESIGNATION, "past"),
    "due_date": (texts.INTAKE_Q_DATE_DUE, "any"),
    "leave_start": (texts.INTAKE_Q_DATE_LEAVE, "any"),
}
CONTACT_TIME_LIMIT: Final = 50


def key_date_kind(data: dict[str, Any]) -> DateKind | None:
    """Which date matters for this request, if any."""
    status, topic = data.get("status"), data.get("topic")
    if status == "dismissed":
        return "dismissal"
    if status == "resigned":
        return "resignation"
    if topic in ("parental-leave", "childcare-time") or data.get("leave_refused") == "yes":
        return "leave_start"
    if topic in ("pregnancy", "childbirth"):
        return "due_date"
    return None


PRECHECK_PURPOSES: Final[dict[str, Purpose]] = {
    "parental-leave": "parental-leave",
    "childcare-time": "reduced-hours",
    "childbirth": "maternity-leave",
    "pregnancy": "maternity-leave",
}

_CONDITIONS: Final[dict[str, Callable[[dict[str, Any]], bool]]] = {
    "hired_on": lambda d: (
        d.get("topic") in PRECHECK_PURPOSES and d.get("status") in ("working", "on_leave")
    ),
    "leave_refused": lambda d: (
        d.get("topic") in LEAVE_TOPICS and d.get("status") in ("working", "on_leave")
    ),
    "key_date": lambda d: key_date_kind(d) is not None,
    "contact_value": lambda d: d.get("contact_method") in ("phone", "email"),
}
STEPS: Final = [
    "consent",
    "consent_sensitive",
    "topic",
    "role",
    "workplace_size",
    "contract",
    "status",
    "hired_on",
    "leave_refused",
    "key_date",
    "description",
    "contact_method",
    "contact_value",
    "contact_time",
    "confirm",
]
FIRST_STEP: Final = STEPS[0]
TEXT_STEPS: Final = frozenset(
    {"hired_on", "key_date", "description", "contact_value", "contact_time"}
)


def next_step(current: str, data: dict[str, Any]) -> str | None:
    """The step after `current` that applies to these answers (None after confirm)."""
    for step in STEPS[STEPS.index(current) + 1 :]:
        condition = _CONDITIONS.get(step)
        if condition is None or condition(data):
            return step
    return None


def choices_for(step: str, topics: list[Choice]) -> list[Choice]:
    return {
        "consent": YES_NO_CONSENT,
        "consent_sensitive": YES_NO_CONSENT,
        "topic": [*topics, OTHER_TOPIC],
        "role": ROLES,
        "workplace_size": WORKPLACE_SIZES,
        "contract": CONTRACTS,
        "status": STATUSES,
        "leave_refused": LEAVE_REFUSED,
        "key_date": [SKIP],
        "hired_on": [SKIP],
        "contact_method": CONTACT_METHODS,
        "contact_time": CONTACT_TIMES,
        "confirm": CONFIRM,
    }.get(step, [])


def prompt(
    step: str,
    data: dict[str, Any],
    topics: list[Choice],
    *,
    retention_years: int,
    draft_days: int,
    summary: str = "",
) -> Prompt:
    """The question for `step`."""
    text = {
        "consent": texts.INTAKE_CONSENT.format(years=retention_years, draft_days=draft_days),
        "consent_sensitive": texts.INTAKE_CONSENT_SENSITIVE,
        "topic": texts.INTAKE_Q_TOPIC,
        "role": texts.INTAKE_Q_ROLE,
        "workplace_size": texts.INTAKE_Q_WORKPLACE_SIZE,
        "contract": texts.INTAKE_Q_CONTRACT,
        "status": texts.INTAKE_Q_STATUS,
        "leave_refused": texts.INTAKE_Q_LEAVE_REFUSED,
        "hired_on": texts.INTAKE_Q_HIRED_ON,
        "description": texts.INTAKE_Q_DESCRIPTION
        + ("" if data.get("sensitive_consent") else texts.INTAKE_Q_DESCRIPTION_NO_HEALTH),
        "contact_method": texts.INTAKE_Q_CONTACT_METHOD,
        "contact_value": texts.INTAKE_Q_PHONE
        if data.get("contact_method") == "phone"
        else texts.INTAKE_Q_EMAIL,
        "contact_time": texts.INTAKE_Q_CONTACT_TIME,
        "confirm": texts.INTAKE_Q_CONFIRM.format(summary=summary),
    }.get(step, "")
    if step == "key_date":
        kind = key_date_kind(data)
        text = _DATE_QUESTIONS[kind][0] if kind else ""
    return Prompt(step, text, choices_for(step, topics), step in TEXT_STEPS)


def accept_choice(
    step: str, value: str, data: dict[str, Any], topics: list[Choice]
) -> dict[str, Any]:
    """New answers after a button press; InvalidAnswer for a value not offered."""
    if value not in {c.value for c in choices_for(step, topics)}:
        raise InvalidAnswer(texts.INTAKE_CHOOSE_BUTTON)
    updated = dict(data)
    if step == "key_date":  # the skip button
        updated.update(key_date=None, key_date_kind=key_date_kind(data))
    elif step == "hired_on":  # the skip button
        updated["hired_on"] = None
    elif step == "contact_time":
        updated["contact_time"] = label(CONTACT_TIMES, value)
    elif step == "consent_sensitive":
        updated["sensitive_consent"] = value == "yes"
    elif step not in ("consent", "confirm"):
        updated[step] = value
    if step == "contact_method" and value == "telegram":
        updated["contact_value"] = None
    return updated


def accept_text(step: str, text: str, data: dict[str, Any], today: date) -> dict[str, Any]:
    """New answers after a typed reply; InvalidAnswer with a Korean message when invalid."""
    updated = dict(data)
    if step == "key_date":
        kind = key_date_kind(data)
        if kind is None:
            raise InvalidAnswer(texts.INTAKE_CHOOSE_BUTTON)
        updated["key_date"] = parse_date(text, today, when=_DATE_QUESTIONS[kind][1]).isoformat()
        updated["key_date_kind"] = kind
    elif step == "hired_on":
        updated["hired_on"] = parse_date(text, today, when="past").isoformat()
    elif step == "description":
        updated["description"] = validate_description(text)
    elif step == "contact_value":
        is_phone = data.get("contact_method") == "phone"
        updated["contact_value"] = parse_phone(text) if is_phone else parse_email(text)
    elif step == "contact_time":
        value = " ".join(text.split())
        if not value or len(value) > CONTACT_TIME_LIMIT:
            raise InvalidAnswer(texts.INTAKE_CONTACT_TIME_TOO_LONG)
        updated["contact_time"] = value
    else:
        raise InvalidAnswer(texts.INTAKE_CHOOSE_BUTTON)
    return updated


def label(choices: list[Choice], value: str | None) -> str:
    return next((c.label for c in choices if c.value == value), "-")
