"""Masking of personal data in stored questions and in logs."""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Final

_NAME = r"[가-힣]{2,4}?"
# Between the groups of a number: spaces and at most one dash, dot, slash or bracket
# ("010 - 4321 - 8765", "010.4321.8765", "(02) 335-0101").
_SEP = r"\s*\)?\s*[-./·]?\s*"
_PATTERNS: Final[list[tuple[re.Pattern[str], str]]] = [
    # Resident registration numbers (주민등록번호) and foreigner numbers.
    (re.compile(r"(?<!\d)\d{6}\s*-?\s*[1-8]\d{6}(?!\d)"), "[주민번호]"),
    (re.compile(r"[\w.+-]+\s*@\s*[\w-]+(?:\s*\.\s*[\w-]+)+"), "[이메일]"),
    # Mobile numbers, with or without separators, incl. +82.
    (
        re.compile(
            r"(?<!\d)(?:\+?\s*82\s*-?\s*(?:\(0\)\s*)?)?0?1[016789]"
            + _SEP
            + r"\d{3,4}"
            + _SEP
            + r"\d{4}(?!\d)"
        ),
        "[전화번호]",
    ),
    # Landlines: 02-335-0101, (031) 123-4567, 0313334444.
    (re.compile(r"(?<!\d)\(?0\d{1,2}" + _SEP + r"\d{3,4}" + _SEP + r"\d{4}(?!\d)"), "[전화번호]"),
    # Card / account-like long digit runs.
    (re.compile(r"(?<!\d)\d(?:\s*-?\s*\d){11,18}(?!\d)"), "[번호]"),
    # Names: "제 이름은 김민지", "이름: 이영희", "성함은 박지훈"
    (
        re.compile(
            r"((?:이름은|이름\s*:|성함은|성함\s*:)\s*)"
            + _NAME
            + r"(?=이에요|예요|입니다|이고|이며|이라고|라고|[^가-힣]|$)"
        ),
        r"\1[이름]",
    ),
    # Self-introductions: "저는 홍길동이고", "저는 김철수입니다"
    (
        re.compile(
            r"(저는\s*)"
            + _NAME
            + r"(?=(?:이고|이에요|예요|입니다|이라고|라고|이며)(?:[\s,.!?]|$|합니다|해요))"
        ),
        r"\1[이름]",
    ),
]
#: Every kind of dash and the minus sign, read as "-".
_DASHES: Final = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d\u30fc\u2500]")


def normalize_for_masking(text: str) -> str:
    """The text as the masks read it: invisible characters (zero-width spaces, joiners,
    soft hyphens, direction marks) removed, NFKC (full-width digits and ＠ become ASCII),
    every dash a "-"."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _DASHES.sub("-", unicodedata.normalize("NFKC", visible))


def mask_pii(text: str) -> str:
    """Replace phone numbers, resident numbers, e-mails and self-introduced names.

    The result is the normalised text: a number written with full-width digits or
    zero-width characters inside is masked like any other.
    """
    masked = normalize_for_masking(text)
    for pattern, replacement in _PATTERNS:
        masked = pattern.sub(replacement, masked)
    return masked


class PiiMaskingFilter(logging.Filter):
    """Masks personal data in every log record that passes through a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        masked = mask_pii(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def mask_contact(value: str | None) -> str:
    """010-1234-5678 → 010-****-5678; name@mail.com → n***@mail.com."""
    if not value:
        return ""
    if "@" in value:
        local, domain = value.split("@", 1)
        return f"{local[:1]}***@{domain}"
    parts = value.split("-")
    if len(parts) == 3:
        return f"{parts[0]}-{'*' * len(parts[1])}-{parts[2]}"
    return value[:3] + "*" * max(len(value) - 5, 0) + value[-2:]
