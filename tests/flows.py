"""Multi-step conversations several tests start from: an intake, a case card, a claimed case."""

from __future__ import annotations

from typing import Final

from bot.runtime.local_chat import BotMessage, Person
from tests.harness import TEAM_CHAT_ID, BotHarness, press, say

DESCRIPTION: Final = (
    "육아휴직 끝나고 복직 의사를 밝혔더니 회사가 갑자기 해고를 통보했어요. 어떻게 해야 할까요?"
)
ATTORNEY_ID: Final = 601


async def walk_to_description(bot: BotHarness, person: Person) -> BotMessage:
    """Consent, topic 보호·분쟁, mother, 5~29, 정규직, 해고됐어요, dismissal date."""
    msg = await say(bot, person, "/consult")
    assert "개인정보" in msg.text
    msg = await press(bot, person, msg, "동의합니다")
    assert "건강 정보" in msg.text
    msg = await press(bot, person, msg, "동의합니다")
    assert "어떤 일로" in msg.text
    msg = await press(bot, person, msg, "보호·분쟁")
    msg = await press(bot, person, msg, "엄마")
    msg = await press(bot, person, msg, "5~29명")
    msg = await press(bot, person, msg, "정규직")
    msg = await press(bot, person, msg, "해고됐어요")
    assert "해고된 날" in msg.text
    msg = await say(bot, person, "2026.9.1")
    assert "어떤 일이 있었는지" in msg.text
    return msg


async def complete_intake(bot: BotHarness, person: Person) -> BotMessage:
    """The whole intake up to 접수하기, by phone (010-1234-5678); the confirmation."""
    await walk_to_description(bot, person)
    msg = await say(bot, person, DESCRIPTION)
    msg = await press(bot, person, msg, "전화")
    msg = await say(bot, person, "010 1234 5678")
    msg = await press(bot, person, msg, "평일 오후")
    assert "이대로 접수할까요" in msg.text
    assert "010-1234-5678" in msg.text
    return await press(bot, person, msg, "접수하기")


async def new_case_card(bot: BotHarness) -> BotMessage:
    """The parent's intake completed and delivered: the one card in the team chat."""
    await complete_intake(bot, bot.parent)
    sent = await bot.deliver()
    cards = [m for m in sent if m.chat_id == TEAM_CHAT_ID]
    assert len(cards) == 1
    return cards[0]


async def claimed_case(bot: BotHarness) -> tuple[Person, BotMessage]:
    """Case 2026-0001 claimed from its card by attorney 김노무; the attorney and the card."""
    attorney = await bot.add_staff(ATTORNEY_ID, name="김노무")
    card = await new_case_card(bot)
    await bot.chat.press(
        Person(attorney.user_id, TEAM_CHAT_ID), card.message_id, card.button("배정받기")
    )
    await bot.deliver()
    return attorney, card
