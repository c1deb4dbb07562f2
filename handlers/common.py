"""Start, help, the topic menu, and whatever does not fit elsewhere."""

from __future__ import annotations

import logging

from telegram import Update

from bot import texts
from handlers import render, staff
from handlers.context import CounselContext
from handlers.reply import reply_message

logger = logging.getLogger(__name__)
TEXT_LIMIT = 4000


async def cmd_start(update: Update, context: CounselContext) -> None:
    """Greet the parent and show the topic menu."""
    if update.effective_message is None:
        return
    faq = context.services.faq
    center = faq.center.short_name if faq.center else texts.BOT_NAME
    await update.effective_message.reply_text(
        texts.START.format(center=center), reply_markup=render.menu_keyboard(faq.groups())
    )


async def cmd_help(update: Update, context: CounselContext) -> None:
    """Explain what the bot can do: the staff commands to staff, the rest to parents."""
    if update.effective_message is None or await staff.staff_help(update, context):
        return
    await update.effective_message.reply_text(texts.HELP)


async def cmd_menu(update: Update, context: CounselContext) -> None:
    """Show the topic groups."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            texts.MENU_TITLE, reply_markup=render.menu_keyboard(context.services.faq.groups())
        )


async def on_menu_button(update: Update, context: CounselContext) -> None:
    """Back to the topic groups."""
    query, message = update.callback_query, reply_message(update)
    if query is None or message is None:
        return
    await query.answer()
    await message.reply_text(
        texts.MENU_TITLE, reply_markup=render.menu_keyboard(context.services.faq.groups())
    )


async def on_unsupported_message(update: Update, _context: CounselContext) -> None:
    """Stickers, photos, voice and the like."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.UNSUPPORTED_MEDIA)


async def on_unknown_command(update: Update, _context: CounselContext) -> None:
    """A command the bot does not know."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.UNKNOWN_COMMAND)


async def on_stale_button(update: Update, _context: CounselContext) -> None:
    """A button whose data the bot no longer understands."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.STALE_BUTTON, show_alert=True)
