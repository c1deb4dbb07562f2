"""The staff-edited targets file: loading, goals per period, and checking with lines."""

from __future__ import annotations

import ast
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cases.stages import REFERRAL_KINDS
from bot.reports.metrics import METRICS, REFERRAL_METRICS
from bot.reports.period import Period
from bot.reports.targets import TARGETS_FILE, TargetsError, check_targets, load_targets

ROOT = Path(__file__).resolve().parents[2]
SEOUL = ZoneInfo("Asia/Seoul")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / TARGETS_FILE
    path.write_text(text, encoding="utf-8")
    return path


def _messages(path: Path) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in check_targets(path)]


def test_shipped_targets_are_valid_and_match_the_center_plan() -> None:
    path = ROOT / "faq" / TARGETS_FILE
    assert check_targets(path) == []
    goals = {t.program: t.yearly for t in load_targets(path).items}
    assert goals == {
        "종합상담": 3500,
        "사건대리": 6,
        "심리상담": 10,
        "온라인 상담": 72,
        "돌봄기관 연계": 5,
        "의료지원 연계": 15,
        "상담 접수": None,
        "FAQ 자동 안내": None,
    }


def test_every_referral_kind_has_an_indicator() -> None:
    assert set(REFERRAL_METRICS.values()) == set(REFERRAL_KINDS)
    assert set(REFERRAL_METRICS) <= set(METRICS)


def test_monthly_goal_is_a_twelfth_of_the_yearly() -> None:
    target = load_targets(ROOT / "faq" / TARGETS_FILE).items[0]
    assert target.for_period(Period.for_month(2026, 3, SEOUL)) == Fraction(3500, 12)
    assert target.for_period(Period.for_year(2026, SEOUL)) == Fraction(3500)


def test_by_year_overrides_the_default_goal(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "targets:\n  - metric: representation\n    yearly: 6\n    by_year: {2027: 12}\n"
    )
    [target] = load_targets(path).items
    assert target.yearly_for(2026) == 6
    assert target.for_period(Period.for_month(2027, 1, SEOUL)) == Fraction(1)
    assert (target.program, target.indicator, target.unit) == ("사건대리", "대리 건수", "건")


def test_missing_file_means_no_goals(tmp_path: Path) -> None:
    path = tmp_path / TARGETS_FILE
    assert check_targets(path) == []
    targets = load_targets(path)
    assert [t.metric for t in targets.items] == list(METRICS)
    assert all(t.yearly is None for t in targets.items)


def test_unknown_metric_is_reported_at_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "targets:\n  - metric: general_counseling\n    yearly: 10\n"
        "  - metric: consulting\n    yearly: 6\n",
    )
    [(line, message)] = _messages(path)
    assert line == 4
    assert "unknown metric 'consulting'" in message
    assert "general_counseling" in message


def test_duplicate_metric_is_reported(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "targets:\n  - {metric: medical, yearly: 1}\n  - {metric: medical, yearly: 2}\n"
    )
    assert _messages(path) == [(3, "metric 'medical' is listed twice (first at line 2)")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("-5", "must be a whole number >= 0"),
        ('"3,500"', "must be a whole number >= 0"),
        ("12.5", "must be a whole number >= 0"),
        ("true", "must be a whole number >= 0"),
    ],
)
def test_bad_goal_is_reported(tmp_path: Path, value: str, expected: str) -> None:
    path = _write(tmp_path, f"targets:\n  - metric: medical\n    yearly: {value}\n")
    [(line, message)] = _messages(path)
    assert line == 3
    assert expected in message


def test_missing_goal_and_unknown_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "targets:\n  - metric: medical\n    goal: 15\n")
    assert sorted(_messages(path)) == [
        (2, "target: missing field 'yearly'"),
        (3, "target: unknown field 'goal'"),
    ]


def test_bad_year_in_by_year(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "targets:\n  - metric: medical\n    yearly: 15\n    by_year: {1999: 3}\n"
    )
    [(line, message)] = _messages(path)
    assert line == 4
    assert "1999" in message


def test_yaml_syntax_error_has_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "targets:\n  - metric: medical\n    yearly: [15\n")
    [(line, message)] = _messages(path)
    assert line >= 3
    assert "YAML" in message


def test_wrong_top_level_shape(tmp_path: Path) -> None:
    path = _write(tmp_path, "- metric: medical\n  yearly: 15\n")
    assert _messages(path) == [
        (1, "expected a mapping with one key, 'targets' (a list of indicators)")
    ]


def test_load_raises_with_every_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, "targets:\n  - {metric: x, yearly: 1}\n  - {metric: y, yearly: 2}\n")
    with pytest.raises(TargetsError) as caught:
        load_targets(path)
    assert [p.line for p in caught.value.problems] == [2, 3]
    assert str(caught.value.problems[0]).startswith("targets.yaml:2: ")


def test_targets_module_stays_importable_by_the_faq_checker() -> None:
    """bot.knowledge must stay free of sqlalchemy: the targets check may not pull it in."""
    for name in ("targets.py", "metrics.py", "period.py", "__init__.py"):
        tree = ast.parse((ROOT / "bot" / "reports" / name).read_text(encoding="utf-8"))
        modules = {
            getattr(node, "module", None) or ""
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        modules |= {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        assert not any(
            m.split(".")[0] in {"sqlalchemy", "storage", "telegram"} for m in modules
        ), name
