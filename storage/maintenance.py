"""Statements behind the retention purge and the demo's emptiness check.

The rules (what is old, what is erased, in which order) are the core's
(`bot.account.retention`); this module only runs the statements it asks for.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy import delete, func, or_, select, update

from bot.vocabulary import OutboxStatus, Stage
from storage.models import (
    Case,
    FaqAnswerLog,
    FaqFeedback,
    IntakeDraft,
    OutboxMessage,
    UnansweredQuestion,
    User,
)
from storage.repositories import Repository, rowcount

#: Tables that hold what people did; any row in one means the database is in use.
_ACTIVITY_TABLES: Final = (User, Case, FaqAnswerLog, FaqFeedback, UnansweredQuestion, IntakeDraft)


class MaintenanceRepository(Repository):
    """Bulk deletes and erasures for the retention purge; each returns the rows touched."""

    async def is_empty(self) -> bool:
        """No users, cases, FAQ logs, feedback, questions or drafts."""
        for model in _ACTIVITY_TABLES:
            count = await self._one_or_none(select(func.count()).select_from(model))
            if count:
                return False
        return True

    async def delete_drafts(self, *, now: datetime, untouched_since: datetime) -> int:
        """Intake drafts that expired by `now` or were not touched since `untouched_since`."""
        result = await self._session.execute(
            delete(IntakeDraft).where(
                or_(IntakeDraft.expires_at <= now, IntakeDraft.updated_at < untouched_since)
            )
        )
        return rowcount(result)

    async def closed_cases_to_anonymize(
        self, *, closed_before: datetime, limit: int
    ) -> list[Case]:
        """Up to `limit` cases closed before `closed_before` and not yet anonymized."""
        stmt = (
            select(Case)
            .where(
                Case.stage == Stage.CLOSED,
                Case.closed_at < closed_before,
                Case.is_anonymized.is_(False),
            )
            .order_by(Case.id)
            .limit(limit)
        )
        return await self._all(stmt)

    async def erase_question_texts(self, *, before: datetime) -> int:
        """Unanswered questions' texts (rows stay, marked reviewed) older than `before`."""
        result = await self._session.execute(
            update(UnansweredQuestion)
            .where(
                UnansweredQuestion.created_at < before,
                UnansweredQuestion.question_masked.is_not(None),
            )
            .values(question_masked=None, is_reviewed=True)
        )
        return rowcount(result)

    async def erase_feedback_texts(self, *, before: datetime) -> int:
        """Question texts kept with 👍/👎 feedback (rows stay) older than `before`."""
        result = await self._session.execute(
            update(FaqFeedback)
            .where(FaqFeedback.created_at < before, FaqFeedback.question_masked.is_not(None))
            .values(question_masked=None)
        )
        return rowcount(result)

    async def delete_sent_outbox(self, *, sent_before: datetime) -> int:
        """Outbox rows sent before `sent_before`."""
        result = await self._session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.status == OutboxStatus.SENT, OutboxMessage.sent_at < sent_before
            )
        )
        return rowcount(result)
