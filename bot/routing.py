"""What a typed message is for, decided once from the state it arrives in.

The rules, as a parent would read them:

1. A message that sounds like danger gets the crisis hotlines first, always. If a request is
   open, the message is also added to it and the assignee (or the team, while nobody has
   taken it) is alerted at once. If none is open, the bot offers to connect to the center.
   A satisfaction comment being waited for is not taken from such a message (and no
   longer waited for).
2. Right after a parent scored a closed case and was offered a one-line comment, the
   message is that comment (until a command, another button, or the window ends).
3. While a calculation or a consultation request is being filled in, the message answers
   its current question.
4. A staff member's reply to a relayed message goes to that parent.
5. While a request is open (taken by an attorney or still waiting), a message goes to the
   request and its reader. Only a clear FAQ question is answered by the bot instead, with a
   "노무사에게도 전달" button, so nothing is lost and the FAQ stays at hand.
6. Otherwise the FAQ answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Route(StrEnum):
    CALCULATOR = "calculator"  # the calculator's current question
    INTAKE = "intake"  # the consultation request's current question
    STAFF_REPLY = "staff_reply"  # a staff member answering a relayed message
    CASE = "case"  # added to the open case; its reader is told
    FAQ_BESIDE_CASE = "faq_beside_case"  # the FAQ answers; offer to pass it on to the case
    CONNECT = "connect"  # crisis help, and the offer to connect to the center
    COMMENT = "comment"  # the satisfaction comment the parent was offered
    FAQ = "faq"


@dataclass(frozen=True)
class Situation:
    """What is known when a private text arrives."""

    is_crisis: bool = False
    is_staff_reply: bool = False
    is_calculating: bool = False
    is_in_intake: bool = False
    has_open_case: bool = False
    is_clear_faq_question: bool = False
    is_awaiting_comment: bool = False  # a score was given; the comment is offered


@dataclass(frozen=True)
class Verdict:
    route: Route
    shows_crisis_help: bool = False  # hotlines before anything else
    is_urgent: bool = False  # alert a person now, without waiting for reminders


def route(situation: Situation) -> Verdict:
    """The one decision; the handler only carries it out."""
    s = situation
    if s.is_staff_reply:
        return Verdict(Route.STAFF_REPLY)
    if s.is_crisis:
        where = (
            Route.CASE if s.has_open_case else Route.INTAKE if s.is_in_intake else Route.CONNECT
        )
        return Verdict(where, shows_crisis_help=True, is_urgent=where is Route.CASE)
    if s.is_awaiting_comment:
        return Verdict(Route.COMMENT)
    if s.is_calculating or s.is_in_intake:
        return Verdict(Route.CALCULATOR if s.is_calculating else Route.INTAKE)
    if s.has_open_case:
        return Verdict(Route.FAQ_BESIDE_CASE if s.is_clear_faq_question else Route.CASE)
    return Verdict(Route.FAQ)
