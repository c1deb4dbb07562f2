"""육아휴직 급여: a month-by-month estimate from the rule tables in force on each month's days.

Per leave month n (counted from the parent's own start, see `leave_months`):
`monthly = max(min(wage × rate, cap), floor)` with the band for month n of the row in force.
When the row changes inside a month (a leave spanning 1 January), each row's monthly amount
is weighted by its days in that month. Special tables (6+6, single parent) give the bands they
have; other months come from the general table.

6+6 부모육아휴직제: the other parent takes leave for the same
child and the later of the two starts is within the child's first 18 months. Each parent's
own first six months get the special caps — the second parent's months count from the second
parent's start, not from the first parent's. The parent who starts first is paid the general
amount for months that begin before the other parent starts, and the difference afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal

from bot.calc.common import (
    CalcInputError,
    check_count,
    check_wage,
    floor_won,
    leave_span,
    won,
)
from bot.calc.notes import RuleTrail, minimum_wage_note
from bot.calc.tables import ParentalRow, RuleBook, RuleSeries
from bot.intake.dates import period_end
from bot.korean import korean_date, korean_date_range

Scheme = Literal["general", "6plus6", "single-parent"]

MAX_MONTHS: Final = 18  # 1년 6개월 (고평법 제19조②)
SPECIAL_MONTHS: Final = 6  # 6+6: each parent's first 6 months
MIN_PAID_DAYS: Final = 30  # 육아휴직 급여: 30일 이상 휴직 (고보법 제70조)
SHORT_LEAVE_FROM: Final = date(2026, 8, 20)  # 단기 육아휴직 (고평법 제19조⑥, 고보법 제70조①)
SHORT_LEAVE_DAYS: Final = (7, 14)  # 1주 또는 2주, 7일 이상이면 급여
BASE_MONTHS: Final = 12
SIX_PLUS_SIX_CHILD_MONTHS: Final = 18  # 자녀 생후 18개월 이내

RETRO_REASON: Final = "배우자가 육아휴직을 시작한 뒤 6+6 특례 차액으로 소급 지급"
DEFERRED_REASON: Final = "2024년 규정: 일부(25%)는 복직 후 6개월 계속 근무하면 지급"


@dataclass(frozen=True)
class MonthPart:
    """The days of one leave month under one rule row (two parts when 1 January falls inside)."""

    start: date
    end: date
    days: int
    table: str  # series id: parental-leave, parental-leave-6plus6, parental-leave-single-parent
    valid_from: date
    rate: Decimal
    cap: int
    floor: int
    full_month_amount: int  # max(min(wage × rate, cap), floor) for a whole month
    is_uncertain: bool


@dataclass(frozen=True)
class LeaveMonth:
    """One leave month: the expected benefit and when it is paid."""

    number: int
    start: date
    end: date
    days: int
    amount: int
    paid_during_leave: int
    paid_later: int
    later_reasons: tuple[str, ...]
    is_capped: bool
    is_floored: bool
    is_uncertain: bool
    parts: tuple[MonthPart, ...]
    #: Days of the whole leave month; more than `days` in a part month, paid in proportion.
    month_days: int = 0
    #: The leave month's rate band is the 6+6 special one (False: the general table's).
    is_special: bool = False

    @property
    def is_part_month(self) -> bool:
        return self.days < self.month_days


@dataclass(frozen=True)
class ParentalLeavePay:
    monthly_wage: int
    start: date
    end: date
    months: int
    scheme: Scheme
    other_parent_start: date | None
    child_birth: date | None
    rows: tuple[LeaveMonth, ...]
    total: int
    total_during_leave: int
    total_later: int
    assumptions: tuple[str, ...]
    uncertainties: tuple[str, ...]
    legal_basis: tuple[str, ...]
    days: int = 0  # the leave's days, start to end
    is_short: bool = False  # 1주·2주 단기 육아휴직 (2026-08-20~)
    other_parent_months: int | None = None  # the other parent's leave length (6+6)
    special_months: int = 0  # leave months under the 6+6 special caps


@dataclass(frozen=True)
class _Value:
    amount: Fraction
    deferred: Fraction
    parts: tuple[MonthPart, ...]
    is_capped: bool
    is_floored: bool


def parental_leave_pay(
    rules: RuleBook,
    *,
    monthly_wage: int,
    start: date,
    months: int | None = None,
    end: date | None = None,
    days: int | None = None,
    short: bool = False,
    single_parent: bool = False,
    other_parent_start: date | None = None,
    other_parent_months: int | None = None,
    child_birth: date | None = None,
) -> ParentalLeavePay:
    """Expected 육아휴직 급여 from `start`, for `months` whole months, or to `end`, or for
    `days` days (a part month is paid in proportion to the days of that leave month).

    Args:
        monthly_wage: 월 통상임금 in won, assumed unchanged for the whole leave.
        short: a 1주·2주 단기 육아휴직 (from 2026-08-20; 7 or 14 days, paid from 7 days);
            otherwise the benefit needs at least 30 days of leave.
        other_parent_start: first day of the other parent's leave for the same child, if any
            (before or after `start`); enables the 6+6 rule.
        other_parent_months: how long the other parent's leave is; the special caps apply
            to at most that many months (the shorter parent's length), at most 6.
        child_birth: the child's birthday, to check the 18-month condition of the 6+6 rule;
            without it the condition is assumed met and the assumption stated.
    """
    check_wage(monthly_wage)
    span = leave_span(start, months=months, end=end, days=days, max_months=MAX_MONTHS, what="휴직")
    leave_days = (span[-1][1] - start).days + 1
    _check_length(start, leave_days, short=short)
    if single_parent and other_parent_start is not None:
        raise CalcInputError("한부모 특례와 부모 모두 휴직(6+6)은 함께 계산할 수 없어요.")
    if other_parent_months is not None:
        check_count(other_parent_months, 1, MAX_MONTHS, "배우자의 휴직 개월 수")
    assumptions: list[str] = []
    uncertainties: list[str] = []
    scheme: Scheme = "single-parent" if single_parent else "general"
    if other_parent_start is not None and _six_plus_six_applies(
        start,
        other_parent_start,
        child_birth,
        assumptions,
        uncertainties,
        other_months=other_parent_months,
    ):
        scheme = "6plus6"
    special_months = (
        min(SPECIAL_MONTHS, other_parent_months or SPECIAL_MONTHS) if scheme == "6plus6" else 0
    )
    trail = RuleTrail()
    table = {
        "general": rules.parental_leave,
        "6plus6": rules.parental_6plus6,
        "single-parent": rules.parental_single_parent,
    }[scheme]
    rows = tuple(
        _month(
            rules.parental_leave,
            table if scheme != "6plus6" or number <= special_months else rules.parental_leave,
            trail,
            number=number,
            first=first,
            last=last,
            month_days=month_days,
            wage=monthly_wage,
            other_parent_start=other_parent_start if scheme == "6plus6" else None,
        )
        for number, (first, last, month_days) in enumerate(span, start=1)
    )
    assumptions += _assumptions(
        rules, rows, wage=monthly_wage, start=start, months=len(rows), scheme=scheme, short=short
    )
    return ParentalLeavePay(
        monthly_wage=monthly_wage,
        start=start,
        end=rows[-1].end,
        months=len(rows),
        scheme=scheme,
        other_parent_start=other_parent_start,
        child_birth=child_birth,
        rows=rows,
        total=sum(row.amount for row in rows),
        total_during_leave=sum(row.paid_during_leave for row in rows),
        total_later=sum(row.paid_later for row in rows),
        assumptions=tuple(assumptions),
        uncertainties=(*trail.uncertainties(), *uncertainties),
        legal_basis=trail.legal_basis(),
        days=leave_days,
        is_short=short,
        other_parent_months=other_parent_months,
        special_months=special_months,
    )


def _check_length(start: date, days: int, *, short: bool) -> None:
    """The benefit needs 30 days of leave; a 단기 육아휴직 is 1 or 2 weeks, paid from 7 days."""
    if short:
        if start < SHORT_LEAVE_FROM:
            raise CalcInputError(
                "1주·2주 단기 육아휴직은 2026년 8월 20일부터 쓸 수 있어요. 시작일을 확인해 주세요."
            )
        if days not in SHORT_LEAVE_DAYS:
            raise CalcInputError("단기 육아휴직은 1주(7일) 또는 2주(14일)로 써요.")
    elif days < MIN_PAID_DAYS:
        raise CalcInputError(
            "육아휴직 급여는 한 번에 30일 이상 쉬어야 받을 수 있어요. 1주·2주 단기 "
            "육아휴직(2026년 8월 20일부터)은 7일 이상이면 받아요."
        )


def _six_plus_six_applies(
    start: date,
    other: date,
    birth: date | None,
    assumptions: list[str],
    uncertainties: list[str],
    *,
    other_months: int | None,
) -> bool:
    later = max(start, other)
    if birth is None:
        assumptions.append(
            "두 부모가 모두 자녀 생후 18개월 안에 육아휴직을 시작한다고 보고 "
            "6+6 특례로 계산했어요. 자녀 생년월일을 알려 주면 확인해 드려요."
        )
    else:
        limit = period_end(birth - timedelta(days=1), SIX_PLUS_SIX_CHILD_MONTHS)
        if later > limit:
            assumptions.append(
                f"나중에 휴직하는 부모의 시작일({korean_date(later)})이 자녀 생후 18개월"
                f"({korean_date(limit)}까지)을 지나서 6+6 특례는 적용되지 않아요. 일반 "
                "육아휴직 급여로 계산했어요."
            )
            return False
        if min(start, other) < birth:
            uncertainties.append(
                "출산 전(임신 중)에 시작한 육아휴직 기간도 6+6 특례로 계산했어요. "
                "특례 인정 여부는 고용센터가 정해요."
            )
    if other <= start:
        assumptions.append(
            f"배우자가 {korean_date(other)}에 먼저(또는 같은 날) 휴직을 시작해요. "
            "특례는 내 휴직 첫 달을 1개월차로 세어 바로 받아요."
        )
    else:
        assumptions.append(
            f"내가 먼저 휴직하고 배우자가 {korean_date(other)}에 시작해요. 그 전에 "
            "시작하는 달은 일반 급여를 먼저 받고, 특례와의 차액은 배우자가 "
            "육아휴직 급여를 받은 뒤 소급해서 받는다고 보고 나눠 적었어요."
        )
    if other_months is None:
        uncertainties.append(
            "6+6 특례는 부모 각자의 첫 6개월에 적용된다고 보고 계산했어요. 배우자가 "
            "6개월보다 짧게 쉬면 특례는 짧은 쪽 기간만큼만 적용돼요. 배우자의 휴직 "
            "기간을 알려 주시면 맞춰 계산해 드려요."
        )
    elif other_months < SPECIAL_MONTHS:
        uncertainties.append(
            f"배우자가 {other_months}개월 쉬어서 6+6 특례 상한은 짧은 쪽 기간인 처음 "
            f"{other_months}개월에만 적용했어요. 그 뒤는 일반 육아휴직 급여예요."
        )
    return True


def _month(
    general: RuleSeries[ParentalRow],
    table: RuleSeries[ParentalRow],
    trail: RuleTrail,
    *,
    number: int,
    first: date,
    last: date,
    month_days: int,
    wage: int,
    other_parent_start: date | None,
) -> LeaveMonth:
    value = _value(
        general,
        table,
        trail,
        number=number,
        first=first,
        last=last,
        month_days=month_days,
        wage=wage,
    )
    amount = floor_won(value.amount)
    paid_now = value.amount - value.deferred
    reasons = [DEFERRED_REASON] if value.deferred > 0 else []
    if other_parent_start is not None and first < other_parent_start:
        plain = _value(
            general,
            general,
            RuleTrail(),
            number=number,
            first=first,
            last=last,
            month_days=month_days,
            wage=wage,
        )
        if plain.amount < value.amount:
            paid_now = plain.amount - plain.deferred
            reasons = [DEFERRED_REASON] if plain.deferred > 0 else []
            reasons.append(RETRO_REASON)
    now = min(amount, floor_won(paid_now))
    return LeaveMonth(
        number=number,
        start=first,
        end=last,
        days=(last - first).days + 1,
        amount=amount,
        paid_during_leave=now,
        paid_later=amount - now,
        later_reasons=tuple(reasons),
        is_capped=value.is_capped,
        is_floored=value.is_floored,
        is_uncertain=any(part.is_uncertain for part in value.parts),
        parts=value.parts,
        month_days=month_days,
        is_special=table.id == "parental-leave-6plus6",
    )


def _value(
    general: RuleSeries[ParentalRow],
    table: RuleSeries[ParentalRow],
    trail: RuleTrail,
    *,
    number: int,
    first: date,
    last: date,
    month_days: int,
    wage: int,
) -> _Value:
    """The month's amount: each row's full-month amount weighted by its days in the month
    (`month_days`: the whole leave month, so a part month is paid in proportion)."""
    amount = deferred = Fraction(0)
    parts: list[MonthPart] = []
    capped = floored = False
    for segment in table.split(first, last):
        pieces = (
            [(table, segment)]
            if segment.row.band(number) is not None
            else [(general, piece) for piece in general.split(segment.start, segment.end)]
        )
        for series, piece in pieces:
            band = piece.row.band(number)
            if band is None:  # the checker guarantees an open-ended last band
                raise CalcInputError(f"'{series.title}' 규칙표에 {number}개월차 기준이 없어요.")
            trail.use(series, piece.row, piece.end)
            raw = wage * Fraction(band.rate)
            full = max(min(raw, Fraction(band.cap)), Fraction(piece.row.floor))
            share = full * piece.days / month_days
            amount += share
            deferred += share * Fraction(piece.row.deferred_share)
            capped = capped or raw > band.cap
            floored = floored or raw < piece.row.floor
            parts.append(
                MonthPart(
                    start=piece.start,
                    end=piece.end,
                    days=piece.days,
                    table=series.id,
                    valid_from=piece.row.valid_from,
                    rate=band.rate,
                    cap=band.cap,
                    floor=piece.row.floor,
                    full_month_amount=floor_won(full),
                    is_uncertain=piece.row.uncertain or series.is_projected(piece.end),
                )
            )
    return _Value(amount, deferred, tuple(parts), capped, floored)


def _assumptions(
    rules: RuleBook,
    rows: tuple[LeaveMonth, ...],
    *,
    wage: int,
    start: date,
    months: int,
    scheme: Scheme,
    short: bool,
) -> list[str]:
    first = rows[0]
    lines = [
        f"통상임금(월) {won(wage)}이 휴직 내내 같다고 보고 계산했어요.",
        f"휴직 개월은 시작일부터 한 달씩 셌어요(1개월차 "
        f"{korean_date_range(first.start, first.start + timedelta(days=first.month_days - 1))}).",
    ]
    last = rows[-1]
    if last.is_part_month:
        lines.append(
            f"마지막 {last.number}개월차는 {last.days}일만 쉬어서 그 달 {last.month_days}일 중 "
            f"{last.days}일만큼 계산했어요."
        )
    if short:
        lines.append(
            "1주·2주 단기 육아휴직으로 보고, 처음 쓰는 육아휴직(1개월차 기준)으로 계산했어요. "
            "앞서 쓴 육아휴직이 있으면 그다음 개월차 기준이 적용돼요."
        )
    if any(len(row.parts) > 1 for row in rows):
        lines.append(
            "한 달 안에서 기준이 바뀌면(1월 1일 등) 그 달을 날짜 수로 나눠 각각의 "
            "기준으로 계산했어요."
        )
    if scheme == "single-parent":
        lines.append("한부모가족지원법상 한부모라고 보고 한부모 특례 상한으로 계산했어요.")
    if months > BASE_MONTHS:
        lines.append(
            "12개월을 넘는 기간(최대 1년 6개월)은 부모가 같은 자녀로 각각 3개월 "
            "이상 쓰거나, 한부모, 중증 장애아동 부모일 때만 쓸 수 있어요."
        )
    lines += [
        "원 단위 미만은 버렸어요. 휴직 중 회사에서 받은 돈이 있으면 줄어들 수 있어요.",
        "고용보험 피보험단위기간 180일 이상, 30일 이상 휴직해야 받을 수 있어요"
        "(1주·2주 단기 육아휴직은 7일 이상).",
        "신청은 휴직 시작 1개월 뒤부터, 휴직이 끝난 날 이후 12개월 안에 고용24에서 해요.",
    ]
    warning = minimum_wage_note(rules, wage, start)
    if warning is not None:
        lines.append(warning)
    return lines
