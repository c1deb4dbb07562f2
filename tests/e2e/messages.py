"""Chats and messages of the emulated Bot API: sending, editing, deleting, callback answers.

`ChatMethods` is mixed into `BotApi` (see `botapi.py`), which owns the state it uses.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any, Final

from tests.e2e import markup as markup_rules
from tests.e2e.chats import CallbackQuery, Chat, default_chat_type, now
from tests.e2e.entities import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    EntityParseError,
    format_text,
    text_length,
)
from tests.e2e.params import (
    ApiError,
    Params,
    UploadedFile,
    bad_request,
    get_bool,
    get_chat_id,
    get_int,
    get_json,
    get_str,
)

NOT_MODIFIED: Final = (
    "message is not modified: specified new message content and reply "
    "markup are exactly the same as a current content and reply markup of "
    "the message"
)
QUERY_INVALID: Final = "query is too old and response timeout expired or query ID is invalid"
CHAT_ACTIONS: Final = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


class ChatMethods:
    """The Bot API methods that act in chats."""

    bot_user: dict[str, Any]
    chats: dict[int, Chat]
    files: dict[str, UploadedFile]
    callback_queries: dict[str, CallbackQuery]
    _file_ids: itertools.count[int]

    # ---- chats --------------------------------------------------------------------------

    def register_chat(self, info: dict[str, Any]) -> Chat:
        """Make a chat known (or update its description); private chats are users' ids."""
        chat_id = int(info["id"])
        chat = self.chats.get(chat_id)
        full = {"type": default_chat_type(chat_id), **info, "id": chat_id}
        if full["type"] != "private":
            full.setdefault("title", f"Group {chat_id}")
        else:
            full.setdefault("first_name", "User")
        if chat is None:
            chat = self.chats[chat_id] = Chat(info=full)
        else:
            chat.info.update(full)
        return chat

    def _resolve_chat(self, params: Params, name: str = "chat_id") -> Chat:
        chat_id = get_chat_id(params, name)
        if isinstance(chat_id, str):
            found = [
                c
                for c in self.chats.values()
                if f"@{c.info.get('username', '')}".lower() == chat_id.lower()
            ]
            if not found:
                raise bad_request("chat not found")
            return found[0]
        chat = self.chats.get(chat_id)
        if chat is None:
            if chat_id > 0:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        return chat

    def _reachable(self, params: Params, name: str = "chat_id") -> Chat:
        """The target chat of a call that talks in it: blocked and rate limits apply."""
        chat = self._resolve_chat(params, name)
        if chat.blocked:
            if chat.type == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat.type} chat")
        if chat.rate_limited > 0:
            chat.rate_limited -= 1
            raise ApiError(
                429,
                f"Too Many Requests: retry after {chat.retry_after}",
                retry_after=chat.retry_after,
            )
        return chat

    def _api_getChat(self, params: Params) -> dict[str, Any]:
        chat = self._resolve_chat(params)
        return {
            **chat.info,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _api_sendChatAction(self, params: Params) -> bool:
        action = get_str(params, "action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self._reachable(params)
        return True

    # ---- messages -----------------------------------------------------------------------

    def _store(
        self, chat: Chat, sender: dict[str, Any], content: dict[str, Any]
    ) -> dict[str, Any]:
        message = {
            "message_id": next(chat.message_ids),
            "from": sender,
            "date": now(),
            "chat": dict(chat.info),
            **content,
        }
        chat.messages[message["message_id"]] = message
        return message

    def _reply_target(self, chat: Chat, params: Params) -> dict[str, Any] | None:
        reply = (
            get_json(params, "reply_parameters", "can't parse ReplyParameters JSON object") or {}
        )
        message_id = reply.get("message_id") or get_int(params, "reply_to_message_id")
        if not message_id:
            return None
        allow = reply.get("allow_sending_without_reply") or get_bool(
            params, "allow_sending_without_reply"
        )
        original = chat.messages.get(int(message_id))
        if original is None:
            if allow:
                return None
            raise bad_request("message to be replied not found")
        return {k: v for k, v in original.items() if k != "reply_to_message"}

    def _send(self, params: Params, content: dict[str, Any]) -> dict[str, Any]:
        """Shared tail of the send methods: markup, chat checks, reply, store."""
        keyboard = markup_rules.parse(params)
        chat = self._reachable(params)
        reply_to = self._reply_target(chat, params)
        if reply_to is not None:
            content["reply_to_message"] = reply_to
        if keyboard:
            content["reply_markup"] = keyboard
        return copy.deepcopy(self._store(chat, dict(self.bot_user), content))

    def _text_content(self, params: Params) -> dict[str, Any]:
        raw = get_str(params, "text")
        if not raw or not raw.strip():
            raise bad_request("message text is empty")
        text, entities = _formatted(raw, params)
        if not text:
            raise bad_request("message text is empty")
        if text_length(text) > TEXT_LIMIT:
            raise bad_request("message is too long")
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return content

    def _api_sendMessage(self, params: Params) -> dict[str, Any]:
        return self._send(params, self._text_content(params))

    def _caption_content(self, params: Params) -> dict[str, Any]:
        raw = get_str(params, "caption")
        if not raw:
            return {}
        caption, entities = _formatted(raw, params)
        if text_length(caption) > CAPTION_LIMIT:
            raise bad_request("message caption is too long")
        content: dict[str, Any] = {"caption": caption} if caption else {}
        if entities:
            content["caption_entities"] = entities
        return content

    def _file(self, params: Params, name: str) -> tuple[str, UploadedFile]:
        value = params.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value.removeprefix("attach://"))
        if isinstance(value, UploadedFile):
            file_id = f"E2E{name[:3].upper()}{next(self._file_ids):06d}"
            self.files[file_id] = value
            return file_id, value
        if isinstance(value, str) and value in self.files:
            return value, self.files[value]
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            file_id = f"E2EURL{next(self._file_ids):06d}"
            self.files[file_id] = UploadedFile(value.rsplit("/", 1)[-1], b"", "")
            return file_id, self.files[file_id]
        if value:
            raise bad_request("wrong file identifier/HTTP URL specified")
        raise bad_request(f"there is no {name} in the request")

    def _api_sendDocument(self, params: Params) -> dict[str, Any]:
        caption = self._caption_content(params)
        file_id, upload = self._file(params, "document")
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": upload.filename,
            "file_size": len(upload.body),
        }
        if upload.content_type:
            document["mime_type"] = upload.content_type
        return self._send(params, {"document": document, **caption})

    def _api_sendPhoto(self, params: Params) -> dict[str, Any]:
        caption = self._caption_content(params)
        file_id, upload = self._file(params, "photo")
        width, height = _image_size(upload.body)
        photo = [
            {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "width": width,
                "height": height,
                "file_size": len(upload.body),
            }
        ]
        return self._send(params, {"photo": photo, **caption})

    def _source_message(self, params: Params, verb: str) -> dict[str, Any]:
        source_chat = self._resolve_chat(params, "from_chat_id")
        message = source_chat.messages.get(get_int(params, "message_id", 0) or 0)
        if message is None:
            raise bad_request(f"message to {verb} not found")
        return message

    def _api_copyMessage(self, params: Params) -> dict[str, int]:
        source = self._source_message(params, "copy")
        content = {
            k: copy.deepcopy(v)
            for k, v in source.items()
            if k
            in (
                "text",
                "entities",
                "caption",
                "caption_entities",
                "document",
                "photo",
                "sticker",
                "voice",
                "location",
                "contact",
            )
        }
        if params.get("caption") is not None:
            content.pop("caption_entities", None)
            content.update(self._caption_content(params))
        return {"message_id": self._send(params, content)["message_id"]}

    def _api_forwardMessage(self, params: Params) -> dict[str, Any]:
        source = self._source_message(params, "forward")
        content = {
            k: copy.deepcopy(v)
            for k, v in source.items()
            if k
            not in (
                "message_id",
                "from",
                "chat",
                "date",
                "reply_to_message",
                "reply_markup",
                "edit_date",
            )
        }
        origin_user = source.get("from")
        content["forward_origin"] = (
            {"type": "user", "sender_user": origin_user, "date": source["date"]}
            if source["chat"]["type"] == "private"
            else {"type": "chat", "sender_chat": source["chat"], "date": source["date"]}
        )
        return self._send(params, content)

    def _editable(self, params: Params) -> tuple[Chat, dict[str, Any]]:
        if params.get("inline_message_id"):
            raise bad_request("inline messages are not supported by the e2e emulator")
        if not params.get("message_id"):
            raise bad_request("message identifier is not specified")
        chat = self._reachable(params)
        message = chat.messages.get(get_int(params, "message_id", 0) or 0)
        if message is None:
            raise bad_request("message to edit not found")
        if message["from"]["id"] != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        return chat, message

    def _apply_edit(
        self,
        chat: Chat,
        message: dict[str, Any],
        changes: dict[str, Any],
        keyboard: dict[str, Any] | None,
    ) -> dict[str, Any]:
        before = {k: message.get(k) for k in (*changes, "reply_markup")}
        after = {**{k: v or None for k, v in changes.items()}, "reply_markup": keyboard}
        if {k: v or None for k, v in before.items()} == after:
            raise bad_request(NOT_MODIFIED)
        for key, value in after.items():
            if value:
                message[key] = value
            else:
                message.pop(key, None)
        message["edit_date"] = now()
        chat.edits[message["message_id"]] = chat.edits.get(message["message_id"], 0) + 1
        return copy.deepcopy(message)

    def _api_editMessageText(self, params: Params) -> dict[str, Any]:
        content = self._text_content(params)
        keyboard = markup_rules.parse(params)
        chat, message = self._editable(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        changes = {"text": content["text"], "entities": content.get("entities")}
        return self._apply_edit(chat, message, changes, keyboard)

    def _api_editMessageCaption(self, params: Params) -> dict[str, Any]:
        content = self._caption_content(params)
        keyboard = markup_rules.parse(params)
        chat, message = self._editable(params)
        if "text" in message:
            raise bad_request("there is no caption in the message to edit")
        changes = {
            "caption": content.get("caption"),
            "caption_entities": content.get("caption_entities"),
        }
        return self._apply_edit(chat, message, changes, keyboard)

    def _api_editMessageReplyMarkup(self, params: Params) -> dict[str, Any]:
        keyboard = markup_rules.parse(params)
        chat, message = self._editable(params)
        return self._apply_edit(chat, message, {}, keyboard)

    def _api_deleteMessage(self, params: Params) -> bool:
        chat = self._resolve_chat(params)
        message_id = get_int(params, "message_id", 0) or 0
        message = chat.messages.pop(message_id, None)
        if message is None:
            raise bad_request("message to delete not found")
        chat.deleted[message_id] = message
        return True

    def _api_answerCallbackQuery(self, params: Params) -> bool:
        query = self.callback_queries.get(get_str(params, "callback_query_id") or "")
        if query is None or query.answered:
            raise bad_request(QUERY_INVALID)
        text = get_str(params, "text") or ""
        if len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answered = True
        query.answer = {
            "text": text or None,
            "show_alert": get_bool(params, "show_alert"),
            "url": get_str(params, "url"),
        }
        return True


def _formatted(raw: str, params: Params) -> tuple[str, list[dict[str, Any]]]:
    entities = get_json(params, "entities") or get_json(params, "caption_entities")
    try:
        return format_text(raw, get_str(params, "parse_mode"), entities)
    except EntityParseError as exc:
        raise bad_request(str(exc)) from None


def _image_size(data: bytes) -> tuple[int, int]:
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 100, 100
