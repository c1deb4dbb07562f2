"""Repository behaviour, identical on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.migrate import current_revision, head_revision
from tests import factories

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


async def _make_user(database: Database, telegram_id: int = 1001) -> int:
    async with database.uow() as uow:
        return (await factories.user(uow, telegram_id=telegram_id, now=NOW)).id


async def test_schema_is_at_head(database: Database) -> None:
    assert await current_revision(database.engine) == head_revision()


async def test_touch_creates_user_once(database: Database) -> None:
    first = await _make_user(database)
    async with database.uow() as uow:
        again = await uow.users.touch(telegram_id=1001, now=NOW + timedelta(hours=1))
        assert again.id == first
        assert again.last_seen_at == NOW + timedelta(hours=1)
        assert again.first_seen_at == NOW


async def test_datetimes_come_back_aware_utc(database: Database) -> None:
    await _make_user(database)
    async with database.uow() as uow:
        user = await uow.users.get_by_telegram_id(telegram_id=1001)
        assert user is not None
        assert user.first_seen_at.tzinfo is not None
        assert user.first_seen_at.utcoffset() == timedelta(0)


async def test_naive_datetime_is_refused(database: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        async with database.uow() as uow:
            await uow.users.touch(telegram_id=5, now=datetime(2026, 1, 1))  # noqa: DTZ001


async def test_consent_latest_decision_wins(database: Database) -> None:
    user_id = await _make_user(database)
    async with database.uow() as uow:
        await uow.consents.record(
            user_id=user_id, kind="personal", version="2026-11", granted=True, now=NOW
        )
        assert await uow.consents.has_consent(user_id=user_id, kind="personal", version="2026-11")
        await uow.consents.record(
            user_id=user_id,
            kind="personal",
            version="2026-11",
            granted=False,
            now=NOW + timedelta(minutes=1),
        )
        assert not await uow.consents.has_consent(
            user_id=user_id, kind="personal", version="2026-11"
        )


async def test_consent_for_old_text_version_does_not_count(database: Database) -> None:
    user_id = await _make_user(database)
    async with database.uow() as uow:
        await uow.consents.record(
            user_id=user_id, kind="personal", version="2025-01", granted=True, now=NOW
        )
        assert not await uow.consents.has_consent(
            user_id=user_id, kind="personal", version="2026-11"
        )


async def test_draft_saved_updated_and_expired(database: Database) -> None:
    user_id = await _make_user(database)
    async with database.uow() as uow:
        await uow.drafts.save(
            user_id=user_id,
            step="topic",
            data={},
            history=[],
            now=NOW,
            expires_at=NOW + timedelta(days=7),
        )
        await uow.drafts.save(
            user_id=user_id,
            step="role",
            data={"topic": "parental"},
            history=["topic"],
            now=NOW,
            expires_at=NOW + timedelta(days=7),
        )
    async with database.uow() as uow:
        draft = await uow.drafts.get(user_id=user_id, now=NOW + timedelta(days=1))
        assert draft is not None
        assert (draft.step, draft.data, draft.history) == (
            "role",
            {"topic": "parental"},
            ["topic"],
        )
        assert await uow.drafts.get(user_id=user_id, now=NOW + timedelta(days=8)) is None
        assert await uow.drafts.purge_expired(now=NOW + timedelta(days=8)) == 1


async def test_case_numbers_are_sequential_per_year(database: Database) -> None:
    async with database.uow() as uow:
        numbers = [(await uow.cases.next_number(year=2026))[1] for _ in range(3)]
        other = (await uow.cases.next_number(year=2027))[1]
    assert numbers == ["2026-0001", "2026-0002", "2026-0003"]
    assert other == "2027-0001"


async def test_concurrent_case_numbers_never_repeat(database: Database) -> None:
    async def allocate() -> str:
        async with database.uow() as uow:
            case = await uow.cases.create(year=2026, now=NOW, topic="parental-leave")
            return case.number

    numbers = await asyncio.gather(*(allocate() for _ in range(8)))
    assert sorted(numbers) == [f"2026-{i:04d}" for i in range(1, 9)]


async def test_claim_is_won_once(database: Database) -> None:
    async with database.uow() as uow:
        first = await uow.staff.upsert(telegram_id=11, role="attorney", now=NOW)
        second = await uow.staff.upsert(telegram_id=12, role="attorney", now=NOW)
        case = await uow.cases.create(year=2026, now=NOW, topic="dismissal")
    async with database.uow() as uow:
        assert await uow.cases.claim(case_id=case.id, staff_id=first.id, now=NOW)
        assert not await uow.cases.claim(case_id=case.id, staff_id=second.id, now=NOW)
    async with database.uow() as uow:
        stored = await uow.cases.get(case_id=case.id)
        assert stored is not None
        assert (stored.assignee_id, stored.stage) == (first.id, "claimed")


async def test_concurrent_claims_have_one_winner(database: Database) -> None:
    async with database.uow() as uow:
        staff = [
            await uow.staff.upsert(telegram_id=20 + i, role="attorney", now=NOW) for i in range(4)
        ]
        case = await uow.cases.create(year=2026, now=NOW, topic="dismissal")

    async def claim(staff_id: int) -> bool:
        async with database.uow() as uow:
            return await uow.cases.claim(case_id=case.id, staff_id=staff_id, now=NOW)

    results = await asyncio.gather(*(claim(s.id) for s in staff))
    assert results.count(True) == 1


async def test_queue_orders_urgent_first_then_oldest(database: Database) -> None:
    async with database.uow() as uow:
        old = await uow.cases.create(year=2026, now=NOW, topic="a")
        urgent = await uow.cases.create(
            year=2026, now=NOW + timedelta(hours=2), topic="b", urgency="urgent"
        )
        new = await uow.cases.create(year=2026, now=NOW + timedelta(hours=1), topic="c")
    async with database.uow() as uow:
        queue = [c.number for c in await uow.cases.unclaimed()]
    assert queue == [urgent.number, old.number, new.number]


async def test_case_events_keep_order(database: Database) -> None:
    async with database.uow() as uow:
        case = await uow.cases.create(year=2026, now=NOW, topic="a")
        await uow.cases.add_event(case_id=case.id, kind="created", now=NOW)
        await uow.cases.add_event(
            case_id=case.id,
            kind="stage",
            from_value="new",
            to_value="claimed",
            now=NOW + timedelta(minutes=5),
        )
    async with database.uow() as uow:
        kinds = [e.kind for e in await uow.cases.events(case_id=case.id)]
    assert kinds == ["created", "stage"]


async def test_relay_message_found_by_staff_message_id(database: Database) -> None:
    async with database.uow() as uow:
        case = await uow.cases.create(year=2026, now=NOW, topic="a")
        await uow.relays.add(
            case_id=case.id,
            direction="to_staff",
            now=NOW,
            parent_chat_id=1,
            parent_message_id=10,
            staff_chat_id=99,
            staff_message_id=555,
        )
    async with database.uow() as uow:
        found = await uow.relays.find_by_staff_message(staff_chat_id=99, staff_message_id=555)
        assert found is not None
        assert found.case_id == case.id


async def test_staff_bootstrap_and_deactivate(database: Database) -> None:
    async with database.uow() as uow:
        await uow.staff.ensure_admins(telegram_ids=[7, 8], now=NOW)
        await uow.staff.upsert(telegram_id=9, role="attorney", now=NOW)
    async with database.uow() as uow:
        assert await uow.staff.deactivate(telegram_id=9)
        assert await uow.staff.get_active(telegram_id=9) is None
        roles = sorted((s.telegram_id, s.role) for s in await uow.staff.list_active())
    assert roles == [(7, "admin"), (8, "admin")]


async def test_outbox_dedupe_lease_and_retry(database: Database) -> None:
    async with database.uow() as uow:
        await uow.outbox.enqueue(kind="new_case", now=NOW, chat_id=-100, dedupe_key="case:1")
        await uow.outbox.enqueue(kind="new_case", now=NOW, chat_id=-100, dedupe_key="case:1")
        assert await uow.outbox.pending_count() == 1
    async with database.uow() as uow:
        leased = await uow.outbox.lease_due(now=NOW, lease_until=NOW + timedelta(seconds=30))
        assert len(leased) == 1
    async with database.uow() as uow:
        assert await uow.outbox.lease_due(now=NOW, lease_until=NOW) == []
        await uow.outbox.mark_retry(
            message_id=leased[0].id, error="timeout", next_attempt_at=NOW + timedelta(seconds=10)
        )
    async with database.uow() as uow:
        assert await uow.outbox.lease_due(now=NOW + timedelta(seconds=5), lease_until=NOW) == []
        again = await uow.outbox.lease_due(
            now=NOW + timedelta(seconds=10), lease_until=NOW + timedelta(seconds=40)
        )
        assert [m.attempts for m in again] == [1]
        await uow.outbox.mark_sent(message_id=again[0].id, now=NOW)
        assert await uow.outbox.pending_count() == 0


async def test_update_ids_processed_once(database: Database) -> None:
    async with database.uow() as uow:
        assert await uow.updates.mark_processed(update_id=42, now=NOW)
    async with database.uow() as uow:
        assert not await uow.updates.mark_processed(update_id=42, now=NOW)


async def test_feedback_counts(database: Database) -> None:
    async with database.uow() as uow:
        await uow.feedback.add(entry_id="parental-leave-pay", is_helpful=True, now=NOW)
        await uow.feedback.add(entry_id="parental-leave-pay", is_helpful=False, now=NOW)
        await uow.feedback.add(entry_id="other", is_helpful=True, now=NOW)
        assert await uow.feedback.counts(entry_id="parental-leave-pay") == (1, 1)
        assert await uow.feedback.counts() == (2, 1)


async def test_unanswered_questions_listed_newest_first(database: Database) -> None:
    async with database.uow() as uow:
        await uow.unanswered.add(
            question_masked="a", outcome="none", best_ids=[], score=0.1, now=NOW
        )
        await uow.unanswered.add(
            question_masked="b",
            outcome="suggestions",
            best_ids=["x"],
            score=0.5,
            now=NOW + timedelta(minutes=1),
        )
        recent = await uow.unanswered.recent()
    assert [q.question_masked for q in recent] == ["b", "a"]


async def _write_then_break_a_foreign_key(database: Database) -> None:
    async with database.uow() as uow:
        await uow.users.touch(telegram_id=2, now=NOW)
        await uow.staff.upsert(telegram_id=3, role="attorney", now=NOW)
        await uow.cases.create(year=2026, now=NOW, topic="x", assignee_id=999_999)


async def test_failed_unit_of_work_rolls_back(database: Database) -> None:
    await _make_user(database, telegram_id=1)
    with pytest.raises(IntegrityError):
        await _write_then_break_a_foreign_key(database)
    async with database.uow() as uow:
        assert await uow.users.get_by_telegram_id(telegram_id=2) is None


async def test_queue_puts_nearer_deadlines_first_among_equals(database: Database) -> None:
    async with database.uow() as uow:
        late = await uow.cases.create(
            year=2026, now=NOW, topic="a", next_deadline=date(2027, 3, 1)
        )
        none = await uow.cases.create(year=2026, now=NOW, topic="b")
        soon = await uow.cases.create(
            year=2026, now=NOW + timedelta(hours=1), topic="c", next_deadline=date(2026, 12, 1)
        )
    async with database.uow() as uow:
        queue = [c.number for c in await uow.cases.unclaimed()]
    assert queue == [soon.number, late.number, none.number]


async def test_a_failed_statement_does_not_show_its_parameters(database: Database) -> None:
    """Errors are logged with their tracebacks: the words people wrote stay out of them."""
    words = "홍길동입니다 회사에서 해고 통지를 받았어요"
    with pytest.raises(IntegrityError) as raised:
        async with database.uow() as uow:
            await uow.session.execute(
                text("INSERT INTO relay_messages (text) VALUES (:words)"), {"words": words}
            )
    assert "relay_messages" in str(raised.value)  # the statement is still shown
    assert words not in str(raised.value)
