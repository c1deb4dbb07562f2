"""What the outbox delivers: one payload model per outbox kind, told apart by `kind`.

A row keeps the kind in its own column and the other fields as its JSON payload, with the
same keys rows had before these models existed, so rows already queued still read.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from bot.vocabulary import OutboxKind


class _Note(BaseModel):
    model_config = ConfigDict(frozen=True)

    def payload(self) -> dict[str, Any]:
        """The JSON stored in outbox.payload: every field but the kind."""
        return self.model_dump(mode="json", exclude={"kind"}, exclude_defaults=True)


class NewCaseCard(_Note):
    """The team card of a case waiting for an assignee (new, or released back)."""

    kind: Literal[OutboxKind.NEW_CASE] = OutboxKind.NEW_CASE
    case_id: int


class ReminderCard(_Note):
    """The team card again, for a case nobody has claimed for too long."""

    kind: Literal[OutboxKind.REMINDER] = OutboxKind.REMINDER
    case_id: int
    waiting: str  # how long it has waited, as shown on the card


class Digest(_Note):
    """The morning summary for the team chat."""

    kind: Literal[OutboxKind.DIGEST] = OutboxKind.DIGEST
    text: str


class ParentMessage(_Note):
    """A parent's message for their case's assignee; the text stays in the relay row."""

    kind: Literal[OutboxKind.PARENT_MESSAGE] = OutboxKind.PARENT_MESSAGE
    relay_id: int
    is_urgent: bool = False  # crisis words: shown as urgent
    assignee_unreachable: bool = False  # the team's copy: the assignee's chat refused it


class ParentNotice(_Note):
    """A short notice about a case (to the parent, or a staff member about a new file)."""

    kind: Literal[OutboxKind.PARENT_NOTICE] = OutboxKind.PARENT_NOTICE
    text: str


class AdminAlert(_Note):
    """Something admins must know about, such as the team chat being unreachable."""

    kind: Literal[OutboxKind.ADMIN_ALERT] = OutboxKind.ADMIN_ALERT
    text: str


class SatisfactionQuestion(_Note):
    """The one satisfaction question to the parent of a case just closed, with its buttons."""

    kind: Literal[OutboxKind.SATISFACTION] = OutboxKind.SATISFACTION
    case_id: int


class CardErased(_Note):
    """Edit a posted team card down to its case number: the parent erased their data."""

    kind: Literal[OutboxKind.CARD_ERASED] = OutboxKind.CARD_ERASED
    message_id: int
    number: str


Note = Annotated[
    NewCaseCard
    | ReminderCard
    | Digest
    | ParentMessage
    | ParentNotice
    | AdminAlert
    | SatisfactionQuestion
    | CardErased,
    Field(discriminator="kind"),
]
Card = NewCaseCard | ReminderCard

_NOTE: Final[TypeAdapter[Note]] = TypeAdapter(Note)


def parse(kind: str, payload: dict[str, Any] | None) -> Note:
    """The note an outbox row holds; raises pydantic.ValidationError when it is malformed."""
    return _NOTE.validate_python({**(payload or {}), "kind": kind})
