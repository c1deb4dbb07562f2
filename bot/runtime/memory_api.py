"""An in-memory Bot API: answers the bot's calls like Telegram and records them.

Used by the local chat shell (`counsel-bot shell`) and by the test suite, in place of
the HTTP transport. It keeps the chats' messages so edits, deletions and errors behave
the way Telegram's do (e.g. "message is not modified", the 4096-character limit).
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

BOT_USER: dict[str, Any] = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "직장맘 상담봇",
    "username": "working_parents_counsel_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
TEXT_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64


@dataclass
class SentCall:
    """One Bot API call the bot made, with its decoded parameters."""

    method: str
    params: dict[str, Any]
    result: Any = None


@dataclass
class ApiError(Exception):
    code: int
    description: str


@dataclass
class _Chat:
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)


class MemoryBotApi(BaseRequest):
    """A `BaseRequest` that serves Bot API methods from memory."""

    def __init__(self) -> None:
        self.calls: list[SentCall] = []
        self.blocked_chats: set[int] = set()
        self.unreachable_chats: set[int] = set()
        self.is_down = False  # every call answers 502, like Telegram during an outage
        self.posts_then_times_out = False  # sends are carried out, but the answer is lost
        self.deleted: list[tuple[int, int]] = []
        self._answered: set[str] = set()
        self._chats: dict[int, _Chat] = {}
        self._message_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self.commands: dict[str, list[dict[str, Any]]] = {}

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(  # noqa: PLR0917 - the BaseRequest interface PTB calls
        self,
        url: str,
        method: str,  # noqa: ARG002 - part of the BaseRequest interface
        request_data: RequestData | None = None,
        read_timeout: Any = None,  # noqa: ARG002
        write_timeout: Any = None,  # noqa: ARG002
        connect_timeout: Any = None,  # noqa: ARG002
        pool_timeout: Any = None,  # noqa: ARG002
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = _decode(request_data.parameters if request_data else {})
        handler = getattr(self, f"_api_{name}", _unknown_method)
        call = SentCall(name, params)
        self.calls.append(call)
        if self.is_down:
            call.result = ApiError(502, "Bad Gateway")
            return 502, b"<html>502 Bad Gateway</html>"
        try:
            call.result = handler(params)
        except ApiError as exc:
            call.result = exc
            body = {"ok": False, "error_code": exc.code, "description": exc.description}
            return exc.code, json.dumps(body).encode()
        if self.posts_then_times_out and name.startswith("send"):
            raise TimedOut("the answer did not arrive in time")
        return 200, json.dumps({"ok": True, "result": call.result}).encode()

    # ---- inspection helpers -------------------------------------------------------------

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[SentCall]:
        """Successful calls of `method`, optionally to one chat."""
        return [
            c
            for c in self.calls
            if c.method == method
            and not isinstance(c.result, ApiError)
            and (chat_id is None or int(c.params.get("chat_id", 0)) == chat_id)
        ]

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The chat's current messages from the bot, oldest first."""
        chat = self._chats.get(chat_id)
        return list(chat.messages.values()) if chat else []

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        chat = self._chats.get(chat_id)
        return chat.messages.get(message_id) if chat else None

    def clear(self) -> None:
        self.calls.clear()

    def next_message_id(self) -> int:
        """A message id for a message the user sends (shared counter, like a real chat)."""
        return next(self._message_ids)

    # ---- Bot API methods ----------------------------------------------------------------

    def _api_getMe(self, _params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        self.commands[json.dumps(params.get("scope", {}), sort_keys=True)] = params["commands"]
        return True

    def _api_deleteMyCommands(self, params: dict[str, Any]) -> bool:
        self.commands.pop(json.dumps(params.get("scope", {}), sort_keys=True), None)
        return True

    def _api_setWebhook(self, _params: dict[str, Any]) -> bool:
        return True

    def _api_deleteWebhook(self, _params: dict[str, Any]) -> bool:
        return True

    def _api_getUpdates(self, _params: dict[str, Any]) -> list[Any]:
        return []

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        self._check_chat(int(params["chat_id"]))
        return True

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        if len(str(params.get("text", ""))) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        query_id = str(params.get("callback_query_id"))
        if query_id in self._answered:  # Telegram takes one answer per query
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is "
                "invalid",
            )
        self._answered.add(query_id)
        return True

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        text = str(params.get("text", ""))
        _check_text(text)
        _check_markup(params.get("reply_markup"))
        return self._store(int(params["chat_id"]), {"text": text}, params)

    def _api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        document = {
            "file_id": f"doc-{next(self._file_ids)}",
            "file_unique_id": "u",
            "file_name": str(params.get("filename") or "document"),
        }
        extra = {"document": document, "caption": params.get("caption")}
        return self._store(int(params["chat_id"]), extra, params)

    def _api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        photo = [
            {
                "file_id": f"photo-{next(self._file_ids)}",
                "file_unique_id": "p",
                "width": 1,
                "height": 1,
            }
        ]
        return self._store(
            int(params["chat_id"]), {"photo": photo, "caption": params.get("caption")}, params
        )

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._existing(params)
        text = str(params.get("text", ""))
        _check_text(text)
        _check_markup(params.get("reply_markup"))
        markup = params.get("reply_markup")
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message "
                "content and reply markup are exactly the same as a current "
                "content and reply markup of the message",
            )
        message["text"] = text
        message["edit_date"] = int(time.time())
        _set_markup(message, markup)
        return message

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._existing(params)
        markup = params.get("reply_markup")
        _check_markup(markup)
        if message.get("reply_markup") == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message "
                "content and reply markup are exactly the same as a current "
                "content and reply markup of the message",
            )
        _set_markup(message, markup)
        message["edit_date"] = int(time.time())
        return message

    def _api_deleteMessages(self, params: dict[str, Any]) -> bool:
        chat = self._chats.get(int(params["chat_id"]))
        ids = params["message_ids"]
        ids = json.loads(ids) if isinstance(ids, str) else ids
        if not 1 <= len(ids) <= 100:
            raise ApiError(400, "Bad Request: message_ids must be 1-100 ids")
        for message_id in ids:
            if chat is not None:
                chat.messages.pop(int(message_id), None)
            self.deleted.append((int(params["chat_id"]), int(message_id)))
        return True

    def _api_deleteMessage(self, params: dict[str, Any]) -> bool:
        chat = self._chats.get(int(params["chat_id"]))
        if chat is None or chat.messages.pop(int(params["message_id"]), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    # ---- internals ----------------------------------------------------------------------

    def _check_chat(self, chat_id: int) -> None:
        if chat_id in self.blocked_chats:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.unreachable_chats:
            raise ApiError(400, "Bad Request: chat not found")

    def _store(
        self, chat_id: int, content: dict[str, Any], params: dict[str, Any]
    ) -> dict[str, Any]:
        self._check_chat(chat_id)
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": BOT_USER,
            **{k: v for k, v in content.items() if v is not None},
        }
        _set_markup(message, params.get("reply_markup"))
        self._chats.setdefault(chat_id, _Chat()).messages[message["message_id"]] = message
        return message

    def _existing(self, params: dict[str, Any]) -> dict[str, Any]:
        if "inline_message_id" in params:
            raise ApiError(400, "Bad Request: inline messages are not supported here")
        chat_id = int(params["chat_id"])
        self._check_chat(chat_id)
        message = self.message(chat_id, int(params["message_id"]))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message


def _unknown_method(_params: dict[str, Any]) -> Any:
    raise ApiError(404, "Not Found: method not found")


def _decode(params: dict[str, Any]) -> dict[str, Any]:
    decoded = {}
    for key, value in params.items():
        if key in ("reply_markup", "commands", "scope") and isinstance(value, str):
            decoded[key] = json.loads(value)
        else:
            decoded[key] = value
    return decoded


def _chat(chat_id: int) -> dict[str, Any]:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "사용자"}
    return {"id": chat_id, "type": "supergroup", "title": "법률지원팀"}


def _check_text(text: str) -> None:
    if not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if len(text) > TEXT_LIMIT:
        raise ApiError(400, "Bad Request: message is too long")


def _check_markup(markup: Any) -> None:
    if not isinstance(markup, dict):
        return
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and len(str(data).encode()) > CALLBACK_DATA_LIMIT:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if not str(button.get("text", "")).strip():
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )


def _set_markup(message: dict[str, Any], markup: Any) -> None:
    if isinstance(markup, dict) and markup.get("inline_keyboard"):
        message["reply_markup"] = markup
    else:
        message.pop("reply_markup", None)
