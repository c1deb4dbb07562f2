"""Staff commands and buttons for the legal team. Every call checks the staff table."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from html import escape

from telegram import CallbackQuery, Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError

from bot import texts
from bot.account import service as account
from bot.cases import cards, stages
from bot.cases.service import CaseError, ReplyTarget
from bot.notify.messenger import DeliveryError, OutgoingMessage
from handlers import callbacks
from handlers.access import current_staff
from handlers.context import CounselContext
from handlers.messenger import TelegramMessenger, keyboard
from storage.db import UnitOfWork
from storage.models import Case, Staff

logger = logging.getLogger(__name__)


async def staff_caller(
    update: Update, context: CounselContext, *, private: bool = True
) -> Staff | None:
    """The calling staff member (refusing others politely), in a private chat if required."""
    staff = await current_staff(update, context)
    if staff is None:
        return None
    chat = update.effective_chat
    if private and chat is not None and chat.type != ChatType.PRIVATE:
        if update.effective_message is not None:
            await update.effective_message.reply_text(texts.STAFF_PRIVATE_ONLY)
        return None
    user = update.effective_user
    if user is not None:
        async with context.uow() as uow:
            fresh = await context.services.cases.staff_member(
                uow, telegram_id=user.id, display_name=user.full_name, username=user.username
            )
        staff = fresh or staff
    return staff


async def _say(update: Update, text: str) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(text)


async def staff_button(
    update: Update, context: CounselContext, *, private: bool = True
) -> tuple[CallbackQuery, str, Staff] | None:
    """A button pressed by an active staff member: (the query, its data, the member)."""
    query = update.callback_query
    if query is None or query.data is None:
        return None
    actor = await staff_caller(update, context, private=private)
    return None if actor is None else (query, query.data, actor)


CaseAction = Callable[[UnitOfWork, Case, Staff, list[str]], Awaitable[str]]


async def _run_case_command(
    update: Update, context: CounselContext, usage: str, min_args: int, action: CaseAction
) -> None:
    """Parse `/cmd N ...`, resolve the case and run `action` in one transaction."""
    actor = await staff_caller(update, context)
    if actor is None:
        return
    args = list(context.args or [])
    if len(args) < min_args:
        await _say(update, texts.USAGE.format(usage=escape(usage)))
        return
    services = context.services
    try:
        async with context.uow() as uow:
            case = await services.cases.resolve(uow, args[0])
            reply = await action(uow, case, actor, args[1:])
    except CaseError as exc:
        await _say(update, escape(exc.message))
        return
    if reply:
        await _say(update, reply)


async def cmd_queue(update: Update, context: CounselContext) -> None:
    """Unclaimed cases, urgent first, then oldest."""
    if await staff_caller(update, context) is None:
        return
    async with context.uow() as uow:
        cases = await uow.cases.unclaimed(limit=30)
    if not cases:
        await _say(update, texts.QUEUE_EMPTY)
        return
    await _say(update, _list(texts.QUEUE_HEADER.format(count=len(cases)), cases, context))


async def cmd_mine(update: Update, context: CounselContext) -> None:
    """The caller's open cases."""
    actor = await staff_caller(update, context)
    if actor is None:
        return
    async with context.uow() as uow:
        cases = await uow.cases.assigned_to(staff_id=actor.id)
    if not cases:
        await _say(update, texts.MINE_EMPTY)
        return
    await _say(update, _list(texts.MINE_HEADER.format(count=len(cases)), cases, context))


def _list(header: str, cases: list[Case], context: CounselContext) -> str:
    services = context.services
    titles = {g.id: g.title for g in services.faq.groups()}
    now = services.clock.now()
    today = services.clock.today()
    return "\n".join([header] + [cards.list_line(c, now, titles, today) for c in cases])


async def cmd_case(update: Update, context: CounselContext) -> None:
    """Full details and history of one case, with shortcut buttons."""
    shown: list[tuple[Case, Staff]] = []

    async def action(_uow: UnitOfWork, case: Case, actor: Staff, _args: list[str]) -> str:
        shown.append((case, actor))
        return ""

    await _run_case_command(update, context, "/case 2026-0042", 1, action)
    if shown and update.effective_message is not None:
        case, actor = shown[0]
        await _send_detail(context, case, actor, update.effective_message.chat_id)


async def _send_detail(context: CounselContext, case: Case, actor: Staff, chat_id: int) -> None:
    async with context.uow() as uow:
        text = await _detail_text(uow, context, case, actor)
        files = len(await uow.documents.for_case(case_id=case.id))
    may_act = actor.role == "admin" or case.assignee_id == actor.id
    buttons = cards.detail_buttons(case, may_act=may_act, documents=files)
    await context.bot.send_message(chat_id, text, reply_markup=keyboard(buttons))


async def on_stage_button(update: Update, context: CounselContext) -> None:
    """A stage shortcut under /case."""
    pressed = await staff_button(update, context)
    if pressed is None:
        return
    query, data, actor = pressed
    _, case_id, stage = data.split(":")
    services = context.services
    try:
        async with context.uow() as uow:
            case = await services.cases.get(uow, int(case_id))
            target = await services.cases.set_stage(uow, case, actor, stage)
    except CaseError as exc:
        await query.answer(exc.message, show_alert=True)
        return
    await query.answer(
        texts.STAGE_CHANGED.format(
            number=case.number, current="", target=stages.STAGE_LABELS[target]
        )
    )
    await _send_detail(context, case, actor, actor.telegram_id)


async def on_close_button(update: Update, context: CounselContext) -> None:
    """The close shortcut under /case."""
    pressed = await staff_button(update, context)
    if pressed is None:
        return
    query, data, actor = pressed
    services = context.services
    try:
        async with context.uow() as uow:
            case = await services.cases.get(uow, int(callbacks.parse_suffix(data)))
            await services.cases.close(uow, case, actor, "")
    except CaseError as exc:
        await query.answer(exc.message, show_alert=True)
        return
    await query.answer(texts.CLOSED_OK.format(number=case.number))
    if query.message is not None:
        await query.edit_message_reply_markup(reply_markup=None)
    await refresh_card(context, case)


async def _detail_text(uow: UnitOfWork, context: CounselContext, case: Case, actor: Staff) -> str:
    services = context.services
    return cards.detail(
        case,
        await services.cases.assignee(uow, case),
        await uow.cases.events(case_id=case.id),
        await uow.relays.for_case(case_id=case.id),
        reveal_contact=services.cases.may_see_contact(case, actor),
        tz=services.settings.tz,
    )


async def cmd_claim(update: Update, context: CounselContext) -> None:
    """Claim a case by number."""
    outcome: list[tuple[Case, bool, Staff | None]] = []

    async def action(uow: UnitOfWork, case: Case, actor: Staff, _args: list[str]) -> str:
        result = await context.services.cases.claim(uow, case, actor)
        outcome.append((result.case, result.is_won, result.holder))
        return ""

    await _run_case_command(update, context, "/claim 2026-0042", 1, action)
    if outcome:
        case, is_won, holder = outcome[0]
        await _after_claim(update, context, case, is_won, holder, via_button=False)


async def on_claim_button(update: Update, context: CounselContext) -> None:
    """배정받기 on a team card: exactly one of several pressing at once wins."""
    pressed = await staff_button(update, context, private=False)
    if pressed is None:
        return
    query, data, actor = pressed
    services = context.services
    try:
        async with context.uow() as uow:
            case = await services.cases.get(uow, int(callbacks.parse_suffix(data)))
            result = await services.cases.claim(uow, case, actor)
    except CaseError as exc:
        await query.answer(exc.message, show_alert=True)
        return
    await _after_claim(update, context, result.case, result.is_won, result.holder, via_button=True)


async def _after_claim(
    update: Update,
    context: CounselContext,
    case: Case,
    is_won: bool,
    holder: Staff | None,
    *,
    via_button: bool,
) -> None:
    query = update.callback_query
    if not is_won:
        name = cards.staff_name(holder) if holder else "다른 직원"
        text = texts.CLAIM_LOST.format(name=name)
        if via_button and query is not None:
            await query.answer(text, show_alert=True)
        else:
            await _say(update, escape(text))
        return
    text = texts.CLAIM_WON.format(number=case.number)
    if via_button and query is not None:
        await query.answer(text, show_alert=True)
    else:
        await _say(update, text)
    await refresh_card(context, case)


async def refresh_card(context: CounselContext, case: Case) -> None:
    """Edit the team card to show the case's current assignee and stage."""
    if case.team_card_chat_id is None or case.team_card_message_id is None:
        return
    async with context.uow() as uow:
        assignee = await context.services.cases.assignee(uow, case)
    text, buttons = cards.team_card(case, assignee)
    try:
        await TelegramMessenger(context.bot).edit(
            case.team_card_chat_id,
            case.team_card_message_id,
            OutgoingMessage(case.team_card_chat_id, text, buttons),
        )
    except DeliveryError as exc:
        logger.warning("case %s: team card not updated (%s)", case.number, exc.kind)


async def on_detail_button(update: Update, context: CounselContext) -> None:
    """상세보기: details go to the staff member's private chat, never to the group."""
    pressed = await staff_button(update, context, private=False)
    if pressed is None:
        return
    query, data, actor = pressed
    services = context.services
    try:
        async with context.uow() as uow:
            case = await services.cases.get(uow, int(callbacks.parse_suffix(data)))
            text = await _detail_text(uow, context, case, actor)
    except CaseError as exc:
        await query.answer(exc.message, show_alert=True)
        return
    try:
        await context.bot.send_message(actor.telegram_id, text)
    except (Forbidden, TelegramError):
        await query.answer(texts.DETAIL_PRIVATE_ONLY, show_alert=True)
        return
    await query.answer(texts.DETAIL_SENT)


async def cmd_release(update: Update, context: CounselContext) -> None:
    """Give a claimed case back to the queue."""
    released: list[Case] = []

    async def action(uow: UnitOfWork, case: Case, actor: Staff, _args: list[str]) -> str:
        await context.services.cases.release(uow, case, actor)
        released.append(case)
        return texts.RELEASED.format(number=case.number)

    await _run_case_command(update, context, "/release 2026-0042", 1, action)


async def cmd_assign(update: Update, context: CounselContext) -> None:
    """Admin: assign a case to a staff member (@username or user id)."""
    assigned: list[Case] = []

    async def action(uow: UnitOfWork, case: Case, actor: Staff, args: list[str]) -> str:
        target = await context.services.cases.assign(uow, case, actor, args[0])
        assigned.append(case)
        return texts.ASSIGNED.format(number=case.number, name=escape(cards.staff_name(target)))

    await _run_case_command(update, context, "/assign 2026-0042 @username", 2, action)
    if assigned:
        await refresh_card(context, assigned[0])


async def cmd_note(update: Update, context: CounselContext) -> None:
    """An internal note, never sent to the parent."""

    async def action(uow: UnitOfWork, case: Case, actor: Staff, args: list[str]) -> str:
        await context.services.cases.note(uow, case, actor, " ".join(args))
        return texts.NOTE_SAVED.format(number=case.number)

    await _run_case_command(update, context, "/note 2026-0042 내용", 2, action)


async def cmd_stage(update: Update, context: CounselContext) -> None:
    """Move a case to a counseling stage."""

    async def action(uow: UnitOfWork, case: Case, actor: Staff, args: list[str]) -> str:
        before = stages.STAGE_LABELS.get(case.stage, case.stage)
        target = await context.services.cases.set_stage(uow, case, actor, args[0])
        return texts.STAGE_CHANGED.format(
            number=case.number, current=before, target=stages.STAGE_LABELS[target]
        )

    usage = "/stage 2026-0042 " + "|".join(
        stages.STAGE_LABELS[s] for s in stages.COUNSELING_STAGES
    )
    await _run_case_command(update, context, usage, 2, action)


async def cmd_refer(update: Update, context: CounselContext) -> None:
    """Record a referral (심리상담, 의료지원, 돌봄, 사건대리)."""

    async def action(uow: UnitOfWork, case: Case, actor: Staff, args: list[str]) -> str:
        kind = await context.services.cases.refer(uow, case, actor, args[0])
        return texts.REFERRED.format(number=case.number, kind=kind)

    await _run_case_command(
        update, context, "/refer 2026-0042 " + "|".join(stages.REFERRAL_KINDS), 2, action
    )


async def cmd_close(update: Update, context: CounselContext) -> None:
    """Close a case, optionally with its result."""
    closed: list[Case] = []

    async def action(uow: UnitOfWork, case: Case, actor: Staff, args: list[str]) -> str:
        await context.services.cases.close(uow, case, actor, " ".join(args))
        closed.append(case)
        return texts.CLOSED_OK.format(number=case.number)

    await _run_case_command(update, context, "/close 2026-0042 [결과]", 1, action)
    if closed:
        await refresh_card(context, closed[0])


async def cmd_reply(update: Update, context: CounselContext) -> None:
    """Send a message to the parent of a case, signed with the team's name."""
    actor = await staff_caller(update, context)
    message = update.effective_message
    if actor is None or message is None or message.text is None:
        return
    args = list(context.args or [])
    if len(args) < 2:
        await _say(update, texts.USAGE.format(usage="/reply 2026-0042 내용"))
        return
    body = message.text.split(maxsplit=2)[2]
    services = context.services
    try:
        async with context.uow() as uow:
            case = await services.cases.resolve(uow, args[0])
            target = await services.cases.reply_target(uow, case, actor)
    except CaseError as exc:
        await _say(update, escape(exc.message))
        return
    await send_reply(update, context, actor, target, body)


async def send_reply(
    update: Update, context: CounselContext, actor: Staff, target: ReplyTarget, body: str
) -> None:
    """Relay staff text to the parent and record both message ids."""
    message = update.effective_message
    if message is None:
        return
    services = context.services
    team = _team_name(context)
    text = (
        texts.REPLY_SIGNATURE.format(team=escape(team), number=target.case.number)
        + "\n\n"
        + escape(body)
    )
    number = target.case.number
    async with context.uow() as uow:
        if await account.is_discreet(uow, telegram_id=target.parent_chat_id):
            text = account.discreet(text)
    try:
        sent = await context.bot.send_message(target.parent_chat_id, text)
    except Forbidden:
        async with context.uow() as uow:
            await services.cases.mark_parent_unreachable(uow, target.case)
            await uow.users.set_blocked(telegram_id=target.parent_chat_id, is_blocked=True)
        await _say(update, texts.REPLY_PARENT_BLOCKED.format(number=number))
        return
    async with context.uow() as uow:
        case = await services.cases.get(uow, target.case.id)
        await services.cases.record_reply(
            uow,
            ReplyTarget(case, target.parent_chat_id),
            actor,
            text=body,
            parent_message_id=sent.message_id,
            staff_chat_id=message.chat_id,
            staff_message_id=message.message_id,
        )
    await _say(update, texts.REPLY_SENT.format(number=number))


def _team_name(context: CounselContext) -> str:
    center = context.services.faq.center
    return f"{center.short_name} 법률지원팀" if center else "법률지원팀"


async def cmd_staff(update: Update, context: CounselContext) -> None:
    """/staff, /staff add <user id> <role>, /staff remove <user id> (admins manage)."""
    actor = await staff_caller(update, context)
    if actor is None:
        return
    args = list(context.args or [])
    services = context.services
    usage = "/staff | /staff add <user id> <admin|attorney|counselor> | /staff remove <user id>"
    if actor.role != "admin":
        await _say(update, texts.ADMIN_ONLY)
        return
    try:
        async with context.uow() as uow:
            if not args:
                members = await uow.staff.list_active()
                lines = [texts.STAFF_LIST_HEADER.format(count=len(members))] + [
                    f"• {escape(cards.staff_name(m))} ({m.telegram_id}) "
                    f"{texts.ROLE_LABELS.get(m.role, m.role)}"
                    for m in members
                ]
                await _say(update, "\n".join(lines))
                return
            if args[0] == "add" and len(args) == 3 and args[1].isdigit():
                await services.cases.add_staff(uow, actor, telegram_id=int(args[1]), role=args[2])
                reply = texts.STAFF_ADDED.format(user_id=args[1], role=args[2])
            elif args[0] == "remove" and len(args) == 2 and args[1].isdigit():
                await services.cases.remove_staff(uow, actor, telegram_id=int(args[1]))
                reply = texts.STAFF_REMOVED.format(user_id=args[1])
            else:
                reply = texts.USAGE.format(usage=escape(usage))
    except CaseError as exc:
        reply = escape(exc.message)
    await _say(update, reply)
