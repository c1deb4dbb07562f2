"""Discreet mode and clearing the chat, for parents reading on a shared phone."""

from __future__ import annotations

import logging
from typing import Final

from telegram import Update
from telegram.error import TelegramError

from bot import texts
from bot.account import service as account
from bot.account.confirmations import CLEAR_CHAT
from handlers import callbacks
from handlers import dialog as dialog_view
from handlers.context import CounselContext

logger = logging.getLogger(__name__)
BATCH = 100  # deleteMessages takes at most 100 ids


async def cmd_discreet(update: Update, context: CounselContext) -> None:
    """Turn discreet mode on or off."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    async with context.uow() as uow:
        is_on = await account.toggle_discreet(
            uow, telegram_id=user.id, now=context.services.clock.now()
        )
    await message.reply_text(texts.DISCREET_ON if is_on else texts.DISCREET_OFF)


CLEAR_LAYOUT: Final = dialog_view.confirm_layout(callbacks.CLEAR_YES, callbacks.CLEAR_NO)


async def cmd_clear(update: Update, _context: CounselContext) -> None:
    """Ask before deleting the recent messages of this chat."""
    await dialog_view.ask(update, CLEAR_CHAT, CLEAR_LAYOUT)


async def on_clear_button(update: Update, context: CounselContext) -> None:
    """Delete what Telegram still allows (48 hours), both sides, after the confirmation."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    await query.answer()
    if not dialog_view.is_confirmed(CLEAR_CHAT, query.data):
        await query.edit_message_text(texts.CLEAR_KEPT)
        return
    async with context.uow() as uow:
        ids = await context.services.account.forget_sent_messages(uow, chat_id=chat.id)
    if query.message is not None and query.message.message_id not in ids:
        ids.append(query.message.message_id)
    deleted = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        try:
            await context.bot.delete_messages(chat.id, batch)
            deleted += len(batch)
        except TelegramError as exc:
            logger.info("clear: a batch could not be deleted (%s)", type(exc).__name__)
    await context.bot.send_message(chat.id, texts.CLEAR_DONE.format(count=deleted))
