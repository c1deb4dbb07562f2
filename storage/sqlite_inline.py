"""SQLite for the async engine, run on the event loop's own thread.

aiosqlite gives each connection a thread and sends every call there and back: opening a
cursor, running it, fetching, closing, BEGIN, COMMIT, each one a wait for the loop to be
woken. A statement on a local SQLite file takes microseconds, so those trips were most of
an update's time. Here each call runs where it is made. The one wait SQLite has, for
another connection's write lock, is not slept inside SQLite (that would stop the loop, and
with it the connection holding the lock): a busy statement is tried again after an
`asyncio.sleep`, until the lock wait's limit.

The classes follow the part of aiosqlite's interface that SQLAlchemy's aiosqlite dialect
uses, so the engine keeps that dialect; `connect` is its `async_creator`.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterable
from typing import Any, Final, TypeVar

_T = TypeVar("_T")

#: Busy codes worth waiting out (SQLITE_BUSY and its extended forms); BUSY_SNAPSHOT (517)
#: is not among them: the transaction read an old snapshot and must start again.
_WAITABLE: Final = frozenset({5, 261, 773})  # BUSY, BUSY_RECOVERY, BUSY_TIMEOUT
_FIRST_PAUSE_SECONDS: Final = 0.001
_LONGEST_PAUSE_SECONDS: Final = 0.05


class InlineCursor:
    """An aiosqlite-style cursor whose coroutines finish without suspending, except to
    wait for a lock; `async with connection.cursor()` enters it, as in aiosqlite."""

    def __init__(self, connection: InlineConnection) -> None:
        self._connection = connection
        self._cursor = connection.raw.cursor()

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Any = ()) -> InlineCursor:
        await self._connection.waiting_out_locks(self._cursor.execute, sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> InlineCursor:
        rows = list(parameters)  # a retry must see them all again
        await self._connection.waiting_out_locks(self._cursor.executemany, sql, rows)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(self._cursor.arraysize if size is None else size)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()


class _NoDriverTransactions:
    """Where SQLAlchemy's dialect would queue an isolation-level change for aiosqlite's
    thread (`_tx`): BEGIN is the engine's own (`storage.db._configure_sqlite`), and handing
    transactions back to sqlite3 would undo that, so the change is refused."""

    def put_nowait(self, _item: object) -> None:
        raise NotImplementedError("SQLite connections here keep the engine's own BEGIN")


class InlineConnection:
    """An aiosqlite-style connection over a sqlite3 connection used on the loop's thread."""

    def __init__(self, raw: sqlite3.Connection, *, lock_wait_seconds: float) -> None:
        self.raw = raw
        self.lock_wait_seconds = lock_wait_seconds
        self._tx = _NoDriverTransactions()
        self._closed = False

    # the names SQLAlchemy's dialect reads on an aiosqlite connection
    @property
    def _conn(self) -> sqlite3.Connection:
        return self.raw

    @property
    def _connection(self) -> sqlite3.Connection | None:
        return None if self._closed else self.raw

    @property
    def isolation_level(self) -> str | None:
        return self.raw.isolation_level

    @property
    def in_transaction(self) -> bool:
        return self.raw.in_transaction

    def cursor(self) -> InlineCursor:
        return InlineCursor(self)

    async def execute(self, sql: str, parameters: Any = ()) -> InlineCursor:
        cursor = InlineCursor(self)
        return await cursor.execute(sql, parameters)

    async def commit(self) -> None:
        await self.waiting_out_locks(self.raw.commit)

    async def rollback(self) -> None:
        self.raw.rollback()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self.raw.create_function(*args, **kwargs)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        if not self._closed:
            self._closed = True
            self.raw.close()

    async def waiting_out_locks(self, call: Callable[..., _T], *args: Any) -> _T:
        """`call(*args)`; while another connection holds the lock, tried again after a
        pause that lets the loop run, for up to `lock_wait_seconds`."""
        give_up_at: float | None = None
        pause = _FIRST_PAUSE_SECONDS
        while True:
            try:
                return call(*args)
            except sqlite3.OperationalError as error:
                if getattr(error, "sqlite_errorcode", None) not in _WAITABLE:
                    raise
                now = time.monotonic()
                give_up_at = now + self.lock_wait_seconds if give_up_at is None else give_up_at
                if now >= give_up_at:
                    raise
                await asyncio.sleep(min(pause, give_up_at - now))
                pause = min(pause * 2, _LONGEST_PAUSE_SECONDS)


def connector(database: str, *, lock_wait_seconds: float, uri: bool = False) -> Callable[[], Any]:
    """The engine's `async_creator` for the SQLite file `database`."""

    async def connect() -> InlineConnection:
        raw = sqlite3.connect(
            database,
            timeout=0,  # a lock is waited for by `waiting_out_locks`, not inside SQLite
            isolation_level=None,  # BEGIN is the engine's (storage.db._configure_sqlite)
            check_same_thread=False,  # the pool may close it from a finalizer's thread
            uri=uri,
        )
        return InlineConnection(raw, lock_wait_seconds=lock_wait_seconds)

    return connect
