"""A second, independent view of similarity: TF-IDF over character n-grams.

Each entry version becomes the centroid of its texts (question, variants, keywords) as
L2-normalised TF-IDF vectors of character 1–3-grams taken inside words, padded with a
space at both ends (so word starts and ends count). A message is scored by cosine with
every centroid at once. It needs no word rules at all, so it catches what the lexical
scorer misses (stories, unusual endings, typos) and, where both agree, it is strong
evidence that the best entry is right. Built at load and on every reload.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

#: Character n-gram lengths, inside words.
MIN_GRAM: Final = 1
MAX_GRAM: Final = 3

Scores = npt.NDArray[np.float32]


def char_grams(text: str) -> Counter[str]:
    """Character n-grams of each word padded with spaces (" 육아", "아휴", "직 " ...)."""
    grams: Counter[str] = Counter()
    for word in unicodedata.normalize("NFKC", text).lower().split():
        padded = f" {word} "
        for size in range(MIN_GRAM, MAX_GRAM + 1):
            for start in range(len(padded) - size + 1):
                gram = padded[start : start + size]
                if gram != " ":
                    grams[gram] += 1
    return grams


class CharGramVectors:
    """One centroid per document group; `similarities(text)` is the cosine with each."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        counted = [[char_grams(text) for text in texts] for texts in groups]
        frequency: Counter[str] = Counter()
        documents = 0
        for texts in counted:
            for grams in texts:
                frequency.update(grams.keys())
                documents += 1
        self._column = {gram: number for number, gram in enumerate(sorted(frequency))}
        self._idf = np.array(
            [math.log((1 + documents) / (1 + frequency[gram])) + 1.0 for gram in self._column],
            dtype=np.float32,
        )
        # Features × groups, so a message gathers only the rows of its own n-grams.
        self._centroids = np.zeros((len(self._column), len(groups)), dtype=np.float32)
        for number, texts in enumerate(counted):
            column = np.zeros(len(self._column), dtype=np.float32)
            for grams in texts:
                indices, values = self._weigh(grams)
                column[indices] += values
            norm = float(np.linalg.norm(column))
            if norm > 0:
                self._centroids[:, number] = column / norm

    def _weigh(self, grams: Counter[str]) -> tuple[npt.NDArray[np.intp], Scores]:
        """Known n-grams as (columns, L2-normalised sublinear TF-IDF values)."""
        known = [(self._column[g], n) for g, n in grams.items() if g in self._column]
        if not known:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
        indices = np.fromiter((c for c, _ in known), dtype=np.intp, count=len(known))
        counts = np.fromiter((n for _, n in known), dtype=np.float32, count=len(known))
        values = (1.0 + np.log(counts)) * self._idf[indices]
        return indices, (values / np.linalg.norm(values)).astype(np.float32)

    def similarities(self, text: str) -> Scores:
        """Cosine of `text` with every group's centroid (0 where nothing is shared)."""
        indices, values = self._weigh(char_grams(text))
        if not len(indices):
            return np.zeros(self._centroids.shape[1], dtype=np.float32)
        return values @ self._centroids[indices]
