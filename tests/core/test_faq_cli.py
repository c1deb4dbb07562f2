"""`counsel-bot faq …` run in-process through `bot.cli.main`."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.knowledge import FaqEngine, load_knowledge_base
from bot.knowledge.classifier import EntryClassifier
from bot.knowledge.decision import DecisionModel

ROOT = Path(__file__).resolve().parents[2]
FAQ = str(ROOT / "faq")
DEV = str(ROOT / "tests" / "data" / "faq-dev-questions.yaml")


def test_check_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "check", FAQ]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: ")
    assert "entries" in out


def test_check_reports_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "leave.yaml").write_text(
        "group: leave\ntitle: x\norder: 1\nentries: [\n", encoding="utf-8"
    )
    assert main(["faq", "check", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("leave.yaml:") for line in lines)
    assert "safety.yaml:0: safety.yaml is missing" in lines


def test_ask_human(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "faq",
                "ask",
                "육아휴직 급여 상한액이 얼마예요",
                "--faq-dir",
                FAQ,
                "--date",
                "2026-11-25",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("outcome: answer")
    assert "1. parental-leave-pay:" in out
    assert "상담 신청" in out  # the answer text follows


def test_ask_crisis_shows_hotlines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "ask", "요즘 죽고 싶다는 생각뿐이에요", "--faq-dir", FAQ]) == 0
    out = capsys.readouterr().out
    assert out.startswith("outcome: crisis")
    assert "109" in out


def test_ask_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "ask", "배출휴 며칠이에요", "--json", "--faq-dir", FAQ]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"question", "outcome", "ids", "score"}
    assert data["ids"][0] == "spouse-childbirth-leave"
    assert len(data["ids"]) <= 3


def test_ask_json_lines_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("출휴 며칠 쓸 수 있어요\n\n오늘 점심 뭐 먹지\n"))
    assert main(["faq", "ask", "--json", "--faq-dir", FAQ]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["question"] for row in rows] == ["출휴 며칠 쓸 수 있어요", "오늘 점심 뭐 먹지"]
    assert rows[0]["ids"][0] == "maternity-leave-length"
    assert rows[1]["outcome"] != "answer"


def test_ask_without_question_needs_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "ask", "--faq-dir", FAQ]) == 2
    assert "--json" in capsys.readouterr().err


def test_eval_prints_metrics_and_misses(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "eval", DEV, "--faq-dir", FAQ, "--date", "2026-11-25"]) == 0
    out = capsys.readouterr().out
    for name in ("top1", "top3", "none_answered", "crisis_recall", "false_crisis", "p99_ms"):
        assert name in out
    assert "misses" in out


def test_eval_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "eval", str(tmp_path / "nope.yaml"), "--faq-dir", FAQ]) == 2
    assert "error" in capsys.readouterr().err


def test_bench(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "bench", DEV, "--repeat", "1", "--faq-dir", FAQ]) == 0
    out = capsys.readouterr().out
    assert "load:" in out
    assert "p99" in out
    assert "memory" in out


def test_ask_context_reads_a_follow_up_with_the_chat(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"chat": "a", "q": "배우자 출산휴가 며칠이에요"},
        {"chat": "b", "q": "육아휴직 대상이 어떻게 돼요"},
        {"chat": "a", "q": "급여는요?"},
        {"chat": "b", "q": "파견이면요?"},
    ]
    stdin = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(["faq", "ask", "--json", "--context", "--faq-dir", FAQ]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [set(row) for row in rows] == [{"question", "outcome", "ids", "score"}] * 4
    assert rows[2]["ids"][0] == "spouse-childbirth-leave-pay"
    assert rows[3]["ids"][0] == "fixed-term-parental-leave"


def test_ask_context_rejects_a_plain_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("육아휴직 급여\n"))
    assert main(["faq", "ask", "--json", "--context", "--faq-dir", FAQ]) == 2
    assert "chat" in capsys.readouterr().err


def test_small_talk_and_person_requests_are_not_none(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("고마워요\nㅠㅠ\n상담원 연결해주세요\n"))
    assert main(["faq", "ask", "--json", "--faq-dir", FAQ]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["outcome"] for row in rows] == ["suggestions"] * 3
    assert rows[0]["ids"] == []
    assert "center-contact" in rows[2]["ids"]


def test_eval_folds_prints_per_style_and_per_fold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = str(ROOT / "tests" / "data" / "faq-corpus-heldout.yaml")
    args = ["faq", "eval", corpus, "--folds", "3", "--faq-dir", FAQ, "--date", "2026-12-06"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "3-fold cross-validation" in out
    assert "fold 3:" in out
    for style in ("story", "english", "crisis", "followup"):
        assert f"  {style}" in out


def test_train_writes_a_decision_the_engine_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, classifier = tmp_path / "decision.json", tmp_path / "classifier.npz"
    args = ["faq", "train", DEV, "--out", str(out), "--classifier-out", str(classifier)]
    assert main([*args, "--faq-dir", FAQ]) == 0
    assert "wrote" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert 0.0 <= data["suggest"] <= data["answer"] <= 1.0
    engine = FaqEngine(
        load_knowledge_base(Path(FAQ)),
        DecisionModel.load(out),
        classifier=EntryClassifier.load(classifier),
    )
    result = engine.match("육아휴직 급여 얼마 나와요", date(2026, 12, 6))
    assert result.ids[0] == "parental-leave-pay"


def test_a_reader_that_goes_away_stops_the_output_quietly() -> None:
    """`faq ask … | head -1`: no traceback when the pipe closes early."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    questions = "\n".join(["육아휴직 급여 얼마예요"] * 400) + "\n"
    asker = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "faq", "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert asker.stdin is not None
    assert asker.stdout is not None
    asker.stdin.write(questions.encode())
    asker.stdin.close()
    first = asker.stdout.readline()
    asker.stdout.close()  # what `head -1` does after its line
    asker.wait(timeout=60)
    assert first.startswith(b"{")
    assert asker.stderr is not None
    with asker.stderr:
        errors = asker.stderr.read()
    assert b"Traceback" not in errors
