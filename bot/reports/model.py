"""The report as plain data: what every renderer (text, CSV, XLSX, PNG) draws from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from bot.reports.period import Period
from bot.reports.stats import achievement, round_half_up


@dataclass(frozen=True)
class KpiRow:
    """One line of the 성과목표 / 성과지표 / 실적 / 이행률 table."""

    metric: str
    program: str  # 사업명
    indicator: str  # 성과지표
    unit: str
    target: Fraction | None  # for the period: yearly ÷ 12 × months
    actual: int

    @property
    def achievement(self) -> Decimal | None:
        """이행률 in percent, one decimal, rounded half up; None without a target."""
        return None if self.target is None else achievement(self.actual, self.target)


@dataclass(frozen=True)
class CountRow:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Breakdown:
    """Cases (or referrals) counted by one attribute."""

    key: str
    title: str
    rows: tuple[CountRow, ...]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


@dataclass(frozen=True)
class EntryCount:
    entry_id: str
    title: str
    count: int


@dataclass(frozen=True)
class QuestionCount:
    text: str
    count: int


@dataclass(frozen=True)
class FaqStats:
    answered: int  # confident answers
    chosen: int  # picked from suggestions or the menu
    helpful: int  # 👍
    unhelpful: int  # 👎
    unanswered: int  # suggestions + none
    top_entries: tuple[EntryCount, ...]
    top_unanswered: tuple[QuestionCount, ...]

    @property
    def given(self) -> int:
        return self.answered + self.chosen

    @property
    def helpful_share(self) -> Decimal | None:
        """👍 ÷ (👍 + 👎) in percent, one decimal; None without feedback."""
        votes = self.helpful + self.unhelpful
        return None if votes == 0 else achievement(self.helpful, Fraction(votes))


@dataclass(frozen=True)
class Satisfaction:
    """Answers to the satisfaction question (1–5) given in the period."""

    count: int = 0
    total: int = 0  # the sum of the scores

    @property
    def average(self) -> Decimal | None:
        """The mean score, one decimal, rounded half up; None without answers."""
        return None if self.count == 0 else round_half_up(Fraction(self.total, self.count))


@dataclass(frozen=True)
class Duration:
    """Median and 90th percentile of one waiting time over `count` cases."""

    key: str
    label: str
    count: int
    median: timedelta | None
    p90: timedelta | None


@dataclass(frozen=True)
class WaitingCase:
    number: str
    topic: str
    urgency: str  # urgent | normal
    state: str  # Korean: 배정 대기 / 첫 답변 대기
    waited: timedelta


@dataclass(frozen=True)
class MonthlyPoint:
    period: Period
    actual: int
    target: Fraction | None


@dataclass(frozen=True)
class MonthlySeries:
    """One indicator month by month, for the chart."""

    metric: str
    program: str
    unit: str
    points: tuple[MonthlyPoint, ...]


@dataclass(frozen=True)
class Report:
    period: Period
    generated_at: datetime
    center: str  # the center's name, or "" when unknown
    cases_received: int
    kpis: tuple[KpiRow, ...]
    breakdowns: tuple[Breakdown, ...]
    referrals: Breakdown
    faq: FaqStats
    response_times: tuple[Duration, ...]
    waiting: tuple[WaitingCase, ...]
    monthly: tuple[MonthlySeries, ...]
    satisfaction: Satisfaction = Satisfaction()

    @property
    def is_partial(self) -> bool:
        """The period is not over yet: results are as of `generated_at`."""
        return self.generated_at < self.period.end
