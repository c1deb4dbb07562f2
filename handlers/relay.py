"""Relaying free text between a parent and the staff member handling their case."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot import texts
from bot.cases.service import CaseError
from handlers.context import CounselContext
from handlers.staff import send_reply


async def try_staff_reply(update: Update, context: CounselContext) -> bool:
    """A staff member replied to a relayed parent message: send it to that parent."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.reply_to_message is None or user is None or not message.text:
        return False
    services = context.services
    async with context.uow() as uow:
        actor = await services.cases.staff_member(uow, telegram_id=user.id)
        if actor is None:
            return False
        case = await services.cases.case_for_staff_reply(
            uow,
            staff_chat_id=message.chat_id,
            replied_message_id=message.reply_to_message.message_id,
        )
        if case is None:
            return False
        try:
            target = await services.cases.reply_target(uow, case, actor)
        except CaseError as exc:
            await message.reply_text(escape(exc.message))
            return True
    await send_reply(update, context, actor, target, message.text)
    return True


async def try_parent_relay(update: Update, context: CounselContext) -> bool:
    """A parent with an open, assigned case: their message goes to the assignee."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None or not message.text:
        return False
    services = context.services
    async with context.uow() as uow:
        case = await services.cases.relay_from_parent(
            uow,
            telegram_id=user.id,
            text=message.text,
            chat_id=message.chat_id,
            message_id=message.message_id,
        )
    if case is None:
        return False
    await message.reply_text(texts.RELAY_ACK)
    return True
