"""Two bot workers sharing PostgreSQL, fed the same updates: nothing happens twice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from bot.runtime.local_chat import Person
from storage.db import Database
from storage.models import Case, OutboxMessage
from tests import pg
from tests.flows import DESCRIPTION
from tests.harness import TEAM_CHAT_ID, BotHarness, bot_harness, make_settings

STEPS: list[tuple[str, str]] = [
    ("send", "/consult"),
    ("press", "in:consent:yes"),
    ("press", "in:consent_sensitive:yes"),
    ("press", "in:topic:protection"),
    ("press", "in:role:mother"),
    ("press", "in:workplace_size:5-29"),
    ("press", "in:contract:regular"),
    ("press", "in:status:dismissed"),
    ("send", "2026.9.1"),
    ("send", DESCRIPTION),
    ("press", "in:contact_method:telegram"),
    ("press", "in:contact_time:anytime"),
    ("press", "in:confirm:submit"),
]


@pytest.fixture
async def workers(postgres_url: str) -> AsyncIterator[tuple[BotHarness, BotHarness]]:
    database = Database.from_url(postgres_url)
    await pg.empty_all_tables(database)
    await database.dispose()
    settings = make_settings(postgres_url)
    async with (
        bot_harness(settings) as first,
        bot_harness(settings, api=first.api) as second,  # one Telegram
    ):
        yield first, second


def _payload(update_id: int, person: Person, action: str, value: str) -> dict[str, object]:
    user = {"id": person.user_id, "is_bot": False, "first_name": "부모"}
    chat = {"id": person.chat_id, "type": "private"}
    if action == "send":
        message: dict[str, object] = {
            "message_id": update_id,
            "date": 0,
            "chat": chat,
            "from": user,
            "text": value,
        }
        if value.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(value)}]
        return {"update_id": update_id, "message": message}
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "from": user,
            "chat_instance": "c",
            "data": value,
            "message": {"message_id": 1, "date": 0, "chat": chat, "text": "…"},
        },
    }


async def test_same_updates_to_two_workers_make_one_case_and_one_card(
    workers: tuple[BotHarness, BotHarness],
) -> None:
    first, second = workers
    people = [Person(4000 + i, 4000 + i) for i in range(3)]
    update_id = 10_000
    for action, value in STEPS:
        batch = []
        for person in people:
            update_id += 1
            batch.append(_payload(update_id, person, action, value))
        await asyncio.gather(*(w.chat.feed(p) for p in batch for w in (first, second)))
    async with first.database.uow() as uow:
        cases = (await uow.session.execute(select(Case))).scalars().all()
        cards = (
            await uow.session.execute(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.kind == "new_case")
            )
        ).scalar_one()
    assert sorted(c.number for c in cases) == ["2026-0001", "2026-0002", "2026-0003"]
    assert cards == 3
    confirmations = [
        m for p in people for m in first.api.messages(p.chat_id) if "접수번호" in m["text"]
    ]
    assert len(confirmations) == 3
    for person in people:  # one reply per step, not two
        assert len(first.api.sent("sendMessage", chat_id=person.chat_id)) == len(STEPS)
    sent_by_both = await asyncio.gather(first.deliver(), second.deliver())
    team_cards = [m for batch in sent_by_both for m in batch if m.chat_id == TEAM_CHAT_ID]
    assert len(team_cards) == 3
