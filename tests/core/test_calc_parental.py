"""육아휴직 급여 calculator against hand-worked examples (the arithmetic is in the comments).

Rule rows (faq/rules/parental-leave-pay.yaml):
- general 2024: 80%, cap 150만, floor 70만, 25% paid after return
- general 2025~: months 1–3 100% cap 250만, 4–6 100% cap 200만, 7~ 80% cap 160만, floor 70만
- 6+6 2024: months 1..6 100%, caps 200/250/300/350/400/450만
- 6+6 2025~: months 1..6 100%, caps 250/250/300/350/400/450만
- single parent 2025~: 1–3 100% cap 300만, 4–6 100% cap 200만, 7~ 80% cap 160만
A leave month n runs from the start's day n−1 months later to the day before the next.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.calc import (
    CalcInputError,
    RuleNotInForceError,
    load_rules,
    parental_leave_pay,
    render_parental_leave_pay,
)

RULES = load_rules(Path(__file__).resolve().parents[2] / "faq")


@dataclass(frozen=True)
class Case:
    id: str
    inputs: dict[str, Any]
    amounts: list[int]
    later: list[int] = field(default_factory=list)  # paid after the leave; [] = all zero
    scheme: str = "general"


CASES = [
    Case(
        "spans-1-january-2025",
        # 2,000,000원, 2024-11-15부터 3개월
        # 1개월차 11-15~12-14 (2024): 2,000,000 × 80% = 1,600,000 → 상한 1,500,000;
        #   25% 375,000은 복직 후 → 휴직 중 1,125,000
        # 2개월차 12-15~01-14 (31일): 2024년 17일 1,500,000 × 17/31 = 822,580.65
        #   + 2025년 14일 (2개월차 100%, 상한 250만) 2,000,000 × 14/31 = 903,225.81
        #   = 1,725,806.45 → 1,725,806; 나중에 822,580.65 × 25% = 205,645.16 → 205,645
        # 3개월차 01-15~02-14 (2025): 2,000,000 × 100% = 2,000,000
        {"monthly_wage": 2_000_000, "start": date(2024, 11, 15), "months": 3},
        [1_500_000, 1_725_806, 2_000_000],
        [375_000, 205_645, 0],
    ),
    Case(
        "wage-above-caps-2026",
        # 5,000,000원, 2026-02-01부터 12개월: 1–3 상한 2,500,000; 4–6 상한 2,000,000;
        # 7–12: 5,000,000 × 80% = 4,000,000 → 상한 1,600,000.
        # 합계 3 × 2.5M + 3 × 2.0M + 6 × 1.6M = 7.5M + 6M + 9.6M = 23,100,000
        {"monthly_wage": 5_000_000, "start": date(2026, 2, 1), "months": 12},
        [2_500_000] * 3 + [2_000_000] * 3 + [1_600_000] * 6,
    ),
    Case(
        "wage-below-caps-and-floor-2026",
        # 800,000원, 2026-01-01부터 8개월: 1–6 100% = 800,000 (상한 아래);
        # 7–8: 800,000 × 80% = 640,000 < 하한 700,000 → 700,000. 합계 4.8M + 1.4M = 6,200,000
        {"monthly_wage": 800_000, "start": date(2026, 1, 1), "months": 8},
        [800_000] * 6 + [700_000] * 2,
    ),
    Case(
        "floor-before-2025",
        # 800,000원, 2024-03-01부터 2개월: 80% = 640,000 < 하한 700,000 → 700,000;
        # 25% 175,000은 복직 후 (휴직 중 525,000)
        {"monthly_wage": 800_000, "start": date(2024, 3, 1), "months": 2},
        [700_000, 700_000],
        [175_000, 175_000],
    ),
    Case(
        "6plus6-second-parent-starts-later",
        # 자녀 2025-03-10생 (생후 18개월 = 2026-09-09까지). 배우자 2025-06-01 휴직 시작,
        # 나는 2026-01-05 시작(두 번째) → 특례. 내 달은 내 시작일부터 1개월차로 센다:
        # 1개월차 2026-01-05~02-04 상한 250만 → 2,500,000; 2: 2,500,000; 3: 3,000,000;
        # 4: 3,500,000; 5: 4,000,000; 6: 4,500,000 (5,000,000원이 모두 상한 이상);
        # 7개월차 일반 80% = 4,000,000 → 상한 1,600,000. 합계 20,000,000 + 1,600,000
        {
            "monthly_wage": 5_000_000,
            "start": date(2026, 1, 5),
            "months": 7,
            "other_parent_start": date(2025, 6, 1),
            "child_birth": date(2025, 3, 10),
        },
        [2_500_000, 2_500_000, 3_000_000, 3_500_000, 4_000_000, 4_500_000, 1_600_000],
        scheme="6plus6",
    ),
    Case(
        "6plus6-i-go-first-other-parent-later",
        # 3,000,000원, 나 2025-06-01부터 6개월, 배우자 2025-09-01 시작 (자녀 2025-03-10생).
        # 특례: 1–2개월차 상한 250만 → 2,500,000; 3–6개월차 상한 300~450만 → 3,000,000.
        # 배우자 시작 전에 시작하는 달(1–3개월차)은 일반 급여 먼저: 1–2 2,500,000 (차이 0),
        # 3개월차 일반 2,500,000 → 특례 3,000,000과의 차액 500,000은 나중에 소급.
        # 4–6개월차는 배우자 시작 뒤라 바로 3,000,000. 합계 17,000,000, 나중에 500,000
        {
            "monthly_wage": 3_000_000,
            "start": date(2025, 6, 1),
            "months": 6,
            "other_parent_start": date(2025, 9, 1),
            "child_birth": date(2025, 3, 10),
        },
        [2_500_000, 2_500_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000],
        [0, 0, 500_000, 0, 0, 0],
        scheme="6plus6",
    ),
    Case(
        "6plus6-too-late-after-18-months",
        # 자녀 2024-01-10생 → 생후 18개월은 2025-07-09까지. 배우자 시작 2025-08-01은 그 뒤
        # → 특례 없음, 일반: 3,000,000원 1–3개월차 상한 2,500,000 × 3
        {
            "monthly_wage": 3_000_000,
            "start": date(2025, 1, 2),
            "months": 3,
            "other_parent_start": date(2025, 8, 1),
            "child_birth": date(2024, 1, 10),
        },
        [2_500_000] * 3,
    ),
    Case(
        "6plus6-first-month-spans-1-january-2025",
        # 배우자 2024-10-01 시작, 나 2024-12-20 시작(두 번째), 1개월, 3,000,000원.
        # 1개월차 2024-12-20~2025-01-19 (31일): 2024년 12일 특례 1개월차 상한 200만
        #   → 2,000,000 × 12/31 = 774,193.55; 2025년 19일 상한 250만 → 2,500,000 × 19/31
        #   = 1,532,258.06; 합 2,306,451.61 → 2,306,451
        {
            "monthly_wage": 3_000_000,
            "start": date(2024, 12, 20),
            "months": 1,
            "other_parent_start": date(2024, 10, 1),
        },
        [2_306_451],
        scheme="6plus6",
    ),
    Case(
        "single-parent-2025",
        # 3,500,000원, 2025-03-01부터 7개월: 1–3 상한 300만 → 3,000,000; 4–6 상한 200만;
        # 7: 3,500,000 × 80% = 2,800,000 → 상한 1,600,000. 합계 9M + 6M + 1.6M = 16,600,000
        {"monthly_wage": 3_500_000, "start": date(2025, 3, 1), "months": 7, "single_parent": True},
        [3_000_000] * 3 + [2_000_000] * 3 + [1_600_000],
        scheme="single-parent",
    ),
    Case(
        "month-end-start",
        # 2025-01-31 시작: 1개월차 01-31~02-28, 2개월차 03-01~03-30 (민법 제160조),
        # 2,400,000원 → 1–2개월차 100% 2,400,000 (상한 250만 아래)
        {"monthly_wage": 2_400_000, "start": date(2025, 1, 31), "months": 2},
        [2_400_000, 2_400_000],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hand_worked_examples(case: Case) -> None:
    result = parental_leave_pay(RULES, **case.inputs)
    assert [row.amount for row in result.rows] == case.amounts
    later = case.later or [0] * len(case.amounts)
    assert [row.paid_later for row in result.rows] == later
    assert [row.paid_during_leave for row in result.rows] == [
        amount - delay for amount, delay in zip(case.amounts, later, strict=True)
    ]
    assert result.total == sum(case.amounts)
    assert result.total_later == sum(later)
    assert result.scheme == case.scheme


def test_a_month_spanning_1_january_has_two_parts() -> None:
    result = parental_leave_pay(RULES, monthly_wage=2_000_000, start=date(2024, 11, 15), months=3)
    second = result.rows[1]
    assert (second.start, second.end, second.days) == (date(2024, 12, 15), date(2025, 1, 14), 31)
    assert [(p.start, p.days, p.cap, p.full_month_amount) for p in second.parts] == [
        (date(2024, 12, 15), 17, 1_500_000, 1_500_000),
        (date(2025, 1, 1), 14, 2_500_000, 2_000_000),
    ]
    assert second.is_uncertain  # the 2024 row is flagged uncertain
    assert not result.rows[2].is_uncertain
    assert any("2024년 종전 규정" in note for note in result.uncertainties)


def test_caps_and_floor_are_marked() -> None:
    high = parental_leave_pay(RULES, monthly_wage=5_000_000, start=date(2026, 2, 1), months=7)
    low = parental_leave_pay(RULES, monthly_wage=800_000, start=date(2026, 1, 1), months=7)
    assert all(row.is_capped for row in high.rows)
    assert [row.is_floored for row in low.rows] == [False] * 6 + [True]


def test_second_parent_months_count_from_their_own_start() -> None:
    result = parental_leave_pay(
        RULES,
        monthly_wage=5_000_000,
        start=date(2026, 1, 5),
        months=1,
        other_parent_start=date(2025, 6, 1),
    )
    first = result.rows[0]
    assert (first.start, first.end) == (date(2026, 1, 5), date(2026, 2, 4))
    assert first.parts[0].table == "parental-leave-6plus6"
    assert first.parts[0].cap == 2_500_000  # the special 1st-month cap, not the 8th month's


def test_6plus6_without_birthday_states_the_assumption() -> None:
    result = parental_leave_pay(
        RULES,
        monthly_wage=3_000_000,
        start=date(2026, 1, 5),
        months=1,
        other_parent_start=date(2025, 6, 1),
    )
    assert result.scheme == "6plus6"
    assert any("생후 18개월 안에" in line for line in result.assumptions)
    # the 2025 caps of 6+6 were checked against the statute: no uncertainty line for them
    assert not any("첫 달 상한" in note for note in result.uncertainties)


def test_months_after_the_checked_year_are_flagged() -> None:
    result = parental_leave_pay(RULES, monthly_wage=3_000_000, start=date(2026, 12, 1), months=2)
    # 1개월차 2026-12-01~12-31 is checked; 2개월차 2027-01-01~01-31 uses the 2027 draft row,
    # which carries the 2026 figures and says so (no second "projected" line for it)
    assert [row.is_uncertain for row in result.rows] == [False, True]
    assert [row.amount for row in result.rows] == [2_500_000, 2_500_000]
    assert any(
        note.startswith("육아휴직 급여(2027년 1월 1일(금)부터): 2027년도 2026년 기준")
        for note in result.uncertainties
    )
    assert not any("부터는 규칙표의 마지막 기준" in note for note in result.uncertainties)


def test_a_series_without_a_next_year_row_is_projected(tmp_path: Path) -> None:
    """Without the 2027 draft row, days after checked_until use the last row, flagged."""
    rules_dir = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[2] / "faq" / "rules", rules_dir)
    path = rules_dir / "parental-leave-pay.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    - valid_from: 2027-01-01")
    end = text.index("\n\n", start)
    text = text[:start] + text[end + 1 :]
    path.write_text(text.replace("valid_until: 2026-12-31", "valid_until: null", 1), "utf-8")
    result = parental_leave_pay(
        load_rules(tmp_path), monthly_wage=3_000_000, start=date(2026, 12, 1), months=2
    )
    assert [row.is_uncertain for row in result.rows] == [False, True]
    assert any(
        note.startswith("육아휴직 급여: 2027년 1월 1일(금)부터는 규칙표의 마지막 기준으로")
        for note in result.uncertainties
    )


def test_more_than_twelve_months_is_explained() -> None:
    result = parental_leave_pay(RULES, monthly_wage=3_000_000, start=date(2025, 1, 1), months=18)
    assert result.rows[-1].amount == 1_600_000
    assert any("1년 6개월" in line for line in result.assumptions)


def test_wage_under_minimum_wage_is_noted() -> None:
    result = parental_leave_pay(RULES, monthly_wage=800_000, start=date(2026, 1, 1), months=1)
    assert any("최저임금 월 환산액 2,156,880원" in line for line in result.assumptions)


@pytest.mark.parametrize(
    "inputs",
    [
        {"monthly_wage": 3_000_000, "start": date(2026, 1, 1), "months": 19},
        {"monthly_wage": 3_000_000, "start": date(2026, 1, 1), "months": 0},
        {"monthly_wage": 0, "start": date(2026, 1, 1), "months": 3},
        {
            "monthly_wage": 3_000_000,
            "start": date(2026, 1, 1),
            "months": 3,
            "single_parent": True,
            "other_parent_start": date(2026, 1, 1),
        },
    ],
    ids=["19-months", "0-months", "zero-wage", "single-and-6plus6"],
)
def test_bad_inputs_are_refused(inputs: dict[str, Any]) -> None:
    with pytest.raises(CalcInputError):
        parental_leave_pay(RULES, **inputs)


def test_single_parent_before_its_table_starts() -> None:
    with pytest.raises(RuleNotInForceError, match="한부모"):
        parental_leave_pay(
            RULES, monthly_wage=3_000_000, start=date(2024, 12, 1), months=1, single_parent=True
        )


def test_render_shows_the_table_and_notes() -> None:
    text = render_parental_leave_pay(
        parental_leave_pay(RULES, monthly_wage=2_000_000, start=date(2024, 11, 15), months=3)
    )
    lines = text.splitlines()
    assert lines[0] == "육아휴직 급여 예상액"
    assert "1개월차 2024년 11월 15일~12월 14일: 1,500,000원 (80%, 상한 150만원 적용) *" in lines
    assert (
        "2개월차 2024년 12월 15일~2025년 1월 14일: 1,725,806원 (12월 15일~12월 31일 17일 "
        "80%, 상한 150만원 적용 / 1월 1일~1월 14일 14일 100%) *"
    ) in lines
    assert "3개월차 2025년 1월 15일~2월 14일: 2,000,000원 (100%)" in lines
    assert "합계 5,225,806원" in lines
    assert "- 나중에 받는 돈 580,645원" in lines
    assert "참고" in lines
    assert lines[-1].startswith("예상액이에요.")


# --- the leave's end as a date or a number of days; 단기 육아휴직; 6+6 with a shorter spouse --


def test_end_date_pays_the_part_month_by_its_days() -> None:
    # 3,000,000원, 2026-03-01 ~ 2026-05-15: 1개월차 03-01~03-31, 2개월차 04-01~04-30 전액
    # (상한 2,500,000); 3개월차 05-01~05-31(31일) 중 15일: 2,500,000 × 15/31 = 1,209,677.42
    result = parental_leave_pay(
        RULES, monthly_wage=3_000_000, start=date(2026, 3, 1), end=date(2026, 5, 15)
    )
    assert [row.amount for row in result.rows] == [2_500_000, 2_500_000, 1_209_677]
    assert [(row.days, row.month_days) for row in result.rows] == [(31, 31), (30, 30), (15, 31)]
    assert (result.days, result.months, result.total) == (76, 3, 6_209_677)
    assert "3개월차 2026년 5월 1일~5월 15일(15/31일): 1,209,677원" in render_parental_leave_pay(
        result
    )


def test_days_give_the_same_result_as_the_end_date() -> None:
    by_days = parental_leave_pay(RULES, monthly_wage=3_000_000, start=date(2026, 3, 1), days=76)
    by_end = parental_leave_pay(
        RULES, monthly_wage=3_000_000, start=date(2026, 3, 1), end=date(2026, 5, 15)
    )
    assert by_days.rows == by_end.rows


def test_short_leave_of_one_week_is_paid_from_7_days() -> None:
    # 단기 1주 2026-09-01~09-07: 1개월차(09-01~09-30, 30일) 중 7일,
    # 3,000,000원 → 상한 2,500,000 × 7/30 = 583,333.33 → 583,333
    result = parental_leave_pay(
        RULES, monthly_wage=3_000_000, start=date(2026, 9, 1), days=7, short=True
    )
    assert [row.amount for row in result.rows] == [583_333]
    assert result.is_short
    # 2주: 1,800,000원(상한 아래) × 14/30 = 840,000
    two_weeks = parental_leave_pay(
        RULES, monthly_wage=1_800_000, start=date(2026, 9, 1), days=14, short=True
    )
    assert two_weeks.total == 840_000


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"start": date(2026, 9, 1), "days": 10, "short": True}, r"1주\(7일\) 또는 2주\(14일\)"),
        ({"start": date(2026, 8, 10), "days": 7, "short": True}, "2026년 8월 20일부터"),
        ({"start": date(2026, 9, 1), "days": 20}, "30일 이상"),
        ({"start": date(2026, 9, 1), "months": 3, "days": 90}, "하나로"),
        ({"start": date(2026, 9, 1), "end": date(2026, 8, 1)}, "시작일보다 빨라요"),
        ({"start": date(2026, 9, 1), "end": date(2028, 6, 1)}, "최대 18개월"),
    ],
)
def test_leave_length_inputs_are_checked(inputs: dict[str, Any], message: str) -> None:
    with pytest.raises(CalcInputError, match=message):
        parental_leave_pay(RULES, monthly_wage=3_000_000, **inputs)


def test_6plus6_special_caps_stop_after_the_other_parents_shorter_leave() -> None:
    # 4,000,000원, 2026-03-01부터 6개월, 배우자는 2026-03-01부터 3개월만:
    # 특례 1~3개월 상한 250/250/300만 → 2.5M, 2.5M, 3.0M;
    # 4~6개월은 일반 표(4~6개월 100%, 상한 200만) → 2.0M × 3. 합계 14,000,000
    result = parental_leave_pay(
        RULES,
        monthly_wage=4_000_000,
        start=date(2026, 3, 1),
        months=6,
        other_parent_start=date(2026, 3, 1),
        other_parent_months=3,
        child_birth=date(2026, 1, 10),
    )
    assert result.scheme == "6plus6"
    assert [row.amount for row in result.rows] == [2_500_000, 2_500_000, 3_000_000] + [
        2_000_000
    ] * 3
    assert [row.is_special for row in result.rows] == [True] * 3 + [False] * 3
    assert result.special_months == 3
    assert any("처음 3개월에만" in note for note in result.uncertainties)
    # without the spouse's length: 4~6개월 상한 350/400/450만 → 4.0M each
    full = parental_leave_pay(
        RULES,
        monthly_wage=4_000_000,
        start=date(2026, 3, 1),
        months=6,
        other_parent_start=date(2026, 3, 1),
        child_birth=date(2026, 1, 10),
    )
    assert [row.amount for row in full.rows][3:] == [3_500_000, 4_000_000, 4_000_000]
