"""Crisis detection: runs before FAQ matching and wins over it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.knowledge.models import Safety

_DROP = re.compile(r"[\s.,!?~…·'\"“”‘’()\[\]{}<>/\\|:;*^_=-]+")


def crisis_text(text: str) -> str:
    """The form patterns are matched against: NFC, lower case, no spaces or punctuation."""
    return _DROP.sub("", unicodedata.normalize("NFC", text).lower())


def _compile(pattern: str) -> re.Pattern[str]:
    # Spaces in a pattern are only for readability: the text is compared without spaces.
    return re.compile(pattern.replace(" ", ""))


@dataclass(frozen=True)
class CrisisHit:
    kind: str
    matched: str


class CrisisDetector:
    """Applies the pattern families of `safety.yaml`."""

    def __init__(self, safety: Safety) -> None:
        self._families = [
            (family.kind, [_compile(p) for p in family.patterns],
             [_compile(p) for p in family.exclude])
            for family in safety.crisis
        ]

    def detect(self, text: str) -> CrisisHit | None:
        """The first crisis pattern found in `text`, unless an exclusion covers that spot."""
        compact = crisis_text(text)
        for kind, patterns, excludes in self._families:
            for pattern in patterns:
                for match in pattern.finditer(compact):
                    if not _is_excluded(match, excludes, compact):
                        return CrisisHit(kind=kind, matched=match.group(0))
        return None


def _is_excluded(match: re.Match[str], excludes: list[re.Pattern[str]], text: str) -> bool:
    start, end = match.span()
    return any(
        other.start() <= start and end <= other.end()
        for exclude in excludes
        for other in exclude.finditer(text)
    )
