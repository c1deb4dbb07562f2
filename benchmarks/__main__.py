"""Run the benchmarks and print a table, or (`--json`) one JSON object.

    .venv/bin/python -m benchmarks [--db sqlite|postgresql|both] [--quick] [--runs N] [--json]

Each run measures, on each database, bare python-telegram-bot references and the bot's FAQ
questions and intake steps, then the FAQ matcher at the knowledge base ×1, ×5 and ×10.
With `--runs N` every run is its own process and the numbers are medians (min–max).
PostgreSQL runs use a fresh database on the server in TEST_POSTGRES_DSN
(default postgresql://postgres@127.0.0.1:5432/test), dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

from benchmarks.common import ROOT
from benchmarks.report import aggregate, render
from benchmarks.suite import run


def _child_run(args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks", "--json", "--db", args.db]
    if args.quick:
        command.append("--quick")
    if args.postgres_url:
        raise SystemExit("--postgres-url is for one run: every run needs an empty database")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"benchmark run failed ({done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "?"
    return done.stdout.strip() or "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="small runs, for a smoke test")
    parser.add_argument("--runs", type=int, default=1, help="runs to take the median of")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--postgres-url", help="use this (empty) database instead of making a fresh one"
    )
    args = parser.parse_args(argv)
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    started = datetime.now(UTC)
    loads = [os.getloadavg()]
    if args.runs <= 1:
        urls = {"postgresql": args.postgres_url} if args.postgres_url else None
        results = asyncio.run(run(kinds, quick=args.quick, urls=urls))
    else:
        runs = []
        for number in range(1, args.runs + 1):
            print(f"run {number}/{args.runs}…", file=sys.stderr, flush=True)
            runs.append(_child_run(args))
            loads.append(os.getloadavg())
        results = aggregate(runs)
    loads.append(os.getloadavg())
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    runs_text = "1 run" if args.runs <= 1 else f"medians of {args.runs} runs (min–max)"
    header = [
        f"benchmarks at {_commit()}, {started:%Y-%m-%d %H:%M} UTC, {runs_text}"
        f"{', quick' if args.quick else ''}",
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; load average (1 min) "
        + " → ".join(f"{load[0]:.2f}" for load in loads),
    ]
    print(render(results, header))
    return 0


if __name__ == "__main__":
    sys.exit(main())
