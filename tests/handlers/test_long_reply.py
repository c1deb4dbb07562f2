"""/reply near Telegram's 4,096-character limit: sent whole, or refused saying the limit."""

from __future__ import annotations

from bot import texts
from handlers.staff import MAX_REPLY_CHARS
from tests.flows import claimed_case
from tests.harness import BotHarness


async def test_reply_over_the_limit_is_refused_with_the_limit(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    before = len(bot.api.messages(bot.parent.chat_id))
    body = "가" * 4050  # fits one incoming message, not with the signature
    [reply] = await bot.chat.send(attorney, f"/reply 2026-0001 {body}")
    assert reply.text == texts.REPLY_TOO_LONG.format(
        number="2026-0001", limit=MAX_REPLY_CHARS, length=4050
    )
    assert len(bot.api.messages(bot.parent.chat_id)) == before


async def test_longest_allowed_reply_reaches_a_discreet_parent(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    await bot.chat.send(bot.parent, "/discreet")
    body = "나" * (MAX_REPLY_CHARS - 2) + "😀"  # the emoji counts twice, as in Telegram
    replies = await bot.chat.send(attorney, f"/reply 2026-0001 {body}")
    [ack] = [r for r in replies if r.chat_id == attorney.chat_id]
    assert "보냈어요" in ack.text
    sent = bot.api.messages(bot.parent.chat_id)[-1]["text"]
    assert body in sent
    visible = sent.replace("<tg-spoiler>", "").replace("</tg-spoiler>", "")
    for tag in ("<b>", "</b>"):
        visible = visible.replace(tag, "")
    assert len(visible.encode("utf-16-le")) // 2 <= 4096


async def test_case_keeps_the_conversation_after_long_relays(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    for number in range(1, 13):
        await bot.chat.send(attorney, f"/reply 2026-0001 답장{number}번 " + "다" * 3000)
    [view] = await bot.chat.send(attorney, "/case 2026-0001")
    assert len(view.text) <= 4096
    conversation = view.text.split("<b>대화</b>\n", 1)[1]
    assert conversation.startswith("• …\n")  # older messages left out, and said so
    assert "답장12번" in conversation  # the latest one is shown
    assert "답장1번" not in conversation
