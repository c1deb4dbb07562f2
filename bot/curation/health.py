"""Content health of the FAQ and the rule tables on a day (pure: no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from bot.calc import RuleBook, RuleSeries
from bot.knowledge.models import KnowledgeBase

#: Content not checked against the law for this long is due for a review.
REVIEW_MAX_AGE: Final = timedelta(days=180)
#: Validity ending within this time, with nothing after it, is shown as expiring.
EXPIRY_WINDOW: Final = timedelta(days=60)


@dataclass(frozen=True)
class Overdue:
    entry_id: str
    title: str
    reviewed: date
    days: int  # since the review


@dataclass(frozen=True)
class Expiring:
    kind: str  # entry | rules | checked (a rule table's checked_until)
    item_id: str
    title: str
    ends: date


@dataclass(frozen=True)
class ReviewNote:
    kind: str  # entry | center | rules
    item_id: str
    note: str


def overdue_reviews(knowledge: KnowledgeBase, today: date) -> list[Overdue]:
    """Entries in force whose `reviewed` date is older than REVIEW_MAX_AGE, oldest first."""
    found = [
        Overdue(e.id, e.question, e.reviewed, (today - e.reviewed).days)
        for e in knowledge.entries_on(today)
        if today - e.reviewed > REVIEW_MAX_AGE
    ]
    return sorted(found, key=lambda o: (o.reviewed, o.entry_id))


def _series(rules: RuleBook) -> list[RuleSeries[Any]]:
    return [
        rules.parental_leave,
        rules.parental_6plus6,
        rules.parental_single_parent,
        rules.maternity_leave,
        rules.spouse_leave,
        rules.reduced_hours,
        rules.minimum_wage,
        rules.infertility_leave,
        rules.spouse_loss_leave,
    ]


def expiring(knowledge: KnowledgeBase, rules: RuleBook | None, today: date) -> list[Expiring]:
    """Entry versions and rule tables whose validity ends within EXPIRY_WINDOW with no
    version after them, and rule tables checked only until a day in that window."""
    horizon = today + EXPIRY_WINDOW
    found: list[Expiring] = []
    for entry in knowledge.entries:
        end = entry.valid_until
        if end is None or not today <= end <= horizon:
            continue
        if knowledge.entry(entry.id, end + timedelta(days=1)) is None:
            found.append(Expiring("entry", entry.id, entry.question, end))
    for series in _series(rules) if rules is not None else []:
        last = series.rows[-1].valid_until if series.rows else None
        if last is not None and today <= last <= horizon:
            found.append(Expiring("rules", series.id, series.title, last))
        if today <= series.checked_until <= horizon:
            found.append(Expiring("checked", series.id, series.title, series.checked_until))
    return sorted(found, key=lambda e: (e.ends, e.kind, e.item_id))


def review_notes(knowledge: KnowledgeBase, rules: RuleBook | None) -> list[ReviewNote]:
    """Every staff-facing `review:` note: entries, the center facts, rule rows."""
    notes = list(
        dict.fromkeys(ReviewNote("entry", e.id, e.review) for e in knowledge.entries if e.review)
    )  # dated versions of an entry often share their note
    if knowledge.center is not None and knowledge.center.review:
        notes.append(ReviewNote("center", "center", knowledge.center.review))
    for series in _series(rules) if rules is not None else []:
        for row in series.rows:
            if row.review:
                notes.append(
                    ReviewNote("rules", f"{series.id} {row.valid_from.isoformat()}", row.review)
                )
    return notes


def never_matched(knowledge: KnowledgeBase, today: date, matched: set[str]) -> list[str]:
    """Entry ids in force that no parent got (answered or chosen) in the period."""
    return [
        entry_id
        for entry_id in knowledge.ids
        if entry_id not in matched and knowledge.entry(entry_id, today) is not None
    ]
