"""Triage of a finished intake: urgency, a suggested case type and the legal deadlines.

Urgency comes from small rule functions `(answers, today) -> Finding | None`; the intake is
urgent when any finding is. Reasons are staff-facing Korean lines in rule order. Everything
is computed from the answers and `today` only, so the same input always gives the same result.

Deadlines follow the civil-code period rules in `bot.intake.dates.period_end`: the event day
is not counted, and a month-end event ends on the target month's end (2026-11-30 + 3 months
→ 2027-02-28). Days left are `due - today`: 0 is the last day itself, negative has passed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from bot.intake.dates import add_months, period_end
from bot.korean import korean_date
from bot.vocabulary import Urgency

__all__ = [
    "CASE_TYPES",
    "Deadline",
    "Finding",
    "IntakeAnswers",
    "Triage",
    "add_months",
    "announced_dismissal_rule",
    "compute_deadlines",
    "crisis_rule",
    "dismissal_remedy_rule",
    "due_date_rule",
    "leave_start_rule",
    "period_end",
    "refused_leave_rule",
    "suggest_case_type",
    "triage",
]


# Known answer values (the dialog may also send workplace_size "unknown").
TOPICS: Final = frozenset(
    {
        "pregnancy",
        "childbirth",
        "parental-leave",
        "childcare-time",
        "protection",
        "center",
        "other",
    }
)
ROLES: Final = frozenset({"mother", "father", "other"})
WORKPLACE_SIZES: Final = frozenset({"lt5", "5-29", "30-299", "300+", "unknown"})
CONTRACTS: Final = frozenset({"regular", "fixed_term", "dispatched", "freelance"})
STATUSES: Final = frozenset({"working", "on_leave", "left"})
KEY_DATE_KINDS: Final = frozenset({"dismissal", "resignation", "due_date", "leave_start"})

CASE_GENERAL: Final = "종합상담"
CASE_REPRESENTATION: Final = "사건대리 검토"
CASE_PSYCHOLOGICAL: Final = "심리상담 연계"
CASE_MEDICAL: Final = "의료지원 연계"
CASE_CARE: Final = "돌봄 연계"
CASE_TYPES: Final = (
    CASE_GENERAL,
    CASE_REPRESENTATION,
    CASE_PSYCHOLOGICAL,
    CASE_MEDICAL,
    CASE_CARE,
)

REMEDY_MONTHS: Final = 3  # 근기법 제28조②
DISCRIMINATION_MONTHS: Final = 6  # 고평법 제26조
WAGE_CLAIM_MONTHS: Final = 36  # 근기법 제49조
LEAVE_NOTICE_DAYS: Final = 30  # 고평법 영 제11조①
NOTICE_DAYS: Final = 30  # 해고예고, 근기법 제26조
REMEDY_URGENT_DAYS: Final = 30
LEAVE_START_URGENT_DAYS: Final = 7
REFUSED_LEAVE_URGENT_DAYS: Final = 30
DUE_DATE_URGENT_DAYS: Final = 14


@dataclass(frozen=True)
class IntakeAnswers:
    """The structured intake answers triage looks at; values are the dialog's ids."""

    topic: str
    role: str
    workplace_size: str
    contract: str
    status: str
    key_date_kind: str | None
    key_date: date | None
    description: str
    has_crisis_words: bool
    leave_refused: bool
    dismissal_notice_on: date | None = None  # for a dismissal announced for a later day


@dataclass(frozen=True)
class Deadline:
    kind: str
    label: str
    due: date
    days_left: int


@dataclass(frozen=True)
class Triage:
    urgency: Urgency
    reasons: list[str]
    case_type: str
    deadlines: list[Deadline]


@dataclass(frozen=True)
class Finding:
    """What one rule found: a staff-facing reason and whether it makes the intake urgent."""

    reason: str
    is_urgent: bool


Rule = Callable[[IntakeAnswers, date], Finding | None]


def _key_date(answers: IntakeAnswers, kind: str) -> date | None:
    return answers.key_date if answers.key_date_kind == kind else None


def _countdown(days_left: int, on_the_day: str) -> str:
    if days_left > 0:
        return f"{days_left}일 남음"
    if days_left == 0:
        return on_the_day
    return f"{-days_left}일 지남"


# --- urgency rules ---------------------------------------------------------------------------


def crisis_rule(answers: IntakeAnswers, _today: date) -> Finding | None:
    """Crisis words anywhere in the intake (detected by the caller): always urgent."""
    if not answers.has_crisis_words:
        return None
    return Finding("위기 표현 있음 — 위기 상담 안내(109·1577-0199) 확인, 즉시 연락 필요", True)


def dismissal_remedy_rule(answers: IntakeAnswers, today: date) -> Finding | None:
    """The 3-month 부당해고 구제신청 window closes within 30 days, deadline day included.

    Urgent when 0 <= days left <= 30. A passed window is not urgent, and its reason points
    to the remedies still open. Workplaces under 5 employees cannot use the 노동위원회
    remedy, but the rule still flags the deadline: the parent's head count is often wrong
    (part-timers count), and staff must check it before the window closes.
    """
    dismissal = _key_date(answers, "dismissal")
    if dismissal is None:
        return None
    if dismissal > today:
        return None  # not yet in effect: announced_dismissal_rule
    due = period_end(dismissal, REMEDY_MONTHS)
    days_left = (due - today).days
    reason = (
        f"해고일 {korean_date(dismissal)} → 구제신청 기한 {korean_date(due)}, "
        f"{_countdown(days_left, '오늘 마감')}"
    )
    if days_left < 0:
        return Finding(f"{reason} — {_after_remedy_window(dismissal, today)}", False)
    if days_left > REMEDY_URGENT_DAYS:
        return None
    caveats = _remedy_caveats(answers)
    return Finding(f"{reason} ({'; '.join(caveats)})" if caveats else reason, True)


def announced_dismissal_rule(answers: IntakeAnswers, today: date) -> Finding | None:
    """A dismissal that takes effect later: urgent within 30 days, while it can still be
    contested before it happens; a notice under 30 days ahead means 해고예고수당 (근기법 제26조).
    """
    effective = _key_date(answers, "dismissal")
    if effective is None or effective <= today:
        return None
    days_left = (effective - today).days
    notice = answers.dismissal_notice_on
    notice_text = korean_date(notice) if notice else "확인 필요"
    parts = [
        f"해고 예고: 통보일 {notice_text}, 해고 예정일 {korean_date(effective)} "
        f"({_countdown(days_left, '오늘')}) — 서면 통지·해고 사유·해고 금지 기간 확인"
    ]
    if notice is not None and (effective - notice).days < NOTICE_DAYS:
        parts.append(f"예고 {(effective - notice).days}일 전(30일 미만) — 해고예고수당 검토")
    parts += _remedy_caveats(answers)
    return Finding("; ".join(parts), days_left <= REMEDY_URGENT_DAYS)


def _remedy_caveats(answers: IntakeAnswers) -> list[str]:
    caveats = []
    if answers.workplace_size == "lt5":
        caveats.append(
            "5인 미만 사업장은 노동위원회 부당해고 구제신청 대상 아님 — 상시근로자 수 확인 필요"
        )
    elif answers.workplace_size == "unknown":
        caveats.append("사업장 규모 모름 — 5인 미만 여부 확인 필요")
    if answers.contract == "freelance":
        caveats.append("특수고용·프리랜서 — 근로자성 검토 필요")
    return caveats


def _after_remedy_window(dismissal: date, today: date) -> str:
    discrimination_due = period_end(dismissal, DISCRIMINATION_MONTHS)
    days_left = (discrimination_due - today).days
    if days_left >= 0:
        return (
            "구제신청 기간 경과. 성별·임신·출산 이유라면 차별 시정신청 가능"
            f"(기한 {korean_date(discrimination_due)}, {_countdown(days_left, '오늘 마감')}), "
            "해고무효확인 소송·임금 청구 등 검토"
        )
    return "구제신청·차별 시정신청 기간 경과. 해고무효확인 소송(민사), 임금·퇴직금 청구 등 검토"


def leave_start_rule(answers: IntakeAnswers, today: date) -> Finding | None:
    """A leave starting today or within the next 7 days is urgent; started leaves are not."""
    start = _key_date(answers, "leave_start")
    if start is None:
        return None
    days_left = (start - today).days
    if not 0 <= days_left <= LEAVE_START_URGENT_DAYS:
        return None
    return Finding(
        f"휴가·휴직 시작일 {korean_date(start)}, {_countdown(days_left, '오늘 시작')}", True
    )


def refused_leave_rule(answers: IntakeAnswers, today: date) -> Finding | None:
    """A refused leave is urgent when its start date is today or within 30 days.

    A refusal with no start date, a start already past or further away is still reported,
    without urgency, so staff see the refusal.
    """
    if not answers.leave_refused:
        return None
    start = _key_date(answers, "leave_start")
    if start is None:
        return Finding("휴가·휴직 신청 거부 — 시작 예정일 확인 필요", False)
    days_left = (start - today).days
    reason = (
        f"휴가·휴직 신청 거부, 시작 예정일 {korean_date(start)} "
        f"({_countdown(days_left, '오늘 시작')})"
    )
    if 0 <= days_left <= REFUSED_LEAVE_URGENT_DAYS:
        return Finding(f"{reason} — 사업주 서면 통지·진정 여부 바로 확인", True)
    return Finding(reason, False)


def due_date_rule(answers: IntakeAnswers, today: date) -> Finding | None:
    """A parent still working with the due date today or within 14 days is urgent.

    출산전후휴가 may start up to 44 days before the birth, so still working two weeks before
    the due date often means the leave was refused or never arranged, and after the birth
    the parent is hard to reach. Fathers are left out: their 배우자 출산전후휴가 can be
    claimed until 120 days after the birth. A due date already past is not flagged.
    """
    if answers.role == "father" or answers.status != "working":
        return None
    due = _key_date(answers, "due_date")
    if due is None:
        return None
    days_left = (due - today).days
    if not 0 <= days_left <= DUE_DATE_URGENT_DAYS:
        return None
    return Finding(
        f"출산 예정일 {korean_date(due)} ({_countdown(days_left, '오늘')}), 아직 근무 중 — "
        "출산전후휴가 사용 여부 확인",
        True,
    )


RULES: Final[tuple[Rule, ...]] = (
    crisis_rule,
    dismissal_remedy_rule,
    announced_dismissal_rule,
    leave_start_rule,
    refused_leave_rule,
    due_date_rule,
)


# --- deadlines -------------------------------------------------------------------------------


def compute_deadlines(answers: IntakeAnswers, today: date) -> list[Deadline]:
    """Deadlines for display, earliest first; passed ones are kept with negative days_left.

    Dismissal: 부당해고 구제신청 (3 months), 차별 시정신청 (6 months) and the wage claim
    (3 years). Resignation: the wage claim. Parental-leave start: the application date 30
    days before. The 12-month benefit deadline needs the leave's end date, which the intake
    does not ask for, so it is not computed.
    """
    day, kind = answers.key_date, answers.key_date_kind
    if day is None:
        return []
    found: list[tuple[str, str, date]] = []
    if kind == "dismissal":
        found += [
            ("unfair_dismissal_remedy", "부당해고 구제신청", period_end(day, REMEDY_MONTHS)),
            ("discrimination_remedy", "차별 시정신청", period_end(day, DISCRIMINATION_MONTHS)),
        ]
    if kind in ("dismissal", "resignation"):
        found.append(
            ("wage_claim", "임금·퇴직금 청구(소멸시효)", period_end(day, WAGE_CLAIM_MONTHS))
        )
    if kind == "leave_start" and answers.topic == "parental-leave":
        found.append(
            (
                "parental_leave_application",
                "육아휴직 신청(시작 30일 전)",
                day - timedelta(days=LEAVE_NOTICE_DAYS),
            )
        )
    return sorted(
        (Deadline(k, label, due, (due - today).days) for k, label, due in found),
        key=lambda deadline: deadline.due,
    )


# --- case type -------------------------------------------------------------------------------

# Matched against the description with all whitespace removed ("잠을 못" == "잠을못").
_UNFAIR_TREATMENT: Final = re.compile(
    r"해고|권고사직|사직서|(?:퇴사|사직).{0,8}(?:압박|강요|종용)|불이익|불리한처우|차별|부당"
    r"|괴롭힘|성희롱|강등|좌천|대기발령|보직(?:해제|박탈)|(?:임금|급여|월급).{0,3}(?:삭감|깎)|체불"
    r"|거부|불허"
)
_DISTRESS: Final = re.compile(
    r"우울|(?<!고용)불안(?!정)|잠을?못|잠이안|불면|힘들어죽|죽을것같|미칠것같|스트레스"
    r"|눈물|공황|무기력|정신과|심리상담"
)
_MEDICAL: Final = re.compile(r"병원비|치료비|의료비|진료|수술|입원|약값|검사비")
_CARE: Final = re.compile(
    r"(?<!가족)돌봄(?!휴가|휴직)|돌보미|아이(?:를)?맡길|맡길(?:곳|데)|어린이집|유치원"
    r"|등하원|등원|하원|시터|키움센터"
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def suggest_case_type(answers: IntakeAnswers, today: date) -> str:
    """The first that applies: crisis → 심리상담 연계; a dispute still within its deadlines →
    사건대리 검토; distress words → 심리상담 연계; medical words → 의료지원 연계; childcare
    words → 돌봄 연계; else 종합상담.
    """
    text = _squash(answers.description)
    if answers.has_crisis_words:
        return CASE_PSYCHOLOGICAL
    if _needs_representation(answers, text, today):
        return CASE_REPRESENTATION
    for pattern, case_type in (
        (_DISTRESS, CASE_PSYCHOLOGICAL),
        (_MEDICAL, CASE_MEDICAL),
        (_CARE, CASE_CARE),
    ):
        if pattern.search(text):
            return case_type
    return CASE_GENERAL


def _needs_representation(answers: IntakeAnswers, text: str, today: date) -> bool:
    """A refused leave; a dismissal whose remedy or discrimination window is still open; or
    unfair treatment in the description, unless a known dismissal date shows both closed.
    """
    if answers.leave_refused:
        return True
    dismissal = _key_date(answers, "dismissal")
    if dismissal is not None:
        return period_end(dismissal, DISCRIMINATION_MONTHS) >= today
    return _UNFAIR_TREATMENT.search(text) is not None


# --- composition -----------------------------------------------------------------------------


def triage(answers: IntakeAnswers, today: date) -> Triage:
    """Urgency, reasons, suggested case type and deadlines for one intake, as of `today`."""
    findings = [finding for rule in RULES if (finding := rule(answers, today)) is not None]
    return Triage(
        urgency=Urgency.URGENT if any(f.is_urgent for f in findings) else Urgency.NORMAL,
        reasons=[f.reason for f in findings],
        case_type=suggest_case_type(answers, today),
        deadlines=compute_deadlines(answers, today),
    )
