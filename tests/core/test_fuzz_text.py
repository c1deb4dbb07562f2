"""Arbitrary Unicode through the text pipeline: never an exception, always a sane result."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.account.privacy import mask_pii
from bot.dialog import InvalidAnswer
from bot.intake.parsing import (
    parse_date,
    parse_email,
    parse_phone,
    validate_description,
)
from bot.knowledge import load_knowledge_base
from bot.knowledge.engine import FaqEngine

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)
KOREANISH = st.text(
    alphabet=st.sampled_from(
        [
            *"가나다라마바사아자차카타파하육아휴직출산급여해고임신 ㅋㅠ.,?!0123456789-/",
            *["\u200b", "\u3000", "\ufeff", "😀", "月", "\n"],
        ]
    ),
    max_size=80,
)
ANY_TEXT = st.one_of(st.text(max_size=300), KOREANISH)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine(load_knowledge_base(ROOT / "faq"))


@FUZZ
@given(text=ANY_TEXT)
def test_matcher_never_fails(engine: FaqEngine, text: str) -> None:
    result = engine.match(text, TODAY)
    assert result.outcome in ("answer", "suggestions", "none", "crisis")
    assert len(result.ids) <= 3
    assert result.score >= 0


@FUZZ
@given(text=ANY_TEXT)
def test_date_parser_returns_a_date_or_a_message(text: str) -> None:
    whens: tuple[Literal["past", "future", "any"], ...] = ("past", "future", "any")
    for when in whens:
        refusal = None
        try:
            parsed = parse_date(text, TODAY, when=when)
        except InvalidAnswer as exc:
            refusal = exc.message
        else:
            assert date(2010, 1, 1) <= parsed <= date(2030, 12, 31)
        assert refusal is None or refusal


@FUZZ
@given(text=ANY_TEXT)
def test_contact_parsers_return_normalized_values_or_a_message(text: str) -> None:
    for parser in (parse_phone, parse_email, validate_description):
        refusal = None
        try:
            value = parser(text)
        except InvalidAnswer as exc:
            refusal = exc.message
        else:
            assert value == value.strip()
        assert refusal is None or refusal


@FUZZ
@given(text=ANY_TEXT, digits=st.from_regex(r"010-?\d{4}-?\d{4}", fullmatch=True))
def test_masking_hides_phone_numbers_anywhere(text: str, digits: str) -> None:
    masked = mask_pii(f"{text} {digits} {text}")
    assert digits not in masked
