"""Database URLs: the databases the bot supports, each with its asyncio driver."""

from __future__ import annotations

from typing import Final

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

_DRIVERS: Final = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


def normalize_database_url(value: str) -> str:
    """`value` with its asyncio driver; ValueError with a readable reason if unsupported."""
    try:
        url = make_url(value)
    except ArgumentError as exc:
        raise ValueError("not a database URL (e.g. postgresql://user@host/db)") from exc
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise ValueError(f"unsupported database '{url.drivername}' (use sqlite or postgresql)")
    return url.set(drivername=driver).render_as_string(hide_password=False)
