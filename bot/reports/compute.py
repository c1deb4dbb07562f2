"""Turn the facts read from the database into a `Report`: pure, no I/O."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.cases import stages
from bot.reports import labels, metrics
from bot.reports.model import (
    Breakdown,
    CountRow,
    Duration,
    EntryCount,
    FaqStats,
    KpiRow,
    MonthlyPoint,
    MonthlySeries,
    QuestionCount,
    Report,
    Satisfaction,
    WaitingCase,
)
from bot.reports.period import Period
from bot.reports.stats import median, percentile
from bot.reports.targets import Targets
from bot.vocabulary import Stage
from storage.report_facts import CaseFact, ReportFacts

TOP_ENTRIES = 5
TOP_UNANSWERED = 10
WAITING_LIMIT = 10


@dataclass(frozen=True)
class Vocabulary:
    """Titles that live outside the report: FAQ topic groups and entry questions."""

    topics: Mapping[str, str]
    entries: Mapping[str, str]
    center: str = ""

    @classmethod
    def empty(cls) -> Vocabulary:
        return cls({}, {})

    def topic(self, topic_id: str) -> str:
        if topic_id == "other":
            return self.topics.get(topic_id, "기타")
        return self.topics.get(topic_id, topic_id)


def compute_report(
    facts: ReportFacts,
    *,
    period: Period,
    targets: Targets,
    now: datetime,
    vocabulary: Vocabulary | None = None,
) -> Report:
    """The report for `period`; `facts` must cover January to the end of the period."""
    words = vocabulary or Vocabulary.empty()
    received = [c for c in facts.cases if period.contains(c.created_at)]
    return Report(
        period=period,
        generated_at=now,
        center=words.center,
        cases_received=len(received),
        kpis=tuple(_kpi_rows(facts, period, targets)),
        breakdowns=tuple(_case_breakdowns(received, words)),
        referrals=_referral_breakdown(facts, period),
        faq=_faq_stats(facts, period, words),
        response_times=tuple(_durations(received)),
        waiting=tuple(_waiting(facts.waiting, now, words)),
        monthly=tuple(_monthly(facts, period, targets)),
        satisfaction=Satisfaction(len(facts.satisfaction_scores), sum(facts.satisfaction_scores)),
    )


def count_metric(metric: str, facts: ReportFacts, period: Period) -> int:
    """How many of `metric` fall in `period` (see `bot.reports.metrics` for each rule)."""
    moments: list[datetime | None]
    if metric == metrics.GENERAL_COUNSELING:
        moments = [c.counseling_started_at for c in facts.cases]
    elif metric in metrics.REFERRAL_METRICS:
        kind = metrics.REFERRAL_METRICS[metric]
        moments = [r.at for r in facts.referrals if r.kind == kind]
    elif metric == metrics.ONLINE_COUNSELING:
        moments = [c.created_at for c in facts.cases if c.channel in metrics.ONLINE_CHANNELS]
    elif metric == metrics.CASES_RECEIVED:
        moments = [c.created_at for c in facts.cases]
    elif metric == metrics.FAQ_ANSWERS:
        moments = [a.at for a in facts.faq_answers if a.outcome in metrics.FAQ_ANSWER_OUTCOMES]
    else:
        raise ValueError(f"unknown metric {metric!r}")
    return sum(1 for moment in moments if moment is not None and period.contains(moment))


def _kpi_rows(facts: ReportFacts, period: Period, targets: Targets) -> Iterable[KpiRow]:
    for target in targets.items:
        yield KpiRow(
            metric=target.metric,
            program=target.program,
            indicator=target.indicator,
            unit=target.unit,
            target=target.for_period(period),
            actual=count_metric(target.metric, facts, period),
        )


def _monthly(facts: ReportFacts, period: Period, targets: Targets) -> Iterable[MonthlySeries]:
    months = period.year_months()
    for target in targets.items:
        points = tuple(
            MonthlyPoint(
                month, count_metric(target.metric, facts, month), target.for_period(month)
            )
            for month in months
        )
        yield MonthlySeries(target.metric, target.program, target.unit, points)


def _breakdown(
    key: str,
    values: Iterable[str | None],
    known: Mapping[str, str],
    label: Callable[[str], str] | None = None,
) -> Breakdown:
    """Counts per value: known values in their order (zeros too), then any others."""
    counts = Counter(value or "" for value in values)
    rows = [CountRow(value, text, counts.pop(value, 0)) for value, text in known.items()]
    for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        text = labels.UNKNOWN if not value else (label(value) if label else value)
        rows.append(CountRow(value, text, count))
    return Breakdown(key, labels.BREAKDOWN_TITLES.get(key, key), tuple(rows))


def _case_breakdowns(cases: list[CaseFact], words: Vocabulary) -> Iterable[Breakdown]:
    topics = Counter(c.topic for c in cases)
    yield Breakdown(
        "topic",
        labels.BREAKDOWN_TITLES["topic"],
        tuple(
            CountRow(topic, words.topic(topic), count)
            for topic, count in sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
    )
    attributes: dict[str, Callable[[CaseFact], str | None]] = {
        "stage": lambda c: c.stage,
        "urgency": lambda c: c.urgency,
        "workplace_size": lambda c: c.workplace_size,
        "contract": lambda c: c.contract,
        "role": lambda c: c.role,
        "channel": lambda c: c.channel,
    }
    for key, attribute in attributes.items():
        yield _breakdown(key, (attribute(c) for c in cases), labels.CATEGORIES[key])


def _referral_breakdown(facts: ReportFacts, period: Period) -> Breakdown:
    kinds = (r.kind for r in facts.referrals if period.contains(r.at))
    known = {kind: kind for kind in stages.REFERRAL_KINDS}
    breakdown = _breakdown("referral", kinds, known)
    return Breakdown("referral", labels.REFERRALS_TITLE, breakdown.rows)


def _faq_stats(facts: ReportFacts, period: Period, words: Vocabulary) -> FaqStats:
    answers = [a for a in facts.faq_answers if period.contains(a.at)]
    outcomes = Counter(a.outcome for a in answers)
    entries = Counter(a.entry_id for a in answers if a.outcome in metrics.FAQ_ANSWER_OUTCOMES)
    top_entries = tuple(
        EntryCount(entry_id, words.entries.get(entry_id, entry_id), count)
        for entry_id, count in _most_common(entries, TOP_ENTRIES)
    )
    return FaqStats(
        answered=outcomes["answer"],
        chosen=outcomes["chosen"],
        helpful=facts.helpful,
        unhelpful=facts.unhelpful,
        unanswered=len(facts.unanswered_texts),
        top_entries=top_entries,
        top_unanswered=_top_questions(facts.unanswered_texts),
    )


def _most_common(counts: Counter[str], limit: int) -> list[tuple[str, int]]:
    """Highest counts first; ties in a stable, readable order."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def _top_questions(texts: Iterable[str | None]) -> tuple[QuestionCount, ...]:
    """Identical questions (spacing and case aside) grouped; texts past retention skipped."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        if not text or not text.strip():
            continue
        key = " ".join(text.split()).casefold()
        counts[key] += 1
        shown.setdefault(key, " ".join(text.split()))
    return tuple(
        QuestionCount(shown[key], count) for key, count in _most_common(counts, TOP_UNANSWERED)
    )


def _durations(cases: list[CaseFact]) -> Iterable[Duration]:
    spans: dict[str, list[timedelta]] = {key: [] for key in labels.DURATIONS}
    for case in cases:
        if case.claimed_at is not None:
            spans["created_to_claimed"].append(case.claimed_at - case.created_at)
        if case.claimed_at is not None and case.first_reply_at is not None:
            spans["claimed_to_first_reply"].append(case.first_reply_at - case.claimed_at)
        if case.first_reply_at is not None:
            spans["created_to_first_reply"].append(case.first_reply_at - case.created_at)
    for key, values in spans.items():
        # A reply before the (latest) claim means the case was released and claimed again.
        kept = [v for v in values if v >= timedelta(0)]
        yield Duration(key, labels.DURATIONS[key], len(kept), median(kept), percentile(kept, 90))


def _waiting(cases: Iterable[CaseFact], now: datetime, words: Vocabulary) -> Iterable[WaitingCase]:
    ordered = sorted(cases, key=lambda c: (c.created_at, c.id))[:WAITING_LIMIT]
    for case in ordered:
        state = labels.WAITING_UNCLAIMED if case.stage == Stage.NEW else labels.WAITING_NO_REPLY
        yield WaitingCase(
            case.number,
            words.topic(case.topic),
            case.urgency,
            state,
            max(now - case.created_at, timedelta(0)),
        )
