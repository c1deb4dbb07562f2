"""Intake dates through the real Application, with the clock fixed in December."""

from __future__ import annotations

from sqlalchemy import select

from bot.runtime.local_chat import BotMessage
from storage.models import Case
from tests.flows import DESCRIPTION, claimed_case
from tests.harness import TEAM_CHAT_ID, BotHarness, press, say

LEAVE_STORY = "아이 돌봄 때문에 1월 초부터 육아휴직을 쓰고 싶은데 회사에 어떻게 말해야 할까요?"


def _to_december_20(bot: BotHarness) -> None:
    bot.clock.advance(days=25)  # 2026-12-20 10:00 in Seoul, a Sunday
    assert bot.clock.today().isoformat() == "2026-12-20"


async def _finish(bot: BotHarness, msg: BotMessage, description: str) -> BotMessage:
    """Description, Telegram only, any time: the summary to confirm."""
    msg = await say(bot, bot.parent, description)
    msg = await press(bot, bot.parent, msg, "텔레그램으로만")
    msg = await press(bot, bot.parent, msg, "언제든")
    assert "이대로 접수할까요" in msg.text
    return msg


async def _only_case(bot: BotHarness) -> Case:
    async with bot.database.uow() as uow:
        [case] = (await uow.session.execute(select(Case))).scalars().all()
    return case


async def _leave_intake_to_summary(bot: BotHarness, start: str) -> BotMessage:
    msg = await say(bot, bot.parent, "/consult")
    for label in ("동의합니다", "동의합니다", "육아휴직", "엄마", "30~299명", "정규직"):
        msg = await press(bot, bot.parent, msg, label)
    msg = await press(bot, bot.parent, msg, "일하고 있어요")
    msg = await say(bot, bot.parent, "2025.3.2")
    msg = await press(bot, bot.parent, msg, "아니요")
    assert "시작하려는 날" in msg.text
    msg = await say(bot, bot.parent, start)
    return await _finish(bot, msg, LEAVE_STORY)


async def test_leave_start_typed_in_december_is_next_january(bot: BotHarness) -> None:
    _to_december_20(bot)
    summary = await _leave_intake_to_summary(bot, "1월 2일")
    assert "시작 예정일: 2027년 1월 2일(토)" in summary.text
    assert "입사일: 2025년 3월 2일(일)" in summary.text
    await press(bot, bot.parent, summary, "접수하기")
    case = await _only_case(bot)
    assert case.answers["key_date"] == "2027-01-02"
    check = case.answers["eligibility"]
    assert check["leave"] == "likely"  # 6 months of tenure by the day before 2027-01-02
    assert "지남" not in case.summary
    [card] = [m for m in await bot.deliver() if m.chat_id == TEAM_CHAT_ID]
    assert "시작 예정일: 2027년 1월 2일(토)" in card.text


async def test_leave_start_within_a_week_is_urgent_across_the_new_year(bot: BotHarness) -> None:
    _to_december_20(bot)
    summary = await _leave_intake_to_summary(bot, "다음 주 월요일")
    assert "시작 예정일: 2026년 12월 21일(월)" in summary.text
    await press(bot, bot.parent, summary, "접수하기")
    case = await _only_case(bot)
    assert case.urgency == "urgent"
    assert "휴가·휴직 시작일 2026년 12월 21일(월), 1일 남음" in case.urgency_reason


async def test_leave_start_before_the_hire_date_is_asked_again(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/consult")
    for label in ("동의합니다", "동의합니다", "육아휴직", "엄마", "30~299명", "정규직"):
        msg = await press(bot, bot.parent, msg, label)
    msg = await press(bot, bot.parent, msg, "일하고 있어요")
    msg = await say(bot, bot.parent, "2026.3.2")
    msg = await press(bot, bot.parent, msg, "아니요")
    msg = await say(bot, bot.parent, "2026.1.2")
    assert "입사일(2026년 3월 2일(월))" in msg.text
    assert "시작하려는 날" in msg.text


async def test_announced_dismissal_stores_notice_and_effective_dates(bot: BotHarness) -> None:
    _to_december_20(bot)
    msg = await say(bot, bot.parent, "/consult")
    for label in ("동의합니다", "동의합니다", "보호·분쟁", "엄마", "5~29명", "정규직"):
        msg = await press(bot, bot.parent, msg, label)
    msg = await press(bot, bot.parent, msg, "해고됐어요")
    msg = await say(bot, bot.parent, "다음 주 금요일")
    assert "해고 통보는 언제" in msg.text
    msg = await say(bot, bot.parent, "12월 18일")
    summary = await _finish(bot, msg, DESCRIPTION)
    assert "해고 예정일: 2026년 12월 25일(금)" in summary.text
    assert "해고 통보일: 2026년 12월 18일(금)" in summary.text
    await press(bot, bot.parent, summary, "접수하기")
    case = await _only_case(bot)
    assert case.answers["key_date"] == "2026-12-25"
    assert case.answers["dismissal_notice_on"] == "2026-12-18"
    assert case.answers["dismissal_announced"] is True
    assert case.urgency == "urgent"
    assert "해고예고수당" in case.urgency_reason  # 7 days' notice, not 30
    # the remedy window runs from the day the dismissal takes effect
    assert "부당해고 구제신청 2027년 3월 25일(목)" in case.summary


async def test_dismissal_typed_as_a_past_month_day_is_the_most_recent(bot: BotHarness) -> None:
    _to_december_20(bot)
    msg = await say(bot, bot.parent, "/consult")
    for label in ("동의합니다", "동의합니다", "보호·분쟁", "엄마", "5~29명", "정규직"):
        msg = await press(bot, bot.parent, msg, label)
    msg = await press(bot, bot.parent, msg, "해고됐어요")
    msg = await say(bot, bot.parent, "11월 30일")
    assert "어떤 일이 있었는지" in msg.text  # no notice question for a dismissal that happened
    summary = await _finish(bot, msg, DESCRIPTION)
    assert "해고일: 2026년 11월 30일(월)" in summary.text


async def test_status_and_case_show_korean_dates(bot: BotHarness) -> None:
    attorney, _card = await claimed_case(bot)
    status = await say(bot, bot.parent, "/status")
    assert "2026-0001 (2026년 11월 25일(수))" in status.text
    [detail] = await bot.chat.send(attorney, "/case 2026-0001")
    assert "접수: 2026년 11월 25일(수) 10:00" in detail.text
    assert "해고일: 2026년 9월 1일(화)" in detail.text
