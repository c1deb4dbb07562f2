"""Remember which messages exist in private chats, so `/clear` can delete them later.

A transport wrapper sees every Bot API answer; message ids from private chats are collected
for the update being processed (a context variable) and stored in its transaction.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from telegram.request import BaseRequest, RequestData

_SENDING_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})
collected: ContextVar[list[tuple[int, int]] | None] = ContextVar(
    "collected_messages", default=None
)


@contextmanager
def collecting() -> Iterator[list[tuple[int, int]]]:
    """Collect the (chat id, message id) pairs seen while the block runs."""
    pairs: list[tuple[int, int]] = []
    token = collected.set(pairs)
    try:
        yield pairs
    finally:
        collected.reset(token)


def note(chat_id: int, message_id: int) -> None:
    pairs = collected.get()
    if pairs is not None and chat_id > 0:
        pairs.append((chat_id, message_id))


class DelegatingRequest(BaseRequest):
    """A Bot API transport that hands every call to another one (subclasses add to
    `do_request`)."""

    def __init__(self, inner: BaseRequest) -> None:
        self._inner = inner

    @property
    def read_timeout(self) -> float | None:
        return self._inner.read_timeout

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        return await self._inner.do_request(url, method, request_data, *args, **kwargs)


class RecordingRequest(DelegatingRequest):
    """Delegates to another transport and notes messages the bot sent to private chats.

    `before_call` runs before every Bot API call (the update's transaction commits there).
    """

    def __init__(
        self, inner: BaseRequest, before_call: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        super().__init__(inner)
        self._before_call = before_call

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        if self._before_call is not None:
            await self._before_call()
        status, body = await self._inner.do_request(url, method, request_data, *args, **kwargs)
        if status == 200 and url.rsplit("/", 1)[-1] in _SENDING_METHODS:
            try:
                result = json.loads(body)["result"]
                note(int(result["chat"]["id"]), int(result["message_id"]))
            except (ValueError, KeyError, TypeError):
                pass
        return status, body
