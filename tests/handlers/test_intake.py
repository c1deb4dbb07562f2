"""Consultation intake through the real Application over the in-memory Bot API."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.runtime.local_chat import Person
from storage.models import Case, CaseEvent, Consent, IntakeDraft, OutboxMessage, User
from tests.flows import DESCRIPTION, complete_intake, walk_to_description
from tests.harness import (
    ROOT,
    TEAM_CHAT_ID,
    BotHarness,
    bot_harness,
    make_settings,
    press,
    say,
)


async def test_complete_intake_creates_one_case(bot: BotHarness) -> None:
    done = await complete_intake(bot, bot.parent)
    assert "2026-0001" in done.text
    assert "02-335-0101" in done.text
    async with bot.database.uow() as uow:
        [case] = (await uow.session.execute(select(Case))).scalars().all()
        events = await uow.cases.events(case_id=case.id)
        [outbox] = (await uow.session.execute(select(OutboxMessage))).scalars().all()
    assert case.number == "2026-0001"
    assert case.topic == "protection"
    assert case.stage == "new"
    assert case.contact_method == "phone"
    assert case.contact_value == "010-1234-5678"
    assert case.answers["workplace_size"] == "5-29"
    assert case.answers["key_date"] == "2026-09-01"
    assert case.answers["description"] == DESCRIPTION
    assert case.urgency == "urgent"  # remedy deadline 2026-12-01 is 6 days away
    assert "2026년 12월 1일(화)" in case.urgency_reason
    assert "010-1234-5678" not in case.summary
    assert case.case_type == "사건대리 검토"
    assert [e.kind for e in events] == ["created"]
    assert (outbox.kind, outbox.chat_id, outbox.case_id) == ("new_case", TEAM_CHAT_ID, case.id)
    assert await bot.count(IntakeDraft) == 0
    assert await bot.count(Consent) == 2


async def test_refusing_consent_stores_nothing_personal(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/consult")
    msg = await press(bot, bot.parent, msg, "동의하지 않아요")
    assert "아무 정보도 저장하지 않았어요" in msg.text
    assert "02-335-0101" in msg.text
    assert await bot.count(Consent) == 0
    assert await bot.count(IntakeDraft) == 0
    assert await bot.count(Case) == 0


@pytest.mark.parametrize(
    ("answer", "message_part"),
    [
        ("2026.2.30", "달력에 없는 날짜"),
        ("아무때나요", "날짜를 알아보지 못했어요"),
        ("2029.1.1", "2년보다 먼 날짜"),
    ],
)
async def test_invalid_date_is_explained_and_asked_again(
    bot: BotHarness, answer: str, message_part: str
) -> None:
    await walk_to_description(bot, bot.parent)
    await bot.chat.send(bot.parent, "/back")
    msg = await say(bot, bot.parent, answer)
    assert msg.text.index(message_part) < msg.text.index("해고된 날")
    async with bot.database.uow() as uow:
        [draft] = (await uow.session.execute(select(IntakeDraft))).scalars().all()
    assert draft.step == "key_date"


async def test_short_description_is_refused_with_reason(bot: BotHarness) -> None:
    await walk_to_description(bot, bot.parent)
    msg = await say(bot, bot.parent, "ㅠㅠ")
    assert "어떤 일이 있었는지" in msg.text


async def test_too_long_description_states_the_limit(bot: BotHarness) -> None:
    await walk_to_description(bot, bot.parent)
    msg = await say(bot, bot.parent, "회사에서 부당한 일을 당했어요. " * 150)
    assert "2,000" in msg.text or "2000" in msg.text


async def test_bad_phone_number_is_asked_again(bot: BotHarness) -> None:
    await walk_to_description(bot, bot.parent)
    msg = await say(bot, bot.parent, DESCRIPTION)
    msg = await press(bot, bot.parent, msg, "전화")
    msg = await say(bot, bot.parent, "공일공 일이삼사")
    assert "전화번호" in msg.text


async def test_typing_where_a_button_is_expected_reasks(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/consult")
    msg = await say(bot, bot.parent, "네 좋아요")
    assert "버튼" in msg.text
    assert any(label == "동의합니다" for label, _ in msg.flat_buttons)


async def test_back_returns_to_previous_question(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/consult")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "육아휴직")
    assert "누구인가요" in msg.text
    msg = await say(bot, bot.parent, "/back")
    assert "어떤 일로" in msg.text


async def test_old_step_button_does_not_change_answers(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/consult")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    topic_msg = msg
    msg = await press(bot, bot.parent, msg, "육아휴직")
    [again] = [
        r
        for r in await bot.chat.press(bot.parent, topic_msg.message_id, "in:topic:protection")
        if not r.is_edit
    ]
    assert "이미 지나간" in again.text
    assert "누구인가요" in again.text


async def test_cancel_discards_the_draft(bot: BotHarness) -> None:
    await walk_to_description(bot, bot.parent)
    msg = await say(bot, bot.parent, "/cancel")
    assert "그만뒀어요" in msg.text
    assert await bot.count(IntakeDraft) == 0
    msg = await say(bot, bot.parent, "출산휴가 며칠이에요")
    assert "90일" in msg.text  # back to FAQ answers


async def test_intake_resumes_after_application_rebuilt(bot: BotHarness) -> None:
    await walk_to_description(bot, bot.parent)
    await bot.restart()
    msg = await say(bot, bot.parent, DESCRIPTION)
    assert "어떻게 받고 싶으세요" in msg.text
    msg = await say(bot, bot.parent, "/consult")
    assert "이어서" in msg.text


async def test_crisis_words_in_description_show_hotlines_and_mark_urgent(
    bot: BotHarness,
) -> None:
    msg = await say(bot, bot.parent, "/consult")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "동의하지 않아요")
    assert "건강 정보는 받지 않을게요" in msg.text
    msg = await press(bot, bot.parent, msg, "기타")
    msg = await press(bot, bot.parent, msg, "아빠")
    msg = await press(bot, bot.parent, msg, "300명 이상")
    msg = await press(bot, bot.parent, msg, "파견·용역")
    msg = await press(bot, bot.parent, msg, "일하고 있어요")
    replies = await bot.chat.send(
        bot.parent, "회사에서 계속 괴롭힘을 당해서 이제 살 이유가 없어요"
    )
    assert "109" in replies[0].text
    msg = await press(bot, bot.parent, replies[-1], "텔레그램으로만")
    msg = await press(bot, bot.parent, msg, "언제든")
    await press(bot, bot.parent, msg, "접수하기")
    async with bot.database.uow() as uow:
        [case] = (await uow.session.execute(select(Case))).scalars().all()
    assert case.urgency == "urgent"
    assert case.contact_value is None


async def test_status_lists_cases_in_plain_words(bot: BotHarness) -> None:
    assert "접수된 상담이 없어요" in (await say(bot, bot.parent, "/status")).text
    await complete_intake(bot, bot.parent)
    msg = await say(bot, bot.parent, "/status")
    assert "2026-0001" in msg.text
    assert "담당 노무사를 정하고 있어요" in msg.text


async def test_delete_erases_personal_data_and_keeps_statistics(bot: BotHarness) -> None:
    await complete_intake(bot, bot.parent)
    msg = await say(bot, bot.parent, "/delete")
    [done] = await bot.chat.press(bot.parent, msg.message_id, msg.button("네"))
    assert "지웠어요" in done.text
    async with bot.database.uow() as uow:
        [case] = (await uow.session.execute(select(Case))).scalars().all()
        users = (await uow.session.execute(select(User))).scalars().all()
        events = (await uow.session.execute(select(CaseEvent))).scalars().all()
    assert case.user_id is None
    assert case.contact_value is None
    assert case.summary == ""
    assert "description" not in case.answers
    assert case.answers["topic"] == "protection"
    assert case.stage == "closed"
    assert case.is_anonymized
    assert [u.telegram_id for u in users] == []
    assert await bot.count(Consent) == 0
    assert all(e.text is None for e in events)


async def test_delete_can_be_declined(bot: BotHarness) -> None:
    await complete_intake(bot, bot.parent)
    msg = await say(bot, bot.parent, "/delete")
    [kept] = await bot.chat.press(bot.parent, msg.message_id, msg.button("아니요"))
    assert "지우지 않았어요" in kept.text
    assert await bot.count(Case) == 1


async def test_two_intakes_finishing_at_once_get_distinct_numbers(
    bot: BotHarness,
) -> None:
    people = [Person(2000 + i, 2000 + i) for i in range(4)]
    confirms = []
    for person in people:
        await walk_to_description(bot, person)
        msg = await say(bot, person, DESCRIPTION)
        msg = await press(bot, person, msg, "텔레그램으로만")
        confirms.append(await press(bot, person, msg, "언제든"))
    results = await asyncio.gather(
        *(
            bot.chat.press(p, m.message_id, m.button("접수하기"))
            for p, m in zip(people, confirms, strict=True)
        )
    )
    numbers = sorted(
        {
            r.text.split("접수번호: ")[1][:9]
            for replies in results
            for r in replies
            if "접수번호" in r.text
        }
    )
    assert numbers == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]


async def test_leave_intake_stores_an_eligibility_precheck(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/consult")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "육아휴직")
    msg = await press(bot, bot.parent, msg, "아빠")
    msg = await press(bot, bot.parent, msg, "5명 미만")
    msg = await press(bot, bot.parent, msg, "계약직")
    msg = await press(bot, bot.parent, msg, "일하고 있어요")
    assert "입사한 날" in msg.text
    msg = await say(bot, bot.parent, "2026.8.1")
    msg = await press(bot, bot.parent, msg, "아니요")
    assert "시작하려는 날" in msg.text
    msg = await say(bot, bot.parent, "2026.12.20")
    msg = await say(
        bot, bot.parent, "아이 돌봄 때문에 12월 말부터 육아휴직을 쓰고 싶어요. 가능할까요?"
    )
    msg = await press(bot, bot.parent, msg, "텔레그램으로만")
    msg = await press(bot, bot.parent, msg, "언제든")
    assert "사전 확인: 확인이 필요해요" in msg.text
    assert "6개월" in msg.text
    await press(bot, bot.parent, msg, "접수하기")
    async with bot.database.uow() as uow:
        [case] = (await uow.session.execute(select(Case))).scalars().all()
    check = case.answers["eligibility"]
    assert (check["purpose"], check["verdict"], check["leave"]) == (
        "parental-leave",
        "check",
        "check",
    )
    assert any("6개월" in r["text"] for r in check["reasons"])
    assert "사전 확인" in case.summary
    assert case.answers["hired_on"] == "2026-08-01"


async def test_hire_date_can_be_skipped(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/consult")
    for label in (
        "동의합니다",
        "동의합니다",
        "육아기 근로시간",
        "엄마",
        "30~299명",
        "정규직",
        "일하고 있어요",
    ):
        msg = await press(bot, bot.parent, msg, label)
    msg = await press(bot, bot.parent, msg, "잘 모르겠어요")
    assert "거부당했나요" in msg.text


async def test_topic_buttons_follow_a_reloaded_faq(empty_db_url: str, tmp_path: Path) -> None:
    faq_dir = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", faq_dir)
    async with bot_harness(make_settings(empty_db_url, faq_dir=faq_dir)) as bot:
        msg = await say(bot, bot.parent, "/consult")
        msg = await press(bot, bot.parent, msg, "동의합니다")
        msg = await press(bot, bot.parent, msg, "동의합니다")
        assert "육아휴직" in [label for label, _ in msg.flat_buttons]
        source = faq_dir / "parental-leave.yaml"
        source.write_text(
            source.read_text("utf-8").replace("title: 육아휴직\n", "title: 육아휴직·복직\n", 1),
            "utf-8",
        )
        [reloaded] = await bot.chat.send(bot.admin, "/reload_faq")
        assert "다시 불러왔어요" in reloaded.text
        other = await say(bot, bot.stranger, "/consult")
        other = await press(bot, bot.stranger, other, "동의합니다")
        other = await press(bot, bot.stranger, other, "동의합니다")
        labels = [label for label, _ in other.flat_buttons]
        assert "육아휴직·복직" in labels
        assert "육아휴직" not in labels
