"""Conversation steps shared by the end-to-end tests (a parent's FAQ question and intake)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from tests.e2e.client import CASE_NUMBER, BotMessage, Telegram, User

DESCRIPTION: Final = (
    "육아휴직 끝나고 복직 의사를 밝혔더니 회사가 갑자기 해고를 통보했어요. 어떻게 해야 할까요?"
)
SEOUL: Final = ZoneInfo("Asia/Seoul")


def days_ago(days: int) -> str:
    """A date the intake accepts, written the way parents do: 2026.9.1."""
    day = datetime.now(SEOUL).date() - timedelta(days=days)
    return f"{day.year}.{day.month}.{day.day}"


def say(telegram: Telegram, user: User, text: str, expect: str) -> BotMessage:
    """Send `text`; the bot's answer that contains `expect`."""
    return telegram.reply(telegram.send(user, text), expect)


def choose(
    telegram: Telegram, user: User, message: BotMessage, label: str, expect: str
) -> BotMessage:
    """Press the button labelled `label`; the bot's next message containing `expect`."""
    return telegram.reply(telegram.press(user, message, label), expect)


def walk_to_description(telegram: Telegram, parent: User, consent: BotMessage) -> BotMessage:
    """From the consent question to the free-text description: a dismissal at a small firm."""
    assert "개인정보" in consent.text
    msg = choose(telegram, parent, consent, "동의합니다", "건강 정보")
    msg = choose(telegram, parent, msg, "동의합니다", "어떤 일로")
    msg = choose(telegram, parent, msg, "보호·분쟁", "누구인가요")
    msg = choose(telegram, parent, msg, "엄마", "몇 명")
    msg = choose(telegram, parent, msg, "5~29명", "어떤 형태로")
    msg = choose(telegram, parent, msg, "정규직", "지금 상황")
    msg = choose(telegram, parent, msg, "해고됐어요", "해고된 날")
    return say(telegram, parent, days_ago(30), "어떤 일이 있었는지")


def finish_from_description(telegram: Telegram, parent: User) -> BotMessage:
    """Description, phone contact, time, confirmation; the bot's 'submitted' message."""
    msg = say(telegram, parent, DESCRIPTION, "어떻게 받고 싶으세요")
    msg = choose(telegram, parent, msg, "전화", "전화번호")
    msg = say(telegram, parent, "010 1234 5678", "연락받기 편한 시간")
    msg = choose(telegram, parent, msg, "평일 오후", "이대로 접수할까요")
    assert "010-1234-5678" in msg.text
    return choose(telegram, parent, msg, "접수하기", "접수번호")


def case_number(message: BotMessage) -> str:
    found = CASE_NUMBER.search(message.text)
    assert found is not None, f"no case number in {message.text!r}"
    return str(found.group())


def complete_intake(telegram: Telegram, parent: User) -> str:
    """A whole consultation request through /consult; the case number."""
    consent = say(telegram, parent, "/consult", "개인정보")
    walk_to_description(telegram, parent, consent)
    return case_number(finish_from_description(telegram, parent))
