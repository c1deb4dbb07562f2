"""Per-user rate limiting at the door: an update over its user's limit is dropped.

Called by the idempotency guard once the update's id is recorded, so a dropped update is
never processed later either. The user hears about it once per burst; every refused
button press is still answered (a short toast), so no button spins forever.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType

from bot import texts
from handlers.context import CounselContext
from storage.db import UnitOfWork

logger = logging.getLogger(__name__)


async def is_over_limit(update: Update, context: CounselContext, uow: UnitOfWork) -> bool:
    """Whether to drop the update; when so, the user has been answered as needed."""
    user = update.effective_user
    if user is None:
        return False
    throttle = context.services.throttle
    if throttle is None or throttle.admit(user.id):
        return False
    # Staff are looked up once a user passes the parents' limit, then remembered.
    if not throttle.is_role_known(user.id):
        staff = await context.services.cases.staff_member(uow, telegram_id=user.id)
        throttle.set_role(user.id, is_staff=staff is not None)
        if staff is not None and throttle.admit(user.id):
            return False
    is_first = throttle.first_refusal(user.id)
    if is_first:
        logger.info("update %s: its user is over the rate limit; dropping", update.update_id)
    if update.callback_query is not None:
        await update.callback_query.answer(texts.THROTTLED_BUTTON)
    elif is_first and (message := update.message) and message.chat.type == ChatType.PRIVATE:
        await message.reply_text(texts.THROTTLED)
    return True
