"""Storage for the FAQ review: asked questions, staff decisions on them, feedback reasons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update

from bot.vocabulary import CurationKind, FeedbackReason
from storage.models import FaqAcceptance, FaqAnswerLog, FaqFeedback, Staff, UnansweredQuestion
from storage.repositories import Repository, rowcount


class CurationRepository(Repository):
    async def open_questions(self, *, since: datetime) -> list[UnansweredQuestion]:
        """Questions not yet reviewed, asked since `since`, oldest first."""
        stmt = (
            select(UnansweredQuestion)
            .where(
                UnansweredQuestion.is_reviewed.is_(False),
                UnansweredQuestion.created_at >= since,
            )
            .order_by(UnansweredQuestion.created_at, UnansweredQuestion.id)
        )
        return await self._all(stmt)

    async def questions_between(
        self, *, start: datetime, end: datetime
    ) -> list[UnansweredQuestion]:
        """Every stored question of [start, end], reviewed or not, oldest first."""
        stmt = (
            select(UnansweredQuestion)
            .where(UnansweredQuestion.created_at >= start, UnansweredQuestion.created_at <= end)
            .order_by(UnansweredQuestion.created_at, UnansweredQuestion.id)
        )
        return await self._all(stmt)

    async def set_reviewed(self, *, question_ids: Sequence[int], is_reviewed: bool) -> None:
        if question_ids:
            await self._session.execute(
                update(UnansweredQuestion)
                .where(UnansweredQuestion.id.in_(list(question_ids)))
                .values(is_reviewed=is_reviewed)
            )

    async def add_decision(
        self,
        *,
        kind: CurationKind,
        staff_id: int,
        question_masked: str,
        question_ids: Sequence[int],
        now: datetime,
        entry_id: str | None = None,
        file_name: str | None = None,
        line_number: int | None = None,
        line: str | None = None,
    ) -> FaqAcceptance:
        row = FaqAcceptance(
            kind=kind,
            staff_id=staff_id,
            entry_id=entry_id,
            file_name=file_name,
            line_number=line_number,
            line=line,
            question_masked=question_masked,
            question_ids=list(question_ids),
            created_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return row

    async def last_variant(self, *, staff_id: int) -> FaqAcceptance | None:
        """The staff member's latest variant acceptance not undone yet."""
        stmt = (
            select(FaqAcceptance)
            .where(
                FaqAcceptance.staff_id == staff_id,
                FaqAcceptance.kind == CurationKind.VARIANT,
                FaqAcceptance.undone_at.is_(None),
            )
            .order_by(FaqAcceptance.created_at.desc(), FaqAcceptance.id.desc())
            .limit(1)
        )
        return await self._one_or_none(stmt)

    async def mark_undone(self, *, acceptance_id: int, now: datetime) -> bool:
        """False when it was undone already (another press, another process)."""
        result = await self._session.execute(
            update(FaqAcceptance)
            .where(FaqAcceptance.id == acceptance_id, FaqAcceptance.undone_at.is_(None))
            .values(undone_at=now)
        )
        return rowcount(result) == 1

    async def decisions_between(
        self, *, start: datetime, end: datetime
    ) -> list[tuple[FaqAcceptance, str | None]]:
        """Decisions of [start, end] with the deciding staff member's name, oldest first."""
        stmt = (
            select(FaqAcceptance, Staff.display_name)
            .outerjoin(Staff, Staff.id == FaqAcceptance.staff_id)
            .where(FaqAcceptance.created_at >= start, FaqAcceptance.created_at <= end)
            .order_by(FaqAcceptance.created_at, FaqAcceptance.id)
        )
        return [(row, name) for row, name in (await self._session.execute(stmt)).all()]

    async def set_feedback_reason(
        self, *, feedback_id: int, user_id: int, reason: FeedbackReason
    ) -> bool:
        """Store the reason of the user's own 👎; False for anyone else's or a 👍."""
        result = await self._session.execute(
            update(FaqFeedback)
            .where(
                FaqFeedback.id == feedback_id,
                FaqFeedback.user_id == user_id,
                FaqFeedback.is_helpful.is_(False),
            )
            .values(reason=reason)
        )
        return rowcount(result) == 1

    async def feedback_counts(
        self, *, start: datetime, end: datetime
    ) -> list[tuple[str, bool, FeedbackReason | None, int]]:
        """(entry id, helpful, reason, count) for the feedback of [start, end]."""
        stmt = (
            select(FaqFeedback.entry_id, FaqFeedback.is_helpful, FaqFeedback.reason, func.count())
            .where(FaqFeedback.created_at >= start, FaqFeedback.created_at <= end)
            .group_by(FaqFeedback.entry_id, FaqFeedback.is_helpful, FaqFeedback.reason)
        )
        rows = (await self._session.execute(stmt)).all()
        return [(str(e), bool(h), r, int(n)) for e, h, r, n in rows]

    async def answers_between(
        self, *, start: datetime, end: datetime
    ) -> list[tuple[str, str, datetime]]:
        """(entry id, outcome, when) of every logged answer, choice and crisis reply."""
        stmt = select(FaqAnswerLog.entry_id, FaqAnswerLog.outcome, FaqAnswerLog.created_at).where(
            FaqAnswerLog.created_at >= start, FaqAnswerLog.created_at <= end
        )
        rows = (await self._session.execute(stmt)).all()
        return [(str(e), str(o), at) for e, o, at in rows]
