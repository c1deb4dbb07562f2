"""The fault suite, quick: a few SIGKILLs at targeted calls, ambiguous 502s and timeouts, a
3 s database outage and a 3 s freeze; nothing lost, duplicated or reused.

`python -m tests.faults` runs the full version (50 kills, 20 s outage and freeze).
"""

from __future__ import annotations

from tests.faults.__main__ import QUICK
from tests.faults.suite import render, run


def test_quick_fault_suite_loses_and_repeats_nothing(server_binaries: None) -> None:
    rows = run(QUICK)
    table = render(rows)
    failed = [row.case for row in rows if row.failed]
    assert not failed, f"fault cases failed: {failed}\n{table}"
    by_case = {row.case: row for row in rows}
    assert by_case["SIGKILLs at targeted calls"].stored == QUICK.kills, table
    assert by_case["cases (one intake per parent)"].stored > 0, table
