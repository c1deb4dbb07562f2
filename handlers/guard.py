"""Handlers that run before the features (group -2): idempotency and filtering."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from handlers.context import CounselContext

logger = logging.getLogger(__name__)


async def drop_seen_update(update: Update, context: CounselContext) -> None:
    """Stop an update whose id was processed before (redelivery, second worker)."""
    services = context.services
    async with services.database.uow() as uow:
        is_new = await uow.updates.mark_processed(update_id=update.update_id,
                                                  now=services.clock.now())
    if not is_new:
        logger.info("dropping update %s: seen before", update.update_id)
        raise ApplicationHandlerStop


async def drop_edited_and_channel(update: Update, _context: CounselContext) -> None:
    """Edited messages and channel posts are not questions; skip them quietly."""
    if update.edited_message or update.channel_post or update.edited_channel_post:
        raise ApplicationHandlerStop
