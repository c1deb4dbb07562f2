"""The one renderer of `bot.dialog` views: crisis help, the notice, the question, its buttons.

Each dialog gives a `Layout` (its callback data, how many buttons per row, the hint under
questions) and a function that renders its own ending. Yes/no confirmations, which keep
nothing in the database, are asked with `ask` and read back with `is_confirmed`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html import escape
from typing import TypeVar

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.dialog import DialogView, InvalidAnswer, Prompt
from bot.dialog.confirm import CONFIRM_STEP, YES, Confirmation
from handlers import render
from handlers.context import CounselContext
from handlers.reply import reply_message

E = TypeVar("E")


@dataclass(frozen=True)
class Layout:
    """How one dialog's questions look.

    Args:
        callback: the callback data of a button, from (step, value).
        per_row: buttons per row, unless the step is in `wide_steps` (one per row).
        hint: appended to every question except those of `plain_steps` (HTML).
    """

    callback: Callable[[str, str], str]
    per_row: int = 2
    wide_steps: frozenset[str] = field(default_factory=frozenset)
    hint: str = ""
    plain_steps: frozenset[str] = field(default_factory=frozenset)


def keyboard(prompt: Prompt, layout: Layout) -> InlineKeyboardMarkup | None:
    """The question's buttons, or None when it has none."""
    if not prompt.choices:
        return None
    buttons = [
        InlineKeyboardButton(c.label, callback_data=layout.callback(prompt.step, c.value))
        for c in prompt.choices
    ]
    per_row = 1 if prompt.step in layout.wide_steps else layout.per_row
    return InlineKeyboardMarkup(
        [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]
    )


def question(prompt: Prompt, layout: Layout, notice: str | None = None) -> str:
    """The question's HTML text: the notice (escaped) above it, the hint below."""
    text = prompt.text
    if notice:
        text = f"{escape(notice)}\n\n{text}"
    if prompt.step not in layout.plain_steps:
        text += layout.hint
    return text


async def show(
    update: Update,
    context: CounselContext,
    view: DialogView[E],
    layout: Layout,
    ending: Callable[[Message, E], Awaitable[None]],
) -> None:
    """Render a dialog view: crisis help first, then the dialog's end or the next question.

    The step just taken is committed before anything is sent (every Bot API call of an
    update commits first): the parent is never shown a next question that a restart would
    take back.
    """
    message = reply_message(update)
    if message is None:
        return
    if view.crisis_message:
        center = context.services.faq.center
        await message.reply_text(render.crisis(view.crisis_message, center))
    if view.ending is not None:
        await ending(message, view.ending)
        return
    if view.prompt is None:
        return
    await message.reply_text(
        question(view.prompt, layout, view.notice), reply_markup=keyboard(view.prompt, layout)
    )


async def drop_buttons(query: CallbackQuery) -> None:
    """Remove the buttons of the message just answered, so they are not pressed twice."""
    if isinstance(query.message, Message) and query.message.reply_markup is not None:
        await query.edit_message_reply_markup(reply_markup=None)


def confirm_layout(yes_data: str, no_data: str) -> Layout:
    """Yes and no side by side, with fixed callback data."""
    return Layout(callback=lambda _step, value: yes_data if value == YES else no_data)


async def ask(update: Update, confirm: Confirmation, layout: Layout) -> None:
    """Ask a yes/no confirmation (nothing is stored: the button carries the answer)."""
    message = update.effective_message
    if message is None:
        return
    prompt = confirm.prompt(CONFIRM_STEP, False)
    await message.reply_text(question(prompt, layout), reply_markup=keyboard(prompt, layout))


def is_confirmed(confirm: Confirmation, data: str | None) -> bool:
    """Whether the confirmation's button with callback `data` (`prefix:yes|no`) says yes."""
    value = (data or "").rpartition(":")[2]
    try:
        return confirm.accept_choice(CONFIRM_STEP, value, False)
    except InvalidAnswer:
        return False
