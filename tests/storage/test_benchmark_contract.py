"""`python -m benchmarks --json` prints the object tooling reads: its keys, all numbers.

A quick run on SQLite and PostgreSQL; nothing here depends on how fast the machine is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from benchmarks.__main__ import main
from benchmarks.report import aggregate
from tests import pg

DATABASE_KEYS = (
    "faq_updates_per_s",
    "intakes_per_s",
    "ref_ptb_per_s",
    "ref_ptb_orm_insert_per_s",
    "statements_per_faq_update",
    "statements_per_intake",
)
MATCHER_KEYS = ("kb1_p99_ms", "kb10_p99_ms", "kb10_load_s")


@pytest.fixture
def bench_postgres_url() -> Iterator[str]:
    with pg.throwaway_database("counsel_bot_bench") as dbname:
        yield pg.database_url(dbname)


def _is_positive_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def test_quick_json_run_has_every_key_as_a_positive_number(
    bench_postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--quick", "--json", "--postgres-url", bench_postgres_url]) == 0
    results = json.loads(capsys.readouterr().out)

    assert {"postgresql", "sqlite", "matcher"} <= set(results)
    for kind in ("postgresql", "sqlite"):
        row = results[kind]
        bad = {key: row.get(key) for key in DATABASE_KEYS if not _is_positive_number(row.get(key))}
        assert not bad, (kind, bad)
        # The counting itself: the ORM reference sends one INSERT and commits once per update.
        assert row["ref_ptb_orm_insert_statements_per_update"] == 1
        assert row["ref_ptb_orm_insert_commits_per_update"] == 1
        # A whole intake is 13 updates, each with at least one statement.
        assert row["statements_per_intake"] >= 13
    bad = {
        key: results["matcher"].get(key)
        for key in MATCHER_KEYS
        if not _is_positive_number(results["matcher"].get(key))
    }
    assert not bad, bad
    assert results["matcher"]["kb10_entries"] == 10 * results["matcher"]["kb1_entries"]


def test_several_runs_give_each_number_its_median_and_range() -> None:
    runs = [
        {"sqlite": {"faq_updates_per_s": speed, "statements_per_faq_update": 11}}
        for speed in (30.0, 10.0, 20.0)
    ]

    merged = aggregate(runs)

    assert merged["sqlite"]["faq_updates_per_s"] == 20.0
    assert merged["sqlite"]["statements_per_faq_update"] == 11
    assert merged["sqlite"]["spread"]["faq_updates_per_s"] == [10.0, 30.0]
    assert merged["sqlite"]["runs"] == 3
