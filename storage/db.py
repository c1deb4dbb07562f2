"""Engine, sessions and the unit of work (one session and transaction per update)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Final

import asyncpg
from sqlalchemy import event, exc, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import await_only

from storage import sqlite_inline
from storage.curation import CurationRepository
from storage.hot import SQLITE_CONNECTION_SETUP, LaterWrites
from storage.maintenance import MaintenanceRepository
from storage.models import Base
from storage.report_queries import ReportQueries
from storage.repositories import (
    CalcSessionRepository,
    CaseRepository,
    ConsentRepository,
    DocumentRepository,
    DraftRepository,
    FaqContextRepository,
    FeedbackRepository,
    OutboxRepository,
    RelayRepository,
    SentMessageRepository,
    StaffRepository,
    UnansweredRepository,
    UpdateRepository,
    UserRepository,
)
from storage.satisfaction import SatisfactionRepository

logger = logging.getLogger(__name__)


class DatabaseUnavailableError(Exception):
    """The database could not be reached or opened."""


#: A hung or unreachable database fails a statement, a connection attempt, a wait for a
#: pooled connection or for a lock after this many seconds, so the user gets an apology
#: within 5 s instead of silence (an idle pooled connection may cost a ping and a connect).
CONNECT_TIMEOUT_SECONDS: Final = 2.0
STATEMENT_TIMEOUT_SECONDS: Final = 3.0
UNANSWERED_MARGIN_SECONDS: Final = 0.5  # a frozen server: the client's own timeout after it
#: A pooled PostgreSQL connection idle this long is checked before use (a round trip), so a
#: restarted server costs no update; a busy bot reuses its connections sooner and skips it.
PING_AFTER_IDLE_SECONDS: Final = 30.0
PING_TIMEOUT_SECONDS: Final = 1.0
#: Rewriting a table after the retention purge may take longer than an update's statement;
#: it waits this long for the table's lock, then leaves it for the next night.
MAINTENANCE_TIMEOUT_SECONDS: Final = 600.0
LOCK_WAIT_SECONDS: Final = 2.0
#: Pooled connections are replaced after this long (servers and proxies drop old ones).
RECYCLE_SECONDS: Final = 1800


def create_engine(
    database_url: str, *, ping_after_idle: float = PING_AFTER_IDLE_SECONDS, **kwargs: Any
) -> AsyncEngine:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        connect = sqlite_inline.connector(
            url.database or ":memory:",
            lock_wait_seconds=STATEMENT_TIMEOUT_SECONDS,  # a write waits this long for a lock
            uri=url.query.get("uri") == "true",
        )
        engine = create_async_engine(
            url,
            async_creator=connect,
            hide_parameters=True,
            pool_reset_on_return=None,  # `_configure_sqlite` resets only what is open
            **kwargs,
        )
        _configure_sqlite(engine)
        return engine
    # Up to 16 updates run at once, each holding one connection, plus the background jobs.
    options = {
        "hide_parameters": True,  # a failed statement's error would show what people wrote
        "pool_recycle": RECYCLE_SECONDS,
        "pool_size": 10,
        "max_overflow": 20,
        "pool_timeout": CONNECT_TIMEOUT_SECONDS,
        "connect_args": {
            "timeout": CONNECT_TIMEOUT_SECONDS,
            # The server cancels a slow statement itself (its locks go with it); the
            # client gives up a little later only when the server cannot answer at all.
            "server_settings": {"statement_timeout": f"{int(STATEMENT_TIMEOUT_SECONDS * 1000)}"},
            "command_timeout": STATEMENT_TIMEOUT_SECONDS + UNANSWERED_MARGIN_SECONDS,
        },
        **kwargs,
    }
    engine = create_async_engine(url, **options)
    _abort_unanswered(engine)
    _ping_after_idle(engine, ping_after_idle)
    return engine


_IDLE_SINCE = "idle_since"


def ping_connection(dbapi_connection: Any) -> None:
    """One round trip with a short timeout of its own (asyncpg's ping would wait the whole
    statement timeout on a frozen server)."""
    driver = dbapi_connection.driver_connection
    await_only(driver.fetchval(";", timeout=PING_TIMEOUT_SECONDS))


def _abort_unanswered(engine: AsyncEngine) -> None:
    """Only a server that does not answer times a statement out on this side (it would have
    cancelled the statement itself): its connection is closed at once rather than after 2 s
    more waiting for a goodbye it will not send."""

    @event.listens_for(engine.sync_engine, "invalidate")
    def _on_invalidate(dbapi_connection: Any, _record: Any, error: BaseException | None) -> None:
        if isinstance(error, TimeoutError) and dbapi_connection is not None:
            dbapi_connection.driver_connection.terminate()


def _ping_after_idle(engine: AsyncEngine, seconds: float) -> None:
    """Ping a pooled connection before use only when it sat idle; a dead one is replaced.

    SQLAlchemy's `pool_pre_ping` pings at every checkout: three round trips per update on
    asyncpg. A connection that breaks while in use fails that update, and SQLAlchemy then
    drops every pooled connection opened before the break.
    """

    @event.listens_for(engine.sync_engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get(_IDLE_SINCE)
        if idle_since is None or time.monotonic() - idle_since < seconds:
            return
        try:
            ping_connection(dbapi_connection)
        except Exception as error:  # the pool opens a new connection instead
            dbapi_connection.driver_connection.terminate()  # no goodbye from a dead server
            raise exc.DisconnectionError(type(error).__name__) from error


# Statements before which SQLite's transaction must have begun (sqlite3's own rule for
# writes, plus SAVEPOINT, which sqlite3 would let open a transaction of its own).
_SQLITE_BEGIN_BEFORE = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT")
_SQLITE_HAS_BEGUN = "sqlite_has_begun"


def _configure_sqlite(engine: AsyncEngine) -> None:
    """Pragmas, and SQLAlchemy (not the sqlite3 driver) emitting BEGIN.

    sqlite3 emits BEGIN only before a write, so a SAVEPOINT opened first ends up outside
    the transaction and its RELEASE commits. As SQLAlchemy's SQLite documentation advises,
    the driver's transaction control is off and BEGIN is ours; it is emitted before the
    transaction's first write or savepoint, as the driver did: a transaction that reads,
    then writes after another connection committed, would otherwise fail with "database is
    locked" (a stale WAL snapshot), where waiting for the lock is enough.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA secure_delete=ON")  # erased text is overwritten, not left
        for statement in SQLITE_CONNECTION_SETUP:
            cursor.execute(statement)
        cursor.close()

    @event.listens_for(engine.sync_engine.pool, "reset")
    def _on_reset(dbapi_connection: Any, _record: Any, _state: Any) -> None:
        # A connection goes back to the pool with no transaction open almost always (the
        # unit of work ended it); rolling back then would only cost a trip to its thread.
        if dbapi_connection.driver_connection.in_transaction:
            dbapi_connection.rollback()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.info[_SQLITE_HAS_BEGUN] = False

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before_execute(connection: Connection, cursor: Any, statement: str, *_args: Any) -> None:
        if connection.info.get(_SQLITE_HAS_BEGUN, True):
            return
        if statement.lstrip()[:9].upper().startswith(_SQLITE_BEGIN_BEFORE):
            connection.info[_SQLITE_HAS_BEGUN] = True
            cursor.execute("BEGIN")


async def check_connection(engine: AsyncEngine) -> None:
    """Fail fast with DatabaseUnavailableError when the database is not reachable."""
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:
        kind = type(exc).__name__
        raise DatabaseUnavailableError(
            f"cannot connect to the database at {engine.url.render_as_string()} ({kind})"
        ) from exc


class UnitOfWork:
    """One session and transaction; repositories share it."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.later = LaterWrites()
        self.drafts = DraftRepository(session)
        self.users = UserRepository(session, self.drafts)
        self.consents = ConsentRepository(session)
        self.cases = CaseRepository(session)
        self.relays = RelayRepository(session)
        self.staff = StaffRepository(session)
        self.outbox = OutboxRepository(session)
        self.updates = UpdateRepository(session)
        self.feedback = FeedbackRepository(session, self.later)
        self.unanswered = UnansweredRepository(session)
        self.sent = SentMessageRepository(session, self.later)
        self.documents = DocumentRepository(session)
        self.calc_sessions = CalcSessionRepository(session)
        self.reports = ReportQueries(session)
        self.maintenance = MaintenanceRepository(session)
        self.faq_context = FaqContextRepository(session, self.later, self.users)
        self.curation = CurationRepository(session)
        self.satisfaction = SatisfactionRepository(session, self.users)

    async def commit(self, *, keep_later: bool = False) -> None:
        """Commit; `keep_later` leaves the writes that may wait (`later`) for the next one."""
        if not keep_later:
            await self._write_later()
        await self.session.commit()
        self.users.forget_states()
        self.drafts.forget()

    async def rollback(self) -> None:
        self.later.reset()
        await self.session.rollback()
        self.users.forget_states()
        self.drafts.forget()

    async def _write_later(self) -> None:
        if not self.later:
            return
        dialect = self.session.bind.dialect.name if self.session.bind is not None else ""
        if dialect == "postgresql" and not self.session.in_transaction():
            # One statement and nothing else to commit: no BEGIN and COMMIT round trips.
            await self.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        for statement, params in self.later.take(dialect):
            await self.session.execute(statement, params)

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[UnitOfWork]:
        """A SAVEPOINT: released when the block ends, rolled back (only the block's writes)
        when it raises."""
        mark = self.later.mark()
        try:
            async with self.session.begin_nested():
                yield self
        except BaseException:
            self.later.reset(mark)
            self.drafts.forget()
            raise

    async def finish(self, *, commit: bool) -> None:
        """End a unit of work opened with Database.begin()."""
        try:
            if commit:
                await self.commit()
            else:
                await self.rollback()
        finally:
            await self.session.close()


async def _rewrite_tables(driver: Any) -> None:
    """VACUUM FULL each of our tables; one that is busy (its lock not granted within
    `LOCK_WAIT_SECONDS`) is left for the next night rather than stalling the bot."""
    await driver.execute(f"SET lock_timeout = '{int(LOCK_WAIT_SECONDS * 1000)}ms'")
    await driver.execute("SET statement_timeout = 0")  # MAINTENANCE_TIMEOUT_SECONDS instead
    try:
        for table in Base.metadata.sorted_tables:
            try:
                await driver.execute(
                    f'VACUUM FULL "{table.name}"', timeout=MAINTENANCE_TIMEOUT_SECONDS
                )
            except asyncpg.exceptions.LockNotAvailableError:
                logger.warning("table %s is busy: its space is reclaimed next time", table.name)
    finally:
        await driver.execute("RESET lock_timeout")
        await driver.execute("RESET statement_timeout")


class Database:
    """Owns the engine and hands out units of work."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def from_url(cls, database_url: str) -> Database:
        return cls(create_engine(database_url))

    @asynccontextmanager
    async def uow(self) -> AsyncIterator[UnitOfWork]:
        """Commit on success, roll back on any exception."""
        async with self._sessions() as session:
            uow = UnitOfWork(session)
            try:
                yield uow
                await uow.commit()
            except BaseException:
                await uow.rollback()
                raise

    def begin(self) -> UnitOfWork:
        """A unit of work the caller ends with `finish()` (spans several handler calls)."""
        return UnitOfWork(self._sessions())

    async def reclaim_erased_space(self) -> None:
        """Make erased rows unreadable in the database files, not only in queries.

        PostgreSQL keeps the bytes of deleted and overwritten row versions in its pages
        (a plain VACUUM frees the space but leaves them): each table is rewritten (VACUUM
        FULL, a few milliseconds for a center's tables, run at night). SQLite zeroes freed
        content itself (`secure_delete`); a checkpoint moves it out of the write-ahead log.
        A row version a transaction still open at that moment could read is kept till the
        next night.
        """
        async with self.engine.connect() as connection:
            raw = await connection.get_raw_connection()
            driver = raw.driver_connection
            if driver is None:  # the pool handed out a closed connection
                raise DatabaseUnavailableError("no connection to reclaim erased space with")
            if self.engine.dialect.name == "postgresql":
                await _rewrite_tables(driver)
            else:
                await _empty_the_wal(driver)

    async def dispose(self) -> None:
        await self.engine.dispose()


_CHECKPOINT_PAUSE_SECONDS: Final = 0.05


async def _empty_the_wal(driver: Any) -> None:
    """Checkpoint SQLite's write-ahead log and truncate it; while another connection reads
    or writes, try again after short pauses for up to the lock wait, then leave it for the
    next night."""
    give_up_at = time.monotonic() + STATEMENT_TIMEOUT_SECONDS
    while True:
        cursor = await driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        is_busy, *_frames = await cursor.fetchone()
        if not is_busy:
            return
        if time.monotonic() >= give_up_at:
            logger.warning("the write-ahead log is in use: it is emptied next time")
            return
        await asyncio.sleep(_CHECKPOINT_PAUSE_SECONDS)
