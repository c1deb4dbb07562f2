"""Telegram's rate limits, with flood control (429) holding back only the chat it came for.

PTB's AIORateLimiter pauses every request of the bot for the `retry_after` of any chat's
429: one busy chat would silence all parents. Here the same limits apply (30 messages a
second in all, 20 a minute per group) and a 429 delays that chat's calls alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import warnings
from collections.abc import Callable, Coroutine
from typing import Any, Final

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

JSONDict = dict[str, Any]
Result = bool | JSONDict | list[JSONDict]

OVERALL_PER_SECOND: Final = 30
GROUP_PER_MINUTE: Final = 20


class PerChatRateLimiter(BaseRateLimiter[int]):
    """Rate limits per bot and per group; retries after a 429 (`max_retries` times)."""

    def __init__(self, *, max_retries: int = 3) -> None:
        self._max_retries = max_retries
        self._overall = AsyncLimiter(OVERALL_PER_SECOND, 1)
        self._groups: dict[object, AsyncLimiter] = {}
        self._held: dict[object, asyncio.Event] = {}  # chats in flood control, until set

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(  # noqa: PLR0917 - the BaseRateLimiter interface
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,  # noqa: ARG002 - the BaseRateLimiter interface
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        chat = _chat_key(data.get("chat_id"))
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        for attempt in itertools.count():
            while (held := self._held.get(chat)) is not None:
                await held.wait()
            await self._limits(chat)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt >= retries:
                    raise
                await self._hold(chat, _seconds(exc))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _limits(self, chat: object) -> None:
        """Wait for a slot of the overall limit (and the group's) for a call to a chat."""
        if chat is None:
            return
        if isinstance(chat, str) or (isinstance(chat, int) and chat < 0):
            await self._groups.setdefault(chat, AsyncLimiter(GROUP_PER_MINUTE, 60)).acquire()
        await self._overall.acquire()

    async def _hold(self, chat: object, seconds: float) -> None:
        """Hold the chat's calls for `seconds` (one hold at a time per chat)."""
        held = self._held.get(chat)
        if held is not None:
            await held.wait()
            return
        held = self._held[chat] = asyncio.Event()
        try:
            await asyncio.sleep(seconds)
        finally:
            del self._held[chat]
            held.set()


def _chat_key(chat_id: object) -> object:
    with contextlib.suppress(TypeError, ValueError):
        return int(chat_id)  # type: ignore[call-overload]
    return chat_id


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # an int now, a timedelta in PTB's next major version
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after: Any = exc.retry_after
    seconds = retry_after.total_seconds() if hasattr(retry_after, "total_seconds") else retry_after
    return float(seconds) + 0.1
