"""Writes that wait for the end of the unit of work (the answer log, the FAQ context, the
sent-message ids), the claim read with the user's touch, and pooled connections checked
only after sitting idle. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from sqlalchemy import func, select, text

from storage.db import Database, UnitOfWork, create_engine
from storage.models import Base, FaqAnswerLog, FaqContext, SentMessage
from tests import factories, pg
from tests.statements import count_statements

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


class Refused(Exception):
    pass


async def _count(database: Database, model: type[Base]) -> int:
    async with database.uow() as uow:
        query = select(func.count()).select_from(model)
        return int((await uow.session.execute(query)).scalar_one())


async def test_waiting_writes_are_made_at_the_commit(database: Database) -> None:
    async with database.uow() as uow:
        user = await factories.user(uow, telegram_id=1, now=NOW)
        await uow.feedback.log_answer(entry_id="parental-leave-pay", outcome="answer", now=NOW)
        await uow.faq_context.remember(user_id=user.id, entry_id="first", now=NOW)
        await uow.faq_context.remember(user_id=user.id, entry_id="second", now=NOW)
        uow.sent.record_later(chat_id=1, message_id=7, now=NOW)
        uow.sent.record_later(chat_id=1, message_id=8, now=NOW)
        # Read back before they are written: the last one counts.
        since = NOW - timedelta(minutes=1)
        assert await uow.faq_context.recent(user_id=user.id, since=since) == "second"
    async with database.uow() as uow:
        assert await uow.faq_context.recent(user_id=user.id, since=since) == "second"
        assert await uow.sent.since(chat_id=1, since=since) == [7, 8]
    assert await _count(database, FaqAnswerLog) == 1


async def _log_then_refuse(uow: UnitOfWork) -> None:
    async with uow.savepoint():
        await uow.feedback.log_answer(entry_id="undone", outcome="answer", now=NOW)
        uow.sent.record_later(chat_id=1, message_id=7, now=NOW)
        raise Refused


async def test_refused_savepoint_and_rollback_drop_their_waiting_writes(
    database: Database,
) -> None:
    async with database.uow() as uow:
        await uow.feedback.log_answer(entry_id="kept", outcome="answer", now=NOW)
        with pytest.raises(Refused):
            await _log_then_refuse(uow)
    rolled_back = database.begin()
    await rolled_back.feedback.log_answer(entry_id="rolled back", outcome="answer", now=NOW)
    await rolled_back.finish(commit=False)
    async with database.uow() as uow:
        logged = (await uow.session.execute(select(FaqAnswerLog.entry_id))).scalars().all()
    assert logged == ["kept"]
    assert await _count(database, SentMessage) == 0


async def test_waiting_writes_after_a_commit_are_one_statement(
    database: Database,
) -> None:
    uow = database.begin()
    user = await factories.user(uow, telegram_id=1, now=NOW)
    await uow.feedback.log_answer(entry_id="e", outcome="answer", now=NOW)
    await uow.faq_context.remember(user_id=user.id, entry_id="e", now=NOW)
    await uow.commit(keep_later=True)  # as before the bot speaks
    uow.sent.record_later(chat_id=1, message_id=7, now=NOW)
    with count_statements(database.engine) as log:
        await uow.finish(commit=True)
    if database.engine.dialect.name == "postgresql":
        assert (log.count, log.begins, log.commits, log.autocommits) == (1, 0, 0, 1)
    else:
        assert (log.count, log.begins, log.commits) == (1, 1, 1)  # one INSERT, all three
    assert [await _count(database, m) for m in (FaqAnswerLog, FaqContext, SentMessage)] == [
        1,
        1,
        1,
    ]


async def test_claim_reads_user_state_and_draft(database: Database) -> None:
    async with database.uow() as uow:
        user = await factories.user(uow, telegram_id=1, now=NOW)
        await uow.drafts.save(
            user_id=user.id,
            step="role",
            data={"topic": "leave"},
            history=["topic"],
            now=NOW,
            expires_at=NOW + timedelta(days=7),
        )
    async with database.uow() as uow:
        with count_statements(database.engine) as log:
            first = await uow.users.arrive(update_id=5, now=NOW, telegram_id=1, with_state=True)
            activity = await uow.users.activity(user_id=user.id, now=NOW)
            draft = await uow.drafts.get(user_id=user.id, now=NOW)
        again = await uow.users.arrive(update_id=5, now=NOW, telegram_id=1, with_state=True)
    assert log.count == 1, log.summary()
    assert first.is_new
    assert first.user is not None
    assert first.user.id == user.id
    assert not again.is_new
    assert activity.is_in_intake
    assert not activity.is_calculating
    assert activity.open_case_id is None
    assert draft is not None
    assert (draft.step, draft.data, draft.history) == ("role", {"topic": "leave"}, ["topic"])


async def test_idle_connection_killed_by_the_server_is_replaced(postgres_url: str) -> None:
    """A pooled connection the server dropped (a restart) costs no update once idle."""
    database = Database(create_engine(postgres_url, ping_after_idle=0))
    try:
        async with database.engine.connect() as connection:
            pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        admin = await asyncpg.connect(pg.ADMIN_DSN, timeout=5)
        try:
            await admin.execute("SELECT pg_terminate_backend($1)", pid)
        finally:
            await admin.close()
        with count_statements(database.engine) as log:
            async with database.engine.connect() as connection:
                again = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        assert again != pid
        assert log.pings == 1
    finally:
        await database.dispose()


async def test_a_first_contact_arrives_and_a_repeated_update_touches_no_one(
    database: Database,
) -> None:
    async with database.uow() as uow:
        first = await uow.users.arrive(update_id=8, now=NOW, telegram_id=41, with_state=True)
        repeated = await uow.users.arrive(update_id=8, now=NOW, telegram_id=42, with_state=True)
    assert first.is_new
    assert first.user is not None
    assert (first.user.telegram_id, first.user.language) == (41, "ko")
    assert first.user.first_seen_at == NOW
    assert not repeated.is_new
    assert repeated.user is None
    async with database.uow() as uow:
        assert await uow.users.get_by_telegram_id(telegram_id=41) is not None
        if database.engine.dialect.name == "sqlite":  # PostgreSQL's CTEs all run
            assert await uow.users.get_by_telegram_id(telegram_id=42) is None
