"""Concurrent update processing that keeps each chat's updates in order.

Different parents are served at the same time (the database waits overlap), while the
messages of one chat are handled one after the other, as a conversation needs. Each update
is processed inside its own unit of work (see handlers.transaction).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Final

from telegram import Update
from telegram.ext import BaseUpdateProcessor

logger = logging.getLogger(__name__)
_IN_FLIGHT_CEILING: Final = 100_000  # updates PTB may hand over at once (waiting included)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Runs each update inside `transaction()`, one update of a chat at a time.

    Handlers' errors reach the application's error handler as usual; a transaction that
    fails to open or commit goes to `on_failure`, and the next update is served. `on_done`
    hears of every update once its processing has ended.
    """

    def __init__(
        self,
        max_concurrent_updates: int,
        *,
        transaction: Callable[[], AbstractAsyncContextManager[object]],
        on_failure: Callable[[object, Exception], Awaitable[object]] | None = None,
        on_done: Callable[[object], None] | None = None,
    ) -> None:
        # PTB takes its slot before an update waits for its chat's turn, so the updates
        # queued behind one busy chat (a flood) would hold every slot and the other chats
        # would wait for all of them. PTB's own limit is therefore only a ceiling; the real
        # one is taken once it is the chat's turn.
        super().__init__(_IN_FLIGHT_CEILING)
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._transaction = transaction
        self._on_failure = on_failure
        self._on_done = on_done
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[object]) -> None:
        key = _chat_key(update)
        if key is None:
            async with self._slots:
                await self._process(update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._slots:
                await self._process(update, coroutine)
        finally:
            self._waiting[key] -= 1
            if self._waiting[key] == 0:  # forget idle chats
                del self._waiting[key]
                del self._locks[key]

    async def _process(self, update: object, coroutine: Awaitable[object]) -> None:
        try:
            async with self._transaction():
                await coroutine
        except Exception as exc:  # the update's work is lost; the next update must go on
            if self._on_failure is None:
                logger.exception("update failed outside its handlers")
            else:
                await self._on_failure(update, exc)
        finally:
            if self._on_done is not None:  # committed (or given up): Telegram may forget it
                self._on_done(update)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _chat_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None
