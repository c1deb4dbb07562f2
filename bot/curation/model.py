"""The staff review of the FAQ as plain data (rendered as text or XLSX)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from bot.curation.grouping import QuestionGroup
from bot.curation.health import Expiring, Overdue, ReviewNote


@dataclass(frozen=True)
class EntryFeedback:
    entry_id: str
    title: str
    helpful: int
    unhelpful: int
    reasons: dict[str, int] = field(default_factory=dict)  # FeedbackReason value → count

    @property
    def unhelpful_share(self) -> float:
        total = self.helpful + self.unhelpful
        return self.unhelpful / total if total else 0.0


@dataclass(frozen=True)
class WeekRates:
    """How the questions of one week (Monday first) were handled."""

    week: date
    direct: int
    suggestions: int
    none: int
    crisis: int

    @property
    def total(self) -> int:
        return self.direct + self.suggestions + self.none + self.crisis


@dataclass(frozen=True)
class NewEntryRequest:
    question: str
    staff: str
    at: datetime


@dataclass(frozen=True)
class ReviewReport:
    start: datetime
    end: datetime
    today: date
    groups: list[QuestionGroup]
    feedback: list[EntryFeedback]  # worst 👎 share first
    overdue: list[Overdue]
    expiring: list[Expiring]
    notes: list[ReviewNote]
    never_matched: list[str]
    weeks: list[WeekRates]
    new_entries: list[NewEntryRequest]
    titles: dict[str, str]  # entry id → question
    tz: tzinfo  # local time of the dates shown
