"""Build a report from the database: read the facts, then compute."""

from __future__ import annotations

from datetime import datetime

from bot.cases import stages
from bot.knowledge import KnowledgeBase
from bot.reports.compute import Vocabulary, compute_report
from bot.reports.metrics import FAQ_ANSWER_OUTCOMES
from bot.reports.model import Report
from bot.reports.period import Period
from bot.reports.targets import Targets
from storage.db import Database


async def build_report(
    database: Database,
    *,
    period: Period,
    targets: Targets,
    now: datetime,
    vocabulary: Vocabulary | None = None,
) -> Report:
    """The report for `period` as of `now` (read in one transaction)."""
    year = Period.for_year(period.year, period.tz)
    async with database.uow() as uow:
        facts = await uow.reports.facts(
            window_start=year.start,
            period_start=period.start,
            end=period.end,
            counseling_stages=stages.COUNSELING_STAGES,
            answer_outcomes=FAQ_ANSWER_OUTCOMES,
        )
    return compute_report(facts, period=period, targets=targets, now=now, vocabulary=vocabulary)


def vocabulary_from(knowledge: KnowledgeBase | None, other_topic: str = "기타") -> Vocabulary:
    """Topic titles and entry questions from the FAQ, for readable breakdowns."""
    if knowledge is None:
        return Vocabulary.empty()
    topics = {group.id: group.title for group in knowledge.groups}
    topics.setdefault("other", other_topic)
    entries = {entry.id: entry.question for entry in knowledge.entries}
    center = knowledge.center.name if knowledge.center else ""
    return Vocabulary(topics, entries, center)
