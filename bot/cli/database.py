"""The database for a subcommand: opened, migrated, and closed when the work is done."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.settings import Settings
from storage.db import Database
from storage.migrate import open_database

T = TypeVar("T")


def with_database(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    """Open and migrate the database, run `work`, close it."""

    async def _run() -> T:
        database = await open_database(settings.database_url)
        try:
            return await work(database)
        finally:
            await database.dispose()

    return asyncio.run(_run())
