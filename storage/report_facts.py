"""The rows a report is computed from, as read from the database (no personal data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CaseFact:
    id: int
    number: str
    channel: str
    topic: str
    stage: str
    urgency: str
    role: str | None
    workplace_size: str | None
    contract: str | None
    created_at: datetime
    claimed_at: datetime | None
    first_reply_at: datetime | None
    counseling_started_at: datetime | None  # first reply or first counseling stage


@dataclass(frozen=True)
class ReferralFact:
    """The first referral of one kind for one case."""

    case_id: int
    kind: str
    at: datetime


@dataclass(frozen=True)
class FaqAnswerFact:
    entry_id: str
    outcome: str  # answer | chosen
    at: datetime


@dataclass(frozen=True)
class ReportFacts:
    """Everything read for one report.

    `cases`, `referrals` and `faq_answers` cover the whole window (January to the end of
    the period, for the month-by-month chart); the FAQ feedback, unanswered questions and
    satisfaction scores (1–5, answered in the period) cover the period only; `waiting` is
    the open cases still waiting, as of now.
    """

    cases: tuple[CaseFact, ...]
    referrals: tuple[ReferralFact, ...]
    faq_answers: tuple[FaqAnswerFact, ...]
    helpful: int
    unhelpful: int
    unanswered_texts: tuple[str | None, ...]
    waiting: tuple[CaseFact, ...]
    satisfaction_scores: tuple[int, ...] = ()
