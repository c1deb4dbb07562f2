"""Handlers that run before the features (group -2): idempotency and filtering."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

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
        is_new = await uow.updates.mark_processed(update_id=update.update_id,
                                                  now=services.clock.now())
    except BaseException:
        await uow.finish(commit=False)
        raise
    if not is_new:
        await uow.finish(commit=False)
        logger.info("dropping update %s: seen before", update.update_id)
        raise ApplicationHandlerStop
    context.update_uow = uow


async def commit_update(_update: Update, context: CounselContext) -> None:
    """After the last handler: commit the update's transaction."""
    uow = context.take_update_uow()
    if uow is not None:
        await uow.finish(commit=True)


async def drop_edited_and_channel(update: Update, _context: CounselContext) -> None:
    """Edited messages and channel posts are not questions; skip them quietly."""
    if update.edited_message or update.channel_post or update.edited_channel_post:
        raise ApplicationHandlerStop
