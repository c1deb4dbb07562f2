"""Changing one answer from the intake's summary screen, then submitting."""

from __future__ import annotations

from bot.runtime.local_chat import BotMessage
from tests.flows import DESCRIPTION, walk_to_description
from tests.harness import BotHarness, press, say


async def _summary(bot: BotHarness) -> BotMessage:
    await walk_to_description(bot, bot.parent)
    msg = await say(bot, bot.parent, DESCRIPTION)
    msg = await press(bot, bot.parent, msg, "전화")
    msg = await say(bot, bot.parent, "010 1234 5678")
    msg = await press(bot, bot.parent, msg, "평일 오후")
    assert "이대로 접수할까요" in msg.text
    return msg


async def _contact(bot: BotHarness) -> str | None:
    async with bot.database.uow() as uow:
        case = await uow.cases.get_by_number(number="2026-0001")
    assert case is not None
    return case.contact_value


async def test_one_answer_is_changed_from_the_summary_and_the_rest_kept(
    bot: BotHarness,
) -> None:
    summary = await _summary(bot)
    picker = await press(bot, bot.parent, summary, "답 고치기")
    assert "어느 답을 고칠까요" in picker.text
    labels = [label for label, _ in picker.flat_buttons]
    assert labels[:5] == ["주제", "신청인", "사업장 규모", "고용 형태", "지금 상황"]
    assert {"날짜", "상담 내용", "연락 방법", "연락처", "연락 시간"} <= set(labels)
    assert "동의" not in " ".join(labels)  # consents are not changed this way
    question = await press(bot, bot.parent, picker, "연락처")
    assert "전화번호" in question.text
    back = await say(bot, bot.parent, "010-2222-3333")
    assert "이대로 접수할까요" in back.text  # straight back, nothing asked again
    assert "010-2222-3333" in back.text
    assert "해고" in back.text
    assert "5~29명" in back.text
    done = await press(bot, bot.parent, back, "접수하기")
    assert "2026-0001" in done.text
    assert await _contact(bot) == "010-2222-3333"


async def test_back_to_the_summary_changes_nothing(bot: BotHarness) -> None:
    summary = await _summary(bot)
    picker = await press(bot, bot.parent, summary, "답 고치기")
    again = await press(bot, bot.parent, picker, "요약으로")
    assert "이대로 접수할까요" in again.text
    assert "010-1234-5678" in again.text
    await press(bot, bot.parent, again, "접수하기")
    assert await _contact(bot) == "010-1234-5678"


async def test_a_changed_method_asks_only_what_it_needs(bot: BotHarness) -> None:
    summary = await _summary(bot)
    picker = await press(bot, bot.parent, summary, "답 고치기")
    method = await press(bot, bot.parent, picker, "연락 방법")
    back = await press(bot, bot.parent, method, "텔레그램")
    assert "이대로 접수할까요" in back.text
    await press(bot, bot.parent, back, "접수하기")
    assert await _contact(bot) in (None, "")
