"""`counsel-bot report`: the KPI report for a month or a year."""
# Imports inside functions are deliberate here (see `_render`).

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from bot.cli.database import with_database
from bot.knowledge import KnowledgeBase, KnowledgeBaseError, load_knowledge_base
from bot.reports.model import Report
from bot.reports.period import Period, PeriodError
from bot.reports.service import build_report, vocabulary_from
from bot.reports.targets import TARGETS_FILE, TargetsError, load_targets
from bot.reports.text import render_text
from bot.settings import Settings

logger = logging.getLogger(__name__)

FORMATS: Final = ("text", "csv", "xlsx", "png")
EXIT_PROBLEMS: Final = 1
EXIT_USAGE: Final = 2


def add_parser(subparsers: Any) -> None:
    """Add `report` to the `counsel-bot` parser."""
    report = subparsers.add_parser("report", help="the KPI report for a month or a year")
    when = report.add_mutually_exclusive_group(required=True)
    when.add_argument("--month", help="the month, YYYY-MM (goals: yearly ÷ 12)")
    when.add_argument("--year", help="the year, YYYY (goals: yearly)")
    report.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), csv (UTF-8 with BOM), xlsx or png",
    )
    report.add_argument(
        "--out",
        type=Path,
        default=None,
        help="file to write; default: text on stdout, other formats to report-PERIOD.EXT here",
    )
    report.set_defaults(func=cmd_report)


def knowledge_or_none(settings: Settings) -> KnowledgeBase | None:
    """The FAQ for topic and entry titles; the report still works without it."""
    try:
        return load_knowledge_base(settings.faq_dir)
    except KnowledgeBaseError as exc:
        logger.warning(
            "FAQ files have %d problem(s): the report shows ids instead of titles",
            len(exc.problems),
        )
        return None


def _period(args: argparse.Namespace, settings: Settings) -> Period:
    if args.month is not None:
        return Period.parse_month(args.month, settings.tz)
    return Period.parse_year(args.year, settings.tz)


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    try:
        period = _period(args, settings)
        targets = load_targets(settings.faq_dir / TARGETS_FILE)
    except PeriodError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except TargetsError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in the targets file", file=sys.stderr)
        return EXIT_PROBLEMS
    vocabulary = vocabulary_from(knowledge_or_none(settings))
    now = datetime.now(UTC)
    report = with_database(
        settings,
        lambda database: build_report(
            database, period=period, targets=targets, now=now, vocabulary=vocabulary
        ),
    )
    if args.format == "text" and args.out is None:
        print(_render("text", report).decode("utf-8"), end="")
        return 0
    extension = "txt" if args.format == "text" else args.format
    out = args.out or Path(f"report-{period.slug}.{extension}")
    out.write_bytes(_render(args.format, report))
    print(f"wrote {out}", file=sys.stderr)  # stderr: `--out /dev/stdout` stays clean
    return 0


def _render(kind: str, report: Report) -> bytes:
    """Renderers are imported on demand: every `counsel-bot` command would otherwise pay
    for loading matplotlib and openpyxl."""
    if kind == "csv":
        from bot.reports.csv_export import render_csv

        return render_csv(report)
    if kind == "xlsx":
        from bot.reports.xlsx import render_xlsx

        return render_xlsx(report)
    if kind == "png":
        from bot.reports.chart import render_png

        return render_png(report)
    return render_text(report).encode("utf-8")
