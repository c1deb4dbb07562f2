"""Statements every update runs, built once: the update's claim with the user's touch, and
the writes that wait for the end of the update (answer log, FAQ context, sent messages).

They are SQL text with typed bind parameters: nothing is rebuilt or recompiled per call.
The claim, the touch, the user's intake draft and what they are in the middle of are one
statement, and so are the writes at the end: on PostgreSQL with data-modifying CTEs; on
SQLite, which has none, as an INSERT into a temporary view whose trigger makes the writes
(the rest comes back as subqueries in RETURNING).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Final

from sqlalchemy import JSON, BigInteger, Boolean, Integer, String, bindparam, column, select, text
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.elements import ColumnClause, TextClause

from bot.vocabulary import Stage
from storage.models import User, UtcDateTime

_USER_COLUMNS: Final = (
    "id, telegram_id, language, is_blocked, is_discreet, first_seen_at, last_seen_at"
)
# What the user is in the middle of, and their last FAQ topic; `users` is the touched row.
_STATE_COLUMNS: Final = """
    EXISTS (SELECT 1 FROM calc_sessions WHERE calc_sessions.user_id = users.id
            AND calc_sessions.expires_at > :now) AS is_calculating,
    EXISTS (SELECT 1 FROM intake_drafts WHERE intake_drafts.user_id = users.id
            AND intake_drafts.expires_at > :now) AS is_in_intake,
    (SELECT cases.id FROM cases WHERE cases.user_id = users.id AND cases.stage != :closed
     ORDER BY cases.updated_at DESC, cases.id DESC LIMIT 1) AS open_case_id,
    EXISTS (SELECT 1 FROM case_satisfaction WHERE case_satisfaction.user_id = users.id
            AND case_satisfaction.comment_until > :now) AS is_awaiting_comment,
    (SELECT faq_contexts.entry_id FROM faq_contexts
     WHERE faq_contexts.user_id = users.id) AS faq_entry_id,
    (SELECT faq_contexts.asked_at FROM faq_contexts
     WHERE faq_contexts.user_id = users.id) AS faq_asked_at"""
_UPSERT_USER: Final = f"""
    INSERT INTO users (telegram_id, language, is_blocked, is_discreet,
                       first_seen_at, last_seen_at)
    VALUES (:telegram_id, :language, false, false, :now, :now)
    ON CONFLICT (telegram_id) DO UPDATE
    SET last_seen_at = excluded.last_seen_at, is_blocked = false
    RETURNING {_USER_COLUMNS}"""  # noqa: S608 - constant text
# The intake draft, locked: on PostgreSQL a locked row is read as last committed, even when
# the statement's snapshot is older (a wait for a worker holding the user's row).
_DRAFT_COLUMNS: Final = "step, data, history, expires_at"
_DRAFT_CTE: Final = f"""
    SELECT {_DRAFT_COLUMNS} FROM intake_drafts
    WHERE intake_drafts.user_id = (SELECT id FROM users) FOR UPDATE"""  # noqa: S608
_DRAFT_SELECTED: Final = ", ".join(f"draft.{c} AS draft_{c}" for c in _DRAFT_COLUMNS.split(", "))
_DRAFT_RETURNED: Final = ", ".join(
    f"(SELECT {c} FROM intake_drafts WHERE intake_drafts.user_id = users.id) AS draft_{c}"  # noqa: S608
    for c in _DRAFT_COLUMNS.split(", ")
)
# Whether a satisfaction comment window is set at all (closed by the next command or button).
_WINDOW_COLUMN: Final = """
    EXISTS (SELECT 1 FROM case_satisfaction WHERE case_satisfaction.user_id = users.id
            AND case_satisfaction.comment_until IS NOT NULL) AS has_comment_window"""
_CLAIM: Final = """
    INSERT INTO processed_updates (update_id, processed_at) VALUES (:update_id, :now)
    ON CONFLICT (update_id) DO NOTHING RETURNING update_id"""

_BINDS: Final = (
    bindparam("now", type_=UtcDateTime()),
    bindparam("telegram_id", type_=BigInteger()),
    bindparam("language", type_=String()),
    bindparam("closed", value=Stage.CLOSED.value, type_=String()),
)
_UPDATE_BIND: Final = bindparam("update_id", type_=BigInteger())
_STATE_TYPES: Final = (
    column("is_calculating", Boolean),
    column("is_in_intake", Boolean),
    column("open_case_id", Integer),
    column("is_awaiting_comment", Boolean),
    column("faq_entry_id", String),
    column("faq_asked_at", UtcDateTime()),
)
_DRAFT_TYPES: Final = (
    column("draft_step", String),
    column("draft_data", JSON),
    column("draft_history", JSON),
    column("draft_expires_at", UtcDateTime()),
)
# The table's own columns, not the ORM attributes: loading the row looks each column up by
# the table's column, and an attribute's (annotated) copy is found only through `==`, which
# builds an SQL expression per column and row.
_USER_TYPES: Final = tuple(User.__table__.c[name] for name in _USER_COLUMNS.split(", "))


@dataclass(frozen=True)
class StoredDraft:
    """The intake draft read with the touch (expired or not)."""

    step: str
    data: dict[str, Any]
    history: list[str]
    expires_at: datetime


@dataclass(frozen=True)
class UserState:
    """What the user is in the middle of, read with their touch."""

    is_calculating: bool
    is_in_intake: bool
    open_case_id: int | None
    is_awaiting_comment: bool
    faq_entry_id: str | None
    faq_asked_at: datetime | None


def _orm_select(sql: str, *, claimed: bool, with_state: bool, with_draft: bool) -> Executable:
    extra: list[ColumnClause[Any]] = [column("is_claimed", Boolean)] if claimed else []
    extra += list(_STATE_TYPES) if with_state else []
    extra += [*_DRAFT_TYPES, column("has_comment_window", Boolean)] if with_draft else []
    binds = [b for b in (*_BINDS, _UPDATE_BIND) if f":{b.key}" in sql]
    textual = text(sql).bindparams(*binds).columns(*_USER_TYPES, *extra)
    return (
        select(User, *extra)
        .from_statement(textual)
        .execution_options(populate_existing=True)  # the touched row replaces a cached one
    )


@cache
def touch_statement(dialect: str, *, with_state: bool, with_draft: bool) -> Executable:
    """Upsert the user by Telegram id; optionally what they are in the middle of and their
    intake draft (SQLite: no other writer until this transaction ends)."""
    if dialect == "postgresql":
        return _postgresql_touch(claimed=False, with_state=with_state, with_draft=with_draft)
    state = f", {_STATE_COLUMNS}" if with_state else ""
    draft = f", {_DRAFT_RETURNED}, {_WINDOW_COLUMN}" if with_draft else ""
    sql = f"{_UPSERT_USER}{state}{draft}"  # SQLite's RETURNING may hold subqueries
    return _orm_select(sql, claimed=False, with_state=with_state, with_draft=with_draft)


#: SQLite: the claim and the touch in one statement, an INSERT into a temporary view
#: whose trigger claims the update and, when it is new, upserts the user; its RETURNING
#: reads the rest (a trigger's writes are seen there). Made for each new connection.
_ARRIVAL_SETUP: Final = (
    "CREATE TEMP TABLE IF NOT EXISTS arrival_claim"
    " (slot INTEGER PRIMARY KEY, claimed INTEGER NOT NULL)",
    "CREATE TEMP VIEW IF NOT EXISTS arrivals (update_id, now, telegram_id, language)"
    " AS SELECT NULL, NULL, NULL, NULL WHERE 0",
    """CREATE TEMP TRIGGER IF NOT EXISTS arrivals_insert INSTEAD OF INSERT ON arrivals BEGIN
    INSERT INTO processed_updates (update_id, processed_at) VALUES (NEW.update_id, NEW.now)
    ON CONFLICT (update_id) DO NOTHING;
    INSERT OR REPLACE INTO arrival_claim (slot, claimed) VALUES (0, changes());
    INSERT INTO users (telegram_id, language, is_blocked, is_discreet,
                       first_seen_at, last_seen_at)
    SELECT NEW.telegram_id, NEW.language, false, false, NEW.now, NEW.now
    WHERE (SELECT claimed FROM arrival_claim WHERE slot = 0)
    ON CONFLICT (telegram_id) DO UPDATE
    SET last_seen_at = excluded.last_seen_at, is_blocked = false;
    END""",
)
_IS_ARRIVING: Final = "users.telegram_id = arrivals.telegram_id"


def _sqlite_arrival(*, with_state: bool, with_draft: bool) -> Executable:
    columns = [
        f"(SELECT {c} FROM users WHERE {_IS_ARRIVING}) AS {c}"  # noqa: S608
        for c in _USER_COLUMNS.split(", ")
    ]
    columns.append("(SELECT claimed FROM arrival_claim WHERE slot = 0) AS is_claimed")
    columns += [_STATE_COLUMNS] if with_state else []
    columns += [_DRAFT_RETURNED, _WINDOW_COLUMN] if with_draft else []
    arriving_user = f"(SELECT id FROM users WHERE {_IS_ARRIVING})"  # noqa: S608
    returned = ", ".join(columns).replace("= users.id", f"= {arriving_user}")
    if "users.id" in returned:
        raise AssertionError("an arrival column reads `users` other than by its id")
    arrival = "arrivals (update_id, now, telegram_id, language)"
    values = "VALUES (:update_id, :now, :telegram_id, :language)"
    sql = f"INSERT INTO {arrival} {values} RETURNING {returned}"
    return _orm_select(sql, claimed=True, with_state=with_state, with_draft=with_draft)


@cache
def claim_and_touch_statement(dialect: str, *, with_state: bool, with_draft: bool) -> Executable:
    """The update's claim, the user's touch, their state and their draft in one statement.

    On PostgreSQL every part reads the statement's snapshot; the claim waits for a worker
    claiming the same update, the touch for one touching the same user. A state read so
    (stale by what that worker committed meanwhile) is what an update served before that
    worker's would have seen, and routing checks it again where it acts; the draft is
    locked, so it is read as last committed (only a draft that worker created is missed, as
    if served before).
    On SQLite the claim's write lock keeps every other writer out until the update ends.
    """
    if dialect != "postgresql":
        return _sqlite_arrival(with_state=with_state, with_draft=with_draft)
    return _postgresql_touch(claimed=True, with_state=with_state, with_draft=with_draft)


def _postgresql_touch(*, claimed: bool, with_state: bool, with_draft: bool) -> Executable:
    ctes = [f"claimed AS ({_CLAIM})"] if claimed else []
    ctes.append(f"users AS ({_UPSERT_USER})")
    columns = [_USER_COLUMNS]
    columns += ["EXISTS (SELECT 1 FROM claimed) AS is_claimed"] if claimed else []
    columns += [_STATE_COLUMNS] if with_state else []
    joined = ""
    if with_draft:
        ctes.append(f"draft AS ({_DRAFT_CTE})")
        columns += [_DRAFT_SELECTED, _WINDOW_COLUMN]
        joined = " LEFT JOIN draft ON true"
    sql = f"WITH {', '.join(ctes)} SELECT {', '.join(columns)} FROM users{joined}"  # noqa: S608
    return _orm_select(sql, claimed=claimed, with_state=with_state, with_draft=with_draft)


CLAIM: Final = text(_CLAIM).bindparams(_UPDATE_BIND, bindparam("now", type_=UtcDateTime()))


def state_of(row: Any) -> UserState:
    """The `UserState` columns of a touch row."""
    return UserState(
        bool(row.is_calculating),
        bool(row.is_in_intake),
        row.open_case_id,
        bool(row.is_awaiting_comment),
        row.faq_entry_id,
        row.faq_asked_at,
    )


def draft_of(row: Any) -> StoredDraft | None:
    """The draft columns of a touch row; None when the user has no draft."""
    if row.draft_step is None:
        return None
    return StoredDraft(
        row.draft_step, row.draft_data or {}, row.draft_history or [], row.draft_expires_at
    )


# ---- writes that wait for the end of the update -------------------------------------------


@dataclass(frozen=True)
class _Table:
    name: str
    columns: tuple[tuple[str, Any], ...]  # (name, type)
    on_conflict: str = ""


ANSWERS: Final = _Table(
    "faq_answers", (("entry_id", String()), ("outcome", String()), ("created_at", UtcDateTime()))
)
CONTEXTS: Final = _Table(
    "faq_contexts",
    (("user_id", Integer()), ("entry_id", String()), ("asked_at", UtcDateTime())),
    " ON CONFLICT (user_id) DO UPDATE"
    " SET entry_id = excluded.entry_id, asked_at = excluded.asked_at",
)
SENT: Final = _Table(
    "sent_messages",
    (("chat_id", BigInteger()), ("message_id", BigInteger()), ("sent_at", UtcDateTime())),
)
TABLES: Final = (ANSWERS, CONTEXTS, SENT)  # the order their writes are made in


def _insert_sql(table: _Table, rows: int, prefix: str) -> tuple[str, list[Any]]:
    names = [name for name, _ in table.columns]
    binds = [
        bindparam(f"{prefix}{i}_{name}", type_=type_)
        for i in range(rows)
        for name, type_ in table.columns
    ]
    values = ", ".join(
        "(" + ", ".join(f":{prefix}{i}_{name}" for name in names) + ")" for i in range(rows)
    )
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES {values}{table.on_conflict}"  # noqa: S608
    return sql, binds


#: SQLite: the writes at the end go into one temporary view, whose trigger puts each row
#: into its table (SQLite has no data-modifying CTEs). Made for each new connection.
_LATER_VIEW: Final = "later_writes"
_LATER_WIDTH: Final = max(len(table.columns) for table in TABLES)


def _later_view_sql() -> list[str]:
    values = [f"v{i}" for i in range(_LATER_WIDTH)]
    inserts = []
    for table in TABLES:
        names = ", ".join(name for name, _ in table.columns)
        picked = ", ".join(f"NEW.{value}" for value in values[: len(table.columns)])
        inserts.append(
            f"INSERT INTO {table.name} ({names}) SELECT {picked}"
            f" WHERE NEW.kind = '{table.name}'{table.on_conflict};"
        )
    nulls = ", ".join("NULL" for _ in range(_LATER_WIDTH + 1))
    return [
        f"CREATE TEMP VIEW IF NOT EXISTS {_LATER_VIEW} (kind, {', '.join(values)})"
        f" AS SELECT {nulls} WHERE 0",
        f"CREATE TEMP TRIGGER IF NOT EXISTS {_LATER_VIEW}_insert"
        f" INSTEAD OF INSERT ON {_LATER_VIEW} BEGIN {' '.join(inserts)} END",
    ]


SQLITE_CONNECTION_SETUP: Final = (*_ARRIVAL_SETUP, *_later_view_sql())


def _sqlite_later_sql(parts: list[tuple[_Table, int, str]]) -> tuple[str, list[Any]]:
    rows: list[str] = []
    binds: list[Any] = []
    for table, count, prefix in parts:
        padding = ", NULL" * (_LATER_WIDTH - len(table.columns))
        for i in range(count):
            names = [f"{prefix}{i}_{name}" for name, _ in table.columns]
            rows.append(f"('{table.name}', {', '.join(f':{n}' for n in names)}{padding})")
            binds += [
                bindparam(n, type_=type_)
                for n, (_, type_) in zip(names, table.columns, strict=True)
            ]
    return f"INSERT INTO {_LATER_VIEW} VALUES {', '.join(rows)}", binds  # noqa: S608


@cache
def later_statements(dialect: str, shape: tuple[tuple[_Table, int], ...]) -> list[TextClause]:
    """The statement writing `shape` ((table, rows) pairs)."""
    present = [(table, rows) for table, rows in shape if rows]
    if dialect != "postgresql":
        sql, binds = _sqlite_later_sql(
            [(table, rows, f"w{n}_") for n, (table, rows) in enumerate(present)]
        )
        return [text(sql).bindparams(*binds)]
    parts = [_insert_sql(table, rows, f"w{n}_") for n, (table, rows) in enumerate(present)]
    *ctes, (main, main_binds) = parts
    with_clause = ", ".join(f"w{n} AS ({sql})" for n, (sql, _) in enumerate(ctes))
    sql = f"WITH {with_clause} {main}" if ctes else main
    binds = [b for _, part_binds in ctes for b in part_binds] + main_binds
    return [text(sql).bindparams(*binds)]


def later_params(shape: Sequence[tuple[_Table, Sequence[Sequence[Any]]]]) -> list[dict[str, Any]]:
    """The bind values of each statement `later_statements` gives for the same shape."""
    parts: list[dict[str, Any]] = []
    for table, rows in shape:
        if not rows:
            continue
        n = len(parts)
        parts.append(
            {
                f"w{n}_{i}_{name}": value
                for i, row in enumerate(rows)
                for (name, _), value in zip(table.columns, row, strict=True)
            }
        )
    return parts


class LaterWrites:
    """Inserts that need not reach the database before the bot speaks (the answer log, the
    FAQ context, the messages sent): made together when the unit of work commits."""

    def __init__(self) -> None:
        self._rows: list[tuple[_Table, tuple[Any, ...]]] = []

    def __bool__(self) -> bool:
        return bool(self._rows)

    def add(self, table: _Table, *row: Any) -> None:
        self._rows.append((table, row))

    def mark(self) -> int:
        return len(self._rows)

    def reset(self, mark: int = 0) -> None:
        """Forget the writes added since `mark` (a savepoint rolled back)."""
        del self._rows[mark:]

    def faq_context(self, user_id: int) -> tuple[str, datetime] | None:
        """The FAQ context waiting to be written for `user_id`, if any."""
        for table, row in reversed(self._rows):
            if table is CONTEXTS and row[0] == user_id:
                return row[1], row[2]
        return None

    def take(self, dialect: str) -> list[tuple[TextClause, dict[str, Any]]]:
        """The statements and their values that make the writes; the writes are forgotten."""
        shape: list[tuple[_Table, list[tuple[Any, ...]]]] = []
        for table in TABLES:
            rows = [row for t, row in self._rows if t is table]
            if table is CONTEXTS:  # one row per user, the last one written
                rows = list({row[0]: row for row in rows}.values())
            shape.append((table, rows))
        self._rows.clear()
        statements = later_statements(dialect, tuple((t, len(rows)) for t, rows in shape))
        params = later_params(shape)
        if len(statements) == 1 and len(params) > 1:
            params = [{k: v for part in params for k, v in part.items()}]
        return list(zip(statements, params, strict=True))
