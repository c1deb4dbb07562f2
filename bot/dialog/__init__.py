"""One engine for every step dialog: intake, the calculators and confirmations.

`steps` holds the declarative part (a `Flow` of `Step`s), `engine` keeps a dialog in
progress in the database, `view` is what the handlers render.
"""

from bot.dialog.engine import Completed, Draft, DraftStore, Moved, Notices, Outcome, StepDialog
from bot.dialog.steps import Choice, Flow, InvalidAnswer, Prompt, Step, buttons, fixed, label
from bot.dialog.view import DialogView

__all__ = [
    "Choice",
    "Completed",
    "DialogView",
    "Draft",
    "DraftStore",
    "Flow",
    "InvalidAnswer",
    "Moved",
    "Notices",
    "Outcome",
    "Prompt",
    "Step",
    "StepDialog",
    "buttons",
    "fixed",
    "label",
]
