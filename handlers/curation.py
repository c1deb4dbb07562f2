"""Staff turn what parents asked into FAQ content: `/unanswered` (grouped, with buttons to
accept a question into an entry or ask for a new one), `/faq_review`, `/faq_undo`."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from html import escape
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import texts
from bot.curation.grouping import QuestionGroup
from bot.curation.service import CurationError
from bot.curation.text import render_text
from handlers import callbacks
from handlers.access import require_staff, say
from handlers.context import CounselContext
from handlers.render import MESSAGE_LIMIT, short
from handlers.reply import reply_message

#: Groups listed (with a button each) in `/unanswered`.
LISTED_GROUPS: Final = 5
#: Questions shown in a group's detail, and offered one by one.
SHOWN_QUESTIONS: Final = 5
#: `/faq_review` covers this many days up to now.
REVIEW_DAYS: Final = 30


def _when(context: CounselContext, at: datetime) -> str:
    return at.astimezone(context.services.settings.tz).strftime("%m-%d")


def _candidate_line(context: CounselContext, group: QuestionGroup) -> str:
    if group.candidate is None:
        return texts.UNANSWERED_NO_CANDIDATE
    entry = context.services.curation.title(group.candidate)
    return texts.UNANSWERED_CANDIDATE.format(entry=escape(entry), confidence=group.confidence)


async def cmd_unanswered(update: Update, context: CounselContext) -> None:
    """Staff: open questions grouped by similarity, biggest first, each with a button."""
    if await require_staff(update, context) is None:
        return
    async with context.uow() as uow:
        groups = await context.services.curation.open_groups(uow)
    if not groups:
        await say(update, texts.UNANSWERED_EMPTY)
        return
    lines = [
        texts.UNANSWERED_HEADER.format(groups=len(groups), questions=sum(g.count for g in groups))
    ]
    buttons = []
    for number, group in enumerate(groups[:LISTED_GROUPS], start=1):
        lines.append(
            texts.UNANSWERED_GROUP.format(
                number=number,
                count=group.count,
                first=_when(context, group.first_at),
                last=_when(context, group.last_at),
                text=escape(short(group.representative.text, 120)),
                candidate=_candidate_line(context, group),
            )
        )
        label = texts.BUTTON_CURATION_OPEN.format(number=number)
        data = callbacks.curation("o", group.representative.id)
        buttons.append(InlineKeyboardButton(label, callback_data=data))
    if len(groups) > LISTED_GROUPS:
        lines.append(texts.UNANSWERED_MORE.format(count=len(groups) - LISTED_GROUPS))
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            short("\n\n".join(lines), MESSAGE_LIMIT), reply_markup=InlineKeyboardMarkup(rows)
        )


def _detail(
    context: CounselContext, group: QuestionGroup, single: bool
) -> tuple[str, InlineKeyboardMarkup]:
    shown = group.questions[-SHOWN_QUESTIONS:]
    questions = "\n".join(
        f"• {_when(context, q.asked_at)} {escape(short(q.text, 120))}" for q in shown
    )
    text = texts.UNANSWERED_DETAIL.format(
        count=group.count,
        first=_when(context, group.first_at),
        last=_when(context, group.last_at),
        questions=questions,
        text=escape(short(group.representative.text, 300)),
        candidate=_candidate_line(context, group),
    )
    question_id = group.representative.id
    rows = []
    if group.candidate is not None:
        label = texts.BUTTON_CURATION_ACCEPT.format(
            entry=context.services.curation.title(group.candidate)
        )
        data = callbacks.curation("a", question_id, single=single, entry_id=group.candidate)
        rows.append([InlineKeyboardButton(short(label), callback_data=data)])
    rows.append(
        [
            InlineKeyboardButton(
                texts.BUTTON_CURATION_CHOOSE,
                callback_data=callbacks.curation("c", question_id, single=single),
            )
        ]
    )
    rows.append(
        [
            InlineKeyboardButton(
                texts.BUTTON_CURATION_NEW,
                callback_data=callbacks.curation("n", question_id, single=single),
            )
        ]
    )
    if not single and group.count > 1:
        rows.append(
            [
                InlineKeyboardButton(
                    texts.BUTTON_CURATION_SINGLE,
                    callback_data=callbacks.curation("q", question_id),
                )
            ]
        )
    return text, InlineKeyboardMarkup(rows)


def _choices(context: CounselContext, group: QuestionGroup, single: bool) -> InlineKeyboardMarkup:
    """The matcher's candidates for the group, then the entries its questions were offered."""
    faq = context.services.faq
    ids = list(
        dict.fromkeys([*group.candidates, *(i for q in group.questions for i in q.best_ids)])
    )
    ids = [i for i in ids if faq.entry(i) is not None and len(i) <= 47][:7]
    rows = [
        [
            InlineKeyboardButton(
                short(context.services.curation.title(entry_id)),
                callback_data=callbacks.curation(
                    "a", group.representative.id, single=single, entry_id=entry_id
                ),
            )
        ]
        for entry_id in ids
    ]
    return InlineKeyboardMarkup(rows)


async def on_curation_button(update: Update, context: CounselContext) -> None:
    """The buttons of `/unanswered`: open, one by one, choose, accept, new entry."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    actor = await require_staff(update, context)
    message = reply_message(update)
    if actor is None or message is None:
        return
    action, question_id, single, entry_id = callbacks.parse_curation(query.data)
    curation = context.services.curation
    try:
        if action == "a":
            async with context.uow() as uow:
                accepted = await curation.accept(
                    uow, actor=actor, question_id=question_id, single=single, entry_id=entry_id
                )
            await query.answer()
            await message.reply_text(
                texts.CURATION_ACCEPTED.format(
                    file=escape(accepted.change.file_name),
                    line=accepted.change.line_number,
                    text=escape(accepted.change.line),
                    entry=escape(accepted.title),
                    count=accepted.questions,
                )
            )
            return
        if action == "n":
            async with context.uow() as uow:
                count = await curation.request_new_entry(
                    uow, actor=actor, question_id=question_id, single=single
                )
            await query.answer()
            await message.reply_text(texts.CURATION_NEW_RECORDED.format(count=count))
            return
        async with context.uow() as uow:
            group = await curation.group(uow, question_id, single=single and action != "q")
    except CurationError as exc:
        await query.answer()
        await message.reply_text(escape(exc.message))
        return
    await query.answer()
    if action == "q":
        rows = [
            [
                InlineKeyboardButton(
                    short(texts.BUTTON_CURATION_QUESTION.format(text=q.text)),
                    callback_data=callbacks.curation("o", q.id, single=True),
                )
            ]
            for q in group.questions[-SHOWN_QUESTIONS:]
        ]
        await message.reply_text(
            texts.BUTTON_CURATION_SINGLE, reply_markup=InlineKeyboardMarkup(rows)
        )
    elif action == "c":
        await message.reply_text(
            texts.CURATION_CHOOSE.format(text=escape(short(group.representative.text, 300))),
            reply_markup=_choices(context, group, single),
        )
    else:
        text, markup = _detail(context, group, single)
        await message.reply_text(short(text, MESSAGE_LIMIT), reply_markup=markup)


async def cmd_faq_undo(update: Update, context: CounselContext) -> None:
    """Staff: take out the caller's last accepted variant."""
    actor = await require_staff(update, context)
    if actor is None:
        return
    try:
        async with context.uow() as uow:
            undone = await context.services.curation.undo(uow, actor=actor)
    except CurationError as exc:
        await say(update, escape(exc.message))
        return
    await say(
        update,
        texts.CURATION_UNDONE.format(
            file=escape(undone.change.file_name), text=escape(undone.change.line)
        ),
    )


async def cmd_faq_review(update: Update, context: CounselContext) -> None:
    """Staff: the review of the last REVIEW_DAYS days as text (split to fit messages)."""
    if await require_staff(update, context) is None or update.effective_message is None:
        return
    services = context.services
    end = services.clock.now()
    async with context.uow() as uow:
        report = await services.curation.review(
            uow, start=end - timedelta(days=REVIEW_DAYS), end=end
        )
    body = await asyncio.to_thread(render_text, report)
    for chunk in _chunks(body, MESSAGE_LIMIT - 100):
        await update.effective_message.reply_text(f"<pre>{escape(chunk)}</pre>")


def _chunks(text: str, limit: int) -> list[str]:
    """Whole lines, at most `limit` characters a message (a longer line is cut)."""
    chunks: list[str] = []
    current = ""
    for whole in text.splitlines():
        line = short(whole, limit)
        if current and len(current) + len(line) + 1 > limit:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks
