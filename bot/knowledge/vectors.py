"""A second, independent view of similarity: TF-IDF over character n-grams.

Each entry version becomes the centroid of its texts (question, variants, keywords) as
L2-normalised TF-IDF vectors of character 1–3-grams taken inside words, padded with a
space at both ends (so word starts and ends count). A message is scored by cosine with
every centroid at once. It needs no word rules at all, so it catches what the lexical
scorer misses (stories, unusual endings, typos) and, where both agree, it is strong
evidence that the best entry is right. Built at load and on every reload.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from typing import Final

import numpy as np
import numpy.typing as npt

#: Character n-gram lengths, inside words.
MIN_GRAM: Final = 1
MAX_GRAM: Final = 3
#: Words whose n-grams are remembered (FAQ texts and messages share most words).
WORD_CACHE_SIZE: Final = 20_000

Scores = npt.NDArray[np.float32]


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _word_grams(word: str) -> tuple[str, ...]:
    """The n-grams of one word in order: its letters, then the padded 2- and 3-grams."""
    padded = f" {word} "
    grams: list[str] = list(word)  # the one-letter grams: every letter, never the padding
    for size in range(2, MAX_GRAM + 1):
        grams.extend(padded[start : start + size] for start in range(len(padded) - size + 1))
    return tuple(grams)


def char_grams(text: str) -> Counter[str]:
    """Character n-grams of each word padded with spaces (" 육아", "아휴", "직 " ...)."""
    words = unicodedata.normalize("NFKC", text).lower().split()
    return Counter(chain.from_iterable(map(_word_grams, words)))


class CharGramVectors:
    """One centroid per document group; `similarities(text)` is the cosine with each.

    The centroids are kept sparse, by n-gram (compressed rows: for each n-gram the groups
    that use it and its weight there), so memory and the cost of a message grow with the
    n-grams actually used, not with n-grams × groups.
    """

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        known: dict[str, Counter[str]] = {}  # the same keyword is often in many entries
        counted = [[known.get(t) or known.setdefault(t, char_grams(t)) for t in g] for g in groups]
        frequency = Counter(chain.from_iterable(grams.keys() for g in counted for grams in g))
        documents = sum(map(len, counted))
        self._groups = len(groups)
        self._column = {gram: number for number, gram in enumerate(sorted(frequency))}
        self._idf = np.array(
            [math.log((1 + documents) / (1 + frequency[gram])) + 1.0 for gram in self._column],
            dtype=np.float32,
        )
        size = len(self._column)
        weighed: dict[int, tuple[npt.NDArray[np.intp], Scores]] = {}
        grams_of: list[npt.NDArray[np.intp]] = []
        owners_of: list[npt.NDArray[np.intp]] = []
        weights_of: list[Scores] = []
        for number, texts in enumerate(counted):
            parts = [
                weighed.get(id(g)) or weighed.setdefault(id(g), self._weigh(g, known=True))
                for g in texts
            ]
            if not parts:
                continue
            centroid = np.bincount(
                np.concatenate([indices for indices, _ in parts]),
                weights=np.concatenate([values for _, values in parts]),
                minlength=size,
            )
            used = np.flatnonzero(centroid)
            norm = float(np.linalg.norm(centroid[used]))
            if norm == 0:
                continue
            grams_of.append(used)
            owners_of.append(np.full(len(used), number, dtype=np.intp))
            weights_of.append((centroid[used] / norm).astype(np.float32))
        gram_ids = np.concatenate(grams_of) if grams_of else np.zeros(0, dtype=np.intp)
        order = np.argsort(gram_ids, kind="stable")
        self._owners = (np.concatenate(owners_of) if owners_of else gram_ids)[order]
        self._weights = (
            np.concatenate(weights_of) if weights_of else np.zeros(0, dtype=np.float32)
        )[order]
        counts = np.bincount(gram_ids, minlength=size)
        self._starts = np.concatenate(([0], np.cumsum(counts))).astype(np.intp)

    def _weigh(
        self, grams: Counter[str], *, known: bool = False
    ) -> tuple[npt.NDArray[np.intp], Scores]:
        """Known n-grams as (columns, L2-normalised sublinear TF-IDF values); `known`: every
        n-gram has a column (the FAQ's own texts)."""
        if not grams:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
        counts = np.fromiter(grams.values(), dtype=np.float32, count=len(grams))
        if known:
            indices = np.fromiter(map(self._column.__getitem__, grams), np.intp, len(grams))
        else:
            column = self._column.get
            found = np.fromiter((column(g, -1) for g in grams), dtype=np.intp, count=len(grams))
            is_known = found >= 0
            if not is_known.any():
                return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
            indices, counts = found[is_known], counts[is_known]
        values = (1.0 + np.log(counts)) * self._idf[indices]
        return indices, (values / np.linalg.norm(values)).astype(np.float32)

    def similarities(self, text: str) -> Scores:
        """Cosine of `text` with every group's centroid (0 where nothing is shared)."""
        indices, values = self._weigh(char_grams(text))
        if not len(indices):
            return np.zeros(self._groups, dtype=np.float32)
        starts, ends = self._starts[indices], self._starts[indices + 1]
        lengths = ends - starts
        # The postings of every n-gram of the message, one flat array.
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        positions = np.arange(int(lengths.sum())) + offsets
        contributions = self._weights[positions] * np.repeat(values, lengths)
        return np.bincount(
            self._owners[positions], weights=contributions, minlength=self._groups
        ).astype(np.float32)
