"""Storage reads for reports: columns only, never personal fields, on SQLite and PostgreSQL.

What counts (which stages are counseling, which FAQ outcomes are answers) is the report's
rule, handed in by `bot.reports.service`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.vocabulary import EventKind, Stage
from storage.models import (
    Case,
    CaseEvent,
    CaseSatisfaction,
    FaqAnswerLog,
    FaqFeedback,
    UnansweredQuestion,
)
from storage.report_facts import CaseFact, FaqAnswerFact, ReferralFact, ReportFacts

_CASE_COLUMNS = (
    Case.id,
    Case.number,
    Case.channel,
    Case.topic,
    Case.stage,
    Case.urgency,
    Case.answers,
    Case.created_at,
    Case.claimed_at,
    Case.first_reply_at,
)


class ReportQueries:
    """Read-only queries behind a report; one session, no writes."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def facts(
        self,
        *,
        window_start: datetime,
        period_start: datetime,
        end: datetime,
        counseling_stages: Collection[str],
        answer_outcomes: Collection[str],
    ) -> ReportFacts:
        """Facts for the window [window_start, end); feedback and questions for the period.

        Args:
            counseling_stages: a case's counseling starts with its first move into one.
            answer_outcomes: the FAQ answer-log outcomes that count as an answer given.
        """
        helpful, unhelpful = await self._feedback(period_start, end)
        first_stage = _first_stage_in(counseling_stages)
        return ReportFacts(
            cases=tuple(await self._cases(first_stage, window_start, end)),
            referrals=tuple(await self._referrals(window_start, end)),
            faq_answers=tuple(await self._faq_answers(answer_outcomes, window_start, end)),
            helpful=helpful,
            unhelpful=unhelpful,
            unanswered_texts=tuple(await self._unanswered(period_start, end)),
            waiting=tuple(await self._waiting(first_stage)),
            satisfaction_scores=tuple(await self._satisfaction(period_start, end)),
        )

    async def _cases(self, first_stage: Any, start: datetime, end: datetime) -> list[CaseFact]:
        """Cases received in the window, or whose counseling started in it."""
        stmt = (
            select(*_CASE_COLUMNS, first_stage.c.at)
            .outerjoin(first_stage, first_stage.c.case_id == Case.id)
            .where(
                or_(
                    _between(Case.created_at, start, end),
                    _between(Case.first_reply_at, start, end),
                    _between(first_stage.c.at, start, end),
                )
            )
            .order_by(Case.created_at, Case.id)
        )
        return [_case_fact(row) for row in (await self._session.execute(stmt)).all()]

    async def _waiting(self, first_stage: Any) -> list[CaseFact]:
        """Open cases nobody has answered yet: unclaimed, or claimed without a reply."""
        stmt = (
            select(*_CASE_COLUMNS, first_stage.c.at)
            .outerjoin(first_stage, first_stage.c.case_id == Case.id)
            .where(
                or_(
                    Case.stage == Stage.NEW,
                    and_(Case.stage == Stage.CLAIMED, Case.first_reply_at.is_(None)),
                )
            )
            .order_by(Case.created_at, Case.id)
        )
        return [_case_fact(row) for row in (await self._session.execute(stmt)).all()]

    async def _referrals(self, start: datetime, end: datetime) -> list[ReferralFact]:
        first_at = func.min(CaseEvent.created_at)
        stmt = (
            select(CaseEvent.case_id, CaseEvent.to_value, first_at)
            .where(CaseEvent.kind == EventKind.REFERRAL, CaseEvent.to_value.is_not(None))
            .group_by(CaseEvent.case_id, CaseEvent.to_value)
            .having(and_(first_at >= start, first_at < end))
            .order_by(first_at, CaseEvent.case_id)
        )
        rows = (await self._session.execute(stmt)).all()
        return [ReferralFact(int(case_id), str(kind), at) for case_id, kind, at in rows]

    async def _faq_answers(
        self, outcomes: Collection[str], start: datetime, end: datetime
    ) -> list[FaqAnswerFact]:
        stmt = select(FaqAnswerLog.entry_id, FaqAnswerLog.outcome, FaqAnswerLog.created_at).where(
            _between(FaqAnswerLog.created_at, start, end),
            FaqAnswerLog.outcome.in_(list(outcomes)),
        )
        rows = (await self._session.execute(stmt)).all()
        return [FaqAnswerFact(entry_id, outcome, at) for entry_id, outcome, at in rows]

    async def _feedback(self, start: datetime, end: datetime) -> tuple[int, int]:
        stmt = (
            select(FaqFeedback.is_helpful, func.count())
            .where(_between(FaqFeedback.created_at, start, end))
            .group_by(FaqFeedback.is_helpful)
        )
        counts = {bool(k): int(v) for k, v in (await self._session.execute(stmt)).all()}
        return counts.get(True, 0), counts.get(False, 0)

    async def _unanswered(self, start: datetime, end: datetime) -> list[str | None]:
        stmt = (
            select(UnansweredQuestion.question_masked)
            .where(_between(UnansweredQuestion.created_at, start, end))
            .order_by(UnansweredQuestion.created_at.desc(), UnansweredQuestion.id.desc())
        )
        return list((await self._session.execute(stmt)).scalars().all())

    async def _satisfaction(self, start: datetime, end: datetime) -> list[int]:
        """Scores of the satisfaction question first answered in the period."""
        stmt = (
            select(CaseSatisfaction.score)
            .where(
                _between(CaseSatisfaction.answered_at, start, end),
                CaseSatisfaction.score.is_not(None),
            )
            .order_by(CaseSatisfaction.id)
        )
        scores = (await self._session.execute(stmt)).scalars().all()
        return [score for score in scores if score is not None]


def _between(column: Any, start: datetime, end: datetime) -> Any:
    return and_(column >= start, column < end)


def _first_stage_in(stages: Collection[str]) -> Any:
    """Per case, when it first moved into one of `stages`."""
    return (
        select(CaseEvent.case_id, func.min(CaseEvent.created_at).label("at"))
        .where(CaseEvent.kind == EventKind.STAGE, CaseEvent.to_value.in_(list(stages)))
        .group_by(CaseEvent.case_id)
        .subquery()
    )


def _case_fact(row: Any) -> CaseFact:
    answers: dict[str, Any] = row.answers if isinstance(row.answers, dict) else {}
    starts = [moment for moment in (row.first_reply_at, row.at) if moment is not None]
    return CaseFact(
        id=row.id,
        number=row.number,
        channel=row.channel,
        topic=row.topic,
        stage=row.stage,
        urgency=row.urgency,
        role=_text(answers.get("role")),
        workplace_size=_text(answers.get("workplace_size")),
        contract=_text(answers.get("contract")),
        created_at=row.created_at,
        claimed_at=row.claimed_at,
        first_reply_at=row.first_reply_at,
        counseling_started_at=min(starts) if starts else None,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
