"""What a finished intake becomes: triage input, the pre-check, and the two summaries."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import escape
from typing import Any, Final

from bot.calc import eligibility
from bot.calc.render import VERDICT
from bot.dialog import Choice, label
from bot.intake import flow
from bot.intake.data import IntakeData
from bot.intake.triage import IntakeAnswers, Triage
from bot.korean import korean_date

PUBLIC_KEYS: Final = (
    "topic",
    "role",
    "workplace_size",
    "contract",
    "status",
    "hired_on",
    "leave_refused",
    "key_date_kind",
    "key_date",
    "dismissal_announced",
    "dismissal_notice_on",
    "description",
    "contact_time",
    "sensitive_consent",
    "health_withheld",
    "has_crisis_words",
    "eligibility",
)
SHOWN_DESCRIPTION: Final = 300
DESCRIPTION_PREFIX: Final = "\n내용: "  # the staff summary's last line: the description
_DATE_LABELS: Final = {
    "dismissal": "해고일",
    "resignation": "퇴사일",
    "due_date": "출산 예정일",
    "leave_start": "시작 예정일",
}


def to_answers(data: IntakeData) -> IntakeAnswers:
    status = data.status or "working"
    return IntakeAnswers(
        topic=data.topic or "other",
        role=data.role or "other",
        workplace_size=data.workplace_size or "unknown",
        contract=data.contract or "regular",
        status="left" if status in ("dismissed", "resigned") else status,
        key_date_kind=data.key_date_kind,
        key_date=data.key_date,
        dismissal_notice_on=data.dismissal_notice_on,
        description=data.description or "",
        has_crisis_words=bool(data.has_crisis_words),
        leave_refused=data.leave_refused == "yes",
    )


def with_precheck(data: IntakeData, today: date) -> IntakeData:
    """The answers with the eligibility pre-check for leave topics, as stored on the case."""
    purpose = flow.PRECHECK_PURPOSES.get(str(data.topic))
    if purpose is None or data.status not in flow.EMPLOYED:
        return data
    start = today
    if data.key_date_kind in ("leave_start", "due_date") and data.key_date:
        start = max(today, data.key_date)
    if data.hired_on is not None and data.hired_on >= start:
        start = data.hired_on + timedelta(days=1)  # hired today: the pre-check needs a later start
    result = eligibility(
        purpose=purpose,
        leave_start=start,
        hired_on=data.hired_on,
        workplace_size=data.workplace_size or "unknown",
        contract=data.contract or "regular",
    )
    found = {
        "purpose": purpose,
        "verdict": result.verdict,
        "leave": result.leave_verdict,
        "pay": result.pay_verdict,
        "reasons": [{"status": r.status, "text": r.text} for r in result.reasons],
    }
    return data.answer(eligibility=found)


def precheck_lines(data: IntakeData) -> list[str]:
    """Plain lines of the pre-check verdict and the reasons that need checking."""
    found = data.eligibility
    if not isinstance(found, dict):
        return []
    lines = [f"사전 확인: {VERDICT.get(str(found.get('verdict')), '-')}"]
    lines += [
        f"  - {r['text']}"
        for r in found.get("reasons", [])
        if isinstance(r, dict) and r.get("status") != "info"
    ]
    return lines


# Health details (beyond the topic itself) that need the separate health-data consent.
_HEALTH_DETAILS: Final = re.compile(
    r"유산|사산|조산|난임|시험관|임신\s*중독|임신성|당뇨|고혈압|출혈|하혈|자궁|태아|양수|절박"
    r"|입원|수술|진단|질병|질환|병원|치료|처방|약을?\s*먹|복용|우울|공황|불면|정신과|암\b|장애"
)


def mentions_health(text: str) -> bool:
    """Whether a description holds health details (a complication, an illness, treatment)."""
    return _HEALTH_DETAILS.search(text) is not None


def public_answers(data: IntakeData) -> dict[str, Any]:
    """The structured answers stored on the case (contact details live in their own fields)."""
    stored = data.stored()
    return {k: stored[k] for k in PUBLIC_KEYS if k in stored}


def _answer_lines(data: IntakeData, topics: list[Choice]) -> list[str]:
    lines = [
        f"• 주제: {label([*topics, flow.OTHER_TOPIC], data.topic)}",
        f"• 신청인: {label(flow.ROLES, data.role)}",
        f"• 사업장: {label(flow.WORKPLACE_SIZES, data.workplace_size)}, "
        f"{label(flow.CONTRACTS, data.contract)}",
        f"• 상황: {label(flow.STATUSES, data.status)}",
    ]
    if data.hired_on:
        lines.append(f"• 입사일: {korean_date(data.hired_on)}")
    if data.leave_refused:
        lines.append(f"• 신청 거부: {label(flow.LEAVE_REFUSED, data.leave_refused)}")
    if data.key_date_kind:
        lines.append(f"• {_date_label(data)}: {_date_or_unknown(data.key_date)}")
    if data.dismissal_announced:
        lines.append(f"• 해고 통보일: {_date_or_unknown(data.dismissal_notice_on)}")
    return lines


def _date_label(data: IntakeData) -> str:
    if data.key_date_kind == "leave_start" and data.status == "on_leave":
        return "시작일"
    if data.dismissal_announced:
        return "해고 예정일"
    return _DATE_LABELS[str(data.key_date_kind)]


def _date_or_unknown(day: date | None) -> str:
    return korean_date(day) if day else "모름"


def _contact_time(data: IntakeData) -> str:
    return data.contact_time or "-"


def parent_summary(data: IntakeData, topics: list[Choice]) -> str:
    """What the parent checks before submitting (HTML-escaped)."""
    contact = label(flow.CONTACT_METHODS, data.contact_method)
    if data.contact_value:
        contact += f" ({data.contact_value})"
    description = data.description or ""
    shown = description
    if len(description) > SHOWN_DESCRIPTION:
        shown = description[:SHOWN_DESCRIPTION] + "…"
    lines = [
        *_answer_lines(data, topics),
        f"• 연락: {contact}, {_contact_time(data)}",
        f"• 내용: {shown}",
        *[
            f"• {line.strip()}" if not line.startswith(" ") else line
            for line in precheck_lines(data)
        ],
    ]
    return escape("\n".join(lines))


def staff_summary(data: IntakeData, topic_title: str, result: Triage) -> str:
    """The team's plain-text summary; contact details are not in it."""
    lines = [
        f"주제: {topic_title}",
        *[line[2:] for line in _answer_lines(data, [])[1:]],
        f"제안 유형: {result.case_type}",
        f"긴급도: {'긴급' if result.urgency == 'urgent' else '보통'}",
    ]
    lines += [f"  - {reason}" for reason in result.reasons]
    lines += [
        f"기한: {d.label} {korean_date(d.due)} (D-{d.days_left})"
        for d in result.deadlines
        if d.days_left >= 0
    ]
    lines += precheck_lines(data)
    lines.append(
        f"연락 희망: {label(flow.CONTACT_METHODS, data.contact_method)}, {_contact_time(data)}"
    )
    lines.append(f"{DESCRIPTION_PREFIX.lstrip()}{data.description or ''}")
    return "\n".join(lines)
