"""What every benchmark shares: databases, 16 chats at once, time and SQL counting."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import FixedClock

ROOT = Path(__file__).resolve().parent.parent
PG_DSN = os.environ.get("TEST_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/test")
#: The bot's clock in every benchmark: a Wednesday, 10:00 in Seoul.
CLOCK = FixedClock(datetime(2026, 11, 25, 1, 0, tzinfo=UTC), ZoneInfo("Asia/Seoul"))
#: Parents writing at the same time; every variant is fed this way.
CONCURRENT_CHATS = 16


@asynccontextmanager
async def database_url(kind: str) -> AsyncIterator[str]:
    """A fresh database for one run: a temporary SQLite file, or a new PostgreSQL database
    on the server in TEST_POSTGRES_DSN (dropped afterwards)."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite+aiosqlite:///{folder}/bench.db"
        return
    name = f"counsel_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(PG_DSN)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    try:
        yield (
            PG_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + f"/{name}"
        )
    finally:
        conn = await asyncpg.connect(PG_DSN)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


def asyncpg_dsn(url: str) -> str:
    """The plain DSN asyncpg takes for a `postgresql+asyncpg://` URL."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


#: Statements counted by their first word; any other is `other`.
VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "SAVEPOINT", "RELEASE", "OTHER")


@dataclass
class SqlCounter:
    """Statements, BEGINs, COMMITs, ROLLBACKs and SAVEPOINTs on one engine.

    `statements` counts every statement sent through SQLAlchemy (SAVEPOINT and RELEASE
    included); BEGIN and COMMIT are transaction events, counted apart.
    """

    counts: dict[str, int] = field(
        default_factory=lambda: (
            dict.fromkeys(("statements", "begins", "commits", "rollbacks", "savepoints"), 0)
            | {f"sql_{verb.lower()}": 0 for verb in VERBS}
        )
    )

    def attach(self, engine: AsyncEngine) -> SqlCounter:
        sync = engine.sync_engine

        def bump(key: str) -> Callable[..., None]:
            def listener(*_args: Any, **_kwargs: Any) -> None:
                self.counts[key] += 1

            return listener

        def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
            self.counts["statements"] += 1
            verb = sql.lstrip()[:9].split(" ", 1)[0].upper()
            self.counts[f"sql_{(verb if verb in VERBS else 'other').lower()}"] += 1

        event.listen(sync, "before_cursor_execute", statement)
        event.listen(sync, "begin", bump("begins"))
        event.listen(sync, "commit", bump("commits"))
        event.listen(sync, "rollback", bump("rollbacks"))
        event.listen(sync, "savepoint", bump("savepoints"))
        return self

    def snapshot(self) -> dict[str, int]:
        return dict(self.counts)

    def per(self, before: dict[str, int], units: int, unit: str) -> dict[str, float]:
        """Counts since `before`, per `unit` (e.g. `statements_per_faq_update`,
        `sql_select_per_faq_update`)."""
        return {
            f"{key}_per_{unit}": round((self.counts[key] - before[key]) / units, 2)
            for key in self.counts
        }


@dataclass(frozen=True)
class Timed:
    updates: int
    wall_s: float
    cpu_s: float

    @property
    def updates_per_s(self) -> float:
        return round(self.updates / self.wall_s, 1)

    @property
    def cpu_ms_per_update(self) -> float:
        """Processor time of this process (all its threads) per update; not the server's."""
        return round(self.cpu_s * 1000 / self.updates, 3)


async def timed(work: Callable[[], Awaitable[int]]) -> Timed:
    """Run `work` (which returns how many updates it fed) with wall and CPU clocks."""
    wall, cpu = time.perf_counter(), time.process_time()
    updates = await work()
    return Timed(updates, time.perf_counter() - wall, time.process_time() - cpu)


async def all_chats(one_chat: Callable[[int], Awaitable[int]]) -> int:
    """Run `one_chat(slot)` for every chat at once; the updates they fed."""
    done = await asyncio.gather(*(one_chat(slot) for slot in range(CONCURRENT_CHATS)))
    return sum(done)
