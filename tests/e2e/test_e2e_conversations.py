"""A parent's conversations with `counsel-bot run` over the Bot API emulator and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from tests.e2e.client import Telegram, User
from tests.e2e.flows import (
    case_number,
    choose,
    finish_from_description,
    say,
    walk_to_description,
)
from tests.e2e.processes import BotProcess


def test_start_shows_the_topic_menu(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    parent = new_user()
    menu = say(telegram, parent, "/start", "안녕하세요")
    assert {"임신기", "출산", "육아휴직", "📝 상담 신청"} <= set(menu.labels)
    group = choose(telegram, parent, menu, "육아휴직", "육아휴직")
    assert any(data.startswith("faq:") for _, data in group.flat_buttons)
    answer = telegram.reply(telegram.press_data(parent, group, group.flat_buttons[0][1]))
    assert "📖 자세히 보기" in answer.labels


def test_command_menu_is_published_for_private_chats(bot: BotProcess, telegram: Telegram) -> None:
    [published] = [
        c for c in telegram.state()["commands"] if c["scope"] == {"type": "all_private_chats"}
    ]
    assert {"start", "consult", "help"} <= {c["command"] for c in published["commands"]}


def test_faq_answer_has_buttons_and_takes_a_thumbs_up(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    parent = new_user()
    answer = say(telegram, parent, "육아휴직 급여 얼마 나와요?", "250만")
    assert "fb:parental-leave-pay:1" in [data for _, data in answer.flat_buttons]
    assert "📝 상담 신청" in answer.labels
    vote = telegram.press(parent, answer, "👍")
    assert "고마워요" in (telegram.callback_answer(vote)["text"] or "")
    edited = telegram.wait_for(
        parent, lambda m: m.message_id == answer.message_id and m.edit_count == 1
    )
    assert not any(data.startswith("fb:") for _, data in edited.flat_buttons)
    assert "📝 상담 신청" in edited.labels
    assert edited.text == answer.text


def test_faq_question_leads_to_a_consultation_request(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    parent = new_user()
    answer = say(telegram, parent, "육아휴직 끝나고 복직했는데 해고당했어요", "해고")
    consent = choose(telegram, parent, answer, "상담 신청", "개인정보")
    walk_to_description(telegram, parent, consent)
    submitted = finish_from_description(telegram, parent)
    number = case_number(submitted)
    assert "02-335-0101" in submitted.text
    status = say(telegram, parent, "/status", number)
    assert "담당 노무사를 정하고 있어요" in status.text


def test_crisis_message_gets_hotlines_first(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    parent = new_user()
    sent = telegram.send(parent, "회사에서 잘리고 나니 그냥 죽고 싶어요")
    first = telegram.reply(sent)
    assert "109" in first.text[:200]
    assert "1577-0199" in first.text


def test_buttons_are_removed_as_the_intake_moves_on(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    parent = new_user()
    consent = say(telegram, parent, "/consult", "개인정보")
    choose(telegram, parent, consent, "동의합니다", "건강 정보")
    old = telegram.message(parent, consent.message_id)
    assert old.buttons == []
    assert old.edit_count == 1
