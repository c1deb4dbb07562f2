"""Savepoints inside a unit of work, identical on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.db import Database, UnitOfWork

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


class Refused(Exception):
    pass


async def _user_ids(database: Database) -> set[int]:
    async with database.uow() as uow:
        return {
            telegram_id
            for telegram_id in (1, 2, 3)
            if await uow.users.get_by_telegram_id(telegram_id=telegram_id) is not None
        }


async def _write_then_refuse(uow: UnitOfWork) -> None:
    async with uow.savepoint():
        await uow.users.touch(telegram_id=2, now=NOW)
        raise Refused


async def test_failed_savepoint_undoes_only_its_own_writes(database: Database) -> None:
    async with database.uow() as uow:
        await uow.users.touch(telegram_id=1, now=NOW)
        with pytest.raises(Refused):
            await _write_then_refuse(uow)
        async with uow.savepoint():
            await uow.users.touch(telegram_id=3, now=NOW)
    assert await _user_ids(database) == {1, 3}


async def test_released_savepoint_is_undone_with_its_transaction(database: Database) -> None:
    """A savepoint opened first still belongs to the transaction (SQLite's driver quirk)."""
    uow = database.begin()
    async with uow.savepoint():
        await uow.users.touch(telegram_id=2, now=NOW)
    await uow.finish(commit=False)
    assert await _user_ids(database) == set()


async def test_sqlite_reads_then_writes_after_another_commit(sqlite_database: Database) -> None:
    """A job that reads, then writes once an update committed, waits instead of failing."""
    update = sqlite_database.begin()
    await update.users.touch(telegram_id=1, now=NOW)  # holds SQLite's write lock

    async def job() -> None:
        async with sqlite_database.uow() as uow:
            await uow.users.get_by_telegram_id(telegram_id=1)
            await asyncio.sleep(0.1)
            await uow.users.touch(telegram_id=2, now=NOW)

    running = asyncio.create_task(job())
    await asyncio.sleep(0.3)
    await update.finish(commit=True)
    await running
    assert await _user_ids(sqlite_database) == {1, 2}


async def test_a_connection_returned_mid_transaction_is_rolled_back(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """SQLite's pool resets a connection only when a transaction is still open on it."""
    shutil.copyfile(sqlite_template, tmp_path / "test.db")
    database = Database.from_url(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}")
    claim = (
        "INSERT INTO processed_updates (update_id, processed_at) VALUES (77, CURRENT_TIMESTAMP)"
    )
    async with database.engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None
        await driver.execute("BEGIN")
        await driver.execute(claim)
    async with database.uow() as uow:
        first = await uow.users.arrive(update_id=77, now=NOW, telegram_id=None, with_state=False)
    assert first.is_new  # the claim made in the abandoned transaction was undone
    async with database.uow() as uow:
        again = await uow.users.arrive(update_id=77, now=NOW, telegram_id=None, with_state=False)
    assert not again.is_new
    await database.dispose()
