"""Updates of one chat run in order; different chats run side by side."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from handlers.ordering import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, "private")
    sent = datetime(2026, 11, 25, tzinfo=UTC)
    message = Message(update_id, sent, chat, from_user=User(chat_id, "p", False))
    return Update(update_id, message=message)


async def test_same_chat_is_serialized_and_other_chats_overlap() -> None:
    processor = PerChatUpdateProcessor(8, transaction=nullcontext)
    events: list[str] = []

    async def work(name: str, delay: float) -> None:
        events.append(f"start {name}")
        await asyncio.sleep(delay)
        events.append(f"end {name}")

    await asyncio.gather(
        processor.process_update(_update(1, 10), work("a1", 0.05)),
        processor.process_update(_update(2, 10), work("a2", 0.0)),
        processor.process_update(_update(3, 20), work("b1", 0.0)),
    )
    assert events.index("end a1") < events.index("start a2")  # one chat: in order
    assert events.index("end b1") < events.index("end a1")  # another chat: not waiting
    assert processor._locks == {}  # idle chats are forgotten


async def test_each_update_runs_inside_its_own_transaction() -> None:
    events: list[str] = []

    @asynccontextmanager
    async def transaction() -> AsyncIterator[None]:
        events.append("open")
        yield
        events.append("close")

    async def work(name: str) -> None:
        events.append(name)

    processor = PerChatUpdateProcessor(8, transaction=transaction)
    await processor.process_update(_update(1, 10), work("chat update"))
    await processor.process_update(object(), work("other update"))
    assert events == ["open", "chat update", "close", "open", "other update", "close"]


async def test_a_busy_chat_does_not_hold_the_other_chats_slots() -> None:
    processor = PerChatUpdateProcessor(4, transaction=nullcontext)
    release = asyncio.Event()
    running: list[int] = []

    async def flood(number: int) -> None:
        running.append(number)
        await release.wait()

    async def other() -> None:
        running.append(0)

    backlog = [
        asyncio.create_task(processor.process_update(_update(i, 10), flood(i)))
        for i in range(1, 31)
    ]
    await asyncio.sleep(0)
    # The flooding chat's first update holds its turn; its other 29 wait without a slot,
    # so another chat's update is served at once (a deadlock here fails, it does not hang).
    await asyncio.wait_for(processor.process_update(_update(99, 20), other()), timeout=30)
    assert running == [1, 0]
    release.set()
    await asyncio.gather(*backlog)
    assert running == [1, 0, *range(2, 31)]  # and the busy chat still in order
