"""PostgreSQL for the tests: throwaway databases on the server in TEST_POSTGRES_DSN.

Each test run creates its own randomly named databases and drops them at the end, so runs in
parallel never collide. PostgreSQL missing fails the run when `CI` is set and skips the tests
that need it otherwise.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import asyncpg
import pytest
from sqlalchemy import text

from storage.db import Database
from storage.models import Base

ADMIN_DSN: Final = os.environ.get("TEST_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/test")


def database_url(dbname: str, *, driver: str = "asyncpg") -> str:
    """The URL of `dbname` on the test server: `postgresql+asyncpg://…`, or with `driver=""`
    the plain `postgresql://…` an operator would write in DATABASE_URL."""
    scheme = f"postgresql+{driver}://" if driver else "postgresql://"
    base = ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", scheme, 1)
    return f"{base}/{dbname}"


async def _admin(*statements: str) -> None:
    conn = await asyncpg.connect(ADMIN_DSN, timeout=5)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


@contextmanager
def throwaway_database(prefix: str) -> Iterator[str]:
    """Create an empty database named `prefix_<random>`, yield its name, drop it afterwards."""
    dbname = f"{prefix}_{uuid.uuid4().hex[:8]}"
    try:
        asyncio.run(_admin(f'CREATE DATABASE "{dbname}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        message = f"PostgreSQL is not reachable at {ADMIN_DSN}: {exc!r}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield dbname
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))


async def truncate_all(database: Database) -> None:
    """Empty every table and restart the id sequences (the schema stays)."""
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    async with database.engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
