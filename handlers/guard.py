"""Handlers that run before the features (groups -3, -2): filtering, idempotency and the
per-user rate limit."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot import texts
from handlers import recording, throttle
from handlers.context import CounselContext
from handlers.transaction import current as current_transaction

logger = logging.getLogger(__name__)


async def claim_update(update: Update, context: CounselContext) -> None:
    """Claim the update's id in its transaction; stop an update seen before.

    The id is recorded in the same transaction as everything the handlers change, so an
    update is either fully processed once or (after a crash) not at all. An update over its
    user's rate limit is stopped too, with its id recorded (see `handlers.throttle`). The
    user is touched in the claim's statement.
    """
    transaction = current_transaction()
    if transaction is None:
        raise RuntimeError("an update is processed outside its unit of work")
    user, chat, message = update.effective_user, update.effective_chat, update.message
    is_private = chat is not None and chat.type == ChatType.PRIVATE
    arrival = await transaction.uow.users.arrive(
        update_id=update.update_id,
        now=context.services.clock.now(),
        telegram_id=user.id if user is not None and is_private else None,
        # Typed text is routed by what the user is in the middle of: read it now as well.
        with_state=message is not None and is_private and _is_plain_text(message.text),
    )
    if not arrival.is_new:
        await transaction.rollback()
        logger.info("dropping update %s: seen before", update.update_id)
        raise ApplicationHandlerStop
    if await throttle.is_over_limit(update, context, transaction.uow):
        raise ApplicationHandlerStop  # its id stays recorded: it is not processed later
    if message is not None and message.chat.type == ChatType.PRIVATE:
        recording.note(message.chat_id, message.message_id)


def _is_plain_text(text: str | None) -> bool:
    return text is not None and not text.startswith("/")


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
