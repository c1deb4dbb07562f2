"""A parent's /delete, then the daily purge: the words are gone from the database files
too, not only from what queries return (SQLite's secure_delete and a checkpoint;
PostgreSQL's VACUUM), checked byte by byte in the files and the table pages."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Final

import asyncpg
import pytest
from sqlalchemy import text

from bot.account.retention import RetentionPolicy, purge
from storage.db import LOCK_WAIT_SECONDS, Database
from tests.flows import walk_to_description
from tests.harness import BotHarness, press, say

# Spelt once here, nowhere else in the database: found in the files means not erased.
STORY: Final = "저는 한별마루인데 복직하자마자 팀장이 연락을 끊고 자리를 없앴어요. 어떻게 하나요?"
MARKER: Final = "한별마루".encode()


async def _intake_with_story(bot: BotHarness) -> None:
    await walk_to_description(bot, bot.parent)
    msg = await say(bot, bot.parent, STORY)
    msg = await press(bot, bot.parent, msg, "텔레그램")
    msg = await press(bot, bot.parent, msg, "평일 오후")
    await press(bot, bot.parent, msg, "접수하기")


async def _on_disk(bot: BotHarness) -> int:
    """Places the marker is stored at: SQLite's files, or PostgreSQL's table pages."""
    engine = bot.database.engine
    if engine.dialect.name == "sqlite":
        path = Path(str(engine.url.database))
        files = [path, path.with_name(path.name + "-wal")]
        return sum(f.read_bytes().count(MARKER) for f in files if f.exists())
    async with engine.connect() as connection:
        await connection.execute(text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
        await connection.execute(text("CHECKPOINT"))  # nothing the pages hold stays unread
        tables = (
            (
                await connection.execute(
                    text(
                        "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = "
                        "'public'::regnamespace"
                    )
                )
            )
            .scalars()
            .all()
        )
        found = 0
        for table in tables:
            found += (
                await connection.execute(
                    text(
                        "SELECT count(*) FROM generate_series(0, "
                        "pg_relation_size(CAST(:t AS regclass)) / 8192 - 1) AS block "
                        "WHERE position(:marker IN get_raw_page(CAST(:t AS text), block::int)) > 0"
                    ),
                    {"t": table, "marker": MARKER},
                )
            ).scalar_one()
        await connection.commit()
        return int(found)


async def test_erased_words_leave_the_database_files(bot: BotHarness) -> None:
    await _intake_with_story(bot)
    await bot.deliver()
    assert await _on_disk(bot) > 0  # the story is stored (so its absence below means erased)
    [confirm] = await bot.chat.send(bot.parent, "/delete")
    await bot.chat.press(bot.parent, confirm.message_id, confirm.button("네"))
    await bot.deliver()
    policy = RetentionPolicy.from_settings(bot.services.settings)
    await purge(bot.database, policy, bot.clock.now())
    assert await _on_disk(bot) == 0


async def test_a_busy_table_is_left_for_the_next_night(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Rewriting a table needs it to itself: one a transaction is reading is skipped within
    seconds (the bot does not stall behind it), and the others are rewritten."""
    database = Database.from_url(postgres_url)
    reader = await asyncpg.connect(postgres_url.replace("+asyncpg", ""), timeout=5)
    try:
        transaction = reader.transaction()
        await transaction.start()
        await reader.fetch("SELECT 1 FROM users LIMIT 1")  # holds the table's share lock
        caplog.set_level(logging.WARNING, logger="storage.db")
        started = time.monotonic()
        await database.reclaim_erased_space()
        waited = time.monotonic() - started
        await transaction.rollback()
    finally:
        await reader.close()
        await database.dispose()
    busy = [r.getMessage() for r in caplog.records if "busy" in r.getMessage()]
    assert busy == ["table users is busy: its space is reclaimed next time"]
    assert waited < LOCK_WAIT_SECONDS + 10
