"""A yes/no confirmation as a one-step flow: nothing is stored, the button carries the answer."""

from __future__ import annotations

from typing import Final

from bot.dialog.steps import Choice, Flow, Step, buttons, fixed

CONFIRM_STEP: Final = "confirm"
YES: Final = "yes"
NO: Final = "no"

Confirmation = Flow[bool]


def confirmation(question: str, *, yes: str, no: str, choose_button: str = "") -> Confirmation:
    """Ask `question` with a `yes` and a `no` button; the answer is whether yes was pressed."""
    step: Step[bool] = Step(
        fixed(question),
        buttons([Choice(YES, yes), Choice(NO, no)]),
        read_choice=lambda value, _data: value == YES,
    )
    return Flow(
        steps={CONFIRM_STEP: step},
        order=lambda _data: (CONFIRM_STEP,),
        assign=lambda data, _step, _value: data,
        choose_button=choose_button,
    )
