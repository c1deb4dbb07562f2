"""The calculator dialog's pure flow: every step, every validation, wage parsing."""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from bot.calc import CalcInputError, RuleNotInForceError, load_rules
from bot.calc import texts as calc_texts
from bot.calc.dialog import (
    KIND_STEPS,
    STEPS,
    accept_choice,
    accept_text,
    first_step,
    next_step,
    parse_hours,
    parse_months,
    parse_wage,
    prompt,
)
from bot.calc.results import result_text
from bot.dialog import InvalidAnswer

RULES = load_rules(Path(__file__).resolve().parents[2] / "faq")
TODAY = date(2026, 11, 25)


# --- wage parsing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "wage", "assumed_man"),
    [
        ("300만원", 3_000_000, False),
        ("300만", 3_000_000, False),
        ("300 만 원", 3_000_000, False),
        ("3,000,000원", 3_000_000, False),
        ("3000000", 3_000_000, False),
        ("3,000,000", 3_000_000, False),
        ("300", 3_000_000, True),
        ("312.5", 3_125_000, True),
        ("312.5만원", 3_125_000, False),
        ("1,500만원", 15_000_000, False),
        ("월 250만원이요", 2_500_000, False),
        ("세전 280만 원 정도", 2_800_000, False),
        ("３００만원", 3_000_000, False),  # full-width digits
        ("10", 100_000, True),
        ("9999", 99_990_000, True),
    ],
)
def test_wage_forms(typed: str, wage: int, assumed_man: bool) -> None:
    assert parse_wage(typed) == (wage, assumed_man)


@pytest.mark.parametrize(
    ("typed", "message_part"),
    [
        ("삼백만원", "알아보지 못했어요"),
        ("", "알아보지 못했어요"),
        ("-300만원", "알아보지 못했어요"),
        ("300만원 ~ 350만원", "알아보지 못했어요"),
        ("3.000.000", "알아보지 못했어요"),
        ("3000000.5", "알아보지 못했어요"),
        ("0", "너무 적어요"),
        ("5", "너무 적어요"),  # 5만원
        ("10000", "너무 적어요"),  # 10,000원
        ("99999", "너무 적어요"),
        ("20000만원", "너무 많아요"),  # 2억
        ("100000001", "너무 많아요"),
    ],
)
def test_absurd_or_unreadable_wage_is_refused(typed: str, message_part: str) -> None:
    with pytest.raises(InvalidAnswer, match=message_part):
        parse_wage(typed)


# --- months and hours ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "months"),
    [("9", 9), ("9개월", 9), ("9달", 9), ("1년", 12), ("1년 6개월", 18), ("18개월이요", 18)],
)
def test_months_forms(typed: str, months: int) -> None:
    assert parse_months(typed, 1, 18) == months


@pytest.mark.parametrize(
    ("typed", "message_part"),
    [
        ("0", "1~18개월"),
        ("19", "1~18개월"),
        ("2년", "1~18개월"),
        ("여섯달", "알아보지 못했어요"),
        ("", "알아보지 못했어요"),
    ],
)
def test_months_out_of_range_or_unreadable(typed: str, message_part: str) -> None:
    with pytest.raises(InvalidAnswer, match=message_part):
        parse_months(typed, 1, 18)


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("40", Fraction(40)),
        ("주 35시간", Fraction(35)),
        ("37.5", Fraction(75, 2)),
        ("30시간이요", Fraction(30)),
    ],
)
def test_hours_forms(typed: str, hours: Fraction) -> None:
    assert parse_hours(typed) == hours


@pytest.mark.parametrize(
    ("typed", "message_part"), [("37.25", "30분"), ("마흔", "알아보지 못했어요")]
)
def test_hours_refused(typed: str, message_part: str) -> None:
    with pytest.raises(InvalidAnswer, match=message_part):
        parse_hours(typed)


# --- walking the steps -----------------------------------------------------------------------

Answer = tuple[str, str, str]  # ("text" | "choice", step, what)


def walk(kind: str, answers: list[Answer]) -> tuple[dict[str, Any], list[str]]:
    """Answer the dialog from the calculator menu; returns the answers and the steps asked."""
    step = "kind"
    data = accept_choice(step, kind, {})
    asked = []
    step_or_none: str | None = next_step(step, data)
    for how, expected_step, value in answers:
        assert step_or_none == expected_step
        asked.append(expected_step)
        if how == "text":
            data = accept_text(expected_step, value, data, TODAY)
        else:
            data = accept_choice(expected_step, value, data)
        step_or_none = next_step(expected_step, data)
    assert step_or_none is None, f"dialog still asks {step_or_none}"
    return data, asked


def test_parental_general_asks_every_step_and_shows_caps() -> None:
    data, asked = walk(
        "parental",
        [
            ("text", "wage", "300만원"),
            ("text", "start", "2026.12.1"),
            ("choice", "months", "12"),
            ("choice", "single_parent", "no"),
            ("choice", "other_parent", "no"),
        ],
    )
    assert asked == ["wage", "start", "months", "single_parent", "other_parent"]
    assert data == {
        "kind": "parental",
        "wage": 3_000_000,
        "wage_typed": None,
        "start": "2026-12-01",
        "months": 12,
        "single_parent": False,
        "other_parent": False,
    }
    text = result_text(data, RULES, TODAY)
    assert "1개월차 2026년 12월 1일~12월 31일: 2,500,000원 (100%, 상한 250만원 적용)" in text
    assert "12개월차 2027년 11월 1일~11월 30일: 1,600,000원 (80%, 상한 160만원 적용)" in text
    assert "합계 23,100,000원" in text


def test_parental_single_parent_skips_the_other_parent() -> None:
    data, asked = walk(
        "parental",
        [
            ("text", "wage", "400만"),
            ("text", "start", "2026.3.2"),
            ("text", "months", "6개월"),
            ("choice", "single_parent", "yes"),
        ],
    )
    assert asked[-1] == "single_parent"
    assert "한부모 특례" in result_text(data, RULES, TODAY)


def test_parental_six_plus_six_asks_other_start_and_child_birth() -> None:
    data, asked = walk(
        "parental",
        [
            ("text", "wage", "500만원"),
            ("text", "start", "2026.3.2"),
            ("choice", "months", "6"),
            ("choice", "single_parent", "no"),
            ("choice", "other_parent", "yes"),
            ("text", "other_start", "2026.9.1"),
            ("text", "other_months", "6개월"),
            ("text", "child_birth", "2026.1.15"),
        ],
    )
    assert asked[-3:] == ["other_start", "other_months", "child_birth"]
    assert (data["other_start"], data["other_months"], data["child_birth"]) == (
        "2026-09-01",
        6,
        "2026-01-15",
    )
    text = result_text(data, RULES, TODAY)
    assert "6+6 부모육아휴직제 특례" in text
    assert "배우자의 휴직 기간을 알려 주시면" not in text  # the length was given


def test_child_birth_can_be_skipped_and_the_assumption_is_stated() -> None:
    data, _ = walk(
        "parental",
        [
            ("text", "wage", "500만원"),
            ("text", "start", "2026.3.2"),
            ("choice", "months", "6"),
            ("choice", "single_parent", "no"),
            ("choice", "other_parent", "yes"),
            ("text", "other_start", "2026.3.2"),
            ("choice", "other_months", "skip"),
            ("choice", "child_birth", "skip"),
        ],
    )
    assert (data["other_months"], data["child_birth"]) == (None, None)
    text = result_text(data, RULES, TODAY)
    assert "자녀 생년월일을 알려 주면" in text
    assert "배우자의 휴직 기간을 알려 주시면 맞춰 계산해 드려요" in text


def test_bare_number_wage_is_stated_in_the_assumptions() -> None:
    data, _ = walk(
        "parental",
        [
            ("text", "wage", "300"),
            ("text", "start", "2026.12.1"),
            ("choice", "months", "3"),
            ("choice", "single_parent", "no"),
            ("choice", "other_parent", "no"),
        ],
    )
    text = result_text(data, RULES, TODAY)
    assert "'300'로 적으셔서 3,000,000원(만원 단위)으로 보고" in text
    assert text.index("만원 단위") > text.index("계산 기준")


def test_maternity_with_unknown_company_assumes_priority_and_says_so() -> None:
    data, asked = walk(
        "maternity",
        [
            ("text", "wage", "250만원"),
            ("text", "start", "2026.10.1"),
            ("choice", "company", "unknown"),
            ("choice", "birth", "single"),
        ],
    )
    assert asked == ["wage", "start", "company", "birth"]
    assert (data["company"], data["company_assumed"]) == ("priority", True)
    text = result_text(data, RULES, TODAY)
    assert "출산전후휴가 급여 예상액" in text
    assert "우선지원대상기업 · 90일" in text
    assert "회사 규모를 잘 모르셔서" in text


def test_maternity_large_company_twins() -> None:
    data, _ = walk(
        "maternity",
        [
            ("text", "wage", "250만원"),
            ("text", "start", "2026.10.1"),
            ("choice", "company", "large"),
            ("choice", "birth", "multiple"),
        ],
    )
    text = result_text(data, RULES, TODAY)
    assert "대규모기업 · 다태아 · 120일" in text
    assert "회사 규모를 잘 모르셔서" not in text


def test_spouse_leave() -> None:
    data, asked = walk(
        "spouse",
        [
            ("text", "wage", "300만원"),
            ("text", "start", "2026.10.1"),
            ("choice", "company", "priority"),
        ],
    )
    assert asked == ["wage", "start", "company"]
    assert "배우자 출산휴가 급여 예상액" in result_text(data, RULES, TODAY)


def test_reduced_hours_asks_hours_then_dates() -> None:
    data, asked = walk(
        "reduced_hours",
        [
            ("text", "wage", "300만원"),
            ("choice", "hours_before", "40"),
            ("choice", "hours_after", "30"),
            ("text", "start", "2026.12.1"),
            ("text", "months", "12"),
        ],
    )
    assert (
        tuple(asked)
        == KIND_STEPS["reduced_hours"]
        == ("wage", "hours_before", "hours_after", "start", "months")
    )
    assert (data["hours_before"], data["hours_after"]) == ("40", "30")
    text = result_text(data, RULES, TODAY)
    assert "주 40시간 → 30시간(10시간 단축)" in text


def test_reduced_hours_months_go_up_to_36() -> None:
    data = {"kind": "reduced_hours"}
    assert accept_text("months", "36", data, TODAY)["months"] == 36
    with pytest.raises(InvalidAnswer, match="1~36개월"):
        accept_text("months", "37", data, TODAY)


def test_parental_months_stop_at_18() -> None:
    with pytest.raises(InvalidAnswer, match="1~18개월"):
        accept_text("months", "24", {"kind": "parental"}, TODAY)


@pytest.mark.parametrize(
    ("before", "after", "message_part"),
    [
        ("40", "14", "15시간 이상 35시간 이하"),
        ("40", "36", "15시간 이상 35시간 이하"),
        ("30", "30", "단축 전(30시간)보다 적어야"),
    ],
)
def test_reduced_hours_after_is_validated(before: str, after: str, message_part: str) -> None:
    with pytest.raises(InvalidAnswer, match=re.escape(message_part)):
        accept_text("hours_after", after, {"kind": "reduced_hours", "hours_before": before}, TODAY)


@pytest.mark.parametrize("before", ["15", "41", "50"])
def test_reduced_hours_before_is_validated(before: str) -> None:
    with pytest.raises(InvalidAnswer, match="15시간 초과 40시간 이하"):
        accept_text("hours_before", before, {"kind": "reduced_hours"}, TODAY)


def test_hours_after_buttons_are_below_hours_before() -> None:
    choices = prompt("hours_after", {"kind": "reduced_hours", "hours_before": "30"}).choices
    assert [c.value for c in choices] == ["25", "20", "15"]


def test_deadlines_loop_until_done() -> None:
    data, asked = walk(
        "deadlines",
        [
            ("choice", "event", "dismissal"),
            ("text", "event_date", "2026.9.1"),
            ("choice", "event", "leave_end"),
            ("text", "event_date", "2026.8.31"),
            ("choice", "event", "done"),
        ],
    )
    assert asked == ["event", "event_date", "event", "event_date", "event"]
    assert data["events"] == {"dismissal": "2026-09-01", "leave_end": "2026-08-31"}
    text = result_text(data, RULES, TODAY)
    assert "부당해고 구제신청(지방노동위원회): 2026년 12월 1일(화)까지 (D-6)" in text
    assert "급여 신청: 2027년 8월 31일(화)까지" in text


def test_deadline_menu_drops_entered_events_and_offers_done() -> None:
    data = {"kind": "deadlines", "events": {"dismissal": "2026-09-01"}}
    values = [c.value for c in prompt("event", data).choices]
    assert values == [
        "resignation",
        "leave_end",
        "discrimination",
        "first_ruling",
        "review_ruling",
        "birth",
        "done",
    ]
    assert "done" not in [c.value for c in prompt("event", {"kind": "deadlines"}).choices]


def test_deadlines_end_after_every_event() -> None:
    data: dict[str, Any] = {"kind": "deadlines", "events": {}}
    events = ("dismissal", "resignation", "leave_end", "discrimination")
    for event in (*events, "first_ruling", "review_ruling", "birth"):
        data = accept_choice("event", event, data)
        data = accept_text("event_date", "2026.9.1", data, TODAY)
    assert next_step("event_date", data) is None
    text = result_text(data, RULES, TODAY)
    assert calc_texts.NOTE_RESIGNATION in text
    # 2026-09-01 + 10일 = 09-11(금); + 15일 = 09-16(수); + 120일 = 2026-12-30(수)
    assert "재심 신청(중앙노동위원회): 2026년 9월 11일(금)까지" in text
    assert "행정소송 제기(법원): 2026년 9월 16일(수)까지" in text
    assert "배우자 출산전후휴가 사용: 2026년 12월 30일(수)까지" in text


def test_dismissal_date_in_the_future_is_refused() -> None:
    data = accept_choice("event", "dismissal", {"kind": "deadlines"})
    with pytest.raises(InvalidAnswer, match="아직 오지 않은 날짜"):
        accept_text("event_date", "2026.12.24", data, TODAY)


def test_leave_end_may_be_in_the_future() -> None:
    data = accept_choice("event", "leave_end", {"kind": "deadlines"})
    assert accept_text("event_date", "2027.3.1", data, TODAY)["events"] == {
        "leave_end": "2027-03-01"
    }


@pytest.mark.parametrize(
    ("typed", "message_part"),
    [
        ("2026.2.30", "달력에 없는 날짜"),
        ("언젠가", "알아보지 못했어요"),
        ("2010.1.1", "10년보다 오래된"),
    ],
)
def test_invalid_start_date_is_refused(typed: str, message_part: str) -> None:
    with pytest.raises(InvalidAnswer, match=message_part):
        accept_text("start", typed, {"kind": "parental"}, TODAY)


def test_choice_not_offered_is_refused() -> None:
    with pytest.raises(InvalidAnswer, match="버튼"):
        accept_choice("company", "medium", {"kind": "maternity"})
    with pytest.raises(InvalidAnswer, match="버튼"):
        accept_choice("kind", "lottery", {})


def test_typed_button_label_counts_as_the_button() -> None:
    data = accept_text("company", "대규모기업", {"kind": "maternity"}, TODAY)
    assert data["company"] == "large"
    assert accept_text("single_parent", "네", {"kind": "parental"}, TODAY)["single_parent"]


def test_typing_at_a_buttons_only_step_asks_for_a_button() -> None:
    with pytest.raises(InvalidAnswer, match="버튼"):
        accept_text("birth", "보통이요", {"kind": "maternity"}, TODAY)


def test_every_step_has_a_question_and_text_or_buttons() -> None:
    data = {"kind": "parental", "pending_event": "dismissal", "hours_before": "40"}
    for kind, steps in KIND_STEPS.items():
        for step in steps:
            shown = prompt(step, {**data, "kind": kind})
            assert shown.text
            assert shown.choices or shown.accepts_text, step
    assert set(STEPS) == {"kind"} | {s for steps in KIND_STEPS.values() for s in steps}


def test_callback_data_fits_telegram() -> None:
    data = {"kind": "parental", "hours_before": "40"}
    for step in STEPS:
        for choice in STEPS[step].choices(data):
            assert len(f"calc:{step}:{choice.value}".encode()) <= 64


def test_first_step_is_the_menu_or_the_kind_s_first_question() -> None:
    assert first_step(None) == "kind"
    assert first_step("deadlines") == "event"
    assert prompt("kind", {}).choices[0].label == "육아휴직 급여"


def test_start_outside_the_rule_tables_raises_rule_not_in_force() -> None:
    data = {
        "kind": "parental",
        "wage": 3_000_000,
        "start": "2020-01-01",
        "months": 3,
        "single_parent": False,
        "other_parent": False,
    }
    with pytest.raises(RuleNotInForceError):
        result_text(data, RULES, TODAY)


def test_premature_birth_before_its_rule_is_an_input_error() -> None:
    data = {
        "kind": "maternity",
        "wage": 3_000_000,
        "start": "2025-01-10",
        "company": "priority",
        "birth": "premature",
    }
    with pytest.raises(CalcInputError, match="미숙아"):
        result_text(data, RULES, TODAY)


def test_leave_length_as_days_or_an_end_date() -> None:
    data: dict[str, Any] = {"kind": "parental", "wage": 3_000_000, "start": "2026-09-01"}
    by_days = accept_text("months", "14일", data, TODAY)
    assert (by_days.get("days"), "months" in by_days) == (14, False)
    # 14일: 1·2주 단기 육아휴직 → 2,500,000(상한) × 14/30 = 1,166,666.67 → 1,166,666
    text = result_text({**by_days, "single_parent": False, "other_parent": False}, RULES, TODAY)
    assert "1개월차 2026년 9월 1일~9월 14일(14/30일): 1,166,666원" in text
    by_end = accept_text("months", "2026.11.15", {**by_days}, TODAY)
    assert (by_end.get("end"), "days" in by_end) == ("2026-11-15", False)
    # 09-01~11-15: 2개월 전액 + 3개월차 11-01~11-30 중 15일 = 2,500,000 × 15/30 = 1,250,000
    text = result_text({**by_end, "single_parent": False, "other_parent": False}, RULES, TODAY)
    assert "3개월차 2026년 11월 1일~11월 15일(15/30일): 1,250,000원" in text


# --- the other parent's leave length; 난임치료휴가 and 배우자 유산·사산휴가 -----------------


def test_a_shorter_other_parent_leave_limits_the_special_months() -> None:
    # 500만원, both from 2026-03-02, the other parent 3 months: special caps 250/250/300 for
    # months 1–3, then the general 100% cap 200만 for months 4–6 → 14,000,000 (not 20,000,000)
    data, _ = walk(
        "parental",
        [
            ("text", "wage", "500만원"),
            ("text", "start", "2026.3.2"),
            ("choice", "months", "6"),
            ("choice", "single_parent", "no"),
            ("choice", "other_parent", "yes"),
            ("text", "other_start", "2026.3.2"),
            ("choice", "other_months", "3"),
            ("choice", "child_birth", "skip"),
        ],
    )
    assert data["other_months"] == 3
    text = result_text(data, RULES, TODAY)
    assert "특례 상한은 짧은 쪽 기간인 처음 3개월에 적용해요." in text
    assert "3개월차 2026년 5월 2일~6월 1일: 3,000,000원 (100%, 상한 300만원 적용)" in text
    assert "4개월차 2026년 6월 2일~7월 1일: 2,000,000원 (100%, 상한 200만원 적용)" in text
    assert "합계 14,000,000원" in text


def test_other_months_are_not_asked_without_the_other_parent() -> None:
    _, asked = walk(
        "parental",
        [
            ("text", "wage", "300만원"),
            ("text", "start", "2026.12.1"),
            ("choice", "months", "3"),
            ("choice", "single_parent", "no"),
            ("choice", "other_parent", "no"),
        ],
    )
    assert "other_months" not in asked


@pytest.mark.parametrize(("typed", "months"), [("1년", 12), ("9달", 9), ("18", 18)])
def test_other_months_typed(typed: str, months: int) -> None:
    data = {"kind": "parental", "other_parent": True}
    assert accept_text("other_months", typed, data, TODAY)["other_months"] == months


def test_other_months_out_of_range_are_refused() -> None:
    with pytest.raises(InvalidAnswer, match="1~18개월"):
        accept_text("other_months", "19개월", {"kind": "parental"}, TODAY)


def test_infertility_leave_dialog() -> None:
    data, asked = walk(
        "infertility",
        [
            ("text", "wage", "3,135,000원"),
            ("text", "start", "2026.12.10"),
            ("choice", "company", "unknown"),
        ],
    )
    assert asked == ["wage", "start", "company"]
    text = result_text(data, RULES, TODAY)
    assert "유급 4일 (하루 통상임금 120,000원)" in text
    assert "- 고용보험 2일: 통상임금으로 240,000원 기준 *" in text
    assert "- 회사 2일: 240,000원 *" in text
    assert calc_texts.ASSUMED_COMPANY_PAID_LEAVE in text


def test_spouse_loss_leave_dialog() -> None:
    data, asked = walk(
        "spouse_loss",
        [
            ("text", "wage", "3,135,000원"),
            ("text", "start", "2026.11.3"),
            ("choice", "company", "priority"),
        ],
    )
    assert asked == ["wage", "start", "company"]
    assert "유산·사산한 날" in prompt("start", data).text
    text = result_text(data, RULES, TODAY)
    assert "휴가 청구는 2026년 11월 23일(월)까지 해야 해요." in text
    assert "- 고용보험 3일: 통상임금으로 360,000원 기준" in text
    assert "무급 2일" in text


def test_spouse_loss_before_the_law_raises_rule_not_in_force() -> None:
    data = {"kind": "spouse_loss", "wage": 3_135_000, "start": "2026-09-01", "company": "large"}
    with pytest.raises(RuleNotInForceError, match="배우자 유산·사산휴가"):
        result_text(data, RULES, TODAY)
