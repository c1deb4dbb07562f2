"""`counsel-bot calc …`: the benefit and deadline calculators and the eligibility pre-check."""
# This module is a command line: printing is its job.

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from bot.calc import (
    CalcInputError,
    RuleBook,
    deadlines,
    eligibility,
    infertility_leave_pay,
    jsonable,
    load_rules,
    maternity_leave_pay,
    parental_leave_pay,
    reduced_hours_pay,
    render_deadlines,
    render_eligibility,
    render_maternity_leave_pay,
    render_paid_leave_days,
    render_parental_leave_pay,
    render_reduced_hours_pay,
    render_spouse_leave_pay,
    spouse_leave_pay,
    spouse_loss_leave_pay,
)
from bot.calc.eligibility import PURPOSES
from bot.calc.maternity import BIRTH_KINDS, COMPANY_SIZES
from bot.intake.triage import CONTRACTS, WORKPLACE_SIZES
from bot.settings import Settings

SEOUL: Final = ZoneInfo("Asia/Seoul")
EXIT_BAD_INPUT: Final = 2


def add_parser(subparsers: Any) -> None:
    """Add `calc` and its subcommands to the `counsel-bot` parser."""
    calc = subparsers.add_parser("calc", help="benefit and deadline calculators, pre-check")
    sub = calc.add_subparsers(dest="calc_command", required=True)

    parental = _command(sub, "parental", "육아휴직 급여, month by month", cmd_parental)
    _add_pay_inputs(parental, months=True)
    parental.add_argument("--single-parent", action="store_true", help="한부모 특례")
    parental.add_argument(
        "--short",
        action="store_true",
        help="1·2주 단기 육아휴직 (from 2026-08-20; 7 or 14 days, paid from 7 days)",
    )
    parental.add_argument(
        "--other-parent-months",
        type=int,
        default=None,
        help="the other parent's leave length in months (6+6 applies to the shorter)",
    )
    parental.add_argument(
        "--other-parent-start",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the other parent's leave start, same child (6+6)",
    )
    parental.add_argument(
        "--child-birth",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the child's birthday (checks the 6+6 18-month condition)",
    )

    maternity = _command(sub, "maternity", "출산전후휴가 급여 and who pays it", cmd_maternity)
    _add_pay_inputs(maternity, months=False)
    maternity.add_argument(
        "--company",
        choices=COMPANY_SIZES,
        required=True,
        help="priority (우선지원대상기업) or large (대규모기업)",
    )
    maternity.add_argument(
        "--birth",
        choices=BIRTH_KINDS,
        default="single",
        help="single (90 days), multiple (120), premature (100)",
    )

    spouse = _command(sub, "spouse", "배우자 출산휴가 급여", cmd_spouse)
    _add_pay_inputs(spouse, months=False)
    spouse.add_argument("--company", choices=COMPANY_SIZES, required=True)
    spouse.add_argument("--days", type=int, default=None, help="leave days (default: all)")

    infertility = _command(
        sub, "infertility", "난임치료휴가: paid days, who pays", cmd_infertility
    )
    _add_pay_inputs(infertility, months=False)
    infertility.add_argument("--company", choices=COMPANY_SIZES, required=True)
    infertility.add_argument("--days", type=int, default=None, help="leave days (default: all)")

    loss = _command(
        sub, "spouse-loss", "배우자 유산·사산휴가: paid days, who pays", cmd_spouse_loss
    )
    loss.add_argument("--wage", type=_won, required=True, help="monthly ordinary wage in won")
    loss.add_argument(
        "--loss-day",
        type=_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="day of the spouse's miscarriage or stillbirth",
    )
    loss.add_argument("--company", choices=COMPANY_SIZES, required=True)
    loss.add_argument("--days", type=int, default=None, help="leave days (default: all)")

    reduced = _command(sub, "reduced-hours", "육아기 근로시간 단축 급여", cmd_reduced_hours)
    _add_pay_inputs(reduced, months=True)
    reduced.add_argument(
        "--hours-before",
        type=float,
        required=True,
        help="weekly hours before the reduction, e.g. 40",
    )
    reduced.add_argument(
        "--hours-after",
        type=float,
        required=True,
        help="weekly hours during the reduction, 15..35",
    )

    due = _command(sub, "deadlines", "deadlines from your dates, with D-n", cmd_deadlines)
    due.add_argument(
        "--today",
        type=_date,
        default=None,
        help="count days from this day (default: today in Seoul)",
    )
    for flag, text in (
        ("--dismissal", "day of the dismissal"),
        ("--discrimination", "day (or last day) of the discrimination"),
        ("--leave-start", "first day of a planned 육아휴직"),
        ("--leave-end", "last day of a leave (benefit application)"),
        ("--wage-due", "day unpaid wages were due"),
        ("--first-ruling", "day the 지방노동위원회 decision was received (재심 10 days)"),
        ("--review-ruling", "day the 중앙노동위원회 decision was received (행정소송 15 days)"),
        ("--birth", "day of the birth (배우자 출산전후휴가 within 120 days)"),
    ):
        due.add_argument(flag, type=_date, default=None, metavar="YYYY-MM-DD", help=text)

    check = _command(sub, "eligibility", "pre-check: leave and benefit", cmd_eligibility)
    check.add_argument("--purpose", choices=PURPOSES, default="parental-leave")
    check.add_argument("--leave-start", type=_date, required=True, metavar="YYYY-MM-DD")
    check.add_argument("--leave-end", type=_date, default=None, metavar="YYYY-MM-DD")
    check.add_argument(
        "--insured-days",
        type=int,
        default=None,
        help="고용보험 피보험단위기간 in days, all jobs together",
    )
    check.add_argument("--hired-on", type=_date, default=None, metavar="YYYY-MM-DD")
    check.add_argument("--workplace-size", choices=sorted(WORKPLACE_SIZES), default="unknown")
    check.add_argument("--contract", choices=sorted(CONTRACTS), default="regular")
    check.add_argument("--contract-end", type=_date, default=None, metavar="YYYY-MM-DD")


def _command(
    sub: Any, name: str, text: str, func: Callable[[argparse.Namespace, Settings], int]
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=text)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--faq-dir",
        dest="faq_dir",
        type=Path,
        default=None,
        help="FAQ folder holding rules/ (default: FAQ_DIR or faq/)",
    )
    parser.set_defaults(func=func)
    return parser


def _add_pay_inputs(parser: argparse.ArgumentParser, *, months: bool) -> None:
    parser.add_argument(
        "--wage",
        type=_won,
        required=True,
        help="monthly ordinary wage (통상임금) in won, e.g. 3000000 or 3,000,000",
    )
    parser.add_argument(
        "--start", type=_date, required=True, metavar="YYYY-MM-DD", help="first day of the leave"
    )
    if months:
        length = parser.add_mutually_exclusive_group(required=True)
        length.add_argument("--months", type=int, help="whole months")
        length.add_argument(
            "--end",
            type=_date,
            metavar="YYYY-MM-DD",
            help="last day instead of --months (a part month is paid by its days)",
        )
        length.add_argument("--days", type=int, help="days instead of --months")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _won(text: str) -> int:
    cleaned = text.replace(",", "").replace("_", "").removesuffix("원").strip()
    if not cleaned.isdigit():
        raise argparse.ArgumentTypeError(f"not an amount in won: {text!r}")
    return int(cleaned)


def _rules(args: argparse.Namespace, settings: Settings) -> RuleBook:
    return load_rules(args.faq_dir or settings.faq_dir)


def _emit(args: argparse.Namespace, data: Any, text: str) -> int:
    if args.json:
        print(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
    else:
        print(text)
    return 0


def _run(work: Callable[[], int]) -> int:
    try:
        return work()
    except CalcInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def cmd_parental(args: argparse.Namespace, settings: Settings) -> int:
    def work() -> int:
        result = parental_leave_pay(
            _rules(args, settings),
            monthly_wage=args.wage,
            start=args.start,
            months=args.months,
            end=args.end,
            days=args.days,
            short=args.short,
            single_parent=args.single_parent,
            other_parent_start=args.other_parent_start,
            other_parent_months=args.other_parent_months,
            child_birth=args.child_birth,
        )
        return _emit(args, result, render_parental_leave_pay(result))

    return _run(work)


def cmd_maternity(args: argparse.Namespace, settings: Settings) -> int:
    def work() -> int:
        result = maternity_leave_pay(
            _rules(args, settings),
            monthly_wage=args.wage,
            start=args.start,
            company=args.company,
            birth=args.birth,
        )
        return _emit(args, result, render_maternity_leave_pay(result))

    return _run(work)


def cmd_spouse(args: argparse.Namespace, settings: Settings) -> int:
    def work() -> int:
        result = spouse_leave_pay(
            _rules(args, settings),
            monthly_wage=args.wage,
            start=args.start,
            company=args.company,
            days=args.days,
        )
        return _emit(args, result, render_spouse_leave_pay(result))

    return _run(work)


def cmd_infertility(args: argparse.Namespace, settings: Settings) -> int:
    def work() -> int:
        result = infertility_leave_pay(
            _rules(args, settings),
            monthly_wage=args.wage,
            start=args.start,
            company=args.company,
            days=args.days,
        )
        return _emit(args, result, render_paid_leave_days(result))

    return _run(work)


def cmd_spouse_loss(args: argparse.Namespace, settings: Settings) -> int:
    def work() -> int:
        result = spouse_loss_leave_pay(
            _rules(args, settings),
            monthly_wage=args.wage,
            loss_day=args.loss_day,
            company=args.company,
            days=args.days,
        )
        return _emit(args, result, render_paid_leave_days(result))

    return _run(work)


def cmd_reduced_hours(args: argparse.Namespace, settings: Settings) -> int:
    def work() -> int:
        result = reduced_hours_pay(
            _rules(args, settings),
            monthly_wage=args.wage,
            hours_before=args.hours_before,
            hours_after=args.hours_after,
            start=args.start,
            months=args.months,
            end=args.end,
            days=args.days,
        )
        return _emit(args, result, render_reduced_hours_pay(result))

    return _run(work)


def cmd_deadlines(args: argparse.Namespace, _settings: Settings) -> int:
    def work() -> int:
        today = args.today or datetime.now(SEOUL).date()
        items = deadlines(
            today=today,
            dismissal=args.dismissal,
            discrimination=args.discrimination,
            leave_start=args.leave_start,
            leave_end=args.leave_end,
            wage_due=args.wage_due,
            first_ruling=args.first_ruling,
            review_ruling=args.review_ruling,
            birth=args.birth,
        )
        return _emit(args, {"today": today, "deadlines": items}, render_deadlines(items, today))

    return _run(work)


def cmd_eligibility(args: argparse.Namespace, _settings: Settings) -> int:
    def work() -> int:
        result = eligibility(
            purpose=args.purpose,
            leave_start=args.leave_start,
            leave_end=args.leave_end,
            insured_days=args.insured_days,
            hired_on=args.hired_on,
            workplace_size=args.workplace_size,
            contract=args.contract,
            contract_end=args.contract_end,
        )
        return _emit(args, result, render_eligibility(result))

    return _run(work)
