"""Typed models of the FAQ knowledge base (pure data, no I/O)."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

ID_PATTERN: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Link(_Strict):
    """An official page shown under an answer."""

    title: str = Field(min_length=1)
    url: str = Field(min_length=1)


class FaqEntry(_Strict):
    """One FAQ entry; several versions may share an id with disjoint validity ranges."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True
    )

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    #: Short button text for menus and related questions; the question when absent.
    label: str | None = Field(default=None, min_length=1)
    variants: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    answer: str = Field(min_length=1)
    legal_basis: list[str] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    reviewed: date
    #: Staff-only note on what still needs an official check; never shown to parents.
    review: str | None = Field(default=None, min_length=1)
    valid_from: date | None = None
    valid_until: date | None = None

    @field_validator("variants", "keywords", "legal_basis", "related")
    @classmethod
    def _no_blank_items(cls, items: list[str]) -> list[str]:
        if any(not item.strip() for item in items):
            raise ValueError("list items must not be empty")
        return items

    @field_validator("legal_basis", "related")
    @classmethod
    def _shown_once(cls, items: list[str]) -> list[str]:
        """Lists parents read: an item written twice is shown once."""
        return list(dict.fromkeys(items))

    @property
    def short_answer(self) -> str:
        """The direct answer parents see first: the answer's first paragraph."""
        return self.answer.strip().split("\n\n", 1)[0].strip()

    @property
    def has_details(self) -> bool:
        """Whether the answer goes on after its first paragraph."""
        return self.short_answer != self.answer.strip()

    @property
    def button_label(self) -> str:
        return self.label or self.question

    def is_valid_on(self, day: date) -> bool:
        """Whether this version of the entry is in force on `day` (both bounds inclusive)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until

    def overlaps(self, other: FaqEntry) -> bool:
        """Whether the validity ranges of two versions share at least one day."""
        start = max(self.valid_from or date.min, other.valid_from or date.min)
        end = min(self.valid_until or date.max, other.valid_until or date.max)
        return start <= end


class Group(_Strict):
    """A topic group (one YAML file) as shown in the menu."""

    id: str
    title: str
    order: int
    entry_ids: list[str]


class Phone(_Strict):
    team: str = Field(min_length=1)
    number: str = Field(min_length=1)


class Center(_Strict):
    """Contact facts of the center (`center.yaml`)."""

    name: str
    short_name: str
    address: str
    website: str
    hours: str
    phones: list[Phone]
    reply_time: str
    notice: str = ""
    #: Staff-only note on contact facts still to confirm; never shown to parents.
    review: str | None = Field(default=None, min_length=1)
    reviewed: date


class CrisisPattern(_Strict):
    """A named family of regular expressions that signal a crisis."""

    kind: str
    patterns: list[str] = Field(min_length=1)
    exclude: list[str] = Field(default_factory=list)


class Safety(_Strict):
    """Crisis patterns and the hotline message (`safety.yaml`)."""

    message: str = Field(min_length=1)
    crisis: list[CrisisPattern] = Field(min_length=1)
    reviewed: date


class KnowledgeBase(BaseModel):
    """Every entry version, the groups, the center facts, safety rules and synonyms."""

    model_config = ConfigDict(frozen=True)

    entries: list[FaqEntry]
    groups: list[Group]
    center: Center | None
    safety: Safety
    synonyms: dict[str, list[str]]

    _versions: tuple[int, dict[str, list[FaqEntry]]] | None = PrivateAttr(default=None)

    def entry(self, entry_id: str, day: date) -> FaqEntry | None:
        """The version of `entry_id` in force on `day`, if any."""
        for item in self._versions_of(entry_id):
            if item.is_valid_on(day):
                return item
        return None

    def _versions_of(self, entry_id: str) -> list[FaqEntry]:
        """The versions of `entry_id` in file order, from an index made on first use (and
        made again for a copy with other entries)."""
        built = self._versions
        if built is None or built[0] != id(self.entries):
            versions: dict[str, list[FaqEntry]] = {}
            for item in self.entries:
                versions.setdefault(item.id, []).append(item)
            built = self._versions = (id(self.entries), versions)
        return built[1].get(entry_id, [])

    def entries_on(self, day: date) -> list[FaqEntry]:
        """All entries in force on `day`, one version per id, in file order."""
        return [item for item in self.entries if item.is_valid_on(day)]

    @property
    def ids(self) -> list[str]:
        """Distinct entry ids in file order."""
        return list(dict.fromkeys(item.id for item in self.entries))
