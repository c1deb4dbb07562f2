"""The emulator's Bot API: one bot's state in memory, one function per method.

No HTTP here (see `emulator.py`): `BotApi.call(method, params)` returns the HTTP status and
the JSON body Telegram would send. This module holds updates (long polling, offsets,
`allowed_updates`, webhook queueing), commands and what users do; chats and messages are in
`messages.py`. Dates are in seconds, chat types follow the chat id, messages never expire,
and errors carry Telegram's exact descriptions.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Final

from tests.e2e.chats import CallbackQuery, Chat, chat_instance, now, user_json
from tests.e2e.entities import command_entities
from tests.e2e.messages import ChatMethods
from tests.e2e.params import (
    ApiError,
    Params,
    UploadedFile,
    bad_request,
    get_bool,
    get_int,
    get_json,
    get_str,
)

DEFAULT_EXCLUDED_UPDATES: Final = frozenset(
    {"chat_member", "message_reaction", "message_reaction_count"}
)
_COMMAND_NAME: Final = re.compile(r"[a-z0-9_]{1,32}")
_SECRET_TOKEN: Final = re.compile(r"[A-Za-z0-9_-]*")


@dataclass
class Webhook:
    url: str
    secret_token: str | None
    max_connections: int
    allowed_updates: list[str] | None
    last_error_date: int | None = None
    last_error_message: str | None = None


class BotApi(ChatMethods):
    """All state of one emulated bot."""

    def __init__(self, token: str, *, first_update_id: int = 1) -> None:
        self.token = token
        prefix = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(prefix) if prefix.isdigit() else 7_000_000_001,
            "is_bot": True,
            "first_name": "직장맘 상담봇 (e2e)",
            "username": "e2e_counsel_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._update_ids = itertools.count(first_update_id)
        self._query_ids = itertools.count(4_000_000_000_000_000_001)
        self._file_ids = itertools.count(1)
        self.on_update: Callable[[], None] | None = None
        self.reset()

    def reset(self) -> None:
        """Forget chats, updates, commands, webhook and logs; update ids keep increasing."""
        self.chats: dict[int, Chat] = {}
        self.pending: list[dict[str, Any]] = []
        self.history: dict[int, dict[str, Any]] = {}
        self.deliveries: dict[int, int] = {}
        self.confirmed_below = 0
        self.allowed_updates: list[str] | None = None
        self.webhook: Webhook | None = None
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.files: dict[str, UploadedFile] = {}
        self.calls: list[dict[str, Any]] = []
        self.get_updates_calls = 0
        self._polls: set[asyncio.Future[None]] = set()

    # ---- dispatch -----------------------------------------------------------------------

    async def call(self, method: str, params: Params) -> tuple[int, dict[str, Any]]:
        """Run one Bot API method; the HTTP status and JSON body to answer with."""
        handler = self._methods().get(method.lower())
        entry: dict[str, Any] = {
            "seq": len(self.calls) + 1,
            "method": method,
            "params": _loggable(params),
            "time": time.time(),
        }
        self.calls.append(entry)
        if handler is None:
            entry["error"] = "Not Found"
            return 404, ApiError(404, "Not Found").body()
        try:
            outcome = handler(params)
            result = await outcome if isinstance(outcome, Awaitable) else outcome
        except ApiError as exc:
            entry["error"] = exc.description
            return exc.code, exc.body()
        entry["ok"] = True
        return 200, {"ok": True, "result": result}

    def _methods(self) -> dict[str, Callable[[Params], Any]]:
        names = [
            "getMe",
            "logOut",
            "close",
            "getUpdates",
            "setWebhook",
            "deleteWebhook",
            "getWebhookInfo",
            "setMyCommands",
            "deleteMyCommands",
            "getMyCommands",
            "sendMessage",
            "editMessageText",
            "editMessageReplyMarkup",
            "editMessageCaption",
            "deleteMessage",
            "answerCallbackQuery",
            "sendChatAction",
            "getChat",
            "sendDocument",
            "sendPhoto",
            "copyMessage",
            "forwardMessage",
        ]
        return {name.lower(): getattr(self, f"_api_{name}") for name in names}

    # ---- updates ------------------------------------------------------------------------

    def push_update(self, content: dict[str, Any]) -> dict[str, Any]:
        """Queue an update (a dict with one update field); returns it with its update_id."""
        update = {"update_id": next(self._update_ids), **content}
        self.history[update["update_id"]] = update
        return self._enqueue(update)

    def redeliver(self, update_id: int) -> dict[str, Any]:
        """Send an update again with the same id, as Telegram does when unsure it arrived."""
        update = self.history.get(update_id)
        if update is None:
            raise bad_request(f"no update {update_id} was ever sent")
        return self._enqueue(copy.deepcopy(update))

    def _enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
        self.pending.append(update)
        for poll in self._polls:
            if not poll.done():
                poll.set_result(None)
        if self.on_update is not None:
            self.on_update()
        return update

    def confirm(self, offset: int) -> None:
        """Telegram's `offset`: forget updates below it (negative: keep only the last N)."""
        if offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
            self.confirmed_below = max(self.confirmed_below, offset)
        elif offset < 0:
            dropped = self.pending[:offset]
            self.pending = self.pending[offset:]
            if dropped:
                self.confirmed_below = max(self.confirmed_below, dropped[-1]["update_id"] + 1)

    def deliver(self, update_id: int) -> None:
        """A webhook delivery succeeded: the update is confirmed."""
        self.pending = [u for u in self.pending if u["update_id"] != update_id]
        self.deliveries[update_id] = self.deliveries.get(update_id, 0) + 1

    def is_allowed(self, update: dict[str, Any], allowed: list[str] | None) -> bool:
        kind = next(k for k in update if k != "update_id")
        return kind in allowed if allowed else kind not in DEFAULT_EXCLUDED_UPDATES

    def deliverable(self) -> list[dict[str, Any]]:
        """Pending updates the current setting lets through (others are dropped)."""
        allowed = self.webhook.allowed_updates if self.webhook else self.allowed_updates
        self.pending = [u for u in self.pending if self.is_allowed(u, allowed)]
        return list(self.pending)

    @property
    def is_polling(self) -> bool:
        return any(not p.done() for p in self._polls)

    async def _api_getUpdates(self, params: Params) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is "
                "active; use deleteWebhook to delete the webhook first",
            )
        allowed = get_json(params, "allowed_updates")
        if allowed is not None:
            self.allowed_updates = [str(a) for a in allowed] or None
        self.confirm(get_int(params, "offset", 0) or 0)
        limit = min(max(get_int(params, "limit", 100) or 100, 1), 100)
        timeout = max(get_int(params, "timeout", 0) or 0, 0)
        for older in self._polls:  # an older long poll loses, as on Telegram
            if not older.done():
                older.set_exception(
                    ApiError(
                        409,
                        "Conflict: terminated by other getUpdates "
                        "request; make sure that only one bot "
                        "instance is running",
                    )
                )
        self.get_updates_calls += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.deliverable() and loop.time() < deadline:
            poll: asyncio.Future[None] = loop.create_future()
            self._polls.add(poll)
            try:
                await asyncio.wait({poll}, timeout=deadline - loop.time())
            finally:
                self._polls.discard(poll)
                if not poll.done():
                    poll.cancel()
            error = poll.exception() if poll.done() and not poll.cancelled() else None
            if error is not None:
                raise error
        batch = self.deliverable()[:limit]
        for update in batch:
            self.deliveries[update["update_id"]] = self.deliveries.get(update["update_id"], 0) + 1
        return copy.deepcopy(batch)

    def _api_setWebhook(self, params: Params) -> bool:
        url = (get_str(params, "url") or "").strip()
        if not url:
            return self._api_deleteWebhook(params)
        if not url.lower().startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        port = _url_port(url)
        if port not in (80, 88, 443, 8443):
            raise bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
        secret = get_str(params, "secret_token")
        if secret is not None and len(secret) > 256:
            raise bad_request("secret token is too long")
        if secret is not None and not _SECRET_TOKEN.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        max_connections = get_int(params, "max_connections", 40) or 40
        if not 1 <= max_connections <= 100:
            raise bad_request("max_connections must be between 1 and 100")
        allowed = get_json(params, "allowed_updates")
        if allowed is None and self.webhook is not None:
            allowed = self.webhook.allowed_updates
        if get_bool(params, "drop_pending_updates"):
            self.pending.clear()
        self.webhook = Webhook(
            url=url,
            secret_token=secret or None,
            max_connections=max_connections,
            allowed_updates=[str(a) for a in allowed] if allowed else None,
        )
        if self.on_update is not None:
            self.on_update()
        return True

    def _api_deleteWebhook(self, params: Params) -> bool:
        self.webhook = None
        if get_bool(params, "drop_pending_updates"):
            self.pending.clear()
        return True

    def _api_getWebhookInfo(self, _params: Params) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook.url if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.pending),
        }
        if self.webhook is not None:
            info["max_connections"] = self.webhook.max_connections
            if self.webhook.allowed_updates:
                info["allowed_updates"] = self.webhook.allowed_updates
            if self.webhook.last_error_date:
                info["last_error_date"] = self.webhook.last_error_date
                info["last_error_message"] = self.webhook.last_error_message
        return info

    # ---- the bot itself -----------------------------------------------------------------

    def _api_getMe(self, _params: Params) -> dict[str, Any]:
        return dict(self.bot_user)

    def _api_logOut(self, _params: Params) -> bool:
        return True

    def _api_close(self, _params: Params) -> bool:
        return True

    def _commands_key(self, params: Params) -> tuple[str, str]:
        scope = get_json(params, "scope", "can't parse BotCommandScope JSON object")
        scope = scope or {"type": "default"}
        return json.dumps(scope, sort_keys=True), get_str(params, "language_code") or ""

    def _api_setMyCommands(self, params: Params) -> bool:
        commands = get_json(params, "commands", "can't parse commands JSON object")
        if not isinstance(commands, list):
            raise bad_request('parameter "commands" is required')
        for command in commands:
            if not _COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not str(command.get("description", "")).strip():
                raise bad_request("command description is empty")
        key = self._commands_key(params)
        if commands:
            self.commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self.commands.pop(key, None)
        return True

    def _api_deleteMyCommands(self, params: Params) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    def _api_getMyCommands(self, params: Params) -> list[dict[str, str]]:
        return list(self.commands.get(self._commands_key(params), []))

    # ---- what users do (the test-control API calls these) -------------------------------

    def user_message(
        self,
        user: dict[str, Any],
        chat_id: int | None,
        content: dict[str, Any],
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """A user writes in a chat: store the message and queue the update."""
        sender = user_json(user)
        chat = self._chat_foruser_json(sender, chat_id)
        content = dict(content)
        if isinstance(content.get("text"), str) and "entities" not in content:
            entities = command_entities(content["text"])
            if entities:
                content["entities"] = entities
        if reply_to is not None and reply_to in chat.messages:
            content["reply_to_message"] = copy.deepcopy(chat.messages[reply_to])
        message = self._store(chat, sender, content)
        return self.push_update({"message": copy.deepcopy(message)})

    def user_edit(
        self, user: dict[str, Any], chat_id: int, message_id: int, text: str
    ) -> dict[str, Any]:
        """A user edits their own message."""
        chat = self.chats.get(chat_id)
        message = chat.messages.get(message_id) if chat else None
        if chat is None or message is None or message["from"]["id"] != int(user["id"]):
            raise bad_request("message to edit not found")
        message["text"] = text
        message["edit_date"] = now()
        return self.push_update({"edited_message": copy.deepcopy(message)})

    def user_press(
        self,
        user: dict[str, Any],
        chat_id: int,
        message_id: int,
        data: str,
        *,
        forge: bool = False,
    ) -> tuple[dict[str, Any], CallbackQuery]:
        """A user presses an inline button under a bot message."""
        chat = self.chats.get(chat_id)
        message = chat.messages.get(message_id) if chat else None
        if chat is None or message is None:
            raise bad_request("message not found")
        buttons = [
            b.get("callback_data")
            for row in message.get("reply_markup", {}).get("inline_keyboard", [])
            for b in row
        ]
        if not forge and data not in buttons:
            raise bad_request(f"the message has no button with data {data!r}: {buttons}")
        query = CallbackQuery(
            id=str(next(self._query_ids)), chat_id=chat_id, message_id=message_id, data=data
        )
        self.callback_queries[query.id] = query
        payload = {
            "id": query.id,
            "from": user_json(user),
            "chat_instance": chat_instance(chat_id),
            "message": copy.deepcopy(message),
            "data": data,
        }
        return self.push_update({"callback_query": payload}), query

    def set_blocked(self, chat_id: int, *, blocked: bool, notify: bool = True) -> None:
        chat = self.chats.get(chat_id) or self.register_chat({"id": chat_id})
        if chat.blocked == blocked:
            return
        chat.blocked = blocked
        if notify and chat.type == "private":
            member = {"user": dict(self.bot_user), "status": "member"}
            banned = {"user": dict(self.bot_user), "status": "kicked", "until_date": 0}
            old, new = (member, banned) if blocked else (banned, member)
            self.push_update(
                {
                    "my_chat_member": {
                        "chat": dict(chat.info),
                        "from": user_json({"id": chat_id, **chat.info}),
                        "date": now(),
                        "old_chat_member": old,
                        "new_chat_member": new,
                    }
                }
            )

    def _chat_foruser_json(self, sender: dict[str, Any], chat_id: int | None) -> Chat:
        if chat_id is None or chat_id == sender["id"]:
            info = {"id": sender["id"], "type": "private", "first_name": sender["first_name"]}
            if sender.get("username"):
                info["username"] = sender["username"]
            chat = self.chats.get(sender["id"])
            return chat if chat is not None else self.register_chat(info)
        return self.chats.get(chat_id) or self.register_chat({"id": chat_id})


def _url_port(url: str) -> int:
    host = url.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]
    if host.startswith("["):
        host = host.split("]", 1)[1]
    if ":" in host:
        port = host.rsplit(":", 1)[1]
        return int(port) if port.isdigit() else -1
    return 443


def _loggable(params: Params) -> dict[str, Any]:
    return {
        k: (f"<file {v.filename} {len(v.body)} bytes>" if isinstance(v, UploadedFile) else v)
        for k, v in params.items()
    }
