"""The intake questions as a step table for `bot.dialog`: what is asked, in which order, when.

The table depends on the FAQ's topic groups and the retention policy, so `intake_flow`
builds it for the current ones; the answers are an `IntakeData`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from bot import texts
from bot.calc.eligibility import Purpose
from bot.dialog import Choice, Flow, InvalidAnswer, Step, buttons, fixed, label
from bot.intake.data import IntakeData
from bot.intake.parsing import (
    Lean,
    When,
    parse_date,
    parse_email,
    parse_phone,
    validate_description,
)
from bot.korean import korean_date

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
CONFIRM: Final = [
    Choice("submit", texts.CONFIRM_SUBMIT),
    Choice("edit", texts.CONFIRM_EDIT),
    Choice("cancel", texts.CONFIRM_CANCEL),
]
SKIP: Final = Choice("skip", texts.INTAKE_SKIP)
OTHER_TOPIC: Final = Choice("other", texts.OTHER_TOPIC)

LEAVE_TOPICS: Final = frozenset({"parental-leave", "childcare-time", "pregnancy", "childbirth"})
DateKind = Literal["dismissal", "resignation", "due_date", "leave_start"]


@dataclass(frozen=True)
class DateField:
    """How a date answer is read: the question, which days it allows, which year it leans to."""

    question: str
    when: When
    lean: Lean


DATE_FIELDS: Final[dict[str, DateField]] = {
    # A dismissal may be announced for the coming weeks (해고예고 is 30 days).
    "dismissal": DateField(texts.INTAKE_Q_DATE_DISMISSAL, "any", "recent_or_soon"),
    "resignation": DateField(texts.INTAKE_Q_DATE_RESIGNATION, "past", "recent"),
    "due_date": DateField(texts.INTAKE_Q_DATE_DUE, "any", "next"),
    "leave_start": DateField(texts.INTAKE_Q_DATE_LEAVE, "any", "next"),
    "leave_started": DateField(texts.INTAKE_Q_DATE_LEAVE_STARTED, "past", "recent"),
    "hired_on": DateField(texts.INTAKE_Q_HIRED_ON, "past", "recent"),
    "dismissal_notice_on": DateField(texts.INTAKE_Q_DISMISSAL_NOTICE, "past", "recent"),
}
CONTACT_TIME_LIMIT: Final = 50
PRECHECK_PURPOSES: Final[dict[str, Purpose]] = {
    "parental-leave": "parental-leave",
    "childcare-time": "reduced-hours",
    "childbirth": "maternity-leave",
    "pregnancy": "maternity-leave",
}
EMPLOYED: Final = ("working", "on_leave")
STEPS: Final = (
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
    "dismissal_notice_on",
    "description",
    "contact_method",
    "contact_value",
    "contact_time",
    "confirm",
)
#: "센터와 바로 연결" after crisis words: consent and how to reach the parent, nothing else.
CRISIS_CONNECT_STEPS: Final = (
    "consent",
    "consent_sensitive",
    "contact_method",
    "contact_value",
    "confirm",
)
FIRST_STEP: Final = STEPS[0]
SUMMARY_STEP: Final = "confirm"


def key_date_kind(data: IntakeData) -> DateKind | None:
    """Which date matters for this request, if any."""
    if data.status == "dismissed":
        return "dismissal"
    if data.status == "resigned":
        return "resignation"
    if data.topic in ("parental-leave", "childcare-time") or data.leave_refused == "yes":
        return "leave_start"
    if data.topic in ("pregnancy", "childbirth"):
        return "due_date"
    return None


def _keep(_value: str, data: IntakeData) -> IntakeData:
    return data  # consent and confirm: the service acts on the button, nothing is stored


def _key_date_field(data: IntakeData) -> DateField | None:
    kind = key_date_kind(data)
    if kind == "leave_start" and data.status == "on_leave":
        return DATE_FIELDS["leave_started"]  # the leave has begun: its start is behind
    return DATE_FIELDS[kind] if kind else None


def _read_date(text: str, field: DateField, today: date) -> date:
    return parse_date(text, today, when=field.when, lean=field.lean)


def _read_key_date(text: str, data: IntakeData, today: date) -> IntakeData:
    kind, field = key_date_kind(data), _key_date_field(data)
    if kind is None or field is None:
        raise InvalidAnswer(texts.INTAKE_CHOOSE_BUTTON)
    day = _read_date(text, field, today)
    if kind == "leave_start" and data.hired_on is not None and day <= data.hired_on:
        hired = korean_date(data.hired_on)
        raise InvalidAnswer(texts.INTAKE_LEAVE_BEFORE_HIRE.format(hired=hired))
    announced = kind == "dismissal" and day > today
    return data.answer(
        key_date=day,
        key_date_kind=kind,
        dismissal_announced=announced,
        dismissal_notice_on=None,
    )


def _skip_key_date(_value: str, data: IntakeData) -> IntakeData:
    return data.answer(key_date=None, key_date_kind=key_date_kind(data), dismissal_announced=False)


def _key_date_question(data: IntakeData) -> str:
    field = _key_date_field(data)
    return field.question if field else ""


def _read_notice_date(text: str, data: IntakeData, today: date) -> IntakeData:
    return data.answer(
        dismissal_notice_on=_read_date(text, DATE_FIELDS["dismissal_notice_on"], today)
    )


def _read_contact_method(value: str, data: IntakeData) -> IntakeData:
    if value == "telegram":
        return data.answer(contact_method=value, contact_value=None)
    return data.answer(contact_method=value)


def _read_contact_value(text: str, data: IntakeData, _today: date) -> IntakeData:
    is_phone = data.contact_method == "phone"
    return data.answer(contact_value=parse_phone(text) if is_phone else parse_email(text))


def _read_contact_time(text: str, data: IntakeData, _today: date) -> IntakeData:
    value = " ".join(text.split())
    if not value or len(value) > CONTACT_TIME_LIMIT:
        raise InvalidAnswer(texts.INTAKE_CONTACT_TIME_TOO_LONG)
    return data.answer(contact_time=value)


def _description_question(data: IntakeData) -> str:
    if data.sensitive_consent:
        return texts.INTAKE_Q_DESCRIPTION
    return texts.INTAKE_Q_DESCRIPTION + texts.INTAKE_Q_DESCRIPTION_NO_HEALTH


def _employment_steps() -> dict[str, Step[IntakeData]]:
    return {
        "role": Step(fixed(texts.INTAKE_Q_ROLE), buttons(ROLES)),
        "workplace_size": Step(fixed(texts.INTAKE_Q_WORKPLACE_SIZE), buttons(WORKPLACE_SIZES)),
        "contract": Step(fixed(texts.INTAKE_Q_CONTRACT), buttons(CONTRACTS)),
        "status": Step(fixed(texts.INTAKE_Q_STATUS), buttons(STATUSES)),
        "hired_on": Step(
            fixed(texts.INTAKE_Q_HIRED_ON),
            buttons([SKIP]),
            lambda text, d, today: d.answer(
                hired_on=_read_date(text, DATE_FIELDS["hired_on"], today)
            ),
            lambda _value, d: d.answer(hired_on=None),
            when=lambda d: d.topic in PRECHECK_PURPOSES and d.status in EMPLOYED,
        ),
        "leave_refused": Step(
            fixed(texts.INTAKE_Q_LEAVE_REFUSED),
            buttons(LEAVE_REFUSED),
            when=lambda d: d.topic in LEAVE_TOPICS and d.status in EMPLOYED,
        ),
        "key_date": Step(
            _key_date_question,
            buttons([SKIP]),
            _read_key_date,
            _skip_key_date,
            when=lambda d: key_date_kind(d) is not None,
        ),
        "dismissal_notice_on": Step(
            fixed(texts.INTAKE_Q_DISMISSAL_NOTICE),
            buttons([SKIP]),
            _read_notice_date,
            lambda _value, d: d.answer(dismissal_notice_on=None),
            when=lambda d: key_date_kind(d) == "dismissal" and bool(d.dismissal_announced),
        ),
    }


def _contact_steps() -> dict[str, Step[IntakeData]]:
    return {
        "description": Step(
            _description_question,
            read_text=lambda text, d, _today: d.answer(description=validate_description(text)),
        ),
        "contact_method": Step(
            fixed(texts.INTAKE_Q_CONTACT_METHOD),
            buttons(CONTACT_METHODS),
            read_choice=_read_contact_method,
        ),
        "contact_value": Step(
            lambda d: (
                texts.INTAKE_Q_PHONE if d.contact_method == "phone" else texts.INTAKE_Q_EMAIL
            ),
            read_text=_read_contact_value,
            when=lambda d: d.contact_method in ("phone", "email"),
        ),
        "contact_time": Step(
            fixed(texts.INTAKE_Q_CONTACT_TIME),
            buttons(CONTACT_TIMES),
            _read_contact_time,
            lambda value, d: d.answer(contact_time=label(CONTACT_TIMES, value)),
        ),
    }


def intake_flow(
    topics: list[Choice],
    *,
    retention_years: int,
    draft_days: int,
    summary: Callable[[IntakeData], str],
) -> Flow[IntakeData]:
    """The intake's steps for these topic groups; `summary` renders the answers to confirm."""
    consent = texts.INTAKE_CONSENT.format(years=retention_years, draft_days=draft_days)
    steps: dict[str, Step[IntakeData]] = {
        "consent": Step(fixed(consent), buttons(YES_NO_CONSENT), read_choice=_keep),
        "consent_sensitive": Step(
            fixed(texts.INTAKE_CONSENT_SENSITIVE),
            buttons(YES_NO_CONSENT),
            read_choice=lambda value, d: d.answer(sensitive_consent=value == "yes"),
        ),
        "topic": Step(fixed(texts.INTAKE_Q_TOPIC), buttons([*topics, OTHER_TOPIC])),
        **_employment_steps(),
        **_contact_steps(),
        "confirm": Step(
            lambda d: texts.INTAKE_Q_CONFIRM.format(summary=summary(d)),
            buttons(CONFIRM),
            read_choice=_keep,
        ),
    }
    return Flow(
        steps=steps,
        order=lambda data: CRISIS_CONNECT_STEPS if data.is_crisis_connect else STEPS,
        assign=lambda data, step, value: data.answer(**{step: value}),
        choose_button=texts.INTAKE_CHOOSE_BUTTON,
        summary=SUMMARY_STEP,
    )
