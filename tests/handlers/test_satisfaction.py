"""The one satisfaction question after a case closed, through the real Application."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot import texts
from bot.runtime.local_chat import BotMessage
from bot.runtime.memory_api import MemoryBotApi
from handlers import callbacks
from storage.db import Database
from storage.models import Case, CaseSatisfaction
from tests.flows import claimed_case
from tests.handlers.test_stale_buttons import press_stale
from tests.harness import BotHarness, bot_harness, make_settings, say, to

# As in test_stale_buttons: PTB's own warning about a press on an inaccessible message.
pytestmark = pytest.mark.filterwarnings(
    "ignore:`update.callback_query` is not `None`:telegram.warnings.PTBUserWarning"
)
QUESTION_MARK = "얼마나 도움이 되셨는지"
CRISIS = "회사에서 잘리고 나니 그냥 죽고 싶어요"


async def _closed_case_question(bot: BotHarness) -> BotMessage:
    """Case 2026-0001 claimed, closed by its attorney; the question the parent got."""
    attorney, _ = await claimed_case(bot)
    await bot.chat.send(attorney, "/close 2026-0001 해결")
    [question] = [m for m in to(bot.parent, await bot.deliver()) if QUESTION_MARK in m.text]
    return question


async def _answer(bot: BotHarness) -> CaseSatisfaction:
    async with bot.database.uow() as uow:
        [row] = (await uow.session.execute(select(CaseSatisfaction))).scalars().all()
        return row


async def _score(bot: BotHarness, question: BotMessage, label: str) -> BotMessage:
    """Press a score under the question; the message it became."""
    replies = await bot.chat.press(bot.parent, question.message_id, question.button(label))
    [edited] = [r for r in replies if r.is_edit]
    return edited


class QuestionWatchingApi(MemoryBotApi):
    """As the question is sent, reads from another connection what is committed."""

    def __init__(self, database_url: str) -> None:
        super().__init__()
        self._database_url = database_url
        self.committed: list[tuple[str, int]] = []  # (case stage, satisfaction rows)

    async def do_request(
        self, url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        params = request_data.parameters if request_data is not None else {}
        if url.endswith("/sendMessage") and QUESTION_MARK in str(params.get("text", "")):
            database = Database.from_url(self._database_url)
            try:
                async with database.uow() as uow:
                    stage = (await uow.session.execute(select(Case.stage))).scalar_one()
                    rows = (await uow.session.execute(select(CaseSatisfaction))).all()
                self.committed.append((str(stage), len(rows)))
            finally:
                await database.dispose()
        return await super().do_request(url, method, request_data, *args, **kwargs)


async def test_question_is_sent_after_the_close_is_committed(empty_db_url: str) -> None:
    api = QuestionWatchingApi(empty_db_url)
    async with bot_harness(make_settings(empty_db_url), api=api) as bot:
        attorney, _ = await claimed_case(bot)
        replies = await bot.chat.send(attorney, "/close 2026-0001 해결")
        assert to(bot.parent, replies) == []  # the close itself does not speak to the parent
        sent = to(bot.parent, await bot.deliver())
    closed, question = sent
    assert "마무리됐어요" in closed.text
    assert QUESTION_MARK in question.text
    assert "2026-0001" in question.text
    assert [label for label, _ in question.flat_buttons] == [
        "1 😞",
        "2 🙁",
        "3 😐",
        "4 🙂",
        "5 😊",
    ]
    assert question.flat_buttons[4][1] == "sat:1:5"
    assert api.committed == [("closed", 1)]


async def test_score_is_stored_and_a_comment_offered(bot: BotHarness) -> None:
    question = await _closed_case_question(bot)
    edited = await _score(bot, question, "4")
    assert edited.message_id == question.message_id
    assert "4점" in edited.text
    assert "한 줄 의견을 남기시려면 적어 주세요" in edited.text
    assert [label for label, _ in edited.flat_buttons] == ["괜찮아요"]
    answer = await _answer(bot)
    assert (answer.score, answer.comment) == (4, None)
    assert answer.answered_at == bot.clock.now()


async def test_second_press_changes_the_score_until_a_comment_is_in(bot: BotHarness) -> None:
    question = await _closed_case_question(bot)
    await _score(bot, question, "2")
    first_answered = (await _answer(bot)).answered_at
    bot.clock.advance(minutes=1)
    await _score(bot, question, "5")  # the same card, pressed again (another device)
    answer = await _answer(bot)
    assert (answer.score, answer.answered_at) == (5, first_answered)
    await say(bot, bot.parent, "친절하게 알려 주셔서 고마웠어요")
    start = len(bot.api.calls)
    replies = await bot.chat.press(bot.parent, question.message_id, question.button("1"))
    assert [r for r in replies if r.is_edit] == []
    assert bot.chat.alerts(start) == [texts.SATISFACTION_ALREADY_COMMENTED]
    assert (await _answer(bot)).score == 5


async def test_comment_is_stored_masked_and_thanked(bot: BotHarness) -> None:
    question = await _closed_case_question(bot)
    await _score(bot, question, "5")
    text = (
        "제 이름은 박지은이에요. 덕분에 해결했어요! 010-1234-5678, mom@example.com 으로 "
        "소식 주세요"
    )
    thanks = await say(bot, bot.parent, text)
    assert thanks.text == texts.SATISFACTION_COMMENT_THANKS
    answer = await _answer(bot)
    assert answer.comment is not None
    assert "덕분에 해결했어요" in answer.comment
    for secret in ("박지은", "010-1234-5678", "mom@example.com"):
        assert secret not in answer.comment
    assert "[전화번호]" in answer.comment
    assert "[이메일]" in answer.comment
    assert answer.comment_until is None
    # The next message is a question again, not a second comment.
    reply = await say(bot, bot.parent, "출산휴가 며칠이에요")
    assert reply.text != texts.SATISFACTION_COMMENT_THANKS
    assert (await _answer(bot)).comment == answer.comment


async def test_skip_ends_without_a_comment(bot: BotHarness) -> None:
    question = await _closed_case_question(bot)
    offer = await _score(bot, question, "3")
    replies = await bot.chat.press(bot.parent, offer.message_id, offer.button("괜찮아요"))
    [edited] = [r for r in replies if r.is_edit]
    assert edited.text == texts.SATISFACTION_SKIPPED
    assert edited.flat_buttons == []
    reply = await say(bot, bot.parent, "출산휴가 며칠이에요")
    assert reply.text != texts.SATISFACTION_COMMENT_THANKS
    answer = await _answer(bot)
    assert (answer.score, answer.comment, answer.comment_until) == (3, None, None)


async def test_a_command_ends_the_comment_window(bot: BotHarness) -> None:
    question = await _closed_case_question(bot)
    await _score(bot, question, "4")
    await bot.chat.send(bot.parent, "/menu")
    reply = await say(bot, bot.parent, "출산휴가 며칠이에요")
    assert reply.text != texts.SATISFACTION_COMMENT_THANKS
    answer = await _answer(bot)
    assert (answer.score, answer.comment, answer.comment_until) == (4, None, None)


async def test_another_button_ends_the_comment_window(bot: BotHarness) -> None:
    question = await _closed_case_question(bot)
    await _score(bot, question, "4")
    await bot.chat.press(bot.parent, question.message_id, callbacks.MENU)
    await say(bot, bot.parent, "출산휴가 며칠이에요")
    assert (await _answer(bot)).comment is None


async def test_the_window_closes_after_half_an_hour(bot: BotHarness) -> None:
    question = await _closed_case_question(bot)
    await _score(bot, question, "4")
    bot.clock.advance(minutes=31)
    reply = await say(bot, bot.parent, "출산휴가 며칠이에요")
    assert reply.text != texts.SATISFACTION_COMMENT_THANKS
    assert (await _answer(bot)).comment is None


async def test_crisis_words_while_a_comment_is_awaited_get_the_hotlines(
    bot: BotHarness,
) -> None:
    question = await _closed_case_question(bot)
    await _score(bot, question, "2")
    [help_text] = await bot.chat.send(bot.parent, CRISIS)
    assert "109" in help_text.text[:200]
    assert texts.SATISFACTION_COMMENT_THANKS not in help_text.text
    answer = await _answer(bot)
    assert (answer.comment, answer.comment_until) == (None, None)
    # Nor is the message after it a comment.
    reply = await say(bot, bot.parent, "네 알겠어요")
    assert reply.text != texts.SATISFACTION_COMMENT_THANKS
    assert (await _answer(bot)).comment is None


async def test_presses_on_someone_elses_or_unknown_questions_are_refused(
    bot: BotHarness,
) -> None:
    question = await _closed_case_question(bot)
    data = question.button("5")
    start = len(bot.api.calls)
    for person, forged in (
        (bot.stranger, data),  # another user's case
        (bot.parent, callbacks.satisfaction(999, 5)),  # no such case
        (bot.parent, "sat:1:9"),  # no such score
        (bot.parent, callbacks.satisfaction_skip(999)),
    ):
        replies = await bot.chat.press(person, question.message_id, forged)
        assert [r for r in replies if r.is_edit] == []
    assert bot.chat.alerts(start) == [texts.STALE_BUTTON] * 4
    answer = await _answer(bot)
    assert (answer.score, answer.answered_at, answer.comment_until) == (None, None, None)


async def test_a_press_on_a_question_gone_stale_still_counts(bot: BotHarness) -> None:
    question = await _closed_case_question(bot)
    [offer] = await press_stale(bot, bot.parent, question.button("5"), "json")
    assert not offer.is_edit  # Telegram no longer shows it: a new message
    assert "5점" in offer.text
    assert (await _answer(bot)).score == 5


async def test_erasure_removes_the_comment_and_keeps_the_score(bot: BotHarness) -> None:
    question = await _closed_case_question(bot)
    await _score(bot, question, "5")
    await say(bot, bot.parent, "노무사님께 감사드려요")
    assert (await _answer(bot)).comment is not None
    [confirm] = await bot.chat.send(bot.parent, "/delete")
    await bot.chat.press(bot.parent, confirm.message_id, confirm.button("네"))
    answer = await _answer(bot)
    assert (answer.comment, answer.user_id, answer.score) == (None, None, 5)
    # The old card now belongs to nobody.
    start = len(bot.api.calls)
    await bot.chat.press(bot.parent, question.message_id, question.button("1"))
    assert bot.chat.alerts(start) == [texts.STALE_BUTTON]
    assert (await _answer(bot)).score == 5


async def test_question_is_not_sent_to_a_parent_who_erased_before_delivery(
    bot: BotHarness,
) -> None:
    attorney, _ = await claimed_case(bot)
    await bot.chat.send(attorney, "/close 2026-0001 해결")
    [confirm] = await bot.chat.send(bot.parent, "/delete")
    await bot.chat.press(bot.parent, confirm.message_id, confirm.button("네"))
    sent = to(bot.parent, await bot.deliver())
    assert not any(QUESTION_MARK in m.text for m in sent)


async def test_the_monthly_report_counts_the_answer(bot: BotHarness) -> None:
    question = await _closed_case_question(bot)
    await _score(bot, question, "4")
    replies = await bot.chat.send(bot.admin, "/report")
    summary = replies[0].text
    assert "• 상담 만족도: 평균 4.0점 / 5점 (응답 1건)" in summary
