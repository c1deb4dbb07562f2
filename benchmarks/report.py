"""Medians over runs, and the printed tables."""

from __future__ import annotations

import statistics
from typing import Any

from benchmarks.common import VERBS

SECTIONS = ("postgresql", "sqlite")
TITLES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def aggregate(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each number's median over `runs`, with its [min, max] in each section's `spread`."""
    if len(runs) == 1:
        return runs[0]
    out: dict[str, Any] = {}
    for section, first in runs[0].items():
        row: dict[str, Any] = {}
        spread: dict[str, list[float]] = {}
        for key, value in first.items():
            if not _is_number(value):
                continue
            values = [run[section][key] for run in runs]
            row[key] = round(statistics.median(values), 3)
            spread[key] = [min(values), max(values)]
        row["runs"] = len(runs)
        row["spread"] = spread
        out[section] = row
    return out


def _cell(row: dict[str, Any], key: str, digits: int = 1, suffix: str = "") -> str:
    if key not in row:
        return "–"
    text = f"{row[key]:.{digits}f}{suffix}"
    spread = row.get("spread", {}).get(key)
    if spread:
        text += f" ({spread[0]:.{digits}f}–{spread[1]:.{digits}f})"
    return text


def database_table(kind: str, row: dict[str, Any]) -> list[str]:
    raw = "asyncpg" if kind == "postgresql" else "aiosqlite"
    lines = [
        f"{TITLES[kind]}: 16 chats at once, load average {_cell(row, 'load_avg_1m', 2)}",
        "| variant | updates/s | CPU ms/update | statements/update | commits/update "
        "| × PTB+ORM insert |",
        "|---|---|---|---|---|---|",
    ]
    variants = [
        ("bare PTB, one MessageHandler, fixed reply", "ref_ptb", None, None),
        (f"bare PTB + raw {raw} transaction, 1 INSERT", "ref_ptb_raw_insert", None, None),
        (
            "bare PTB + SQLAlchemy ORM session, 1 INSERT",
            "ref_ptb_orm_insert",
            "ref_ptb_orm_insert_statements_per_update",
            "ref_ptb_orm_insert_commits_per_update",
        ),
        ("project: FAQ question", "faq", "statements_per_faq_update", "commits_per_faq_update"),
        (
            "project: intake step",
            "intake",
            "statements_per_intake_step",
            "commits_per_intake_step",
        ),
    ]
    for label, name, statements, commits in variants:
        speed = {"faq": "faq_updates_per_s", "intake": "intake_updates_per_s"}.get(
            name, f"{name}_per_s"
        )
        cpu = f"{name}_cpu_ms"
        ratio = (
            "1.00×"
            if name == "ref_ptb_orm_insert"
            else _cell(row, f"{name}_vs_orm_insert", 2, "×")
        )
        lines.append(
            f"| {label} | {_cell(row, speed)} | {_cell(row, cpu, 2)} "
            f"| {_cell(row, statements, 1) if statements else '–'} "
            f"| {_cell(row, commits, 1) if commits else '–'} | {ratio} |"
        )
    lines.append(
        f"intakes/s {_cell(row, 'intakes_per_s', 2)}, "
        f"statements/intake {_cell(row, 'statements_per_intake', 0)}, "
        f"commits/intake {_cell(row, 'commits_per_intake', 0)}; "
        f"FAQ update: begins {_cell(row, 'begins_per_faq_update', 1)}, "
        f"savepoints {_cell(row, 'savepoints_per_faq_update', 1)}"
    )
    for label, unit in (("FAQ update", "faq_update"), ("intake step", "intake_step")):
        verbs = [
            f"{verb} {_cell(row, f'sql_{verb.lower()}_per_{unit}', 2)}"
            for verb in VERBS
            if row.get(f"sql_{verb.lower()}_per_{unit}")
        ]
        lines.append(f"{label} statements: " + ", ".join(verbs))
    outbox = [
        ("private, no limiter", "outbox_private_per_s_no_limiter"),
        ("private, limiter", "outbox_private_per_s_limiter"),
        ("group, no limiter", "outbox_group_per_s_no_limiter"),
        ("group, limiter", "outbox_group_per_s_limiter"),
    ]
    lines.append(
        "outbox messages/s: "
        + ", ".join(f"{label} {_cell(row, key)}" for label, key in outbox if key in row)
    )
    return lines


def matcher_table(row: dict[str, Any]) -> list[str]:
    lines = [
        f"FAQ matcher: {row.get('questions', 0):.0f} questions per knowledge-base size",
        "| KB | entries | load s | p50 ms | p99 ms |",
        "|---|---|---|---|---|",
    ]
    for factor in (1, 5, 10):
        if f"kb{factor}_p99_ms" not in row:
            continue
        lines.append(
            f"| ×{factor} | {row[f'kb{factor}_entries']:.0f} | "
            f"{_cell(row, f'kb{factor}_load_s', 2)} | {_cell(row, f'kb{factor}_p50_ms', 2)} | "
            f"{_cell(row, f'kb{factor}_p99_ms', 2)} |"
        )
    return lines


def targets(results: dict[str, Any]) -> list[str]:
    """The speed targets, reported (never asserted)."""
    checks: list[tuple[str, str, str, float, bool]] = [
        ("FAQ ≥ 0.5× PTB+ORM insert, PostgreSQL", "postgresql", "faq_vs_orm_insert", 0.5, True),
        ("intakes ≥ 25/s, PostgreSQL", "postgresql", "intakes_per_s", 25, True),
        ("intakes ≥ 25/s, SQLite", "sqlite", "intakes_per_s", 25, True),
        ("matcher p99 ≤ 5 ms at KB ×10", "matcher", "kb10_p99_ms", 5, False),
        ("FAQ load ≤ 1 s at KB ×10", "matcher", "kb10_load_s", 1, False),
    ]
    lines = ["targets:"]
    for label, section, key, limit, at_least in checks:
        value = results.get(section, {}).get(key)
        if value is None:
            continue
        met = value >= limit if at_least else value <= limit
        lines.append(f"  {label}: {value:g} ({'met' if met else 'not met'})")
    return lines


def render(results: dict[str, Any], header: list[str]) -> str:
    lines = list(header)
    for kind in SECTIONS:
        if kind in results:
            lines += ["", *database_table(kind, results[kind])]
    if "matcher" in results:
        lines += ["", *matcher_table(results["matcher"])]
    lines += ["", *targets(results)]
    return "\n".join(lines)
