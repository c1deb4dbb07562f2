"""Reference bots to compare the project with: bare python-telegram-bot, and bare PTB that
writes one row per update (raw driver transaction, or a SQLAlchemy ORM session).

They are fed like the project: the in-memory Bot API, 16 chats at once, updates handled
as many at a time as the project does on that database.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

import aiosqlite
import asyncpg
from sqlalchemy import BigInteger, DateTime, Integer, String, event
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from benchmarks.common import (
    CONCURRENT_CHATS,
    SqlCounter,
    Timed,
    all_chats,
    asyncpg_dsn,
    timed,
)
from bot.runtime.local_chat import LocalChat, Person
from bot.runtime.memory_api import MemoryBotApi

REPLY = "안녕하세요. 메시지 잘 받았어요."
TEXT = "육아휴직 급여 얼마 나와요?"
Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


class _Base(DeclarativeBase):
    pass


class RefMessage(_Base):
    """The one row the ORM reference writes per update."""

    __tablename__ = "bench_ref_orm"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


RAW_TABLE = (
    "CREATE TABLE IF NOT EXISTS bench_ref_raw ("
    "id {serial} PRIMARY KEY, chat_id BIGINT NOT NULL, text VARCHAR(200) NOT NULL, "
    "created_at TIMESTAMP NOT NULL)"
)


async def _feed(callback: Callback, per_chat: int) -> Timed:
    """Build a bare Application with one MessageHandler and feed it `per_chat` texts per chat
    (after one warm-up message each)."""
    api = MemoryBotApi()
    app: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token("0:local")
        .request(api)
        .get_updates_request(api)
        .updater(None)
        .concurrent_updates(CONCURRENT_CHATS)  # as the bot: 16 at a time
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT & filters.ChatType.PRIVATE, callback))
    await app.initialize()
    chat = LocalChat(app, api, first_update_id=9_000_000)

    def chats(count: int) -> Callable[[int], Awaitable[int]]:
        async def one_chat(slot: int) -> int:
            person = Person(70_000 + slot, 70_000 + slot)
            for _ in range(count):
                await chat.send(person, TEXT)
            return count

        return one_chat

    await all_chats(chats(1))
    result = await timed(lambda: all_chats(chats(per_chat)))
    await app.shutdown()
    assert len(api.sent()) == result.updates + CONCURRENT_CHATS, "every update got its reply"
    return result


async def bare_ptb(per_chat: int) -> Timed:
    async def reply(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(REPLY)

    return await _feed(reply, per_chat)


async def raw_insert(kind: str, url: str, per_chat: int) -> Timed:
    """One transaction with one INSERT through the driver itself, then the reply."""
    if kind == "sqlite":
        return await _raw_sqlite(url, per_chat)
    pool = await asyncpg.create_pool(asyncpg_dsn(url), min_size=2, max_size=30)
    await pool.execute(RAW_TABLE.format(serial="BIGSERIAL"))

    async def reply(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "INSERT INTO bench_ref_raw (chat_id, text, created_at) VALUES ($1, $2, $3)",
                message.chat_id,
                message.text,
                datetime.now(UTC).replace(tzinfo=None),
            )
        await message.reply_text(REPLY)

    try:
        return await _feed(reply, per_chat)
    finally:
        await pool.close()


async def _raw_sqlite(url: str, per_chat: int) -> Timed:
    conn = await aiosqlite.connect(url.split(":///", 1)[1], isolation_level=None)
    await conn.execute("PRAGMA journal_mode=WAL")
    await conn.execute(RAW_TABLE.format(serial="INTEGER"))
    one_writer = asyncio.Lock()  # one connection: its transactions take turns

    async def reply(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        async with one_writer:
            await conn.execute("BEGIN")
            await conn.execute(
                "INSERT INTO bench_ref_raw (chat_id, text, created_at) VALUES (?, ?, ?)",
                (message.chat_id, message.text, datetime.now(UTC).isoformat()),
            )
            await conn.execute("COMMIT")
        await message.reply_text(REPLY)

    try:
        return await _feed(reply, per_chat)
    finally:
        await conn.close()


async def orm_insert(kind: str, url: str, per_chat: int) -> dict[str, float]:
    """One SQLAlchemy ORM session per update adding one row (committed), then the reply."""
    options: dict[str, Any] = (
        {} if kind == "sqlite" else {"pool_size": 10, "max_overflow": 20, "pool_pre_ping": True}
    )
    engine = create_async_engine(url, **options)
    if kind == "sqlite":

        @event.listens_for(engine.sync_engine, "connect")
        def _wal(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

    async with engine.begin() as conn:
        await conn.run_sync(_Base.metadata.create_all)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    counter = SqlCounter().attach(engine)

    async def reply(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        async with sessions() as session, session.begin():
            session.add(
                RefMessage(
                    chat_id=message.chat_id,
                    text=message.text or "",
                    created_at=datetime.now(UTC),
                )
            )
        await message.reply_text(REPLY)

    try:
        before = counter.snapshot()
        result = await _feed(reply, per_chat)
        # The warm-up messages are counted too: one per chat.
        counts = counter.per(before, result.updates + CONCURRENT_CHATS, "update")
    finally:
        await engine.dispose()
    return {
        "ref_ptb_orm_insert_per_s": result.updates_per_s,
        "ref_ptb_orm_insert_cpu_ms": result.cpu_ms_per_update,
        "ref_ptb_orm_insert_statements_per_update": counts["statements_per_update"],
        "ref_ptb_orm_insert_commits_per_update": counts["commits_per_update"],
    }


async def bench_references(kind: str, url: str, per_chat: int) -> dict[str, float]:
    bare = await bare_ptb(per_chat)
    raw = await raw_insert(kind, url, per_chat)
    return {
        "ref_ptb_per_s": bare.updates_per_s,
        "ref_ptb_cpu_ms": bare.cpu_ms_per_update,
        "ref_ptb_raw_insert_per_s": raw.updates_per_s,
        "ref_ptb_raw_insert_cpu_ms": raw.cpu_ms_per_update,
        **await orm_insert(kind, url, per_chat),
    }
