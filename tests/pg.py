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
    """Create an empty database named `prefix_<random>`, yield its name, drop it afterwards.

    Its commits return before they reach the disk (`synchronous_commit = off`): the database
    lives for one run, and every update the bot handles commits.
    """
    dbname = f"{prefix}_{uuid.uuid4().hex[:8]}"
    try:
        asyncio.run(
            _admin(
                f'CREATE DATABASE "{dbname}"',
                f'ALTER DATABASE "{dbname}" SET synchronous_commit = off',
            )
        )
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        message = f"PostgreSQL is not reachable at {ADMIN_DSN}: {exc!r}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield dbname
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))


async def empty_all_tables(database: Database) -> None:
    """Delete every row and restart the id sequences; the schema stays migrated.

    One round trip of DELETEs: on tables this small it takes milliseconds, where TRUNCATE
    (new files for every table) takes most of a second.
    """
    tables = reversed(Base.metadata.sorted_tables)  # our own names: children before parents
    deletes = " ".join(f'DELETE FROM "{t.name}";' for t in tables)  # noqa: S608
    statement = (
        f"DO $$ DECLARE s record; BEGIN {deletes} "  # noqa: S608
        "FOR s IN SELECT sequence_schema, sequence_name FROM information_schema.sequences LOOP "
        "PERFORM setval(format('%I.%I', s.sequence_schema, s.sequence_name)::regclass, 1, false);"
        " END LOOP; END $$"
    )
    async with database.engine.begin() as conn:
        await conn.execute(text(statement))
