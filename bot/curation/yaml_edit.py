"""Round-trip edits of an FAQ group file: one variant line added or removed, nothing else.

ruamel.yaml reads the file with its comments and layout and writes it back; the result is
accepted only when it differs from the original by exactly the one line, so a file ruamel
would reformat anywhere else is refused rather than rewritten.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from bot.knowledge.loader import IGNORED_FILES, SPECIAL_FILES, YAML_SUFFIXES
from bot.knowledge.normalize import compact_text
from bot.knowledge.sentences import question_part

#: Wider than any line of the files: ruamel must never fold a line it writes back.
_WIDTH: Final = 100_000


class YamlEditError(Exception):
    """The edit cannot be made; `reason` says why (a key of `bot.curation.texts`)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class LineEdit:
    """One line added to (or removed from) a file: the texts before and after."""

    old_text: str
    new_text: str
    line_number: int  # 1-based, in the file that holds the line
    line: str


def _yaml() -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = _WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def group_files(faq_dir: Path) -> list[Path]:
    """The topic group files, as the loader reads them."""
    return sorted(
        p
        for p in faq_dir.iterdir()
        if p.is_file()
        and p.suffix in YAML_SUFFIXES
        and p.name not in SPECIAL_FILES
        and p.name not in IGNORED_FILES
    )


def _load(text: str) -> Any:
    try:
        return _yaml().load(text)
    except YAMLError as exc:
        raise YamlEditError("unreadable", str(exc).splitlines()[0]) from exc


def _dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _in_force(node: CommentedMap, day: date) -> bool:
    start, end = node.get("valid_from"), node.get("valid_until")
    if isinstance(start, date) and day < start:
        return False
    return not (isinstance(end, date) and day > end)


def _entry_node(data: Any, entry_id: str, day: date) -> CommentedMap | None:
    if not isinstance(data, CommentedMap) or not isinstance(data.get("entries"), CommentedSeq):
        return None
    for node in data["entries"]:
        if isinstance(node, CommentedMap) and node.get("id") == entry_id and _in_force(node, day):
            return node
    return None


def find_entry_file(faq_dir: Path, entry_id: str, day: date) -> Path:
    """The group file holding the version of `entry_id` in force on `day`."""
    for path in group_files(faq_dir):
        try:
            data = _load(path.read_text(encoding="utf-8"))
        except YamlEditError:
            continue
        if _entry_node(data, entry_id, day) is not None:
            return path
    raise YamlEditError("no_entry", entry_id)


def one_line(question: str) -> str:
    """A question as a variant: one line, single spaces."""
    return " ".join(question.split())


def variant_of(message: str) -> str:
    """What of a parent's message becomes an example question: its question sentence(s).

    A whole story would bring its background words into the entry, and other questions
    that merely share them would be drawn to it.
    """
    return one_line(question_part(message))


def add_variant(text: str, entry_id: str, variant: str, day: date) -> LineEdit:
    """`text` (a group file) with `variant` appended to the entry's `variants:`."""
    variant = one_line(variant)
    if not variant:
        raise YamlEditError("empty")
    data = _load(text)
    node = _entry_node(data, entry_id, day)
    if node is None:
        raise YamlEditError("no_entry", entry_id)
    variants = node.get("variants")
    if variants is None:
        raise YamlEditError("no_variants", entry_id)
    if not isinstance(variants, CommentedSeq) or variants.fa.flow_style():
        raise YamlEditError("layout", "variants is not a block list")
    known = {compact_text(str(v)) for v in variants} | {
        compact_text(str(node.get("question", "")))
    }
    if compact_text(variant) in known:
        raise YamlEditError("duplicate", variant)
    variants.append(variant)
    new_text = _dump(data)
    number, line = _single_change(text, new_text, inserted=True)
    return LineEdit(text, new_text, number, line)


def remove_variant(text: str, entry_id: str, variant: str, line: str, day: date) -> LineEdit:
    """`text` without the variant line `line` of `entry_id` (as `add_variant` wrote it)."""
    data = _load(text)
    node = _entry_node(data, entry_id, day)
    variants = node.get("variants") if node is not None else None
    if not isinstance(variants, CommentedSeq):
        raise YamlEditError("gone", entry_id)
    matches = [i for i, v in enumerate(variants) if str(v) == variant]
    if not matches:
        raise YamlEditError("gone", variant)
    del variants[matches[-1]]
    new_text = _dump(data)
    number, removed = _single_change(text, new_text, inserted=False)
    if removed != line:
        raise YamlEditError("layout", "the line in the file is not the one written")
    return LineEdit(text, new_text, number, removed)


def _single_change(old: str, new: str, *, inserted: bool) -> tuple[int, str]:
    """(1-based line number, line) of the one line added (or removed); anything else
    changed is a refusal."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    changes = [
        op
        for op in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]
    if len(changes) == 1:
        tag, i1, i2, j1, j2 = changes[0]
        if inserted and tag == "insert" and j2 - j1 == 1:
            return j1 + 1, after[j1].rstrip("\r\n")
        if not inserted and tag == "delete" and i2 - i1 == 1:
            return i1 + 1, before[i1].rstrip("\r\n")
    raise YamlEditError("layout", "the file would change in more than one line")
