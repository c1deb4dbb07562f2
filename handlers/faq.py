"""FAQ: free-text questions, topic browsing, feedback, and staff tools for the FAQ."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update

from bot import texts
from bot.knowledge.service import FaqReply
from handlers import calc, callbacks, feedback, render
from handlers.access import require_staff
from handlers.common import TEXT_LIMIT
from handlers.context import CounselContext
from handlers.reply import markup_message, reply_message

LAST_QUESTION_KEY = "last_question"


async def on_text(update: Update, context: CounselContext) -> None:
    """Answer a free-text question from the FAQ."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    if len(message.text) > TEXT_LIMIT:
        await message.reply_text(texts.TOO_LONG.format(limit=TEXT_LIMIT))
        return
    await answer_question(update, context, message.text)


async def answer_question(update: Update, context: CounselContext, text: str) -> FaqReply:
    """Answer `text` (typed now, or kept from before) from the FAQ and record the outcome."""
    user = update.effective_user
    async with context.uow(savepoint=False) as uow:
        reply = await context.services.faq.answer(
            uow=uow, text=text, telegram_id=user.id if user else None
        )
    if context.user_data is not None:
        context.user_data[LAST_QUESTION_KEY] = text
    await _send_reply(update, context, reply)
    return reply


async def _send_reply(update: Update, context: CounselContext, reply: FaqReply) -> None:
    message = reply_message(update)
    if message is None:
        return
    faq = context.services.faq
    if reply.outcome == "crisis":
        await message.reply_text(render.crisis(reply.crisis_message or "", faq.center))
    elif reply.social is not None:
        person = reply.social == "person"
        await message.reply_text(
            texts.FAQ_PERSON if person else texts.FAQ_SMALLTALK,
            reply_markup=render.suggestions_keyboard(reply.entries[:1])
            if person
            else render.consult_keyboard(),
        )
    elif reply.outcome == "answer":
        await send_entry(update, context, reply.entries[0].id)
        if reply.alternative is not None:
            await message.reply_text(
                texts.FAQ_ALTERNATIVE,
                reply_markup=render.suggestions_keyboard([reply.alternative]),
            )
    elif reply.outcome == "suggestions":
        await message.reply_text(
            texts.FAQ_SUGGESTIONS, reply_markup=render.suggestions_keyboard(reply.entries)
        )
    else:
        await message.reply_text(texts.FAQ_NONE, reply_markup=render.consult_keyboard())


async def send_entry(update: Update, context: CounselContext, entry_id: str) -> bool:
    """Send one entry's answer with its buttons; False when it is not in force."""
    message = reply_message(update)
    faq = context.services.faq
    entry = faq.entry(entry_id)
    if message is None:
        return False
    if entry is None:
        await message.reply_text(texts.FAQ_ENTRY_GONE)
        return False
    related = [r for r in (faq.entry(i) for i in entry.related) if r is not None]
    markup = render.answer_keyboard(entry, related)
    button = calc.faq_calc_button(entry.id)
    if button is not None:
        markup = InlineKeyboardMarkup([[button], *markup.inline_keyboard])
    await message.reply_text(
        render.faq_short(entry), reply_markup=markup, disable_web_page_preview=True
    )
    return True


async def on_more_button(update: Update, context: CounselContext) -> None:
    """ "자세히 보기": the same message grows into the whole answer, its buttons stay."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    entry = context.services.faq.entry(callbacks.parse_suffix(query.data))
    if entry is None:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    text = render.faq_answer(entry)
    shown = markup_message(update)
    if shown is None or shown.reply_markup is None:  # Telegram no longer shows the message
        related = [r for r in (context.services.faq.entry(i) for i in entry.related) if r]
        message = reply_message(update)
        if message is not None:
            await message.reply_text(
                text,
                reply_markup=render.answer_keyboard(entry, related, details=False),
                disable_web_page_preview=True,
            )
        return
    kept = [
        row
        for row in shown.reply_markup.inline_keyboard
        if not any(callbacks.is_more(str(b.callback_data or "")) for b in row)
    ]
    await query.edit_message_text(
        text, reply_markup=InlineKeyboardMarkup(kept), disable_web_page_preview=True
    )


async def on_group_button(update: Update, context: CounselContext) -> None:
    """List the questions of one topic group."""
    query, message = update.callback_query, reply_message(update)
    if query is None or query.data is None or message is None:
        return
    faq = context.services.faq
    group_id, page = callbacks.parse_group(query.data)
    group = faq.group(group_id)
    if group is None:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    entries = [e for e in (faq.entry(i) for i in group.entry_ids) if e is not None]
    markup = render.group_keyboard(entries, group.id, page)
    if page and markup_message(update) is not None:  # turning the page of a shown list
        await query.edit_message_reply_markup(reply_markup=markup)
        return
    await message.reply_text(
        texts.GROUP_TITLE.format(title=escape(group.title)), reply_markup=markup
    )


async def on_entry_button(update: Update, context: CounselContext) -> None:
    """Show the entry a parent picked from suggestions, related questions or the menu."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    entry_id = callbacks.parse_suffix(query.data)
    if await send_entry(update, context, entry_id):
        async with context.uow() as uow:
            await context.services.faq.record_choice(uow=uow, entry_id=entry_id)


async def on_feedback_button(update: Update, context: CounselContext) -> None:
    """Store 👍 / 👎 for an answer and remove the buttons' feedback row; a 👎 asks why."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    entry_id, is_helpful = callbacks.parse_feedback(query.data)
    services = context.services
    if services.faq.entry(entry_id) is None:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    question = context.user_data.get(LAST_QUESTION_KEY) if context.user_data else None
    user = update.effective_user
    async with context.uow() as uow:
        feedback_id = await services.faq.record_feedback(
            uow=uow,
            entry_id=entry_id,
            is_helpful=is_helpful,
            telegram_id=user.id if user else None,
            question=None if is_helpful else question,
        )
    await query.answer(texts.FAQ_FEEDBACK_THANKS if is_helpful else None)
    shown = markup_message(update)
    markup = shown.reply_markup if shown is not None else None
    if markup is not None:
        kept = [
            row
            for row in markup.inline_keyboard
            if not any(callbacks.is_feedback(str(b.callback_data or "")) for b in row)
        ]
        if len(kept) != len(markup.inline_keyboard):
            await query.edit_message_reply_markup(reply_markup=InlineKeyboardMarkup(kept))
    answered = reply_message(update)
    if not is_helpful and answered is not None:  # one optional follow-up, and the consultation
        await answered.reply_text(
            texts.FAQ_FEEDBACK_ASK, reply_markup=feedback.reasons_keyboard(feedback_id)
        )


async def cmd_reload_faq(update: Update, context: CounselContext) -> None:
    """Staff: reload the FAQ files; an invalid file keeps the current content."""
    if await require_staff(update, context) is None or update.effective_message is None:
        return
    result = await context.services.faq.reload()
    if result.is_ok:
        text = texts.RELOAD_OK.format(entries=result.entries, groups=result.groups)
    else:
        problems = "\n".join(escape(p) for p in result.problems[:20])
        text = texts.RELOAD_FAILED.format(problems=problems)
    await update.effective_message.reply_text(text)
