"""Where a handler answers: the update's message, or the message a pressed button sits on."""

from __future__ import annotations

from telegram import Message, Update


def reply_message(update: Update) -> Message | None:
    """The message to answer with `reply_text`, also for a button on a message gone stale.

    Telegram sends a button press on a message older than 48 hours with an inaccessible
    message (date 0, no text or buttons). The button still works: the answer goes out as a new
    message in that chat, through a stand-in carrying only the chat and the message id.
    """
    query = update.callback_query
    if query is None or query.message is None or isinstance(query.message, Message):
        return update.effective_message
    stale = query.message
    stand_in = Message(message_id=stale.message_id, date=stale.date, chat=stale.chat)
    stand_in.set_bot(query.get_bot())
    return stand_in


def markup_message(update: Update) -> Message | None:
    """The message a pressed button sits on, when Telegram still shows it (its buttons)."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        return query.message
    return None
