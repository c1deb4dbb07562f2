"""Read and check the rule tables in `faq/rules/*.yaml`, collecting every problem with its line.

Each file is a mapping of series id → `{title, checked_until, rows}`; a series may live in any
file but only once. Checks: known series id, required fields and types (pydantic, per field
line), positive amounts, rates in 0..1, `valid_from` <= `valid_until`, no gap and no overlap
between the rows of a series, month bands contiguous from month 1 with a floor under each
cap, the minimum wage's monthly figure = hourly × 209, and every series present.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from bot.calc.tables import (
    MONTHLY_HOURS,
    SERIES,
    MinimumWageRow,
    ParentalRow,
    RuleBook,
    RuleRow,
    RuleSeries,
)
from bot.knowledge.problems import KnowledgeBaseError, Problem
from bot.knowledge.yaml_source import Located, YamlSyntaxError, read_yaml

RULES_DIR: Final = "rules"
YAML_SUFFIXES: Final = frozenset({".yaml", ".yml"})
SERIES_FIELDS: Final = frozenset({"title", "checked_until", "rows"})
#: Series whose last band must be open-ended (every leave month needs a rate).
OPEN_ENDED_BANDS: Final = frozenset({"parental-leave", "parental-leave-single-parent"})


class RulesError(KnowledgeBaseError):
    """The rule tables could not be loaded; `problems` lists every problem found."""


class _Checked:
    """One series as read: its file, node and the rows that passed validation."""

    def __init__(self, series_id: str, file: str, node: Located) -> None:
        self.id = series_id
        self.file = file
        self.node = node
        self.title = ""
        self.checked_until = date.min  # replaced when the field is present (else a problem)
        self.rows: list[tuple[RuleRow, Located]] = []
        self.has_dropped_rows = False  # a row with problems: its dates are not checked either


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, line: int, message: str, *, unreadable: bool = False) -> None:
        self.problems.append(Problem(file=file, line=line, message=message, unreadable=unreadable))


def check_rules(faq_dir: Path) -> list[Problem]:
    """Every problem in `faq_dir/rules/`, sorted; empty when the tables are fine."""
    out = _Collector()
    _read_all(faq_dir, out)
    return sorted(out.problems)


def load_rules(faq_dir: Path) -> RuleBook:
    """The checked rule tables; `RulesError` with every problem when anything is wrong."""
    out = _Collector()
    series = _read_all(faq_dir, out)
    if out.problems:
        raise RulesError(out.problems)
    fields: dict[str, RuleSeries[Any]] = {}
    for series_id, (_, field) in SERIES.items():
        checked = series[series_id]
        rows = tuple(sorted((row for row, _ in checked.rows), key=lambda r: r.valid_from))
        fields[field] = RuleSeries(series_id, checked.title, checked.checked_until, rows)
    return RuleBook(**fields)


def _read_all(faq_dir: Path, out: _Collector) -> dict[str, _Checked]:
    folder = faq_dir / RULES_DIR
    if not folder.is_dir():
        out.add(RULES_DIR, 0, "rule tables folder not found (the calculators need it)")
        return {}
    found: dict[str, _Checked] = {}
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)
    unreadable = False
    for path in files:
        name = f"{RULES_DIR}/{path.name}"
        try:
            doc = read_yaml(path)
        except YamlSyntaxError as exc:
            out.add(name, exc.line, exc.message, unreadable=True)
            unreadable = True
            continue
        _read_file(name, doc, found, out)
    for series_id in SERIES:
        if series_id not in found and not unreadable:  # it may be in the broken file
            out.add(RULES_DIR, 0, f"series '{series_id}' is missing")
    for checked in found.values():
        if not checked.has_dropped_rows:  # a dropped row would show as a gap
            _check_dates(checked, out)
    return found


def _read_file(name: str, doc: Located, found: dict[str, _Checked], out: _Collector) -> None:
    if not isinstance(doc.value, dict):
        out.add(name, doc.line, "expected a mapping of series id → {title, checked_until, rows}")
        return
    for key in doc.value:
        node = doc.get(str(key))
        if key not in SERIES:
            known = ", ".join(SERIES)
            out.add(name, node.line, f"unknown series '{key}' (known: {known})")
            continue
        if key in found:
            earlier = found[key]
            out.add(
                name,
                node.line,
                f"series '{key}' already defined in {earlier.file}:{earlier.node.line}",
            )
            continue
        checked = _Checked(key, name, node)
        found[key] = checked
        _read_series(checked, out)


def _read_series(checked: _Checked, out: _Collector) -> None:
    node, what = checked.node, f"series '{checked.id}'"
    if not isinstance(node.value, dict):
        out.add(
            checked.file,
            node.line,
            f"{what}: expected a mapping with title, checked_until and rows",
        )
        return
    for key in sorted(set(node.value) - SERIES_FIELDS, key=str):
        out.add(checked.file, node.get(str(key)).line, f"{what}: unknown field '{key}'")
    title = node.get("title")
    if isinstance(title.value, str) and title.value.strip():
        checked.title = title.value.strip()
    else:
        out.add(checked.file, title.line, f"{what}: missing field 'title'")
    until = node.get("checked_until")
    if isinstance(until.value, date):
        checked.checked_until = until.value
    else:
        out.add(checked.file, until.line, f"{what}: missing field 'checked_until' (a date)")
    rows = node.get("rows")
    if not isinstance(rows.value, list) or not rows.value:
        out.add(checked.file, rows.line, f"{what}: rows: missing, empty or not a list")
        return
    model = SERIES[checked.id][0]
    for index, item in enumerate(rows.items):
        label = f"{what} row {index + 1}"
        row = _validate(model, item, checked.file, label, out)
        if row is not None and _check_row(checked, row, item, out, label):
            checked.rows.append((row, item))
        else:
            checked.has_dropped_rows = True


def _validate(
    model: type[RuleRow], node: Located, file: str, what: str, out: _Collector
) -> RuleRow | None:
    if not isinstance(node.value, dict):
        out.add(file, node.line, f"{what}: expected a mapping")
        return None
    try:
        return model.model_validate(node.value)
    except ValidationError as exc:
        for error in exc.errors():
            out.add(file, node.line_at(error["loc"]), _message(what, error))
        return None


_PLAIN: Final = {
    "greater_than": "must be positive",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "less_than": "must be less than {lt}",
}


def _message(what: str, error: Any) -> str:
    loc = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    if kind == "missing":
        return f"{what}: missing field '{loc}'"
    if kind == "extra_forbidden":
        return f"{what}: unknown field '{loc}'"
    if kind in _PLAIN:
        text = _PLAIN[kind].format(**error.get("ctx", {}))
        return f"{what}: '{loc}' {text} (got {error['input']!r})"
    if not loc:
        return f"{what}: {str(error['msg']).removeprefix('Value error, ')}"
    return f"{what}: field '{loc}': {error['msg']}"


def _check_row(checked: _Checked, row: RuleRow, node: Located, out: _Collector, what: str) -> bool:
    """Checks inside one row; False drops the row so that date checks do not pile up."""
    start = len(out.problems)
    if row.valid_until is not None and row.valid_until < row.valid_from:
        out.add(
            checked.file,
            node.get("valid_until").line,
            f"{what}: valid_until {row.valid_until} is before valid_from {row.valid_from}",
        )
    if row.uncertain and row.review is None:
        out.add(
            checked.file,
            node.get("uncertain").line,
            f"{what}: uncertain: true needs a 'review' note for staff (what to check)",
        )
    if isinstance(row, ParentalRow):
        _check_bands(checked, row, node, out, what)
    if isinstance(row, MinimumWageRow) and row.monthly != row.hourly * MONTHLY_HOURS:
        out.add(
            checked.file,
            node.get("monthly").line,
            f"{what}: monthly {row.monthly} is not hourly × {MONTHLY_HOURS} "
            f"({row.hourly * MONTHLY_HOURS})",
        )
    return len(out.problems) == start


def _check_bands(
    checked: _Checked, row: ParentalRow, node: Located, out: _Collector, what: str
) -> None:
    items = node.get("bands").items
    expected = 1
    for index, band in enumerate(row.bands):
        line = items[index].line if index < len(items) else node.line
        if expected == 0:
            out.add(
                checked.file, line, f"{what}: band after an open-ended band (last_month: null)"
            )
            break
        if band.first_month != expected:
            kind = "gap" if band.first_month > expected else "overlap"
            out.add(
                checked.file,
                line,
                f"{what}: bands {kind}: month {expected} expected, "
                f"got first_month {band.first_month}",
            )
        if band.last_month is not None and band.last_month < band.first_month:
            out.add(checked.file, line, f"{what}: last_month before first_month")
        if band.cap < row.floor:
            out.add(checked.file, line, f"{what}: cap {band.cap} is below the floor {row.floor}")
        expected = 0 if band.last_month is None else band.last_month + 1
    if checked.id in OPEN_ENDED_BANDS and row.bands[-1].last_month is not None:
        out.add(
            checked.file,
            items[-1].line if items else node.line,
            f"{what}: the last band needs last_month: null (every leave month needs a rate)",
        )


def _check_dates(checked: _Checked, out: _Collector) -> None:
    """Sorted by valid_from, each row must start the day after the previous one ends."""
    rows = sorted(checked.rows, key=lambda pair: pair[0].valid_from)
    what = f"series '{checked.id}'"
    for (before, _), (after, node) in pairwise(rows):
        line = node.get("valid_from").line
        if before.valid_until is None or after.valid_from <= before.valid_until:
            until = "open-ended" if before.valid_until is None else f"until {before.valid_until}"
            out.add(
                checked.file,
                line,
                f"{what}: overlap: row from {after.valid_from} starts while the row from "
                f"{before.valid_from} ({until}) is in force",
            )
        elif after.valid_from != before.valid_until + timedelta(days=1):
            out.add(
                checked.file,
                line,
                f"{what}: gap: no row in force from "
                f"{before.valid_until + timedelta(days=1)} to "
                f"{after.valid_from - timedelta(days=1)}",
            )
