"""Questions kept for staff (unanswered, 👎 feedback) never keep a number however typed."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import FaqFeedback
from tests.harness import BotHarness

EVASIVE = "제 번호 ０１０\u200b-4321 - 8765, 메일 mom\u200b@naver.com 인데 전세 보증금 상담돼요?"


async def test_unanswered_question_with_evasive_contacts_is_masked(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, EVASIVE)
    async with bot.database.uow() as uow:
        [stored] = await uow.unanswered.recent()
    kept = stored.question_masked or ""
    assert "[전화번호]" in kept
    assert "[이메일]" in kept
    assert not any(ch.isdigit() for ch in kept)
    [reply] = await bot.chat.send(bot.admin, "/unanswered")
    assert "8765" not in reply.text
    assert "naver" not in reply.text


async def test_thumbs_down_question_with_evasive_phone_is_masked(bot: BotHarness) -> None:
    question = "출산휴가 며칠이에요? 연락은 010\u200b4321\u200b8765"
    [suggestions] = await bot.chat.send(bot.parent, question)
    picked = next(d for _, d in suggestions.flat_buttons if d.startswith("faq:"))
    [answer] = await bot.chat.press(bot.parent, suggestions.message_id, picked)
    await bot.chat.press(bot.parent, answer.message_id, answer.button("👎"))
    async with bot.database.uow() as uow:
        rows = (await uow.session.execute(select(FaqFeedback))).scalars().all()
    [kept] = [row.question_masked for row in rows if row.question_masked]
    assert "[전화번호]" in kept
    assert "8765" not in kept
