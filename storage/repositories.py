"""Repositories: the only place that writes SQL. Each takes the unit of work's session."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Final, TypeVar, cast

from sqlalchemy import (
    CursorResult,
    Insert,
    Select,
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.vocabulary import (
    ActorKind,
    ConsentKind,
    EventKind,
    OutboxKind,
    OutboxStatus,
    RelayDirection,
    Role,
    Stage,
    Urgency,
)
from storage.hot import (
    ANSWERS,
    CLAIM,
    CONTEXTS,
    SENT,
    LaterWrites,
    UserState,
    claim_and_touch_statement,
    draft_of,
    state_of,
    touch_statement,
)
from storage.models import (
    CalcSession,
    Case,
    CaseDocument,
    CaseEvent,
    CaseNumberCounter,
    CaseSatisfaction,
    Consent,
    FaqContext,
    FaqFeedback,
    IntakeDraft,
    OutboxMessage,
    ProcessedUpdate,
    RelayMessage,
    SentMessage,
    Staff,
    UnansweredQuestion,
    User,
)


def dialect_of(session: AsyncSession) -> str:
    return session.bind.dialect.name if session.bind is not None else "sqlite"


def _insert(session: AsyncSession, table: Any) -> Any:
    """A dialect-specific INSERT supporting ON CONFLICT on both databases."""
    return (
        postgresql.insert(table) if dialect_of(session) == "postgresql" else sqlite.insert(table)
    )


_Row = TypeVar("_Row")


class Repository:
    """Base of every repository (here and in storage/maintenance.py): holds the session."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _one_or_none(self, stmt: Select[_Row]) -> _Row | None:
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def _all(self, stmt: Select[_Row]) -> list[_Row]:
        return list((await self._session.execute(stmt)).scalars().all())


@dataclass(frozen=True)
class UserActivity:
    is_calculating: bool
    is_in_intake: bool
    open_case_id: int | None  # the most recent open case, claimed or not
    is_awaiting_comment: bool = False  # the next text is a satisfaction comment


@dataclass(frozen=True)
class Arrival:
    """An update's claim: whether it is new, and the user touched with it."""

    is_new: bool
    user: User | None


class UserRepository(Repository):
    """Users by Telegram id; remembers the ones seen in this unit of work, and what a user
    was in the middle of when their update was claimed."""

    def __init__(self, session: AsyncSession, drafts: DraftRepository) -> None:
        super().__init__(session)
        self._drafts = drafts
        self._by_telegram_id: dict[int, User] = {}
        self._states: dict[int, UserState] = {}  # by user id, until `activity` takes it
        self._faq_contexts: dict[int, tuple[str | None, datetime | None]] = {}
        self._comment_windows: dict[int, bool] = {}  # by Telegram id, as read at the claim

    async def arrive(
        self, *, update_id: int, now: datetime, telegram_id: int | None, with_state: bool
    ) -> Arrival:
        """Claim the update's id and touch its user (if any): False when seen before.

        The user's intake draft is read (and locked) with the touch, and with `with_state`
        what they are in the middle of (see `activity`).
        """
        if telegram_id is None:
            params = {"update_id": update_id, "now": now}
            return Arrival((await self._session.execute(CLAIM, params)).first() is not None, None)
        dialect = dialect_of(self._session)
        stmt = claim_and_touch_statement(dialect, with_state=with_state, with_draft=True)
        values = {"update_id": update_id, "now": now, "telegram_id": telegram_id}
        row = (await self._session.execute(stmt, {**values, "language": "ko"})).one()
        if not row.is_claimed:
            return Arrival(False, None)
        return Arrival(True, self._remember(row, with_state=with_state, with_draft=True))

    def _remember(self, row: Any, *, with_state: bool, with_draft: bool) -> User:
        user: User = row[0]
        self._by_telegram_id[user.telegram_id] = user
        if with_state:
            state = state_of(row)
            self._states[user.id] = state
            self._faq_contexts[user.id] = (state.faq_entry_id, state.faq_asked_at)
        if with_draft:
            self._comment_windows[user.telegram_id] = bool(row.has_comment_window)
            stored = draft_of(row)
            self._drafts.prime(
                user.id,
                None
                if stored is None
                else DraftRow(
                    user.id, stored.step, stored.data, stored.history, stored.expires_at
                ),
            )
        return user

    def faq_context(self, user_id: int) -> tuple[str | None, datetime | None] | None:
        """The user's FAQ context as read with their touch; None when it was not read."""
        return self._faq_contexts.get(user_id)

    def may_have_comment_window(self, telegram_id: int) -> bool:
        """False when the user was read with no satisfaction comment window set."""
        return self._comment_windows.get(telegram_id, True)

    def set_comment_windows(self, telegram_id: int | None, *, is_set: bool | None) -> None:
        """A window was closed (False) or opened (None: not known any more; every user's
        when `telegram_id` is None)."""
        if telegram_id is None:
            self._comment_windows.clear()
        elif is_set is None:
            self._comment_windows.pop(telegram_id, None)
        else:
            self._comment_windows[telegram_id] = is_set

    def forget_states(self) -> None:
        """After a commit: states read before may have changed meanwhile."""
        self._states.clear()

    async def get_by_telegram_id(self, *, telegram_id: int) -> User | None:
        if telegram_id in self._by_telegram_id:
            return self._by_telegram_id[telegram_id]
        user = await self._one_or_none(select(User).where(User.telegram_id == telegram_id))
        if user is not None:
            self._by_telegram_id[telegram_id] = user
        return user

    async def get(self, *, user_id: int) -> User | None:
        return await self._session.get(User, user_id)

    async def ensure(self, *, telegram_id: int, now: datetime) -> User:
        """The user already touched in this unit of work, or touch it now."""
        cached = self._by_telegram_id.get(telegram_id)
        return cached if cached is not None else await self.touch(telegram_id=telegram_id, now=now)

    async def touch(
        self,
        *,
        telegram_id: int,
        now: datetime,
        language: str = "ko",
        with_state: bool = False,
        with_draft: bool = False,
    ) -> User:
        """Return the user, creating it on first contact; records the time seen."""
        dialect = dialect_of(self._session)
        stmt = touch_statement(dialect, with_state=with_state, with_draft=with_draft)
        params = {"telegram_id": telegram_id, "now": now, "language": language}
        row = (await self._session.execute(stmt, params)).one()
        return self._remember(row, with_state=with_state, with_draft=with_draft)

    async def activity(self, *, user_id: int, now: datetime) -> UserActivity:
        """What a typed message may belong to: as read with the update's claim, or else in
        one query."""
        state = self._states.pop(user_id, None)
        if state is not None:
            return UserActivity(
                state.is_calculating,
                state.is_in_intake,
                state.open_case_id,
                state.is_awaiting_comment,
            )
        open_case = (
            select(Case.id)
            .where(Case.user_id == user_id, Case.stage != Stage.CLOSED)
            .order_by(Case.updated_at.desc(), Case.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        stmt = select(
            exists().where(CalcSession.user_id == user_id, CalcSession.expires_at > now),
            exists().where(IntakeDraft.user_id == user_id, IntakeDraft.expires_at > now),
            open_case,
            exists().where(
                CaseSatisfaction.user_id == user_id, CaseSatisfaction.comment_until > now
            ),
        )
        row = (await self._session.execute(stmt)).one()
        return UserActivity(bool(row[0]), bool(row[1]), row[2], bool(row[3]))

    async def set_blocked(self, *, telegram_id: int, is_blocked: bool) -> None:
        self._by_telegram_id.pop(telegram_id, None)
        self._states.clear()
        await self._session.execute(
            update(User).where(User.telegram_id == telegram_id).values(is_blocked=is_blocked)
        )

    async def delete(self, *, user_id: int) -> None:
        self._by_telegram_id = {k: u for k, u in self._by_telegram_id.items() if u.id != user_id}
        self._states.pop(user_id, None)
        self._faq_contexts.pop(user_id, None)
        await self._session.execute(delete(User).where(User.id == user_id))


class ConsentRepository(Repository):
    async def record(
        self, *, user_id: int, kind: ConsentKind, version: str, granted: bool, now: datetime
    ) -> None:
        values = {
            "user_id": user_id,
            "kind": kind,
            "version": version,
            "granted": granted,
            "created_at": now,
        }
        await self._session.execute(_plain_insert(Consent), values)

    async def latest(self, *, user_id: int, kind: ConsentKind) -> Consent | None:
        stmt = (
            select(Consent)
            .where(Consent.user_id == user_id, Consent.kind == kind)
            .order_by(Consent.created_at.desc(), Consent.id.desc())
            .limit(1)
        )
        return await self._one_or_none(stmt)

    async def has_consent(self, *, user_id: int, kind: ConsentKind, version: str) -> bool:
        latest = await self.latest(user_id=user_id, kind=kind)
        return latest is not None and latest.granted and latest.version == version


@dataclass(frozen=True)
class DraftRow:
    """An intake draft as stored."""

    user_id: int
    step: str
    data: dict[str, Any]
    history: list[str]
    expires_at: datetime


_DRAFT_GET: Final = (
    select(
        IntakeDraft.user_id,
        IntakeDraft.step,
        IntakeDraft.data,
        IntakeDraft.history,
        IntakeDraft.expires_at,
    )
    .where(IntakeDraft.user_id == bindparam("user_id"))
    .with_for_update()
)
_UNKNOWN: Final = object()


@cache
def _draft_upsert(dialect: str) -> Insert:
    table = cast(Table, IntakeDraft.__table__)
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    changed = ("step", "data", "history", "updated_at", "expires_at")
    return stmt.on_conflict_do_update(
        index_elements=[table.c.user_id], set_={c: stmt.excluded[c] for c in changed}
    )


@cache
def _plain_insert(model: type[Any]) -> Insert:
    """A Core INSERT of one row into `model`'s table (no ORM object, no flush)."""
    return insert(cast(Table, model.__table__))


class DraftRepository(Repository):
    """Drafts; the row read (and locked) in this transaction is kept until it changes."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._known: dict[int, Any] = {}  # user id -> DraftRow or None

    def forget(self) -> None:
        """After a commit: the lock is gone, the row must be read again."""
        self._known.clear()

    def prime(self, user_id: int, row: DraftRow | None) -> None:
        """The user's draft as read (and locked) with their touch."""
        self._known[user_id] = row

    async def get(self, *, user_id: int, now: datetime) -> DraftRow | None:
        """The user's draft unless it has expired (locked until the transaction ends)."""
        row = self._known.get(user_id, _UNKNOWN)
        if row is _UNKNOWN:
            found = (await self._session.execute(_DRAFT_GET, {"user_id": user_id})).first()
            row = None if found is None else DraftRow(*found)
            self._known[user_id] = row
        return row if row is not None and row.expires_at > now else None

    async def save(
        self,
        *,
        user_id: int,
        step: str,
        data: dict[str, Any],
        history: list[str],
        now: datetime,
        expires_at: datetime,
    ) -> None:
        values = {
            "user_id": user_id,
            "step": step,
            "data": data,
            "history": history,
            "created_at": now,
            "updated_at": now,
            "expires_at": expires_at,
        }
        await self._session.execute(_draft_upsert(dialect_of(self._session)), values)
        self._known[user_id] = DraftRow(user_id, step, data, history, expires_at)

    async def discard(self, *, user_id: int) -> None:
        await self._session.execute(delete(IntakeDraft).where(IntakeDraft.user_id == user_id))
        self._known[user_id] = None

    async def purge_expired(self, *, now: datetime) -> int:
        self._known.clear()
        result = await self._session.execute(
            delete(IntakeDraft).where(IntakeDraft.expires_at <= now)
        )
        return rowcount(result)


def rowcount(result: Any) -> int:
    """Rows an UPDATE or DELETE touched (0 for results that do not count rows)."""
    return int(result.rowcount) if isinstance(result, CursorResult) else 0


class CaseRepository(Repository):
    async def next_number(self, *, year: int) -> tuple[int, str]:
        """Allocate the next per-year sequence atomically; safe under concurrency."""
        stmt = (
            _insert(self._session, CaseNumberCounter)
            .values(year=year, last_value=1)
            .on_conflict_do_update(
                index_elements=[CaseNumberCounter.year],
                set_={"last_value": CaseNumberCounter.last_value + 1},
            )
            .returning(CaseNumberCounter.last_value)
        )
        seq = int((await self._session.execute(stmt)).scalar_one())
        return seq, f"{year}-{seq:04d}"

    async def create(self, *, year: int, now: datetime, **fields: Any) -> Case:
        seq, number = await self.next_number(year=year)
        case = Case(number=number, year=year, seq=seq, created_at=now, updated_at=now, **fields)
        self._session.add(case)
        await self._session.flush()
        return case

    async def get(self, *, case_id: int) -> Case | None:
        return await self._session.get(Case, case_id)

    async def refresh(self, case: Case) -> None:
        """Reload `case` from the database, after a bulk update changed its row."""
        await self._session.refresh(case)

    async def get_by_number(self, *, number: str) -> Case | None:
        return await self._one_or_none(select(Case).where(Case.number == number))

    async def list_for_user(self, *, user_id: int, open_only: bool = True) -> list[Case]:
        stmt = select(Case).where(Case.user_id == user_id)
        if open_only:
            stmt = stmt.where(Case.stage != Stage.CLOSED)
        return await self._all(stmt.order_by(Case.created_at.desc()))

    async def open_for_user(self, *, user_id: int) -> Case | None:
        """The parent's most recent open case, claimed or not."""
        stmt = (
            select(Case)
            .where(Case.user_id == user_id, Case.stage != Stage.CLOSED)
            .order_by(Case.updated_at.desc(), Case.id.desc())
            .limit(1)
        )
        return await self._one_or_none(stmt)

    async def unclaimed(self, *, limit: int = 50) -> list[Case]:
        stmt = (
            select(Case)
            .where(Case.stage == Stage.NEW, Case.assignee_id.is_(None))
            .order_by(
                (Case.urgency == Urgency.URGENT).desc(),
                Case.next_deadline.asc().nulls_last(),
                Case.created_at.asc(),
            )
            .limit(limit)
        )
        return await self._all(stmt)

    async def open_cases(self) -> list[Case]:
        stmt = select(Case).where(Case.stage != Stage.CLOSED).order_by(Case.created_at)
        return await self._all(stmt)

    async def assigned_to(self, *, staff_id: int) -> list[Case]:
        stmt = (
            select(Case)
            .where(Case.assignee_id == staff_id, Case.stage != Stage.CLOSED)
            .order_by((Case.urgency == Urgency.URGENT).desc(), Case.created_at.asc())
        )
        return await self._all(stmt)

    async def claim(self, *, case_id: int, staff_id: int, now: datetime) -> bool:
        """Assign an unclaimed case; exactly one of several concurrent callers wins."""
        result = await self._session.execute(
            update(Case)
            .where(Case.id == case_id, Case.assignee_id.is_(None), Case.stage != Stage.CLOSED)
            .values(assignee_id=staff_id, stage=Stage.CLAIMED, claimed_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        return rowcount(result) == 1

    async def update_fields(self, *, case_id: int, now: datetime, **fields: Any) -> None:
        await self._session.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(updated_at=now, **fields)
            .execution_options(synchronize_session=False)
        )

    async def add_event(
        self,
        *,
        case_id: int,
        kind: EventKind,
        now: datetime,
        actor_kind: ActorKind = ActorKind.SYSTEM,
        actor_staff_id: int | None = None,
        from_value: str | None = None,
        to_value: str | None = None,
        text: str | None = None,
    ) -> None:
        values = {
            "case_id": case_id,
            "kind": kind,
            "actor_kind": actor_kind,
            "actor_staff_id": actor_staff_id,
            "from_value": from_value,
            "to_value": to_value,
            "text": text,
            "created_at": now,
        }
        await self._session.execute(_plain_insert(CaseEvent), values)

    async def events(self, *, case_id: int) -> list[CaseEvent]:
        stmt = (
            select(CaseEvent)
            .where(CaseEvent.case_id == case_id)
            .order_by(CaseEvent.created_at, CaseEvent.id)
        )
        return await self._all(stmt)

    async def erase_event_texts(self, *, case_id: int) -> None:
        await self._session.execute(
            update(CaseEvent).where(CaseEvent.case_id == case_id).values(text=None)
        )

    async def created_between(self, *, start: datetime, end: datetime) -> list[Case]:
        stmt = (
            select(Case)
            .where(Case.created_at >= start, Case.created_at < end)
            .order_by(Case.created_at)
        )
        return await self._all(stmt)


class RelayRepository(Repository):
    async def add(
        self, *, case_id: int, direction: RelayDirection, now: datetime, **fields: Any
    ) -> RelayMessage:
        message = RelayMessage(case_id=case_id, direction=direction, created_at=now, **fields)
        self._session.add(message)
        await self._session.flush()
        return message

    async def find_by_staff_message(
        self, *, staff_chat_id: int, staff_message_id: int
    ) -> RelayMessage | None:
        stmt = select(RelayMessage).where(
            RelayMessage.staff_chat_id == staff_chat_id,
            RelayMessage.staff_message_id == staff_message_id,
        )
        return await self._one_or_none(stmt)

    async def get(self, *, relay_id: int) -> RelayMessage | None:
        return await self._session.get(RelayMessage, relay_id)

    async def set_staff_message(
        self, *, relay_id: int, staff_chat_id: int, staff_message_id: int
    ) -> None:
        await self._session.execute(
            update(RelayMessage)
            .where(RelayMessage.id == relay_id)
            .values(staff_chat_id=staff_chat_id, staff_message_id=staff_message_id)
        )

    async def set_parent_message(self, *, relay_id: int, parent_message_id: int) -> None:
        await self._session.execute(
            update(RelayMessage)
            .where(RelayMessage.id == relay_id)
            .values(parent_message_id=parent_message_id)
        )

    async def delete(self, *, relay_id: int) -> None:
        await self._session.execute(delete(RelayMessage).where(RelayMessage.id == relay_id))

    async def set_direction(self, *, relay_id: int, direction: RelayDirection) -> None:
        await self._session.execute(
            update(RelayMessage).where(RelayMessage.id == relay_id).values(direction=direction)
        )

    async def set_staff(self, *, relay_id: int, staff_id: int) -> None:
        await self._session.execute(
            update(RelayMessage).where(RelayMessage.id == relay_id).values(staff_id=staff_id)
        )

    async def erase_texts(self, *, case_id: int) -> None:
        await self._session.execute(
            update(RelayMessage).where(RelayMessage.case_id == case_id).values(text=None)
        )

    async def for_case(self, *, case_id: int) -> list[RelayMessage]:
        stmt = (
            select(RelayMessage)
            .where(RelayMessage.case_id == case_id)
            .order_by(RelayMessage.created_at, RelayMessage.id)
        )
        return await self._all(stmt)


class StaffRepository(Repository):
    async def get_active(self, *, telegram_id: int) -> Staff | None:
        stmt = select(Staff).where(Staff.telegram_id == telegram_id, Staff.is_active.is_(True))
        return await self._one_or_none(stmt)

    async def get(self, *, staff_id: int) -> Staff | None:
        return await self._session.get(Staff, staff_id)

    async def get_active_by_username(self, *, username: str) -> Staff | None:
        stmt = select(Staff).where(
            func.lower(Staff.username) == username.lower(), Staff.is_active.is_(True)
        )
        return await self._one_or_none(stmt)

    async def admins(self) -> list[Staff]:
        stmt = select(Staff).where(Staff.role == Role.ADMIN, Staff.is_active.is_(True))
        return await self._all(stmt)

    async def upsert(
        self, *, telegram_id: int, role: Role, now: datetime, display_name: str = ""
    ) -> Staff:
        stmt = (
            _insert(self._session, Staff)
            .values(
                telegram_id=telegram_id,
                role=role,
                display_name=display_name,
                is_active=True,
                created_at=now,
            )
            .on_conflict_do_update(
                index_elements=[Staff.telegram_id], set_={"role": role, "is_active": True}
            )
            .returning(Staff)
            .execution_options(populate_existing=True)
        )
        staff: Staff = (await self._session.scalars(stmt)).one()
        return staff

    async def ensure_admins(self, *, telegram_ids: Sequence[int], now: datetime) -> None:
        """Bootstrap admins from settings without demoting or re-activating anyone else."""
        for telegram_id in telegram_ids:
            stmt = (
                _insert(self._session, Staff)
                .values(
                    telegram_id=telegram_id,
                    role=Role.ADMIN,
                    display_name="",
                    is_active=True,
                    created_at=now,
                )
                .on_conflict_do_update(
                    index_elements=[Staff.telegram_id],
                    set_={"role": Role.ADMIN, "is_active": True},
                )
            )
            await self._session.execute(stmt)

    async def deactivate(self, *, telegram_id: int) -> bool:
        result = await self._session.execute(
            update(Staff)
            .where(Staff.telegram_id == telegram_id, Staff.is_active.is_(True))
            .values(is_active=False)
        )
        return rowcount(result) == 1

    async def list_active(self) -> list[Staff]:
        stmt = select(Staff).where(Staff.is_active.is_(True)).order_by(Staff.role, Staff.id)
        return await self._all(stmt)


class OutboxRepository(Repository):
    async def enqueue(
        self,
        *,
        kind: OutboxKind,
        now: datetime,
        chat_id: int | None = None,
        case_id: int | None = None,
        payload: dict[str, Any] | None = None,
        dedupe_key: str | None = None,
        not_before: datetime | None = None,
    ) -> None:
        stmt = (
            _insert(self._session, OutboxMessage)
            .values(
                kind=kind,
                chat_id=chat_id,
                case_id=case_id,
                payload=payload or {},
                dedupe_key=dedupe_key,
                status=OutboxStatus.PENDING,
                attempts=0,
                next_attempt_at=not_before or now,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=[OutboxMessage.dedupe_key])
        )
        await self._session.execute(stmt)

    async def lease_due(
        self,
        *,
        now: datetime,
        lease_until: datetime,
        limit: int = 20,
        interrupted: set[int] | None = None,
    ) -> list[OutboxMessage]:
        """Take due rows for sending; a lease keeps other workers off them meanwhile.

        The ids of rows whose last lease ran out unfinished (the sender died or hung while
        sending them) are added to `interrupted`: Telegram may have them already.
        """
        stmt = (
            select(OutboxMessage)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.next_attempt_at <= now,
                (OutboxMessage.locked_until.is_(None)) | (OutboxMessage.locked_until <= now),
            )
            .order_by(OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        rows = await self._all(stmt)
        for row in rows:
            if row.locked_until is not None:  # its last lease ran out unfinished
                row.maybe_delivered = True
                if interrupted is not None:
                    interrupted.add(row.id)
            row.locked_until = lease_until
        await self._session.flush()
        return rows

    async def mark_sent(self, *, message_id: int, now: datetime) -> None:
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(status=OutboxStatus.SENT, sent_at=now, locked_until=None)
        )

    async def mark_retry(
        self,
        *,
        message_id: int,
        next_attempt_at: datetime,
        error: str,
        give_up: bool = False,
        maybe_delivered: bool = False,
    ) -> None:
        """`maybe_delivered`: this attempt may have reached Telegram (kept once set)."""
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(
                attempts=OutboxMessage.attempts + 1,
                next_attempt_at=next_attempt_at,
                last_error=error[:255],
                locked_until=None,
                status=OutboxStatus.FAILED if give_up else OutboxStatus.PENDING,
                **({"maybe_delivered": True} if maybe_delivered else {}),
            )
        )

    async def discard_pending_for_chat(self, *, chat_id: int) -> int:
        """Drop notifications not yet sent to a chat (its owner erased their data)."""
        result = await self._session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.chat_id == chat_id, OutboxMessage.status != OutboxStatus.SENT
            )
        )
        return rowcount(result)

    async def pending_count(self) -> int:
        stmt = (
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.PENDING)
        )
        return int((await self._session.execute(stmt)).scalar_one())


class UpdateRepository(Repository):
    async def mark_processed(self, *, update_id: int, now: datetime) -> bool:
        """Record an update id; False when it was seen before."""
        params = {"update_id": update_id, "now": now}
        return (await self._session.execute(CLAIM, params)).first() is not None

    async def max_update_id(self) -> int:
        stmt = select(func.max(ProcessedUpdate.update_id))
        return int((await self._session.execute(stmt)).scalar_one_or_none() or 0)

    async def purge_older_than(self, *, cutoff: datetime) -> int:
        result = await self._session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < cutoff)
        )
        return rowcount(result)


_FEEDBACK_TABLE: Final = cast(Table, FaqFeedback.__table__)
_FEEDBACK_INSERT: Final = insert(_FEEDBACK_TABLE).returning(_FEEDBACK_TABLE.c.id)


class FeedbackRepository(Repository):
    def __init__(self, session: AsyncSession, later: LaterWrites) -> None:
        super().__init__(session)
        self._later = later

    async def add(
        self,
        *,
        entry_id: str,
        is_helpful: bool,
        now: datetime,
        user_id: int | None = None,
        question_masked: str | None = None,
    ) -> int:
        """Store a vote; its id (the 👎 follow-up adds the reason to it)."""
        values = {
            "entry_id": entry_id,
            "is_helpful": is_helpful,
            "user_id": user_id,
            "question_masked": question_masked,
            "created_at": now,
        }
        return int((await self._session.execute(_FEEDBACK_INSERT, values)).scalar_one())

    async def log_answer(self, *, entry_id: str, outcome: str, now: datetime) -> None:
        """Counted for reports; written when the unit of work commits."""
        self._later.add(ANSWERS, entry_id, outcome, now)

    async def counts(self, *, entry_id: str | None = None) -> tuple[int, int]:
        """(helpful, not helpful) counts, optionally for one entry."""
        stmt = select(FaqFeedback.is_helpful, func.count()).group_by(FaqFeedback.is_helpful)
        if entry_id is not None:
            stmt = stmt.where(FaqFeedback.entry_id == entry_id)
        rows = {bool(k): int(v) for k, v in (await self._session.execute(stmt)).all()}
        return int(rows.get(True, 0)), int(rows.get(False, 0))


class UnansweredRepository(Repository):
    async def add(
        self,
        *,
        question_masked: str,
        outcome: str,
        best_ids: list[str],
        score: float,
        now: datetime,
    ) -> None:
        values = {
            "question_masked": question_masked,
            "outcome": outcome,
            "best_ids": best_ids,
            "score": score,
            "is_reviewed": False,
            "created_at": now,
        }
        await self._session.execute(_plain_insert(UnansweredQuestion), values)

    async def recent(
        self, *, limit: int = 20, include_reviewed: bool = False
    ) -> list[UnansweredQuestion]:
        stmt = select(UnansweredQuestion)
        if not include_reviewed:
            stmt = stmt.where(UnansweredQuestion.is_reviewed.is_(False))
        return await self._all(
            stmt.order_by(
                UnansweredQuestion.created_at.desc(), UnansweredQuestion.id.desc()
            ).limit(limit)
        )

    async def mark_reviewed(self, *, question_id: int) -> None:
        await self._session.execute(
            update(UnansweredQuestion)
            .where(UnansweredQuestion.id == question_id)
            .values(is_reviewed=True)
        )


class SentMessageRepository(Repository):
    def __init__(self, session: AsyncSession, later: LaterWrites) -> None:
        super().__init__(session)
        self._later = later

    async def record(self, *, chat_id: int, message_ids: list[int], now: datetime) -> None:
        rows = [{"chat_id": chat_id, "message_id": m, "sent_at": now} for m in message_ids]
        await self._session.execute(_plain_insert(SentMessage), rows)

    def record_later(self, *, chat_id: int, message_id: int, now: datetime) -> None:
        """Record a message when the unit of work commits."""
        self._later.add(SENT, chat_id, message_id, now)

    async def since(self, *, chat_id: int, since: datetime) -> list[int]:
        stmt = (
            select(SentMessage.message_id)
            .where(SentMessage.chat_id == chat_id, SentMessage.sent_at >= since)
            .order_by(SentMessage.message_id)
        )
        return [int(m) for m in (await self._session.execute(stmt)).scalars().all()]

    async def forget(self, *, chat_id: int) -> None:
        await self._session.execute(delete(SentMessage).where(SentMessage.chat_id == chat_id))

    async def purge_older_than(self, *, cutoff: datetime) -> int:
        result = await self._session.execute(
            delete(SentMessage).where(SentMessage.sent_at < cutoff)
        )
        return rowcount(result)


class DocumentRepository(Repository):
    async def add(self, *, case_id: int, now: datetime, **fields: Any) -> CaseDocument:
        document = CaseDocument(case_id=case_id, created_at=now, **fields)
        self._session.add(document)
        await self._session.flush()
        return document

    async def get(self, *, document_id: int) -> CaseDocument | None:
        return await self._session.get(CaseDocument, document_id)

    async def for_case(self, *, case_id: int) -> list[CaseDocument]:
        stmt = (
            select(CaseDocument).where(CaseDocument.case_id == case_id).order_by(CaseDocument.id)
        )
        return await self._all(stmt)

    async def delete_for_case(self, *, case_id: int) -> int:
        result = await self._session.execute(
            delete(CaseDocument).where(CaseDocument.case_id == case_id)
        )
        return rowcount(result)


class FaqContextRepository(Repository):
    """One row per user; written when the unit of work commits."""

    def __init__(self, session: AsyncSession, later: LaterWrites, users: UserRepository) -> None:
        super().__init__(session)
        self._later = later
        self._users = users

    async def recent(self, *, user_id: int, since: datetime) -> str | None:
        """The entry id of the user's last FAQ question, if asked after `since`."""
        known = self._later.faq_context(user_id) or self._users.faq_context(user_id)
        if known is not None:
            entry_id, asked_at = known
            return entry_id if asked_at is not None and asked_at > since else None
        stmt = select(FaqContext.entry_id).where(
            FaqContext.user_id == user_id, FaqContext.asked_at > since
        )
        found = (await self._session.execute(stmt)).scalar_one_or_none()
        return None if found is None else str(found)

    async def remember(self, *, user_id: int, entry_id: str, now: datetime) -> None:
        self._later.add(CONTEXTS, user_id, entry_id, now)


class CalcSessionRepository(Repository):
    async def get(self, *, user_id: int, now: datetime) -> CalcSession | None:
        """The user's calculator dialog unless it has expired."""
        stmt = select(CalcSession).where(
            CalcSession.user_id == user_id, CalcSession.expires_at > now
        )
        return await self._one_or_none(stmt)

    async def save(
        self,
        *,
        user_id: int,
        kind: str,
        step: str,
        data: dict[str, Any],
        now: datetime,
        expires_at: datetime,
    ) -> None:
        stmt = (
            _insert(self._session, CalcSession)
            .values(
                user_id=user_id,
                kind=kind,
                step=step,
                data=data,
                updated_at=now,
                expires_at=expires_at,
            )
            .on_conflict_do_update(
                index_elements=[CalcSession.user_id],
                set_={
                    "kind": kind,
                    "step": step,
                    "data": data,
                    "updated_at": now,
                    "expires_at": expires_at,
                },
            )
        )
        await self._session.execute(stmt)

    async def discard(self, *, user_id: int) -> None:
        await self._session.execute(delete(CalcSession).where(CalcSession.user_id == user_id))

    async def purge_expired(self, *, now: datetime) -> int:
        result = await self._session.execute(
            delete(CalcSession).where(CalcSession.expires_at <= now)
        )
        return rowcount(result)
