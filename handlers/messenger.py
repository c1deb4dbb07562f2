"""The core's Messenger, implemented with the PTB bot."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ExtBot

from bot.notify.messenger import Buttons, DeliveryError, OutgoingMessage


def keyboard(buttons: Buttons) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=data) for label, data in row]
            for row in buttons
        ]
    )


class TelegramMessenger:
    def __init__(self, bot: ExtBot[None]) -> None:
        self._bot = bot

    async def send(self, message: OutgoingMessage) -> int:
        try:
            sent = await self._bot.send_message(
                message.chat_id,
                message.text,
                reply_markup=keyboard(message.buttons),
                disable_web_page_preview=True,
            )
        except TelegramError as exc:
            raise _delivery_error(exc) from exc
        return sent.message_id

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> None:
        try:
            await self._bot.edit_message_text(
                message.text,
                chat_id=chat_id,
                message_id=message_id,
                reply_markup=keyboard(message.buttons),
                disable_web_page_preview=True,
            )
        except BadRequest as exc:
            if "not modified" in exc.message:
                return
            raise _delivery_error(exc) from exc
        except TelegramError as exc:
            raise _delivery_error(exc) from exc


#: Server errors after which the message may or may not have been posted.
_AMBIGUOUS = ("Bad Gateway", "Gateway Timeout", "Internal Server Error", "(502)", "(504)")


def _delivery_error(exc: TelegramError) -> DeliveryError:
    if isinstance(exc, RetryAfter):
        seconds = exc.retry_after
        delay = seconds.total_seconds() if hasattr(seconds, "total_seconds") else float(seconds)
        return DeliveryError("retry_after", "flood control", retry_after=delay)
    if isinstance(exc, Forbidden):
        return DeliveryError("blocked", exc.message)
    if isinstance(exc, BadRequest):
        if "chat not found" in exc.message.lower():
            return DeliveryError("chat_missing", exc.message)
        return DeliveryError("rejected", exc.message)
    is_ambiguous = isinstance(exc, TimedOut) or (
        isinstance(exc, NetworkError) and any(word in exc.message for word in _AMBIGUOUS)
    )
    return DeliveryError("uncertain" if is_ambiguous else "temporary", type(exc).__name__)
