"""What a calculation tells about its own sources: legal bases, uncertain and projected figures."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bot.calc.common import won
from bot.calc.tables import RuleBook, RuleRow, RuleSeries
from bot.korean import korean_date


class RuleTrail:
    """Collects the rows a calculation used, in order, without repeats."""

    def __init__(self) -> None:
        self._used: dict[tuple[str, date], tuple[RuleSeries[Any], RuleRow]] = {}
        self._projected: dict[str, RuleSeries[Any]] = {}

    def use(self, series: RuleSeries[Any], row: RuleRow, last_day: date) -> None:
        """Record `row` of `series`, used for days up to `last_day`."""
        self._used.setdefault((series.id, row.valid_from), (series, row))
        # a draft row for the next period carries its own note; only older rows are projected
        if series.is_projected(last_day) and row.valid_from <= series.checked_until:
            self._projected.setdefault(series.id, series)

    def legal_basis(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row.legal_basis for _, row in self._used.values()))

    def uncertainties(self) -> tuple[str, ...]:
        """One line per uncertain row used, then one per series used past its checked date."""
        lines = [
            f"{series.title}({korean_date(row.valid_from)}부터): {row.note}"
            for series, row in self._used.values()
            if row.uncertain
        ]
        lines += [
            f"{series.title}: {korean_date(series.checked_until + timedelta(days=1))}부터는 "
            "규칙표의 마지막 기준으로 계산했어요. 상한·하한은 매년 1월 1일 바뀔 수 있어요."
            for series in self._projected.values()
        ]
        return tuple(dict.fromkeys(lines))


def minimum_wage_note(rules: RuleBook, monthly_wage: int, day: date) -> str | None:
    """A warning when the wage is under the full-time minimum wage on `day` (None if not)."""
    series = rules.minimum_wage
    row = next((r for r in series.rows if r.is_valid_on(day)), None)
    if row is None or monthly_wage >= row.monthly:
        return None
    return (
        f"입력한 통상임금 {won(monthly_wage)}은 {day.year}년 최저임금 월 환산액 "
        f"{won(row.monthly)}(시간급 {won(row.hourly)} × 209시간, 주 40시간 기준)보다 적어요. "
        "단시간 근로가 아니라면 최저임금 위반일 수 있으니 상담해 보세요."
    )
