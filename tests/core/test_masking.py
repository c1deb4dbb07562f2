"""Masking holds however a number or address is typed: zero-width characters, full-width
digits, spaced separators. Explicit cases, then properties over generated spellings."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.account.privacy import mask_pii, normalize_for_masking

ZWSP = "\u200b"
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f"제 번호는 010{ZWSP}-4321-{ZWSP}8765 이에요", "[전화번호]"),
        (f"제 번호는 0{ZWSP}1{ZWSP}0{ZWSP}4321{ZWSP}8765 이에요", "[전화번호]"),
        (f"연락처 {_fullwidth('010-4321-8765')} 로 주세요", "[전화번호]"),
        ("연락처 ０１０４３２１８７６５", "[전화번호]"),
        ("전화 010 - 4321 - 8765 부탁해요", "[전화번호]"),
        ("전화 010 4321 8765", "[전화번호]"),
        ("전화 010.4321.8765", "[전화번호]"),
        ("전화 010\u20124321\u20148765", "[전화번호]"),  # figure dash, em dash
        ("전화 010\u30004321\u30008765", "[전화번호]"),  # ideographic spaces
        ("전화 +82 10 4321 8765", "[전화번호]"),
        ("전화 +82 (0)10-4321-8765", "[전화번호]"),
        ("회사 (02) 335-0101", "[전화번호]"),
        ("회사 0313334444", "[전화번호]"),
        (f"메일 mom{ZWSP}@naver.com 입니다", "[이메일]"),
        (f"메일 m{ZWSP}o{ZWSP}m.kim@naver{ZWSP}.com", "[이메일]"),
        ("메일 mom＠naver．com", "[이메일]"),
        ("메일 mom @ naver . com", "[이메일]"),
        ("주민번호 900101 - 2345678", "[주민번호]"),
        (f"주민번호 900101{ZWSP}-{ZWSP}2345678", "[주민번호]"),
        (f"주민번호 {_fullwidth('900101-2345678')}", "[주민번호]"),
        ("주민번호 9001012345678", "[주민번호]"),
        ("카드 1234 - 5678 - 9012 - 3456", "[번호]"),
        ("이름：김민지, 해고 문의", "[이름]"),
        (f"제 이름은 김{ZWSP}민지입니다", "[이름]"),
    ],
)
def test_evasive_spellings_are_masked(text: str, shown: str) -> None:
    masked = mask_pii(text)
    assert shown in masked
    assert not any(ch.isdigit() for ch in masked), masked
    assert "민지" not in masked
    assert "naver" not in masked


@pytest.mark.parametrize(
    "text",
    [
        "육아휴직 12개월 250만원 받을 수 있나요?",
        "2026-03-05에 해고됐어요",
        "출산휴가 90일, 다태아는 120일이죠?",
        "1577-0199에 전화해도 되나요",
        "저는 임신 중이에요",
    ],
)
def test_ordinary_questions_are_unchanged(text: str) -> None:
    assert mask_pii(text) == text


def test_invisible_characters_are_removed_and_width_folded() -> None:
    assert normalize_for_masking(f"a{ZWSP}\u200c\u200d\u2060\ufeff\u00ad\u200eb") == "ab"
    assert normalize_for_masking("０１０－１２") == "010-12"


# Text around the secret that holds no digit and no "@" of its own, so any digit or "@"
# left after masking must come from the secret.
_NO_DIGITS = st.text(max_size=40).filter(
    lambda t: not any(ch.isdigit() or ch == "@" for ch in normalize_for_masking(t))
)
_INVISIBLE = st.sampled_from(["", ZWSP, "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
_SEPARATOR = st.sampled_from(
    ["", "-", " - ", " ", "  ", ".", "\u2010", "\u2013", "\u2014", "\u2212", "\uff0d", "\u3000"]
)


def _scatter(draw: st.DrawFn, text: str) -> str:
    """`text` with invisible characters between its characters and maybe full width."""
    if draw(st.booleans()):
        text = _fullwidth(text)
    return "".join(ch + draw(_INVISIBLE) for ch in text)


@st.composite
def _phone(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["010", "011", "016", "017", "019", "02", "031", "064"]))
    middle = draw(st.from_regex(r"[0-9]{3,4}", fullmatch=True))
    last = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    if prefix == "02" and draw(st.booleans()):
        prefix = "(02)"
    parts = [prefix, draw(_SEPARATOR), middle, draw(_SEPARATOR), last]
    return "".join(_scatter(draw, part) for part in parts)


@st.composite
def _email(draw: st.DrawFn) -> str:
    local = draw(st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,15}", fullmatch=True))
    domain = draw(st.from_regex(r"[a-z0-9-]{1,10}\.(com|net|kr|co\.kr)", fullmatch=True))
    at = draw(st.sampled_from(["@", " @ ", "＠"]))
    return _scatter(draw, local) + at + _scatter(draw, domain)


@st.composite
def _resident_number(draw: st.DrawFn) -> str:
    birth = draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
    rest = draw(st.from_regex(r"[1-8][0-9]{6}", fullmatch=True))
    separator = draw(st.sampled_from(["", "-", " - ", "\u2013", "\uff0d"]))
    return _scatter(draw, birth) + separator + _scatter(draw, rest)


def _around(before: str, secret: str, after: str) -> str:
    return f"{before} {secret} {after}"


@FUZZ
@given(before=_NO_DIGITS, phone=_phone(), after=_NO_DIGITS)
def test_no_digit_of_a_phone_number_survives(before: str, phone: str, after: str) -> None:
    masked = mask_pii(_around(before, phone, after))
    assert not any(ch.isdigit() for ch in masked), masked
    assert "[전화번호]" in masked


@FUZZ
@given(before=_NO_DIGITS, number=_resident_number(), after=_NO_DIGITS)
def test_no_digit_of_a_resident_number_survives(before: str, number: str, after: str) -> None:
    masked = mask_pii(_around(before, number, after))
    assert not any(ch.isdigit() for ch in masked), masked


@FUZZ
@given(before=_NO_DIGITS, email=_email(), after=_NO_DIGITS)
def test_no_email_address_survives(before: str, email: str, after: str) -> None:
    masked = mask_pii(_around(before, email, after))
    assert "@" not in masked
    domain = normalize_for_masking(email).rsplit("@", 1)[1].strip()
    assert domain not in masked
    assert "[이메일]" in masked


@FUZZ
@given(text=st.text(max_size=200))
def test_masked_text_is_normalised_and_stable(text: str) -> None:
    masked = mask_pii(text)
    assert unicodedata.is_normalized("NFKC", masked)
    assert not any(unicodedata.category(ch) == "Cf" for ch in masked)
    assert mask_pii(masked) == masked
