"""난임치료휴가 and 배우자 유산·사산휴가: how many days, which are paid and who pays them.

Both are short leaves counted in days (rule series `infertility-treatment-leave` and
`spouse-pregnancy-loss-leave`, the row in force on the first day). The first `paid_days` are
paid: at a 우선지원대상기업 고용보험 pays the first `government_days` of them and the employer
the rest; at a large company the employer pays them all. The rest of the days are unpaid.
The rule tables hold no cap for 고용보험's part, so its amount is shown only as the ordinary
wage for those days (monthly ÷ 209 hours × 8 hours a day) and the parent is sent to
고용24 / ☎1350 for the amount; the employer's days are paid at the ordinary wage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Final, Literal

from bot.calc.common import CalcInputError, check_count, check_wage, floor_won, won
from bot.calc.maternity import COMPANY_SIZES, HOURS_PER_DAY, CompanySize
from bot.calc.tables import MONTHLY_HOURS, PaidLeaveDaysRow, RuleBook, RuleSeries
from bot.korean import korean_date

LeaveKind = Literal["infertility", "spouse_loss"]

#: 배우자 유산·사산휴가 must be claimed within 20 days of the loss (고평법 제18조의4).
SPOUSE_LOSS_CLAIM_DAYS: Final = 20


@dataclass(frozen=True)
class PaidLeaveDays:
    kind: LeaveKind
    monthly_wage: int
    start: date  # the first leave day (난임치료휴가) or the day of the loss (배우자 유산·사산휴가)
    company: CompanySize
    leave_days: int  # the days the law gives (a year for 난임치료휴가)
    days: int  # the days taken, counted from the first
    paid_days: int  # of `days`
    government_days: int  # of `paid_days`, paid by 고용보험
    employer_days: int  # of `paid_days`, paid by the employer
    unpaid_days: int
    daily_wage: int  # 통상임금 a day
    government_wage_basis: int  # the ordinary wage of the 고용보험 days (its amount may be capped)
    employer_amount: int
    claim_by: date | None  # 배우자 유산·사산휴가: the last day to claim the leave
    assumptions: tuple[str, ...]
    uncertainties: tuple[str, ...]
    legal_basis: tuple[str, ...]


def _payers(row: PaidLeaveDaysRow, company: CompanySize) -> str:
    if company == "large":
        return f"대규모기업: 유급 {row.paid_days}일 모두 회사가 통상임금으로 줘요."
    if row.government_days == row.paid_days:
        return f"우선지원대상기업: 유급 {row.paid_days}일 모두 고용보험이 지급해요."
    return (
        f"우선지원대상기업: 유급 {row.paid_days}일 중 처음 {row.government_days}일은 고용보험이 "
        f"지급하고, 나머지 {row.paid_days - row.government_days}일은 회사가 통상임금으로 줘요."
    )


def _paid_leave(
    series: RuleSeries[PaidLeaveDaysRow],
    kind: LeaveKind,
    *,
    monthly_wage: int,
    start: date,
    company: CompanySize,
    days: int | None,
) -> PaidLeaveDays:
    check_wage(monthly_wage)
    if company not in COMPANY_SIZES:
        raise CalcInputError(f"회사 규모는 {', '.join(COMPANY_SIZES)} 중 하나로 적어 주세요.")
    row = series.at(start)
    days = row.leave_days if days is None else days
    check_count(days, 1, row.leave_days, "휴가 일수")
    paid = min(days, row.paid_days)
    government = min(paid, row.government_days) if company == "priority" else 0
    employer = paid - government
    daily = Fraction(monthly_wage * HOURS_PER_DAY, MONTHLY_HOURS)
    lines = [
        f"하루 통상임금 = 월 {won(monthly_wage)} ÷ 209시간 × 8시간(주 40시간 근로) = "
        f"{won(floor_won(daily))}으로 계산했어요.",
        f"{korean_date(start)} 기준 {series.title}는 "
        + ("1년에 " if kind == "infertility" else "")
        + f"{row.leave_days}일, 그중 처음 {row.paid_days}일이 유급이에요.",
        _payers(row, company),
    ]
    if government:
        lines.append(
            "고용보험 금액은 통상임금 기준으로 적었어요. 상한이 있으면 실제 금액은 이보다 "
            "적을 수 있어요."
        )
    if kind == "infertility":
        lines.append("회사는 난임치료를 받았다는 서류를 요구할 수 있어요.")
    uncertainties = (
        (f"{series.title}({korean_date(row.valid_from)}부터): {row.note}",)
        if row.uncertain
        else ()
    )
    return PaidLeaveDays(
        kind=kind,
        monthly_wage=monthly_wage,
        start=start,
        company=company,
        leave_days=row.leave_days,
        days=days,
        paid_days=paid,
        government_days=government,
        employer_days=employer,
        unpaid_days=days - paid,
        daily_wage=floor_won(daily),
        government_wage_basis=floor_won(daily * government),
        employer_amount=floor_won(daily * employer),
        claim_by=(
            start + timedelta(days=SPOUSE_LOSS_CLAIM_DAYS) if kind == "spouse_loss" else None
        ),
        assumptions=tuple(lines),
        uncertainties=uncertainties,
        legal_basis=(row.legal_basis,),
    )


def infertility_leave_pay(
    rules: RuleBook,
    *,
    monthly_wage: int,
    start: date,
    company: CompanySize,
    days: int | None = None,
) -> PaidLeaveDays:
    """난임치료휴가 from `start` (its first day this year): `days` days (default: all)."""
    return _paid_leave(
        rules.infertility_leave,
        "infertility",
        monthly_wage=monthly_wage,
        start=start,
        company=company,
        days=days,
    )


def spouse_loss_leave_pay(
    rules: RuleBook,
    *,
    monthly_wage: int,
    loss_day: date,
    company: CompanySize,
    days: int | None = None,
) -> PaidLeaveDays:
    """배우자 유산·사산휴가 after the spouse's miscarriage or stillbirth on `loss_day`."""
    return _paid_leave(
        rules.spouse_loss_leave,
        "spouse_loss",
        monthly_wage=monthly_wage,
        start=loss_day,
        company=company,
        days=days,
    )
