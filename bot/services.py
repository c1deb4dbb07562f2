"""The services the handlers use, created once at start-up."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.account.documents import DocumentService
from bot.account.service import AccountService
from bot.calc.session import CalcService
from bot.cases.satisfaction import SatisfactionService
from bot.cases.service import CaseService
from bot.clock import Clock, SystemClock
from bot.curation.service import CurationService
from bot.intake.service import IntakePolicy, IntakeService
from bot.knowledge.service import FaqService
from bot.notify.notifier import Notifier, OutboxNotifier
from bot.settings import Settings
from bot.throttle import Limit, UserThrottle
from storage.db import Database
from storage.migrate import open_database

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Services:
    settings: Settings
    database: Database
    clock: Clock
    notifier: Notifier
    faq: FaqService
    intake: IntakeService
    account: AccountService
    cases: CaseService
    documents: DocumentService
    calc: CalcService
    curation: CurationService
    satisfaction: SatisfactionService
    throttle: UserThrottle | None  # the per-user rate limit (in memory); None: no limit

    async def close(self) -> None:
        await self.database.dispose()


async def _bootstrap_admins(database: Database, settings: Settings, clock: Clock) -> None:
    """Make the admins listed in settings staff (admin) members."""
    async with database.uow() as uow:
        await uow.staff.ensure_admins(
            telegram_ids=sorted(settings.admin_user_ids), now=clock.now()
        )


async def create_services(
    settings: Settings, clock: Clock | None = None, faq: FaqService | None = None
) -> Services:
    """Load the FAQ (unless given), open and migrate the database. Raises on any start-up
    problem."""
    clock = clock or SystemClock(settings.tz)
    faq = faq if faq is not None else FaqService.load(settings.faq_dir, clock)
    database = await open_database(settings.database_url)
    try:
        await _bootstrap_admins(database, settings, clock)
    except BaseException:
        await database.dispose()
        raise
    policy = IntakePolicy(
        draft_days=settings.draft_retention_days,
        retention_years=settings.case_retention_years,
        team_chat_id=settings.team_chat_id,
    )
    notifier = OutboxNotifier(clock)
    return Services(
        settings=settings,
        database=database,
        clock=clock,
        notifier=notifier,
        faq=faq,
        intake=IntakeService(clock, faq, policy, notifier),
        account=AccountService(clock, notifier, team_chat_id=settings.team_chat_id),
        cases=CaseService(clock, notifier, team_chat_id=settings.team_chat_id),
        documents=DocumentService(clock, notifier),
        calc=CalcService(clock, faq.rules),
        curation=CurationService(faq, clock, settings.tz),
        satisfaction=SatisfactionService(clock),
        throttle=(
            UserThrottle(clock, Limit(settings.rate_limit_per_second, settings.rate_limit_burst))
            if settings.rate_limit_burst
            else None
        ),
    )
