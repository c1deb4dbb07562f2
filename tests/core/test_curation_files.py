"""Round-trip edits of the FAQ files: one line in, one line out, never two editors at once."""

from __future__ import annotations

import asyncio
import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.curation import yaml_edit
from bot.curation.files import FaqFiles, check_folder
from bot.curation.yaml_edit import YamlEditError

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 25)
GROUP = """\
group: leave
title: 휴가
order: 1
entries:
  # the comment staff wrote
  - id: leave-days
    question: 휴가는 며칠인가요?
    variants:
      - 휴가 며칠   # short form
      - "따옴표 질문"
    keywords: [휴가]
    answer: |
      90일이에요.
    reviewed: 2026-11-25
"""


def test_add_keeps_comments_quotes_and_layout() -> None:
    edit = yaml_edit.add_variant(GROUP, "leave-days", "휴가  기간이\n궁금해요", DAY)
    assert edit.line == "      - 휴가 기간이 궁금해요"
    lines = GROUP.splitlines(keepends=True)
    lines.insert(edit.line_number - 1, edit.line + "\n")
    assert edit.new_text == "".join(lines)


def test_text_yaml_would_misread_is_quoted() -> None:
    edit = yaml_edit.add_variant(GROUP, "leave-days", "출산: [며칠]?", DAY)
    assert edit.line == "      - '출산: [며칠]?'"


def test_remove_gives_back_the_original_bytes() -> None:
    added = yaml_edit.add_variant(GROUP, "leave-days", "휴가 기간", DAY)
    removed = yaml_edit.remove_variant(added.new_text, "leave-days", "휴가 기간", added.line, DAY)
    assert removed.new_text == GROUP


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("휴가 며칠", "duplicate"),
        ("휴가는 며칠인가요", "duplicate"),  # the question itself
    ],
)
def test_duplicates_are_refused(text: str, reason: str) -> None:
    with pytest.raises(YamlEditError) as raised:
        yaml_edit.add_variant(GROUP, "leave-days", text, DAY)
    assert raised.value.reason == reason


def test_flow_style_variants_are_not_rewritten() -> None:
    flow = GROUP.replace(
        '    variants:\n      - 휴가 며칠   # short form\n      - "따옴표 질문"\n',
        "    variants: [휴가 며칠]\n",
    )
    with pytest.raises(YamlEditError) as raised:
        yaml_edit.add_variant(flow, "leave-days", "휴가 기간", DAY)
    assert raised.value.reason == "layout"


def test_every_entry_of_the_faq_takes_a_one_line_variant() -> None:
    count = 0
    for path in yaml_edit.group_files(ROOT / "faq"):
        text = path.read_text(encoding="utf-8")
        data = yaml_edit._load(text)
        for node in data["entries"]:
            day = node.get("valid_from") or DAY
            edit = yaml_edit.add_variant(text, node["id"], "처음 보는 질문", day)
            assert len(edit.new_text.splitlines()) == len(text.splitlines()) + 1
            count += 1
    assert count >= 50


async def test_two_editors_without_a_shared_asyncio_lock_keep_both_lines(
    tmp_path: Path,
) -> None:
    """Two FaqFiles (as in two processes) only share the file lock."""
    folder = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", folder)
    first, second = FaqFiles(folder), FaqFiles(folder)
    changes = await asyncio.gather(
        first.add_variant(entry_id="parental-leave-length", variant="첫 번째 질문", day=DAY),
        second.add_variant(entry_id="parental-leave-length", variant="두 번째 질문", day=DAY),
    )
    text = (folder / "parental-leave.yaml").read_text(encoding="utf-8")
    assert "      - 첫 번째 질문\n" in text
    assert "      - 두 번째 질문\n" in text
    assert {c.file_name for c in changes} == {"parental-leave.yaml"}
    assert check_folder(folder) == []
    assert not list(folder.glob(".*.tmp"))
