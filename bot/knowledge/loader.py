"""Load `faq/` into a `KnowledgeBase`, collecting every problem instead of stopping at one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from bot.knowledge.models import (
    ID_PATTERN,
    Center,
    FaqEntry,
    Group,
    KnowledgeBase,
    Safety,
)
from bot.knowledge.normalize import english_base
from bot.knowledge.problems import KnowledgeBaseError, Problem
from bot.knowledge.safety import compile_pattern
from bot.knowledge.yaml_source import Located, YamlSyntaxError, read_yaml

CENTER_FILE: Final = "center.yaml"
SYNONYMS_FILE: Final = "synonyms.yaml"
SAFETY_FILE: Final = "safety.yaml"
#: Files with their own schema; every other top-level YAML file is a topic group.
SPECIAL_FILES: Final = frozenset({CENTER_FILE, SYNONYMS_FILE, SAFETY_FILE})
#: Staff files kept beside the FAQ that are not part of it (sub-folders are never read).
IGNORED_FILES: Final = frozenset({"targets.yaml", "targets.yml"})
YAML_SUFFIXES: Final = frozenset({".yaml", ".yml"})
#: Telegram allows 4096 characters; keep room for the title, links and buttons.
ANSWER_MAX_CHARS: Final = 3000
#: The first paragraph is the whole first message on a phone: key number and condition.
SHORT_ANSWER_MAX_CHARS: Final = 300
#: Longest button text that a phone shows uncut on a full-width button.
LABEL_MAX_CHARS: Final = 20
GROUP_FIELDS: Final = frozenset({"group", "title", "order", "entries"})

ModelT = TypeVar("ModelT", bound=BaseModel)


class _Collector:
    """Accumulates problems for one load."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def add(self, path: Path | str, line: int, message: str, *, unreadable: bool = False) -> None:
        name = path.name if isinstance(path, Path) else path
        self.problems.append(Problem(file=name, line=line, message=message, unreadable=unreadable))

    def validate(self, model: type[ModelT], node: Located, path: Path, what: str) -> ModelT | None:
        """Validate a mapping against `model`, reporting each field error at its line."""
        if not isinstance(node.value, dict):
            self.add(path, node.line, f"{what}: expected a mapping, got {_kind(node.value)}")
            return None
        try:
            return model.model_validate(node.value)
        except ValidationError as exc:
            for error in exc.errors():
                self.add(path, node.line_at(error["loc"]), _error_text(what, error))
            return None


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def _error_text(what: str, error: Any) -> str:
    loc = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    if kind == "missing":
        return f"{what}: missing field '{loc}'"
    if kind == "extra_forbidden":
        return f"{what}: unknown field '{loc}'"
    return f"{what}: field '{loc}': {error['msg']}"


def load_knowledge_base(path: Path) -> KnowledgeBase:
    """Load and check every YAML file in `path`; raise `KnowledgeBaseError` with all problems."""
    out = _Collector(path)
    if not path.is_dir():
        out.add(str(path), 0, "FAQ directory not found")
        raise KnowledgeBaseError(out.problems)
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)
    documents: dict[Path, Located] = {}
    for file in files:
        if file.name in IGNORED_FILES:
            continue
        try:
            documents[file] = read_yaml(file)
        except YamlSyntaxError as exc:
            out.add(file, exc.line, exc.message, unreadable=True)
    group_files = [f for f in files if f.name not in SPECIAL_FILES and f.name not in IGNORED_FILES]
    if not group_files:
        out.add(str(path), 0, "no FAQ group files (*.yaml with 'group' and 'entries')")
    entries: list[tuple[FaqEntry, Path, Located]] = []
    groups: list[tuple[Group, Path]] = []
    for file in group_files:
        if file in documents:
            group = _load_group(out, file, documents[file], entries)
            if group is not None:
                groups.append((group, file))
    _check_groups(out, groups)
    _check_entries(out, entries)
    center = _load_special(out, path / CENTER_FILE, documents, Center, "center")
    safety = _load_special(out, path / SAFETY_FILE, documents, Safety, "safety")
    if safety is not None:
        _check_patterns(out, path / SAFETY_FILE, documents[path / SAFETY_FILE], safety)
    synonyms = _load_synonyms(out, path / SYNONYMS_FILE, documents)
    if out.problems or safety is None:
        raise KnowledgeBaseError(out.problems)
    return KnowledgeBase(
        entries=[entry for entry, _, _ in entries],
        groups=sorted((group for group, _ in groups), key=lambda g: (g.order, g.id)),
        center=center,
        safety=safety,
        synonyms=synonyms,
    )


def _load_group(
    out: _Collector,
    file: Path,
    doc: Located,
    entries: list[tuple[FaqEntry, Path, Located]],
) -> Group | None:
    if not isinstance(doc.value, dict):
        out.add(file, doc.line, f"group file: expected a mapping, got {_kind(doc.value)}")
        return None
    for key in sorted(set(doc.value) - GROUP_FIELDS, key=str):
        out.add(file, doc.get(str(key)).line, f"group file: unknown field '{key}'")
    group_id, title, order = doc.get("group"), doc.get("title"), doc.get("order")
    ok = True
    if not isinstance(group_id.value, str) or not ID_PATTERN.match(group_id.value):
        out.add(file, group_id.line, "group: missing or not a kebab-case id")
        ok = False
    if not isinstance(title.value, str) or not title.value.strip():
        out.add(file, title.line, "title: missing or empty")
        ok = False
    if not isinstance(order.value, int) or isinstance(order.value, bool):
        out.add(file, order.line, "order: missing or not an integer")
        ok = False
    node = doc.get("entries")
    if not isinstance(node.value, list) or not node.value:
        out.add(file, node.line, "entries: missing, empty or not a list")
        return None
    ids: list[str] = []
    for index, item in enumerate(node.items):
        what = f"entry {_entry_label(item, index)}"
        entry = out.validate(FaqEntry, item, file, what)
        if entry is not None:
            entries.append((entry, file, item))
            ids.append(entry.id)
    if not ok:
        return None
    return Group(
        id=group_id.value, title=title.value, order=order.value, entry_ids=list(dict.fromkeys(ids))
    )


def _entry_label(item: Located, index: int) -> str:
    if isinstance(item.value, dict) and isinstance(item.value.get("id"), str):
        return f"'{item.value['id']}'"
    return f"#{index + 1}"


def _check_groups(out: _Collector, groups: list[tuple[Group, Path]]) -> None:
    seen: dict[str, str] = {}
    for group, file in groups:
        if group.id in seen:
            out.add(file, 1, f"group '{group.id}' already defined in {seen[group.id]}")
        seen.setdefault(group.id, file.name)


def _check_entries(out: _Collector, entries: list[tuple[FaqEntry, Path, Located]]) -> None:
    known = {entry.id for entry, _, _ in entries}
    by_id: dict[str, list[tuple[FaqEntry, Path, Located]]] = {}
    for entry, file, node in entries:
        what = f"entry '{entry.id}'"
        if not ID_PATTERN.match(entry.id):
            out.add(file, node.get("id").line, f"{what}: id is not kebab-case (a-z, 0-9, -)")
        for earlier, earlier_file, earlier_node in by_id.get(entry.id, []):
            if entry.overlaps(earlier):
                out.add(
                    file,
                    node.get("id").line,
                    f"{what}: duplicate id (also at {earlier_file.name}:"
                    f"{earlier_node.get('id').line}) with overlapping validity dates",
                )
        by_id.setdefault(entry.id, []).append((entry, file, node))
        if entry.valid_from and entry.valid_until and entry.valid_from > entry.valid_until:
            out.add(file, node.get("valid_from").line, f"{what}: valid_from after valid_until")
        for related in entry.related:
            if related not in known:
                out.add(file, node.get("related").line, f"{what}: unknown related id '{related}'")
            elif related == entry.id:
                out.add(file, node.get("related").line, f"{what}: related lists itself")
        for index, link in enumerate(entry.links):
            if not _is_http_url(link.url):
                line = node.get("links").items[index].line if node.get("links").items else 0
                out.add(file, line, f"{what}: malformed link URL '{link.url}' (need http/https)")
        _check_lengths(out, entry, file, node)
        if len(entry.answer) > ANSWER_MAX_CHARS:
            out.add(
                file,
                node.get("answer").line,
                f"{what}: answer has {len(entry.answer)} characters "
                f"(limit {ANSWER_MAX_CHARS}, Telegram allows 4096 with rendering)",
            )


def _check_lengths(out: _Collector, entry: FaqEntry, file: Path, node: Located) -> None:
    """The direct answer fits a phone screen; the button text is never cut."""
    what = f"entry '{entry.id}'"
    if len(entry.short_answer) > SHORT_ANSWER_MAX_CHARS:
        out.add(
            file,
            node.get("answer").line,
            f"{what}: first paragraph has {len(entry.short_answer)} characters "
            f"(limit {SHORT_ANSWER_MAX_CHARS}: the direct answer, details after a blank line)",
        )
    if len(entry.button_label) > LABEL_MAX_CHARS:
        field = "label" if entry.label else "question"
        out.add(
            file,
            node.get(field).line,
            f"{what}: button text has {len(entry.button_label)} characters "
            f"(limit {LABEL_MAX_CHARS}); add a shorter 'label'",
        )


def _is_http_url(url: str) -> bool:
    if any(ch.isspace() for ch in url):
        return False
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and "." in parts.netloc


def _load_special(
    out: _Collector,
    file: Path,
    documents: dict[Path, Located],
    model: type[ModelT],
    what: str,
) -> ModelT | None:
    if file not in documents:
        if not file.exists():
            out.add(file, 0, f"{file.name} is missing")
        return None
    return out.validate(model, documents[file], file, what)


def _check_patterns(out: _Collector, file: Path, doc: Located, safety: Safety) -> None:
    items = doc.get("crisis").items
    for index, family in enumerate(safety.crisis):
        node = items[index] if index < len(items) else doc
        for key, patterns in (("patterns", family.patterns), ("exclude", family.exclude)):
            lines = node.get(key).items
            for number, pattern in enumerate(patterns):
                try:
                    compile_pattern(pattern)
                except re.error as exc:
                    line = lines[number].line if number < len(lines) else node.line
                    out.add(file, line, f"safety '{family.kind}': bad pattern {pattern!r}: {exc}")


def _load_synonyms(
    out: _Collector, file: Path, documents: dict[Path, Located]
) -> dict[str, list[str]]:
    if file not in documents:
        if not file.exists():
            out.add(file, 0, f"{file.name} is missing")
        return {}
    doc = documents[file]
    node = doc.get("synonyms") if isinstance(doc.value, dict) else doc
    if not isinstance(node.value, dict):
        out.add(file, node.line, "synonyms: expected a mapping 'canonical term: [variants]'")
        return {}
    result: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    for canonical, variants in node.value.items():
        line = node.get(str(canonical)).line
        if not isinstance(canonical, str) or not _all_text(variants):
            out.add(file, line, f"synonyms '{canonical}': expected a list of non-empty strings")
            continue
        for variant in variants:
            key = english_base(variant.strip().lower())  # "benefits" is "benefit"
            if owner.get(key, canonical) != canonical:
                out.add(
                    file,
                    line,
                    f"synonyms: '{variant}' is listed under both '{owner[key]}' and '{canonical}'",
                )
            owner[key] = canonical
        result[canonical] = [str(v).strip() for v in variants]
    return result


def _all_text(values: object) -> bool:
    return (
        isinstance(values, list)
        and bool(values)
        and all(isinstance(value, str) and value.strip() for value in values)
    )
