"""Validation of free-text intake answers: dates, phone numbers, e-mail and the description.

Each parser returns a normalised value or raises `InvalidAnswer`, whose `message` is a short,
kind Korean sentence saying what to type, with an example; the dialog shows it and re-asks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from typing import Final, Literal

from bot.dialog.steps import InvalidAnswer
from bot.intake.dates import add_months, days_in_month

When = Literal["past", "future", "any"]
# Which year a month-day without one means: the next such day (a due date, a leave start),
# the most recent (a hire date, a dismissal that happened), or the most recent unless the
# next is at most `SOON_DAYS` away (a dismissal, which may be announced for the coming weeks).
Lean = Literal["next", "recent", "recent_or_soon"]
SOON_DAYS: Final = 62

MAX_YEARS_BACK: Final = 10
MAX_YEARS_AHEAD: Final = 2
DESCRIPTION_MAX_CHARS: Final = 2000
DESCRIPTION_MIN_CHARS: Final = 10
DESCRIPTION_MIN_WORDS: Final = 2

# User-facing messages. {example} is today's date, which is valid for every `when`.
DATE_UNRECOGNIZED: Final = (
    "날짜를 알아보지 못했어요. {example} 또는 {example_md}처럼 적어 주세요. "
    "정확히 기억나지 않으면 대략적인 날짜도 괜찮아요."
)
DATE_IMPOSSIBLE: Final = "달력에 없는 날짜예요. 월과 일을 한 번 더 확인해 주세요. 예: {example}"
DATE_MUST_BE_PAST: Final = (
    "아직 오지 않은 날짜예요. 이미 지난 날짜를 적어 주세요. 예: {example} 또는 어제"
)
DATE_MUST_BE_FUTURE: Final = (
    "이미 지난 날짜예요. 오늘이나 앞으로 올 날짜를 적어 주세요. 예: {example} 또는 내일"
)
DATE_TOO_OLD: Final = (
    "10년보다 오래된 날짜는 받을 수 없어요. 연도를 한 번 더 확인해 주세요. 예: {example}"
)
DATE_TOO_FAR: Final = (
    "2년보다 먼 날짜는 받을 수 없어요. 연도를 한 번 더 확인해 주세요. 예: {example}"
)
PHONE_INVALID: Final = (
    "전화번호를 알아보지 못했어요. 010-1234-5678처럼 지역번호까지 숫자로 적어 주세요."
)
PHONE_FOREIGN: Final = (
    "국내 전화번호만 받을 수 있어요. 010-1234-5678처럼 적어 주시거나 다른 연락 방법을 골라 주세요."
)
EMAIL_INVALID: Final = (
    "이메일 주소를 알아보지 못했어요. name@example.com처럼 @와 도메인까지 적어 주세요."
)
DESCRIPTION_TOO_SHORT: Final = (
    "어떤 일인지 한두 문장으로 조금만 더 적어 주세요. "
    "예: 육아휴직을 신청했는데 회사에서 안 된다고 했어요."
)
DESCRIPTION_TOO_LONG: Final = (
    "내용은 {limit:,}자까지 보낼 수 있어요. 지금 {length:,}자예요. "
    "중요한 내용 위주로 줄여서 다시 보내 주세요."
)


# Zero-width and invisible formatting characters people paste by accident.
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"))
# Dashes that NFKC leaves alone but phones and IMEs produce between digits.
_DASHES: Final = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


def _normalize(text: str) -> str:
    """NFKC (full-width digits and signs to ASCII), invisible characters gone, spaces single."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_DASHES)
    return re.sub(r"\s+", " ", folded).strip()


# --- dates -----------------------------------------------------------------------------------

_SUFFIXES: Final = re.compile(
    r"(?:\s*(?:\((?:[월화수목금토일](?:요일)?)\)|경|쯤|즈음|입니다|이에요|예요|이요|요|에|\.))+$"
)
_DAY_WORDS: Final = {
    "오늘": 0,
    "금일": 0,
    "어제": -1,
    "어저께": -1,
    "그제": -2,
    "그저께": -2,
    "엊그제": -2,
    "내일": 1,
    "모레": 2,
    "내일모레": 2,
    "낼모레": 2,
    "글피": 3,
}
_COUNT_WORDS: Final = {
    "한": 1,
    "두": 2,
    "세": 3,
    "네": 4,
    "하루": 1,
    "이틀": 2,
    "사흘": 3,
    "나흘": 4,
    "일주일": 1,
}
_YEAR_WORDS: Final = {"재작년": -2, "작년": -1, "지난해": -1, "올해": 0, "금년": 0, "내년": 1}
_PERIOD_WORDS: Final = {"지난": -1, "저번": -1, "이번": 0, "이": 0, "다음": 1}
_WEEKDAYS: Final = "월화수목금토일"

_RELATIVE_COUNT: Final = re.compile(
    r"(?P<n>\d{1,3}|한|두|세|네)\s*(?P<unit>일|주일?|개월|달|년)\s*(?P<dir>전|후|뒤)"
)
_RELATIVE_NAMED: Final = re.compile(r"(?P<word>하루|이틀|사흘|나흘|일주일)\s*(?P<dir>전|후|뒤)")
_RELATIVE_WEEKDAY: Final = re.compile(
    r"(?P<period>지난|저번|이번|다음)\s*주\s*(?P<weekday>[월화수목금토일])(?:요일)?"
)
_RELATIVE_MONTH_DAY: Final = re.compile(
    r"(?P<period>지난|저번|이번|다음|이)\s*달\s*(?:(?P<d>\d{1,2})\s*일|(?P<end>말일?))"
)
_FULL_NUMERIC: Final = re.compile(
    r"(?P<y>\d{4}|\d{2})\s*[./-]\s*(?P<m>\d{1,2})\s*[./-]\s*(?P<d>\d{1,2})"
)
_COMPACT: Final = re.compile(r"(?P<y>\d{4}|\d{2})(?P<m>\d{2})(?P<d>\d{2})")
_KOREAN: Final = re.compile(
    r"(?:(?P<word>재작년|작년|지난해|올해|금년|내년)\s*|(?P<y>\d{4}|\d{2})\s*년\s*)?"
    r"(?P<m>\d{1,2})\s*월\s*(?:(?P<d>\d{1,2})\s*일|(?P<end>말일?))"
)
_MONTH_DAY: Final = re.compile(r"(?P<m>\d{1,2})\s*[./-]\s*(?P<d>\d{1,2})")


def parse_date(text: str, today: date, when: When = "any", lean: Lean | None = None) -> date:
    """Read a date in any common Korean form.

    Accepted: 2026.3.5 · 2026. 3. 5. · 2026-03-05 · 2026/3/5 · 20260305 · 260305 · 26.3.5 ·
    2026년 3월 5일 · 작년 3월 5일 · 3월 5일 · 3월 말 · 3/5 · 3.5 · 오늘 · 어제 · 그저께 · 내일 ·
    모레 · 3일 전 · 2주 전 · 한 달 전 · 3일 후 · 지난주 월요일 · 다음 주 화요일 · 지난달 15일 ·
    지난달 말; full-width digits, spaces and endings such as "요", "쯤", "(목)".

    A month and day without a year follows `lean` (see `Lean`); without one it is this year,
    except that with `when="past"` a day still ahead this year means last year, and with
    `when="future"` a day already gone means next year. `when="past"` rejects days after
    today and `when="future"` days before today (today is fine for both). Days more than 10
    years back or 2 years ahead are rejected.
    """
    cleaned = _SUFFIXES.sub("", _normalize(text))
    lean = lean or _DEFAULT_LEAN.get(when)
    day = _parse_relative(cleaned, today) or _parse_absolute(cleaned, today, lean)
    if day is None:
        raise InvalidAnswer(DATE_UNRECOGNIZED.format(**_examples(today)))
    _check_direction(day, today, when)
    _check_range(day, today)
    return day


_DEFAULT_LEAN: Final[dict[When, Lean]] = {"past": "recent", "future": "next"}


def _examples(today: date) -> dict[str, str]:
    return {
        "example": f"{today.year}.{today.month}.{today.day}",
        "example_md": f"{today.month}월 {today.day}일",
    }


def _parse_relative(text: str, today: date) -> date | None:
    """오늘, 어제, 3일 전, 2주 후, 지난주 월요일, 지난달 15일; None if not relative."""
    if text in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[text])
    for pattern, build in _RELATIVE_BUILDERS:
        match = pattern.fullmatch(text)
        if match:
            return build(match, today)
    return None


def _from_count(match: re.Match[str], today: date) -> date:
    raw = match["n"]
    count = int(raw) if raw.isdigit() else _COUNT_WORDS[raw]
    return _shift(today, count, match["unit"], match["dir"])


def _from_named_count(match: re.Match[str], today: date) -> date:
    word = match["word"]
    unit = "주" if word == "일주일" else "일"
    return _shift(today, _COUNT_WORDS[word], unit, match["dir"])


def _shift(today: date, count: int, unit: str, direction: str) -> date:
    sign = -1 if direction == "전" else 1
    if unit == "일":
        return today + timedelta(days=sign * count)
    if unit.startswith("주"):
        return today + timedelta(weeks=sign * count)
    if unit == "년":
        return add_months(today, sign * 12 * count)
    return add_months(today, sign * count)


def _from_weekday(match: re.Match[str], today: date) -> date:
    """Weeks start on Monday: 지난주 월요일 is the Monday of the previous week."""
    monday = today - timedelta(days=today.weekday())
    offset_weeks = _PERIOD_WORDS[match["period"]]
    return monday + timedelta(weeks=offset_weeks, days=_WEEKDAYS.index(match["weekday"]))


def _from_month_day(match: re.Match[str], today: date) -> date:
    month_start = add_months(today.replace(day=1), _PERIOD_WORDS[match["period"]])
    year, month = month_start.year, month_start.month
    day = days_in_month(year, month) if match["end"] else int(match["d"])
    return _make_date(year, month, day, today)


_RELATIVE_BUILDERS: Final[
    tuple[tuple[re.Pattern[str], Callable[[re.Match[str], date], date]], ...]
] = (
    (_RELATIVE_COUNT, _from_count),
    (_RELATIVE_NAMED, _from_named_count),
    (_RELATIVE_WEEKDAY, _from_weekday),
    (_RELATIVE_MONTH_DAY, _from_month_day),
)


def _parse_absolute(text: str, today: date, lean: Lean | None) -> date | None:
    """Numeric and 년/월/일 forms; None if the text has none of those shapes."""
    for pattern in (_FULL_NUMERIC, _COMPACT):
        match = pattern.fullmatch(text)
        if match:
            return _make_date(_full_year(match["y"]), int(match["m"]), int(match["d"]), today)
    match = _KOREAN.fullmatch(text)
    if match and (match["y"] or match["word"]):
        year = _full_year(match["y"]) if match["y"] else today.year + _YEAR_WORDS[match["word"]]
        return _make_date(year, int(match["m"]), _day_of(match, year), today)
    match = match or _MONTH_DAY.fullmatch(text)
    return _month_day(match, today, lean) if match else None


def _day_of(match: re.Match[str], year: int) -> int:
    """The day number, or the month's last day for 말 / 말일."""
    if match.groupdict().get("end"):
        return days_in_month(year, int(match["m"])) if 1 <= int(match["m"]) <= 12 else 0
    return int(match["d"])


def _month_day(match: re.Match[str], today: date, lean: Lean | None) -> date:
    """A month-day without a year, in the year `lean` says (this year without one)."""
    month = int(match["m"])
    if lean is None:
        return _make_date(today.year, month, _day_of(match, today.year), today)
    found = [
        day
        for year in range(today.year - 4, today.year + 5)  # always holds a leap year
        if (day := _valid_date(year, month, _day_of(match, year))) is not None
    ]
    if not found:
        raise InvalidAnswer(DATE_IMPOSSIBLE.format(**_examples(today)))
    upcoming = min(day for day in found if day >= today)
    latest = max(day for day in found if day <= today)
    if lean == "recent_or_soon" and (upcoming - today).days <= SOON_DAYS:
        return upcoming
    return upcoming if lean == "next" else latest


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_year(digits: str) -> int:
    """Two-digit years are this century: 26 → 2026."""
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _make_date(year: int, month: int, day: int, today: date) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidAnswer(DATE_IMPOSSIBLE.format(**_examples(today))) from None


def _check_direction(day: date, today: date, when: When) -> None:
    if when == "past" and day > today:
        raise InvalidAnswer(DATE_MUST_BE_PAST.format(**_examples(today)))
    if when == "future" and day < today:
        raise InvalidAnswer(DATE_MUST_BE_FUTURE.format(**_examples(today)))


def _check_range(day: date, today: date) -> None:
    if day < add_months(today, -12 * MAX_YEARS_BACK):
        raise InvalidAnswer(DATE_TOO_OLD.format(**_examples(today)))
    if day > add_months(today, 12 * MAX_YEARS_AHEAD):
        raise InvalidAnswer(DATE_TOO_FAR.format(**_examples(today)))


# --- phone numbers ---------------------------------------------------------------------------

_PHONE_PATTERNS: Final = (
    re.compile(r"(010)(\d{4})(\d{4})"),  # mobile
    re.compile(r"(01[16789])(\d{3,4})(\d{4})"),  # legacy mobile prefixes still in use
    re.compile(r"(02)(\d{3,4})(\d{4})"),  # Seoul
    re.compile(r"(0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4]|70))(\d{3,4})(\d{4})"),  # regions, VoIP 070
    re.compile(r"(1[568]\d{2})(\d{4})"),  # nationwide numbers such as 1588-1234
)


def parse_phone(text: str) -> str:
    """Korean mobile or landline number, normalised with hyphens: 010-1234-5678, 02-335-0101.

    Accepts spaces, dots, hyphens and brackets between digits and the +82 / 82 country code
    (with or without the trunk 0: +82 10-…, +82 (0)10-…); rejects anything else.
    """
    compact = re.sub(r"[\s.()/-]", "", _normalize(text))
    if compact.startswith("+") and not compact.startswith("+82"):
        raise InvalidAnswer(PHONE_FOREIGN)
    if compact.startswith(("+82", "82")):
        compact = "0" + compact.removeprefix("+").removeprefix("82").removeprefix("0")
    for pattern in _PHONE_PATTERNS:
        match = pattern.fullmatch(compact)
        if match:
            return "-".join(match.groups())
    raise InvalidAnswer(PHONE_INVALID)


# --- e-mail ----------------------------------------------------------------------------------

_EMAIL_LOCAL: Final = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
)
_DOMAIN_LABEL: Final = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LEVEL: Final = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")


def parse_email(text: str) -> str:
    """A plausible e-mail address with the domain lowercased (the local part is kept as is).

    Checks the shape only (one @, dotted ASCII domain with a real top-level label, RFC length
    limits); whether the mailbox exists is not knowable here.
    """
    address = _normalize(text).removeprefix("mailto:").rstrip(".")
    if " " in address or address.count("@") != 1:
        raise InvalidAnswer(EMAIL_INVALID)
    local, domain = address.split("@")
    domain = domain.lower()
    if not (_is_local_part(local) and _is_domain(domain)) or len(address) > 254:
        raise InvalidAnswer(EMAIL_INVALID)
    return f"{local}@{domain}"


def _is_local_part(local: str) -> bool:
    return len(local) <= 64 and _EMAIL_LOCAL.fullmatch(local) is not None


def _is_domain(domain: str) -> bool:
    labels = domain.split(".")
    return (
        len(domain) <= 253
        and len(labels) >= 2
        and all(_DOMAIN_LABEL.fullmatch(label) for label in labels)
        and _TOP_LEVEL.fullmatch(labels[-1]) is not None
    )


# --- description -----------------------------------------------------------------------------


def validate_description(text: str) -> str:
    """The parent's own account: trimmed, invisible characters removed, Unicode NFC.

    It must hold at least 10 letters or digits in at least 2 words (emoji, punctuation and
    ㅋㅋ/ㅠㅠ-style jamo do not count) and at most 2,000 characters.
    """
    cleaned = unicodedata.normalize("NFC", text).translate(_INVISIBLE).strip()
    if len(cleaned) > DESCRIPTION_MAX_CHARS:
        raise InvalidAnswer(
            DESCRIPTION_TOO_LONG.format(limit=DESCRIPTION_MAX_CHARS, length=len(cleaned))
        )
    words = [word for word in cleaned.split() if any(map(_is_meaningful, word))]
    letters = sum(map(_is_meaningful, cleaned))
    if letters < DESCRIPTION_MIN_CHARS or len(words) < DESCRIPTION_MIN_WORDS:
        raise InvalidAnswer(DESCRIPTION_TOO_SHORT)
    return cleaned


def _is_meaningful(char: str) -> bool:
    """A letter or digit, but not a bare Hangul jamo or filler (ㅋ, ㅠ, U+3164)."""
    if "\u3131" <= char <= "\u318e" or "\uffa0" <= char <= "\uffdc" or char in "\u115f\u1160":
        return False
    return unicodedata.category(char)[0] in "LN"
