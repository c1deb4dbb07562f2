"""The single error handler: log without personal data, apologise, never crash."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot import texts
from handlers.context import CounselContext
from handlers.transaction import current as current_transaction

logger = logging.getLogger(__name__)


async def on_error(update: object, context: CounselContext) -> None:
    """Roll back the update, log the error (ids only) and tell the user."""
    transaction = current_transaction() if isinstance(update, Update) else None
    if transaction is not None:
        try:
            await transaction.rollback()
        except Exception as exc:  # e.g. the connection is gone; the processor closes it
            logger.warning("rollback failed (%s)", type(exc).__name__)
    try:
        await _report(update, context)
    finally:
        if transaction is not None:  # no later handler may write to the rolled-back update
            raise ApplicationHandlerStop


async def _report(update: object, context: CounselContext) -> None:
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden) and isinstance(update, Update) and update.effective_user:
        logger.warning("update %s: bot blocked by user", update_id)
        async with context.services.database.uow() as uow:
            await context.services.account.mark_blocked(uow, telegram_id=update.effective_user.id)
        return
    logger.error(
        "update %s failed: %s",
        update_id,
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if error else None,
    )
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(texts.ERROR_GENERIC, show_alert=True)
        except TelegramError:  # answered already (the failure came later): write instead
            pass
        else:
            return
    try:
        await context.bot.send_message(update.effective_chat.id, texts.ERROR_GENERIC)
    except TelegramError:
        logger.warning("update %s: could not send the apology", update_id)
