"""Handlers that run before the features (group -2): idempotency and filtering."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot import texts
from handlers import recording
from handlers.context import CounselContext

logger = logging.getLogger(__name__)


async def begin_update(update: Update, context: CounselContext) -> None:
    """Open the update's transaction and claim its id; stop an update seen before.

    The id is recorded in the same transaction as everything the handlers change, so an
    update is either fully processed once or (after a crash) not at all.
    """
    services = context.services
    uow = services.database.begin()
    try:
        is_new = await uow.updates.mark_processed(
            update_id=update.update_id, now=services.clock.now()
        )
    except BaseException:
        await uow.finish(commit=False)
        raise
    if not is_new:
        await uow.finish(commit=False)
        logger.info("dropping update %s: seen before", update.update_id)
        raise ApplicationHandlerStop
    context.open_update_uow(update.update_id, uow)
    user, chat = update.effective_user, update.effective_chat
    if user is not None and chat is not None and chat.type == ChatType.PRIVATE:
        await uow.users.touch(telegram_id=user.id, now=services.clock.now())
    pairs = recording.start_collecting()
    message = update.message
    if message is not None and message.chat.type == ChatType.PRIVATE:
        pairs.append((message.chat_id, message.message_id))


async def commit_update(update: Update, context: CounselContext) -> None:
    """After the last handler: commit the update's transaction."""
    uow = context.take_update_uow(update.update_id)
    if uow is None:
        return
    pairs = recording.collected.get() or []
    now = context.services.clock.now()
    for chat_id in {chat for chat, _ in pairs}:
        await uow.sent.record(
            chat_id=chat_id, now=now, message_ids=[m for chat, m in pairs if chat == chat_id]
        )
    await uow.finish(commit=True)


async def filter_chats(update: Update, context: CounselContext) -> None:
    """Skip edited messages and channel posts; in groups other than the team chat, only
    point people to a private chat (and only when they address the bot with a command)."""
    if update.edited_message or update.channel_post or update.edited_channel_post:
        raise ApplicationHandlerStop
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if chat.id == context.services.settings.team_chat_id:
        return
    message = update.message
    if message is not None and message.text and message.text.startswith("/"):
        await message.reply_text(texts.PRIVATE_ONLY)
    elif update.callback_query is not None:
        await update.callback_query.answer(texts.PRIVATE_ONLY, show_alert=True)
    raise ApplicationHandlerStop
