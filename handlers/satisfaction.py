"""The satisfaction question after a case closed: the score buttons, 괜찮아요, the comment."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import texts
from bot.cases.satisfaction import Rating
from handlers import callbacks
from handlers.context import CounselContext
from handlers.reply import markup_message, reply_message
from handlers.transaction import current as current_transaction


async def on_satisfaction_button(update: Update, context: CounselContext) -> None:
    """A score (stored, then the comment is offered) or 괜찮아요, on the parent's own case."""
    query, user = update.callback_query, update.effective_user
    if query is None or query.data is None or user is None:
        return
    case_id, score = callbacks.parse_satisfaction(query.data)
    service = context.services.satisfaction
    async with context.uow() as uow:
        if score is None:
            is_done = await service.skip_comment(uow, telegram_id=user.id, case_id=case_id)
            rating = Rating.STORED if is_done else Rating.REFUSED
        else:
            rating = await service.rate(uow, telegram_id=user.id, case_id=case_id, score=score)
    if rating is Rating.REFUSED:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    if rating is Rating.COMMENTED:
        await query.answer(texts.SATISFACTION_ALREADY_COMMENTED)
        return
    await query.answer()
    if score is None:
        await _show(update, texts.SATISFACTION_SKIPPED, None)
        return
    skip = InlineKeyboardButton(
        texts.BUTTON_SATISFACTION_SKIP, callback_data=callbacks.satisfaction_skip(case_id)
    )
    await _show(
        update, texts.SATISFACTION_THANKS.format(score=score), InlineKeyboardMarkup([[skip]])
    )


async def _show(update: Update, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """In place of the question, or as a new message when Telegram no longer shows it."""
    query, shown = update.callback_query, markup_message(update)
    if query is not None and shown is not None and shown.text:  # (a stale one has no text)
        await query.edit_message_text(text, reply_markup=markup)
    elif (message := reply_message(update)) is not None:
        await message.reply_text(text, reply_markup=markup)


async def take_comment(update: Update, context: CounselContext) -> bool:
    """The parent's text as the comment they were offered; False when none is awaited."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None or user is None:
        return False
    async with context.uow() as uow:
        stored = await context.services.satisfaction.take_comment(
            uow, telegram_id=user.id, text=message.text
        )
    if stored:
        await message.reply_text(texts.SATISFACTION_COMMENT_THANKS)
    return stored


async def end_comment_window(update: Update, context: CounselContext) -> None:
    """A command or any other button: the next text is no longer a comment."""
    user = update.effective_user
    if user is None:
        return
    query = update.callback_query
    if query is not None and query.data is not None and callbacks.is_satisfaction(query.data):
        return
    transaction = current_transaction()
    if transaction is not None and not transaction.uow.users.may_have_comment_window(user.id):
        return  # the update's claim found none: no transaction after the reply
    async with context.uow() as uow:
        await context.services.satisfaction.cancel_pending(uow, telegram_id=user.id)
