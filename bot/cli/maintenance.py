"""`counsel-bot purge | demo`: staff operations on the database."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any, Final

from bot.account.retention import RetentionPolicy, purge
from bot.cli.database import with_database
from bot.cli.reports import knowledge_or_none
from bot.demo import DemoRefusedError, seed_demo
from bot.settings import Settings

EXIT_PROBLEMS: Final = 1


def add_parser(subparsers: Any) -> None:
    """Add `purge` and `demo` to the `counsel-bot` parser."""
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


def cmd_purge(_args: argparse.Namespace, settings: Settings) -> int:
    policy = RetentionPolicy.from_settings(settings)
    result = with_database(settings, lambda database: purge(database, policy, datetime.now(UTC)))
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


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    knowledge = knowledge_or_none(settings)
    entry_ids = knowledge.ids if knowledge is not None else []
    now = datetime.now(UTC)
    try:
        result = with_database(
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
