"""출산전후휴가 급여 and 배우자 출산휴가 급여: who pays which days, with the caps in force.

Maternity leave is counted in days. Each day uses the cap in force on that day: 고용보험 pays
`min(max(wage, minimum wage), monthly cap) ÷ 30` per day, where the floor is the minimum wage
in force on the leave's first day for the whole leave (고보법 시행령 제101조 제2호: not day by
day); the leave length and the paid days (60, 다태아 75) come from the row in force on the
first day. Priority-support companies
(우선지원대상기업): 고용보험 pays every day and the employer tops up the paid days to the full
ordinary wage. Large companies: the employer pays the paid days in full, 고용보험 the rest.
The days are shown in 30-day blocks (1–30일, 31–60일, …).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Final, Literal

from bot.calc.common import CalcInputError, check_count, check_wage, floor_won, won
from bot.calc.notes import RuleTrail, minimum_wage_note
from bot.calc.tables import MONTHLY_HOURS, RuleBook
from bot.korean import korean_date

CompanySize = Literal["priority", "large"]
BirthKind = Literal["single", "multiple", "premature"]

COMPANY_SIZES: Final = ("priority", "large")
BIRTH_KINDS: Final = ("single", "multiple", "premature")
DAYS_PER_MONTH: Final = 30  # the monthly cap is for 30 days
BLOCK_DAYS: Final = 30
HOURS_PER_DAY: Final = 8  # 배우자 출산휴가: daily wage = monthly ÷ 209 × 8


@dataclass(frozen=True)
class MaternityBlock:
    """Days `first_day`..`last_day` of the leave (1-based) and who pays how much for them."""

    first_day: int
    last_day: int
    start: date
    end: date
    government: int
    employer: int
    is_capped: bool
    is_floored: bool
    is_uncertain: bool


@dataclass(frozen=True)
class MaternityLeavePay:
    monthly_wage: int
    start: date
    end: date
    company: CompanySize
    birth: BirthKind
    leave_days: int
    employer_paid_days: int  # the paid (유급) days; who pays them depends on `company`
    government_days: int
    blocks: tuple[MaternityBlock, ...]
    government_total: int
    employer_total: int
    total: int
    assumptions: tuple[str, ...]
    uncertainties: tuple[str, ...]
    legal_basis: tuple[str, ...]


def _check_choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise CalcInputError(f"{what}는 {', '.join(allowed)} 중 하나로 적어 주세요.")


def maternity_leave_pay(
    rules: RuleBook,
    *,
    monthly_wage: int,
    start: date,
    company: CompanySize,
    birth: BirthKind = "single",
) -> MaternityLeavePay:
    """Expected 출산전후휴가 pay from `start` (the leave's first day), day by day."""
    check_wage(monthly_wage)
    _check_choice(company, COMPANY_SIZES, "회사 규모")
    _check_choice(birth, BIRTH_KINDS, "출산 형태")
    first_row = rules.maternity_leave.at(start)
    leave_days = getattr(first_row.leave_days, birth)
    paid_days = getattr(first_row.employer_paid_days, birth)
    if leave_days is None or paid_days is None:
        raise CalcInputError(
            "미숙아 출산 시 100일 출산전후휴가는 2025년 2월 23일부터 "
            "시행돼요. 그 전에 시작한 휴가는 고용센터에 확인해 주세요."
        )
    trail = RuleTrail()
    floored_any = False
    blocks: list[MaternityBlock] = []
    for first in range(1, leave_days + 1, BLOCK_DAYS):
        last = min(first + BLOCK_DAYS - 1, leave_days)
        block = _block(
            rules,
            trail,
            wage=monthly_wage,
            start=start,
            first=first,
            last=last,
            company=company,
            paid_days=paid_days,
        )
        floored_any = floored_any or block.is_floored
        blocks.append(block)
    government = sum(block.government for block in blocks)
    employer = sum(block.employer for block in blocks)
    government_days = leave_days if company == "priority" else leave_days - paid_days
    return MaternityLeavePay(
        monthly_wage=monthly_wage,
        start=start,
        end=start + timedelta(days=leave_days - 1),
        company=company,
        birth=birth,
        leave_days=leave_days,
        employer_paid_days=paid_days,
        government_days=government_days,
        blocks=tuple(blocks),
        government_total=government,
        employer_total=employer,
        total=government + employer,
        assumptions=tuple(
            _maternity_assumptions(
                rules,
                blocks,
                wage=monthly_wage,
                start=start,
                company=company,
                leave_days=leave_days,
                paid_days=paid_days,
            )
        ),
        uncertainties=(*trail.uncertainties(), *([_FLOOR_NOTE] if floored_any else [])),
        legal_basis=trail.legal_basis(),
    )


_FLOOR_NOTE: Final = (
    "통상임금이 최저임금보다 적어 하한(휴가를 시작한 날의 최저임금 월 환산액, 주 40시간 "
    "기준)으로 계산했어요. 휴가 중에 최저임금이 바뀌어도 하한은 그대로예요. 단시간 근로자는 "
    "소정근로시간에 맞춘 하한이 적용돼 더 적을 수 있어요."
)


def _block(
    rules: RuleBook,
    trail: RuleTrail,
    *,
    wage: int,
    start: date,
    first: int,
    last: int,
    company: CompanySize,
    paid_days: int,
) -> MaternityBlock:
    government = employer = Fraction(0)
    capped = floored = uncertain = False
    daily_wage = Fraction(wage, DAYS_PER_MONTH)
    minimum = rules.minimum_wage.at(start)  # the floor of the whole leave
    floor = Fraction(minimum.monthly, DAYS_PER_MONTH)
    for number in range(first, last + 1):
        day = start + timedelta(days=number - 1)
        row = rules.maternity_leave.at(day)
        trail.use(rules.maternity_leave, row, day)
        is_paid_day = number <= paid_days
        if company == "large" and is_paid_day:
            employer += daily_wage
            continue
        # 고용보험 pays this day: its cap, floor (and any doubt about them) matter.
        cap = Fraction(row.monthly_cap, DAYS_PER_MONTH)
        raw = daily_wage * Fraction(row.rate)
        benefit = min(max(raw, floor), cap)
        if raw < floor:
            floored = True
            trail.use(rules.minimum_wage, minimum, start)
        capped = capped or raw > cap
        uncertain = uncertain or row.uncertain or rules.maternity_leave.is_projected(day)
        government += benefit
        if is_paid_day:
            employer += max(daily_wage - benefit, Fraction(0))
    return MaternityBlock(
        first_day=first,
        last_day=last,
        start=start + timedelta(days=first - 1),
        end=start + timedelta(days=last - 1),
        government=floor_won(government),
        employer=floor_won(employer),
        is_capped=capped,
        is_floored=floored,
        is_uncertain=uncertain,
    )


def _maternity_assumptions(
    rules: RuleBook,
    blocks: list[MaternityBlock],
    *,
    wage: int,
    start: date,
    company: CompanySize,
    leave_days: int,
    paid_days: int,
) -> list[str]:
    lines = [
        f"통상임금(월) {won(wage)}을 30일로 나눈 금액을 하루 임금으로 보고 날마다 계산했어요."
    ]
    if any(rules.maternity_leave.at(b.start) != rules.maternity_leave.at(b.end) for b in blocks):
        lines.append("휴가 중에 상한이 바뀌면(1월 1일 등) 날짜마다 그날의 상한을 적용했어요.")
    if company == "priority":
        lines.append(
            f"우선지원대상기업: {leave_days}일 모두 고용보험이 지급하고, 통상임금이 "
            f"상한보다 많으면 처음 {paid_days}일은 차액을 회사가 줘야 해요."
        )
    else:
        lines.append(
            f"대규모기업: 처음 {paid_days}일은 회사가 통상임금을 주고, 나머지 "
            f"{leave_days - paid_days}일만 고용보험이 지급해요. 이 기간에 상한을 넘는 "
            "임금은 받지 못할 수 있어요."
        )
    lines += [
        "원 단위 미만은 버렸어요.",
        "휴가가 끝나는 날까지 고용보험 피보험단위기간이 180일 이상이어야 고용보험 급여를 받아요.",
        "신청은 휴가 시작 1개월 뒤부터, 휴가가 끝난 날 이후 12개월 안에 고용24에서 해요.",
    ]
    warning = minimum_wage_note(rules, wage, start)
    if warning is not None:
        lines.append(warning)
    return lines


@dataclass(frozen=True)
class SpouseLeavePay:
    monthly_wage: int
    start: date
    days: int
    company: CompanySize
    wage_for_days: int
    government: int
    employer: int
    cap_for_days: int
    is_capped: bool
    assumptions: tuple[str, ...]
    uncertainties: tuple[str, ...]
    legal_basis: tuple[str, ...]


def spouse_leave_pay(
    rules: RuleBook,
    *,
    monthly_wage: int,
    start: date,
    company: CompanySize,
    days: int | None = None,
) -> SpouseLeavePay:
    """배우자 출산휴가 pay for `days` leave days (default: all paid days) from `start`.

    The row in force on `start` applies to all the days (they are working days, often split).
    """
    check_wage(monthly_wage)
    _check_choice(company, COMPANY_SIZES, "회사 규모")
    series = rules.spouse_leave
    row = series.at(start)
    days = row.paid_days if days is None else days
    check_count(days, 1, row.paid_days, "휴가 일수")
    trail = RuleTrail()
    trail.use(series, row, start)
    wage_for_days = Fraction(monthly_wage * HOURS_PER_DAY * days, MONTHLY_HOURS)
    cap = Fraction(row.cap_for_paid_days * days, row.paid_days)
    government = Fraction(0)
    if company == "priority":
        covered = min(days, row.government_days)
        government = min(wage_for_days * covered / days * Fraction(row.rate), cap)
    wage_won, government_won = floor_won(wage_for_days), floor_won(government)
    lines = [
        f"하루 통상임금 = 월 {won(monthly_wage)} ÷ 209시간 × 8시간(주 40시간 근로)으로 "
        "계산했어요.",
        f"{korean_date(start)} 기준 상한은 {row.paid_days}일에 {won(row.cap_for_paid_days)}"
        + (f", {days}일이면 {won(floor_won(cap))}이에요." if days != row.paid_days else "이에요."),
        (
            "우선지원대상기업: 고용보험이 지급하고, 통상임금과의 차액은 회사가 줘야 해요"
            "(휴가 전부 유급)."
            if company == "priority"
            else "대규모기업: 고용보험 지원 없이 회사가 휴가 전부를 통상임금으로 줘야 해요."
        ),
        "휴가는 출산일부터 120일 안에 써야 하고, 급여 신청은 휴가가 끝난 날 이후 12개월 "
        "안에 해요.",
    ]
    return SpouseLeavePay(
        monthly_wage=monthly_wage,
        start=start,
        days=days,
        company=company,
        wage_for_days=wage_won,
        government=government_won,
        employer=wage_won - government_won,
        cap_for_days=floor_won(cap),
        is_capped=company == "priority" and wage_for_days > cap,
        assumptions=tuple(lines),
        uncertainties=trail.uncertainties(),
        legal_basis=trail.legal_basis(),
    )
