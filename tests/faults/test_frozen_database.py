"""A frozen PostgreSQL (SIGSTOP: sockets open, nothing answers) fails the next statement
soon enough for the apology to reach the parent within 5 s, whether the pooled connection
was busy a moment ago or sat idle (pinged first)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from storage.db import Database, create_engine
from tests.faults.postgres import PrivatePostgres

APOLOGY_WITHIN = 5.0  # seconds; the statement's own timeout leaves room to send it


@pytest.fixture(scope="module")
def postgres(server_binaries: None) -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("ping_after_idle", [0.0, 3600.0], ids=["pinged", "busy"])
def test_frozen_database_fails_the_statement_within_seconds(
    postgres: PrivatePostgres, ping_after_idle: float
) -> None:
    async def scenario() -> tuple[float, float]:
        url = postgres.url.replace("postgresql://", "postgresql+asyncpg://")
        database = Database(create_engine(url, ping_after_idle=ping_after_idle))
        try:
            async with database.uow() as uow:  # a pooled connection, used a moment ago
                await uow.session.execute(text("SELECT 1"))
            postgres.freeze()
            waits = []
            try:
                for _ in range(2):  # the pooled connection, then a new one
                    started = time.monotonic()
                    with pytest.raises(TimeoutError):
                        async with database.uow() as uow:
                            await uow.session.execute(text("SELECT 1"))
                    waits.append(time.monotonic() - started)
            finally:
                postgres.thaw()
            async with database.uow() as uow:  # and it works again once thawed
                assert (await uow.session.execute(text("SELECT 1"))).scalar_one() == 1
            return waits[0], waits[1]
        finally:
            await database.dispose()

    pooled, fresh = asyncio.run(scenario())
    assert pooled < APOLOGY_WITHIN - 1
    assert fresh < APOLOGY_WITHIN - 1
