"""Reading Bot API request parameters the way Telegram does, with Telegram's error texts.

Telegram accepts parameters as a query string, form fields, multipart fields or a JSON body;
objects (reply_markup, commands, ...) arrive JSON-encoded inside form fields. Every reader
here takes either form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


class ApiError(Exception):
    """A Bot API error answer: HTTP status = error_code, and Telegram's description."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(text: str) -> ApiError:
    return ApiError(400, f"Bad Request: {text}")


@dataclass(frozen=True)
class UploadedFile:
    """A file sent in a multipart request."""

    filename: str
    body: bytes
    content_type: str


Params = dict[str, Any]


def get_str(params: Params, name: str) -> str | None:
    value = params.get(name)
    if value is None or isinstance(value, UploadedFile):
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def get_int(params: Params, name: str, default: int | None = None) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return int(value)
    try:
        return int(str(value).strip())
    except ValueError:
        return 0  # Telegram reads a non-number as 0, then complains about that value


def get_bool(params: Params, name: str) -> bool:
    value = params.get(name)
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1") if value is not None else False


def get_json(params: Params, name: str, error: str | None = None) -> Any:
    """A JSON-typed parameter (object or array), decoded when it came as a string."""
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise bad_request(error or f"can't parse {name} JSON object") from None
    return value


def get_chat_id(params: Params, name: str = "chat_id") -> int | str:
    """An integer chat id, or an @username; Telegram's errors when it is missing or bad."""
    value = params.get(name)
    if value is None or str(value).strip() == "":
        raise bad_request(f"{name} is empty")
    text = str(value).strip()
    if text.startswith("@"):
        return text
    try:
        return int(text)
    except ValueError:
        raise bad_request("chat not found") from None
