"""A step dialog as a table: each `Step` says what to ask, which buttons to offer and how an
answer changes the answers so far; a `Flow` walks the table. Nothing here holds state: the
answers go in and come out, so the same flow serves every user and every worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

D = TypeVar("D")


class InvalidAnswer(ValueError):
    """An answer the user has to give again; `message` is shown to them as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Choice:
    """One button: the value stored (and sent back in the callback data) and its label."""

    value: str
    label: str


@dataclass(frozen=True)
class Prompt:
    """The question of one step, as the user sees it."""

    step: str
    text: str
    choices: list[Choice] = field(default_factory=list)
    accepts_text: bool = False


TextReader = Callable[[str, D, date], D]
ChoiceReader = Callable[[str, D], D]


def no_choices(_data: object) -> list[Choice]:
    return []


@dataclass(frozen=True)
class Step(Generic[D]):
    """One question: its text and buttons for the answers so far, and how answers are read.

    `read_text` None: buttons only. `read_choice` None: the flow's `assign` stores the
    button's value under the step's name. `when` None: always asked. `then` None: the next
    step in the flow's order that applies; otherwise it names the next step itself (a loop,
    or None to finish).
    """

    question: Callable[[D], str]
    choices: Callable[[D], list[Choice]] = no_choices
    read_text: TextReader[D] | None = None
    read_choice: ChoiceReader[D] | None = None
    when: Callable[[D], bool] | None = None
    then: Callable[[D], str | None] | None = None


def fixed(text: str) -> Callable[[object], str]:
    """A question whose text does not depend on the answers."""
    return lambda _data: text


def buttons(choices: list[Choice]) -> Callable[[object], list[Choice]]:
    """Buttons that do not depend on the answers."""
    return lambda _data: choices


def label(choices: Sequence[Choice], value: object) -> str:
    """The label of the choice with `value`, or '-'."""
    return next((c.label for c in choices if c.value == value), "-")


@dataclass(frozen=True)
class Flow(Generic[D]):
    """A dialog's table of steps and the order they are asked in.

    Args:
        steps: every step by name.
        order: the steps in asking order for the answers so far (a step's `when` may still
            skip it).
        assign: stores a button's value under a step's name, for steps without `read_choice`.
        choose_button: the message for text typed where only buttons are read, or a button
            that is not offered.
        typed_labels: whether typing a button's label at a buttons-only step counts as
            pressing it.
        summary: the step that shows all answers before they are used, if any; an edit from
            there comes back to it.
    """

    steps: Mapping[str, Step[D]]
    order: Callable[[D], Sequence[str]]
    assign: Callable[[D, str, str], D]
    choose_button: str
    typed_labels: bool = False
    summary: str | None = None

    def first_step(self, data: D) -> str:
        """The first step that applies to these answers."""
        order = self.order(data)
        return next((s for s in order if self._applies(s, data)), order[0])

    def next_step(self, step: str, data: D) -> str | None:
        """The step after `step` for these answers; None when the dialog is complete."""
        spec = self.steps[step]
        if spec.then is not None:
            return spec.then(data)
        order = self.order(data)
        following = order[order.index(step) + 1 :] if step in order else []
        return next((s for s in following if self._applies(s, data)), None)

    def prompt(self, step: str, data: D) -> Prompt:
        """The question for `step`."""
        spec = self.steps[step]
        return Prompt(step, spec.question(data), spec.choices(data), spec.read_text is not None)

    def accept_choice(self, step: str, value: str, data: D) -> D:
        """New answers after a button press; InvalidAnswer for a value not offered."""
        spec = self.steps[step]
        if value not in {c.value for c in spec.choices(data)}:
            raise InvalidAnswer(self.choose_button)
        if spec.read_choice is not None:
            return spec.read_choice(value, data)
        return self.assign(data, step, value)

    def accept_text(self, step: str, text: str, data: D, today: date) -> D:
        """New answers after a typed reply; InvalidAnswer with the message to show."""
        spec = self.steps[step]
        if spec.read_text is not None:
            return spec.read_text(text, data, today)
        if self.typed_labels:
            typed = " ".join(text.split())
            for choice in spec.choices(data):
                if typed in (choice.label, choice.value):
                    return self.accept_choice(step, choice.value, data)
        raise InvalidAnswer(self.choose_button)

    def _applies(self, step: str, data: D) -> bool:
        condition = self.steps[step].when
        return condition is None or condition(data)
