"""Shared fixtures: databases (SQLite and the real PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from storage.db import Database
from storage.migrate import upgrade
from tests import pg


async def _migrate(url: str) -> None:
    database = Database.from_url(url)
    try:
        await upgrade(database.engine)
    finally:
        await database.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, schema from the migrations."""
    with pg.throwaway_database("counsel_bot_test") as dbname:
        url = pg.database_url(dbname)
        asyncio.run(_migrate(url))
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Database URL for one test: a new SQLite file, or the shared PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def database(db_url: str) -> AsyncIterator[Database]:
    """A migrated, empty database."""
    db = Database.from_url(db_url)
    if db_url.startswith("sqlite"):
        await upgrade(db.engine)
    else:
        await pg.truncate_all(db)
    yield db
    await db.dispose()


@pytest.fixture
async def sqlite_database(tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated SQLite database, for tests that do not depend on the engine."""
    db = Database.from_url(f"sqlite+aiosqlite:///{tmp_path / 'app.db'}")
    await upgrade(db.engine)
    yield db
    await db.dispose()
