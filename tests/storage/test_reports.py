"""Reports over a known fixture, purge and demo data, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.account.retention import PurgeResult, RetentionPolicy, purge
from bot.demo import DemoRefusedError, seed_demo
from bot.reports.compute import Vocabulary
from bot.reports.model import Report
from bot.reports.period import Period
from bot.reports.service import build_report
from bot.reports.targets import Targets, load_targets
from bot.vocabulary import EventKind, OutboxKind, Stage
from storage.db import Database
from storage.models import (
    Case,
    CaseEvent,
    FaqFeedback,
    IntakeDraft,
    OutboxMessage,
    ProcessedUpdate,
    RelayMessage,
    Staff,
    UnansweredQuestion,
)

SEOUL = ZoneInfo("Asia/Seoul")
MARCH = Period.for_month(2026, 3, SEOUL)
YEAR = Period.for_year(2026, SEOUL)
NOW = datetime(2026, 5, 1, 0, 0, tzinfo=SEOUL)
PURGE_NOW = datetime(2027, 3, 25, 9, 0, tzinfo=SEOUL)
TARGETS_YAML = """\
targets:
  - {metric: general_counseling, yearly: 3500}
  - {metric: representation, yearly: 6}
  - {metric: psychological, yearly: 10}
  - {metric: medical, yearly: 15}
  - {metric: childcare, yearly: 5}
  - {metric: online_counseling, yearly: 192}
  - {metric: cases_received, program: 상담 접수, yearly: 768}
  - {metric: faq_answers, yearly: null}
"""


def at(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    """A moment in Seoul local time."""
    return datetime(year, month, day, hour, minute, tzinfo=SEOUL)


@pytest.fixture
def targets(tmp_path: Path) -> Targets:
    path = tmp_path / "targets.yaml"
    path.write_text(TARGETS_YAML, encoding="utf-8")
    return load_targets(path)


async def _case(
    database: Database,
    *,
    created: datetime,
    topic: str = "parental-leave",
    channel: str = "telegram",
    urgency: str = "normal",
    answers: dict[str, Any] | None = None,
    claimed: datetime | None = None,
    replied: datetime | None = None,
    stage_moves: tuple[tuple[datetime, str], ...] = (),
    referrals: tuple[tuple[datetime, str], ...] = (),
    closed: datetime | None = None,
    telegram_id: int | None = None,
) -> int:
    """One case with its history; the stage is the last one reached."""
    async with database.uow() as uow:
        user_id = None
        if telegram_id is not None:
            user_id = (await uow.users.touch(telegram_id=telegram_id, now=created)).id
        case = await uow.cases.create(
            year=created.year,
            now=created,
            topic=topic,
            channel=channel,
            urgency=urgency,
            user_id=user_id,
            stage=Stage.NEW,
            summary="요약: 김민지 010-1234-5678",
            contact_method="phone",
            contact_value="010-1234-5678",
            result=None,
            answers={
                "role": "mother",
                "workplace_size": "5-29",
                "contract": "regular",
                "description": "개인적인 사연",
                **(answers or {}),
            },
        )
        await uow.cases.add_event(
            case_id=case.id,
            kind=EventKind.CREATED,
            now=created,
            actor_kind="parent",
            to_value=Stage.NEW,
            text="긴 사연",
        )
        stage, changes = Stage.NEW, dict[str, Any]()
        if claimed is not None:
            await uow.cases.add_event(
                case_id=case.id, kind=EventKind.CLAIMED, now=claimed, to_value=Stage.CLAIMED
            )
            stage, changes = Stage.CLAIMED, {"claimed_at": claimed}
        if replied is not None:
            await uow.cases.add_event(
                case_id=case.id, kind=EventKind.REPLY, now=replied, text="답변드립니다"
            )
            await uow.relays.add(
                case_id=case.id, direction="to_parent", now=replied, text="답변드립니다"
            )
            changes["first_reply_at"] = replied
        for moment, target in stage_moves:
            await uow.cases.add_event(
                case_id=case.id,
                kind=EventKind.STAGE,
                now=moment,
                from_value=stage,
                to_value=target,
            )
            stage = target
        for moment, kind in referrals:
            await uow.cases.add_event(
                case_id=case.id,
                kind=EventKind.REFERRAL,
                now=moment,
                to_value=kind,
                text="연계 메모",
            )
        if closed is not None:
            await uow.cases.add_event(
                case_id=case.id,
                kind=EventKind.CLOSED,
                now=closed,
                from_value=stage,
                to_value=Stage.CLOSED,
            )
            stage, changes["closed_at"], changes["result"] = Stage.CLOSED, closed, "결과 메모"
        await uow.cases.update_fields(case_id=case.id, now=created, stage=stage, **changes)
        return case.id


async def seed_fixture(database: Database) -> dict[str, int]:
    """The known fixture; see the module's tests for every number it gives."""
    ids = {
        # Received in February (local), counseled in March by the first reply.
        "A": await _case(
            database,
            created=at(2, 28, 23, 30),
            claimed=at(3, 2, 9, 10),
            replied=at(3, 2, 10, 10),
            closed=at(4, 10, 10),
            stage_moves=((at(3, 2, 11), Stage.GENERAL), (at(3, 9, 11), Stage.IN_DEPTH)),
            telegram_id=11,
        ),
        # 1 March 00:10 in Seoul is still 28 February in UTC: a March case.
        "B": await _case(
            database,
            created=at(3, 1, 0, 10),
            claimed=at(3, 1, 1, 10),
            stage_moves=((at(3, 1, 2), Stage.GENERAL),),
            referrals=(
                (at(3, 5, 10), "의료지원"),
                (at(3, 20, 10), "의료지원"),
                (at(4, 2, 10), "심리상담"),
            ),
            telegram_id=12,
        ),
        "C": await _case(
            database,
            created=at(3, 10, 10),
            topic="protection",
            urgency="urgent",
            answers={"role": "father", "workplace_size": "300+", "contract": "fixed_term"},
            claimed=at(3, 10, 10, 30),
            replied=at(3, 10, 12, 30),
            stage_moves=((at(3, 11, 9), Stage.GENERAL),),
            referrals=((at(3, 12, 9), "사건대리"),),
            closed=at(3, 15, 9),
            telegram_id=13,
        ),
        # The last minute of March; never claimed.
        "D": await _case(database, created=at(3, 31, 23, 59)),
        # By phone; closed as a duplicate without any counseling.
        "E": await _case(
            database,
            created=at(3, 20, 9),
            channel="phone",
            topic="pregnancy",
            answers={"role": None},
            claimed=at(3, 20, 9, 30),
            closed=at(3, 20, 9, 40),
        ),
        # The first instant of April.
        "F": await _case(database, created=at(4, 1, 0, 0)),
        # Received in 2025, counseled in January 2026.
        "G": await _case(
            database,
            created=at(12, 31, 10, year=2025),
            claimed=at(1, 2, 9),
            replied=at(1, 2, 9, 30),
            closed=at(1, 10, 9),
            telegram_id=14,
        ),
    }
    async with database.uow() as uow:
        for moment, entry_id, outcome in (
            (at(3, 3, 10), "parental-leave-pay", "answer"),
            (at(3, 4, 10), "parental-leave-pay", "answer"),
            (at(3, 5, 10), "maternity-leave-days", "answer"),
            (at(3, 6, 10), "maternity-leave-days", "chosen"),
            (at(2, 27, 10), "parental-leave-pay", "answer"),
        ):
            await uow.feedback.log_answer(entry_id=entry_id, outcome=outcome, now=moment)
        for moment, helpful, text in (
            (at(3, 3, 11), True, None),
            (at(3, 4, 11), True, None),
            (at(3, 5, 11), False, "급여가 [전화번호] 얼마?"),
            (at(2, 27, 11), True, None),
            (at(11, 1, 11, year=2025), False, "오래된 질문"),
        ):
            await uow.feedback.add(
                entry_id="parental-leave-pay", is_helpful=helpful, now=moment, question_masked=text
            )
        for moment, text in (
            (at(3, 7, 10), "전세 문제"),
            (at(3, 8, 10), "  전세   문제 "),
            (at(3, 9, 10), "어린이집 대기"),
            (at(4, 9, 10), "4월 질문"),
            (at(11, 1, 10, year=2025), "오래된 미답변 질문"),
        ):
            await uow.unanswered.add(
                question_masked=text, outcome="none", best_ids=[], score=0.1, now=moment
            )
    return ids


async def _report(
    database: Database, period: Period, targets: Targets, now: datetime = NOW
) -> Report:
    vocabulary = Vocabulary({"parental-leave": "육아휴직", "protection": "보호·분쟁"}, {})
    return await build_report(
        database, period=period, targets=targets, now=now, vocabulary=vocabulary
    )


def _kpis(report: Report) -> dict[str, tuple[Fraction | None, int, Decimal | None]]:
    return {row.metric: (row.target, row.actual, row.achievement) for row in report.kpis}


def _rows(report: Report, key: str) -> dict[str, int]:
    breakdown = next(b for b in report.breakdowns if b.key == key)
    return {row.key: row.count for row in breakdown.rows}


async def test_month_kpis_every_number(database: Database, targets: Targets) -> None:
    await seed_fixture(database)
    report = await _report(database, MARCH, targets)
    assert _kpis(report) == {
        "general_counseling": (Fraction(3500, 12), 3, Decimal("1.0")),
        "representation": (Fraction(1, 2), 1, Decimal("200.0")),
        "psychological": (Fraction(10, 12), 0, Decimal("0.0")),
        "medical": (Fraction(15, 12), 1, Decimal("80.0")),
        "childcare": (Fraction(5, 12), 0, Decimal("0.0")),
        "online_counseling": (Fraction(16), 3, Decimal("18.8")),
        # 4 ÷ 64 × 100 = 6.25: rounded half up to 6.3 (banker's rounding would give 6.2).
        "cases_received": (Fraction(64), 4, Decimal("6.3")),
        "faq_answers": (None, 4, None),
    }
    assert report.cases_received == 4
    assert [row.program for row in report.kpis][6] == "상담 접수"


async def test_year_kpis_every_number(database: Database, targets: Targets) -> None:
    await seed_fixture(database)
    report = await _report(database, YEAR, targets)
    assert _kpis(report) == {
        "general_counseling": (Fraction(3500), 4, Decimal("0.1")),
        "representation": (Fraction(6), 1, Decimal("16.7")),
        "psychological": (Fraction(10), 1, Decimal("10.0")),
        "medical": (Fraction(15), 1, Decimal("6.7")),
        "childcare": (Fraction(5), 0, Decimal("0.0")),
        "online_counseling": (Fraction(192), 5, Decimal("2.6")),
        "cases_received": (Fraction(768), 6, Decimal("0.8")),
        "faq_answers": (None, 5, None),
    }
    assert report.is_partial
    general = next(s for s in report.monthly if s.metric == "general_counseling")
    assert [p.actual for p in general.points] == [1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    received = next(s for s in report.monthly if s.metric == "cases_received")
    assert [p.actual for p in received.points][:4] == [0, 1, 4, 1]


async def test_month_breakdowns(database: Database, targets: Targets) -> None:
    await seed_fixture(database)
    report = await _report(database, MARCH, targets)
    topics = report.breakdowns[0]
    assert [(r.key, r.label, r.count) for r in topics.rows] == [
        ("parental-leave", "육아휴직", 2),
        ("pregnancy", "pregnancy", 1),
        ("protection", "보호·분쟁", 1),
    ]
    assert _rows(report, "stage") == {
        "new": 1,
        "claimed": 0,
        "general": 1,
        "in_depth": 0,
        "confirmation": 0,
        "close_support": 0,
        "closed": 2,
    }
    assert _rows(report, "urgency") == {"urgent": 1, "normal": 3}
    assert _rows(report, "role") == {"mother": 2, "father": 1, "other": 0, "": 1}
    assert _rows(report, "workplace_size")["300+"] == 1
    assert _rows(report, "contract") == {
        "regular": 3,
        "fixed_term": 1,
        "dispatched": 0,
        "freelance": 0,
    }
    assert _rows(report, "channel") == {
        "telegram": 3,
        "phone": 1,
        "visit": 0,
        "web": 0,
        "email": 0,
    }
    assert {r.key: r.count for r in report.referrals.rows} == {
        "심리상담": 0,
        "의료지원": 1,
        "돌봄": 0,
        "사건대리": 1,
    }


async def test_month_faq_and_response_times(database: Database, targets: Targets) -> None:
    await seed_fixture(database)
    report = await _report(database, MARCH, targets)
    faq = report.faq
    assert (faq.answered, faq.chosen, faq.given) == (3, 1, 4)
    assert (faq.helpful, faq.unhelpful, faq.helpful_share) == (2, 1, Decimal("66.7"))
    assert faq.unanswered == 3
    assert [(q.text, q.count) for q in faq.top_unanswered] == [
        ("전세 문제", 2),
        ("어린이집 대기", 1),
    ]
    assert [(e.entry_id, e.count) for e in faq.top_entries] == [
        ("maternity-leave-days", 2),
        ("parental-leave-pay", 2),
    ]
    spans = {d.key: (d.count, d.median, d.p90) for d in report.response_times}
    assert spans == {
        "created_to_claimed": (3, timedelta(minutes=30), timedelta(hours=1)),
        "claimed_to_first_reply": (1, timedelta(hours=2), timedelta(hours=2)),
        "created_to_first_reply": (
            1,
            timedelta(hours=2, minutes=30),
            timedelta(hours=2, minutes=30),
        ),
    }


async def test_waiting_cases_longest_first(database: Database, targets: Targets) -> None:
    ids = await seed_fixture(database)
    report = await _report(database, MARCH, targets)
    async with database.uow() as uow:
        numbers = {
            key: (await uow.cases.get(case_id=case_id)).number  # type: ignore[union-attr]  # seeded
            for key, case_id in ids.items()
        }
    assert [(w.number, w.state, w.waited) for w in report.waiting] == [
        (numbers["D"], "배정 대기", timedelta(days=30, minutes=1)),
        (numbers["F"], "배정 대기", timedelta(days=30)),
    ]


async def test_month_without_cases_is_all_zero(database: Database, targets: Targets) -> None:
    await seed_fixture(database)
    report = await _report(
        database, Period.for_month(2026, 6, SEOUL), targets, now=datetime(2026, 7, 1, tzinfo=SEOUL)
    )
    assert not report.is_partial
    assert report.cases_received == 0
    assert [(row.actual, row.achievement) for row in report.kpis] == [(0, Decimal("0.0"))] * 7 + [
        (0, None)
    ]
    assert all(b.total == 0 for b in report.breakdowns)
    assert report.breakdowns[0].rows == ()
    assert report.referrals.total == 0
    assert report.faq.given == report.faq.unanswered == 0
    assert report.faq.helpful_share is None
    assert report.faq.top_entries == ()
    assert report.faq.top_unanswered == ()
    assert all((d.count, d.median, d.p90) == (0, None, None) for d in report.response_times)


async def test_empty_database_report(database: Database, targets: Targets) -> None:
    report = await _report(database, YEAR, targets)
    assert [row.actual for row in report.kpis] == [0] * 8
    assert report.waiting == ()


# ---- purge ------------------------------------------------------------------------------

POLICY = RetentionPolicy(draft_days=7, case_years=1, unanswered_days=500)


async def _seed_operational_rows(database: Database) -> None:
    """Drafts, processed update ids and outbox rows, some past their retention."""
    async with database.uow() as uow:
        old = await uow.users.touch(telegram_id=21, now=PURGE_NOW - timedelta(days=30))
        fresh = await uow.users.touch(telegram_id=22, now=PURGE_NOW)
        await uow.drafts.save(
            user_id=old.id,
            step="topic",
            data={},
            history=[],
            now=PURGE_NOW - timedelta(days=10),
            expires_at=PURGE_NOW - timedelta(days=3),
        )
        await uow.drafts.save(
            user_id=fresh.id,
            step="topic",
            data={},
            history=[],
            now=PURGE_NOW - timedelta(days=1),
            expires_at=PURGE_NOW + timedelta(days=6),
        )
        await uow.updates.mark_processed(update_id=1, now=PURGE_NOW - timedelta(days=4))
        await uow.updates.mark_processed(update_id=2, now=PURGE_NOW - timedelta(days=1))
        for key, days in (("old-sent", 40), ("new-sent", 10), ("old-pending", 40)):
            await uow.outbox.enqueue(
                kind=OutboxKind.ADMIN_ALERT, now=PURGE_NOW - timedelta(days=days), dedupe_key=key
            )
        outbox = (await uow.session.execute(select(OutboxMessage))).scalars().all()
        for row in outbox:
            if row.dedupe_key in ("old-sent", "new-sent"):
                await uow.outbox.mark_sent(message_id=row.id, now=row.created_at)


async def _count(database: Database, model: type[Any], *where: Any) -> int:
    async with database.uow() as uow:
        stmt = select(func.count()).select_from(model).where(*where)
        return int((await uow.session.execute(stmt)).scalar_one())


async def test_purge_applies_exactly_the_policy(database: Database) -> None:
    ids = await seed_fixture(database)
    await _seed_operational_rows(database)
    result = await purge(database, POLICY, PURGE_NOW)
    assert result == PurgeResult(
        drafts_deleted=1,
        cases_anonymized=3,
        question_texts_erased=1,
        feedback_texts_erased=1,
        processed_updates_deleted=1,
        sent_outbox_deleted=1,
    )
    anonymized = {
        key
        for key, case_id in ids.items()
        if await _count(database, Case, Case.id == case_id, Case.is_anonymized.is_(True))
    }
    assert anonymized == {"C", "E", "G"}  # closed before 25 March 2026; A closed in April
    assert await _count(database, IntakeDraft) == 1
    assert await _count(database, ProcessedUpdate) == 1
    assert await _count(database, OutboxMessage) == 2
    assert await _count(database, UnansweredQuestion) == 5  # rows stay, one text is gone
    assert (
        await _count(database, UnansweredQuestion, UnansweredQuestion.question_masked.is_(None))
        == 1
    )
    assert await _count(database, FaqFeedback, FaqFeedback.question_masked.is_(None)) == 4
    assert await purge(database, POLICY, PURGE_NOW) == PurgeResult()


async def test_purge_erases_personal_fields_of_old_closed_cases(database: Database) -> None:
    ids = await seed_fixture(database)
    await purge(database, POLICY, PURGE_NOW)
    async with database.uow() as uow:
        case = await uow.cases.get(case_id=ids["C"])
        assert case is not None
        assert (case.user_id, case.summary, case.contact_value, case.result) == (
            None,
            "",
            None,
            None,
        )
        assert case.answers == {
            "role": "father",
            "workplace_size": "300+",
            "contract": "fixed_term",
        }
        assert case.closed_at is not None
        assert case.first_reply_at is not None
        events = (
            (
                await uow.session.execute(
                    select(CaseEvent.text).where(CaseEvent.case_id == ids["C"])
                )
            )
            .scalars()
            .all()
        )
        assert events == [None] * 6
        relays = (
            (
                await uow.session.execute(
                    select(RelayMessage.text).where(RelayMessage.case_id == ids["C"])
                )
            )
            .scalars()
            .all()
        )
        assert relays == [None]
        kept = await uow.cases.get(case_id=ids["A"])
        assert kept is not None
        assert kept.summary
        assert kept.contact_value


async def test_reports_are_equal_before_and_after_purge(
    database: Database, targets: Targets
) -> None:
    await seed_fixture(database)
    await _seed_operational_rows(database)
    before = [await _report(database, period, targets, PURGE_NOW) for period in (MARCH, YEAR)]
    result = await purge(database, POLICY, PURGE_NOW)
    assert result.cases_anonymized == 3
    after = [await _report(database, period, targets, PURGE_NOW) for period in (MARCH, YEAR)]
    assert after == before


# ---- demo data --------------------------------------------------------------------------

DEMO_NOW = datetime(2026, 5, 20, 15, 0, tzinfo=SEOUL)


async def test_demo_fills_an_empty_database_with_fake_cases(
    database: Database, targets: Targets
) -> None:
    result = await seed_demo(
        database,
        now=DEMO_NOW,
        tz=SEOUL,
        months=2,
        entry_ids=["parental-leave-pay", "maternity-leave-days"],
    )
    assert result.first == datetime(2026, 4, 1, tzinfo=SEOUL)
    assert result.cases == await _count(database, Case) > 50
    async with database.uow() as uow:
        cases = (await uow.session.execute(select(Case))).scalars().all()
        staff = (await uow.session.execute(select(Staff))).scalars().all()
    assert all("(예시)" in case.answers["description"] for case in cases)
    assert all(case.summary.startswith("[예시]") for case in cases)
    phones = [c.contact_value for c in cases if c.contact_method == "phone"]
    assert phones
    assert all(p is not None and p.startswith("010-0000-") for p in phones)
    assert all(s.telegram_id < 0 and not s.is_active for s in staff)
    assert all(DEMO_NOW - timedelta(days=60) < c.created_at < DEMO_NOW for c in cases)
    report = await _report(database, YEAR, targets, DEMO_NOW)
    kpis = _kpis(report)
    assert 0 < kpis["general_counseling"][1] <= result.cases
    assert kpis["faq_answers"][1] == result.faq_answers
    # The newest three always wait (an unclaimed, a claimed and an unclaimed one).
    assert [w.state for w in report.waiting][-3:] == ["배정 대기", "첫 답변 대기", "배정 대기"]


async def test_demo_refuses_a_database_with_data(database: Database) -> None:
    await _case(database, created=at(3, 1, 10))
    with pytest.raises(DemoRefusedError):
        await seed_demo(database, now=DEMO_NOW, tz=SEOUL, months=1, entry_ids=[])
    assert await _count(database, Case) == 1
    assert await _count(database, Staff) == 0
