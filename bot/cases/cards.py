"""Staff-facing renderings of a case: the team card, list lines and the full detail."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from html import escape

from bot import texts
from bot.cases import stages
from bot.dialog import label
from bot.intake import flow
from bot.notify.messenger import Buttons
from bot.vocabulary import ContactMethod, EventKind, RelayDirection, Stage, Urgency
from storage.models import Case, CaseEvent, RelayMessage, Staff

CLAIM_PREFIX = "claim"
DETAIL_PREFIX = "case"
STAGE_PREFIX = "stg"
CLOSE_PREFIX = "cls"


def claim_data(case_id: int) -> str:
    return f"{CLAIM_PREFIX}:{case_id}"


def detail_data(case_id: int) -> str:
    return f"{DETAIL_PREFIX}:{case_id}"


def stage_data(case_id: int, stage: str) -> str:
    return f"{STAGE_PREFIX}:{case_id}:{stage}"


def close_data(case_id: int) -> str:
    return f"{CLOSE_PREFIX}:{case_id}"


def detail_buttons(case: Case, *, may_act: bool, documents: int = 0) -> Buttons:
    """Shortcuts under /case: claim an unclaimed case; move or close one's own; files."""
    rows: Buttons = []
    if case.stage == Stage.NEW and case.assignee_id is None:
        rows.append([(texts.BUTTON_CLAIM, claim_data(case.id))])
    elif may_act and case.stage != Stage.CLOSED:
        moves = [
            (stages.STAGE_LABELS[s], stage_data(case.id, s))
            for s in stages.COUNSELING_STAGES
            if stages.can_move(case.stage, s)
        ]
        rows += [moves[:2], moves[2:], [(texts.BUTTON_CLOSE, close_data(case.id))]]
    if documents and may_act:
        rows.append([(texts.BUTTON_DOCUMENTS.format(count=documents), f"docs:{case.id}")])
    return [row for row in rows if row]


def mask_contact(value: str | None) -> str:
    """010-1234-5678 → 010-****-5678; name@mail.com → n***@mail.com."""
    if not value:
        return ""
    if "@" in value:
        local, domain = value.split("@", 1)
        return f"{local[:1]}***@{domain}"
    parts = value.split("-")
    if len(parts) == 3:
        return f"{parts[0]}-{'*' * len(parts[1])}-{parts[2]}"
    return value[:3] + "*" * max(len(value) - 5, 0) + value[-2:]


def contact_line(case: Case, *, reveal: bool) -> str:
    method = label(flow.CONTACT_METHODS, case.contact_method)
    if case.contact_method == ContactMethod.TELEGRAM or not case.contact_value:
        return texts.CONTACT_FULL.format(method=method, value="").rstrip()
    if reveal:
        return texts.CONTACT_FULL.format(method=method, value=escape(case.contact_value))
    return texts.CONTACT_MASKED.format(
        method=method, value=escape(mask_contact(case.contact_value))
    )


def team_card(
    case: Case, assignee: Staff | None, *, reminder_waiting: str | None = None
) -> tuple[str, Buttons]:
    """The card in the team chat; contact details stay masked."""
    urgency = texts.URGENCY_LABEL.get(case.urgency, case.urgency)
    head = (
        texts.CARD_REMINDER.format(number=case.number, urgency=urgency, waiting=reminder_waiting)
        if reminder_waiting
        else texts.CARD_NEW.format(number=case.number, urgency=urgency)
    )
    lines = [head, "", escape(case.summary), contact_line(case, reveal=False)]
    if case.stage == Stage.CLOSED:
        lines.append(texts.CARD_CLOSED)
    elif assignee is not None:
        lines.append(texts.CARD_ASSIGNED.format(name=escape(staff_name(assignee))))
    buttons: Buttons = []
    if assignee is None and case.stage == Stage.NEW:
        buttons.append([(texts.BUTTON_CLAIM, claim_data(case.id))])
    buttons.append([(texts.BUTTON_DETAIL, detail_data(case.id))])
    return _fit("\n".join(lines)), buttons


def staff_name(staff: Staff) -> str:
    if staff.display_name:
        return staff.display_name
    return f"@{staff.username}" if staff.username else f"직원 {staff.telegram_id}"


def list_line(
    case: Case, now: datetime, topic_titles: dict[str, str], today: date | None = None
) -> str:
    line = texts.LIST_LINE.format(
        number=case.number,
        urgency="🔴" if case.urgency == Urgency.URGENT else "⚪",
        topic=escape(topic_titles.get(case.topic, texts.OTHER_TOPIC)),
        stage=stages.STAGE_LABELS.get(case.stage, case.stage),
        age=age(case.created_at, now),
    )
    if case.next_deadline is not None and today is not None:
        line += f" · 기한 D-{(case.next_deadline - today).days}"
    return line


def age(since: datetime, now: datetime) -> str:
    minutes = max(int((now - since).total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes}분"
    if minutes < 60 * 24:
        return f"{minutes // 60}시간"
    return f"{minutes // (60 * 24)}일"


def detail(
    case: Case,
    assignee: Staff | None,
    events: list[CaseEvent],
    relays: list[RelayMessage],
    *,
    reveal_contact: bool,
    tz: tzinfo,
) -> str:
    """Full case details and history for staff in a private chat."""
    lines = [
        f"<b>상담 {case.number}</b> · {texts.URGENCY_LABEL.get(case.urgency, case.urgency)}"
        f" · {stages.STAGE_LABELS.get(case.stage, case.stage)}",
        f"담당: {escape(staff_name(assignee)) if assignee else '미배정'}",
        f"접수: {case.created_at.astimezone(tz):%Y-%m-%d %H:%M}",
        "",
        escape(case.summary),
        contact_line(case, reveal=reveal_contact),
    ]
    if case.is_parent_unreachable:
        lines.append("⚠️ 부모님이 봇을 차단해 텔레그램으로 연락할 수 없어요.")
    if case.result:
        lines.append(f"결과: {escape(case.result)}")
    if case.stage != Stage.CLOSED:
        lines.append(f"<i>{texts.REPLY_HOW.format(number=case.number)}</i>")
    lines += ["", "<b>기록</b>"]
    for event in events:
        when = event.created_at.astimezone(tz).strftime("%m-%d %H:%M")
        change = ""
        if event.to_value:
            before = stages.stage_label(event.from_value)
            after = stages.stage_label(event.to_value)
            change = f" {before}→{after}" if before else f" {after}"
        note = (
            f": {escape(event.text)}"
            if event.text and event.kind in (EventKind.NOTE, EventKind.CLOSED, EventKind.REFERRAL)
            else ""
        )
        label = texts.EVENT_LABELS.get(event.kind, event.kind)
        lines.append(f"• {when} {label}{change}{note}")
    if relays:
        lines += ["", "<b>대화</b>"]
        for relay in relays[-10:]:
            who = "부모" if relay.direction == RelayDirection.TO_STAFF else "팀"
            when = relay.created_at.astimezone(tz).strftime("%m-%d %H:%M")
            lines.append(f"• {when} {who}: {escape(relay.text or '(삭제됨)')}")
    return _fit("\n".join(lines))


def _fit(text: str, limit: int = 4000) -> str:
    """Drop whole lines from the end (each line's tags are balanced) until it fits."""
    if len(text) <= limit:
        return text
    lines = text.split("\n")
    while lines and len("\n".join(lines)) + 2 > limit:
        lines.pop()
    return "\n".join(lines) + "\n…"
