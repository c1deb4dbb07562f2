"""The bot under test (see `tests/harness.py`), on SQLite or on both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.db import Database
from tests.harness import BotHarness, bot_harness, make_settings


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[BotHarness]:
    """The bot on a fresh SQLite database."""
    async with bot_harness(make_settings(f"sqlite+aiosqlite:///{tmp_path}/bot.db")) as harness:
        yield harness


@pytest.fixture
async def bot_any_db(db_url: str, database: Database) -> AsyncIterator[BotHarness]:
    """The bot on SQLite and on PostgreSQL (empty, migrated)."""
    await database.dispose()
    async with bot_harness(make_settings(db_url)) as harness:
        yield harness
