"""`faq check` also validates the staff files beside the FAQ (targets)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_bad_targets_file_fails_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", folder)
    (folder / "targets.yaml").write_text("year: 2026\ntargets:\n  nope: 5\n", encoding="utf-8")
    assert main(["faq", "check", str(folder)]) == 1
    assert "targets.yaml" in capsys.readouterr().out


def test_real_faq_folder_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "check", str(ROOT / "faq")]) == 0
    assert capsys.readouterr().out.startswith("OK:")
