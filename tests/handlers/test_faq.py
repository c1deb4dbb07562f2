"""FAQ answers through the real Application over the in-memory Bot API."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from bot import texts
from bot.runtime.local_chat import BotMessage
from storage.models import FaqAnswerLog, FaqFeedback, UnansweredQuestion
from tests.harness import ROOT, BotHarness, bot_harness, make_settings


async def test_question_gets_the_right_answer_with_buttons(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "육아휴직 급여 얼마 나와요?")
    assert "육아휴직" in reply.text
    assert "250만" in reply.text
    datas = [data for _, data in reply.flat_buttons]
    assert "fb:parental-leave-pay:1" in datas
    assert "fb:parental-leave-pay:0" in datas
    assert "consult" in datas
    assert any(d.startswith("faq:") for d in datas)
    assert await bot.count(FaqAnswerLog) == 1


async def test_misspelled_question_still_finds_the_answer(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "육아휴즉 급여 얼마나와요")
    assert "fb:parental-leave-pay:1" in [d for _, d in reply.flat_buttons]


async def test_out_of_scope_question_offers_a_consultation(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "전세 보증금을 집주인이 안 돌려줘요")
    assert "찾지 못했어요" in reply.text
    assert "consult" in [d for _, d in reply.flat_buttons]
    async with bot.database.uow() as uow:
        [stored] = await uow.unanswered.recent()
    assert stored.outcome == "none"


async def test_unanswered_question_is_stored_masked(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, "제 번호 010-1234-5678 인데 전세 보증금 문제 상담돼요?")
    async with bot.database.uow() as uow:
        [stored] = await uow.unanswered.recent()
    assert "010-1234-5678" not in (stored.question_masked or "")
    assert "[전화번호]" in (stored.question_masked or "")


async def test_crisis_message_gets_hotlines_first(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "회사에서 잘리고 나니 그냥 죽고 싶어요")
    first_lines = reply.text[:200]
    assert "109" in first_lines
    assert "1577-0199" in reply.text
    assert "02-335-0101" in reply.text  # then the center
    assert await bot.count(UnansweredQuestion) == 0


async def test_feedback_buttons_are_stored(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    entry_id = reply.button("👍").split(":")[1]
    await bot.chat.press(bot.parent, reply.message_id, f"fb:{entry_id}:1")
    await bot.chat.press(bot.parent, reply.message_id, f"fb:{entry_id}:0")
    async with bot.database.uow() as uow:
        assert await uow.feedback.counts(entry_id=entry_id) == (1, 1)
        rows = (await uow.session.execute(select(FaqFeedback))).scalars().all()
    assert {r.question_masked for r in rows if not r.is_helpful} == {"출산휴가 며칠이에요"}


async def test_feedback_row_disappears_after_a_vote(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    [edited] = await bot.chat.press(bot.parent, reply.message_id, reply.button("👍"))
    assert edited.is_edit
    assert not any(d.startswith("fb:") for _, d in edited.flat_buttons)


async def test_suggestion_button_shows_that_answer(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    related = next(d for _, d in reply.flat_buttons if d.startswith("faq:"))
    [answer] = await bot.chat.press(bot.parent, reply.message_id, related)
    entry = bot.services.faq.entry(related.removeprefix("faq:"))
    assert entry is not None
    assert entry.short_answer in answer.text


async def test_very_long_message_is_refused_kindly(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "육아휴직 " * 900)
    assert "너무 길어요" in reply.text


async def test_answers_fit_telegram_limits_for_every_entry(bot: BotHarness) -> None:
    for entry_id in bot.services.faq.knowledge.ids:
        [answer] = await bot.chat.press(bot.parent, 1, f"faq:{entry_id}")
        assert len(answer.text) <= 4096
        [full] = await bot.chat.press(bot.parent, answer.message_id, f"more:{entry_id}")
        assert len(full.text) <= 4096
    assert not [c for c in bot.api.calls if "Bad Request" in str(c.result)]


async def test_non_staff_cannot_reload_or_read_unanswered(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.stranger, "/reload_faq")
    assert "직원만" in reply.text
    [reply] = await bot.chat.send(bot.stranger, "/unanswered")
    assert "직원만" in reply.text


async def test_staff_sees_unanswered_questions(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, "주휴수당 계산법 알려줘요")
    [reply] = await bot.chat.send(bot.admin, "/unanswered")
    assert "주휴수당" in reply.text


async def test_broken_yaml_on_reload_keeps_old_content(empty_db_url: str, tmp_path: Path) -> None:
    faq_dir = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", faq_dir)
    settings = make_settings(empty_db_url, faq_dir=faq_dir)
    async with bot_harness(settings) as bot:
        before = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
        (faq_dir / "childbirth.yaml").write_text("entries: [\n  - id: broken\n", encoding="utf-8")
        [reply] = await bot.chat.send(bot.admin, "/reload_faq")
        assert "이전 내용을 그대로" in reply.text
        assert "childbirth.yaml" in reply.text
        after = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
        assert after[0].text == before[0].text


async def test_valid_reload_reports_counts(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.admin, "/reload_faq")
    assert "다시 불러왔어요" in reply.text


async def test_application_rebuilt_on_same_database_keeps_data(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, "주휴수당 계산법")
    await bot.restart()
    [reply] = await bot.chat.send(bot.admin, "/unanswered")
    assert "주휴수당" in reply.text


async def test_close_second_entry_is_offered_under_the_answer(bot: BotHarness) -> None:
    answer, alternative = await bot.chat.send(
        bot.parent, "한부모도 육아휴직 1년 6개월까지 되나요?"
    )
    assert "fb:parental-leave-length:1" in [d for _, d in answer.flat_buttons]
    assert alternative.text == "혹시 이 질문이었나요?"
    assert "faq:single-parent-leave" in [d for _, d in alternative.flat_buttons]


async def test_unsure_question_shows_candidates_and_the_consultation(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "쌍둥이 육아휴직 회사 눈치")
    datas = [d for _, d in reply.flat_buttons]
    assert reply.text.startswith("혹시 이 질문인가요?")
    assert any(d.startswith("faq:") for d in datas)
    assert "consult" in datas


async def test_thanks_get_a_warm_reply_not_an_apology(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "고마워요")
    assert "찾지 못했어요" not in reply.text
    assert "반가워요" in reply.text
    assert await bot.count(UnansweredQuestion) == 0


async def test_request_for_a_person_offers_the_consultation_at_once(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "상담원 연결해주세요")
    assert "직접 이야기" in reply.text
    assert "consult" in [d for _, d in reply.flat_buttons]
    assert await bot.count(UnansweredQuestion) == 0


def _first_entry(replies: list[BotMessage]) -> str | None:
    """The entry a reply is about: the answer's feedback button, else the first suggestion."""
    buttons = [data for _, data in replies[0].flat_buttons]
    for prefix in ("fb:", "faq:"):
        for data in buttons:
            if data.startswith(prefix):
                return data.split(":")[1]
    return None


async def test_short_follow_up_uses_the_previous_question(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, "배우자 출산휴가 며칠이에요")
    replies = await bot.chat.send(bot.parent, "급여는요?")
    assert _first_entry(replies) == "spouse-childbirth-leave-pay"
    await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    replies = await bot.chat.send(bot.parent, "돈은요?")
    assert "fb:maternity-leave-pay:1" in [d for _, d in replies[0].flat_buttons]


async def test_follow_up_context_expires(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, "가족돌봄휴가 며칠이에요")
    replies = await bot.chat.send(bot.parent, "기간은요?")
    assert _first_entry(replies) == "family-care-leave"
    bot.clock.advance(minutes=30)
    replies = await bot.chat.send(bot.parent, "기간은요?")
    assert _first_entry(replies) != "family-care-leave"


async def test_answer_comes_short_first_and_grows_on_details(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "육아휴직 급여 얼마 나와요?")
    entry = bot.services.faq.entry("parental-leave-pay")
    assert entry is not None
    body = reply.text.split("\n\n", 1)[1]
    assert body == entry.short_answer
    assert len(body) <= 300
    assert "이 안내는 일반적인 정보예요" not in reply.text
    assert reply.button(texts.BUTTON_MORE) == "more:parental-leave-pay"
    [full] = await bot.chat.press(bot.parent, reply.message_id, "more:parental-leave-pay")
    assert full.is_edit
    assert full.message_id == reply.message_id
    assert "이 안내는 일반적인 정보예요" in full.text
    assert texts.FAQ_LEGAL_BASIS in full.text
    datas = [d for _, d in full.flat_buttons]
    assert "more:parental-leave-pay" not in datas
    assert "fb:parental-leave-pay:1" in datas


async def test_answer_screens_have_at_most_eight_buttons(bot: BotHarness) -> None:
    for entry_id in bot.services.faq.knowledge.ids:
        [answer] = await bot.chat.press(bot.parent, 1, f"faq:{entry_id}")
        assert len(answer.flat_buttons) <= 8, entry_id


async def test_topic_lists_page_by_eight_buttons_with_uncut_labels(bot: BotHarness) -> None:
    [menu] = await bot.chat.send(bot.parent, "/menu")
    assert len(menu.flat_buttons) <= 8
    seen: list[str] = []
    for group in bot.services.faq.groups():
        [screen] = await bot.chat.press(bot.parent, menu.message_id, f"grp:{group.id}")
        while True:
            assert len(screen.flat_buttons) <= 8
            labels = [label for label, data in screen.flat_buttons if data.startswith("faq:")]
            assert not [label for label in labels if label.endswith("…")]
            seen += [data for _, data in screen.flat_buttons if data.startswith("faq:")]
            if texts.BUTTON_NEXT not in [label for label, _ in screen.flat_buttons]:
                break
            [screen] = await bot.chat.press(
                bot.parent, screen.message_id, screen.button(texts.BUTTON_NEXT)
            )
            assert screen.is_edit
    assert sorted(d.removeprefix("faq:") for d in seen) == sorted(bot.services.faq.knowledge.ids)
