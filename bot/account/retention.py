"""The retention purge: how long each kind of data is kept, applied in short transactions.

`purge` applies the retention policy from Settings. It never deletes a case: personal
fields of old closed cases are erased with `bot.account.anonymize_case`, which keeps what
reports count, so a report over a past period is the same before and after.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Final

from bot.account.service import DELETE_WINDOW_HOURS, anonymize_case
from bot.settings import Settings
from storage.db import Database

logger = logging.getLogger(__name__)

PROCESSED_UPDATE_DAYS: Final = 3  # Telegram re-delivers an update for at most a day
SENT_OUTBOX_DAYS: Final = 30
CASE_BATCH: Final = 200


@dataclass(frozen=True)
class RetentionPolicy:
    draft_days: int
    case_years: int
    unanswered_days: int
    processed_update_days: int = PROCESSED_UPDATE_DAYS
    sent_outbox_days: int = SENT_OUTBOX_DAYS

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        return cls(
            draft_days=settings.draft_retention_days,
            case_years=settings.case_retention_years,
            unanswered_days=settings.unanswered_retention_days,
        )


@dataclass(frozen=True)
class PurgeResult:
    """How many rows each rule touched."""

    drafts_deleted: int = 0
    cases_anonymized: int = 0
    question_texts_erased: int = 0
    feedback_texts_erased: int = 0
    processed_updates_deleted: int = 0
    sent_outbox_deleted: int = 0
    message_ids_deleted: int = 0

    def summary(self) -> str:
        return ", ".join(f"{f.name}={getattr(self, f.name)}" for f in fields(self))


def years_before(moment: datetime, years: int) -> datetime:
    """The same local date `years` earlier (29 February becomes the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


async def purge(database: Database, policy: RetentionPolicy, now: datetime) -> PurgeResult:
    """Apply every retention rule once; each rule in its own short transaction."""
    async with database.uow() as uow:
        drafts = await uow.maintenance.delete_drafts(
            now=now, untouched_since=now - timedelta(days=policy.draft_days)
        )
    cases = await _anonymize_closed_cases(database, years_before(now, policy.case_years), now)
    text_cutoff = now - timedelta(days=policy.unanswered_days)
    async with database.uow() as uow:
        # Texts go; the rows stay so that counts in past reports do not change.
        questions = await uow.maintenance.erase_question_texts(before=text_cutoff)
        feedback = await uow.maintenance.erase_feedback_texts(before=text_cutoff)
    async with database.uow() as uow:
        updates = await uow.updates.purge_older_than(
            cutoff=now - timedelta(days=policy.processed_update_days)
        )
        outbox = await uow.maintenance.delete_sent_outbox(
            sent_before=now - timedelta(days=policy.sent_outbox_days)
        )
        # Message ids only serve /clear, which Telegram allows for 48 hours.
        message_ids = await uow.sent.purge_older_than(
            cutoff=now - timedelta(hours=DELETE_WINDOW_HOURS)
        )
    result = PurgeResult(drafts, cases, questions, feedback, updates, outbox, message_ids)
    # What was erased here or by a parent's /delete leaves the database files too.
    await database.reclaim_erased_space()
    logger.info("purge done: %s", result.summary())
    return result


async def _anonymize_closed_cases(database: Database, cutoff: datetime, now: datetime) -> int:
    """Anonymize cases closed before `cutoff`, in batches of short transactions."""
    total = 0
    while True:
        async with database.uow() as uow:
            batch = await uow.maintenance.closed_cases_to_anonymize(
                closed_before=cutoff, limit=CASE_BATCH
            )
            for case in batch:
                await anonymize_case(uow, case, now)
        total += len(batch)
        if len(batch) < CASE_BATCH:
            return total
