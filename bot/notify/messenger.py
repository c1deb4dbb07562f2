"""How the core sends messages without knowing Telegram: a protocol and its errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from storage.models import Case, Staff

Buttons = list[list[tuple[str, str]]]  # rows of (label, callback data)


@dataclass(frozen=True)
class OutgoingMessage:
    chat_id: int
    text: str  # Telegram HTML
    buttons: Buttons = field(default_factory=list)


#: "uncertain": timed out or an ambiguous server error; Telegram may have posted it.
FailureKind = Literal[
    "retry_after", "temporary", "uncertain", "blocked", "chat_missing", "rejected"
]


class DeliveryError(Exception):
    """A message could not be delivered; `kind` says whether trying again may help."""

    def __init__(self, kind: FailureKind, detail: str = "", retry_after: float = 0.0) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind: FailureKind = kind
        self.detail = detail
        self.retry_after = retry_after

    @property
    def is_permanent(self) -> bool:
        return self.kind in ("blocked", "chat_missing", "rejected")


class Messenger(Protocol):
    async def send(self, message: OutgoingMessage) -> int:
        """Send and return the new message id; raises DeliveryError."""
        ...

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> None:
        """Replace a message's text and buttons; raises DeliveryError."""
        ...


class CardRenderer(Protocol):
    """Renders the messages with buttons the outbox sends: the team chat's card for a case,
    and the parent's satisfaction question; used at send time."""

    def team_card(
        self, case: Case, assignee: Staff | None, *, reminder_waiting: str | None = None
    ) -> tuple[str, Buttons]:
        """The card's text (Telegram HTML) and its buttons."""
        ...

    def satisfaction_question(self, case: Case) -> tuple[str, Buttons]:
        """The question after `case` closed (Telegram HTML) and its score buttons."""
        ...
