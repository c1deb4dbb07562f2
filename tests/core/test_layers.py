"""Imports point one way: handlers → bot core → storage; the core never imports telegram."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = "bot/runtime/"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_core_does_not_import_telegram() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _modules("bot")
        if not str(p.relative_to(ROOT)).startswith(RUNTIME) and "telegram" in _imports(p)
    ]
    assert offenders == []


def test_storage_imports_neither_bot_nor_handlers_nor_telegram() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _modules("storage")
        if _imports(p) & {"bot", "handlers", "telegram"}
    ]
    assert offenders == []


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
