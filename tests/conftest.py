"""Shared fixtures: databases (SQLite and the real PostgreSQL), migrated once per run.

A test gets an empty database cheaply: SQLite as a copy of a file migrated at the start of
the run, PostgreSQL as the run's database with every table truncated.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from storage.db import Database
from storage.migrate import open_database
from tests import pg


async def _migrate(url: str) -> None:
    await (await open_database(url)).dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, schema from the migrations."""
    with pg.throwaway_database("counsel_bot_test") as dbname:
        url = pg.database_url(dbname)
        asyncio.run(_migrate(url))
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per run; tests get copies of it."""
    path = tmp_path_factory.mktemp("sqlite") / "migrated.db"
    asyncio.run(_migrate(f"sqlite+aiosqlite:///{path}"))
    return path


def _sqlite_copy(template: Path, path: Path) -> str:
    shutil.copyfile(template, path)
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Database URL for one test: a new migrated SQLite file, or the run's PostgreSQL database
    (migrated; emptied by the `database` fixture)."""
    if request.param == "sqlite":
        return _sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path / "test.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def database(db_url: str) -> AsyncIterator[Database]:
    """A migrated, empty database."""
    db = Database.from_url(db_url)
    if not db_url.startswith("sqlite"):
        await pg.empty_all_tables(db)
    yield db
    await db.dispose()


@pytest.fixture
async def empty_db_url(db_url: str, database: Database) -> str:
    """The URL of a migrated, empty database that no test connection holds open, for code
    that opens the database itself (the bot, the shell)."""
    await database.dispose()
    return db_url


@pytest.fixture
async def sqlite_database(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated SQLite database, for tests of SQLite's own behaviour."""
    db = Database.from_url(_sqlite_copy(sqlite_template, tmp_path / "app.db"))
    yield db
    await db.dispose()
