"""Typed rows of the rule tables in `faq/rules/` and the `RuleBook` that answers "which row was
in force on this day" (pure data; reading and checking the files is in `bot.calc.loader`).

A series is one benefit's history: rows with `valid_from` / `valid_until` (both inclusive,
`None` = still in force) that cover a date range without gaps or overlaps. Amounts are whole
won, rates `Decimal` fractions (1.0 = 100%), so the calculators can do exact arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Final, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, model_validator

from bot.calc.common import CalcInputError
from bot.korean import korean_date


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Rate = Decimal  # validated per field: 0 < rate <= 1


class RuleRow(_Strict):
    """Fields every row has: its validity, legal basis and whether a figure is uncertain."""

    valid_from: date
    valid_until: date | None
    legal_basis: str = Field(min_length=1)
    uncertain: bool
    #: What parents read about the row: plain facts, no research notes.
    note: str = Field(min_length=1)
    #: Staff-only: what still needs an official check (required when `uncertain`).
    review: str | None = Field(default=None, min_length=1)

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class Band(_Strict):
    """Rate and monthly cap for leave months `first_month`..`last_month` (None: onwards)."""

    first_month: int = Field(ge=1)
    last_month: int | None
    rate: Rate = Field(gt=0, le=1)
    cap: PositiveInt

    def covers(self, month: int) -> bool:
        return self.first_month <= month and (self.last_month is None or month <= self.last_month)


class ParentalRow(RuleRow):
    """육아휴직 급여 (general, 6+6, single parent): bands by leave month, floor, deferred share."""

    floor: PositiveInt
    deferred_share: Rate = Field(default=Decimal(0), ge=0, lt=1)
    bands: list[Band] = Field(min_length=1)

    def band(self, month: int) -> Band | None:
        return next((band for band in self.bands if band.covers(month)), None)


class DaysByBirth(_Strict):
    """Days per kind of birth; `premature` is absent before 2025-02-23."""

    single: PositiveInt
    multiple: PositiveInt
    premature: PositiveInt | None = None


class MaternityRow(RuleRow):
    """출산전후휴가 급여: 30-day cap, leave length and paid (employer-first) days."""

    rate: Rate = Field(gt=0, le=1)
    monthly_cap: PositiveInt
    leave_days: DaysByBirth
    employer_paid_days: DaysByBirth

    @model_validator(mode="after")
    def _paid_within_leave(self) -> MaternityRow:
        for kind in ("single", "multiple", "premature"):
            leave, paid = getattr(self.leave_days, kind), getattr(self.employer_paid_days, kind)
            if (leave is None) != (paid is None):
                raise ValueError(f"'{kind}' must be in both leave_days and employer_paid_days")
            if leave is not None and paid is not None and paid > leave:
                raise ValueError(
                    f"employer_paid_days.{kind} ({paid}) exceeds leave_days ({leave})"
                )
        return self


class SpouseRow(RuleRow):
    """배우자 출산휴가 급여: paid days, days paid by 고용보험, cap for all paid days."""

    rate: Rate = Field(gt=0, le=1)
    paid_days: PositiveInt
    government_days: PositiveInt
    cap_for_paid_days: PositiveInt

    @model_validator(mode="after")
    def _government_within_paid(self) -> SpouseRow:
        if self.government_days > self.paid_days:
            raise ValueError("government_days exceeds paid_days")
        return self


class PaidLeaveDaysRow(RuleRow):
    """A short leave counted in days (난임치료휴가, 배우자 유산·사산휴가): how many days, how
    many of them paid, and how many of the paid days 고용보험 pays at 우선지원대상기업."""

    leave_days: PositiveInt
    paid_days: PositiveInt
    government_days: int = Field(ge=0)

    @model_validator(mode="after")
    def _days_nested(self) -> PaidLeaveDaysRow:
        if self.paid_days > self.leave_days:
            raise ValueError("paid_days exceeds leave_days")
        if self.government_days > self.paid_days:
            raise ValueError("government_days exceeds paid_days")
        return self


class ReducedHoursRow(RuleRow):
    """육아기 근로시간 단축 급여: the first hours at one rate and cap, the rest at another."""

    full_rate_hours: PositiveInt
    full_rate: Rate = Field(gt=0, le=1)
    full_rate_cap: PositiveInt
    rest_rate: Rate = Field(gt=0, le=1)
    rest_cap: PositiveInt


class MinimumWageRow(RuleRow):
    """최저임금: hourly and the monthly equivalent for 209 hours (주 40시간)."""

    hourly: PositiveInt
    monthly: PositiveInt


MONTHLY_HOURS: Final = 209  # 주 40시간 + 주휴 8시간, 월 평균 (최저임금 월 환산 기준)

RowT = TypeVar("RowT", bound=RuleRow)


@dataclass(frozen=True)
class Segment(Generic[RowT]):
    """Consecutive days `start`..`end` (inclusive) under one row."""

    start: date
    end: date
    row: RowT

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class RuleNotInForceError(CalcInputError):
    """No row of a series covers a day the calculation needs."""


@dataclass(frozen=True)
class RuleSeries(Generic[RowT]):
    """One checked series: rows sorted by `valid_from`, contiguous."""

    id: str
    title: str
    checked_until: date
    rows: tuple[RowT, ...]

    def at(self, day: date) -> RowT:
        """The row in force on `day`; `RuleNotInForceError` (Korean message) when none is."""
        for row in self.rows:
            if row.is_valid_on(day):
                return row
        raise RuleNotInForceError(
            f"{korean_date(day)}에 시행 중인 '{self.title}' 규칙이 규칙표에 없어요 "
            f"(규칙표는 {korean_date(self.rows[0].valid_from)}부터 있어요)."
        )

    def split(self, start: date, end: date) -> list[Segment[RowT]]:
        """`start`..`end` cut where the row in force changes (e.g. on 1 January)."""
        segments: list[Segment[RowT]] = []
        day = start
        while day <= end:
            row = self.at(day)
            last = end if row.valid_until is None else min(end, row.valid_until)
            segments.append(Segment(day, last, row))
            day = last + timedelta(days=1)
        return segments

    def is_projected(self, day: date) -> bool:
        """Whether `day` is later than the figures were checked for (next year's caps)."""
        return day > self.checked_until


@dataclass(frozen=True)
class RuleBook:
    """Every series the calculators need, loaded by `bot.calc.loader.load_rules`."""

    parental_leave: RuleSeries[ParentalRow]
    parental_6plus6: RuleSeries[ParentalRow]
    parental_single_parent: RuleSeries[ParentalRow]
    maternity_leave: RuleSeries[MaternityRow]
    spouse_leave: RuleSeries[SpouseRow]
    reduced_hours: RuleSeries[ReducedHoursRow]
    minimum_wage: RuleSeries[MinimumWageRow]
    infertility_leave: RuleSeries[PaidLeaveDaysRow]
    spouse_loss_leave: RuleSeries[PaidLeaveDaysRow]


#: Series id (the top-level key in a `faq/rules/*.yaml` file) → row model and RuleBook field.
SERIES: Final[dict[str, tuple[type[RuleRow], str]]] = {
    "parental-leave": (ParentalRow, "parental_leave"),
    "parental-leave-6plus6": (ParentalRow, "parental_6plus6"),
    "parental-leave-single-parent": (ParentalRow, "parental_single_parent"),
    "maternity-leave": (MaternityRow, "maternity_leave"),
    "spouse-childbirth-leave": (SpouseRow, "spouse_leave"),
    "childcare-reduced-hours": (ReducedHoursRow, "reduced_hours"),
    "minimum-wage": (MinimumWageRow, "minimum_wage"),
    "infertility-treatment-leave": (PaidLeaveDaysRow, "infertility_leave"),
    "spouse-pregnancy-loss-leave": (PaidLeaveDaysRow, "spouse_loss_leave"),
}
