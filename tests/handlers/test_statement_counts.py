"""What one update costs the database: statements, transactions and pings, counted on the
bot's own engine (`tests/statements.py`) while the real Application handles it.

PostgreSQL folds the claim, the touch and the user's state into one statement, and the
writes made after the reply into another; SQLite, without data-modifying CTEs, runs them
one by one. Savepoints and transactions are counted apart from statements.
"""

from __future__ import annotations

from typing import Final

from storage.models import FaqAnswerLog, FaqContext, SentMessage
from tests.flows import walk_to_description
from tests.harness import BotHarness, press, say
from tests.statements import StatementLog, count_statements

# The most statements an update may send, on (PostgreSQL, SQLite).
FAQ_QUESTION: Final = (3, 5)
INTAKE_STEP: Final = (4, 5)


def _limit(bot: BotHarness, limits: tuple[int, int]) -> int:
    return limits[0] if bot.database.engine.dialect.name == "postgresql" else limits[1]


def _one_commit_before_speaking(bot: BotHarness, log: StatementLog) -> None:
    """One transaction before the reply; what is written after it needs no other on
    PostgreSQL (one statement in autocommit mode), a second one on SQLite. A pool in use
    sends no pings."""
    if bot.database.engine.dialect.name == "postgresql":
        assert (log.begins, log.commits, log.autocommits) == (1, 1, 1), log.summary()
    else:
        assert (log.begins, log.commits) == (2, 2), log.summary()
    assert log.rollbacks == 0, log.summary()
    assert log.pings == 0, log.summary()


async def test_faq_question_takes_few_statements(bot: BotHarness) -> None:
    await say(bot, bot.parent, "출산휴가 며칠이에요")  # the user exists from now on
    with count_statements(bot.database.engine) as log:
        reply = await say(bot, bot.parent, "육아휴직 급여 얼마 나와요?")
    assert "250만" in reply.text
    assert log.count <= _limit(bot, FAQ_QUESTION), log.summary()
    assert log.savepoints == 0, log.summary()
    _one_commit_before_speaking(bot, log)
    # What the fewer statements still wrote: both answers, the context, every message.
    assert await bot.count(FaqAnswerLog) == 2
    assert await bot.count(FaqContext) == 1
    assert await bot.count(SentMessage) == 4  # two questions, two answers


async def test_first_faq_question_of_a_new_user_takes_few_statements(bot: BotHarness) -> None:
    with count_statements(bot.database.engine) as log:
        await say(bot, bot.parent, "육아휴직 급여 얼마 나와요?")
    assert log.count <= _limit(bot, FAQ_QUESTION), log.summary()
    _one_commit_before_speaking(bot, log)


async def test_intake_steps_take_few_statements(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/consult")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "보호·분쟁")
    with count_statements(bot.database.engine) as pressed:
        msg = await press(bot, bot.parent, msg, "엄마")
    assert any("5~29명" in label for label, _ in msg.flat_buttons)
    assert pressed.count <= _limit(bot, INTAKE_STEP), pressed.summary()
    assert pressed.savepoints == 0, pressed.summary()
    _one_commit_before_speaking(bot, pressed)
    msg = await press(bot, bot.parent, msg, "5~29명")
    msg = await press(bot, bot.parent, msg, "정규직")
    msg = await press(bot, bot.parent, msg, "해고됐어요")
    with count_statements(bot.database.engine) as typed:
        msg = await say(bot, bot.parent, "2026.9.1")
    assert "어떤 일이 있었는지" in msg.text
    assert typed.count <= _limit(bot, INTAKE_STEP), typed.summary()
    assert typed.savepoints == 0, typed.summary()
    _one_commit_before_speaking(bot, typed)


async def test_whole_intake_commits_once_before_each_reply(bot: BotHarness) -> None:
    with count_statements(bot.database.engine) as log:
        await walk_to_description(bot, bot.parent)
    updates = 9  # /consult, seven buttons, the date
    assert log.count <= updates * _limit(bot, INTAKE_STEP), log.summary()
    assert log.savepoints == 0, log.summary()
    if bot.database.engine.dialect.name == "postgresql":
        assert (log.begins, log.commits, log.autocommits) == (updates, updates, updates)
    assert log.pings == 0
