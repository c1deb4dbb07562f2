"""Staff-facing renderings of a case: the team card, list lines and the full detail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from html import escape

from bot import texts
from bot.account.privacy import mask_contact, mask_pii
from bot.cases import stages
from bot.cases.service import CaseDetail
from bot.cases.worktime import age
from bot.dialog import label
from bot.intake import flow
from bot.intake.summary import DESCRIPTION_PREFIX
from bot.korean import fill, korean_datetime
from bot.notify.messenger import Buttons
from bot.vocabulary import ContactMethod, EventKind, RelayDirection, Stage, Urgency
from handlers import callbacks
from storage.models import Case, RelayMessage, Staff


class TeamCards:
    """The outbox's `CardRenderer`: team cards and the parent's satisfaction question as
    Telegram HTML with their buttons."""

    def team_card(
        self, case: Case, assignee: Staff | None, *, reminder_waiting: str | None = None
    ) -> tuple[str, Buttons]:
        return team_card(case, assignee, reminder_waiting=reminder_waiting)

    def satisfaction_question(self, case: Case) -> tuple[str, Buttons]:
        scores = [
            (label, callbacks.satisfaction(case.id, score))
            for score, label in texts.SATISFACTION_SCORES.items()
        ]
        return fill(texts.SATISFACTION_QUESTION, number=case.number), [scores]


def detail_buttons(detail: CaseDetail) -> Buttons:
    """Shortcuts under /case: claim an unclaimed case; move or close one's own; files."""
    case = detail.case
    rows: Buttons = []
    if case.stage == Stage.NEW and case.assignee_id is None:
        rows.append([(texts.BUTTON_CLAIM, callbacks.claim(case.id))])
    elif detail.may_act and case.stage != Stage.CLOSED:
        moves = [
            (stages.STAGE_LABELS[s], callbacks.stage(case.id, s))
            for s in stages.COUNSELING_STAGES
            if stages.can_move(case.stage, s)
        ]
        rows += [moves[:2], moves[2:], [(texts.BUTTON_CLOSE, callbacks.close(case.id))]]
    if detail.documents and detail.may_act:
        label = texts.BUTTON_DOCUMENTS.format(count=detail.documents)
        rows.append([(label, callbacks.documents(case.id))])
    return [row for row in rows if row]


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
    lines = [head, "", escape(group_summary(case)), contact_line(case, reveal=False)]
    if case.stage == Stage.CLOSED:
        lines.append(texts.CARD_CLOSED)
    elif assignee is not None:
        lines.append(texts.CARD_ASSIGNED.format(name=escape(staff_name(assignee))))
    buttons: Buttons = []
    if assignee is None and case.stage == Stage.NEW:
        buttons.append([(texts.BUTTON_CLAIM, callbacks.claim(case.id))])
    buttons.append([(texts.BUTTON_DETAIL, callbacks.detail(case.id))])
    return _fit("\n".join(lines)), buttons


def group_summary(case: Case) -> str:
    """The summary as the whole team may read it: personal data in the free text masked, and
    no description when it holds health details the parent gave no consent for. The
    assignee reads it in full in private (/case)."""
    summary = case.summary
    if (case.answers or {}).get("health_withheld"):
        head, found, _description = summary.partition(DESCRIPTION_PREFIX)
        if found:
            summary = head + texts.CARD_DESCRIPTION_WITHHELD
    return mask_pii(summary)


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


def detail(view: CaseDetail, *, tz: tzinfo) -> str:
    """Full case details and history for staff in a private chat."""
    case, assignee = view.case, view.assignee
    lines = [
        f"<b>상담 {case.number}</b> · {texts.URGENCY_LABEL.get(case.urgency, case.urgency)}"
        f" · {stages.STAGE_LABELS.get(case.stage, case.stage)}",
        f"담당: {escape(staff_name(assignee)) if assignee else '미배정'}",
        f"접수: {korean_datetime(case.created_at, tz)}",
        "",
        escape(case.summary),
        contact_line(case, reveal=view.may_act),
    ]
    if case.is_parent_unreachable:
        lines.append("⚠️ 부모님이 봇을 차단해 텔레그램으로 연락할 수 없어요.")
    if case.result:
        lines.append(f"결과: {escape(case.result)}")
    if case.stage != Stage.CLOSED:
        lines.append(f"<i>{texts.REPLY_HOW.format(number=case.number)}</i>")
    lines += ["", "<b>기록</b>"]
    for event in view.events:
        when = korean_datetime(event.created_at, tz, with_year=False)
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
    if not view.relays:
        return _fit("\n".join(lines))
    # The conversation always keeps room: the head gives way first, then old messages.
    head = "\n".join(lines)
    if len(head) > DETAIL_LIMIT - CONVERSATION_ROOM:
        head = _fit(head, DETAIL_LIMIT - CONVERSATION_ROOM)
    conversation = _conversation(view.relays, tz=tz, budget=DETAIL_LIMIT - len(head) - 2)
    return head + "\n\n" + "\n".join(conversation)


DETAIL_LIMIT = 4000
#: Characters of the case view kept for the conversation, however long the rest is.
CONVERSATION_ROOM = 1500
#: A relayed message is shown up to this many characters.
RELAY_PREVIEW_CHARS = 400
RELAYS_SHOWN = 10
_RELAY_SPEAKERS = {
    RelayDirection.TO_STAFF: "부모",
    RelayDirection.HELD: "부모(봇이 답함, 전달 안 됨)",
    RelayDirection.TO_PARENT: "팀",
}


def _conversation(relays: Sequence[RelayMessage], *, tz: tzinfo, budget: int) -> list[str]:
    """The latest relays that fit in `budget`, oldest first; a "…" line when some are left out."""
    header, omitted_line = "<b>대화</b>", "• …"
    used = len(header) + len(omitted_line) + 2
    shown: list[str] = []
    for relay in reversed(relays[-RELAYS_SHOWN:]):
        who = _RELAY_SPEAKERS.get(relay.direction, "팀")
        when = korean_datetime(relay.created_at, tz, with_year=False)
        body = relay.text or "(삭제됨)"
        if len(body) > RELAY_PREVIEW_CHARS:
            body = body[: RELAY_PREVIEW_CHARS - 1] + "…"
        line = f"• {when} {who}: {escape(body)}"
        if used + len(line) + 1 > budget:
            break
        shown.append(line)
        used += len(line) + 1
    omitted = len(relays) > len(shown)
    return [header, *([omitted_line] if omitted else []), *reversed(shown)]


def _fit(text: str, limit: int = 4000) -> str:
    """Drop whole lines from the end (each line's tags are balanced) until it fits."""
    if len(text) <= limit:
        return text
    lines = text.split("\n")
    while lines and len("\n".join(lines)) + 2 > limit:
        lines.pop()
    return "\n".join(lines) + "\n…"
