"""`counsel-bot run` in webhook mode: the emulator delivers updates with the secret token."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx

from tests.e2e.client import Telegram, User, wait_until
from tests.e2e.flows import say
from tests.e2e.processes import WEBHOOK_ORIGIN, BotProcess


def test_webhook_mode_answers_updates(
    webhook_bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    parent = new_user()
    menu = say(telegram, parent, "/start", "안녕하세요")
    assert "📝 상담 신청" in menu.labels
    hook = telegram.state()["webhook"]
    assert hook["url"] == f"{WEBHOOK_ORIGIN}/telegram"
    assert hook["has_secret_token"]


def test_same_update_delivered_twice_to_the_webhook_is_answered_once(
    webhook_bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    parent = new_user()
    sent = telegram.send(parent, "/help")
    telegram.reply(sent, "/consult")
    telegram.redeliver(sent)
    wait_until(
        lambda: telegram.state()["deliveries"].get(str(sent.update_id)) == 2,
        timeout=10,
        what="the second webhook delivery",
    )
    telegram.reply(telegram.send(parent, "/help"), "/consult")
    assert len(telegram.bot_messages(parent)) == 2


def test_webhook_request_without_the_right_secret_is_refused(
    webhook_bot: BotProcess, telegram: Telegram, new_user: Callable[..., User]
) -> None:
    intruder = new_user("침입자")
    run = webhook_bot.run
    assert run is not None
    forged = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            "chat": {"id": intruder.id, "type": "private", "first_name": intruder.first_name},
            "from": {"id": intruder.id, "is_bot": False, "first_name": intruder.first_name},
        },
    }
    url = f"http://127.0.0.1:{run.port}/telegram"
    body = json.dumps(forged)
    headers = {"Content-Type": "application/json"}
    assert httpx.post(url, content=body, headers=headers).status_code == 403
    wrong = {**headers, "X-Telegram-Bot-Api-Secret-Token": "guessed"}
    assert httpx.post(url, content=body, headers=wrong).status_code == 403
    # The intruder's own (genuine) message is the first thing the bot ever answers them.
    say(telegram, intruder, "/help", "/consult")
    assert len(telegram.bot_messages(intruder)) == 1
