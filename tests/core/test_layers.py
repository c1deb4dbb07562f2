"""Imports point one way: handlers → bot core → storage; the core never imports telegram.

Below storage sits one module, `bot.vocabulary`: the domain's words, standard library only.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = "bot/runtime/"


def _modules_imported(path: Path) -> set[str]:
    """Dotted names of the modules a file imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _imports(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _modules_imported(path)}


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_core_does_not_import_telegram() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _modules("bot")
        if not str(p.relative_to(ROOT)).startswith(RUNTIME) and "telegram" in _imports(p)
    ]
    assert offenders == []


def test_storage_imports_from_bot_only_the_vocabulary() -> None:
    offenders = {
        str(p.relative_to(ROOT)): sorted(
            name
            for name in _modules_imported(p)
            if name.split(".")[0] in {"bot", "handlers", "telegram"} and name != "bot.vocabulary"
        )
        for p in _modules("storage")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_vocabulary_imports_only_the_standard_library() -> None:
    imported = _imports(ROOT / "bot" / "vocabulary.py") - {"__future__"}
    assert imported
    assert imported <= sys.stdlib_module_names


def test_core_does_not_import_handlers() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _modules("bot")
        if not str(p.relative_to(ROOT)).startswith(RUNTIME) and "handlers" in _imports(p)
    ]
    assert offenders == []


def test_knowledge_package_is_pure() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _modules("bot/knowledge")
        if p.name != "service.py"  # the bot's use of it: logs through a unit of work
        and _imports(p) & {"telegram", "sqlalchemy", "storage"}
    ]
    assert offenders == []


def test_core_does_not_import_sqlalchemy() -> None:
    """All SQL lives in storage/: the core reaches it through the unit of work."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in _modules("bot")
        if not str(p.relative_to(ROOT)).startswith(RUNTIME) and "sqlalchemy" in _imports(p)
    ]
    assert offenders == []


def _calls_outbox_enqueue(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "enqueue"
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "outbox"
        ):
            return True
    return False


def test_only_the_notifier_writes_outbox_rows() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*_modules("bot"), *_modules("handlers")]
        if p.relative_to(ROOT).as_posix() != "bot/notify/notifier.py" and _calls_outbox_enqueue(p)
    ]
    assert offenders == []


# Handlers call services, not repositories; the update guard and the per-update
# transaction do every update's bookkeeping (seen ids, user touch, sent message ids).
REPOSITORY_CALLS_ALLOWED = {
    "handlers/guard.py",
    "handlers/transaction.py",
}


def _repository_calls(path: Path) -> list[str]:
    """`uow.<repository>.<method>` attribute chains in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.value.attr}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id == "uow"
        and node.value.attr != "session"
    ]


def test_handlers_do_not_call_repositories() -> None:
    offenders = {
        str(p.relative_to(ROOT)): calls
        for p in _modules("handlers")
        if str(p.relative_to(ROOT)) not in REPOSITORY_CALLS_ALLOWED
        and (calls := _repository_calls(p))
    }
    assert offenders == {}


CALLBACK_DATA = re.compile(r"^(claim|case|stg|cls|docs|grp|faq|fb|in|del|clr|sat):")


def _callback_literals(path: Path) -> list[str]:
    """String literals (f-string parts too) shaped like our callback data."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CALLBACK_DATA.match(node.value)
    ]


def test_callback_data_formats_live_in_callbacks_module() -> None:
    offenders = {
        str(p.relative_to(ROOT)): found
        for p in _modules("handlers") + _modules("bot")
        if p != ROOT / "handlers/callbacks.py" and (found := _callback_literals(p))
    }
    assert offenders == {}
