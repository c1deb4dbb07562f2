"""Count what the bot sends to the database: `with count_statements(engine) as log: ...`.

SQL statements are seen through SQLAlchemy's `before_cursor_execute`; savepoints are told
apart from them, and transactions (BEGIN, COMMIT, ROLLBACK) are counted from the
connection's own events, since drivers emit those without a cursor; a transaction in
autocommit mode sends neither BEGIN nor COMMIT and is counted apart. A pool pre-ping is
counted where the pool's checkout pings an idle connection (`storage.db.ping_connection`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import db

_SAVEPOINT_WORDS = ("SAVEPOINT", "RELEASE", "ROLLBACK TO")


@dataclass
class StatementLog:
    """What one block sent to the database."""

    statements: list[str] = field(default_factory=list)  # SQL, without savepoints
    savepoints: int = 0  # SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT
    begins: int = 0
    commits: int = 0
    rollbacks: int = 0
    autocommits: int = 0  # transactions in autocommit mode (no BEGIN, no COMMIT sent)
    pings: int = 0  # pool pre-pings

    @property
    def count(self) -> int:
        return len(self.statements)

    def summary(self) -> str:
        """One line per statement, for an assertion's message."""
        lines = [
            f"{self.count} statements, {self.savepoints} savepoint statements, "
            f"{self.begins} BEGIN, {self.commits} COMMIT, {self.rollbacks} ROLLBACK, "
            f"{self.autocommits} in autocommit mode, {self.pings} pre-pings"
        ]
        lines += [" ".join(s.split())[:160] for s in self.statements]
        return "\n".join(lines)


@contextmanager
def count_statements(engine: AsyncEngine) -> Iterator[StatementLog]:
    """Record what `engine` sends to the database while the block runs."""
    log = StatementLog()
    sync_engine = engine.sync_engine

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(_SAVEPOINT_WORDS):
            log.savepoints += 1
        else:
            log.statements.append(statement)

    def is_autocommit(conn: Connection) -> bool:
        return conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT"

    def on_begin(conn: Connection) -> None:
        if not is_autocommit(conn):
            log.begins += 1

    def on_commit(conn: Connection) -> None:
        if is_autocommit(conn):
            log.autocommits += 1
        else:
            log.commits += 1

    def on_rollback(_conn: Any) -> None:
        log.rollbacks += 1

    listeners = [
        ("before_cursor_execute", on_execute),
        ("begin", on_begin),
        ("commit", on_commit),
        ("rollback", on_rollback),
    ]
    for name, listener in listeners:
        event.listen(sync_engine, name, listener)
    ping = db.ping_connection

    def counted_ping(dbapi_connection: Any) -> None:
        log.pings += 1
        ping(dbapi_connection)

    db.ping_connection = counted_ping
    try:
        yield log
    finally:
        db.ping_connection = ping
        for name, listener in listeners:
            event.remove(sync_engine, name, listener)
