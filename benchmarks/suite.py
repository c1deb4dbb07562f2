"""One benchmark run: references and the bot on each database, then the matcher."""

from __future__ import annotations

import os
import resource
from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager, nullcontext
from typing import Any

from benchmarks.common import database_url
from benchmarks.matcher import FAQ_DIR, bench_matcher, load
from benchmarks.project import ProjectBench, make_services
from benchmarks.references import bench_references
from bot.knowledge.service import FaqService

#: (messages per chat for the references and the FAQ, intakes) for a full and a quick run.
SIZES = {False: (40, 30, 48), True: (3, 2, 4)}


async def bench_database(kind: str, url: str, faq: FaqService, *, quick: bool) -> dict[str, Any]:
    ref_per_chat, faq_per_chat, intakes = SIZES[quick]
    row: dict[str, Any] = {"load_avg_1m": round(os.getloadavg()[0], 2)}
    row.update(await bench_references(kind, url, ref_per_chat))
    services = await make_services(url, faq)
    try:
        bench = ProjectBench(services)
        row.update(await bench.faq_updates(faq_per_chat))
        row.update(await bench.intakes(intakes))
        row["outbox_private_per_s_no_limiter"] = await bench.outbox(
            50 if quick else 400, rate_limited=False, to_group=False
        )
        if not quick:
            row["outbox_private_per_s_limiter"] = await bench.outbox(
                60, rate_limited=True, to_group=False
            )
            row["outbox_group_per_s_no_limiter"] = await bench.outbox(
                60, rate_limited=False, to_group=True
            )
            row["outbox_group_per_s_limiter"] = await bench.outbox(
                25, rate_limited=True, to_group=True
            )
    finally:
        await services.close()
    orm = row["ref_ptb_orm_insert_per_s"]
    for name, key in (
        ("ref_ptb", "ref_ptb_per_s"),
        ("ref_ptb_raw_insert", "ref_ptb_raw_insert_per_s"),
        ("faq", "faq_updates_per_s"),
        ("intake", "intake_updates_per_s"),
    ):
        row[f"{name}_vs_orm_insert"] = round(row[key] / orm, 3)
    return row


async def run(
    kinds: list[str], *, quick: bool, urls: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The results of one run; `urls` gives the database to use for a kind (else a fresh
    one is made and dropped)."""
    loaded = load(FAQ_DIR)
    faq = loaded[0]
    results: dict[str, Any] = {}
    for kind in kinds:
        given = (urls or {}).get(kind)
        where: AbstractAsyncContextManager[str] = (
            nullcontext(given) if given else database_url(kind)
        )
        async with where as url:
            results[kind] = await bench_database(kind, url, faq, quick=quick)
    factors = (1, 10) if quick else (1, 5, 10)
    results["matcher"] = bench_matcher(factors, quick=quick, loaded=loaded)
    results["matcher"]["process_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    return results
