"""출산전후휴가 and 배우자 출산휴가 pay against hand-worked examples.

Rows: maternity cap 월 210만 (2025) / 220만 (2026.1.1~), per day cap ÷ 30; floor = minimum
wage × 209 h (2025: 2,096,270, 2026: 2,156,880) ÷ 30; 90일 (다태아 120, 미숙아 100 from
2025-02-23), paid days 60 (다태아 75). Priority companies: 고용보험 pays every day, employer
tops up paid days; large companies: employer pays the paid days, 고용보험 the rest.
Spouse: 20 paid days, cap for 20 days 1,607,650 (2025-02-23~) / 1,684,210 (2026);
daily wage = monthly ÷ 209 × 8.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.calc import (
    CalcInputError,
    RuleNotInForceError,
    load_rules,
    maternity_leave_pay,
    render_maternity_leave_pay,
    render_spouse_leave_pay,
    spouse_leave_pay,
)

RULES = load_rules(Path(__file__).resolve().parents[2] / "faq")


@dataclass(frozen=True)
class Case:
    id: str
    inputs: dict[str, Any]
    government: list[int]  # per 30-day block
    employer: list[int]


CASES = [
    Case(
        "priority-spans-1-january-2026",
        # 3,000,000원, 2025-12-01부터 90일 (~2026-02-28), 하루 임금 100,000.
        # 1~30일 (12-01~12-30, 2025): 고용보험 70,000 × 30 = 2,100,000; 회사 차액 30,000 × 30
        # 31~60일 (12-31 하루는 2025, 01-01~01-29 29일은 2026): 70,000 + 73,333.33 × 29
        #   = 70,000 + 2,126,666.67 = 2,196,666.67 → 2,196,666;
        #   회사 30,000 + 26,666.67 × 29 = 803,333.33 → 803,333
        # 61~90일 (01-30~02-28, 2026): 73,333.33 × 30 = 2,200,000; 회사 0 (유급 60일 이후)
        {"monthly_wage": 3_000_000, "start": date(2025, 12, 1), "company": "priority"},
        [2_100_000, 2_196_666, 2_200_000],
        [900_000, 803_333, 0],
    ),
    Case(
        "large-spans-1-january-2026",
        # 대규모기업: 처음 60일은 회사가 100,000 × 30 = 3,000,000씩,
        # 61~90일 (2026)만 고용보험 상한 2,200,000
        {"monthly_wage": 3_000_000, "start": date(2025, 12, 1), "company": "large"},
        [0, 0, 2_200_000],
        [3_000_000, 3_000_000, 0],
    ),
    Case(
        "priority-below-cap-2026",
        # 2,180,000원 (최저임금 2,156,880 이상, 상한 2,200,000 이하) → 30일마다 2,180,000
        {"monthly_wage": 2_180_000, "start": date(2026, 3, 1), "company": "priority"},
        [2_180_000] * 3,
        [0] * 3,
    ),
    Case(
        "priority-minimum-wage-floor-2025",
        # 2,000,000원 < 2025 최저임금 월 환산 2,096,270 → 하한 2,096,270 (30일마다),
        # 회사 차액 없음 (고용보험이 임금보다 많음)
        {"monthly_wage": 2_000_000, "start": date(2025, 3, 1), "company": "priority"},
        [2_096_270] * 3,
        [0] * 3,
    ),
    Case(
        "large-multiple-births-120-days",
        # 다태아 120일, 유급 75일. 3,000,000원, 2026-03-01부터.
        # 1~30, 31~60: 회사 3,000,000씩; 61~90: 회사 61~75일 15 × 100,000 = 1,500,000
        #   + 고용보험 76~90일 15 × 73,333.33 = 1,100,000; 91~120: 고용보험 2,200,000
        {
            "monthly_wage": 3_000_000,
            "start": date(2026, 3, 1),
            "company": "large",
            "birth": "multiple",
        },
        [0, 0, 1_100_000, 2_200_000],
        [3_000_000, 3_000_000, 1_500_000, 0],
    ),
    Case(
        "large-premature-100-days-floor",
        # 미숙아 100일, 유급 60일. 1,500,000원, 2026-03-01부터, 대규모기업.
        # 1~60일 회사 50,000 × 30 = 1,500,000씩; 61~100일 고용보험 하한 2,156,880 ÷ 30
        #   = 71,896/일 → 61~90일 2,156,880, 91~100일 71,896 × 10 = 718,960
        {
            "monthly_wage": 1_500_000,
            "start": date(2026, 3, 1),
            "company": "large",
            "birth": "premature",
        },
        [0, 0, 2_156_880, 718_960],
        [1_500_000, 1_500_000, 0, 0],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hand_worked_maternity(case: Case) -> None:
    result = maternity_leave_pay(RULES, **case.inputs)
    assert [block.government for block in result.blocks] == case.government
    assert [block.employer for block in result.blocks] == case.employer
    assert result.government_total == sum(case.government)
    assert result.employer_total == sum(case.employer)
    assert result.total == sum(case.government) + sum(case.employer)


def test_leave_length_and_who_pays() -> None:
    single = maternity_leave_pay(
        RULES, monthly_wage=3_000_000, start=date(2025, 12, 1), company="large"
    )
    assert (single.leave_days, single.employer_paid_days, single.government_days) == (90, 60, 30)
    assert single.end == date(2026, 2, 28)
    multiple = maternity_leave_pay(
        RULES, monthly_wage=3_000_000, start=date(2026, 3, 1), company="priority", birth="multiple"
    )
    assert (multiple.leave_days, multiple.employer_paid_days, multiple.government_days) == (
        120,
        75,
        120,
    )


def test_premature_100_days_only_from_2025_02_23() -> None:
    with pytest.raises(CalcInputError, match="2025년 2월 23일"):
        maternity_leave_pay(
            RULES,
            monthly_wage=3_000_000,
            start=date(2025, 2, 22),
            company="priority",
            birth="premature",
        )
    after = maternity_leave_pay(
        RULES,
        monthly_wage=3_000_000,
        start=date(2025, 2, 23),
        company="priority",
        birth="premature",
    )
    assert after.leave_days == 100
    # 2025: 70,000/일 × 100 = 7,000,000 (after 2026-01-01 no day is reached)
    assert after.government_total == 7_000_000


def test_uncertain_cap_marks_only_blocks_paid_by_insurance_in_2026() -> None:
    result = maternity_leave_pay(
        RULES, monthly_wage=3_000_000, start=date(2025, 12, 1), company="large"
    )
    assert [block.is_uncertain for block in result.blocks] == [False, False, True]
    assert any("220만원" in note for note in result.uncertainties)


def test_floor_note_and_minimum_wage_row_only_when_the_floor_applies() -> None:
    floored = maternity_leave_pay(
        RULES, monthly_wage=2_000_000, start=date(2025, 3, 1), company="priority"
    )
    plain = maternity_leave_pay(
        RULES, monthly_wage=3_000_000, start=date(2025, 3, 1), company="priority"
    )
    assert any("하한" in note for note in floored.uncertainties)
    assert any("최저임금" in basis for basis in floored.legal_basis)
    assert plain.uncertainties == ()
    assert not any("최저임금" in basis for basis in plain.legal_basis)


def test_before_the_tables_start() -> None:
    with pytest.raises(RuleNotInForceError):
        maternity_leave_pay(
            RULES, monthly_wage=3_000_000, start=date(2024, 12, 1), company="priority"
        )


def test_bad_company_is_refused() -> None:
    with pytest.raises(CalcInputError):
        maternity_leave_pay(
            RULES,
            monthly_wage=3_000_000,
            start=date(2026, 3, 1),
            company="medium",  # type: ignore[arg-type]  # bad input on purpose
        )


def test_render_maternity() -> None:
    text = render_maternity_leave_pay(
        maternity_leave_pay(
            RULES, monthly_wage=3_000_000, start=date(2025, 12, 1), company="priority"
        )
    )
    lines = text.splitlines()
    assert (
        "31~60일(2025년 12월 31일~2026년 1월 29일): "
        "고용보험 2,196,666원(상한 적용) + 회사 803,333원 *" in lines
    )
    assert "합계 8,199,999원 (고용보험 6,496,666원, 회사 1,703,333원)" in lines


@dataclass(frozen=True)
class SpouseCase:
    id: str
    inputs: dict[str, Any]
    wage_for_days: int
    government: int
    employer: int


SPOUSE_CASES = [
    SpouseCase(
        "priority-above-cap-2026",
        # 4,000,000 ÷ 209 × 8 × 20 = 3,062,200.96 → 3,062,200; 상한 1,684,210;
        # 회사 3,062,200 − 1,684,210 = 1,377,990
        {"monthly_wage": 4_000_000, "start": date(2026, 3, 2), "company": "priority"},
        3_062_200,
        1_684_210,
        1_377_990,
    ),
    SpouseCase(
        "priority-below-cap-2026",
        # 2,000,000 ÷ 209 × 8 × 20 = 1,531,100.48 → 1,531,100 < 상한 → 전액 고용보험
        {"monthly_wage": 2_000_000, "start": date(2026, 3, 2), "company": "priority"},
        1_531_100,
        1_531_100,
        0,
    ),
    SpouseCase(
        "priority-10-days-2025",
        # 4,000,000 ÷ 209 × 8 × 10 = 1,531,100.48 → 1,531,100;
        # 2025 상한 1,607,650 × 10/20 = 803,825; 회사 1,531,100 − 803,825 = 727,275
        {"monthly_wage": 4_000_000, "start": date(2025, 6, 2), "company": "priority", "days": 10},
        1_531_100,
        803_825,
        727_275,
    ),
    SpouseCase(
        "large-company",
        # 대규모기업: 고용보험 지원 없음, 회사가 3,062,200 전부
        {"monthly_wage": 4_000_000, "start": date(2026, 3, 2), "company": "large"},
        3_062_200,
        0,
        3_062_200,
    ),
]


@pytest.mark.parametrize("case", SPOUSE_CASES, ids=[case.id for case in SPOUSE_CASES])
def test_hand_worked_spouse_leave(case: SpouseCase) -> None:
    result = spouse_leave_pay(RULES, **case.inputs)
    assert (result.wage_for_days, result.government, result.employer) == (
        case.wage_for_days,
        case.government,
        case.employer,
    )


def test_spouse_leave_before_2025_02_23_and_too_many_days() -> None:
    with pytest.raises(RuleNotInForceError):
        spouse_leave_pay(
            RULES, monthly_wage=3_000_000, start=date(2025, 2, 22), company="priority"
        )
    with pytest.raises(CalcInputError):
        spouse_leave_pay(
            RULES, monthly_wage=3_000_000, start=date(2026, 3, 2), company="priority", days=21
        )


def test_render_spouse_leave_flags_the_uncertain_cap() -> None:
    text = render_spouse_leave_pay(
        spouse_leave_pay(RULES, monthly_wage=4_000_000, start=date(2026, 3, 2), company="priority")
    )
    assert "- 고용보험 1,684,210원 (상한 1,684,210원 적용) *" in text.splitlines()
    assert (
        "- 배우자 출산휴가 급여(2026년 1월 1일(목)부터): 2026년 상한 1,684,210원"
        "(월 220만원 ÷ 209시간 × 8시간 × 20일)." in text.splitlines()
    )


def test_floor_is_the_minimum_wage_on_the_first_day_for_the_whole_leave() -> None:
    # 2,000,000원, 2025-12-15부터 90일(우선지원): 시작일의 최저임금은 2025년 월 2,096,270원.
    # 하루 하한 2,096,270 ÷ 30 = 69,875.67원 — 2026-01-01부터(2026년 2,156,880원)도 그대로.
    # 상한(2025 월 210만 ÷ 30 = 70,000, 2026 220만 ÷ 30 = 73,333)보다 낮아 하한이 적용:
    # 30일마다 69,875.67 × 30 = 2,096,270 → [2,096,270] × 3, 회사 차액 없음.
    result = maternity_leave_pay(
        RULES, monthly_wage=2_000_000, start=date(2025, 12, 15), company="priority"
    )
    assert [block.government for block in result.blocks] == [2_096_270] * 3
    assert [block.employer for block in result.blocks] == [0, 0, 0]
    assert all(block.is_floored for block in result.blocks)
    assert any("휴가를 시작한 날의 최저임금" in note for note in result.uncertainties)
