"""Questions staff accept as example questions are answered at once, and the matcher's
cross-validated figures on the other questions do not drop."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from bot.curation.files import FaqFiles
from bot.curation.yaml_edit import variant_of
from bot.knowledge.engine import FaqEngine
from bot.knowledge.evaluation import ALL_STYLES, assess_all, fold_of, k_fold, load_questions
from bot.knowledge.loader import load_knowledge_base

ROOT = Path(__file__).resolve().parents[2]
#: Questions nothing was fitted on (the entry classifier has seen the training files).
HELD_OUT = (
    ROOT / "tests" / "data" / "faq-corpus-heldout.yaml",
    ROOT / "tests" / "data" / "faq-corpus-heldout-others.yaml",
)
DAY = date(2026, 12, 6)
ACCEPTED = 12


async def test_accepting_missed_questions_keeps_the_k_fold_figures(tmp_path: Path) -> None:
    faq_dir = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", faq_dir)
    questions = [q for path in HELD_OUT for q in load_questions(path)]
    traffic = [q for i, q in enumerate(questions) if fold_of(i, q, 5) == 0]
    others = [q for i, q in enumerate(questions) if fold_of(i, q, 5) != 0]
    before = FaqEngine(load_knowledge_base(faq_dir))
    missed = [
        q
        for q in traffic
        if q.kind == "topic"
        and q.chat is None
        and len(q.text) <= 120
        and before.match(q.text, DAY).outcome != "answer"
    ][:ACCEPTED]
    assert len(missed) >= 5
    files = FaqFiles(faq_dir)
    for question in missed:
        await files.add_variant(
            entry_id=question.expect[0], variant=variant_of(question.text), day=DAY
        )
    after = FaqEngine(load_knowledge_base(faq_dir))

    results = [after.match(question.text, DAY) for question in missed]
    for question, result in zip(missed, results, strict=True):
        assert result.ids[0] == question.expect[0], question.text
    assert sum(result.outcome == "answer" for result in results) >= len(missed) * 2 / 3

    old = k_fold(assess_all(before, others, DAY), 5).reports[ALL_STYLES].metrics()
    new = k_fold(assess_all(after, others, DAY), 5).reports[ALL_STYLES].metrics()
    assert new["top1"] >= old["top1"] - 0.01
    assert new["direct_top1"] >= old["direct_top1"] - 0.02
    assert new["answered_wrong"] <= old["answered_wrong"] + 0.01
