"""Writing the FAQ files safely: one editor at a time, validated, replaced atomically.

Within a process an asyncio lock orders the edits; across processes (several bot workers,
a staff member's editor tools) an exclusive `flock` on a lock file beside the FAQ does. A
new text is checked with the same checks as `counsel-bot faq check` on a copy of the
folder first; an invalid result is never written.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from bot.calc import check_rules
from bot.curation import yaml_edit
from bot.curation.yaml_edit import LineEdit, YamlEditError
from bot.knowledge import KnowledgeBaseError, Problem, load_knowledge_base
from bot.reports.targets import TARGETS_FILE, check_targets

LOCK_FILE: Final = ".faq-edit.lock"
_TEMP_SUFFIX: Final = ".tmp"


class FaqInvalidError(Exception):
    """The edited folder would not pass `faq check`; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class FileChange:
    """A line written to (or removed from) one FAQ file."""

    file_name: str
    line_number: int
    line: str


def check_folder(folder: Path) -> list[Problem]:
    """Every problem `counsel-bot faq check` reports for `folder`."""
    problems: list[Problem] = []
    try:
        load_knowledge_base(folder)
    except KnowledgeBaseError as exc:
        problems += exc.problems
    return [*problems, *check_targets(folder / TARGETS_FILE), *check_rules(folder)]


def _check_candidate(faq_dir: Path, path: Path, text: str) -> list[Problem]:
    """The problems of the FAQ folder with `path` holding `text` (checked on a copy)."""
    with tempfile.TemporaryDirectory(prefix="faq-check-") as scratch:
        copy = Path(scratch) / "faq"
        shutil.copytree(faq_dir, copy, ignore=shutil.ignore_patterns(LOCK_FILE, "*.tmp"))
        (copy / path.name).write_text(text, encoding="utf-8")
        return check_folder(copy)


def replace_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def file_lock(faq_dir: Path) -> Iterator[None]:
    """An exclusive lock on the FAQ folder shared by every process (blocks until free)."""
    with (faq_dir / LOCK_FILE).open("a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


class FaqFiles:
    """Line edits of the FAQ group files in `faq_dir`."""

    def __init__(self, faq_dir: Path) -> None:
        self.faq_dir = faq_dir
        self._lock = asyncio.Lock()

    async def add_variant(self, *, entry_id: str, variant: str, day: date) -> FileChange:
        """Append `variant` to the entry's variants; YamlEditError / FaqInvalidError."""

        def edit(text: str) -> LineEdit:
            return yaml_edit.add_variant(text, entry_id, variant, day)

        return await self._edit(entry_id, day, None, edit)

    async def remove_variant(
        self, *, entry_id: str, file_name: str, variant: str, line: str, day: date
    ) -> FileChange:
        """Remove the line `add_variant` wrote, leaving the file otherwise as it is."""

        def edit(text: str) -> LineEdit:
            return yaml_edit.remove_variant(text, entry_id, variant, line, day)

        return await self._edit(entry_id, day, file_name, edit)

    async def _edit(
        self,
        entry_id: str,
        day: date,
        file_name: str | None,
        edit: Callable[[str], LineEdit],
    ) -> FileChange:
        async with self._lock:
            return await asyncio.to_thread(self._edit_locked, entry_id, day, file_name, edit)

    def _edit_locked(
        self,
        entry_id: str,
        day: date,
        file_name: str | None,
        edit: Callable[[str], LineEdit],
    ) -> FileChange:
        with file_lock(self.faq_dir):
            if file_name is None:
                path = yaml_edit.find_entry_file(self.faq_dir, entry_id, day)
            else:
                path = self.faq_dir / Path(file_name).name
                if not path.is_file():
                    raise YamlEditError("gone", file_name)
            with path.open(encoding="utf-8", newline="") as source:
                text = source.read()
            change = edit(text)
            problems = _check_candidate(self.faq_dir, path, change.new_text)
            if problems:
                raise FaqInvalidError(problems)
            replace_atomically(path, change.new_text)
        return FileChange(path.name, change.line_number, change.line)
