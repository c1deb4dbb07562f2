"""Yearly targets per indicator, from the staff-edited `faq/targets.yaml`.

This module must stay free of `sqlalchemy` and `telegram`: the FAQ checker imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Final

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from bot.knowledge.problems import Problem
from bot.knowledge.yaml_source import Located, YamlSyntaxError, read_yaml
from bot.reports.metrics import METRICS
from bot.reports.period import MAX_YEAR, MIN_YEAR, Period

TARGETS_FILE: Final = "targets.yaml"
_TEXT_MAX = 40


class TargetsError(Exception):
    """The targets file has problems; `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Target:
    """One row of the KPI table: which indicator, its wording, and its yearly goal."""

    metric: str
    program: str  # 사업명
    indicator: str  # 성과지표
    unit: str
    yearly: int | None  # None: reported without a goal
    by_year: Mapping[int, int] = field(default_factory=dict)

    def yearly_for(self, year: int) -> int | None:
        return self.by_year.get(year, self.yearly)

    def for_period(self, period: Period) -> Fraction | None:
        """The goal for a month (yearly ÷ 12) or a year (the yearly goal), exactly."""
        yearly = self.yearly_for(period.year)
        return None if yearly is None else Fraction(yearly * period.months, 12)


@dataclass(frozen=True)
class Targets:
    items: tuple[Target, ...]

    @classmethod
    def without_goals(cls) -> Targets:
        """Every indicator the bot counts, with no goals: used when there is no file."""
        return cls(
            tuple(Target(m.id, m.program, m.indicator, m.unit, None) for m in METRICS.values())
        )


class _TargetModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    metric: str
    program: str | None = Field(default=None, min_length=1, max_length=_TEXT_MAX)
    indicator: str | None = Field(default=None, min_length=1, max_length=_TEXT_MAX)
    unit: str | None = Field(default=None, min_length=1, max_length=4)
    yearly: Annotated[StrictInt, Field(ge=0)] | None
    by_year: dict[StrictInt, StrictInt] = Field(default_factory=dict)


def check_targets(path: Path) -> list[Problem]:
    """Every problem in the targets file (none when the file does not exist)."""
    if not path.is_file():
        return []
    return _parse(path)[1]


def load_targets(path: Path) -> Targets:
    """The targets in `path`; all indicators without goals when the file does not exist."""
    if not path.is_file():
        return Targets.without_goals()
    targets, problems = _parse(path)
    if problems:
        raise TargetsError(problems)
    return targets


def _parse(path: Path) -> tuple[Targets, list[Problem]]:
    problems: list[Problem] = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(file=path.name, line=line, message=message))

    try:
        doc = read_yaml(path)
    except YamlSyntaxError as exc:
        problems.append(
            Problem(file=path.name, line=exc.line, message=exc.message, unreadable=True)
        )
        return Targets(()), problems
    items = doc.get("targets") if isinstance(doc.value, dict) else None
    if not isinstance(doc.value, dict) or set(doc.value) != {"targets"}:
        add(doc.line, "expected a mapping with one key, 'targets' (a list of indicators)")
    if items is None or not isinstance(items.value, list):
        if items is not None:
            add(items.line, "'targets' must be a list of indicators")
        return Targets(()), problems
    targets: list[Target] = []
    seen: dict[str, int] = {}
    for node in items.items:
        target = _parse_item(node, add)
        if target is None:
            continue
        if target.metric in seen:
            add(
                node.line,
                f"metric '{target.metric}' is listed twice (first at line {seen[target.metric]})",
            )
            continue
        seen[target.metric] = node.line
        targets.append(target)
    return Targets(tuple(targets)), problems


def _parse_item(node: Located, add: Any) -> Target | None:
    if not isinstance(node.value, dict):
        add(node.line, "each target must be a mapping with 'metric' and 'yearly'")
        return None
    try:
        model = _TargetModel.model_validate(node.value)
    except ValidationError as exc:
        for error in exc.errors():
            loc = ".".join(str(part) for part in error["loc"])
            child = node.fields.get(str(error["loc"][0]), node) if error["loc"] else node
            add(child.line, _describe(loc, error))
        return None
    metric = METRICS.get(model.metric)
    if metric is None:
        known = ", ".join(METRICS)
        add(node.get("metric").line, f"unknown metric '{model.metric}' (known: {known})")
        return None
    bad_years = [year for year in model.by_year if not MIN_YEAR <= year <= MAX_YEAR]
    negative = [year for year, goal in model.by_year.items() if goal < 0]
    if bad_years or negative:
        years = ", ".join(str(y) for y in sorted({*bad_years, *negative}))
        add(
            node.get("by_year").line,
            f"by_year: each key must be a year {MIN_YEAR}-{MAX_YEAR}"
            f" and each goal a whole number >= 0 (check {years})",
        )
        return None
    return Target(
        metric=metric.id,
        program=model.program or metric.program,
        indicator=model.indicator or metric.indicator,
        unit=model.unit or metric.unit,
        yearly=model.yearly,
        by_year=dict(model.by_year),
    )


def _describe(loc: str, error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return f"target: missing field '{loc}'"
    if kind == "extra_forbidden":
        return f"target: unknown field '{loc}'"
    if loc.startswith("yearly") and kind in ("int_type", "greater_than_equal"):
        return f"target: field '{loc}': must be a whole number >= 0, or null for no goal"
    return f"target: field '{loc}': {error['msg']}"
