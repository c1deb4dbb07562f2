"""`counsel-bot faq …`: check the FAQ files, ask, evaluate and benchmark the matcher."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from bot.calc import RulesError, check_rules, load_rules
from bot.cli import faq_review
from bot.knowledge import KnowledgeBaseError, Problem, load_knowledge_base
from bot.knowledge.classifier import CLASSIFIER_FILE
from bot.knowledge.decision import DECISION_FILE, DecisionModel
from bot.knowledge.engine import FaqEngine, MatchResult
from bot.knowledge.evaluation import (
    ALL_STYLES,
    TRAINING_FOLDS,
    CrossValidation,
    EvalFileError,
    EvalReport,
    LabelledQuestion,
    assess_all,
    classifier_texts,
    context_ids,
    cross_fitted,
    cross_validate,
    examples,
    k_fold,
    load_questions,
    percentile,
    score,
)
from bot.knowledge.expiry import CHECK_WARNING_DAYS, expiring
from bot.knowledge.training import fit_classifier, fit_decision
from bot.reports.targets import TARGETS_FILE, check_targets
from bot.settings import Settings

SEOUL: Final = ZoneInfo("Asia/Seoul")
EXIT_PROBLEMS: Final = 1
EXIT_BAD_INPUT: Final = 2
#: Quality gates of the development set (fractions); printed next to each metric.
TARGETS: Final = {
    "top1": (">=", 0.90),
    "top3": (">=", 0.97),
    "direct_top1": (">=", 0.90),
    "answered_wrong": ("<=", 0.03),
    "none_answered": ("<=", 0.05),
    "crisis_recall": (">=", 1.0),
    "false_crisis": ("<=", 0.01),
    "p99_ms": ("<=", 5.0),
}
#: Columns of the per-style table.
STYLE_COLUMNS: Final = (
    "top1",
    "top3",
    "direct_top1",
    "direct_when_right",
    "answered_wrong",
    "none_answered",
    "crisis_recall",
    "false_crisis",
    "social_handled",
)


def add_parser(subparsers: Any) -> None:
    """Add `faq` and its subcommands to the `counsel-bot` parser."""
    faq = subparsers.add_parser("faq", help="FAQ tools: check, ask, eval, bench")
    sub = faq.add_subparsers(dest="faq_command", required=True)

    check = sub.add_parser("check", help="validate every YAML file of the FAQ")
    check.add_argument(
        "dir", nargs="?", type=Path, default=None, help="FAQ folder (default: FAQ_DIR or faq/)"
    )
    check.add_argument(
        "--date",
        type=date.fromisoformat,
        default=None,
        help="warn about content ending within 60 days of this day (default: today in Seoul)",
    )
    check.set_defaults(func=cmd_check, faq_dir=None)

    ask = sub.add_parser("ask", help="answer a question the way the bot would")
    ask.add_argument(
        "question",
        nargs="?",
        default=None,
        help="the question; without it, read one per line from stdin (--json)",
    )
    ask.add_argument("--json", action="store_true", help="print JSON instead of text")
    ask.add_argument(
        "--context",
        action="store_true",
        help='with --json: stdin lines are {"chat": ID, "q": TEXT}; follow-ups use the chat',
    )
    _add_common(ask)
    ask.set_defaults(func=cmd_ask)

    run_eval = sub.add_parser("eval", help="score a labelled question file")
    run_eval.add_argument(
        "file", type=Path, nargs="+", help="labelled question file(s) like faq-dev-questions.yaml"
    )
    run_eval.add_argument(
        "--folds",
        type=int,
        default=0,
        help="K-fold cross-validation of the learned decision (fit on K-1 folds, score one)",
    )
    run_eval.add_argument(
        "--variants",
        action="store_true",
        help="also cross-validate the FAQ's own variants (no labels needed)"
        " and list variants that match another entry better",
    )
    _add_common(run_eval)
    run_eval.set_defaults(func=cmd_eval)

    train = sub.add_parser(
        "train", help="fit the entry classifier and the answer decision on labelled files"
    )
    train.add_argument("file", type=Path, nargs="+", help="labelled question file(s)")
    train.add_argument(
        "--out", type=Path, default=DECISION_FILE, help="where to write the decision (JSON)"
    )
    train.add_argument(
        "--classifier-out",
        type=Path,
        default=CLASSIFIER_FILE,
        help="where to write the entry classifier (.npz)",
    )
    _add_common(train)
    train.set_defaults(func=cmd_train)

    bench = sub.add_parser("bench", help="measure load time, latency and memory")
    bench.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=None,
        help="questions to time (default: the FAQ's own questions)",
    )
    bench.add_argument("--repeat", type=int, default=5, help="runs over the questions")
    _add_common(bench)
    bench.set_defaults(func=cmd_bench)

    faq_review.add_parser(sub)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--faq-dir",
        dest="faq_dir",
        type=Path,
        default=None,
        help="FAQ folder (default: FAQ_DIR or faq/)",
    )
    parser.add_argument(
        "--date",
        type=date.fromisoformat,
        default=None,
        help="match as of this day, YYYY-MM-DD (default: today in Seoul)",
    )


def _today(args: argparse.Namespace) -> date:
    day = getattr(args, "date", None)
    return day if isinstance(day, date) else datetime.now(SEOUL).date()


def _faq_dir(args: argparse.Namespace, settings: Settings) -> Path:
    folder = getattr(args, "faq_dir", None)
    return folder if isinstance(folder, Path) else settings.faq_dir


def staff_file_problems(folder: Path) -> list[Problem]:
    """Problems in the staff files beside the FAQ: yearly targets and the rule tables."""
    return [*check_targets(folder / TARGETS_FILE), *check_rules(folder)]


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    folder = args.dir or _faq_dir(args, settings)
    if not folder.is_dir():
        print(f"{folder}:0: FAQ directory not found")
        print(f"1 problem(s) in {folder}", file=sys.stderr)
        return EXIT_PROBLEMS
    problems: list[Problem] = []
    knowledge = None
    try:
        knowledge = load_knowledge_base(folder)
    except KnowledgeBaseError as exc:
        problems += exc.problems
    problems += staff_file_problems(folder)
    problems.sort(key=lambda problem: not problem.unreadable)  # stable: each list's order kept
    if problems or knowledge is None:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        rules = load_rules(folder)
    except RulesError:  # pragma: no cover - check_rules reported nothing above
        rules = None
    warnings = expiring(knowledge, rules, today=_today(args), within_days=CHECK_WARNING_DAYS)
    versions = len(knowledge.entries) - len(knowledge.ids)
    print(
        f"OK: {folder}: {len(knowledge.ids)} entries ({versions} dated versions), "
        f"{len(knowledge.groups)} groups, {len(knowledge.synonyms)} synonym groups, "
        f"{sum(len(f.patterns) for f in knowledge.safety.crisis)} crisis patterns"
        + (f", {len(warnings)} warning(s)" if warnings else "")
    )
    for item in warnings:  # warnings do not change the exit code
        print(f"warning: {item}")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    engine = FaqEngine(load_knowledge_base(_faq_dir(args, settings)))
    day = _today(args)
    if args.question is None:
        if not args.json:
            print("give a question, or use --json to read questions from stdin", file=sys.stderr)
            return EXIT_BAD_INPUT
        return _ask_lines(engine, day, with_context=args.context)
    result = engine.match(args.question, day)
    if args.json:
        print(_as_json(args.question, result))
    else:
        _print_human(engine, result, day)
    return 0


def _ask_lines(engine: FaqEngine, day: date, *, with_context: bool) -> int:
    """One JSON answer per stdin line; with context, lines are `{"chat", "q"}` objects."""
    previous: dict[str, list[str]] = {}
    for line in sys.stdin:
        raw = line.rstrip("\r\n")
        if not raw.strip():
            continue
        chat, question = "", raw
        if with_context:
            try:
                message = json.loads(raw)
                chat, question = str(message["chat"]), str(message["q"])
            except (ValueError, KeyError, TypeError):
                print(f"error: not a {{chat, q}} JSON line: {raw[:60]}", file=sys.stderr)
                return EXIT_BAD_INPUT
        result = engine.match(question, day, previous.get(chat, []) if with_context else [])
        if with_context:
            previous[chat] = context_ids(result)
        print(_as_json(question, result), flush=True)
    return 0


def _as_json(question: str, result: MatchResult) -> str:
    shown: dict[str, Any] = {  # the contract's fields, exactly
        "question": question,
        "outcome": result.outcome,
        "ids": result.ids,
        "score": result.score,
    }
    return json.dumps(shown, ensure_ascii=False)


def _print_human(engine: FaqEngine, result: MatchResult, day: date) -> None:
    knowledge = engine.knowledge
    print(f"outcome: {result.outcome} (score {result.score:.3f})")
    if result.outcome == "crisis":
        print()
        print(knowledge.safety.message.rstrip())
        print()
    for rank, entry_id in enumerate(result.ids, start=1):
        entry = knowledge.entry(entry_id, day)
        print(f"{rank}. {entry_id}: {entry.question if entry else '?'}")
    if result.social:
        print(f"({result.social}: the bot replies briefly and offers the consultation)")
    if result.outcome == "answer" and result.ids:
        entry = knowledge.entry(result.ids[0], day)
        if entry is not None:
            print()
            print(entry.answer.rstrip())
        if result.alternative:
            print(f"\n혹시 이 질문이었나요? {result.alternative}")
    elif result.outcome == "none":
        print("(no FAQ answer: the bot offers a consultation)")


def _questions(args: argparse.Namespace) -> list[LabelledQuestion] | None:
    try:
        return [q for path in args.file for q in load_questions(path)]
    except EvalFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    questions = _questions(args)
    if questions is None:
        return EXIT_BAD_INPUT
    started = time.perf_counter()
    engine = FaqEngine(load_knowledge_base(_faq_dir(args, settings)))
    load_s = time.perf_counter() - started
    day = _today(args)
    assessed = assess_all(engine, questions, day)
    reports = score(assessed, engine.decision)
    report = reports[ALL_STYLES]
    print(
        f"questions: {len(questions)} ({report.topic} topic, {report.out_of_scope} "
        f"out of scope, {report.crisis} crisis, {report.social} small talk or person); "
        f"knowledge base loaded in {load_s:.2f} s"
    )
    print(f"decision: {DECISION_FILE.name} ({engine.decision.note or 'no note'})")
    _print_metrics(report)
    _print_styles(reports)
    _print_misses(report)
    if args.folds:
        if args.folds < 2:
            print("error: --folds needs K >= 2", file=sys.stderr)
            return EXIT_BAD_INPUT
        fitted = cross_fitted(engine.knowledge, questions, day, args.folds)
        result = k_fold(fitted, args.folds)
        print(
            f"\n{args.folds}-fold cross-validation "
            "(classifier and decision re-fitted without the fold):"
        )
        _print_metrics(result.reports[ALL_STYLES], latency=False)
        _print_styles(result.reports)
        for number, (fold, model) in enumerate(
            zip(result.per_fold, result.models, strict=True), start=1
        ):
            m = fold.metrics()
            print(
                f"  fold {number}: top1 {m['top1']:.3f} direct {m['direct_top1']:.3f} "
                f"wrong {m['answered_wrong']:.3f} none answered {m['none_answered']:.3f} "
                f"({_thresholds(model)})"
            )
    if args.variants:
        _print_cross_validation(cross_validate(engine.knowledge, day))
    return 0


def cmd_train(args: argparse.Namespace, settings: Settings) -> int:
    questions = _questions(args)
    if questions is None:
        return EXIT_BAD_INPUT
    knowledge, day = load_knowledge_base(_faq_dir(args, settings)), _today(args)
    names = ", ".join(path.name for path in args.file)
    texts = classifier_texts(knowledge, questions, day)
    classifier = fit_classifier(texts, note=f"fitted on {len(texts)} texts of the FAQ, {names}")
    # The decision learns from margins the classifier gives questions it never saw.
    training = examples(cross_fitted(knowledge, questions, day, TRAINING_FOLDS))
    model = fit_decision(training, note=f"fitted on {len(training)} questions of {names}")
    model.save(args.out)
    classifier.save(args.classifier_out)
    print(f"wrote {args.out}: {_thresholds(model)}")
    print(f"wrote {args.classifier_out}: {len(classifier.entry_ids)} entries, {len(texts)} texts")
    return 0


def _thresholds(model: DecisionModel) -> str:
    parts = [f"answer >= {model.answer:.2f}"]
    if model.answer_follow_up is not None:
        parts.append(f"follow-ups >= {model.answer_follow_up:.2f}")
    parts.append(f"suggest >= {model.suggest:.2f}")
    if model.off_topic_gap is not None:
        parts.append(f"off-topic gap {model.off_topic_gap:.1f}")
    return ", ".join(parts)


def _print_styles(reports: dict[str, EvalReport]) -> None:
    print("  per style:  " + " ".join(f"{name[:13]:>13}" for name in STYLE_COLUMNS) + "      n")
    for style in sorted(reports, key=lambda name: (name == ALL_STYLES, name)):
        report = reports[style]
        m = report.metrics()
        cells = []
        for name in STYLE_COLUMNS:
            whole = {
                "none_answered": report.out_of_scope,
                "crisis_recall": report.crisis,
                "social_handled": report.social,
                "false_crisis": report.non_crisis,
                "direct_when_right": report.top1,
            }.get(name, report.topic)
            cells.append(f"{m[name]:>13.3f}" if whole else f"{'-':>13}")
        count = report.topic + report.out_of_scope + report.crisis + report.social
        print(f"  {style[:10]:10}  " + " ".join(cells) + f" {count:>6}")


def _print_cross_validation(result: CrossValidation) -> None:
    print(
        f"variant cross-validation: top1 {result.top1 / max(result.total, 1):.3f}, "
        f"top3 {result.top3 / max(result.total, 1):.3f} over {result.total} held-out variants"
    )
    for miss in result.misses:
        print(f"  {miss.entry_id}: {miss.variant}  -> {', '.join(miss.ranked) or '-'}")


def _print_metrics(report: EvalReport, *, latency: bool = True) -> None:
    for name, value in report.metrics().items():
        if name.endswith("_ms") and not latency:
            continue
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            sign, limit = target
            passed = value >= limit if sign == ">=" else value <= limit
            verdict = f"  target {sign} {limit:g}  {'PASS' if passed else 'FAIL'}"
        shown = f"{value:.2f} ms" if name.endswith("_ms") else f"{value:.3f}"
        print(f"  {name:15} {shown:>10}{verdict}")


def _print_misses(report: EvalReport) -> None:
    if not report.misses:
        print("misses: none")
        return
    print(f"misses ({len(report.misses)}):")
    for miss in report.misses:
        expected = ",".join(miss.question.expect)
        print(f"  [{miss.reason}] {miss.question.text}")
        print(
            f"      expected {expected}; got {miss.outcome} {miss.score:.3f} "
            f"{','.join(miss.ids) or '-'}"
        )


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    folder = _faq_dir(args, settings)
    started = time.perf_counter()
    knowledge = load_knowledge_base(folder)
    loaded = time.perf_counter()
    engine = FaqEngine(knowledge)
    built = time.perf_counter()
    if args.file is not None:
        try:
            texts = [question.text for question in load_questions(args.file)]
        except EvalFileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
    else:
        texts = [text for entry in knowledge.entries for text in (entry.question, *entry.variants)]
    day = _today(args)
    latencies: list[float] = []
    for _ in range(max(1, args.repeat)):
        for text in texts:
            begin = time.perf_counter()
            engine.match(text, day)
            latencies.append((time.perf_counter() - begin) * 1000)
    latencies.sort()
    tracemalloc.start()
    FaqEngine(load_knowledge_base(folder))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"load: {(loaded - started) * 1000:.0f} ms YAML+checks, "
        f"{(built - loaded) * 1000:.0f} ms index, {(built - started) * 1000:.0f} ms total"
    )
    print(
        f"latency over {len(latencies)} matches ({len(texts)} questions x {args.repeat}): "
        f"p50 {percentile(latencies, 50):.2f} ms, p95 {percentile(latencies, 95):.2f} ms, "
        f"p99 {percentile(latencies, 99):.2f} ms, max {latencies[-1]:.2f} ms"
    )
    print(
        f"memory: peak {peak / 2**20:.1f} MiB allocated while loading; "
        f"process peak RSS {max_rss_kib / 1024:.0f} MiB"
    )
    return 0
