"""Dated content that runs out: FAQ versions and rule tables whose validity ends soon with
nothing to take over (pure: no I/O).

An FAQ version with `valid_until` needs a later version of the same id, or the entry silently
disappears the day after. A rule table (series) is checked up to `checked_until` (or its last
row ends earlier); after that day the calculators would go on with unchecked figures, so the
next period needs a row of its own — a `review:`-flagged draft when the figure is not known
yet. `faq check` warns 60 days ahead; the daily admin job alerts 30 days ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final, Literal

from bot.calc.tables import SERIES, RuleBook, RuleRow, RuleSeries
from bot.knowledge.models import KnowledgeBase

CHECK_WARNING_DAYS: Final = 60
ADMIN_ALERT_DAYS: Final = 30

ItemKind = Literal["faq", "rules"]


@dataclass(frozen=True)
class Expiring:
    """One FAQ version or rule table whose validity ends on `ends_on` with no successor."""

    kind: ItemKind
    id: str
    title: str
    ends_on: date
    days_left: int

    @property
    def key(self) -> str:
        """Stable name of the item and its end (one alert per item and end date)."""
        return f"{self.kind}:{self.id}:{self.ends_on.isoformat()}"

    def __str__(self) -> str:
        when = f"{self.ends_on.isoformat()} (in {self.days_left} days)"
        if self.kind == "faq":
            return (
                f"entry '{self.id}': the version valid until {when} has no later version "
                "(add one with valid_from the next day)"
            )
        return (
            f"rules series '{self.id}': checked until {when} with no row after it "
            "(add the next period's row; a review-flagged draft if the figure is not known yet)"
        )


def expiring(
    knowledge: KnowledgeBase | None,
    rules: RuleBook | None,
    *,
    today: date,
    within_days: int,
    from_days: int = 0,
) -> list[Expiring]:
    """Items ending `from_days`..`within_days` days after `today` with no successor."""
    found: list[Expiring] = []
    first, last = today + timedelta(days=from_days), today + timedelta(days=within_days)
    if knowledge is not None:
        for entry in knowledge.entries:
            end = entry.valid_until
            if end is None or not first <= end <= last:
                continue
            if any(
                other.id == entry.id and other.valid_from is not None and other.valid_from > end
                for other in knowledge.entries
            ):
                continue
            found.append(Expiring("faq", entry.id, entry.question, end, (end - today).days))
    if rules is not None:
        for series_id, (_, field) in SERIES.items():
            series: RuleSeries[Any] = getattr(rules, field)
            end = series_end(series)
            if not first <= end <= last or any(row.valid_from > end for row in series.rows):
                continue
            found.append(Expiring("rules", series_id, series.title, end, (end - today).days))
    return sorted(found, key=lambda item: (item.ends_on, item.kind, item.id))


def series_end(series: RuleSeries[Any]) -> date:
    """The last day the series' figures cover: `checked_until`, or its last row's end."""
    last_row: RuleRow = max(series.rows, key=lambda row: row.valid_from)
    if last_row.valid_until is None:
        return series.checked_until
    return min(series.checked_until, last_row.valid_until)
