"""The calculator dialog (/calc) through the real Application over the in-memory Bot API."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.runtime.local_chat import BotMessage, Person
from storage.models import CalcSession
from tests.harness import BotHarness, press, say


async def _sessions(bot: BotHarness) -> list[CalcSession]:
    async with bot.database.uow() as uow:
        return list((await uow.session.execute(select(CalcSession))).scalars().all())


async def walk_parental_to_months(bot: BotHarness, person: Person) -> BotMessage:
    msg = await say(bot, person, "/calc")
    assert "어떤 것을 계산해 볼까요" in msg.text
    msg = await press(bot, person, msg, "육아휴직 급여")
    assert "통상임금" in msg.text
    msg = await say(bot, person, "300만원")
    assert "시작하는(시작한) 날" in msg.text
    msg = await say(bot, person, "2026.12.1")
    assert "몇 개월" in msg.text
    return msg


async def test_parental_leave_shows_month_table_with_caps(bot: BotHarness) -> None:
    msg = await walk_parental_to_months(bot, bot.parent)
    msg = await press(bot, bot.parent, msg, "12개월")
    assert "한부모" in msg.text
    msg = await press(bot, bot.parent, msg, "아니요")
    assert "6+6" in msg.text
    result = await press(bot, bot.parent, msg, "아니요")
    assert "육아휴직 급여 예상액" in result.text
    assert (
        "1개월차 2026년 12월 1일~12월 31일: 2,500,000원 (100%, 상한 250만원 적용)" in result.text
    )
    assert "4개월차 2027년 3월 1일~3월 31일: 2,000,000원 (100%, 상한 200만원 적용)" in result.text
    assert "7개월차 2027년 6월 1일~6월 30일: 1,600,000원 (80%, 상한 160만원 적용)" in result.text
    assert "합계 23,100,000원" in result.text
    assert "계산 기준" in result.text
    assert result.button("다시 계산") == "calc:start:parental"
    assert result.button("상담 신청") == "consult"
    assert await bot.count(CalcSession) == 0  # the answers are not kept


async def test_maternity_from_a_start_button(bot: BotHarness) -> None:
    menu = await say(bot, bot.parent, "/calc")
    [msg] = [
        r
        for r in await bot.chat.press(bot.parent, menu.message_id, "calc:start:maternity")
        if not r.is_edit
    ]
    assert "통상임금" in msg.text
    msg = await say(bot, bot.parent, "250만")
    msg = await say(bot, bot.parent, "2026년 10월 1일")
    assert "우선지원대상기업" in msg.text
    msg = await press(bot, bot.parent, msg, "잘 모르겠어요")
    assert "가장 흔한 경우인 우선지원대상기업으로 계산" in msg.text
    assert "출산 형태" in msg.text
    result = await press(bot, bot.parent, msg, "한 명")
    assert "출산전후휴가 급여 예상액" in result.text
    assert "우선지원대상기업 · 90일(2026년 10월 1일(목)~12월 29일(화))" in result.text
    assert "회사 규모를 잘 모르셔서" in result.text
    assert result.button("다시 계산") == "calc:start:maternity"


async def test_deadlines_show_d_day_counts(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/calc")
    msg = await press(bot, bot.parent, msg, "기한 계산")
    assert "어떤 일의 기한" in msg.text
    msg = await press(bot, bot.parent, msg, "해고됐어요")
    assert "해고된 날" in msg.text
    msg = await say(bot, bot.parent, "2026.9.1")
    assert "다른 날짜도" in msg.text
    assert "해고됐어요" not in [label for label, _ in msg.flat_buttons]
    result = await press(bot, bot.parent, msg, "이대로 계산할게요")
    assert "부당해고 구제신청(지방노동위원회): 2026년 12월 1일(화)까지 (D-6)" in result.text
    assert "차별 시정신청(노동위원회): 2027년 3월 1일(월)까지" in result.text
    assert "임금·퇴직금 청구(소멸시효 3년): 2029년 9월 1일(토)까지" in result.text


@pytest.mark.parametrize(
    ("answer", "message_part"),
    [
        ("삼백만원", "금액을 알아보지 못했어요"),
        ("5", "너무 적어요"),
        ("2억", "금액을 알아보지 못했어요"),
        ("50000만원", "너무 많아요"),
    ],
)
async def test_invalid_wage_is_explained_and_asked_again(
    bot: BotHarness, answer: str, message_part: str
) -> None:
    msg = await say(bot, bot.parent, "/calc")
    await press(bot, bot.parent, msg, "육아휴직 급여")
    msg = await say(bot, bot.parent, answer)
    assert msg.text.index(message_part) < msg.text.index("월 통상임금은 얼마인가요")
    [session] = await _sessions(bot)
    assert (session.kind, session.step) == ("parental", "wage")


async def test_invalid_date_is_explained_and_asked_again(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/calc")
    await press(bot, bot.parent, msg, "육아휴직 급여")
    await say(bot, bot.parent, "300만원")
    msg = await say(bot, bot.parent, "2026.2.30")
    assert msg.text.index("달력에 없는 날짜") < msg.text.index("시작하는(시작한) 날")
    [session] = await _sessions(bot)
    assert session.step == "start"


async def test_start_before_the_rule_tables_is_asked_again_then_computed(
    bot: BotHarness,
) -> None:
    msg = await walk_parental_to_months(bot, bot.parent)
    await bot.chat.send(bot.parent, "/cancel")
    msg = await say(bot, bot.parent, "/calc")
    await press(bot, bot.parent, msg, "육아휴직 급여")
    await say(bot, bot.parent, "300만원")
    msg = await say(bot, bot.parent, "2023.6.1")
    msg = await press(bot, bot.parent, msg, "3개월")
    msg = await press(bot, bot.parent, msg, "아니요")
    msg = await press(bot, bot.parent, msg, "아니요")
    assert "규칙표는 2024년 1월 1일(월)부터" in msg.text
    assert "시작하는(시작한) 날" in msg.text
    result = await say(bot, bot.parent, "2026.12.1")  # the other answers are kept
    assert "3개월(2026년 12월 1일(화)~2027년 2월 28일(일))" in result.text


async def test_stale_button_reshows_the_current_question(bot: BotHarness) -> None:
    months_msg = await walk_parental_to_months(bot, bot.parent)
    await press(bot, bot.parent, months_msg, "6개월")
    [again] = [
        r
        for r in await bot.chat.press(bot.parent, months_msg.message_id, "calc:months:12")
        if not r.is_edit
    ]
    assert "이미 지나간 질문" in again.text
    assert "한부모" in again.text
    [session] = await _sessions(bot)
    assert (session.step, session.data["months"]) == ("single_parent", 6)


async def test_button_without_a_dialog_gets_an_alert(bot: BotHarness) -> None:
    start = len(bot.api.calls)
    replies = await bot.chat.press(bot.parent, 1, "calc:months:6")
    assert [r for r in replies if not r.is_edit] == []
    assert any("진행 중인 계산이 없어요" in alert for alert in bot.chat.alerts(start))


async def test_old_menu_button_starts_that_calculator(bot: BotHarness) -> None:
    menu = await say(bot, bot.parent, "/calc")
    await bot.chat.send(bot.parent, "/cancel")
    msg = await press(bot, bot.parent, menu, "배우자 출산휴가 급여")
    assert "통상임금" in msg.text


async def test_dialog_resumes_after_application_rebuilt(bot: BotHarness) -> None:
    await walk_parental_to_months(bot, bot.parent)
    await bot.restart()
    msg = await say(bot, bot.parent, "9")
    assert "한부모" in msg.text
    msg = await say(bot, bot.parent, "/calc")
    assert "이어서" in msg.text
    assert "한부모" in msg.text


async def test_cancel_ends_the_dialog_and_text_goes_back_to_the_faq(bot: BotHarness) -> None:
    await walk_parental_to_months(bot, bot.parent)
    msg = await say(bot, bot.parent, "/cancel")
    assert "계산을 그만뒀어요" in msg.text
    assert await bot.count(CalcSession) == 0
    msg = await say(bot, bot.parent, "출산휴가 며칠이에요")
    assert "90일" in msg.text
    msg = await say(bot, bot.parent, "/cancel")
    assert "진행 중인 상담 신청이 없어요" in msg.text  # the intake's /cancel again


async def test_a_stranger_has_a_separate_dialog(bot: BotHarness) -> None:
    await walk_parental_to_months(bot, bot.parent)
    msg = await say(bot, bot.stranger, "출산휴가 며칠이에요")
    assert "90일" in msg.text  # not taken as the parent's answer
    msg = await say(bot, bot.stranger, "/calc")
    assert "어떤 것을 계산해 볼까요" in msg.text
    msg = await press(bot, bot.stranger, msg, "기한 계산")
    msg = await say(bot, bot.parent, "9")
    assert "한부모" in msg.text
    sessions = {s.kind: s.step for s in await _sessions(bot)}
    assert sessions == {"parental": "single_parent", "deadlines": "event"}


async def test_result_is_html_escaped(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/calc")
    msg = await press(bot, bot.parent, msg, "육아휴직 급여")
    await say(bot, bot.parent, "300")
    await say(bot, bot.parent, "2026.12.1")
    msg = await say(bot, bot.parent, "3")
    msg = await press(bot, bot.parent, msg, "네")
    [call] = [
        c
        for c in bot.api.calls
        if c.method == "sendMessage" and "육아휴직 급여 예상액" in str(c.params.get("text"))
    ]
    sent = str(call.params["text"])
    assert "&#x27;300&#x27;로 적으셔서" in sent  # the core's plain text, escaped
    assert "<" not in sent


async def test_parental_six_plus_six_asks_the_other_parents_months(bot: BotHarness) -> None:
    msg = await walk_parental_to_months(bot, bot.parent)
    msg = await press(bot, bot.parent, msg, "6개월")
    msg = await press(bot, bot.parent, msg, "아니요")  # not a single parent
    msg = await press(bot, bot.parent, msg, "네")  # the other parent takes leave too
    assert "배우자의 육아휴직 시작일" in msg.text
    msg = await say(bot, bot.parent, "2026.12.1")
    assert "배우자는 몇 개월 육아휴직을" in msg.text
    msg = await say(bot, bot.parent, "19개월")
    assert "1~18개월 사이로" in msg.text  # refused, asked again
    msg = await press(bot, bot.parent, msg, "3개월")
    assert "자녀 생년월일" in msg.text
    result = await press(bot, bot.parent, msg, "모르겠어요·아직 출산 전")
    assert "특례 상한은 짧은 쪽 기간인 처음 3개월에 적용해요." in result.text
    # 300만원: months 1–3 under the 6+6 caps (250/250/300만), month 4 under the general 200만
    assert "2개월차 2027년 1월 1일~1월 31일: 2,500,000원 (100%, 상한 250만원 적용) *" in (
        result.text
    )
    assert "4개월차 2027년 3월 1일~3월 31일: 2,000,000원 (100%, 상한 200만원 적용) *" in (
        result.text
    )
    assert "배우자의 휴직 기간을 알려 주시면" not in result.text
    assert await bot.count(CalcSession) == 0


async def test_spouse_loss_leave_from_the_menu(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/calc")
    msg = await press(bot, bot.parent, msg, "배우자 유산·사산휴가 유급·무급")
    assert "통상임금" in msg.text
    msg = await say(bot, bot.parent, "3,135,000원")
    assert "배우자가 유산·사산한 날" in msg.text
    msg = await say(bot, bot.parent, "2026.11.3")
    assert "우선지원대상기업" in msg.text
    result = await press(bot, bot.parent, msg, "우선지원대상기업(중소기업)")
    assert "배우자 유산·사산휴가 유급·무급 안내" in result.text
    assert "휴가 청구는 2026년 11월 23일(월)까지 해야 해요." in result.text
    assert "- 고용보험 3일: 통상임금으로 360,000원 기준" in result.text
    assert "무급 2일" in result.text
    assert result.button("다시 계산") == "calc:start:spouse_loss"


async def test_infertility_leave_with_an_unknown_company(bot: BotHarness) -> None:
    msg = await say(bot, bot.parent, "/calc")
    msg = await press(bot, bot.parent, msg, "난임치료휴가 유급·무급")
    msg = await say(bot, bot.parent, "3,135,000원")
    assert "난임치료휴가를 시작하는(시작한) 날" in msg.text
    msg = await say(bot, bot.parent, "2026.12.10")
    result = await press(bot, bot.parent, msg, "잘 모르겠어요")
    assert "유급 4일 (하루 통상임금 120,000원)" in result.text
    assert "- 고용보험 2일: 통상임금으로 240,000원" in result.text
    assert "- 회사 2일: 240,000원" in result.text
    assert "회사 규모를 잘 모르셔서" in result.text


async def test_infertility_answer_opens_its_calculator(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.parent, "난임치료휴가 며칠이고 유급이에요?")
    assert reply.button("🧮 내 급여 계산해 보기") == "calc:start:infertility"
    [msg] = [
        r
        for r in await bot.chat.press(bot.parent, reply.message_id, "calc:start:infertility")
        if not r.is_edit
    ]
    assert "통상임금" in msg.text
    [session] = await _sessions(bot)
    assert (session.kind, session.step) == ("infertility", "wage")
