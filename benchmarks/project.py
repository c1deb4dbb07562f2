"""The bot itself: FAQ questions, intake steps and outbox delivery, through the real
Application over the in-memory Bot API, with the SQL each update sends counted."""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import text

from benchmarks.common import CLOCK, ROOT, SqlCounter, all_chats, timed
from bot.knowledge.service import FaqService
from bot.notify.notes import ParentNotice
from bot.notify.sender import OutboxSender, SenderPolicy
from bot.runtime.app import build_application
from bot.runtime.local_chat import LocalChat, Person
from bot.runtime.memory_api import MemoryBotApi
from bot.services import Services, create_services
from bot.settings import Settings
from handlers.cards import TeamCards
from handlers.messenger import TelegramMessenger

TEAM = -100900
FAQ_QUESTIONS = [
    "육아휴직 급여 얼마 나와요?",
    "출산휴가 며칠이에요",
    "배우자 출산휴가 며칠",
    "해고당했는데 어떻게 해요",
    "육아기 근로시간 단축 급여",
    "주휴수당 계산법",
]
INTAKE_STEPS: list[tuple[str, str]] = [
    ("send", "/consult"),
    ("press", "in:consent:yes"),
    ("press", "in:consent_sensitive:yes"),
    ("press", "in:topic:protection"),
    ("press", "in:role:mother"),
    ("press", "in:workplace_size:5-29"),
    ("press", "in:contract:regular"),
    ("press", "in:status:dismissed"),
    ("send", "2026.9.1"),
    ("send", "복직 후 해고 통보를 받았어요. 어떻게 해야 하나요?"),
    ("press", "in:contact_method:telegram"),
    ("press", "in:contact_time:anytime"),
    ("press", "in:confirm:submit"),
]


async def make_services(url: str, faq: FaqService) -> Services:
    options: dict[str, Any] = {}
    if "rate_limit_burst" in Settings.model_fields:  # older commits have no such limit
        options["rate_limit_burst"] = 0  # each simulated parent sends far faster than a person
    settings = Settings(
        _env_file=None,
        database_url=url,
        faq_dir=ROOT / "faq",
        team_chat_id=TEAM,
        admin_user_ids="1",
        **options,
    )
    return await create_services(settings, clock=CLOCK, faq=faq)


class ProjectBench:
    """The bot on one database, its engine's statements counted."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.counter = SqlCounter().attach(services.database.engine)

    async def _app(self, first_update_id: int) -> tuple[Any, MemoryBotApi, LocalChat]:
        api = MemoryBotApi()
        app = build_application(self.services, request=api, rate_limited=False)
        await app.initialize()
        return app, api, LocalChat(app, api, first_update_id=first_update_id)

    async def faq_updates(self, per_chat: int) -> dict[str, float]:
        """FAQ questions from 16 parents at once (after one warm-up question each)."""
        app, api, chat = await self._app(5_000_000)

        def chats(count: int, offset: int) -> Callable[[int], Awaitable[int]]:
            async def one_parent(slot: int) -> int:
                person = Person(10_000 + slot, 10_000 + slot)
                for i in range(count):
                    question = FAQ_QUESTIONS[(slot + i + offset) % len(FAQ_QUESTIONS)]
                    await chat.send(person, question)
                return count

            return one_parent

        await all_chats(chats(1, 0))
        before = self.counter.snapshot()
        result = await timed(lambda: all_chats(chats(per_chat, 1)))
        counts = self.counter.per(before, result.updates, "faq_update")
        await app.shutdown()
        answered = {int(c.params["chat_id"]) for c in api.sent()}
        assert len(answered) == 16, "every parent got answers"
        return {
            "faq_updates": result.updates,
            "faq_updates_per_s": result.updates_per_s,
            "faq_cpu_ms": result.cpu_ms_per_update,
            **counts,
        }

    async def intakes(self, count: int) -> dict[str, float]:
        """Whole consultation requests (13 updates each), 16 parents at once."""
        app, _api, chat = await self._app(1_000_000)
        users = itertools.count(50_000)

        async def intake(person: Person) -> int:
            for action, value in INTAKE_STEPS:
                if action == "send":
                    await chat.send(person, value)
                else:
                    await chat.press(person, 1, value)
            return len(INTAKE_STEPS)

        await intake(Person(49_999, 49_999))  # warm-up
        remaining = iter(range(count))

        async def one_slot(_slot: int) -> int:
            done = 0
            for _ in remaining:
                user_id = next(users)
                done += await intake(Person(user_id, user_id))
            return done

        cases = await self._cases()
        before = self.counter.snapshot()
        result = await timed(lambda: all_chats(one_slot))
        steps = self.counter.per(before, result.updates, "intake_step")
        whole = self.counter.per(before, count, "intake")
        await app.shutdown()
        assert await self._cases() == cases + count, "every intake became a case"
        return {
            "intakes": count,
            "intakes_per_s": round(count / result.wall_s, 2),
            "intake_updates_per_s": result.updates_per_s,
            "intake_cpu_ms": result.cpu_ms_per_update,
            **steps,
            "statements_per_intake": whole["statements_per_intake"],
            "commits_per_intake": whole["commits_per_intake"],
        }

    async def _cases(self) -> int:
        async with self.services.database.engine.connect() as conn:
            return int((await conn.execute(text("SELECT count(*) FROM cases"))).scalar_one())

    async def outbox(self, count: int, *, rate_limited: bool, to_group: bool) -> float:
        """Notifications delivered per second by the outbox sender."""
        api = MemoryBotApi()
        app = build_application(self.services, request=api, rate_limited=rate_limited)
        await app.initialize()
        services = self.services
        sender = OutboxSender(
            services.database,
            services.clock,
            TelegramMessenger(app.bot),
            SenderPolicy(team_chat_id=TEAM, batch_size=50),
            cards=TeamCards(),
        )
        await sender.drain(max_rounds=10_000)  # whatever earlier runs queued
        async with services.database.uow() as uow:
            for i in range(count):
                await services.notifier.enqueue(
                    uow,
                    ParentNotice(text=f"알림 {i}"),
                    chat_id=TEAM if to_group else 200_000 + i,
                    dedupe_key=f"bench:{uuid.uuid4().hex}",
                )
        started = time.perf_counter()
        delivered = await sender.drain(max_rounds=10_000)
        elapsed = time.perf_counter() - started
        await app.shutdown()
        assert delivered == count, (delivered, count)
        return round(count / elapsed, 1)
