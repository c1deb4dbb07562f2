"""The parent's two confirmations: erasing their data (/delete) and clearing the chat (/clear)."""

from __future__ import annotations

from typing import Final

from bot import texts
from bot.dialog.confirm import Confirmation, confirmation

ERASE_DATA: Final[Confirmation] = confirmation(
    texts.DELETE_CONFIRM, yes=texts.DELETE_YES, no=texts.DELETE_NO
)
CLEAR_CHAT: Final[Confirmation] = confirmation(
    texts.CLEAR_CONFIRM, yes=texts.CLEAR_YES, no=texts.CLEAR_NO
)
