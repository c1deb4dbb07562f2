"""Dated FAQ versions: the day asked picks the rule in force on it (2026 changes, 2027 drafts).

Each change of 2026 has a version for the days before it and one from its first day; the
versions from 2027-01-01 carry the 2026 figures with a staff review note until the new
figures are known.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.knowledge import load_knowledge_base

FAQ = Path(__file__).resolve().parents[2] / "faq"
KNOWLEDGE = load_knowledge_base(FAQ)

# (entry, last day of the old rule, text only before, text only from the next day)
SWITCHES = [
    (
        "short-parental-leave",
        date(2026, 8, 19),
        "단기 육아휴직이 생겨요",
        "단기 육아휴직이 생겼어요",
    ),
    (
        "parental-leave-split",
        date(2026, 8, 19),
        "새로 생기는 1주·2주",
        "8월 20일부터 생긴 1주·2주",
    ),
    (
        "parental-leave-split",
        date(2026, 9, 17),
        "배우자를 돌보려고 남성이 쓰는 육아휴직도 들어가지 않아요",
        "9월 18일부터, 유산·조산 위험이",
    ),
    ("parental-leave-eligibility", date(2026, 9, 17), "쓸 수도 있게 돼요", "쓸 수도 있어요"),
    (
        "parental-leave-application",
        date(2026, 9, 17),
        "배우자 출산휴가를 알릴 때",
        "배우자 출산전후휴가를 알릴 때",
    ),
    ("spouse-childbirth-leave", date(2026, 9, 17), "쓸 수 있게 돼요", "쓸 수 있게 됐어요"),
    ("miscarriage-leave", date(2026, 9, 17), "쓸 수 있게 돼요", "9월 18일 신설"),
    (
        "childcare-reduced-hours",
        date(2026, 9, 17),
        "거부 사유에서 빠져요",
        "거부 사유에서 빠졌어요",
    ),
    (
        "wage-arrears",
        date(2026, 10, 7),
        "5천만 원 이하 벌금으로 무거워져요",
        "처벌이 무거워졌어요",
    ),
    ("wage-arrears", date(2026, 12, 7), "근로감독관이 사실을 조사해요", "노동감독관"),
    ("parental-leave-refused", date(2026, 12, 7), "근로감독관이 사실을 조사해요", "노동감독관"),
    (
        "maternity-leave-pay",
        date(2026, 12, 31),
        "2026년 1월 1일부터 월 220만 원이 상한",
        "월 220만 원(2026년 1월 1일 기준",
    ),
    (
        "unemployment-benefit-childcare",
        date(2026, 12, 31),
        "2026년 1월 1일부터 하루 상한액",
        "68,100원이에요(2026년 1월 1일 기준)",
    ),
]


def _answer(entry_id: str, day: date) -> str:
    entry = KNOWLEDGE.entry(entry_id, day)
    assert entry is not None, (entry_id, day)
    return entry.answer


@pytest.mark.parametrize(("entry_id", "last_old_day", "before", "after"), SWITCHES)
def test_the_day_asked_picks_the_rule_in_force(
    entry_id: str, last_old_day: date, before: str, after: str
) -> None:
    old = _answer(entry_id, last_old_day)
    new = _answer(entry_id, date.fromordinal(last_old_day.toordinal() + 1))
    assert before in old
    assert after not in old
    assert after in new
    assert before not in new


def test_every_entry_is_answered_on_every_day_of_2026_and_2027() -> None:
    """No gap between versions: each id has exactly one version on each day."""
    for ordinal in range(date(2026, 1, 1).toordinal(), date(2027, 12, 31).toordinal() + 1):
        day = date.fromordinal(ordinal)
        on_day = [entry.id for entry in KNOWLEDGE.entries_on(day)]
        assert sorted(on_day) == sorted(KNOWLEDGE.ids), day


def test_2027_versions_with_2026_figures_are_flagged_for_review() -> None:
    drafts = [e for e in KNOWLEDGE.entries if e.valid_from == date(2027, 1, 1)]
    assert {e.id for e in drafts} >= {
        "maternity-leave-pay",
        "premature-birth-leave",
        "spouse-childbirth-leave-pay",
        "childcare-reduced-hours-pay",
        "unemployment-benefit-childcare",
        "miscarriage-leave",
        "employer-subsidies",
    }
    for entry in drafts:
        assert entry.review is not None
        assert entry.review.startswith("2027년 초안"), entry.id


def test_faq_ask_answers_as_of_the_date_given(capsys: pytest.CaptureFixture[str]) -> None:
    question = "임금체불 진정하면 누가 조사해요"
    assert main(["faq", "ask", question, "--faq-dir", str(FAQ), "--date", "2026-12-07"]) == 0
    before = capsys.readouterr().out
    assert main(["faq", "ask", question, "--faq-dir", str(FAQ), "--date", "2026-12-08"]) == 0
    after = capsys.readouterr().out
    assert "wage-arrears" in before
    assert "근로감독관이 사실을 조사해요" in before
    assert "노동감독관(2026년 12월 8일부터 근로감독관의 새 이름)" in after
