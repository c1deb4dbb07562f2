"""LOG_LEVEL=DEBUG through a real conversation: no library logs what people wrote."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.cli.logs import configure_logging
from tests.flows import press, say, walk_to_description
from tests.harness import BotHarness

MARKER = "비밀표식쿼카"  # an invented word: found in a log only if a text was logged


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """The CLI's own logging at DEBUG, written to a buffer."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging("DEBUG")
    stream = io.StringIO()
    [handler] = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(stream)
    yield stream
    root.handlers[:] = handlers
    root.setLevel(level)


async def test_debug_logs_hold_no_message_text(bot: BotHarness, debug_log: io.StringIO) -> None:
    await say(bot, bot.parent, f"{MARKER} 전세 보증금을 집주인이 안 돌려줘요")
    await walk_to_description(bot, bot.parent)
    msg = await say(bot, bot.parent, f"복직했더니 해고됐어요. {MARKER} 팀장이 그랬어요.")
    msg = await press(bot, bot.parent, msg, "전화")
    msg = await say(bot, bot.parent, "010 1234 5678")
    msg = await press(bot, bot.parent, msg, "평일 오후")
    await press(bot, bot.parent, msg, "접수하기")
    await bot.deliver()
    await bot.chat.send(bot.admin, "/unanswered")
    logged = debug_log.getvalue()
    assert logging.getLogger("bot.cases.service").isEnabledFor(logging.DEBUG)
    assert "case 2026-0001 created" in logged  # the buffer really holds the bot's log
    assert MARKER not in logged
