"""The routing decision over every combination of what a typed message may meet."""

from __future__ import annotations

import itertools
from dataclasses import fields

import pytest

from bot.routing import Route, Situation, Verdict, route

FLAGS = [f.name for f in fields(Situation)]
EVERY_SITUATION = [
    Situation(**dict(zip(FLAGS, values, strict=True)))
    for values in itertools.product([False, True], repeat=len(FLAGS))
]


@pytest.mark.parametrize(
    ("situation", "verdict"),
    [
        (Situation(), Verdict(Route.FAQ)),
        (Situation(is_crisis=True), Verdict(Route.CONNECT, shows_crisis_help=True)),
        (
            Situation(is_crisis=True, has_open_case=True),
            Verdict(Route.CASE, shows_crisis_help=True, is_urgent=True),
        ),
        (
            Situation(is_crisis=True, is_in_intake=True),
            Verdict(Route.INTAKE, shows_crisis_help=True),
        ),
        (
            Situation(is_crisis=True, is_in_intake=True, has_open_case=True),
            Verdict(Route.CASE, shows_crisis_help=True, is_urgent=True),
        ),
        (
            Situation(is_crisis=True, is_calculating=True),
            Verdict(Route.CONNECT, shows_crisis_help=True),
        ),
        (Situation(is_calculating=True, is_in_intake=True), Verdict(Route.CALCULATOR)),
        (Situation(is_in_intake=True, has_open_case=True), Verdict(Route.INTAKE)),
        (Situation(has_open_case=True), Verdict(Route.CASE)),
        (
            Situation(has_open_case=True, is_clear_faq_question=True),
            Verdict(Route.FAQ_BESIDE_CASE),
        ),
        (Situation(is_clear_faq_question=True), Verdict(Route.FAQ)),
        (Situation(is_staff_reply=True, is_crisis=True), Verdict(Route.STAFF_REPLY)),
        (Situation(is_awaiting_comment=True), Verdict(Route.COMMENT)),
        (Situation(is_awaiting_comment=True, has_open_case=True), Verdict(Route.COMMENT)),
        (Situation(is_awaiting_comment=True, is_calculating=True), Verdict(Route.COMMENT)),
        (
            Situation(is_awaiting_comment=True, is_crisis=True),
            Verdict(Route.CONNECT, shows_crisis_help=True),
        ),
        (
            Situation(is_awaiting_comment=True, is_crisis=True, has_open_case=True),
            Verdict(Route.CASE, shows_crisis_help=True, is_urgent=True),
        ),
    ],
)
def test_the_rules_a_parent_reads(situation: Situation, verdict: Verdict) -> None:
    assert route(situation) == verdict


@pytest.mark.parametrize("situation", EVERY_SITUATION, ids=str)
def test_every_combination_keeps_the_promises(situation: Situation) -> None:
    verdict = route(situation)
    if situation.is_staff_reply:
        assert verdict == Verdict(Route.STAFF_REPLY)
        return
    # Crisis help comes first, whatever else is going on; a person is alerted when one can be.
    assert verdict.shows_crisis_help == situation.is_crisis
    assert verdict.is_urgent == (situation.is_crisis and situation.has_open_case)
    if situation.is_crisis:
        assert verdict.route in (Route.CASE, Route.INTAKE, Route.CONNECT)
    # With a case open, nothing ends at the plain FAQ: the message reaches the case, or the
    # FAQ answers with the offer to pass it on.
    if situation.has_open_case and verdict.route is Route.FAQ:
        pytest.fail("a message with an open case reached nobody")
    # Crisis words are never taken as a satisfaction comment; otherwise the comment the
    # parent was just offered (by pressing a score) is what they write next.
    if situation.is_awaiting_comment:
        assert (verdict.route is Route.COMMENT) == (not situation.is_crisis)
        return
    # A dialog being filled in takes the text before the case does (crisis aside).
    if not situation.is_crisis and (situation.is_calculating or situation.is_in_intake):
        assert verdict.route in (Route.CALCULATOR, Route.INTAKE)
