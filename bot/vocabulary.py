"""The domain's closed sets of words, as stored in the database.

The bottom layer: this module imports only the standard library, so storage may use it too.
Each member's value is the string kept in its column; a `StrEnum` compares equal to it, so
rows written before these types existed read the same.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """A case's stage in the center's counseling flow (cases.stage)."""

    NEW = "new"  # 접수
    CLAIMED = "claimed"  # 배정
    GENERAL = "general"  # 종합상담
    IN_DEPTH = "in_depth"  # 심층상담
    CONFIRMATION = "confirmation"  # 확인상담
    CLOSE_SUPPORT = "close_support"  # 밀착지원
    CLOSED = "closed"  # 종결


class Role(StrEnum):
    """A staff member's role (staff.role); admins may manage staff and see every case."""

    ADMIN = "admin"  # 관리자
    ATTORNEY = "attorney"  # 노무사
    COUNSELOR = "counselor"  # 상담원


class Urgency(StrEnum):
    """How soon a case needs a person (cases.urgency), computed by triage."""

    URGENT = "urgent"
    NORMAL = "normal"


class EventKind(StrEnum):
    """What happened to a case (case_events.kind): the audit trail."""

    CREATED = "created"
    CLAIMED = "claimed"
    ASSIGNED = "assigned"
    RELEASED = "released"
    STAGE = "stage"
    REFERRAL = "referral"  # to_value holds the referral kind
    NOTE = "note"
    REPLY = "reply"  # staff → parent
    PARENT_MESSAGE = "parent_message"  # parent → staff
    CLOSED = "closed"
    REOPENED = "reopened"
    PARENT_UNREACHABLE = "parent_unreachable"
    CRISIS = "crisis"  # a parent's message with crisis words; a person was alerted


class ActorKind(StrEnum):
    """Who caused a case event (case_events.actor_kind)."""

    PARENT = "parent"
    STAFF = "staff"
    SYSTEM = "system"


class RelayDirection(StrEnum):
    """Which way a relayed message went (relay_messages.direction)."""

    TO_PARENT = "to_parent"
    TO_STAFF = "to_staff"
    HELD = "held"  # a parent's question the bot answered, kept on the case, not sent on


class OutboxKind(StrEnum):
    """What an outbox row delivers (outbox.kind); each has its own payload model."""

    NEW_CASE = "new_case"  # the team card of a new (or released) case
    REMINDER = "reminder"  # the team card again, for a case nobody claimed
    DIGEST = "digest"  # the daily summary for the team chat
    PARENT_MESSAGE = "parent_message"  # a parent's message relayed to the assignee
    PARENT_NOTICE = "parent_notice"  # a notice to a parent about their case
    ADMIN_ALERT = "admin_alert"  # a problem admins should know about
    SATISFACTION = "satisfaction"  # the one satisfaction question after a case closed
    CARD_ERASED = "card_erased"  # a team card edited to drop a parent's erased data


class OutboxStatus(StrEnum):
    """Where an outbox row is in its life (outbox.status)."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class ConsentKind(StrEnum):
    """Which consent a parent gave or withdrew (consents.kind)."""

    PERSONAL = "personal"  # personal data
    SENSITIVE = "sensitive"  # sensitive data (health, family)


class Channel(StrEnum):
    """How a case reached the center (cases.channel); the bot's own is telegram."""

    TELEGRAM = "telegram"
    PHONE = "phone"
    VISIT = "visit"
    WEB = "web"
    EMAIL = "email"


class ContactMethod(StrEnum):
    """How a parent prefers to be contacted (cases.contact_method)."""

    TELEGRAM = "telegram"
    PHONE = "phone"
    EMAIL = "email"


class DocumentKind(StrEnum):
    """What a file a parent sent is (case_documents.kind)."""

    PHOTO = "photo"
    DOCUMENT = "document"


class FeedbackReason(StrEnum):
    """Why a parent found an answer unhelpful (faq_feedback.reason), from the 👎 follow-up."""

    OTHER_QUESTION = "other"  # 다른 질문이었어요
    HARD = "hard"  # 설명이 어려워요
    NOT_MY_CASE = "mine"  # 내 상황과 달라요
    WRONG = "wrong"  # 틀린 내용 같아요


class CurationKind(StrEnum):
    """What staff decided about asked questions (faq_acceptances.kind)."""

    VARIANT = "variant"  # added as an example question of an entry
    NEW_ENTRY = "new_entry"  # the FAQ needs a new entry (for the content team)
