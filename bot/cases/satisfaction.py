"""The one satisfaction question a parent is asked when their case closes.

Asked through the outbox in the closing transaction, so the parent sees it only after the
close is committed. A score (1–5) may be changed until a comment is stored; after a score,
the parent's next text within `COMMENT_WINDOW` is the comment, masked like every stored
free text. A command, another button, 괜찮아요 or crisis words end that window.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from bot.account.privacy import mask_pii
from bot.clock import Clock
from bot.notify.notes import SatisfactionQuestion
from bot.notify.notifier import Notifier
from storage.db import UnitOfWork
from storage.models import Case

COMMENT_WINDOW: Final = timedelta(minutes=30)
SCORES: Final = range(1, 6)


class Rating(StrEnum):
    """What became of a score button press."""

    STORED = "stored"  # stored (or changed); the comment is offered
    COMMENTED = "commented"  # the comment is already in: the answer stays as it is
    REFUSED = "refused"  # not this user's question, or no such question


async def ask(uow: UnitOfWork, notifier: Notifier, case: Case, *, now: datetime) -> bool:
    """Queue the question to the case's parent, once per case; False when not asked."""
    user = await uow.users.get(user_id=case.user_id) if case.user_id else None
    if user is None or user.is_blocked or case.is_anonymized:
        return False
    if not await uow.satisfaction.create(case_id=case.id, user_id=user.id, now=now):
        return False  # closed before (and reopened): asked once only
    await notifier.enqueue(
        uow,
        SatisfactionQuestion(case_id=case.id),
        chat_id=user.telegram_id,
        case_id=case.id,
        dedupe_key=f"satisfaction:{case.id}",
    )
    return True


class SatisfactionService:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def rate(self, uow: UnitOfWork, *, telegram_id: int, case_id: int, score: int) -> Rating:
        """Store the parent's score for their own case's question."""
        if score not in SCORES:
            return Rating.REFUSED
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        row = await uow.satisfaction.get(case_id=case_id)
        if user is None or row is None or row.user_id != user.id:
            return Rating.REFUSED
        if row.comment is not None:
            return Rating.COMMENTED
        now = self._clock.now()
        stored = await uow.satisfaction.record_score(
            case_id=case_id,
            user_id=user.id,
            score=score,
            now=now,
            comment_until=now + COMMENT_WINDOW,
        )
        return Rating.STORED if stored else Rating.REFUSED

    async def skip_comment(self, uow: UnitOfWork, *, telegram_id: int, case_id: int) -> bool:
        """괜찮아요: no comment. False for a question that is not this user's."""
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return False
        return await uow.satisfaction.skip_comment(case_id=case_id, user_id=user.id)

    async def take_comment(self, uow: UnitOfWork, *, telegram_id: int, text: str) -> bool:
        """Store `text` (masked) as the comment the user was asked for; False when no
        comment is awaited (any more)."""
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return False
        now = self._clock.now()
        row = await uow.satisfaction.pending_comment(user_id=user.id, now=now)
        if row is None:
            return False
        return await uow.satisfaction.record_comment(
            satisfaction_id=row.id, comment=mask_pii(text.strip()), now=now
        )

    async def cancel_pending(self, uow: UnitOfWork, *, telegram_id: int) -> None:
        """The user did something else: their next text is not a comment."""
        await uow.satisfaction.cancel_pending(telegram_id=telegram_id)
