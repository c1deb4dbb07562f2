"""`counsel-bot report | purge | demo`: the KPI report and staff operations on the database."""
# Imports inside functions are deliberate here (see `_render` and `_settings`).

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, TypeVar

from bot.account.retention import RetentionPolicy, purge
from bot.demo import DemoRefusedError, seed_demo
from bot.knowledge import KnowledgeBase, KnowledgeBaseError, load_knowledge_base
from bot.reports.model import Report
from bot.reports.period import Period, PeriodError
from bot.reports.service import build_report, vocabulary_from
from bot.reports.targets import TARGETS_FILE, TargetsError, load_targets
from bot.reports.text import render_text
from bot.settings import Settings, load_settings
from storage.db import Database, check_connection
from storage.migrate import upgrade

logger = logging.getLogger(__name__)

FORMATS: Final = ("text", "csv", "xlsx", "png")
EXIT_PROBLEMS: Final = 1
EXIT_USAGE: Final = 2
T = TypeVar("T")


def add_parser(subparsers: Any) -> None:
    """Add `report`, `purge` and `demo` to the `counsel-bot` parser."""
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

    purge_parser = subparsers.add_parser(
        "purge", help="apply the retention policy now (also done daily by the bot)"
    )
    purge_parser.set_defaults(func=cmd_purge)

    demo = subparsers.add_parser("demo", help="fill an EMPTY database with invented cases")
    demo.add_argument(
        "--months",
        type=int,
        default=6,
        choices=range(1, 25),
        metavar="N",
        help="months of activity up to today (default 6)",
    )
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    demo.set_defaults(func=cmd_demo)


def _settings() -> Settings:
    from bot.cli.main import configure_logging  # bot.cli imports this module

    settings = load_settings()
    configure_logging(settings.log_level)
    return settings


def _with_database(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    """Open and migrate the database, run `work`, close it."""

    async def _run() -> T:
        database = Database.from_url(settings.database_url)
        try:
            await check_connection(database.engine)
            await upgrade(database.engine)
            return await work(database)
        finally:
            await database.dispose()

    return asyncio.run(_run())


def _knowledge(settings: Settings) -> KnowledgeBase | None:
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


def cmd_report(args: argparse.Namespace) -> int:
    settings = _settings()
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
    vocabulary = vocabulary_from(_knowledge(settings))
    now = datetime.now(UTC)
    report = _with_database(
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


def cmd_purge(_args: argparse.Namespace) -> int:
    settings = _settings()
    policy = RetentionPolicy.from_settings(settings)
    result = _with_database(settings, lambda database: purge(database, policy, datetime.now(UTC)))
    print(
        f"intake drafts deleted (older than {policy.draft_days} days or expired): "
        f"{result.drafts_deleted}"
    )
    print(
        f"closed cases anonymized (closed over {policy.case_years} years ago): "
        f"{result.cases_anonymized}"
    )
    print(
        f"question texts erased (older than {policy.unanswered_days} days): "
        f"{result.question_texts_erased} unanswered, {result.feedback_texts_erased} feedback"
    )
    print(f"processed update ids deleted: {result.processed_updates_deleted}")
    print(f"sent notifications deleted: {result.sent_outbox_deleted}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    settings = _settings()
    knowledge = _knowledge(settings)
    entry_ids = knowledge.ids if knowledge is not None else []
    now = datetime.now(UTC)
    try:
        result = _with_database(
            settings,
            lambda database: seed_demo(
                database,
                now=now,
                tz=settings.tz,
                entry_ids=entry_ids,
                months=args.months,
                seed=args.seed,
            ),
        )
    except DemoRefusedError as exc:
        print(f"error: {exc} ({settings.database_url.split('://', 1)[0]})", file=sys.stderr)
        return EXIT_PROBLEMS
    first = result.first.astimezone(settings.tz).date()
    print(
        f"demo data written: {result.cases} invented cases, {result.faq_answers} FAQ "
        f"answers and {result.unanswered} unanswered questions from {first} until now."
    )
    print(f"Try: counsel-bot report --year {now.astimezone(settings.tz).year}")
    return 0
