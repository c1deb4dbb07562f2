"""The team card keeps what the parent wrote private until a staff member takes the case."""

from __future__ import annotations

from sqlalchemy import select

from bot.runtime.local_chat import BotMessage, Person
from storage.models import Case
from tests.flows import ATTORNEY_ID, walk_to_description
from tests.harness import TEAM_CHAT_ID, BotHarness, press, say

STORY_WITH_CONTACTS = (
    "제 이름은 김민지입니다. 복직하겠다고 했더니 해고 통보를 받았어요. "
    "남편 번호 010-9876-5432 이나 minji.kim@example.com 으로도 연락 주세요."
)
HEALTH_STORY = "임신 중에 절박유산 진단을 받아 입원했는데 회사가 퇴사를 하라고 해요."


async def _submit(bot: BotHarness, msg: BotMessage) -> BotMessage:
    """From the contact question to the delivered team card."""
    msg = await press(bot, bot.parent, msg, "텔레그램으로만")
    msg = await press(bot, bot.parent, msg, "언제든")
    await press(bot, bot.parent, msg, "접수하기")
    [card] = [m for m in await bot.deliver() if m.chat_id == TEAM_CHAT_ID]
    return card


async def _claim_and_read(bot: BotHarness, card: BotMessage) -> str:
    attorney = await bot.add_staff(ATTORNEY_ID, name="김노무")
    await bot.chat.press(
        Person(attorney.user_id, TEAM_CHAT_ID), card.message_id, card.button("배정받기")
    )
    [detail] = await bot.chat.send(attorney, "/case 2026-0001")
    return detail.text


async def _to_description_without_health_consent(bot: BotHarness) -> BotMessage:
    msg = await say(bot, bot.parent, "/consult")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "동의하지 않아요")
    assert "건강 정보는 받지 않을게요" in msg.text
    for label in ("보호·분쟁", "엄마", "5~29명", "정규직", "해고됐어요"):
        msg = await press(bot, bot.parent, msg, label)
    msg = await say(bot, bot.parent, "2026.11.20")
    assert "건강 정보는 빼고" in msg.text
    return msg


async def test_contacts_and_names_in_the_story_are_masked_on_the_card(bot: BotHarness) -> None:
    await walk_to_description(bot, bot.parent)
    card = await _submit(bot, await say(bot, bot.parent, STORY_WITH_CONTACTS))
    for secret in ("010-9876-5432", "minji.kim@example.com", "김민지"):
        assert secret not in card.text
    assert "[전화번호]" in card.text
    assert "[이메일]" in card.text
    assert "[이름]" in card.text
    detail = await _claim_and_read(bot, card)
    for secret in ("010-9876-5432", "minji.kim@example.com", "김민지"):
        assert secret in detail  # the assignee, in private
    refreshed = bot.api.message(TEAM_CHAT_ID, card.message_id)
    assert refreshed is not None
    assert "010-9876-5432" not in refreshed["text"]  # the group never sees them


async def test_health_details_without_consent_are_flagged_and_kept_off_the_card(
    bot: BotHarness,
) -> None:
    msg = await _to_description_without_health_consent(bot)
    msg = await say(bot, bot.parent, HEALTH_STORY)
    assert "건강에 관한 내용이 있는 것 같아요" in msg.text
    assert "어떻게 받고 싶으세요" in msg.text  # the answer was kept, the intake goes on
    card = await _submit(bot, msg)
    assert "절박유산" not in card.text
    assert "카드에는 싣지 않았어요" in card.text
    async with bot.database.uow() as uow:
        [case] = (await uow.session.execute(select(Case))).scalars().all()
    assert case.answers["health_withheld"] is True
    assert case.answers["sensitive_consent"] is False
    assert "절박유산" in await _claim_and_read(bot, card)


async def test_health_details_with_consent_stay_on_the_card(bot: BotHarness) -> None:
    msg = await walk_to_description(bot, bot.parent)
    msg = await say(bot, bot.parent, HEALTH_STORY)
    assert "건강에 관한 내용" not in msg.text
    card = await _submit(bot, msg)
    assert "절박유산" in card.text


async def test_a_story_without_health_details_is_not_flagged(bot: BotHarness) -> None:
    msg = await _to_description_without_health_consent(bot)
    msg = await say(bot, bot.parent, "복직하겠다고 했더니 회사가 자리가 없다며 해고했어요.")
    assert "건강에 관한 내용" not in msg.text
    card = await _submit(bot, msg)
    assert "자리가 없다며" in card.text


async def test_erasure_edits_the_team_card_down_to_its_number(bot: BotHarness) -> None:
    msg = await walk_to_description(bot, bot.parent)
    msg = await say(bot, bot.parent, STORY_WITH_CONTACTS)
    card = await _submit(bot, msg)
    assert card.buttons
    [confirm] = await bot.chat.send(bot.parent, "/delete")
    await bot.chat.press(bot.parent, confirm.message_id, "del:yes")
    assert bot.api.sent("editMessageText", chat_id=TEAM_CHAT_ID) == []  # not before the commit
    await bot.deliver()
    shown = bot.api.message(TEAM_CHAT_ID, card.message_id)
    assert shown is not None
    assert shown["text"] == "🗑 상담 2026-0001: 부모님 요청으로 이 사례의 개인정보를 지웠어요."
    assert "reply_markup" not in shown or not shown["reply_markup"]
    await bot.deliver()  # nothing left to edit or send
    assert len(bot.api.sent("editMessageText", chat_id=TEAM_CHAT_ID)) == 1
