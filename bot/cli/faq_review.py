"""`counsel-bot faq review`: the staff report on what the FAQ missed and its content health."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any, Final

from bot.cli.database import with_database
from bot.clock import SystemClock
from bot.curation.model import ReviewReport
from bot.curation.service import CurationService
from bot.knowledge.service import FaqService
from bot.settings import Settings

FORMATS: Final = ("text", "xlsx")
EXIT_USAGE: Final = 2


def add_parser(subparsers: Any) -> None:
    """Add `review` to the `counsel-bot faq` subcommands."""
    review = subparsers.add_parser(
        "review",
        help="staff report: grouped unanswered questions, per-entry feedback, overdue "
        "reviews, rules expiring soon",
    )
    review.add_argument("--days", type=int, default=30, help="the period: this many days to now")
    review.add_argument("--format", choices=FORMATS, default="text", help="text (default) or xlsx")
    review.add_argument(
        "--out", type=Path, default=None, help="file to write (xlsx: default faq-review.xlsx)"
    )
    review.add_argument(
        "--faq-dir", dest="faq_dir", type=Path, default=None, help="FAQ folder (default: FAQ_DIR)"
    )
    review.set_defaults(func=cmd_review)


def cmd_review(args: argparse.Namespace, settings: Settings) -> int:
    if args.days < 1:
        print("error: --days needs a number of days >= 1", file=sys.stderr)
        return EXIT_USAGE
    clock = SystemClock(settings.tz)
    faq = FaqService.load(args.faq_dir or settings.faq_dir, clock)
    curation = CurationService(faq, clock, settings.tz)
    end = clock.now()

    async def build(database: Any) -> ReviewReport:
        async with database.uow() as uow:
            return await curation.review(uow, start=end - timedelta(days=args.days), end=end)

    report = with_database(settings, build)
    if args.format == "text":
        from bot.curation.text import render_text

        body = render_text(report)
        if args.out is None:
            print(body, end="")
        else:
            args.out.write_text(body, encoding="utf-8")
            print(f"wrote {args.out}", file=sys.stderr)
        return 0
    from bot.curation.xlsx import render_xlsx

    out = args.out or Path("faq-review.xlsx")
    out.write_bytes(render_xlsx(report))
    print(f"wrote {out}", file=sys.stderr)
    return 0
