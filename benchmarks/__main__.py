"""Run the benchmarks and print JSON plus a readable table.

    .venv/bin/python -m benchmarks [--db sqlite|postgresql|both] [--quick]

PostgreSQL runs use a fresh database on the server in TEST_POSTGRES_DSN
(default postgresql://postgres@127.0.0.1:5432/test), dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg

from bot.clock import FixedClock
from bot.notify.notes import ParentNotice
from bot.notify.sender import OutboxSender, SenderPolicy
from bot.runtime.app import build_application
from bot.runtime.local_chat import LocalChat, Person
from bot.runtime.memory_api import MemoryBotApi
from bot.services import Services, create_services
from bot.settings import Settings
from handlers.cards import TeamCards
from handlers.messenger import TelegramMessenger

ROOT = Path(__file__).resolve().parent.parent
PG_DSN = os.environ.get("TEST_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/test")
TEAM = -100900
FAQ_QUESTIONS = [
    "육아휴직 급여 얼마 나와요?",
    "출산휴가 며칠이에요",
    "배우자 출산휴가 며칠",
    "해고당했는데 어떻게 해요",
    "육아기 근로시간 단축 급여",
    "주휴수당 계산법",
]


@asynccontextmanager
async def database_url(kind: str) -> AsyncIterator[str]:
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


async def make_services(url: str) -> Services:
    settings = Settings(
        _env_file=None,
        database_url=url,
        faq_dir=ROOT / "faq",
        team_chat_id=TEAM,
        admin_user_ids="1",
        rate_limit_burst=0,  # each simulated parent sends far faster than a person
    )
    clock = FixedClock(datetime(2026, 11, 25, 1, 0, tzinfo=UTC), ZoneInfo("Asia/Seoul"))
    return await create_services(settings, clock=clock)


CONCURRENT_CHATS = 16  # parents writing at the same time


async def bench_faq_updates(services: Services, count: int) -> dict[str, float]:
    """FAQ questions from many parents at once, through the app's update processor."""
    api = MemoryBotApi()
    app = build_application(services, request=api, rate_limited=False)
    await app.initialize()
    chat = LocalChat(app, api, first_update_id=5_000_000)
    per_chat = count // CONCURRENT_CHATS

    async def one_parent(slot: int) -> None:
        person = Person(10_000 + slot, 10_000 + slot)
        for i in range(per_chat):
            await chat.send(person, FAQ_QUESTIONS[(slot + i) % len(FAQ_QUESTIONS)])

    started = time.perf_counter()
    await asyncio.gather(*(one_parent(slot) for slot in range(CONCURRENT_CHATS)))
    elapsed = time.perf_counter() - started
    await app.shutdown()
    done = per_chat * CONCURRENT_CHATS
    return {"faq_updates": done, "faq_updates_per_s": round(done / elapsed, 1)}


async def _intake(chat: LocalChat, person: Person) -> None:
    steps: list[tuple[str, str]] = [
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
    for action, value in steps:
        if action == "send":
            await chat.send(person, value)
        else:
            await chat.press(person, 1, value)


async def bench_intakes(services: Services, count: int) -> dict[str, float]:
    api = MemoryBotApi()
    app = build_application(services, request=api, rate_limited=False)
    await app.initialize()
    chat = LocalChat(app, api, first_update_id=1_000_000)
    users = iter(range(50_000, 50_000 + count))

    async def one_slot() -> None:
        for user_id in users:
            await _intake(chat, Person(user_id, user_id))

    started = time.perf_counter()
    await asyncio.gather(*(one_slot() for _ in range(CONCURRENT_CHATS)))
    elapsed = time.perf_counter() - started
    updates = count * 13
    await app.shutdown()
    return {
        "intakes": count,
        "intakes_per_s": round(count / elapsed, 1),
        "intake_updates_per_s": round(updates / elapsed, 1),
    }


async def bench_outbox(
    services: Services, count: int, *, rate_limited: bool, to_group: bool
) -> float:
    api = MemoryBotApi()
    app = build_application(services, request=api, rate_limited=rate_limited)
    await app.initialize()
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
            chat_id = TEAM if to_group else 200_000 + i
            await services.notifier.enqueue(
                uow,
                ParentNotice(text=f"알림 {i}"),
                chat_id=chat_id,
                dedupe_key=f"bench:{uuid.uuid4().hex}",
            )
    started = time.perf_counter()
    delivered = await sender.drain(max_rounds=10_000)
    elapsed = time.perf_counter() - started
    await app.shutdown()
    assert delivered == count, (delivered, count)
    return round(count / elapsed, 1)


def faq_latency() -> dict[str, float]:
    from bot.knowledge import load_knowledge_base
    from bot.knowledge.engine import FaqEngine

    started = time.perf_counter()
    knowledge = load_knowledge_base(ROOT / "faq")
    engine = FaqEngine(knowledge)
    load_ms = (time.perf_counter() - started) * 1000
    questions = _dev_questions() * 5
    day = datetime(2026, 11, 26).date()  # noqa: DTZ001
    timings = []
    for question in questions:
        t0 = time.perf_counter()
        engine.match(question, day)
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    return {
        "faq_load_ms": round(load_ms, 1),
        "faq_p50_ms": round(statistics.median(timings), 3),
        "faq_p99_ms": round(timings[int(len(timings) * 0.99) - 1], 3),
        "faq_queries_per_s": round(len(timings) / (sum(timings) / 1000), 1),
    }


def _dev_questions() -> list[str]:
    import yaml

    data = yaml.safe_load((ROOT / "tests/data/faq-dev-questions.yaml").read_text("utf-8"))
    return [str(item["q"]) for item in data["items"]]


async def run(kinds: list[str], quick: bool) -> dict[str, Any]:
    results: dict[str, Any] = {"faq": faq_latency()}
    scale = 1 if quick else 4
    for kind in kinds:
        async with database_url(kind) as url:
            services = await make_services(url)
            try:
                row: dict[str, Any] = {}
                row.update(await bench_faq_updates(services, 150 * scale))
                row.update(await bench_intakes(services, 10 * scale))
                row["outbox_private_per_s_no_limiter"] = await bench_outbox(
                    services, 100 * scale, rate_limited=False, to_group=False
                )
                row["outbox_private_per_s_limiter"] = await bench_outbox(
                    services, 60, rate_limited=True, to_group=False
                )
                row["outbox_group_per_s_no_limiter"] = await bench_outbox(
                    services, 60, rate_limited=False, to_group=True
                )
                if not quick:
                    row["outbox_group_per_s_limiter"] = await bench_outbox(
                        services, 25, rate_limited=True, to_group=True
                    )
                results[kind] = row
            finally:
                await services.close()
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="smaller runs")
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    results = asyncio.run(run(kinds, args.quick))
    print(json.dumps(results, ensure_ascii=False, indent=2))
    print("\nmetric                                  value")
    for section, values in results.items():
        if isinstance(values, dict):
            for key, value in values.items():
                print(f"{section:11s} {key:30s} {value}")
        else:
            print(f"{section:42s} {values}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
