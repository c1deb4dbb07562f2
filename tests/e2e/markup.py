"""`reply_markup` as Telegram checks it: inline buttons need an action, 1-64 bytes of data."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import urlsplit

from tests.e2e.params import Params, bad_request, get_json

CALLBACK_DATA_LIMIT: Final = 64
_ACTIONS: Final = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)
_BUTTON_ERROR: Final = "can't parse inline keyboard button: "


def parse(params: Params) -> dict[str, Any] | None:
    """The inline keyboard to attach to the message, or None (no or non-inline markup)."""
    markup = get_json(params, "reply_markup", "can't parse reply keyboard markup JSON object")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return None  # reply keyboards and force_reply are not part of the Message object
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        )
    keyboard = [[_button(button) for button in row] for row in rows]
    keyboard = [row for row in keyboard if row]
    return {"inline_keyboard": keyboard} if keyboard else None


def _button(button: Any) -> dict[str, Any]:
    if not isinstance(button, dict):
        raise bad_request(_BUTTON_ERROR + "InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise bad_request(_BUTTON_ERROR + 'Field "text" must be of type String')
    actions = [key for key in button if key in _ACTIONS]
    if not actions:
        raise bad_request(_BUTTON_ERROR + "Text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if data is not None:
        size = len(str(data).encode("utf-8"))
        if not 1 <= size <= CALLBACK_DATA_LIMIT:
            raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and not _is_valid_url(str(url)):
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
    return {key: value for key, value in button.items() if key == "text" or key in _ACTIONS}


def _is_valid_url(url: str) -> bool:
    if not url or any(ch.isspace() for ch in url):
        return False
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme in ("tg", "ton"):
        return True
    return parts.scheme in ("http", "https") and "." in (parts.hostname or "")
