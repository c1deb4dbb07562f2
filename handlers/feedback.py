"""The optional follow-up of a 👎: why the answer did not help, and the consultation."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import texts
from bot.vocabulary import FeedbackReason
from handlers import callbacks
from handlers.context import CounselContext


def reasons_keyboard(feedback_id: int) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(label, callback_data=callbacks.feedback_reason(feedback_id, key))]
        for key, label in texts.FAQ_FEEDBACK_REASONS.items()
    ]
    rows.append([InlineKeyboardButton(texts.BUTTON_CONSULT, callback_data=callbacks.CONSULT)])
    return InlineKeyboardMarkup(rows)


async def on_reason_button(update: Update, context: CounselContext) -> None:
    """Store the reason on the parent's own 👎; the consultation button stays."""
    query, user = update.callback_query, update.effective_user
    if query is None or query.data is None or user is None:
        return
    feedback_id, reason = callbacks.parse_feedback_reason(query.data)
    async with context.uow() as uow:
        stored = await context.services.faq.record_feedback_reason(
            uow=uow, feedback_id=feedback_id, telegram_id=user.id, reason=FeedbackReason(reason)
        )
    if not stored:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    consult = InlineKeyboardButton(texts.BUTTON_CONSULT, callback_data=callbacks.CONSULT)
    await query.edit_message_text(
        texts.FAQ_FEEDBACK_REASON_THANKS, reply_markup=InlineKeyboardMarkup([[consult]])
    )
