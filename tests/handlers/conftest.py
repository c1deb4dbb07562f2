"""The real Application over the in-memory Bot API, on SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock
from bot.notify.sender import OutboxSender, SenderPolicy
from bot.runtime.app import build_application, on_startup
from bot.runtime.local_chat import BotMessage, LocalChat, Person
from bot.runtime.memory_api import MemoryBotApi
from bot.services import Services, create_services
from bot.settings import Settings
from handlers.context import CounselApp
from handlers.messenger import TelegramMessenger
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

    @property
    def team(self) -> Person:
        return Person(ADMIN_ID, TEAM_CHAT_ID, "관리자")

    async def deliver(self) -> list[BotMessage]:
        """Run the outbox sender until nothing is due; returns what it sent."""
        start = len(self.api.calls)
        sender = OutboxSender(
            self.services.database,
            self.clock,
            TelegramMessenger(self.chat.app.bot),
            SenderPolicy(team_chat_id=self.services.settings.team_chat_id),
        )
        await sender.drain()
        return self.chat.collect(start)

    async def add_staff(self, user_id: int, role: str = "attorney", name: str = "") -> Person:
        async with self.database.uow() as uow:
            await uow.staff.upsert(
                telegram_id=user_id, role=role, now=self.clock.now(), display_name=name
            )
        return Person(user_id, user_id, name or "직원")


def make_settings(db_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": db_url,
        "faq_dir": ROOT / "faq",
        "team_chat_id": TEAM_CHAT_ID,
        "admin_user_ids": str(ADMIN_ID),
        "telegram_bot_token": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


async def start_harness(
    settings: Settings, api: MemoryBotApi | None = None
) -> tuple[BotHarness, CounselApp]:
    clock = FixedClock(datetime(2026, 11, 25, 1, 0, tzinfo=UTC), ZoneInfo("Asia/Seoul"))
    services = await create_services(settings, clock=clock)
    api = api or MemoryBotApi()
    app = build_application(services, request=api)
    await app.initialize()
    await on_startup(app)
    harness = BotHarness(
        chat=LocalChat(app, api),
        api=api,
        services=services,
        clock=clock,
        parent=Person(1001, 1001, "부모"),
        stranger=Person(3003, 3003, "낯선이"),
        admin=Person(ADMIN_ID, ADMIN_ID, "관리자"),
    )
    return harness, app


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[BotHarness]:
    """The bot on a fresh SQLite database."""
    harness, app = await start_harness(make_settings(f"sqlite+aiosqlite:///{tmp_path}/bot.db"))
    yield harness
    await app.shutdown()
    await harness.services.close()


@pytest.fixture
async def bot_any_db(db_url: str, database: Database) -> AsyncIterator[BotHarness]:
    """The bot on SQLite and on PostgreSQL (empty, migrated)."""
    await database.dispose()
    harness, app = await start_harness(make_settings(db_url))
    yield harness
    await app.shutdown()
    await harness.services.close()
