"""Staff checks, made against the staff table on every call."""

from __future__ import annotations

from telegram import Update

from bot import texts
from handlers.context import CounselContext
from storage.models import Staff


async def current_staff(update: Update, context: CounselContext) -> Staff | None:
    """The active staff member behind this update, or None (the caller is told politely)."""
    user = update.effective_user
    staff = None
    if user is not None:
        async with context.uow() as uow:
            staff = await uow.staff.get_active(telegram_id=user.id)
    if staff is None:
        if update.callback_query is not None:
            await update.callback_query.answer(texts.STAFF_ONLY, show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(texts.STAFF_ONLY)
    return staff
