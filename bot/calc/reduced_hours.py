"""육아기 근로시간 단축 급여: month by month, with the caps in force on each month's days.

For a weekly reduction of `r = before − after` hours:
the first `full_rate_hours` (10) hours pay `min(wage × full_rate, full_rate_cap) × h ÷ before`,
the remaining hours `min(wage × rest_rate, rest_cap) × h ÷ before`. A month in which the row
changes (1 January) is weighted by days, as for parental leave. The employer keeps paying the
wage for the hours still worked, `wage × after ÷ before`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Final

from bot.calc.common import (
    CalcInputError,
    check_wage,
    floor_won,
    leave_span,
    won,
)
from bot.calc.notes import RuleTrail, minimum_wage_note
from bot.calc.tables import ReducedHoursRow, RuleBook
from bot.korean import korean_date_range

MIN_HOURS_AFTER: Final = 15  # 단축 후 주 15시간 이상 35시간 이하 (고평법 제19조의2③)
MAX_HOURS_AFTER: Final = 35
MAX_HOURS_BEFORE: Final = 40  # 법정 주 소정근로시간 상한 (근기법 제50조)
MAX_MONTHS: Final = 36  # 1년 + 미사용 육아휴직 × 2, 최대 3년


@dataclass(frozen=True)
class ReducedHoursMonth:
    number: int
    start: date
    end: date
    days: int
    full_rate_part: int  # 처음 10시간분
    rest_part: int  # 나머지 시간분
    amount: int
    is_capped: bool
    is_uncertain: bool
    valid_from: tuple[date, ...]  # the rows used (two when 1 January falls inside)
    #: Days of the whole month; more than `days` in a part month, paid in proportion.
    month_days: int = 0

    @property
    def is_part_month(self) -> bool:
        return self.days < self.month_days


@dataclass(frozen=True)
class ReducedHoursPay:
    monthly_wage: int
    hours_before: Fraction
    hours_after: Fraction
    full_rate_hours: Fraction  # reduced hours paid at the full rate (per week)
    rest_hours: Fraction
    start: date
    end: date
    months: int
    rows: tuple[ReducedHoursMonth, ...]
    total: int
    employer_monthly_estimate: int
    assumptions: tuple[str, ...]
    uncertainties: tuple[str, ...]
    legal_basis: tuple[str, ...]


def _hours(value: float | int, what: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CalcInputError(f"{what}을 숫자로 적어 주세요.")
    hours = Fraction(str(value))
    if hours * 2 != int(hours * 2):
        raise CalcInputError(f"{what}은 30분(0.5시간) 단위로 적어 주세요.")
    return hours


def reduced_hours_pay(
    rules: RuleBook,
    *,
    monthly_wage: int,
    hours_before: float,
    hours_after: float,
    start: date,
    months: int | None = None,
    end: date | None = None,
    days: int | None = None,
) -> ReducedHoursPay:
    """Expected 육아기 근로시간 단축 급여 from `start`, for `months` whole months, or to `end`,
    or for `days` days (a part month is paid in proportion to the days of that month).

    Args:
        hours_before: weekly 소정근로시간 before the reduction (e.g. 40).
        hours_after: weekly hours during the reduction, 15..35.
    """
    check_wage(monthly_wage)
    span = leave_span(start, months=months, end=end, days=days, max_months=MAX_MONTHS, what="단축")
    before = _hours(hours_before, "단축 전 주 근로시간")
    after = _hours(hours_after, "단축 후 주 근로시간")
    if not 0 < before <= MAX_HOURS_BEFORE:
        raise CalcInputError(f"단축 전 주 근로시간은 {MAX_HOURS_BEFORE}시간 이하로 적어 주세요.")
    if not MIN_HOURS_AFTER <= after <= MAX_HOURS_AFTER:
        raise CalcInputError(
            f"단축 후 근로시간은 주 {MIN_HOURS_AFTER}시간 이상 "
            f"{MAX_HOURS_AFTER}시간 이하여야 해요."
        )
    if after >= before:
        raise CalcInputError("단축 후 근로시간이 단축 전보다 적어야 해요.")
    trail = RuleTrail()
    rows = tuple(
        _month(
            rules,
            trail,
            number=number,
            first=first,
            last=last,
            month_days=month_days,
            wage=monthly_wage,
            before=before,
            after=after,
        )
        for number, (first, last, month_days) in enumerate(span, start=1)
    )
    full_hours = min(before - after, Fraction(rules.reduced_hours.at(start).full_rate_hours))
    return ReducedHoursPay(
        monthly_wage=monthly_wage,
        hours_before=before,
        hours_after=after,
        full_rate_hours=full_hours,
        rest_hours=before - after - full_hours,
        start=start,
        end=rows[-1].end,
        months=len(rows),
        rows=rows,
        total=sum(row.amount for row in rows),
        employer_monthly_estimate=floor_won(monthly_wage * after / before),
        assumptions=tuple(
            _assumptions(rules, rows, wage=monthly_wage, start=start, before=before, after=after)
        ),
        uncertainties=trail.uncertainties(),
        legal_basis=trail.legal_basis(),
    )


def _parts(
    row: ReducedHoursRow, wage: int, before: Fraction, after: Fraction
) -> tuple[Fraction, Fraction, bool]:
    """Full-month amounts (first hours, remaining hours) under `row`, and whether capped."""
    reduction = before - after
    full_hours = min(reduction, Fraction(row.full_rate_hours))
    full_base = wage * Fraction(row.full_rate)
    rest_base = wage * Fraction(row.rest_rate)
    full = min(full_base, Fraction(row.full_rate_cap)) * full_hours / before
    rest = min(rest_base, Fraction(row.rest_cap)) * (reduction - full_hours) / before
    capped = full_base > row.full_rate_cap or (reduction > full_hours and rest_base > row.rest_cap)
    return full, rest, capped


def _month(
    rules: RuleBook,
    trail: RuleTrail,
    *,
    number: int,
    first: date,
    last: date,
    month_days: int,
    wage: int,
    before: Fraction,
    after: Fraction,
) -> ReducedHoursMonth:
    series = rules.reduced_hours
    full = rest = Fraction(0)
    capped = uncertain = False
    for segment in series.split(first, last):
        trail.use(series, segment.row, segment.end)
        part_full, part_rest, part_capped = _parts(segment.row, wage, before, after)
        full += part_full * segment.days / month_days
        rest += part_rest * segment.days / month_days
        capped = capped or part_capped
        uncertain = uncertain or segment.row.uncertain or series.is_projected(segment.end)
    return ReducedHoursMonth(
        number=number,
        start=first,
        end=last,
        days=(last - first).days + 1,
        full_rate_part=floor_won(full),
        rest_part=floor_won(rest),
        amount=floor_won(full + rest),
        is_capped=capped,
        is_uncertain=uncertain,
        valid_from=tuple(s.row.valid_from for s in series.split(first, last)),
        month_days=month_days,
    )


def _assumptions(
    rules: RuleBook,
    rows: tuple[ReducedHoursMonth, ...],
    *,
    wage: int,
    start: date,
    before: Fraction,
    after: Fraction,
) -> list[str]:
    first = rows[0]
    lines = [
        f"통상임금(월) {won(wage)}, 주 {_h(before)}시간 → {_h(after)}시간 단축이 내내 같다고 보고 "
        "계산했어요.",
        f"개월은 시작일부터 한 달씩 셌어요(1개월차 "
        f"{korean_date_range(first.start, first.start + timedelta(days=first.month_days - 1))}).",
    ]
    last = rows[-1]
    if last.is_part_month:
        lines.append(
            f"마지막 {last.number}개월차는 {last.days}일만 단축해서 그 달 {last.month_days}일 중 "
            f"{last.days}일만큼 계산했어요."
        )
    if any(len(row.valid_from) > 1 for row in rows):
        lines.append("한 달 안에서 상한이 바뀌면(1월 1일 등) 그 달을 날짜 수로 나눠 계산했어요.")
    lines += [
        "회사가 주는 임금(일한 시간만큼)은 이 급여와 별도예요.",
        "하한액은 규칙표에 없어 적용하지 않았어요. 원 단위 미만은 버렸어요.",
        "고용보험 피보험단위기간 180일 이상, 30일 이상 단축해야 받을 수 있어요. 신청은 단축 시작 "
        "1개월 뒤부터, 끝난 날 이후 12개월 안에 해요.",
    ]
    warning = minimum_wage_note(rules, wage, start)
    if warning is not None:
        lines.append(warning)
    return lines


def _h(hours: Fraction) -> str:
    return f"{float(hours):g}"
