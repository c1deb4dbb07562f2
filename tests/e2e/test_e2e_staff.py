"""Staff commands over the real processes: strangers are refused; the team works a case."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.client import CASE_NUMBER, BotMessage, Telegram, User
from tests.e2e.flows import DESCRIPTION, complete_intake, say
from tests.e2e.processes import TEAM_CHAT_ID, BotProcess

REFUSALS = ("직원만", "모르는 명령")  # staff-only, or not a command at all


@pytest.mark.parametrize(
    "command",
    [
        "/queue",
        "/reload_faq",
        "/unanswered",
        "/case 2026-0001",
        "/reply 2026-0001 안녕하세요",
        "/close 2026-0001",
    ],
)
def test_stranger_gets_a_refusal_and_no_case_data(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User], command: str
) -> None:
    stranger = new_user("낯선이")
    reply = telegram.reply(telegram.send(stranger, command))
    assert any(word in reply.text for word in REFUSALS), reply.text
    assert CASE_NUMBER.search(reply.text) is None
    assert reply.buttons == []


def test_existing_staff_commands_say_staff_only(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    stranger = new_user("낯선이")
    for command in ("/reload_faq", "/unanswered"):
        assert "직원만" in say(telegram, stranger, command, "").text


def test_stranger_forging_a_claim_button_learns_nothing(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    stranger = new_user("낯선이")
    menu = say(telegram, stranger, "/start", "안녕하세요")
    press = telegram.press_data(stranger, menu, "claim:1", forge=True)
    answer = telegram.callback_answer(press)
    assert CASE_NUMBER.search(answer["text"] or "") is None
    assert telegram.bot_messages(stranger, after=press.after) == []


def _card(telegram: Telegram, number: str) -> BotMessage:
    return telegram.wait_for(TEAM_CHAT_ID, lambda m: number in m.text, timeout=5)


def test_team_takes_a_case_from_card_to_close(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User], admin: User
) -> None:
    parent = new_user()
    number = complete_intake(telegram, parent)

    card = _card(telegram, number)
    assert any("배정받기" in label for label in card.labels)
    queue = say(telegram, admin, "/queue", number)
    assert "배정 대기" in queue.text

    claim = telegram.press(admin, card, "배정받기")
    telegram.callback_answer(claim)
    telegram.wait_for(
        TEAM_CHAT_ID,
        lambda m: (
            m.message_id == card.message_id and not any("배정받기" in label for label in m.labels)
        ),
    )
    telegram.wait_for(parent, lambda m: number in m.text and "배정" in m.text)

    telegram.send(admin, f"/reply {number} 안녕하세요, 센터 노무사입니다. 통화 가능하세요?")
    telegram.wait_for(parent, lambda m: "통화 가능하세요?" in m.text)

    telegram.send(parent, "네, 평일 오후 2시 이후에 통화 가능해요.")
    telegram.wait_for(admin, lambda m: "평일 오후 2시 이후에 통화 가능해요" in m.text)

    telegram.send(admin, f"/close {number}")
    telegram.wait_for(parent, lambda m: number in m.text and "마무리됐어요" in m.text)
    telegram.wait_for(parent, lambda m: "얼마나 도움이 되셨는지" in m.text)  # the one question
    assert "상담이 끝났어요" in say(telegram, parent, "/status", number).text

    # The bot's log of this whole run holds ids, never what people wrote or their numbers.
    log = bot.log_text()
    assert "faq outcome" in log or "case " in log
    for secret in (
        "010-1234-5678",
        "01012345678",
        "010 1234 5678",
        DESCRIPTION[:15],
        "통화 가능하세요",
        "오후 2시 이후에",
        parent.first_name + "님",
    ):
        assert secret not in log, secret


@pytest.mark.parametrize("command", ["/staff bogus", "/staff remove", "/staff add abc"])
def test_malformed_staff_command_gets_its_usage(
    bot: BotProcess, telegram: Telegram, admin: User, command: str
) -> None:
    reply = telegram.reply(telegram.send(admin, command))
    assert "사용법" in reply.text
