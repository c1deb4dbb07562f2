"""The chats an emulated bot knows and the small facts Telegram derives from chat ids."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any, Final

SUPERGROUP_ID_LIMIT: Final = -1_000_000_000_000


def now() -> int:
    """Telegram dates: Unix time in whole seconds."""
    return int(time.time())


def chat_instance(chat_id: int) -> str:
    """A stable, opaque identifier of the chat a button was pressed in."""
    return str((chat_id * 6364136223846793005 + 1442695040888963407) % (2**63))


def default_chat_type(chat_id: int) -> str:
    if chat_id > 0:
        return "private"
    return "supergroup" if chat_id <= SUPERGROUP_ID_LIMIT else "group"


@dataclass
class Chat:
    """A chat the bot knows, with every message in it (the bot's and the users')."""

    info: dict[str, Any]
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    edits: dict[int, int] = field(default_factory=dict)
    deleted: dict[int, dict[str, Any]] = field(default_factory=dict)
    message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    blocked: bool = False
    rate_limited: int = 0  # how many more calls get 429
    retry_after: int = 1

    @property
    def id(self) -> int:
        return int(self.info["id"])

    @property
    def type(self) -> str:
        return str(self.info["type"])

    @property
    def last_message_id(self) -> int:
        return max([*self.messages, *self.deleted, 0])


@dataclass
class CallbackQuery:
    id: str
    chat_id: int
    message_id: int
    data: str
    answered: bool = False
    answer: dict[str, Any] = field(default_factory=dict)


def user_json(user: dict[str, Any]) -> dict[str, Any]:
    out = {
        "id": int(user["id"]),
        "is_bot": False,
        "first_name": str(user.get("first_name") or "사용자"),
        "language_code": str(user.get("language_code") or "ko"),
    }
    for key in ("last_name", "username"):
        if user.get(key):
            out[key] = str(user[key])
    return out
