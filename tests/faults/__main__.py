"""`python -m tests.faults`: run the fault suite and print its counts table.

    python -m tests.faults                 # the full run: 50 kills, 20 s outage, 20 s freeze
    python -m tests.faults --quick         # a few kills, 3 s outage and freeze

Exits 1 when anything was lost, duplicated (outside the at-least-once rows) or reused.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence

from tests.faults.suite import Options, render, run

QUICK = Options(
    kills=5,
    outage_seconds=3,
    freeze_seconds=3,
    parents_during_db_fault=1,
    repeats=1,
    final_story=False,
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few kills, 3 s database faults")
    parser.add_argument("--kills", type=int, help="SIGKILLs at targeted moments (default 50)")
    parser.add_argument("--outage", type=float, help="database outage in seconds (default 20)")
    parser.add_argument("--freeze", type=float, help="database freeze in seconds (default 20)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("httpx",):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    options = QUICK if args.quick else Options()
    if args.kills is not None:
        options.kills = args.kills
    if args.outage is not None:
        options.outage_seconds = args.outage
    if args.freeze is not None:
        options.freeze_seconds = args.freeze
    started = time.monotonic()
    rows = run(options)
    print(render(rows))
    print(f"\n{time.monotonic() - started:.0f} s")
    failed = [r.case for r in rows if r.failed]
    if failed:
        print("FAILED: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
