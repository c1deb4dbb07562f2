"""Crisis detection: runs before FAQ matching and wins over it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.knowledge.models import Safety

_PUNCTUATION = re.compile(r"[^\w\s]+|_")
_SPACES = re.compile(r"\s+")
#: Two or more one-syllable words in a row ("죽 고 싶 어 요"): letters spaced out on purpose.
_SPACED_LETTERS = re.compile(r"(?<!\S)[가-힣](?:\s[가-힣])+(?!\S)")


def crisis_text(text: str) -> str:
    """The form patterns are matched against: NFC, lower case, punctuation as spaces."""
    text = _PUNCTUATION.sub(" ", unicodedata.normalize("NFC", text).lower())
    return _SPACES.sub(" ", text).strip()


def _joined_letters(text: str) -> str:
    """`text` with spaced-out letters joined back into a word."""
    return _SPACED_LETTERS.sub(lambda match: match.group(0).replace(" ", ""), text)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a `safety.yaml` pattern; raises `re.error` if it is not a valid one.

    A space in a pattern means "a space or none"; where a pattern has no space, the text
    must not have one either (so "혼자 살아요" never matches 자살). Use `\\s` for a
    space that must be there.
    """
    # " ?" says the same as " " (and would otherwise become a lazy "\s??").
    return re.compile(_SPACES.sub(r"\\s?", pattern.strip().replace(" ?", " ")))


@dataclass(frozen=True)
class CrisisHit:
    kind: str
    matched: str


class CrisisDetector:
    """Applies the pattern families of `safety.yaml`."""

    def __init__(self, safety: Safety) -> None:
        self._families = [
            (
                family.kind,
                [compile_pattern(p) for p in family.patterns],
                [compile_pattern(p) for p in family.exclude],
            )
            for family in safety.crisis
        ]

    def detect(self, text: str) -> CrisisHit | None:
        """The first crisis pattern found in `text`, unless an exclusion covers that spot."""
        compact = crisis_text(text)
        joined = _joined_letters(compact)
        for form in (compact, joined) if joined != compact else (compact,):
            hit = self._detect(form)
            if hit is not None:
                return hit
        return None

    def _detect(self, compact: str) -> CrisisHit | None:
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
