"""Split words glued together without spaces ("육아휴직급여신청언제해요") using known words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

from bot.knowledge.hangul import confusable_spellings, decompose

#: Only unknown "words" at least this long (syllables) are split.
MIN_GLUED_LENGTH: Final = 5
MAX_PIECE: Final = 10
_KNOWN_COST: Final = 1.0
_SINGLE_COST: Final = 1.6  # one leftover syllable: a bit worse than a known pair


class Segmenter:
    """Dictionary-based segmentation: the fewest pieces, preferring known words."""

    def __init__(self, words: Iterable[str]) -> None:
        self._known = {word for word in words if len(word) >= 2}
        self._by_jamo = {
            decompose(word): word for word in sorted(self._known) if len(word) >= MIN_GLUED_LENGTH
        }
        self._jamo = list(self._by_jamo)

    def __contains__(self, word: str) -> bool:
        return word in self._known

    def split(self, word: str) -> str:
        """`word`, or its pieces separated by spaces when it is a glued unknown word."""
        if (
            len(word) < MIN_GLUED_LENGTH
            or word in self._known
            or not word.isalnum()
            or word.isascii()
        ):
            return word
        known = self._misspelt(word)
        if known is not None:
            return known  # one long word with a typo, not several words
        size = len(word)
        best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * size
        for end in range(1, size + 1):
            for start in range(max(0, end - MAX_PIECE), end):
                piece = word[start:end]
                if end - start == 1:
                    cost = _SINGLE_COST
                elif piece in self._known:
                    cost = _KNOWN_COST
                else:
                    continue
                total = best[start][0] + cost
                if total < best[end][0]:
                    best[end] = (total, start)
        pieces: list[str] = []
        end = size
        while end > 0:
            start = best[end][1]
            pieces.append(word[start:end])
            end = start
        pieces.reverse()
        merged: list[str] = []
        for piece in pieces:  # keep runs of leftover syllables together
            if merged and len(piece) == 1 and len(merged[-1]) == 1:
                merged[-1] += piece
            else:
                merged.append(piece)
        return " ".join(merged)

    def _misspelt(self, word: str) -> str | None:
        jamo = decompose(word)
        for spelling in confusable_spellings(jamo):
            if spelling in self._by_jamo:
                return self._by_jamo[spelling]
        found = extractOne(jamo, self._jamo, scorer=Levenshtein.distance, score_cutoff=1)
        return None if found is None else self._by_jamo[found[0]]
