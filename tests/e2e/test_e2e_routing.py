"""Every message reaches a person, over the real processes: open cases, crisis, /start."""

from __future__ import annotations

from collections.abc import Callable

from tests.e2e.client import Telegram, User
from tests.e2e.flows import complete_intake, finish_from_description, say, walk_to_description
from tests.e2e.processes import TEAM_CHAT_ID, BotProcess


def test_message_to_an_unclaimed_case_reaches_the_team_chat(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    parent = new_user()
    number = complete_intake(telegram, parent)
    ack = say(telegram, parent, "회사에서 내일 인사팀 면담을 하자고 연락이 왔어요", "전달했어요")
    assert number in ack.text
    note = telegram.wait_for(TEAM_CHAT_ID, lambda m: "인사팀 면담" in m.text, timeout=10)
    assert number in note.text


def test_crisis_message_with_an_open_case_alerts_the_assignee(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User], admin: User
) -> None:
    parent = new_user()
    number = complete_intake(telegram, parent)
    card = telegram.wait_for(TEAM_CHAT_ID, lambda m: number in m.text, timeout=10)
    say(telegram, admin, "/queue", number)  # the attorney has a private chat with the bot
    telegram.callback_answer(telegram.press(admin, card, "배정받기"))
    telegram.wait_for(parent, lambda m: number in m.text and "배정" in m.text)

    sent = telegram.send(parent, "요즘 너무 힘들어서 그냥 죽고 싶어요")
    help_text = telegram.reply(sent, "109")
    assert "109" in help_text.text[:200]
    alert = telegram.wait_for(
        admin, lambda m: "위기 신호" in m.text and number in m.text, timeout=10
    )
    assert "죽고 싶어요" in alert.text


def test_start_mid_intake_keeps_the_draft_and_the_description(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    parent = new_user()
    consent = say(telegram, parent, "/consult", "개인정보")
    walk_to_description(telegram, parent, consent)
    paused = say(telegram, parent, "/start", "이어서 작성")
    answer = say(telegram, parent, "출산휴가 며칠이에요", "90일")
    assert "어떻게 받고 싶으세요" not in answer.text  # not taken as the account
    telegram.reply(telegram.press(parent, paused, "이어서 작성"), "어떤 일이 있었는지")
    submitted = finish_from_description(telegram, parent)
    assert "접수" in submitted.text
