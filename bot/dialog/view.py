"""What a dialog shows next, for the handlers to render: a question or the dialog's end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.dialog.steps import Prompt

E = TypeVar("E")


@dataclass(frozen=True)
class DialogView(Generic[E]):
    """The next question (with a notice above it, e.g. why an answer was refused), or the end.

    `ending` is the dialog's own result type (a calculation, a submitted case, ...);
    `crisis_message` is crisis help to show before anything else.
    """

    prompt: Prompt | None = None
    notice: str | None = None
    ending: E | None = None
    crisis_message: str | None = None

    @property
    def is_prompt(self) -> bool:
        return self.prompt is not None and self.ending is None
