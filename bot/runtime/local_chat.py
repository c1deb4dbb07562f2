"""Drive the real Application over the in-memory Bot API: used by the shell and tests."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.runtime.memory_api import BOT_USER, MemoryBotApi
from handlers.context import CounselApp


@dataclass(frozen=True)
class Person:
    """Someone writing to the bot: a Telegram user in a chat."""

    user_id: int
    chat_id: int
    first_name: str = "사용자"

    @property
    def is_group(self) -> bool:
        return self.chat_id < 0


@dataclass(frozen=True)
class BotMessage:
    chat_id: int
    message_id: int
    text: str
    buttons: list[list[tuple[str, str]]]  # rows of (label, callback data)
    is_edit: bool = False
    is_markup_edit: bool = False  # only the buttons changed

    @property
    def flat_buttons(self) -> list[tuple[str, str]]:
        return [b for row in self.buttons for b in row]

    def button(self, label_part: str) -> str:
        """Callback data of the first button whose label contains `label_part`."""
        for label, data in self.flat_buttons:
            if label_part in label:
                return data
        raise LookupError(f"no button with {label_part!r} in {self.flat_buttons}")


class LocalChat:
    """Feeds updates to the application and reports what the bot answered."""

    def __init__(self, app: CounselApp, api: MemoryBotApi, first_update_id: int = 1) -> None:
        self.app = app
        self.api = api
        self._update_ids = itertools.count(first_update_id)
        self._callback_ids = itertools.count(1)

    def next_update_id(self) -> int:
        return next(self._update_ids)

    async def send(
        self,
        person: Person,
        text: str,
        *,
        update_id: int | None = None,
        reply_to: int | None = None,
    ) -> list[BotMessage]:
        """Send a text message (commands included) and return the bot's answers."""
        message: dict[str, Any] = {
            "message_id": self.api.next_message_id(),
            "date": int(time.time()),
            "chat": _chat(person),
            "from": _user(person),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            original = self.api.message(person.chat_id, reply_to)
            if original is not None:
                message["reply_to_message"] = original
        return await self.feed(
            {"update_id": update_id or self.next_update_id(), "message": message}
        )

    async def send_raw_message(self, person: Person, **content: Any) -> list[BotMessage]:
        """Send a non-text message (sticker, photo, voice...)."""
        message = {
            "message_id": self.api.next_message_id(),
            "date": int(time.time()),
            "chat": _chat(person),
            "from": _user(person),
            **content,
        }
        return await self.feed({"update_id": self.next_update_id(), "message": message})

    async def press(self, person: Person, message_id: int, data: str) -> list[BotMessage]:
        """Press an inline button of a bot message."""
        message = self.api.message(person.chat_id, message_id)
        if message is None:
            message = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": _chat(person),
                "from": BOT_USER,
                "text": "…",
            }
        query = {
            "id": str(next(self._callback_ids)),
            "from": _user(person),
            "chat_instance": f"ci{person.chat_id}",
            "data": data,
            "message": message,
        }
        return await self.feed({"update_id": self.next_update_id(), "callback_query": query})

    async def feed(self, payload: dict[str, Any]) -> list[BotMessage]:
        """Process one raw update and collect the messages sent or edited meanwhile."""
        start = len(self.api.calls)
        update = Update.de_json(payload, self.app.bot)
        # Through the app's update processor, as polling and webhooks deliver them.
        await self.app.update_processor.process_update(update, self.app.process_update(update))
        return self.collect(start)

    def collect(self, start: int) -> list[BotMessage]:
        """Messages sent or edited by calls made since index `start`."""
        out = []
        for call in self.api.calls[start:]:
            result = call.result
            if not isinstance(result, dict) or "message_id" not in result:
                continue
            out.append(
                BotMessage(
                    chat_id=int(result["chat"]["id"]),
                    message_id=int(result["message_id"]),
                    text=str(
                        result.get("text")
                        or result.get("caption")
                        or result.get("document", {}).get("file_name", "")
                    ),
                    buttons=_buttons(result.get("reply_markup")),
                    is_edit=call.method.startswith("edit"),
                    is_markup_edit=call.method == "editMessageReplyMarkup",
                )
            )
        return out

    def alerts(self, start: int = 0) -> list[str]:
        """Texts of callback-query answers (toasts and alerts) since index `start`."""
        return [
            str(c.params.get("text"))
            for c in self.api.calls[start:]
            if c.method == "answerCallbackQuery" and c.params.get("text")
        ]


def _buttons(markup: Any) -> list[list[tuple[str, str]]]:
    if not isinstance(markup, dict):
        return []
    return [
        [(str(b.get("text")), str(b.get("callback_data") or b.get("url") or "")) for b in row]
        for row in markup.get("inline_keyboard", [])
    ]


def _user(person: Person) -> dict[str, Any]:
    return {
        "id": person.user_id,
        "is_bot": False,
        "first_name": person.first_name,
        "language_code": "ko",
    }


def _chat(person: Person) -> dict[str, Any]:
    if person.is_group:
        return {"id": person.chat_id, "type": "supergroup", "title": "법률지원팀"}
    return {"id": person.chat_id, "type": "private", "first_name": person.first_name}
