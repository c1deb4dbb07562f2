"""Satisfaction answers in storage and in the monthly report, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.account.retention import RetentionPolicy, purge
from bot.reports.period import Period
from bot.reports.service import build_report
from bot.reports.targets import load_targets
from storage.db import Database
from tests import factories

SEOUL = ZoneInfo("Asia/Seoul")
MARCH = Period.for_month(2026, 3, SEOUL)
ROOT = Path(__file__).resolve().parents[2]


def at(month: int, day: int, hour: int = 10, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SEOUL)


async def _asked(database: Database, *, telegram_id: int, closed: datetime) -> tuple[int, int]:
    """A closed case whose parent was asked; (case id, user id)."""
    async with database.uow() as uow:
        user = await factories.user(uow, now=closed, telegram_id=telegram_id)
        case = await factories.case(uow, now=closed, user_id=user.id, stage="closed")
        await uow.cases.update_fields(case_id=case.id, now=closed, closed_at=closed)
        assert await uow.satisfaction.create(case_id=case.id, user_id=user.id, now=closed)
        return case.id, user.id


async def _scored(database: Database, telegram_id: int, score: int, when: datetime) -> int:
    case_id, user_id = await _asked(database, telegram_id=telegram_id, closed=when)
    async with database.uow() as uow:
        assert await uow.satisfaction.record_score(
            case_id=case_id,
            user_id=user_id,
            score=score,
            now=when,
            comment_until=when + timedelta(minutes=30),
        )
    return case_id


async def test_report_averages_the_scores_answered_in_the_month(database: Database) -> None:
    for telegram_id, score, when in (
        (11, 5, at(3, 2)),
        (12, 4, at(3, 15)),
        (13, 4, at(3, 31, 23)),  # still March in Seoul
        (14, 1, at(2, 28)),  # February
        (15, 1, at(4, 1, 0)),  # April
    ):
        await _scored(database, telegram_id, score, when)
    await _asked(database, telegram_id=16, closed=at(3, 20))  # asked, never answered
    report = await build_report(
        database, period=MARCH, targets=load_targets(ROOT / "faq/targets.yaml"), now=at(4, 2)
    )
    assert report.satisfaction.count == 3
    assert report.satisfaction.average == Decimal("4.3")


async def test_asked_once_per_case(database: Database) -> None:
    case_id, user_id = await _asked(database, telegram_id=21, closed=at(3, 2))
    async with database.uow() as uow:
        assert not await uow.satisfaction.create(case_id=case_id, user_id=user_id, now=at(3, 3))


async def test_a_score_is_only_the_asked_parents(database: Database) -> None:
    case_id, user_id = await _asked(database, telegram_id=31, closed=at(3, 2))
    async with database.uow() as uow:
        other = await factories.user(uow, now=at(3, 2), telegram_id=32)
        assert not await uow.satisfaction.record_score(
            case_id=case_id, user_id=other.id, score=5, now=at(3, 2), comment_until=at(3, 3)
        )
        row = await uow.satisfaction.get(case_id=case_id)
    assert row is not None
    assert (row.user_id, row.score) == (user_id, None)


async def test_the_comment_is_stored_once_inside_its_window(database: Database) -> None:
    case_id = await _scored(database, 41, 4, at(3, 2))
    async with database.uow() as uow:
        user = await uow.users.get_by_telegram_id(telegram_id=41)
        assert user is not None
        assert await uow.satisfaction.pending_comment(user_id=user.id, now=at(3, 2, 11)) is None
        row = await uow.satisfaction.pending_comment(user_id=user.id, now=at(3, 2, 10))
        assert row is not None
        assert row.case_id == case_id
        assert await uow.satisfaction.record_comment(
            satisfaction_id=row.id, comment="좋았어요", now=at(3, 2, 10)
        )
        assert not await uow.satisfaction.record_comment(
            satisfaction_id=row.id, comment="두 번째", now=at(3, 2, 10)
        )
        activity = await uow.users.activity(user_id=user.id, now=at(3, 2, 10))
    assert not activity.is_awaiting_comment


async def test_cancel_closes_only_that_users_window(database: Database) -> None:
    await _scored(database, 51, 3, at(3, 2))
    await _scored(database, 52, 3, at(3, 2))
    async with database.uow() as uow:
        assert await uow.satisfaction.cancel_pending(telegram_id=51) == 1
        first = await uow.users.get_by_telegram_id(telegram_id=51)
        second = await uow.users.get_by_telegram_id(telegram_id=52)
        assert first is not None
        assert second is not None
        assert not (await uow.users.activity(user_id=first.id, now=at(3, 2))).is_awaiting_comment
        assert (await uow.users.activity(user_id=second.id, now=at(3, 2))).is_awaiting_comment


async def test_purge_of_an_old_case_erases_its_comment_and_keeps_its_score(
    database: Database,
) -> None:
    case_id = await _scored(database, 61, 2, at(3, 2, year=2024))
    async with database.uow() as uow:
        row = await uow.satisfaction.get(case_id=case_id)
        assert row is not None
        assert await uow.satisfaction.record_comment(
            satisfaction_id=row.id, comment="아쉬웠어요", now=at(3, 2, year=2024)
        )
    policy = RetentionPolicy(draft_days=7, case_years=1, unanswered_days=500)
    await purge(database, policy, at(3, 25, year=2026))
    async with database.uow() as uow:
        row = await uow.satisfaction.get(case_id=case_id)
    assert row is not None
    assert (row.score, row.comment) == (2, None)
