"""The benefit and deadline calculators (/calc): thin rendering of `CalcService` views."""

from __future__ import annotations

from html import escape
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import MessageLimit

from bot.calc import dialog, texts
from bot.calc.session import CANCELLED, CalcEnding, CalcService, CalcView
from handlers import callbacks
from handlers import dialog as dialog_view
from handlers.common import TEXT_LIMIT
from handlers.context import CounselContext
from handlers.dialog import Layout

#: FAQ entries whose answer gets a "calculate it for me" button, and the calculator it opens.
FAQ_CALCULATORS: Final = {
    "parental-leave-pay": "parental",
    "parents-both-leave": "parental",
    "single-parent-leave": "parental",
    "maternity-leave-pay": "maternity",
    "childcare-reduced-hours-pay": "reduced_hours",
    "spouse-childbirth-leave-pay": "spouse",
    "infertility-leave": "infertility",
    "unfair-dismissal-remedy": "deadlines",
    "forced-resignation": "deadlines",
    "wage-arrears": "deadlines",
    "gender-discrimination-remedy": "deadlines",
}
_WIDE_STEPS: Final = frozenset({"kind", "company", "birth", "event", "child_birth"})


def faq_calc_button(entry_id: str) -> InlineKeyboardButton | None:
    """The "🧮 계산해 보기" button for an FAQ entry, or None when it has no calculator."""
    kind = FAQ_CALCULATORS.get(entry_id)
    if kind is None:
        return None
    label = texts.BUTTON_CALCULATE_DEADLINE if kind == "deadlines" else texts.BUTTON_CALCULATE
    return InlineKeyboardButton(label, callback_data=callbacks.calc_start(kind))


def _end_keyboard(ending: CalcEnding) -> InlineKeyboardMarkup:
    again = callbacks.calc_start(
        ending.calculator or dialog.PICK
    )  # an unknown kind opens the menu
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BUTTON_AGAIN, callback_data=again),
                InlineKeyboardButton(texts.BUTTON_CONSULT, callback_data=callbacks.CONSULT),
            ]
        ]
    )


def _pieces(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """`text` in messages of at most `limit` characters, cut between lines."""
    pieces: list[str] = []
    current = ""
    lines = [
        raw[i : i + limit] for raw in text.split("\n") for i in range(0, max(len(raw), 1), limit)
    ]
    for line in lines:
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            candidate = line
        current = candidate
    return [*pieces, current]


LAYOUT: Final = Layout(
    callback=callbacks.calc_answer,
    per_row=3,
    wide_steps=_WIDE_STEPS,
    hint=texts.STEP_HINT,
    plain_steps=frozenset({dialog.FIRST_STEP}),
)


async def _show_ending(message: Message, ending: CalcEnding) -> None:
    """A result or refusal in as many messages as it needs, or the cancellation."""
    if ending.kind == "cancelled":
        await message.reply_text(texts.CANCELLED)
        return
    body = (
        escape(ending.text) + texts.RESULT_HINT
        if ending.kind == "result"
        else texts.FAILED.format(reason=escape(ending.text)) + texts.FAILED_HINT
    )
    pieces = _pieces(body)
    for piece in pieces[:-1]:
        await message.reply_text(piece)
    await message.reply_text(pieces[-1], reply_markup=_end_keyboard(ending))


async def show(update: Update, context: CounselContext, view: CalcView) -> None:
    """Render a calculator view: the question (with any notice), a result, or the end."""
    await dialog_view.show(update, context, view, LAYOUT, _show_ending)


def _service(context: CounselContext) -> CalcService:
    return context.services.calc


async def cmd_calc(update: Update, context: CounselContext) -> None:
    """Start (or resume) a calculator: which one, then one question at a time."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return
    async with context.uow() as uow:
        view = await _service(context).start(uow, telegram_id=user.id)
    await show(update, context, view)


async def on_calc_button(update: Update, context: CounselContext) -> None:
    """A calculator button: start a given calculator, or answer the current question."""
    query = update.callback_query
    user = update.effective_user
    if query is None or query.data is None or user is None:
        return
    step, value = callbacks.parse_calc(query.data)
    service = _service(context)
    async with context.uow() as uow:
        if step == callbacks.CALC_START_STEP:
            view: CalcView | None = await service.start(uow, telegram_id=user.id, kind=value)
        else:
            view = await service.answer_choice(uow, telegram_id=user.id, step=step, value=value)
    if view is None:
        await query.answer(texts.NOTHING_ACTIVE, show_alert=True)
        return
    await query.answer()
    if step != callbacks.CALC_START_STEP:
        await dialog_view.drop_buttons(query)
    await show(update, context, view)


async def try_calc_text(update: Update, context: CounselContext) -> bool:
    """Typed text as a calculator answer; False when no calculator dialog is in progress."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None or user is None:
        return False
    if len(message.text) > TEXT_LIMIT:
        return False  # the text router explains the limit
    async with context.uow() as uow:
        view = await _service(context).answer_text(uow, telegram_id=user.id, text=message.text)
    if view is None:
        return False
    await show(update, context, view)
    return True


async def try_calc_cancel(update: Update, context: CounselContext) -> bool:
    """/cancel for a calculator dialog in progress; False when there is none."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return False
    async with context.uow() as uow:
        cancelled = await _service(context).cancel(uow, telegram_id=user.id)
    if cancelled:
        await show(update, context, CANCELLED)
    return cancelled
