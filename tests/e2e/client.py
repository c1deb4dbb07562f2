"""A client of the emulator's test-control API: act as Telegram users, read the chats.

`telegram.send(user, text)`, `telegram.press(user, message, label)` and
`telegram.wait_for(chat, predicate, timeout)` drive a conversation; waiting polls every
50 ms until a deadline, never a fixed sleep.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

import httpx

DEFAULT_TIMEOUT: Final = 10.0
POLL_INTERVAL: Final = 0.05
CASE_NUMBER: Final = re.compile(r"\b\d{4}-\d{4}\b")

T = TypeVar("T")


# ---- people and messages ----------------------------------------------------------------


@dataclass(frozen=True)
class User:
    """A Telegram user; in a private chat the chat id is the user id."""

    id: int
    first_name: str = "부모"
    username: str | None = None

    @property
    def chat_id(self) -> int:
        return self.id

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        return data


@dataclass(frozen=True)
class BotMessage:
    """A message in a chat as the emulator holds it now (edits applied)."""

    chat_id: int
    message_id: int
    text: str
    buttons: list[list[tuple[str, str]]]  # rows of (label, callback data or url)
    is_from_bot: bool
    edit_count: int
    raw: dict[str, Any] = field(repr=False)

    @classmethod
    def from_api(cls, raw: dict[str, Any]) -> BotMessage:
        rows = raw.get("reply_markup", {}).get("inline_keyboard", [])
        return cls(
            chat_id=int(raw["chat"]["id"]),
            message_id=int(raw["message_id"]),
            text=str(raw.get("text") or raw.get("caption") or ""),
            buttons=[
                [(str(b["text"]), str(b.get("callback_data") or b.get("url") or "")) for b in row]
                for row in rows
            ],
            is_from_bot=bool(raw["from"]["is_bot"]),
            edit_count=int(raw.get("edit_count", 0)),
            raw=raw,
        )

    @property
    def flat_buttons(self) -> list[tuple[str, str]]:
        return [b for row in self.buttons for b in row]

    @property
    def labels(self) -> list[str]:
        return [label for label, _ in self.flat_buttons]

    def button(self, label_part: str) -> str:
        """Callback data of the first button whose label contains `label_part`."""
        for label, data in self.flat_buttons:
            if label_part in label:
                return data
        raise LookupError(f"no button with {label_part!r} in {self.labels}")


@dataclass(frozen=True)
class Sent:
    """What a test did in a chat; bot answers to it have higher message ids than `after`."""

    chat_id: int
    after: int
    update_id: int
    message_id: int | None = None
    callback_query_id: str | None = None


# ---- waiting without sleeping blindly ---------------------------------------------------


def wait_until(
    probe: Callable[[], T | None],
    *,
    timeout: float,
    what: str,
    diagnostics: Callable[[], str] | None = None,
) -> T:
    """Call `probe` every POLL_INTERVAL until it returns a value other than None or False."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value is not None and value is not False:
            return value
        if time.monotonic() >= deadline:
            detail = f"\n{diagnostics()}" if diagnostics else ""
            raise AssertionError(f"timed out after {timeout:.1f}s waiting for {what}{detail}")
        time.sleep(POLL_INTERVAL)


# ---- the control-API client ----------------------------------------------------------------


class Telegram:
    """Plays users against the emulator and reads what the bot did."""

    def __init__(self, base_url: str, diagnostics: Callable[[], str] | None = None) -> None:
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url, timeout=10.0)
        self.diagnostics = diagnostics

    def close(self) -> None:
        self.http.close()

    def _call(self, verb: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.http.request(verb, f"/_test/{path}", json=body)
        payload = response.json()
        if not payload.get("ok"):
            raise AssertionError(f"emulator refused {verb} {path}: {payload}")
        return payload["result"]

    # acting as users

    def send(
        self, user: User, text: str, *, chat_id: int | None = None, reply_to: int | None = None
    ) -> Sent:
        """`user` writes `text` (commands get their bot_command entity)."""
        return self.send_content(user, {"text": text}, chat_id=chat_id, reply_to=reply_to)

    def send_content(
        self,
        user: User,
        content: dict[str, Any],
        *,
        chat_id: int | None = None,
        reply_to: int | None = None,
    ) -> Sent:
        """`user` sends any message content (sticker, photo, location...)."""
        update = self._call(
            "POST",
            "messages",
            {
                "user": user.as_json(),
                "chat_id": chat_id,
                "content": content,
                "reply_to_message_id": reply_to,
            },
        )
        message = update["message"]
        return Sent(
            chat_id=int(message["chat"]["id"]),
            after=int(message["message_id"]),
            update_id=int(update["update_id"]),
            message_id=int(message["message_id"]),
        )

    def press(self, user: User, message: BotMessage, label: str) -> Sent:
        """`user` presses the button of `message` whose label contains `label`."""
        return self.press_data(user, message, message.button(label))

    def press_data(
        self, user: User, message: BotMessage, data: str, *, forge: bool = False
    ) -> Sent:
        """Press by callback data; `forge=True` sends data no button of the message has."""
        result = self._call(
            "POST",
            "callbacks",
            {
                "user": user.as_json(),
                "chat_id": message.chat_id,
                "message_id": message.message_id,
                "data": data,
                "forge": forge,
            },
        )
        return Sent(
            chat_id=message.chat_id,
            after=int(result["last_message_id"]),
            update_id=int(result["update_id"]),
            callback_query_id=str(result["callback_query_id"]),
        )

    # reading

    def messages(self, chat: User | int, *, deleted: bool = False) -> list[BotMessage]:
        chat_id = chat.chat_id if isinstance(chat, User) else chat
        suffix = "?deleted=1" if deleted else ""
        result = self._call("GET", f"chats/{chat_id}/messages{suffix}")
        return [BotMessage.from_api(m) for m in result["messages"]]

    def bot_messages(self, chat: User | int, *, after: int = 0) -> list[BotMessage]:
        return [m for m in self.messages(chat) if m.is_from_bot and m.message_id > after]

    def wait_for(
        self,
        chat: User | int,
        predicate: Callable[[BotMessage], bool],
        timeout: float = DEFAULT_TIMEOUT,
        *,
        after: int = 0,
    ) -> BotMessage:
        """The first bot message in `chat` (newer than `after`) that satisfies `predicate`."""

        def probe() -> BotMessage | None:
            return next((m for m in self.bot_messages(chat, after=after) if predicate(m)), None)

        return wait_until(
            probe,
            timeout=timeout,
            what=f"a bot message in chat {chat}",
            diagnostics=lambda: self._explain(chat, after),
        )

    def reply(
        self, sent: Sent, contains: str | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> BotMessage:
        """The bot's first new message after `sent` (containing `contains`, if given)."""
        return self.wait_for(
            sent.chat_id,
            lambda m: contains is None or contains in m.text,
            timeout,
            after=sent.after,
        )

    def callback_answer(self, sent: Sent, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """How the bot answered the callback query of a `press`."""

        def probe() -> dict[str, Any] | None:
            answer: dict[str, Any] = self._call("GET", f"callbacks/{sent.callback_query_id}")
            return answer if answer["answered"] else None

        return wait_until(
            probe,
            timeout=timeout,
            what="the callback query's answer",
            diagnostics=self.diagnostics,
        )

    def message(self, chat: User | int, message_id: int) -> BotMessage:
        """One message as it is now (deleted ones included)."""
        for message in self.messages(chat, deleted=True):
            if message.message_id == message_id:
                return message
        raise AssertionError(f"no message #{message_id} in chat {chat}")

    def state(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "state")
        return result

    def calls(self, method: str = "", since: int = 0) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._call("GET", f"calls?since={since}&method={method}")
        return result

    # arranging

    def register_chat(self, chat_id: int, **info: Any) -> None:
        self._call("POST", "chats", {"id": chat_id, **info})

    def block(self, chat: User | int, *, blocked: bool = True) -> None:
        chat_id = chat.chat_id if isinstance(chat, User) else chat
        self._call("POST", "block", {"chat_id": chat_id, "blocked": blocked})

    def rate_limit(self, chat: User | int, *, retry_after: int = 1, count: int = 1) -> None:
        chat_id = chat.chat_id if isinstance(chat, User) else chat
        self._call(
            "POST", "rate_limit", {"chat_id": chat_id, "retry_after": retry_after, "count": count}
        )

    def redeliver(self, sent: Sent) -> None:
        """Telegram sends the same update (same update_id) once more."""
        self._call("POST", "redeliver", {"update_id": sent.update_id})

    def route_webhook(self, origin: str, target: str) -> None:
        self._call("POST", "webhook_route", {"from": origin, "to": target})

    def _explain(self, chat: User | int, after: int) -> str:
        lines = [f"messages in chat {chat} after #{after}:"]
        for m in self.messages(chat, deleted=True):
            if m.message_id > after:
                who = "bot" if m.is_from_bot else "user"
                lines.append(f"  #{m.message_id} {who}: {m.text[:160]!r} {m.labels}")
        if self.diagnostics is not None:
            lines.append(self.diagnostics())
        return "\n".join(lines)
