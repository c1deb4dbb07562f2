"""One user flooding the bot: dropped at the door, told once, and nobody else waits for it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot import texts
from bot.runtime.local_chat import Person
from handlers import callbacks
from storage.models import ProcessedUpdate
from tests.harness import BotHarness, bot_harness, make_settings

QUESTION = "출산휴가 며칠이에요"
BURST = 15  # the shipped default; the test clock stands still, so no token comes back
FLOODER = Person(4004, 4004, "빠른손")


@pytest.fixture
async def bot(empty_db_url: str) -> AsyncIterator[BotHarness]:
    """The bot with the real per-user limit."""
    async with bot_harness(make_settings(empty_db_url, rate_limit_burst=BURST)) as harness:
        yield harness


def _texts(bot: BotHarness, person: Person) -> list[str]:
    return [str(c.params.get("text")) for c in bot.api.sent(chat_id=person.chat_id)]


async def test_a_flood_of_texts_is_dropped_with_one_notice(bot: BotHarness) -> None:
    flood = [bot.chat.send(FLOODER, QUESTION) for _ in range(200)]
    await asyncio.gather(*flood, bot.chat.send(bot.parent, QUESTION))
    sent = _texts(bot, FLOODER)
    assert sent.count(texts.THROTTLED) == 1
    assert len(sent) == BURST + 1  # the answers within the burst, and the notice
    assert "출산전후휴가" in _texts(bot, bot.parent)[0]  # the other parent got the answer
    # Later, another user is still served at once.
    [reply] = await bot.chat.send(bot.stranger, QUESTION)
    assert "출산전후휴가" in reply.text


async def test_dropped_updates_are_recorded_as_processed(bot: BotHarness) -> None:
    for _ in range(BURST + 5):
        await bot.chat.send(FLOODER, QUESTION)
    assert await bot.count(ProcessedUpdate) == BURST + 5
    # Delivered again (after a restart, say): seen before, not processed, no second notice.
    start = len(bot.api.calls)
    assert await bot.chat.send(FLOODER, QUESTION, update_id=BURST + 3) == []
    assert bot.api.calls[start:] == []


async def test_every_refused_button_press_is_answered(bot: BotHarness) -> None:
    [menu] = await bot.chat.send(FLOODER, "/menu")
    start = len(bot.api.calls)
    for _ in range(40):
        await bot.chat.press(FLOODER, menu.message_id, callbacks.MENU)
    answers = [c for c in bot.api.calls[start:] if c.method == "answerCallbackQuery"]
    assert len(answers) == 40  # no button is left spinning
    refused = [c for c in answers if c.params.get("text") == texts.THROTTLED_BUTTON]
    assert len(refused) == 40 - (BURST - 1)
    assert texts.THROTTLED not in _texts(bot, FLOODER)  # buttons get the toast only


async def test_staff_have_a_higher_limit(bot: BotHarness) -> None:
    for _ in range(BURST * 2):
        await bot.chat.send(bot.admin, "/help")
    sent = _texts(bot, bot.admin)
    assert texts.THROTTLED not in sent
    assert len(sent) == BURST * 2


async def test_staff_are_limited_too(bot: BotHarness) -> None:
    for _ in range(BURST * 4 + 10):
        await bot.chat.send(bot.admin, "/help")
    sent = _texts(bot, bot.admin)
    assert sent.count(texts.THROTTLED) == 1
    assert len(sent) == BURST * 4 + 1
