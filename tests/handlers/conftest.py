"""The real Application over the in-memory Bot API, on SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_application, on_startup
from bot.clock import FixedClock
from bot.local_chat import LocalChat, Person
from bot.memory_api import MemoryBotApi
from bot.services import Services, create_services
from bot.settings import Settings
from storage.db import Database

ROOT = Path(__file__).resolve().parents[2]
ADMIN_ID = 500
TEAM_CHAT_ID = -100500


@dataclass
class BotHarness:
    chat: LocalChat
    api: MemoryBotApi
    services: Services
    clock: FixedClock
    parent: Person
    stranger: Person
    admin: Person

    @property
    def database(self) -> Database:
        return self.services.database


def make_settings(db_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": db_url, "faq_dir": ROOT / "faq", "team_chat_id": TEAM_CHAT_ID,
        "admin_user_ids": str(ADMIN_ID), "telegram_bot_token": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def start_harness(settings: Settings) -> tuple[BotHarness, object]:
    clock = FixedClock(datetime(2026, 11, 25, 1, 0, tzinfo=UTC), ZoneInfo("Asia/Seoul"))
    services = await create_services(settings, clock=clock)
    api = MemoryBotApi()
    app = build_application(services, request=api)
    await app.initialize()
    await on_startup(app)
    harness = BotHarness(chat=LocalChat(app, api), api=api, services=services, clock=clock,
                         parent=Person(1001, 1001, "부모"), stranger=Person(3003, 3003, "낯선이"),
                         admin=Person(ADMIN_ID, ADMIN_ID, "관리자"))
    return harness, app


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[BotHarness]:
    """The bot on a fresh SQLite database."""
    harness, app = await start_harness(make_settings(f"sqlite+aiosqlite:///{tmp_path}/bot.db"))
    yield harness
    await app.shutdown()  # type: ignore[attr-defined]
    await harness.services.close()


@pytest.fixture
async def bot_any_db(db_url: str, database: Database) -> AsyncIterator[BotHarness]:
    """The bot on SQLite and on PostgreSQL (empty, migrated)."""
    await database.dispose()
    harness, app = await start_harness(make_settings(db_url))
    yield harness
    await app.shutdown()  # type: ignore[attr-defined]
    await harness.services.close()
