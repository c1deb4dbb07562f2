"""The FAQ matcher at the knowledge base's size ×1, ×5 and ×10: load time and latency.

A larger knowledge base is the real `faq/` folder with each topic file copied: new group and
entry ids, and every question and variant worded a little differently, so nothing is shared
with the original. It is loaded with the bot's own loader (`FaqService.load`).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import CLOCK
from bot.knowledge.engine import decide
from bot.knowledge.loader import IGNORED_FILES, SPECIAL_FILES, YAML_SUFFIXES
from bot.knowledge.service import FaqService

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ROOT = Path(__file__).resolve().parent.parent
FAQ_DIR = ROOT / "faq"
DAY = CLOCK.today()
#: Openings that make each copy's questions differ from the original's.
OPENINGS = [
    "마포구 회사 다니는데",
    "강남에서 일하는데",
    "작은 식당 직원인데",
    "병원 간호사인데",
    "어린이집 교사인데",
    "물류센터 다니는데",
    "공장 생산직인데",
    "콜센터 상담원인데",
    "학원 강사인데",
    "편의점 점장인데",
    "은행 창구 직원인데",
]


def scaled_faq(folder: Path, factor: int) -> Path:
    """Write the FAQ `factor` times over into `folder` and return it."""
    shutil.copytree(FAQ_DIR, folder, dirs_exist_ok=True)
    topics = [
        p
        for p in sorted(FAQ_DIR.iterdir())
        if p.suffix in YAML_SUFFIXES and p.name not in SPECIAL_FILES | IGNORED_FILES
    ]
    for path in topics:
        data = yaml.load(path.read_text("utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
        for copy in range(1, factor):
            (folder / f"{path.stem}-x{copy}{path.suffix}").write_text(
                yaml.dump(
                    _copy_group(data, copy), Dumper=_Dumper, allow_unicode=True, sort_keys=False
                ),
                "utf-8",
            )
    return folder


def _copy_group(data: dict[str, Any], copy: int) -> dict[str, Any]:
    opening = OPENINGS[(copy - 1) % len(OPENINGS)]
    known = {str(entry["id"]) for entry in data["entries"]}

    def renamed(entry_id: str) -> str:
        return f"{entry_id}-x{copy}" if entry_id in known else entry_id

    entries = []
    for original in data["entries"]:
        entry = dict(original)
        entry["id"] = renamed(str(entry["id"]))
        entry["question"] = f"{opening} {entry['question']}"
        if entry.get("variants"):
            entry["variants"] = [f"{opening} {v}" for v in entry["variants"]]
        if entry.get("related"):
            entry["related"] = [renamed(str(r)) for r in entry["related"]]
        entries.append(entry)
    return {
        **data,
        "group": f"{data['group']}-x{copy}",
        "order": int(data["order"]) + 100 * copy,
        "entries": entries,
    }


def dev_questions() -> list[str]:
    data = yaml.safe_load((ROOT / "tests/data/faq-dev-questions.yaml").read_text("utf-8"))
    return [str(item["q"]) for item in data["items"]]


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of `values` (0 < share <= 1)."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def load(faq_dir: Path) -> tuple[FaqService, float]:
    """The FAQ in `faq_dir` loaded as the bot does, and the seconds it took."""
    started = time.perf_counter()
    service = FaqService.load(faq_dir, CLOCK)
    return service, time.perf_counter() - started


def measure(
    faq_dir: Path, questions: list[str], loaded: tuple[FaqService, float] | None = None
) -> dict[str, float]:
    """Load `faq_dir` (unless `loaded` already), then time each question's match."""
    service, load_s = loaded or load(faq_dir)
    engine = service.engine
    timings = []
    for question in questions:
        t0 = time.perf_counter()
        decide(engine.assess(question, DAY), engine.decision)  # `match` without its cache
        timings.append((time.perf_counter() - t0) * 1000)
    return {
        "entries": len(service.knowledge.entries),
        "load_s": round(load_s, 3),
        "p50_ms": round(statistics.median(timings), 3),
        "p99_ms": round(percentile(timings, 0.99), 3),
    }


def bench_matcher(
    factors: tuple[int, ...] = (1, 5, 10),
    *,
    quick: bool = False,
    loaded: tuple[FaqService, float] | None = None,
) -> dict[str, Any]:
    """`kb{N}_load_s`, `kb{N}_p50_ms`, `kb{N}_p99_ms` and `kb{N}_entries` for each factor;
    `loaded`: the real FAQ already loaded with `load()`, used for ×1."""
    questions = dev_questions()
    # ~350 matches, so that the p99 is not just the slowest one; a quick run takes a few.
    questions = questions[:24] if quick else questions * 3
    out: dict[str, Any] = {"questions": len(questions)}
    for factor in factors:
        with tempfile.TemporaryDirectory() as folder:
            faq_dir = FAQ_DIR if factor == 1 else scaled_faq(Path(folder) / "faq", factor)
            given = loaded if factor == 1 else None
            for key, value in measure(faq_dir, questions, given).items():
                out[f"kb{factor}_{key}"] = value
    return out
