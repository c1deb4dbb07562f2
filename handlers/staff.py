"""Staff commands and buttons for the legal team. Every call checks the staff table."""

from __future__ import annotations

import logging
from html import escape

from telegram import Bot, BotCommand, BotCommandScopeChat, CallbackQuery, Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError

from bot import texts
from bot.account import service as account
from bot.cases import stages
from bot.cases.service import CaseDetail, CaseError, ClaimResult, ReplyTarget
from bot.notify.messenger import DeliveryError, OutgoingMessage
from bot.vocabulary import Stage
from handlers import cards
from handlers.access import case_button, case_command, require_staff, say
from handlers.context import CounselContext
from handlers.messenger import TelegramMessenger, keyboard
from storage.models import Case, Staff

logger = logging.getLogger(__name__)

#: Telegram's 4,096 characters, less the signature and the discreet-mode header.
MAX_REPLY_CHARS = 3900
STAGE_USAGE = "/stage 2026-0042 " + "|".join(
    stages.STAGE_LABELS[s] for s in stages.COUNSELING_STAGES
)
REFER_USAGE = "/refer 2026-0042 " + "|".join(stages.REFERRAL_KINDS)


async def staff_help(update: Update, context: CounselContext) -> bool:
    """/help for a staff member in a private chat: the staff commands; False for anyone else."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE:
        return False
    async with context.uow() as uow:
        staff = await context.services.cases.staff_member(uow, telegram_id=user.id)
    if staff is None:
        return False
    await say(update, texts.STAFF_HELP.format(staff_usage=escape(texts.STAFF_USAGE)))
    return True


async def publish_staff_menu(bot: Bot, telegram_id: int) -> None:
    """The staff command menu in one member's private chat (they may never have opened it)."""
    commands = [BotCommand(name, description) for name, description in texts.COMMANDS_STAFF]
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(telegram_id))
    except TelegramError as exc:
        logger.info("staff menu not set for one member (%s)", type(exc).__name__)


async def remove_staff_menu(bot: Bot, telegram_id: int) -> None:
    """Back to the parents' menu in a former member's chat."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(telegram_id))
    except TelegramError as exc:
        logger.info("staff menu not removed for one member (%s)", type(exc).__name__)


async def cmd_queue(update: Update, context: CounselContext) -> None:
    """Unclaimed cases, urgent first, then oldest."""
    if await require_staff(update, context) is None:
        return
    async with context.uow() as uow:
        cases = await context.services.cases.queue(uow)
    if not cases:
        await say(update, texts.QUEUE_EMPTY)
        return
    await say(update, _list(texts.QUEUE_HEADER.format(count=len(cases)), cases, context))


async def cmd_mine(update: Update, context: CounselContext) -> None:
    """The caller's open cases."""
    actor = await require_staff(update, context)
    if actor is None:
        return
    async with context.uow() as uow:
        cases = await context.services.cases.mine(uow, actor)
    if not cases:
        await say(update, texts.MINE_EMPTY)
        return
    await say(update, _list(texts.MINE_HEADER.format(count=len(cases)), cases, context))


def _list(header: str, cases: list[Case], context: CounselContext) -> str:
    services = context.services
    titles = {g.id: g.title for g in services.faq.groups()}
    now = services.clock.now()
    today = services.clock.today()
    return "\n".join([header] + [cards.list_line(c, now, titles, today) for c in cases])


@case_command("/case 2026-0042", 1)
async def cmd_case(
    update: Update, context: CounselContext, actor: Staff, case: Case, _args: list[str]
) -> None:
    """Full details and history of one case, with shortcut buttons."""
    if update.effective_message is not None:
        await _send_detail(context, case, actor, update.effective_message.chat_id)


async def _detail(context: CounselContext, case: Case, actor: Staff) -> CaseDetail:
    async with context.uow() as uow:
        return await context.services.cases.detail(uow, case, actor)


async def _send_detail(context: CounselContext, case: Case, actor: Staff, chat_id: int) -> None:
    detail = await _detail(context, case, actor)
    await context.bot.send_message(
        chat_id,
        cards.detail(detail, tz=context.services.settings.tz),
        reply_markup=keyboard(cards.detail_buttons(detail)),
    )


@case_button()
async def on_stage_button(
    query: CallbackQuery, context: CounselContext, actor: Staff, case: Case, rest: list[str]
) -> None:
    """A stage shortcut under /case."""
    async with context.uow() as uow:
        target = await context.services.cases.set_stage(uow, case, actor, rest[0])
    await query.answer(
        texts.STAGE_CHANGED.format(
            number=case.number, current="", target=stages.STAGE_LABELS[target]
        )
    )
    await _send_detail(context, case, actor, actor.telegram_id)


@case_button()
async def on_close_button(
    query: CallbackQuery, context: CounselContext, actor: Staff, case: Case, _rest: list[str]
) -> None:
    """The close shortcut under /case."""
    async with context.uow() as uow:
        await context.services.cases.close(uow, case, actor, "")
    await query.answer(texts.CLOSED_OK.format(number=case.number))
    if query.message is not None:
        await query.edit_message_reply_markup(reply_markup=None)
    await refresh_card(context, case)


@case_command("/claim 2026-0042", 1)
async def cmd_claim(
    update: Update, context: CounselContext, actor: Staff, case: Case, _args: list[str]
) -> None:
    """Claim a case by number."""
    async with context.uow() as uow:
        result = await context.services.cases.claim(uow, case, actor)
    text = _claim_text(result)
    await say(update, text if result.is_won else escape(text))
    if result.is_won:
        await refresh_card(context, result.case)


@case_button(private=False)
async def on_claim_button(
    query: CallbackQuery, context: CounselContext, actor: Staff, case: Case, _rest: list[str]
) -> None:
    """배정받기 on a team card: exactly one of several pressing at once wins."""
    async with context.uow() as uow:
        result = await context.services.cases.claim(uow, case, actor)
    await query.answer(_claim_text(result), show_alert=True)
    if result.is_won:
        await refresh_card(context, result.case)


def _claim_text(result: ClaimResult) -> str:
    if result.is_won:
        return texts.CLAIM_WON.format(number=result.case.number)
    return texts.CLAIM_LOST.format(
        name=cards.staff_name(result.holder) if result.holder else "다른 직원"
    )


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


@case_button(private=False)
async def on_detail_button(
    query: CallbackQuery, context: CounselContext, actor: Staff, case: Case, _rest: list[str]
) -> None:
    """상세보기: details go to the staff member's private chat, never to the group."""
    detail = await _detail(context, case, actor)
    text = cards.detail(detail, tz=context.services.settings.tz)
    try:
        await context.bot.send_message(actor.telegram_id, text)
    except (Forbidden, TelegramError):
        await query.answer(texts.DETAIL_PRIVATE_ONLY, show_alert=True)
        return
    await query.answer(texts.DETAIL_SENT)


@case_command("/release 2026-0042", 1)
async def cmd_release(
    update: Update, context: CounselContext, actor: Staff, case: Case, _args: list[str]
) -> None:
    """Give a claimed case back to the queue."""
    async with context.uow() as uow:
        await context.services.cases.release(uow, case, actor)
    await say(update, texts.RELEASED.format(number=case.number))


@case_command("/assign 2026-0042 @username", 2)
async def cmd_assign(
    update: Update, context: CounselContext, actor: Staff, case: Case, args: list[str]
) -> None:
    """Admin: assign a case to a staff member (@username or user id)."""
    async with context.uow() as uow:
        target = await context.services.cases.assign(uow, case, actor, args[0])
    await say(
        update, texts.ASSIGNED.format(number=case.number, name=escape(cards.staff_name(target)))
    )
    await refresh_card(context, case)


@case_command("/note 2026-0042 내용", 2)
async def cmd_note(
    update: Update, context: CounselContext, actor: Staff, case: Case, args: list[str]
) -> None:
    """An internal note, never sent to the parent."""
    async with context.uow() as uow:
        await context.services.cases.note(uow, case, actor, " ".join(args))
    await say(update, texts.NOTE_SAVED.format(number=case.number))


@case_command(STAGE_USAGE, 2)
async def cmd_stage(
    update: Update, context: CounselContext, actor: Staff, case: Case, args: list[str]
) -> None:
    """Move a case to a counseling stage."""
    before = stages.STAGE_LABELS.get(case.stage, case.stage)
    async with context.uow() as uow:
        target = await context.services.cases.set_stage(uow, case, actor, args[0])
    await say(
        update,
        texts.STAGE_CHANGED.format(
            number=case.number, current=before, target=stages.STAGE_LABELS[target]
        ),
    )


@case_command(REFER_USAGE, 2)
async def cmd_refer(
    update: Update, context: CounselContext, actor: Staff, case: Case, args: list[str]
) -> None:
    """Record a referral (심리상담, 의료지원, 돌봄, 사건대리)."""
    async with context.uow() as uow:
        kind = await context.services.cases.refer(uow, case, actor, args[0])
    await say(update, texts.REFERRED.format(number=case.number, kind=kind))


@case_command("/close 2026-0042 [결과]", 1)
async def cmd_close(
    update: Update, context: CounselContext, actor: Staff, case: Case, args: list[str]
) -> None:
    """Close a case, optionally with its result."""
    async with context.uow() as uow:
        await context.services.cases.close(uow, case, actor, " ".join(args))
    await say(update, texts.CLOSED_OK.format(number=case.number))
    await refresh_card(context, case)


@case_command("/reply 2026-0042 내용", 2)
async def cmd_reply(
    update: Update, context: CounselContext, actor: Staff, case: Case, _args: list[str]
) -> None:
    """Send a message to the parent of a case, signed with the team's name."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    body = message.text.split(maxsplit=2)[2]
    async with context.uow() as uow:
        target = await context.services.cases.reply_target(uow, case, actor)
    await send_reply(update, context, actor, target, body)


async def send_reply(
    update: Update, context: CounselContext, actor: Staff, target: ReplyTarget, body: str
) -> None:
    """Relay staff text to the parent and record both message ids."""
    message = update.effective_message
    if message is None:
        return
    services = context.services
    number = target.case.number
    length = _telegram_length(body)
    if length > MAX_REPLY_CHARS:
        refusal = texts.REPLY_TOO_LONG.format(number=number, limit=MAX_REPLY_CHARS, length=length)
        await say(update, refusal)
        return
    text = (
        texts.REPLY_SIGNATURE.format(team=escape(_team_name(context)), number=number)
        + "\n\n"
        + escape(body)
    )
    if target.is_discreet:
        text = account.discreet(text)
    # Recorded first, committed before the send: a kill after Telegram took it loses nothing.
    async with context.uow() as uow:
        relay_id = await services.cases.record_reply(
            uow,
            target,
            actor,
            text=body,
            staff_chat_id=message.chat_id,
            staff_message_id=message.message_id,
        )
    try:
        sent = await context.bot.send_message(target.parent_chat_id, text)
    except Forbidden:  # refused: it never reached the parent
        async with context.uow() as uow:
            await services.cases.retract_reply(uow, relay_id=relay_id)
            await services.cases.mark_parent_unreachable(uow, target)
        await say(update, texts.REPLY_PARENT_BLOCKED.format(number=number))
        return
    async with context.uow() as uow:
        await services.cases.replied(uow, relay_id=relay_id, parent_message_id=sent.message_id)
    done = texts.REPLY_SENT_CLOSED if target.case.stage == Stage.CLOSED else texts.REPLY_SENT
    await say(update, done.format(number=number))


def _telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count twice)."""
    return len(text.encode("utf-16-le")) // 2


def _team_name(context: CounselContext) -> str:
    center = context.services.faq.center
    return f"{center.short_name} 법률지원팀" if center else "법률지원팀"


async def cmd_staff(update: Update, context: CounselContext) -> None:
    """/staff, /staff add <user id> <role>, /staff remove <user id> (admins manage)."""
    actor = await require_staff(update, context)
    if actor is None:
        return
    args = list(context.args or [])
    try:
        reply = await _manage_staff(context, actor, args)
    except CaseError as exc:
        await say(update, escape(exc.message))
        return
    await say(update, reply)
    if len(args) > 1 and args[1].isdigit() and args[0] in ("add", "remove"):
        menu = publish_staff_menu if args[0] == "add" else remove_staff_menu
        await menu(context.bot, int(args[1]))


async def _manage_staff(context: CounselContext, actor: Staff, args: list[str]) -> str:
    cases = context.services.cases
    cases.require_admin(actor)
    async with context.uow() as uow:
        if not args:
            members = await cases.staff_list(uow, actor)
            return "\n".join(
                [texts.STAFF_LIST_HEADER.format(count=len(members))]
                + [
                    f"• {escape(cards.staff_name(m))} ({m.telegram_id}) "
                    f"{texts.ROLE_LABELS.get(m.role, m.role)}"
                    for m in members
                ]
            )
        if args[0] == "add" and len(args) == 3 and args[1].isdigit():
            member = await cases.add_staff(uow, actor, telegram_id=int(args[1]), role=args[2])
            role = texts.ROLE_LABELS.get(member.role, member.role)
            return texts.STAFF_ADDED.format(user_id=args[1], role=role)
        if args[0] == "remove" and len(args) == 2 and args[1].isdigit():
            requeued = await cases.remove_staff(uow, actor, telegram_id=int(args[1]))
            reply = texts.STAFF_REMOVED.format(user_id=args[1])
            if requeued:
                reply += "\n" + texts.STAFF_REMOVED_REQUEUED.format(
                    count=len(requeued), numbers=", ".join(requeued)
                )
            return reply
    return texts.USAGE.format(usage=escape(texts.STAFF_USAGE))
