"""Buttons on messages older than 48 hours, which Telegram sends as inaccessible messages.

Such a callback query carries only the chat and the message id (date 0, no text, no
buttons); the bot must still act on the press, answering with a new message. PTB 22.8 reads
that JSON as a `Message` dated 1970 without text; its types promise an `InaccessibleMessage`,
so each press is also fed in that form.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from telegram import CallbackQuery, Chat, InaccessibleMessage, Update, User

from bot import texts
from bot.runtime.local_chat import BotMessage, Person
from handlers import callbacks
from tests.harness import BotHarness

# PTB's own CommandHandler looks at `effective_message` for every update and warns on an
# inaccessible one; that warning is PTB's, the handlers never reach for `effective_message`.
pytestmark = pytest.mark.filterwarnings(
    "ignore:`update.callback_query` is not `None`:telegram.warnings.PTBUserWarning"
)
_query_ids = itertools.count(1)
STALE_MESSAGE_ID = 7


@pytest.fixture(params=["json", "inaccessible"])
def form(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def press_stale(bot: BotHarness, person: Person, data: str, form: str) -> list[BotMessage]:
    """Press a button on a message Telegram no longer shows to the bot."""
    query: dict[str, Any] = {
        "id": f"stale{next(_query_ids)}",
        "from": {"id": person.user_id, "is_bot": False, "first_name": person.first_name},
        "chat_instance": f"ci{person.chat_id}",
        "data": data,
        "message": {
            "message_id": STALE_MESSAGE_ID,
            "date": 0,
            "chat": {"id": person.chat_id, "type": "private"},
        },
    }
    if form == "json":
        return await bot.chat.feed(
            {"update_id": bot.chat.next_update_id(), "callback_query": query}
        )
    app = bot.chat.app
    typed = CallbackQuery(
        id=query["id"],
        from_user=User(person.user_id, person.first_name, is_bot=False),
        chat_instance=query["chat_instance"],
        data=data,
        message=InaccessibleMessage(Chat(person.chat_id, Chat.PRIVATE), STALE_MESSAGE_ID),
    )
    typed.set_bot(app.bot)
    update = Update(bot.chat.next_update_id(), callback_query=typed)
    start = len(bot.api.calls)
    await app.update_processor.process_update(update, app.process_update(update))
    return bot.chat.collect(start)


def _no_error(bot: BotHarness, replies: list[BotMessage]) -> None:
    assert all(texts.ERROR_GENERIC not in r.text for r in replies)
    assert not any(r.is_edit for r in replies)


async def test_stale_menu_button_sends_the_menu(bot: BotHarness, form: str) -> None:
    [reply] = await press_stale(bot, bot.parent, callbacks.MENU, form)
    assert reply.text == texts.MENU_TITLE
    assert any(d.startswith("grp:") for _, d in reply.flat_buttons)
    assert reply.chat_id == bot.parent.chat_id


async def test_stale_group_button_lists_its_questions(bot: BotHarness, form: str) -> None:
    [menu] = await bot.chat.send(bot.parent, "/menu")
    group = next(d for _, d in menu.flat_buttons if d.startswith("grp:"))
    [reply] = await press_stale(bot, bot.parent, group, form)
    assert "궁금한 질문을 골라 주세요" in reply.text
    assert any(d.startswith("faq:") for _, d in reply.flat_buttons)


async def test_stale_entry_button_sends_the_answer(bot: BotHarness, form: str) -> None:
    [reply] = await press_stale(bot, bot.parent, callbacks.entry("parental-leave-pay"), form)
    assert "육아휴직" in reply.text
    assert "fb:parental-leave-pay:1" in [d for _, d in reply.flat_buttons]


async def test_stale_feedback_button_is_stored_and_thanked(bot: BotHarness, form: str) -> None:
    start = len(bot.api.calls)
    replies = await press_stale(
        bot, bot.parent, callbacks.feedback("parental-leave-pay", is_helpful=True), form
    )
    _no_error(bot, replies)
    assert bot.chat.alerts(start) == [texts.FAQ_FEEDBACK_THANKS]
    async with bot.database.uow() as uow:
        assert await uow.feedback.counts(entry_id="parental-leave-pay") == (1, 0)


async def test_stale_consult_and_intake_buttons_go_on_with_the_intake(
    bot: BotHarness, form: str
) -> None:
    [consent] = await press_stale(bot, bot.parent, callbacks.CONSULT, form)
    assert "개인정보" in consent.text
    agree = consent.button("동의합니다")
    replies = await press_stale(bot, bot.parent, agree, form)
    _no_error(bot, replies)
    [health] = replies
    assert "건강 정보" in health.text
