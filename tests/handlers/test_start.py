"""/start, /help, the menu and odd input, through the real Application."""

from __future__ import annotations

from tests.harness import BotHarness


async def test_start_greets_in_korean_with_topic_buttons(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "/start")
    assert "안녕하세요" in reply.text
    assert "/consult" in reply.text
    labels = [label for label, _ in reply.flat_buttons]
    assert {"임신기", "출산", "육아휴직"} <= set(labels)
    assert "📝 상담 신청" in labels
    call = bot.api.sent("sendMessage", chat_id=bot.parent.chat_id)[-1]
    assert call.params["parse_mode"] == "HTML"


async def test_start_sets_command_menu(bot: BotHarness) -> None:
    commands = next(iter(bot.api.commands.values()))
    assert {c["command"] for c in commands} >= {"start", "consult", "help"}


async def test_help_lists_what_the_bot_does(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "/help")
    assert "/consult" in reply.text
    assert "109" in reply.text


async def test_topic_button_lists_questions_of_the_group(bot: BotHarness) -> None:
    [menu] = await bot.chat.send(bot.parent, "/start")
    [group] = await bot.chat.press(bot.parent, menu.message_id, menu.button("육아휴직"))
    assert "육아휴직" in group.text
    assert any(data.startswith("faq:") for _, data in group.flat_buttons)
    [answer] = await bot.chat.press(bot.parent, group.message_id, group.flat_buttons[0][1])
    assert answer.button("📖 자세히 보기").startswith("more:")


async def test_same_update_twice_is_processed_once(bot: BotHarness) -> None:
    first = await bot.chat.send(bot.parent, "/help", update_id=777)
    second = await bot.chat.send(bot.parent, "/help", update_id=777)
    assert len(first) == 1
    assert second == []


async def test_sticker_gets_a_clear_reply(bot: BotHarness) -> None:
    sticker = {
        "file_id": "s",
        "file_unique_id": "s",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
    }
    [reply] = await bot.chat.send_raw_message(bot.parent, sticker=sticker)
    assert "글로 적어" in reply.text


async def test_unknown_command_points_to_help(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "/frobnicate")
    assert "/help" in reply.text


async def test_forged_button_is_refused_politely(bot: BotHarness) -> None:
    start = len(bot.api.calls)
    assert await bot.chat.press(bot.parent, 999, "claim:1; DROP TABLE") == []
    assert any("버튼" in alert for alert in bot.chat.alerts(start))


async def test_edited_message_is_skipped(bot: BotHarness) -> None:
    payload = {
        "update_id": 4242,
        "edited_message": {
            "message_id": 5,
            "date": 0,
            "edit_date": 1,
            "text": "수정",
            "chat": {"id": bot.parent.chat_id, "type": "private"},
            "from": {"id": bot.parent.user_id, "is_bot": False, "first_name": "p"},
        },
    }
    assert await bot.chat.feed(payload) == []


async def test_staff_get_their_own_command_menu(bot: BotHarness) -> None:
    scopes = {key: [c["command"] for c in value] for key, value in bot.api.commands.items()}
    staff_menus = [cmds for key, cmds in scopes.items() if '"chat_id": 500' in key]
    assert staff_menus
    assert {"queue", "reply", "close"} <= set(staff_menus[0])
