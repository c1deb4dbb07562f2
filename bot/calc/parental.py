"""육아휴직 급여: a month-by-month estimate from the rule tables in force on each month's days.

Per leave month n (counted from the parent's own start, see `leave_months`):
`monthly = max(min(wage × rate, cap), floor)` with the band for month n of the row in force.
When the row changes inside a month (a leave spanning 1 January), each row's monthly amount
is weighted by its days in that month. Special tables (6+6, single parent) give the bands they
have; other months come from the general table.

6+6 부모육아휴직제 (law-facts "parents-both-leave"): the other parent takes leave for the same
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
    iso,
    leave_months,
    won,
)
from bot.calc.notes import RuleTrail, minimum_wage_note
from bot.calc.tables import ParentalRow, RuleBook, RuleSeries
from bot.intake.dates import period_end

Scheme = Literal["general", "6plus6", "single-parent"]

MAX_MONTHS: Final = 18  # 1년 6개월 (고평법 제19조②)
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
    months: int,
    single_parent: bool = False,
    other_parent_start: date | None = None,
    child_birth: date | None = None,
) -> ParentalLeavePay:
    """Expected 육아휴직 급여 for `months` whole months from `start`.

    Args:
        monthly_wage: 월 통상임금 in won, assumed unchanged for the whole leave.
        other_parent_start: first day of the other parent's leave for the same child, if any
            (before or after `start`); enables the 6+6 rule.
        child_birth: the child's birthday, to check the 18-month condition of the 6+6 rule;
            without it the condition is assumed met and the assumption stated.
    """
    check_wage(monthly_wage)
    check_count(months, 1, MAX_MONTHS, "휴직 개월 수")
    if single_parent and other_parent_start is not None:
        raise CalcInputError("한부모 특례와 부모 모두 휴직(6+6)은 함께 계산할 수 없어요.")
    assumptions: list[str] = []
    uncertainties: list[str] = []
    scheme: Scheme = "single-parent" if single_parent else "general"
    if other_parent_start is not None and _six_plus_six_applies(
        start, other_parent_start, child_birth, assumptions, uncertainties
    ):
        scheme = "6plus6"
    trail = RuleTrail()
    table = {
        "general": rules.parental_leave,
        "6plus6": rules.parental_6plus6,
        "single-parent": rules.parental_single_parent,
    }[scheme]
    rows = tuple(
        _month(
            rules.parental_leave,
            table,
            trail,
            number=number,
            first=first,
            last=last,
            wage=monthly_wage,
            other_parent_start=other_parent_start if scheme == "6plus6" else None,
        )
        for number, (first, last) in enumerate(leave_months(start, months), start=1)
    )
    assumptions += _assumptions(
        rules, rows, wage=monthly_wage, start=start, months=months, scheme=scheme
    )
    return ParentalLeavePay(
        monthly_wage=monthly_wage,
        start=start,
        end=rows[-1].end,
        months=months,
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
    )


def _six_plus_six_applies(
    start: date, other: date, birth: date | None, assumptions: list[str], uncertainties: list[str]
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
                f"나중에 휴직하는 부모의 시작일({iso(later)})이 자녀 생후 18개월"
                f"({iso(limit)}까지)을 지나서 6+6 특례는 적용되지 않아요. 일반 "
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
            f"배우자가 {iso(other)}에 먼저(또는 같은 날) 휴직을 시작해요. "
            "특례는 내 휴직 첫 달을 1개월차로 세어 바로 받아요."
        )
    else:
        assumptions.append(
            f"내가 먼저 휴직하고 배우자가 {iso(other)}에 시작해요. 그 전에 "
            "시작하는 달은 일반 급여를 먼저 받고, 특례와의 차액은 배우자가 "
            "육아휴직 급여를 받은 뒤 소급해서 받는다고 보고 나눠 적었어요."
        )
    uncertainties.append(
        "6+6 특례는 부모 각자의 첫 6개월에 적용된다고 보고 계산했어요. 한 "
        "사람이 6개월보다 짧게 쉬면 특례 개월 수가 달라질 수 있어 고용24 확인이 "
        "필요해요."
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
    wage: int,
    other_parent_start: date | None,
) -> LeaveMonth:
    value = _value(general, table, trail, number=number, first=first, last=last, wage=wage)
    amount = floor_won(value.amount)
    paid_now = value.amount - value.deferred
    reasons = [DEFERRED_REASON] if value.deferred > 0 else []
    if other_parent_start is not None and first < other_parent_start:
        plain = _value(
            general, general, RuleTrail(), number=number, first=first, last=last, wage=wage
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
    )


def _value(
    general: RuleSeries[ParentalRow],
    table: RuleSeries[ParentalRow],
    trail: RuleTrail,
    *,
    number: int,
    first: date,
    last: date,
    wage: int,
) -> _Value:
    """The month's amount: each row's full-month amount weighted by its days in the month."""
    month_days = (last - first).days + 1
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
) -> list[str]:
    first = rows[0]
    lines = [
        f"통상임금(월) {won(wage)}이 휴직 내내 같다고 보고 계산했어요.",
        f"휴직 개월은 시작일부터 한 달씩 셌어요(1개월차 {iso(first.start)}~{iso(first.end)}).",
    ]
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
        "고용보험 피보험단위기간 180일 이상, 30일 이상 휴직해야 받을 수 있어요.",
        "신청은 휴직 시작 1개월 뒤부터, 휴직이 끝난 날 이후 12개월 안에 고용24에서 해요.",
    ]
    warning = minimum_wage_note(rules, wage, start)
    if warning is not None:
        lines.append(warning)
    return lines
