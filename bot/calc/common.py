"""Small shared pieces of the calculators: input errors, exact money, leave months, JSON."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from bot.intake.dates import period_end
from bot.korean import josa

#: Largest monthly ordinary wage accepted (a typo guard, not a legal limit).
MAX_MONTHLY_WAGE: Final = 100_000_000


class CalcInputError(ValueError):
    """An input the calculators cannot use; the message is plain Korean for the parent."""


def won(amount: int) -> str:
    """2500000 → '2,500,000원'."""
    return f"{amount:,}원"


def man_won(amount: int) -> str:
    """2500000 → '250만원'; amounts not in whole 만원 fall back to `won`."""
    return f"{amount // 10_000:,}만원" if amount % 10_000 == 0 else won(amount)


def percent(rate: Decimal | Fraction) -> str:
    """Decimal('0.8') → '80%'."""
    value = Fraction(rate) * 100
    return f"{value.numerator}%" if value.denominator == 1 else f"{float(value):g}%"


def floor_won(amount: Fraction) -> int:
    """Whole won, rounded down (the calculators never show more than the parent gets)."""
    return math.floor(amount)


def check_wage(monthly_wage: int) -> None:
    if isinstance(monthly_wage, bool) or not isinstance(monthly_wage, int):
        raise CalcInputError("통상임금은 원 단위 정수로 적어 주세요.")
    if not 0 < monthly_wage <= MAX_MONTHLY_WAGE:
        raise CalcInputError(
            f"통상임금(월)은 1원 이상 {won(MAX_MONTHLY_WAGE)} 이하로 적어 주세요."
        )


def check_count(value: int, low: int, high: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CalcInputError(f"{josa(what, '은/는')} {low}~{high} 사이의 정수로 적어 주세요.")


def leave_months(start: date, count: int) -> list[tuple[date, date]]:
    """The first `count` months of a leave starting on `start` (first and last day of each).

    The start day counts (the leave begins at 0시), so month n ends the day before the day
    corresponding to `start` n months later, or on that month's last day when there is no
    such day (민법 제157조 단서, 제160조) — `period_end` from the day before the start:
    2025-01-31 → 01-31~02-28, 03-01~03-30, 03-31~04-30.
    """
    eve = start - timedelta(days=1)
    months: list[tuple[date, date]] = []
    first = start
    for number in range(1, count + 1):
        last = period_end(eve, number)
        months.append((first, last))
        first = last + timedelta(days=1)
    return months


def jsonable(value: Any) -> Any:
    """A result dataclass as JSON-ready data: dates ISO, rates and hours as numbers, lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | Fraction):
        return _number(value)
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    return value


def _number(value: Decimal | Fraction) -> int | float:
    exact = Fraction(value)
    return exact.numerator if exact.denominator == 1 else float(exact)


def leave_span(
    start: date,
    *,
    months: int | None,
    end: date | None,
    days: int | None,
    max_months: int,
    what: str,
) -> list[tuple[date, date, int]]:
    """The leave months from `start`, the end given by exactly one of `months`, `end` (last
    day) or `days` (how many days): (first day, last day, days of the whole leave month).

    The last month may be a part month: it ends on the leave's last day, and its third item
    is still the length of the whole leave month, so that it is paid in proportion.
    """
    given = [value is not None for value in (months, end, days)]
    if sum(given) != 1:
        raise CalcInputError(f"{what}은 개월 수, 끝나는 날, 날수 중 하나로 알려 주세요.")
    if months is not None:
        check_count(months, 1, max_months, f"{what} 개월 수")
        return [
            (first, last, (last - first).days + 1) for first, last in leave_months(start, months)
        ]
    if days is not None:
        check_count(days, 1, 31 * max_months, f"{what} 날수")
    last_day = end if end is not None else start + timedelta(days=(days or 1) - 1)
    if last_day < start:
        raise CalcInputError(f"{what}이 끝나는 날이 시작일보다 빨라요.")
    span: list[tuple[date, date, int]] = []
    for first, last in leave_months(start, max_months):
        span.append((first, min(last, last_day), (last - first).days + 1))
        if last >= last_day:
            return span
    raise CalcInputError(f"{what}은 최대 {max_months}개월까지 계산할 수 있어요.")
