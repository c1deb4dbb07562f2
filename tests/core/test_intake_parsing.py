"""Free-text intake answers: every accepted form and every rejection, table-driven."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from bot.dialog import InvalidAnswer
from bot.intake import parsing
from bot.intake.parsing import (
    When,
    parse_date,
    parse_email,
    parse_phone,
    validate_description,
)

TODAY = date(2026, 11, 25)  # a Wednesday
EXAMPLE = {"example": "2026.11.25", "example_md": "11월 25일"}


def _message(template: str) -> str:
    return template.format(**EXAMPLE)


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026.3.5", date(2026, 3, 5)),
        ("2026. 3. 5.", date(2026, 3, 5)),
        ("2026.03.05", date(2026, 3, 5)),
        ("2026-03-05", date(2026, 3, 5)),
        ("2026/3/5", date(2026, 3, 5)),
        ("20260305", date(2026, 3, 5)),
        ("260305", date(2026, 3, 5)),
        ("26.3.5", date(2026, 3, 5)),
        ("26-03-05", date(2026, 3, 5)),
        ("2026년 3월 5일", date(2026, 3, 5)),
        ("2026년3월5일", date(2026, 3, 5)),
        ("26년 3월 5일", date(2026, 3, 5)),
        ("올해 3월 5일", date(2026, 3, 5)),
        ("작년 12월 1일", date(2025, 12, 1)),
        ("3월 5일", date(2026, 3, 5)),
        ("3/5", date(2026, 3, 5)),
        ("3.5", date(2026, 3, 5)),
        ("3-5", date(2026, 3, 5)),
        ("12/31", date(2026, 12, 31)),
        ("오늘", date(2026, 11, 25)),
        ("금일", date(2026, 11, 25)),
        ("어제", date(2026, 11, 24)),
        ("그저께", date(2026, 11, 23)),
        ("그제", date(2026, 11, 23)),
        ("내일", date(2026, 11, 26)),
        ("모레", date(2026, 11, 27)),
        ("내일모레", date(2026, 11, 27)),
        ("3일 전", date(2026, 11, 22)),
        ("3일전", date(2026, 11, 22)),
        ("하루 전", date(2026, 11, 24)),
        ("이틀 전", date(2026, 11, 23)),
        ("2주 전", date(2026, 11, 11)),
        ("1주일 전", date(2026, 11, 18)),
        ("일주일 전", date(2026, 11, 18)),
        ("한 달 전", date(2026, 10, 25)),
        ("3개월 전", date(2026, 8, 25)),
        ("1년 전", date(2025, 11, 25)),
        ("5일 후", date(2026, 11, 30)),
        ("2주 뒤", date(2026, 12, 9)),
        ("지난주 월요일", date(2026, 11, 16)),
        ("저번 주 금요일", date(2026, 11, 20)),
        ("이번 주 일요일", date(2026, 11, 29)),
        ("다음주 화", date(2026, 12, 1)),
        ("지난달 15일", date(2026, 10, 15)),
        ("다음 달 3일", date(2026, 12, 3)),
    ],
)
def test_parse_date_accepts_common_forms(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("２０２６．３．５", date(2026, 3, 5)),  # full-width digits and dots
        ("３월 ５일", date(2026, 3, 5)),
        ("   2026 . 3 . 5   ", date(2026, 3, 5)),
        ("2026.\u200b3.5", date(2026, 3, 5)),  # zero-width space pasted in
        ("2026\u20133\u20135", date(2026, 3, 5)),  # en dashes
        ("2026.3.5.", date(2026, 3, 5)),
        ("2026.3.5(목)", date(2026, 3, 5)),
        ("3월 5일이요", date(2026, 3, 5)),
        ("3월 5일경", date(2026, 3, 5)),
        ("3월 5일쯤이요", date(2026, 3, 5)),
        ("어제요", date(2026, 11, 24)),
        ("오늘입니다", date(2026, 11, 25)),
        ("3일 전에요", date(2026, 11, 22)),
    ],
)
def test_parse_date_tolerates_noise(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "when", "today", "expected"),
    [
        ("12/25", "any", TODAY, date(2026, 12, 25)),
        ("12/25", "past", TODAY, date(2025, 12, 25)),
        ("12/25", "future", TODAY, date(2026, 12, 25)),
        ("3월 5일", "past", TODAY, date(2026, 3, 5)),
        ("3월 5일", "future", TODAY, date(2027, 3, 5)),
        ("11/25", "past", TODAY, date(2026, 11, 25)),  # today is not the future
        ("11/25", "future", TODAY, date(2026, 11, 25)),  # nor the past
        ("11/26", "past", TODAY, date(2025, 11, 26)),
        ("11/24", "future", TODAY, date(2027, 11, 24)),
        ("12월 31일", "past", date(2027, 1, 2), date(2026, 12, 31)),
        ("1월 3일", "future", date(2026, 12, 30), date(2027, 1, 3)),
        ("2월 29일", "past", date(2029, 1, 10), date(2028, 2, 29)),
        ("2월 29일", "any", date(2028, 3, 1), date(2028, 2, 29)),
    ],
)
def test_parse_date_infers_the_year_from_when(
    text: str, when: When, today: date, expected: date
) -> None:
    assert parse_date(text, today, when=when) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016.11.25", date(2016, 11, 25)),  # exactly 10 years back
        ("2028.11.25", date(2028, 11, 25)),  # exactly 2 years ahead
    ],
)
def test_parse_date_accepts_the_range_limits(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "when", "template"),
    [
        ("2월 30일", "any", parsing.DATE_IMPOSSIBLE),
        ("2026.2.29", "any", parsing.DATE_IMPOSSIBLE),
        ("2월 29일", "any", parsing.DATE_IMPOSSIBLE),  # 2026 is not a leap year
        ("13월 1일", "any", parsing.DATE_IMPOSSIBLE),
        ("0월 5일", "any", parsing.DATE_IMPOSSIBLE),
        ("2026.4.31", "any", parsing.DATE_IMPOSSIBLE),
        ("2026.3.0", "any", parsing.DATE_IMPOSSIBLE),
        ("20261305", "any", parsing.DATE_IMPOSSIBLE),
        ("이번 달 31일", "any", parsing.DATE_IMPOSSIBLE),
        ("내일", "past", parsing.DATE_MUST_BE_PAST),
        ("2026.12.1", "past", parsing.DATE_MUST_BE_PAST),
        ("5일 후", "past", parsing.DATE_MUST_BE_PAST),
        ("어제", "future", parsing.DATE_MUST_BE_FUTURE),
        ("2026.3.5", "future", parsing.DATE_MUST_BE_FUTURE),
        ("지난주 월요일", "future", parsing.DATE_MUST_BE_FUTURE),
        ("2016.11.24", "any", parsing.DATE_TOO_OLD),
        ("1999.1.1", "past", parsing.DATE_TOO_OLD),
        ("11년 전", "any", parsing.DATE_TOO_OLD),
        ("2028.11.26", "any", parsing.DATE_TOO_FAR),
        ("2030.1.1", "future", parsing.DATE_TOO_FAR),
        ("", "any", parsing.DATE_UNRECOGNIZED),
        ("   ", "any", parsing.DATE_UNRECOGNIZED),
        ("abc", "any", parsing.DATE_UNRECOGNIZED),
        ("모르겠어요", "any", parsing.DATE_UNRECOGNIZED),
        ("3월 초", "any", parsing.DATE_UNRECOGNIZED),
        ("2026년 3월", "any", parsing.DATE_UNRECOGNIZED),
        ("2026.3", "any", parsing.DATE_UNRECOGNIZED),
        ("5", "any", parsing.DATE_UNRECOGNIZED),
        ("0305", "any", parsing.DATE_UNRECOGNIZED),
        ("다음주", "any", parsing.DATE_UNRECOGNIZED),
        ("어제 아니면 오늘", "any", parsing.DATE_UNRECOGNIZED),
    ],
)
def test_parse_date_rejects_with_a_reason(text: str, when: When, template: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        parse_date(text, TODAY, when=when)
    assert caught.value.message == _message(template)


def test_date_messages_show_todays_date_as_the_example() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        parse_date("언젠가", date(2027, 1, 9))
    assert "2027.1.9" in caught.value.message
    assert "1월 9일" in caught.value.message


def test_invalid_answer_is_a_value_error_carrying_the_message() -> None:
    error = InvalidAnswer("다시 적어 주세요.")
    assert isinstance(error, ValueError)
    assert error.message == str(error) == "다시 적어 주세요."


# --- phone numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("010-1234-5678", "010-1234-5678"),
        ("01012345678", "010-1234-5678"),
        ("010 1234 5678", "010-1234-5678"),
        ("010.1234.5678", "010-1234-5678"),
        ("(010) 1234-5678", "010-1234-5678"),
        ("  010-1234-5678  ", "010-1234-5678"),
        ("+82 10-1234-5678", "010-1234-5678"),
        ("+821012345678", "010-1234-5678"),
        ("+82 (0)10-1234-5678", "010-1234-5678"),
        ("82-10-1234-5678", "010-1234-5678"),
        ("０１０－１２３４－５６７８", "010-1234-5678"),
        ("010\u20101234\u20105678", "010-1234-5678"),
        ("011-123-4567", "011-123-4567"),
        ("02-335-0101", "02-335-0101"),
        ("02 332 7171", "02-332-7171"),
        ("023350101", "02-335-0101"),
        ("02-1234-5678", "02-1234-5678"),
        ("0212345678", "02-1234-5678"),
        ("+82 2-335-0101", "02-335-0101"),
        ("031-123-4567", "031-123-4567"),
        ("0311234567", "031-123-4567"),
        ("031-1234-5678", "031-1234-5678"),
        ("064-123-4567", "064-123-4567"),
        ("070-1234-5678", "070-1234-5678"),
        ("1588-1234", "1588-1234"),
        ("15881234", "1588-1234"),
        ("1644 1234", "1644-1234"),
        ("1800-1234", "1800-1234"),
    ],
)
def test_parse_phone_normalizes_korean_numbers(text: str, expected: str) -> None:
    assert parse_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", parsing.PHONE_INVALID),
        ("abc", parsing.PHONE_INVALID),
        ("010-1234-567", parsing.PHONE_INVALID),
        ("010-1234-56789", parsing.PHONE_INVALID),
        ("010-123-4567", parsing.PHONE_INVALID),
        ("010-1234-5678-9", parsing.PHONE_INVALID),
        ("010-abcd-5678", parsing.PHONE_INVALID),
        ("010-1234-5678 내선 3", parsing.PHONE_INVALID),
        ("02-123-456", parsing.PHONE_INVALID),
        ("02-1234", parsing.PHONE_INVALID),
        ("335-0101", parsing.PHONE_INVALID),
        ("12345678", parsing.PHONE_INVALID),
        ("1234-5678", parsing.PHONE_INVALID),
        ("030-123-4567", parsing.PHONE_INVALID),
        ("080-123-4567", parsing.PHONE_INVALID),
        ("+1 555 123 4567", parsing.PHONE_FOREIGN),
        ("+44 20 7946 0958", parsing.PHONE_FOREIGN),
    ],
)
def test_parse_phone_rejects(text: str, message: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        parse_phone(text)
    assert caught.value.message == message


# --- e-mail ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mom@naver.com", "mom@naver.com"),
        ("Kim.Mom@Naver.COM", "Kim.Mom@naver.com"),
        ("mom+consult@gmail.com", "mom+consult@gmail.com"),
        ("  mom@daum.net  ", "mom@daum.net"),
        ("mom@daum.net.", "mom@daum.net"),
        ("mailto:mom@daum.net", "mom@daum.net"),
        ("ｍｏｍ＠ｎａｖｅｒ．ｃｏｍ", "mom@naver.com"),
        ("first_last@mail.example.org", "first_last@mail.example.org"),
        ("mom@my-company.co.kr", "mom@my-company.co.kr"),
        ("mom@xn--3e0b707e.kr", "mom@xn--3e0b707e.kr"),
    ],
)
def test_parse_email_accepts_and_lowercases_the_domain(text: str, expected: str) -> None:
    assert parse_email(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "mom",
        "mom@",
        "@naver.com",
        "mom@naver",
        "mom@@naver.com",
        "mom@naver@daum.net",
        "mom@naver..com",
        "mom@.naver.com",
        "mom@-naver.com",
        "mom@naver-.com",
        "mom@naver.c",
        "mom@naver.123",
        "mom @naver.com",
        "mom@naver.com 입니다",
        ".mom@naver.com",
        "mom.@naver.com",
        "mo..m@naver.com",
        "엄마@naver.com",
        "mom@네이버.com",
        "m" * 65 + "@naver.com",
        "mom@" + "a" * 250 + ".com",
    ],
)
def test_parse_email_rejects(text: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        parse_email(text)
    assert caught.value.message == parsing.EMAIL_INVALID


# --- description -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("회사에서 육아휴직을 거절했어요.", "회사에서 육아휴직을 거절했어요."),
        ("  육아휴직 거부당했어요  ", "육아휴직 거부당했어요"),
        ("육아휴직\u200b을 신청했는데\u200d 거절됐어요\ufeff", "육아휴직을 신청했는데 거절됐어요"),
        ("회사에서 해고당했어요 😢😢", "회사에서 해고당했어요 😢😢"),
        ("3월에 복직했는데\n보직이 없어졌어요.", "3월에 복직했는데\n보직이 없어졌어요."),
        ("I was fired today", "I was fired today"),
    ],
)
def test_validate_description_cleans_and_keeps_the_text(text: str, expected: str) -> None:
    assert validate_description(text) == expected


def test_validate_description_composes_decomposed_hangul() -> None:
    decomposed = unicodedata.normalize("NFD", "출산휴가를 쓰고 싶어요 회사가 안 된대요")
    assert validate_description(decomposed) == "출산휴가를 쓰고 싶어요 회사가 안 된대요"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\u200b\u200b\u200b",
        "😢😢😢😢😢😢😢😢😢😢 😢😢",
        "!!!!!!!!!!!! ???",
        "ㅠㅠㅠㅠㅠ ㅠㅠㅠㅠㅠㅠ",
        "ㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋ",
        "\u3164\u3164\u3164\u3164\u3164 \u3164\u3164\u3164\u3164\u3164",  # Hangul filler
        "도와주세요",
        "도움 필요",
        "해고 !!!!!!!!!!!!",
        "육아휴직을거부당했어요",  # one word: at least two are needed
    ],
)
def test_validate_description_rejects_too_little(text: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        validate_description(text)
    assert caught.value.message == parsing.DESCRIPTION_TOO_SHORT


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("가" * 1998 + " 나", 2000),  # exactly the limit
        ("  " + "가나다 " * 500 + "  ", 1999),  # outer spaces are trimmed before counting
        ("가나다라마 바사아자차" + "\u200b" * 3000, 11),  # invisible characters do not count
    ],
)
def test_validate_description_accepts_up_to_the_limit(text: str, length: int) -> None:
    assert len(validate_description(text)) == length


def test_validate_description_rejects_over_the_limit_with_the_length() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        validate_description("가" * 2000 + " 나")
    assert caught.value.message == parsing.DESCRIPTION_TOO_LONG.format(limit=2000, length=2002)
    assert "2,000자" in caught.value.message
    assert "2,002자" in caught.value.message
