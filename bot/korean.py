"""Korean wording helpers: dates as people write them, and the particle after a word."""

from __future__ import annotations

import re
import string
from datetime import date, datetime, tzinfo
from typing import Any, Final

WEEKDAYS: Final = "월화수목금토일"


def korean_date(day: date, *, with_year: bool = True) -> str:
    """2027년 1월 2일(토) (or 1월 2일(토)): the one way a date is shown to parents and staff."""
    shown = f"{day.month}월 {day.day}일({WEEKDAYS[day.weekday()]})"
    return f"{day.year}년 {shown}" if with_year else shown


def korean_date_range(start: date, end: date, *, with_year: bool = True) -> str:
    """2026년 3월 1일~3월 31일: a short span for table rows, no weekdays; the year again only
    when the span crosses one (2026년 12월 1일~2027년 1월 31일). Without year: 3월 1일~3월 31일."""
    first = f"{start.month}월 {start.day}일"
    last = f"{end.month}월 {end.day}일"
    if with_year:
        first = f"{start.year}년 {first}"
        if end.year != start.year:
            last = f"{end.year}년 {last}"
    return f"{first}~{last}"


def korean_datetime(moment: datetime, tz: tzinfo, *, with_year: bool = True) -> str:
    """2026년 11월 25일(수) 10:00, in the center's time zone."""
    local = moment.astimezone(tz)
    return f"{korean_date(local.date(), with_year=with_year)} {local:%H:%M}"


# --- particles (josa) ------------------------------------------------------------------------

# The form after a final consonant, the form after a vowel; 으로/로 also takes 로 after ㄹ.
_PARTICLES: Final[dict[frozenset[str], tuple[str, str]]] = {
    frozenset(pair): pair
    for pair in (
        ("이", "가"),
        ("을", "를"),
        ("은", "는"),
        ("과", "와"),
        ("으로", "로"),
        ("이에요", "예요"),
        ("이라고", "라고"),
        ("이나", "나"),
        ("아", "야"),
    )
}
_RIEUL: Final = 8  # index of ㄹ among the final consonants
# The last sound of a number read in Korean: 일 칠 팔 end in ㄹ; 이 사 오 구 in a vowel.
_DIGIT_ENDINGS: Final = {"1": "l", "7": "l", "8": "l", "2": "", "4": "", "5": "", "9": ""}
# 십 백 천 만(…천만) 억(…천억) end in a consonant; 조(…천조) in a vowel; 경 again a consonant.
_ROUND_VOWEL_ZEROS: Final = range(12, 16)
# Letters read by name: L 엘, R 알 end in ㄹ; M 엠, N 엔 in a consonant; the rest in a vowel.
_LETTER_ENDINGS: Final = {"l": "l", "r": "l", "m": "c", "n": "c"}
_WORD_ENDINGS: Final = {"l": "l", "m": "c", "n": "c", "k": "c", "t": "c", "p": "c", "b": "c"}
_TRAILING_DIGITS: Final = re.compile(r"[\d,]*\d$")


def josa(word: str, particle: str) -> str:
    """`word` with the particle that fits its last sound: josa("2026-0001", "이/가") →
    "2026-0001이" (일), josa("서울", "으로/로") → "서울로", josa("상담", "을/를") → "상담을".

    Digits are read as a number (0001 → 일, 10 → 십, 2000 → 천), capital letters by their
    names, a closing bracket is passed over to the word before it. When the sound cannot be
    told, both forms are shown: "이(가)".
    """
    pair = _PARTICLES.get(frozenset(particle.split("/")))
    if pair is None:
        raise ValueError(f"unknown particle {particle!r}")
    after_consonant, after_vowel = pair
    ending = final_sound(word)
    if ending is None:
        return f"{word}{after_consonant}({after_vowel})"
    if ending == "" or (ending == "l" and after_consonant == "으로"):
        return word + after_vowel
    return word + after_consonant


def final_sound(word: str) -> str | None:
    """How `word` ends when read aloud: "" a vowel, "l" ㄹ, "c" another consonant, None
    unknown."""
    text = _without_trailing_marks(word)
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return "" if final == 0 else "l" if final == _RIEUL else "c"
    digits = _TRAILING_DIGITS.search(text)
    if digits:
        return _number_sound(digits.group(0).replace(",", ""))
    if last.isascii() and last.isalpha():
        return _latin_sound(text)
    return None


def _latin_sound(text: str) -> str | None:
    last = text[-1]
    if last.isupper():
        return _LETTER_ENDINGS.get(last.lower(), "")
    if text.lower().endswith("ng"):
        return "c"
    return _WORD_ENDINGS.get(last)  # "phone", "cafe": spelling does not tell


def _without_trailing_marks(word: str) -> str:
    """Drop closing quotes and punctuation, and a bracketed part at the end: 직원(개인) → 직원."""
    text = word.strip()
    while text:
        if text[-1] in ")]" and ("(" in text or "[" in text):
            text = text[: max(text.rfind("("), text.rfind("["))].rstrip()
        elif text[-1] in "’'\"”」』.!?…~ ":
            text = text[:-1]
        else:
            break
    return text


def _number_sound(digits: str) -> str:
    number = digits.lstrip("0")
    if not number:
        return "c"  # 영
    trimmed = number.rstrip("0")
    zeros = len(number) - len(trimmed)
    if zeros == 0:
        return _DIGIT_ENDINGS.get(trimmed[-1], "c")  # 3 삼, 6 육
    return "" if zeros in _ROUND_VOWEL_ZEROS else "c"


class _ParticleFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if "/" in format_spec:
            return josa(str(value), format_spec)
        return str(super().format_field(value, format_spec))


_FORMATTER: Final = _ParticleFormatter()


def fill(template: str, /, **values: Any) -> str:
    """`str.format` that also picks particles: fill("상담 {number:이/가} 끝났어요", number=…)."""
    return _FORMATTER.format(template, **values)
