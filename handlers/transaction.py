"""One unit of work per update, opened around its processing and found through a ContextVar.

The update processor opens it with `async with`: committed when the handlers are done,
rolled back when one of them raised (PTB hands the exception to the error handler, which
rolls back here), never shared with another update. Handlers reach it through
`context.uow()`, which wraps each use in a savepoint.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar

from bot.clock import Clock
from handlers import recording
from storage.db import Database, UnitOfWork

_current: ContextVar[UpdateTransaction | None] = ContextVar("update_transaction", default=None)


class UpdateTransaction:
    """The unit of work of the update being processed."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.is_rolled_back = False
        self.is_open = True
        self.owner = asyncio.current_task()  # tasks started meanwhile inherit the variable

    async def rollback(self) -> None:
        """Undo everything the update wrote; it will not be committed."""
        self.is_rolled_back = True
        await self.uow.rollback()


async def commit_before_speaking() -> None:
    """Commit what the update has written so far, before the bot tells the user about it.

    A kill between the reply and the end of the update then loses nothing the user was
    told, and no lock is held while Telegram answers. Every Bot API call of the update
    passes here first (`RecordingRequest`). Inside a savepoint block nothing is committed:
    the block's caller speaks later.
    """
    transaction = current()
    if transaction is None or transaction.is_rolled_back:
        return
    if transaction.owner is not asyncio.current_task():
        return
    if transaction.uow.session.in_nested_transaction():
        return
    if transaction.uow.session.in_transaction():
        # The writes that may wait (the answer log, …) go with the messages at the end.
        await transaction.uow.commit(keep_later=True)


def current() -> UpdateTransaction | None:
    """The open transaction of the update this code runs for, or None outside an update."""
    transaction = _current.get()
    return transaction if transaction is not None and transaction.is_open else None


@asynccontextmanager
async def update_transaction(database: Database, clock: Clock) -> AsyncIterator[UpdateTransaction]:
    """Open the update's unit of work: commit on success, roll back on an exception.

    Before the commit, the messages seen in private chats are recorded (for `/clear`).
    """
    uow = database.begin()
    transaction = UpdateTransaction(uow)
    token = _current.set(transaction)
    is_done = False
    try:
        with recording.collecting() as pairs:
            yield transaction
        if not transaction.is_rolled_back:
            await _record_messages(uow, clock, pairs)
            is_done = True
    finally:
        transaction.is_open = False
        _current.reset(token)
        await uow.finish(commit=is_done)


async def _record_messages(uow: UnitOfWork, clock: Clock, pairs: list[tuple[int, int]]) -> None:
    """Written with the update's other waiting writes, in one statement on PostgreSQL."""
    now = clock.now()
    for chat_id, message_id in pairs:
        uow.sent.record_later(chat_id=chat_id, message_id=message_id, now=now)
