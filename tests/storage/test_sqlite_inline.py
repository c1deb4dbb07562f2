"""SQLite run on the event loop's thread: a lock held elsewhere is waited for without
stopping the loop, and given up on with SQLite's own error."""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from storage.db import Database
from storage.sqlite_inline import connector

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def sqlite_file(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "inline.db"
    shutil.copyfile(sqlite_template, path)
    return path


async def _ticks_while(work: asyncio.Future[object] | asyncio.Task[object]) -> int:
    ticks = 0
    while not work.done():
        await asyncio.sleep(0.01)
        ticks += 1
    return ticks


async def test_a_write_waits_for_another_units_lock_while_the_loop_runs(
    sqlite_file: Path,
) -> None:
    database = Database.from_url(f"sqlite+aiosqlite:///{sqlite_file}")
    holder_has_lock = asyncio.Event()

    async def hold_the_lock() -> None:
        async with database.uow() as uow:
            await uow.users.touch(telegram_id=1, now=NOW)  # the write lock is taken here
            holder_has_lock.set()
            await asyncio.sleep(0.4)  # other tasks run meanwhile, on the same loop

    async def write_after() -> float:
        await holder_has_lock.wait()
        started = time.monotonic()
        async with database.uow() as uow:
            await uow.users.touch(telegram_id=2, now=NOW)
        return time.monotonic() - started

    holder = asyncio.create_task(hold_the_lock())
    waiter: asyncio.Task[object] = asyncio.create_task(write_after())
    ticks = await _ticks_while(waiter)
    await holder
    waited = await waiter
    assert isinstance(waited, float)
    assert 0.2 < waited < 2.5
    assert ticks >= 20  # the loop kept running while the second write waited
    async with database.uow() as uow:
        for telegram_id in (1, 2):
            assert await uow.users.get_by_telegram_id(telegram_id=telegram_id) is not None
    await database.dispose()


async def test_a_lock_never_released_fails_the_write_with_sqlites_error(
    sqlite_file: Path,
) -> None:
    other_process = sqlite3.connect(sqlite_file, isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")  # holds the write lock until the test ends
    connection = await connector(str(sqlite_file), lock_wait_seconds=0.3)()
    started = time.monotonic()
    waiter = asyncio.ensure_future(
        connection.execute("INSERT INTO processed_updates VALUES (1, '2026-12-07')")
    )
    ticks = await _ticks_while(waiter)
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        await waiter
    assert 0.3 <= time.monotonic() - started < 1.5
    assert ticks >= 10
    other_process.rollback()
    await connection.execute("INSERT INTO processed_updates VALUES (1, '2026-12-07')")
    await connection.commit()
    assert other_process.execute("SELECT count(*) FROM processed_updates").fetchone() == (1,)
    await connection.close()
    other_process.close()


async def test_the_engine_reports_a_held_lock_as_an_operational_error(
    sqlite_file: Path,
) -> None:
    other_process = sqlite3.connect(sqlite_file, isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")
    database = Database.from_url(f"sqlite+aiosqlite:///{sqlite_file}")
    started = time.monotonic()
    with pytest.raises(OperationalError, match="database is locked"):
        async with database.uow() as uow:
            await uow.users.touch(telegram_id=3, now=NOW)
    assert time.monotonic() - started >= 2.9  # the statement timeout, as before
    other_process.rollback()
    other_process.close()
    await database.dispose()


async def test_handing_transactions_back_to_the_driver_is_refused(sqlite_file: Path) -> None:
    database = Database.from_url(f"sqlite+aiosqlite:///{sqlite_file}")
    async with database.engine.connect() as connection:
        with pytest.raises(NotImplementedError, match="engine's own BEGIN"):
            await connection.execution_options(isolation_level="AUTOCOMMIT")
    async with database.uow() as uow:  # the pool's connections still work
        await uow.users.touch(telegram_id=4, now=NOW)
    async with database.uow() as uow:
        assert await uow.users.get_by_telegram_id(telegram_id=4) is not None
    await database.dispose()


def _size(path: Path) -> int:
    return path.stat().st_size


async def _fill_the_wal(database: Database) -> Path:
    async with database.uow() as uow:
        for telegram_id in range(10, 30):
            await uow.users.touch(telegram_id=telegram_id, now=NOW)
    wal = Path(f"{database.engine.url.database}-wal")
    assert _size(wal) > 0
    return wal


async def test_the_wal_is_emptied_once_a_reader_lets_go(sqlite_file: Path) -> None:
    database = Database.from_url(f"sqlite+aiosqlite:///{sqlite_file}")
    wal = await _fill_the_wal(database)
    reader = sqlite3.connect(sqlite_file, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM users").fetchone()  # holds a snapshot of the log
    asyncio.get_running_loop().call_later(0.3, reader.rollback)
    started = time.monotonic()
    await database.reclaim_erased_space()
    assert 0.25 < time.monotonic() - started < 2.5
    assert _size(wal) == 0
    reader.close()
    await database.dispose()


async def test_a_wal_held_all_night_is_left_for_the_next(
    sqlite_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = Database.from_url(f"sqlite+aiosqlite:///{sqlite_file}")
    wal = await _fill_the_wal(database)
    reader = sqlite3.connect(sqlite_file, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM users").fetchone()
    caplog.set_level(logging.WARNING, logger="storage.db")
    started = time.monotonic()
    await database.reclaim_erased_space()
    assert 2.9 < time.monotonic() - started < 5
    assert [r.getMessage() for r in caplog.records] == [
        "the write-ahead log is in use: it is emptied next time"
    ]
    assert _size(wal) > 0
    reader.rollback()
    reader.close()
    await database.dispose()
