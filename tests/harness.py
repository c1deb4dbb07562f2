"""The real Application over the in-memory Bot API: `async with bot_harness(settings) as bot:`.

`BotHarness` holds the chat (send, press, feed), the recorded Bot API, the services and a fixed
clock; `say` and `press` are the two moves almost every conversation test makes.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.calc import RuleBook, load_rules
from bot.clock import Clock, FixedClock
from bot.knowledge import KnowledgeBase, load_knowledge_base
from bot.knowledge.engine import FaqEngine
from bot.knowledge.service import FaqService
from bot.notify.sender import OutboxSender, SenderPolicy
from bot.runtime.app import build_application, on_startup
from bot.runtime.local_chat import BotMessage, LocalChat, Person
from bot.runtime.memory_api import MemoryBotApi
from bot.services import Services, create_services
from bot.settings import Settings
from handlers.cards import TeamCards
from handlers.messenger import TelegramMessenger
from storage.db import Database
from storage.models import Base
from tests import factories

ROOT: Final = Path(__file__).resolve().parent.parent
ADMIN_ID: Final = 500
TEAM_CHAT_ID: Final = -100500
START: Final = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # 10:00 in Seoul, a Wednesday


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
            cards=TeamCards(),
        )
        await sender.drain()
        return self.chat.collect(start)

    async def add_staff(self, user_id: int, role: str = "attorney", name: str = "") -> Person:
        """Make `user_id` an active staff member; their private chat."""
        async with self.database.uow() as uow:
            await factories.staff(
                uow, now=self.clock.now(), telegram_id=user_id, role=role, name=name
            )
        return Person(user_id, user_id, name or "직원")

    async def restart(self) -> None:
        """Shut the Application down and build a new one on the same services and Bot API,
        as a restarted process would (later updates get new ids)."""
        await self.chat.app.shutdown()
        app = build_application(self.services, request=self.api)
        await app.initialize()
        self.chat = LocalChat(app, self.api, first_update_id=1000)

    async def count(self, model: type[Base]) -> int:
        """How many rows `model`'s table holds."""
        async with self.database.uow() as uow:
            query = select(func.count()).select_from(model)
            return int((await uow.session.execute(query)).scalar_one())


@functools.cache
def _loaded_faq(faq_dir: Path) -> tuple[KnowledgeBase, RuleBook, FaqEngine]:
    knowledge = load_knowledge_base(faq_dir)
    return knowledge, load_rules(faq_dir), FaqEngine(knowledge)


def faq_service(settings: Settings, clock: Clock) -> FaqService:
    """The FAQ service `create_services` would load. The repository's FAQ, which no test
    changes, is read and indexed once per run (the loaded models are frozen and the matcher
    only reads; `/reload_faq` builds new ones); any other folder is loaded afresh."""
    if settings.faq_dir != ROOT / "faq":
        return FaqService.load(settings.faq_dir, clock)
    knowledge, rules, engine = _loaded_faq(settings.faq_dir)
    return FaqService(settings.faq_dir, clock, knowledge, rules, engine=engine)


def make_settings(db_url: str, **overrides: Any) -> Settings:
    """Settings for the bot under test: the repository's FAQ, the test team chat and admin."""
    values: dict[str, Any] = {
        "database_url": db_url,
        "faq_dir": ROOT / "faq",
        "team_chat_id": TEAM_CHAT_ID,
        "admin_user_ids": str(ADMIN_ID),
        "telegram_bot_token": None,
        # The clock stands still in these tests: a generous limit keeps a long conversation
        # inside it (tests/handlers/test_throttle.py floods with the real one).
        "rate_limit_burst": 1000,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@asynccontextmanager
async def bot_harness(
    settings: Settings, *, api: MemoryBotApi | None = None
) -> AsyncIterator[BotHarness]:
    """The bot started on `settings` (database migrated, menus published), shut down after.

    Pass another harness's `api` to let two bots share one Telegram.
    """
    clock = FixedClock(START, ZoneInfo("Asia/Seoul"))
    services = await create_services(settings, clock=clock, faq=faq_service(settings, clock))
    try:
        api = api or MemoryBotApi()
        app = build_application(services, request=api)
        await app.initialize()
        harness = BotHarness(
            chat=LocalChat(app, api),
            api=api,
            services=services,
            clock=clock,
            parent=Person(1001, 1001, "부모"),
            stranger=Person(3003, 3003, "낯선이"),
            admin=Person(ADMIN_ID, ADMIN_ID, "관리자"),
        )
        try:
            await on_startup(app)
            yield harness
        finally:
            await harness.chat.app.shutdown()
    finally:
        await services.close()


async def say(bot: BotHarness, person: Person, text: str) -> BotMessage:
    """Send `text` as `person`; the bot's last reply."""
    return (await bot.chat.send(person, text))[-1]


async def press(bot: BotHarness, person: Person, message: BotMessage, label: str) -> BotMessage:
    """Press the button labelled `label` under `message`; the last new (not edited) reply."""
    replies = await bot.chat.press(person, message.message_id, message.button(label))
    return [r for r in replies if not r.is_edit][-1]


def to(person: Person, messages: list[BotMessage]) -> list[BotMessage]:
    """The messages that went to `person`'s chat."""
    return [m for m in messages if m.chat_id == person.chat_id]
