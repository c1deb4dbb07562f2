"""난임치료휴가 and 배우자 유산·사산휴가: paid days and who pays them, against the rule rows.

난임치료휴가 (고평법 제18조의3): 연 6일; from 2025-02-23 the first 2 days paid, from
2026-11-27 the first 4 days paid; 고용보험 pays only the first 2 (고보법 제76조①3, 우선지원
대상기업), so days 3–4 are the employer's. 배우자 유산·사산휴가 (고평법 제18조의4, from
2026-09-18): 5 days, the first 3 paid, by 고용보험 at 우선지원대상기업 only; claimed within 20
days of the loss. Daily ordinary wage = monthly ÷ 209 × 8 (3,135,000원 → exactly 120,000원).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.calc import (
    CalcInputError,
    RuleNotInForceError,
    infertility_leave_pay,
    load_rules,
    render_paid_leave_days,
    spouse_loss_leave_pay,
)
from bot.calc.maternity import CompanySize

RULES = load_rules(Path(__file__).resolve().parents[2] / "faq")
WAGE = 3_135_000  # 120,000원 a day


def _days(result: object) -> tuple[int, ...]:
    return tuple(
        getattr(result, name)
        for name in ("days", "paid_days", "government_days", "employer_days", "unpaid_days")
    )


@pytest.mark.parametrize(
    ("start", "company", "days", "expected", "amounts"),
    [
        # from 2026-11-27: 6 days, 4 paid; 고용보험 2 (240,000), 회사 2 (240,000), 무급 2
        (date(2026, 12, 10), "priority", None, (6, 4, 2, 2, 2), (240_000, 240_000)),
        (date(2026, 11, 27), "priority", None, (6, 4, 2, 2, 2), (240_000, 240_000)),
        # the day before: 6 days, 2 paid, both by 고용보험
        (date(2026, 11, 26), "priority", None, (6, 2, 2, 0, 4), (240_000, 0)),
        (date(2025, 2, 23), "priority", None, (6, 2, 2, 0, 4), (240_000, 0)),
        # 대규모기업: the employer pays the 4 paid days
        (date(2026, 12, 10), "large", None, (6, 4, 0, 4, 2), (0, 480_000)),
        # 3 days taken: 2 by 고용보험, the 3rd by the employer, none unpaid
        (date(2026, 12, 10), "priority", 3, (3, 3, 2, 1, 0), (240_000, 120_000)),
        (date(2026, 12, 10), "priority", 1, (1, 1, 1, 0, 0), (120_000, 0)),
    ],
)
def test_infertility_leave(
    start: date,
    company: CompanySize,
    days: int | None,
    expected: tuple[int, ...],
    amounts: tuple[int, int],
) -> None:
    result = infertility_leave_pay(
        RULES,
        monthly_wage=WAGE,
        start=start,
        company=company,
        days=days,
    )
    assert result.leave_days == 6
    assert _days(result) == expected
    assert result.daily_wage == 120_000
    assert (result.government_wage_basis, result.employer_amount) == amounts
    assert result.claim_by is None


def test_infertility_after_the_change_flags_the_subsidy_days() -> None:
    after = infertility_leave_pay(
        RULES, monthly_wage=WAGE, start=date(2026, 12, 10), company="priority"
    )
    assert after.uncertainties == (
        "난임치료휴가(2026년 11월 27일(금)부터): 유급 4일 중 고용보험 지원은 처음 2일분이라 "
        "3·4일째는 회사가 줘요.",
    )
    before = infertility_leave_pay(
        RULES, monthly_wage=WAGE, start=date(2026, 11, 26), company="priority"
    )
    assert before.uncertainties == ()
    assert before.legal_basis == ("남녀고용평등법 제18조의3, 고용보험법 제75조·제76조",)


def test_amounts_are_rounded_down_once() -> None:
    # 3,000,000 × 8 ÷ 209 = 114,832.54 a day; 2 days = 229,665.07 → 229,665 (not 2 × 114,832)
    result = infertility_leave_pay(
        RULES, monthly_wage=3_000_000, start=date(2026, 12, 10), company="priority"
    )
    assert (result.daily_wage, result.government_wage_basis, result.employer_amount) == (
        114_832,
        229_665,
        229_665,
    )


@pytest.mark.parametrize(
    ("company", "expected", "amounts"),
    [
        ("priority", (5, 3, 3, 0, 2), (360_000, 0)),
        ("large", (5, 3, 0, 3, 2), (0, 360_000)),
    ],
)
def test_spouse_loss_leave(
    company: CompanySize, expected: tuple[int, ...], amounts: tuple[int, int]
) -> None:
    result = spouse_loss_leave_pay(
        RULES,
        monthly_wage=WAGE,
        loss_day=date(2026, 11, 3),
        company=company,
    )
    assert _days(result) == expected
    assert (result.government_wage_basis, result.employer_amount) == amounts
    assert result.claim_by == date(2026, 11, 23)  # 20 days from the loss
    assert result.uncertainties == ()


def test_spouse_loss_leave_starts_on_2026_09_18() -> None:
    first = spouse_loss_leave_pay(
        RULES, monthly_wage=WAGE, loss_day=date(2026, 9, 18), company="priority"
    )
    assert first.paid_days == 3
    with pytest.raises(RuleNotInForceError, match="2026년 9월 18일\\(금\\)부터"):
        spouse_loss_leave_pay(
            RULES, monthly_wage=WAGE, loss_day=date(2026, 9, 17), company="priority"
        )
    with pytest.raises(RuleNotInForceError):
        infertility_leave_pay(
            RULES, monthly_wage=WAGE, start=date(2025, 2, 22), company="priority"
        )


@pytest.mark.parametrize("days", [0, 6])
def test_spouse_loss_days_outside_the_leave_are_refused(days: int) -> None:
    with pytest.raises(CalcInputError, match="휴가 일수는 1~5"):
        spouse_loss_leave_pay(
            RULES, monthly_wage=WAGE, loss_day=date(2026, 11, 3), company="priority", days=days
        )


def test_unknown_company_is_refused() -> None:
    with pytest.raises(CalcInputError, match="회사 규모"):
        infertility_leave_pay(
            RULES,
            monthly_wage=WAGE,
            start=date(2026, 12, 10),
            company="medium",  # type: ignore[arg-type]
        )


def test_render_infertility() -> None:
    text = render_paid_leave_days(
        infertility_leave_pay(
            RULES, monthly_wage=WAGE, start=date(2026, 12, 10), company="priority"
        )
    )
    lines = text.splitlines()
    assert lines[:7] == [
        "난임치료휴가 유급·무급 안내",
        "통상임금 월 3,135,000원 · 우선지원대상기업 · 6일(2026년 12월 10일(목) 시작)",
        "",
        "유급 4일 (하루 통상임금 120,000원)",
        "- 고용보험 2일: 통상임금으로 240,000원 기준 *",
        "- 회사 2일: 240,000원 *",
        "무급 2일",
    ]
    assert (
        "- 우선지원대상기업: 유급 4일 중 처음 2일은 고용보험이 지급하고, 나머지 2일은 회사가 "
        "통상임금으로 줘요." in lines
    )
    assert (
        "- 2026년 12월 10일(목) 기준 난임치료휴가는 1년에 6일, 그중 처음 4일이 유급이에요."
        in lines
    )
    assert lines[-1].startswith("예상액이에요.")


def test_render_spouse_loss() -> None:
    text = render_paid_leave_days(
        spouse_loss_leave_pay(
            RULES, monthly_wage=WAGE, loss_day=date(2026, 11, 3), company="large"
        )
    )
    lines = text.splitlines()
    assert lines[:7] == [
        "배우자 유산·사산휴가 유급·무급 안내",
        "통상임금 월 3,135,000원 · 대규모기업 · 5일(유산·사산일 2026년 11월 3일(화))",
        "휴가 청구는 2026년 11월 23일(월)까지 해야 해요.",
        "",
        "유급 3일 (하루 통상임금 120,000원)",
        "- 회사 3일: 360,000원",
        "무급 2일",
    ]
    assert "- 대규모기업: 유급 3일 모두 회사가 통상임금으로 줘요." in lines
    assert "고용보험" not in "\n".join(lines[:7])
