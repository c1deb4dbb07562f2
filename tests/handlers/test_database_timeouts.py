"""A hung database: statements and connections give up after a few seconds, so the user
gets an apology instead of silence, and start-up fails with one clear line."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot import texts
from handlers.jobs import log_tick_failure
from storage.db import (
    STATEMENT_TIMEOUT_SECONDS,
    Database,
    DatabaseUnavailableError,
    check_connection,
    create_engine,
)
from tests.harness import ROOT, BotHarness

#: The timeout, plus room for a loaded test machine.
PATIENCE = STATEMENT_TIMEOUT_SECONDS + 5


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port whose connections are accepted by the kernel and never answered, as a
    frozen (SIGSTOPped) database server behaves."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


async def _hold_write_lock(database: Database) -> AsyncConnection:
    """Another connection that takes the lock every write of the bot needs."""
    connection = await database.engine.connect()
    if database.engine.url.get_backend_name() == "sqlite":
        await connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        await connection.execute(text("LOCK TABLE users IN ACCESS EXCLUSIVE MODE"))
    return connection


async def test_locked_database_gets_an_apology_within_seconds(bot: BotHarness) -> None:
    holder = Database(create_engine(str(bot.database.engine.url.render_as_string(False))))
    connection = await _hold_write_lock(holder)
    try:
        started = time.monotonic()
        replies = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
        waited = time.monotonic() - started
    finally:
        await connection.rollback()
        await connection.close()
        await holder.dispose()
    assert [reply.text for reply in replies] == [texts.ERROR_GENERIC]
    assert waited < PATIENCE
    [answer] = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    assert "출산" in answer.text


async def test_postgres_statement_is_cancelled_after_the_timeout(postgres_url: str) -> None:
    """The server itself cancels the statement (its locks and snapshot go with it), and
    the connection stays usable."""
    engine = create_engine(postgres_url)
    try:
        started = time.monotonic()
        async with engine.connect() as connection:
            with pytest.raises(DBAPIError, match="statement timeout"):
                await connection.execute(text("SELECT pg_sleep(60)"))
            await connection.rollback()
            assert time.monotonic() - started < PATIENCE
            still_running = await connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%'"
                )
            )
            assert still_running.scalar_one() == 0
    finally:
        await engine.dispose()


async def test_frozen_postgres_fails_the_connection_check(silent_port: int) -> None:
    engine = create_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{silent_port}/test")
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailableError, match="cannot connect to the database"):
            await check_connection(engine)
        assert time.monotonic() - started < PATIENCE
    finally:
        await engine.dispose()


def test_frozen_database_at_start_is_one_line_and_exit_1(silent_port: int, tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "TELEGRAM_BOT_TOKEN": "123:ABC",
        "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{silent_port}/test",
        "FAQ_DIR": str(ROOT / "faq"),
    }
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert time.monotonic() - started < PATIENCE + 20  # interpreter start-up included
    assert proc.returncode == 1
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("error: cannot connect to the database")


async def test_background_ticks_log_one_line_while_the_database_is_unreachable(
    silent_port: int, caplog: pytest.LogCaptureFixture
) -> None:
    """The outbox ticks every few hundred milliseconds: an outage is one line per tick,
    not a traceback; any other failure keeps its traceback."""
    engine = create_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{silent_port}/test")
    try:
        with pytest.raises(TimeoutError) as raised:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()
    caplog.set_level(logging.WARNING, logger="handlers.jobs")
    log_tick_failure("outbox tick", raised.value)
    log_tick_failure("outbox tick", ValueError("a bug"))
    [outage, bug] = caplog.records
    assert outage.levelno == logging.WARNING
    assert "database unreachable" in outage.getMessage()
    assert outage.exc_info is None
    assert bug.levelno == logging.ERROR
    assert bug.exc_info is not None
