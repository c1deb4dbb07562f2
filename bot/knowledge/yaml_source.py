"""Read YAML while keeping the 1-based line of every mapping key and sequence item."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import yaml

#: Larger files are refused unread: the real ones are a few dozen kB, and parsing cost
#: grows fast (a 10 MB file took half a minute and more than a gigabyte).
MAX_FILE_BYTES: Final = 1_000_000


class Located:
    """A parsed YAML value with its line, and located children for mappings / sequences.

    The children are built on first use: a load reads only the few lines it reports.
    """

    __slots__ = ("_fields", "_items", "_node", "line", "value")

    def __init__(self, value: Any, line: int, node: yaml.Node | None = None) -> None:
        self.value = value
        self.line = line
        self._node = node
        self._fields: dict[str, Located] | None = None
        self._items: list[Located] | None = None

    @property
    def fields(self) -> dict[str, Located]:
        """The children of a mapping by key, each at its key's line."""
        if self._fields is None:
            self._fields = {}
            node, value = self._node, self.value
            if isinstance(node, yaml.MappingNode) and isinstance(value, dict):
                for key_node, value_node in node.value:
                    key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                    if isinstance(key, str) and key in value:
                        line = key_node.start_mark.line + 1
                        self._fields[key] = Located(value[key], line, value_node)
        return self._fields

    @property
    def items(self) -> list[Located]:
        """The children of a sequence, in order."""
        if self._items is None:
            node, value = self._node, self.value
            self._items = []
            if isinstance(node, yaml.SequenceNode) and isinstance(value, list):
                self._items = [
                    Located(item, child.start_mark.line + 1, child)
                    for child, item in zip(node.value, value, strict=False)
                ]
        return self._items

    def get(self, key: str) -> Located:
        """The child under `key`; a missing key gives `None` at this node's line."""
        return self.fields.get(key, Located(value=None, line=self.line))

    def line_at(self, loc: tuple[int | str, ...]) -> int:
        """The line of the deepest node along a validation error's location."""
        current = self
        for part in loc:
            if isinstance(part, str) and part in current.fields:
                current = current.fields[part]
            elif isinstance(part, int) and part < len(current.items):
                current = current.items[part]
            else:
                break
        return current.line


class YamlSyntaxError(Exception):
    """The file is not valid YAML."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _NoAliasLoader(yaml.SafeLoader):
    """Refuses aliases (`*name`, `<<: *name`): a few lines of them can expand to
    billions of nodes (the "billion laughs"), and the FAQ files never need them."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # stubs lack it
            raise yaml.composer.ComposerError(
                None,
                None,
                _NO_ALIASES,
                event.start_mark,
            )
        return super().compose_node(parent, index)


_FAST: Final = getattr(yaml, "CSafeLoader", None)  # libyaml's parser, when installed
_NO_ALIASES: Final = "aliases (*name) are not allowed; write the value out"


def _loader(text: str) -> yaml.SafeLoader:
    """libyaml's parser after a scan for aliases (its composer would expand them), or the
    pure-Python loader that refuses them while composing."""
    if _FAST is None:
        return _NoAliasLoader(text)
    if "*" in text:  # every alias starts with `*`: a file without one needs no scan
        for event in yaml.parse(text, Loader=_FAST):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark is not None else 1
                raise YamlSyntaxError(line, f"YAML syntax error: {_NO_ALIASES}")
    loader: yaml.SafeLoader = _FAST(text)
    return loader


def read_yaml(path: Path) -> Located:
    """Parse one YAML document; an empty file gives `None` at line 1."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlSyntaxError(
                1,
                f"file too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES // 10**6} MB)",
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlSyntaxError(1, f"cannot read file: {exc}") from exc
    loader: yaml.SafeLoader | None = None
    try:
        loader = _loader(text)
        node = loader.get_single_node()
        if node is None:
            return Located(value=None, line=1)
        value = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlSyntaxError(line, f"YAML syntax error: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, f"YAML error: {exc}") from exc
    finally:
        if loader is not None:
            loader.dispose()
    return Located(value, node.start_mark.line + 1, node)
