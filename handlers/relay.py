"""Relaying free text between a parent and the people handling their case."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import texts
from bot.cases.service import CaseError, ParentAttachment, ReplyTarget
from handlers import callbacks, render
from handlers.context import CounselContext
from handlers.staff import send_reply
from storage.models import Staff


@dataclass(frozen=True)
class StaffReply:
    """A staff member's reply to a relayed parent message, and where it goes."""

    actor: Staff
    target: ReplyTarget | None
    refusal: str | None = None


async def staff_reply(update: Update, context: CounselContext) -> StaffReply | None:
    """The reply a staff member wrote under a relayed message; None if it is not one."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.reply_to_message is None or user is None or not message.text:
        return None
    services = context.services
    async with context.uow() as uow:
        actor = await services.cases.staff_member(uow, telegram_id=user.id)
        if actor is None:
            return None
        case = await services.cases.case_for_staff_reply(
            uow,
            staff_chat_id=message.chat_id,
            replied_message_id=message.reply_to_message.message_id,
        )
        if case is None:
            return None
        try:
            target = await services.cases.reply_target(uow, case, actor)
        except CaseError as exc:
            return StaffReply(actor, None, exc.message)
    return StaffReply(actor, target)


async def send_staff_reply(update: Update, context: CounselContext, reply: StaffReply) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    if reply.target is None:
        await message.reply_text(escape(reply.refusal or ""))
        return
    await send_reply(update, context, reply.actor, reply.target, message.text)


async def attach_to_case(
    update: Update, context: CounselContext, *, is_urgent: bool = False, is_held: bool = False
) -> ParentAttachment | None:
    """Add the parent's message to their open case (told to its reader unless held)."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None or not message.text:
        return None
    async with context.uow() as uow:
        return await context.services.cases.attach_from_parent(
            uow,
            telegram_id=user.id,
            text=message.text,
            chat_id=message.chat_id,
            message_id=message.message_id,
            is_urgent=is_urgent,
            is_held=is_held,
        )


async def acknowledge(
    update: Update, context: CounselContext, attached: ParentAttachment, *, is_urgent: bool
) -> None:
    """Tell the parent where their message went and when to expect an answer."""
    message = update.effective_message
    if message is None:
        return
    reply_time = escape(render.reply_time(context.services.faq.center))
    number = attached.case.number
    if is_urgent:
        await message.reply_text(texts.RELAY_ACK_URGENT.format(number=number))
        return
    text = (
        texts.RELAY_ACK.format(reply_time=reply_time)
        if attached.is_claimed
        else texts.RELAY_ACK_WAITING.format(number=number, reply_time=reply_time)
    )
    ask = InlineKeyboardButton(
        texts.ASK_BOT_BUTTON, callback_data=callbacks.ask_bot(attached.relay_id)
    )
    await message.reply_text(text, reply_markup=InlineKeyboardMarkup([[ask]]))


async def offer_forward(update: Update, attached: ParentAttachment) -> None:
    """Under an FAQ answer: the question is on the case; one tap sends it to its reader."""
    message = update.effective_message
    if message is None:
        return
    button = InlineKeyboardButton(
        texts.FORWARD_BUTTON, callback_data=callbacks.forward(attached.relay_id)
    )
    await message.reply_text(
        texts.FORWARD_OFFER.format(number=attached.case.number),
        reply_markup=InlineKeyboardMarkup([[button]]),
    )
