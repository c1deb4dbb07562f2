"""SQLAlchemy 2 models: the whole schema, identical on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from bot.vocabulary import (
    ActorKind,
    Channel,
    ConsentKind,
    ContactMethod,
    CurationKind,
    DocumentKind,
    EventKind,
    FeedbackReason,
    OutboxStatus,
    RelayDirection,
    Role,
    Stage,
    Urgency,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetime stored as UTC; refuses naive values."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        converted = value.astimezone(UTC)
        return converted.replace(tzinfo=None) if dialect.name == "sqlite" else converted

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


E = TypeVar("E", bound=StrEnum)


class Word(TypeDecorator[E]):
    """A word of the domain stored as its string; read back as its enum member."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        # Named as the arguments: SQLAlchemy builds the type's cache key from them.
        self.enum = enum
        self.length = length

    def process_bind_param(self, value: str | None, _dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, _dialect: Dialect) -> E | None:
        return None if value is None else self.enum(value)


class Base(AsyncAttrs, DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    """A Telegram user who talked to the bot (parent or staff)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    language: Mapped[str] = mapped_column(String(8), default="ko")
    is_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    is_discreet: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Consent(Base):
    """One consent decision (granted or withdrawn) for a versioned consent text."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ConsentKind] = mapped_column(Word(ConsentKind, 16))
    version: Mapped[str] = mapped_column(String(32))
    granted: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class IntakeDraft(Base):
    """The intake in progress; one per user, kept in the database between messages."""

    __tablename__ = "intake_drafts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    step: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    history: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class CaseNumberCounter(Base):
    """Per-year sequence behind case numbers such as 2026-0042."""

    __tablename__ = "case_number_counters"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer)


class Staff(Base):
    """A member of the center's team allowed to use staff commands."""

    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    username: Mapped[str | None] = mapped_column(String(64), index=True)
    role: Mapped[Role] = mapped_column(Word(Role, 16))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Case(Base):
    """A consultation request taken in by the bot."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_cases_year_seq"),
        Index("ix_cases_stage_urgency", "stage", "urgency"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[Channel] = mapped_column(Word(Channel, 16), default=Channel.TELEGRAM)
    topic: Mapped[str] = mapped_column(String(64))
    case_type: Mapped[str] = mapped_column(String(32), default="종합상담")
    urgency: Mapped[Urgency] = mapped_column(Word(Urgency, 8), default=Urgency.NORMAL)
    urgency_reason: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[Stage] = mapped_column(Word(Stage, 16), default=Stage.NEW)
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), index=True
    )
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[str] = mapped_column(Text, default="")
    contact_method: Mapped[ContactMethod] = mapped_column(
        Word(ContactMethod, 16), default=ContactMethod.TELEGRAM
    )
    contact_value: Mapped[str | None] = mapped_column(String(128))
    result: Mapped[str | None] = mapped_column(Text)
    is_parent_unreachable: Mapped[bool] = mapped_column(Boolean, default=False)
    team_card_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    team_card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    next_deadline: Mapped[date | None] = mapped_column(Date, index=True)
    is_anonymized: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    first_reply_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CaseEvent(Base):
    """Audit trail: who did what to a case, and when."""

    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    actor_kind: Mapped[ActorKind] = mapped_column(Word(ActorKind, 16))
    actor_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    kind: Mapped[EventKind] = mapped_column(Word(EventKind, 32))
    from_value: Mapped[str | None] = mapped_column(String(64))
    to_value: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RelayMessage(Base):
    """A message relayed between a parent and staff, with both Telegram message ids."""

    __tablename__ = "relay_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    direction: Mapped[RelayDirection] = mapped_column(Word(RelayDirection, 16))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    text: Mapped[str | None] = mapped_column(Text)
    parent_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    parent_message_id: Mapped[int | None] = mapped_column(BigInteger)
    staff_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    staff_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class OutboxMessage(Base):
    """A notification waiting to be sent, written in the same transaction as its cause."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    # Plain text, not Word: a row of an unknown kind must reach the sender, which marks it
    # failed, instead of breaking every read of the queue.
    kind: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    status: Mapped[OutboxStatus] = mapped_column(
        Word(OutboxStatus, 16), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(String(255))
    # An earlier send may have reached Telegram: a repeat is marked as one.
    maybe_delivered: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ProcessedUpdate(Base):
    """Telegram update ids already handled (idempotency)."""

    __tablename__ = "processed_updates"
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class FaqFeedback(Base):
    """A 👍/👎 on an FAQ answer."""

    __tablename__ = "faq_feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(64), index=True)
    is_helpful: Mapped[bool] = mapped_column(Boolean)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    question_masked: Mapped[str | None] = mapped_column(Text)
    #: The parent's answer to the 👎 follow-up, when they gave one.
    reason: Mapped[FeedbackReason | None] = mapped_column(Word(FeedbackReason, 16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class UnansweredQuestion(Base):
    """A question the FAQ could not answer confidently, masked, for staff review."""

    __tablename__ = "unanswered_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    question_masked: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))
    best_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    is_reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class FaqAnswerLog(Base):
    """One FAQ answer given (no text, only the entry id), for reports."""

    __tablename__ = "faq_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(64), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class SentMessage(Base):
    """A message the bot sent to a private chat, so /clear can delete it within 48 hours."""

    __tablename__ = "sent_messages"
    __table_args__ = (Index("ix_sent_messages_chat", "chat_id", "sent_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CaseDocument(Base):
    """A file a parent sent for their case: Telegram's file id and metadata, never the bytes."""

    __tablename__ = "case_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[str] = mapped_column(String(255))
    file_unique_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[DocumentKind] = mapped_column(Word(DocumentKind, 16))
    file_name: Mapped[str | None] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(100))
    file_size: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class FaqContext(Base):
    """The entry a parent's last FAQ question was about, so a short follow-up
    ("급여는요?") is read with it; only an entry id and a time, one row per user."""

    __tablename__ = "faq_contexts"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    entry_id: Mapped[str] = mapped_column(String(64))
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CalcSession(Base):
    """A calculator dialog in progress (one per user), kept in the database like intakes."""

    __tablename__ = "calc_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class FaqAcceptance(Base):
    """A staff decision on asked questions: a variant line written into an FAQ file (with
    the exact line, so it can be undone) or a request for a new entry."""

    __tablename__ = "faq_acceptances"
    __table_args__ = (Index("ix_faq_acceptances_staff", "staff_id", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[CurationKind] = mapped_column(Word(CurationKind, 16))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    entry_id: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(String(255))
    line_number: Mapped[int | None] = mapped_column(Integer)
    #: The line as written into the file (indentation included), for the log and undo.
    line: Mapped[str | None] = mapped_column(Text)
    question_masked: Mapped[str] = mapped_column(Text)
    question_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CaseSatisfaction(Base):
    """The one question a parent is asked when their case closes: how helpful the
    counseling was (1–5), and an optional comment, stored masked."""

    __tablename__ = "case_satisfaction"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    #: The parent who may answer; None once they erased their data.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    score: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime())
    #: When the score was first given; reports count it in that month.
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    #: The parent's next text until then is the comment (set by a score, cleared by
    #: the comment, 괜찮아요, a command, another button or crisis words).
    comment_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    commented_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
