"""Job-queue tasks: the outbox sender, reminders, the morning digest, expiring content."""

from __future__ import annotations

import logging
from datetime import time
from typing import Final

from sqlalchemy.exc import InterfaceError, OperationalError
from telegram.ext import JobQueue

from bot.cases.reminders import ReminderPolicy, enqueue_digest, enqueue_due_reminders
from bot.notify.sender import OutboxSender, SenderPolicy
from handlers.cards import TeamCards
from handlers.context import CounselContext
from handlers.messenger import TelegramMessenger

logger = logging.getLogger(__name__)

FIRST_OUTBOX_TICK_SECONDS: Final = 1.0  # after start: what was queued before goes out soon

#: The database is down, frozen or refusing connections: the next tick tries again.
_DATABASE_UNREACHABLE = (OSError, TimeoutError, OperationalError, InterfaceError)


def log_tick_failure(what: str, error: Exception) -> None:
    """One line while the database is unreachable (the outbox ticks every few seconds, so
    an outage would otherwise fill the log with tracebacks); the traceback for anything
    else."""
    if isinstance(error, _DATABASE_UNREACHABLE):
        logger.warning("%s failed: database unreachable (%s)", what, type(error).__name__)
    else:
        logger.error("%s failed", what, exc_info=error)


def outbox_sender(context: CounselContext) -> OutboxSender:
    services = context.services
    return OutboxSender(
        services.database,
        services.clock,
        TelegramMessenger(context.bot),
        SenderPolicy(
            team_chat_id=services.settings.team_chat_id,
            lease_seconds=services.settings.outbox_lease_seconds,
        ),
        cards=TeamCards(),
    )


def reminder_policy(context: CounselContext) -> ReminderPolicy:
    settings = context.services.settings
    return ReminderPolicy(
        team_chat_id=settings.team_chat_id,
        tz=settings.tz,
        unclaimed_working_hours=settings.reminder_unclaimed_hours,
        urgent_minutes=settings.reminder_urgent_minutes,
        day_start=settings.work_day_start,
        day_end=settings.work_day_end,
    )


async def outbox_job(context: CounselContext) -> None:
    """Deliver due notifications; errors are logged and retried on the next tick."""
    try:
        await outbox_sender(context).run_once()
    except Exception as error:
        log_tick_failure("outbox tick", error)


async def reminder_job(context: CounselContext) -> None:
    """Queue reminders for unclaimed cases waiting too long."""
    services = context.services
    try:
        async with services.database.uow() as uow:
            count = await enqueue_due_reminders(
                uow, services.clock, services.notifier, reminder_policy(context)
            )
        if count:
            logger.info("queued %d reminders", count)
    except Exception as error:
        log_tick_failure("reminder tick", error)


async def digest_job(context: CounselContext) -> None:
    """The morning summary for the team chat."""
    services = context.services
    try:
        async with services.database.uow() as uow:
            await enqueue_digest(uow, services.clock, services.notifier, reminder_policy(context))
    except Exception as error:
        log_tick_failure("digest", error)


async def expiry_job(context: CounselContext) -> None:
    """Tell admins about dated FAQ content and rule tables ending within 30 days."""
    services = context.services
    try:
        async with services.database.uow() as uow:
            await services.faq.alert_expiring(uow=uow, notifier=services.notifier)
    except Exception as error:
        log_tick_failure("expiry check", error)


def schedule(
    job_queue: JobQueue[CounselContext], *, outbox_interval: float, digest_at: time
) -> None:
    job_queue.run_repeating(
        outbox_job, interval=outbox_interval, first=FIRST_OUTBOX_TICK_SECONDS, name="outbox"
    )
    job_queue.run_repeating(reminder_job, interval=60, first=30, name="reminders")
    job_queue.run_daily(digest_job, time=digest_at, name="digest")
    job_queue.run_daily(expiry_job, time=digest_at, name="faq-expiry")
