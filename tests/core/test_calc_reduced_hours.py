"""육아기 근로시간 단축 급여 against hand-worked examples.

Per month: min(wage × 100%, cap₁) × min(r, 10) ÷ before + min(wage × 80%, cap₂) × (r − 10)⁺ ÷
before, r = before − after. Caps: 2025 cap₁ 220만 / cap₂ 150만; 2026 250만 / 160만.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from bot.calc import CalcInputError, load_rules, reduced_hours_pay, render_reduced_hours_pay

RULES = load_rules(Path(__file__).resolve().parents[2] / "faq")


@dataclass(frozen=True)
class Case:
    id: str
    inputs: dict[str, Any]
    amounts: list[int]


CASES = [
    Case(
        "10-hours-2025-capped",
        # 3,000,000원, 40 → 30시간: min(3,000,000, 2,200,000) × 10/40 = 550,000
        {
            "monthly_wage": 3_000_000,
            "hours_before": 40,
            "hours_after": 30,
            "start": date(2025, 3, 1),
            "months": 1,
        },
        [550_000],
    ),
    Case(
        "10-hours-2026-capped",
        # 같은 조건 2026: min(3,000,000, 2,500,000) × 10/40 = 625,000
        {
            "monthly_wage": 3_000_000,
            "hours_before": 40,
            "hours_after": 30,
            "start": date(2026, 3, 1),
            "months": 1,
        },
        [625_000],
    ),
    Case(
        "15-hours-spanning-1-january",
        # 3,000,000원, 40 → 25시간 (15시간: 10 + 5), 2025-12-16부터 2개월
        # 2025 한 달: 2,200,000 × 10/40 = 550,000 + min(2,400,000, 1,500,000) × 5/40 = 187,500
        # 2026 한 달: 2,500,000 × 10/40 = 625,000 + min(2,400,000, 1,600,000) × 5/40 = 200,000
        # 1개월차 12-16~01-15 (31일 = 2025년 16일 + 2026년 15일):
        #   (550,000 × 16 + 625,000 × 15)/31 = 586,290.32 → 처음 10시간분
        #   (187,500 × 16 + 200,000 × 15)/31 = 193,548.39 → 나머지
        #   합 779,838.71 → 779,838
        # 2개월차 01-16~02-15 (2026): 825,000
        {
            "monthly_wage": 3_000_000,
            "hours_before": 40,
            "hours_after": 25,
            "start": date(2025, 12, 16),
            "months": 2,
        },
        [779_838, 825_000],
    ),
    Case(
        "below-caps-5-hours",
        # 2,000,000원, 40 → 35시간: 2,000,000 × 5/40 = 250,000 (상한 아래)
        {
            "monthly_wage": 2_000_000,
            "hours_before": 40,
            "hours_after": 35,
            "start": date(2026, 3, 1),
            "months": 1,
        },
        [250_000],
    ),
    Case(
        "below-caps-20-hours",
        # 2,000,000원, 40 → 20시간: 2,000,000 × 10/40 = 500,000
        #   + min(1,600,000, 1,600,000) × 10/40 = 400,000 → 900,000
        {
            "monthly_wage": 2_000_000,
            "hours_before": 40,
            "hours_after": 20,
            "start": date(2026, 3, 1),
            "months": 1,
        },
        [900_000],
    ),
    Case(
        "part-time-before",
        # 1,500,000원, 주 30 → 15.5시간 (14.5시간: 10 + 4.5):
        # 1,500,000 × 10/30 = 500,000 + 1,200,000 × 4.5/30 = 180,000 → 680,000
        {
            "monthly_wage": 1_500_000,
            "hours_before": 30,
            "hours_after": 15.5,
            "start": date(2026, 3, 1),
            "months": 1,
        },
        [680_000],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hand_worked_examples(case: Case) -> None:
    result = reduced_hours_pay(RULES, **case.inputs)
    assert [row.amount for row in result.rows] == case.amounts
    assert result.total == sum(case.amounts)


def test_parts_caps_and_employer_estimate() -> None:
    result = reduced_hours_pay(
        RULES,
        monthly_wage=3_000_000,
        hours_before=40,
        hours_after=25,
        start=date(2025, 12, 16),
        months=2,
    )
    first = result.rows[0]
    assert (first.full_rate_part, first.rest_part) == (586_290, 193_548)
    assert first.valid_from == (date(2025, 1, 1), date(2026, 1, 1))
    assert first.is_capped
    assert first.is_uncertain  # 2026 caps are flagged
    assert (result.full_rate_hours, result.rest_hours) == (Fraction(10), Fraction(5))
    assert result.employer_monthly_estimate == 1_875_000  # 3,000,000 × 25/40
    uncapped = reduced_hours_pay(
        RULES,
        monthly_wage=2_000_000,
        hours_before=40,
        hours_after=35,
        start=date(2025, 3, 1),
        months=1,
    )
    assert not uncapped.rows[0].is_capped
    assert not uncapped.rows[0].is_uncertain


@pytest.mark.parametrize(
    ("before", "after"),
    [(40, 14), (40, 36), (30, 30), (41, 30), (40, 30.25)],
    ids=["after-under-15", "after-over-35", "no-reduction", "before-over-40", "quarter-hour"],
)
def test_bad_hours_are_refused(before: float, after: float) -> None:
    with pytest.raises(CalcInputError):
        reduced_hours_pay(
            RULES,
            monthly_wage=3_000_000,
            hours_before=before,
            hours_after=after,
            start=date(2026, 3, 1),
            months=1,
        )


def test_render() -> None:
    text = render_reduced_hours_pay(
        reduced_hours_pay(
            RULES,
            monthly_wage=3_000_000,
            hours_before=40,
            hours_after=25,
            start=date(2025, 12, 16),
            months=2,
        )
    )
    lines = text.splitlines()
    assert (
        "통상임금 월 3,000,000원 · 주 40시간 → 25시간(15시간 단축) · 2개월"
        "(2025년 12월 16일(화)~2026년 2월 15일(일))"
    ) in lines
    assert (
        "1개월차 2025년 12월 16일~2026년 1월 15일: 779,838원 (586,290원 + 193,548원, 상한 적용) *"
        in lines
    )
    assert "합계 1,604,838원" in lines


def test_end_date_pays_the_part_month_by_its_days() -> None:
    # 3,000,000원, 주 40 → 30시간, 2026-03-01부터 45일(~04-14):
    # 1개월차 전액: min(3,000,000, 250만) × 10/40 = 625,000
    # 2개월차 04-01~04-30(30일) 중 14일: 625,000 × 14/30 = 291,666.67 → 291,666
    by_days = reduced_hours_pay(
        RULES,
        monthly_wage=3_000_000,
        hours_before=40,
        hours_after=30,
        start=date(2026, 3, 1),
        days=45,
    )
    assert [row.amount for row in by_days.rows] == [625_000, 291_666]
    assert [(row.days, row.month_days) for row in by_days.rows] == [(31, 31), (14, 30)]
    by_end = reduced_hours_pay(
        RULES,
        monthly_wage=3_000_000,
        hours_before=40,
        hours_after=30,
        start=date(2026, 3, 1),
        end=date(2026, 4, 14),
    )
    assert by_end.rows == by_days.rows
    assert by_end.total == 916_666
