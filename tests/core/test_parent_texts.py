"""Parent-facing texts speak in one voice: facts, never research notes about the facts.

What still needs an official check lives in staff-only `review:` notes; a parent reads the fact
and at most the standard line pointing to ☎1350 / 고용24. This test reads every text a parent
can see: each FAQ answer and question (all dated versions), the center card, the crisis message,
the legal bases, link titles and button labels under them, every rule-table note the
calculators print, and the string constants of the bot's text modules.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import pytest

from bot import texts as bot_texts
from bot.calc import load_rules
from bot.calc import render as calc_render
from bot.calc import texts as calc_texts
from bot.knowledge import load_knowledge_base

REAL_FAQ = Path(__file__).resolve().parents[2] / "faq"

#: Research hedges and their kin: doubts about the center's own sources, not about the parent.
HEDGES: Final = re.compile(
    "|".join(
        [
            r"확인하지\s*못",
            r"확인되지\s*않",
            r"확인이\s*(?:더\s*)?필요",
            r"확인\s*필요",
            r"확인\s*중",
            r"미확인",
            r"원문",
            r"2차\s*자료",
            r"운영\s*보고서",
            r"\d{4}년\s*기준\s*번호",
            r"보도\s*(?:기준|마다)",
            r"확실하지\s*않",
            r"알려져\s*있",
            r"것으로\s*보이",
            r"안내되고\s*있지만",
            r"안내돼\s*왔",
            r"단정할\s*수\s*없",
            r"한\s*번\s*더\s*확인",
            r"팩트시트",
        ]
    )
)


#: Verdicts about the parent's own case (tenure, contract: "확인이 필요해요" = check your dates),
#: not doubts about the center's sources.
OWN_CASE_VERDICTS: Final = frozenset({"VERDICT", "STATUS"})


def _module_strings(module: object) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in vars(module).items():
        if name in OWN_CASE_VERDICTS:
            continue
        if name.isupper() and isinstance(value, str):
            found[name] = value
        elif name.isupper() and isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str):
                    found[f"{name}[{key}]"] = item
    return found


def parent_texts() -> dict[str, str]:
    """Every parent-facing text, keyed by where it comes from."""
    knowledge = load_knowledge_base(REAL_FAQ)
    found: dict[str, str] = {}
    for index, entry in enumerate(knowledge.entries):
        found[f"faq {entry.id} #{index} question"] = entry.question
        found[f"faq {entry.id} #{index} answer"] = entry.answer
        for number, basis in enumerate(entry.legal_basis):
            found[f"faq {entry.id} #{index} legal_basis {number}"] = basis
        for number, link in enumerate(entry.links):
            found[f"faq {entry.id} #{index} link {number}"] = link.title
        if entry.label:
            found[f"faq {entry.id} #{index} label"] = entry.label
    center = knowledge.center
    assert center is not None
    for field in ("name", "address", "website", "hours", "reply_time", "notice"):
        found[f"center.{field}"] = str(getattr(center, field))
    found["safety.message"] = knowledge.safety.message
    rules = load_rules(REAL_FAQ)
    for field in vars(rules):
        series = getattr(rules, field)
        for row in series.rows:
            found[f"rule {series.id} {row.valid_from} note"] = row.note
            found[f"rule {series.id} {row.valid_from} legal_basis"] = row.legal_basis
    for prefix, module in (
        ("texts", bot_texts),
        ("calc.texts", calc_texts),
        ("calc", calc_render),
    ):
        for name, value in _module_strings(module).items():
            found[f"{prefix}.{name}"] = value
    return found


def test_the_scan_covers_every_kind_of_text() -> None:
    keys = parent_texts()
    assert sum(key.endswith(" answer") for key in keys) >= 47
    assert any(key.startswith("rule parental-leave ") for key in keys)
    assert "texts.FAQ_NONE" in keys
    assert "center.notice" in keys


def test_no_parent_text_carries_a_research_hedge() -> None:
    offenders = {
        where: match.group(0)
        for where, text in parent_texts().items()
        if (match := HEDGES.search(text)) is not None
    }
    assert offenders == {}


@pytest.mark.parametrize(
    "hedge",
    [
        "공식 확인이 더 필요해요",
        "서북권 센터의 현재 연락처는 확인하지 못했어요",
        "공식 고시 원문으로는 아직 확인하지 못했으니",
        "2차 자료와 계산식으로만 확인했어요(시행령 원문 미확인)",
        "주소와 전화번호는 2022년 운영보고서 기준이에요",
        "02-335-0101, 2022년 기준 번호",
        "금액은 보도마다 달라 확인이 필요해요",
        "운영 중인 것으로 보이지만",
    ],
)
def test_the_hedge_pattern_catches_the_audited_phrases(hedge: str) -> None:
    assert HEDGES.search(hedge) is not None


def test_the_standard_line_and_plain_pointers_are_allowed() -> None:
    allowed = [
        "내 금액·요건은 고용노동부 고객상담센터(☎1350)나 고용24에서 확인해 주세요.",
        "급여 요건은 고용24에서 확인할 수 있어요.",
        "이직확인서의 퇴사 사유가 '권고사직(회사 사정)'으로 적히는지 확인하세요.",
    ]
    assert [text for text in allowed if HEDGES.search(text)] == []


def test_entries_with_open_questions_carry_a_staff_review_note() -> None:
    knowledge = load_knowledge_base(REAL_FAQ)
    reviewed = {entry.id for entry in knowledge.entries if entry.review}
    # the open figures still to be confirmed stay on the staff side
    assert {"maternity-leave-pay", "spouse-childbirth-leave-pay", "center-contact"} <= reviewed
    rules = load_rules(REAL_FAQ)
    for field in vars(rules):
        for row in getattr(rules, field).rows:
            if row.uncertain:
                assert row.review, (field, row.valid_from)
