"""Hostile or broken FAQ files: refused quickly with a clear file:line, memory bounded."""

from __future__ import annotations

import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.knowledge import KnowledgeBaseError, load_knowledge_base
from bot.knowledge.yaml_source import MAX_FILE_BYTES, YamlSyntaxError, read_yaml

REAL_FAQ = Path(__file__).resolve().parents[2] / "faq"

# Ten levels of nine aliases: about 10^9 strings once expanded.
BILLION_LAUGHS = "\n".join(
    [
        "group: bomb",
        'a0: &a0 ["lol"]',
        *(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)),
        "entries: *a9",
    ]
)


@pytest.fixture
def faq_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "faq"
    shutil.copytree(REAL_FAQ, folder)
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(folder)
    return [str(problem) for problem in info.value.problems]


def test_yaml_bomb_is_refused_at_its_first_alias(faq_copy: Path) -> None:
    bomb = faq_copy / "bomb.yaml"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    problems = _problems(faq_copy)
    assert time.perf_counter() - started < 10
    tracemalloc.start()
    try:
        with pytest.raises(YamlSyntaxError):
            read_yaml(bomb)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < 2**20
    assert problems[0].startswith("bomb.yaml:3: ")
    assert "aliases (*name) are not allowed" in problems[0]


def test_merge_key_alias_is_refused_too(faq_copy: Path) -> None:
    (faq_copy / "merge.yaml").write_text(
        "base: &base {reviewed: 2026-11-25}\ngroup: merge\nentries:\n  - <<: *base\n",
        encoding="utf-8",
    )
    assert any(p.startswith("merge.yaml:4: ") and "aliases" in p for p in _problems(faq_copy))


def test_oversized_file_is_refused_unread(faq_copy: Path) -> None:
    big = faq_copy / "huge.yaml"
    big.write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 1), encoding="utf-8")
    problems = _problems(faq_copy)
    assert problems[0].startswith("huge.yaml:1: file too large (1.0 MB; the limit is 1 MB)")


def test_syntax_error_comes_before_the_errors_it_causes(faq_copy: Path) -> None:
    # pregnancy.yaml broken: entries other files relate to disappear, giving follow-on
    # "unknown related id" errors in files sorted before it.
    path = faq_copy / "pregnancy.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5] + " : : ["
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = _problems(faq_copy)
    assert len(problems) > 1
    assert problems[0].startswith("pregnancy.yaml:6: ")
    assert any(p.startswith("center-services.yaml:") for p in problems)
    assert "YAML syntax error" in problems[0]


def test_faq_check_reports_the_bomb_first_and_exits_1(
    faq_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (faq_copy / "bomb.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    (faq_copy / "rules" / "bomb.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    assert main(["faq", "check", str(faq_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("bomb.yaml:3: ")
    assert any(line.startswith("rules/bomb.yaml:3: ") for line in out)
    assert all("aliases" in line for line in out[:2])


def test_faq_check_lists_the_syntax_error_first(
    faq_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = faq_copy / "pregnancy.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5] + " : : ["
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["faq", "check", str(faq_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("pregnancy.yaml:6: YAML syntax error")
