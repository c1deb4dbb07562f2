"""The satisfaction question of a closed case: asked once, answered by its parent only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CaseSatisfaction, User, UtcDateTime
from storage.repositories import Repository, UserRepository, _insert, rowcount


class SatisfactionRepository(Repository):
    def __init__(self, session: AsyncSession, users: UserRepository) -> None:
        super().__init__(session)
        self._users = users

    async def create(self, *, case_id: int, user_id: int, now: datetime) -> bool:
        """Record that the case's parent is asked; False when they were asked before."""
        stmt = (
            _insert(self._session, CaseSatisfaction)
            .values(case_id=case_id, user_id=user_id, asked_at=now)
            .on_conflict_do_nothing(index_elements=[CaseSatisfaction.case_id])
        )
        return rowcount(await self._session.execute(stmt)) == 1

    async def get(self, *, case_id: int) -> CaseSatisfaction | None:
        return await self._one_or_none(
            select(CaseSatisfaction).where(CaseSatisfaction.case_id == case_id)
        )

    async def record_score(
        self, *, case_id: int, user_id: int, score: int, now: datetime, comment_until: datetime
    ) -> bool:
        """Store (or change) the score while no comment is stored; opens the comment window.

        False when the row is not this user's or a comment is already stored.
        """
        stmt = (
            update(CaseSatisfaction)
            .where(
                CaseSatisfaction.case_id == case_id,
                CaseSatisfaction.user_id == user_id,
                CaseSatisfaction.comment.is_(None),
            )
            .values(
                score=score,
                # Typed, so that SQLite stores it as UTC like every other moment.
                answered_at=func.coalesce(
                    CaseSatisfaction.answered_at, literal(now, type_=UtcDateTime())
                ),
                comment_until=comment_until,
            )
            .execution_options(synchronize_session=False)
        )
        self._users.set_comment_windows(None, is_set=None)
        return rowcount(await self._session.execute(stmt)) == 1

    async def skip_comment(self, *, case_id: int, user_id: int) -> bool:
        """The parent chose not to comment; False when the row is not theirs or unscored."""
        stmt = (
            update(CaseSatisfaction)
            .where(
                CaseSatisfaction.case_id == case_id,
                CaseSatisfaction.user_id == user_id,
                CaseSatisfaction.score.is_not(None),
            )
            .values(comment_until=None)
            .execution_options(synchronize_session=False)
        )
        return rowcount(await self._session.execute(stmt)) == 1

    async def pending_comment(self, *, user_id: int, now: datetime) -> CaseSatisfaction | None:
        """The answer whose comment the user's next text is, if its window is open."""
        stmt = (
            select(CaseSatisfaction)
            .where(CaseSatisfaction.user_id == user_id, CaseSatisfaction.comment_until > now)
            .order_by(CaseSatisfaction.comment_until.desc(), CaseSatisfaction.id.desc())
            .limit(1)
        )
        return await self._one_or_none(stmt)

    async def record_comment(self, *, satisfaction_id: int, comment: str, now: datetime) -> bool:
        """Store the (masked) comment once, while its window is open."""
        stmt = (
            update(CaseSatisfaction)
            .where(
                CaseSatisfaction.id == satisfaction_id,
                CaseSatisfaction.comment.is_(None),
                CaseSatisfaction.comment_until > now,
            )
            .values(comment=comment, commented_at=now, comment_until=None)
            .execution_options(synchronize_session=False)
        )
        return rowcount(await self._session.execute(stmt)) == 1

    async def cancel_pending(self, *, telegram_id: int) -> int:
        """Close every open comment window of this Telegram user (nothing to do when the
        user's claim found none)."""
        if not self._users.may_have_comment_window(telegram_id):
            return 0
        user_ids = select(User.id).where(User.telegram_id == telegram_id).scalar_subquery()
        stmt = (
            update(CaseSatisfaction)
            .where(
                CaseSatisfaction.user_id == user_ids,
                CaseSatisfaction.comment_until.is_not(None),
            )
            .values(comment_until=None)
            .execution_options(synchronize_session=False)
        )
        closed = rowcount(await self._session.execute(stmt))
        self._users.set_comment_windows(telegram_id, is_set=False)
        return closed

    async def erase_comment(self, *, case_id: int) -> None:
        """Erasure: the comment goes; the score stays as an anonymous number."""
        await self._session.execute(
            update(CaseSatisfaction)
            .where(CaseSatisfaction.case_id == case_id)
            .values(comment=None, comment_until=None)
            .execution_options(synchronize_session=False)
        )
