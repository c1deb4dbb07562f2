"""Removing a staff member hands their open cases back to the queue and tells the team."""

from __future__ import annotations

from bot.vocabulary import Stage
from tests.flows import ATTORNEY_ID, claimed_case
from tests.harness import TEAM_CHAT_ID, BotHarness


async def test_removed_attorneys_cases_go_back_to_the_queue(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    [reply] = await bot.chat.send(bot.admin, f"/staff remove {ATTORNEY_ID}")
    assert "해제했어요" in reply.text
    assert "1건은 대기열로 돌려놓고 팀방에 다시 알렸어요: 2026-0001" in reply.text
    async with bot.database.uow() as uow:
        case = await bot.services.cases.resolve(uow, "2026-0001")
    assert case.assignee_id is None
    assert case.stage == Stage.NEW
    [card] = [m for m in await bot.deliver() if m.chat_id == TEAM_CHAT_ID]
    assert "2026-0001" in card.text
    assert card.button("배정받기")
    [queue] = await bot.chat.send(bot.admin, "/queue")
    assert "2026-0001" in queue.text
    # The removed attorney can no longer act on it.
    [refused] = await bot.chat.send(attorney, "/case 2026-0001")
    assert "직원만" in refused.text


async def test_removing_staff_without_cases_says_only_that(bot: BotHarness) -> None:
    await bot.add_staff(777)
    [reply] = await bot.chat.send(bot.admin, "/staff remove 777")
    assert reply.text == "직원 등록을 해제했어요: 777"
