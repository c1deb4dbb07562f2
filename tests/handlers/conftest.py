"""The bot under test (see `tests/harness.py`), once on SQLite and once on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.harness import BotHarness, bot_harness, make_settings


@pytest.fixture
async def bot(empty_db_url: str) -> AsyncIterator[BotHarness]:
    """The bot on an empty, migrated database: SQLite and PostgreSQL."""
    async with bot_harness(make_settings(empty_db_url)) as harness:
        yield harness
