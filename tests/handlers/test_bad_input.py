"""Odd input never crashes the bot, never leaks, and gets a clear reply or silence."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from bot.runtime.local_chat import Person
from storage.models import Case
from tests.flows import walk_to_description
from tests.harness import TEAM_CHAT_ID, BotHarness

MEDIA: list[dict[str, Any]] = [
    {
        "sticker": {
            "file_id": "s",
            "file_unique_id": "s",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        }
    },
    {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
    {"document": {"file_id": "d", "file_unique_id": "d", "file_name": "해고통지서.pdf"}},
    {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
    {"location": {"latitude": 37.5, "longitude": 127.0}},
    {"contact": {"phone_number": "01012345678", "first_name": "엄마"}},
]


@pytest.mark.parametrize("content", MEDIA, ids=lambda c: next(iter(c)))
async def test_media_gets_a_clear_reply(bot: BotHarness, content: dict[str, Any]) -> None:
    [reply] = await bot.chat.send_raw_message(bot.parent, **content)
    if "photo" in content or "document" in content:
        assert "상담 신청" in reply.text  # files are taken for a case only
    else:
        assert "글로 적어" in reply.text


@pytest.mark.parametrize("text", ["😀😀😀", "\u200b\u200b", "ㅋㅋㅋㅋ", "?!", "a" * 4000])
async def test_odd_text_gets_an_answer_not_a_crash(bot: BotHarness, text: str) -> None:
    replies = await bot.chat.send(bot.parent, text)
    assert len(replies) == 1
    assert not [c for c in bot.api.calls if "Bad Request" in str(c.result)]


async def test_maximum_length_message_is_refused_kindly(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "가" * 4096)
    assert "너무 길어요" in reply.text


async def test_odd_text_during_intake_is_reasked(bot: BotHarness) -> None:
    await walk_to_description(bot, bot.parent)
    [reply] = await bot.chat.send(bot.parent, "😀😀😀 \u200b")
    assert "어떤 일이 있었는지" in reply.text
    async with bot.database.uow() as uow:
        count = (await uow.session.execute(select(func.count()).select_from(Case))).scalar_one()
    assert count == 0


@pytest.mark.parametrize(
    "data",
    [
        "claim:abc",
        "fb:nope",
        "in:topic",
        "\x00\xff",
        "del:maybe",
        "faq:" + "x" * 60,
        "grp:does-not-exist",
        "in:bogus:1",
    ],
)
async def test_garbage_callback_data_is_refused(bot: BotHarness, data: str) -> None:
    start = len(bot.api.calls)
    assert await bot.chat.press(bot.parent, 1, data) == []
    assert bot.chat.alerts(start)


async def test_entry_button_for_unknown_entry_says_so(bot: BotHarness) -> None:
    [reply] = await bot.chat.press(bot.parent, 1, "faq:no-such-entry")
    assert "안내하지 않아요" in reply.text


async def test_other_group_chats_are_pointed_to_private_chat(bot: BotHarness) -> None:
    group = Person(bot.parent.user_id, -100777)
    [reply] = await bot.chat.send(group, "/start")
    assert "개인 대화" in reply.text
    assert await bot.chat.send(group, "육아휴직 급여 얼마예요") == []


async def test_team_chat_small_talk_is_ignored(bot: BotHarness) -> None:
    assert await bot.chat.send(Person(bot.admin.user_id, TEAM_CHAT_ID), "오늘 회의 몇 시죠?") == []


async def test_user_who_blocked_the_bot_is_marked(bot: BotHarness) -> None:
    bot.api.blocked_chats.add(bot.parent.chat_id)
    assert await bot.chat.send(bot.parent, "출산휴가 며칠이에요") == []
    async with bot.database.uow() as uow:
        user = await uow.users.get_by_telegram_id(telegram_id=bot.parent.user_id)
    assert user is not None
    assert user.is_blocked


async def test_telegram_failing_mid_update_keeps_the_answer_and_the_parent_recovers(
    bot: BotHarness,
) -> None:
    """The answer is committed before the bot speaks: when Telegram then fails, the answer
    stays, the update is not redone, and the old button brings back the current question."""
    msg = (await bot.chat.send(bot.parent, "/consult"))[-1]
    bot.api.is_down = True
    await bot.chat.press(bot.parent, msg.message_id, msg.button("동의합니다"))
    bot.api.is_down = False
    async with bot.database.uow() as uow:
        draft = await uow.drafts.get(user_id=1, now=bot.clock.now())
        processed = await uow.updates.max_update_id()
    assert draft is not None
    assert draft.step == "consent_sensitive"
    assert processed == 2
    replies = await bot.chat.press(bot.parent, msg.message_id, msg.button("동의합니다"))
    assert "건강 정보" in replies[-1].text
