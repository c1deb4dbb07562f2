"""A linear classifier of messages into FAQ entries, learned from labelled questions.

The lexical scorer knows only the FAQ's own wording; parents describe their situation in
their own. This model is fitted (by `bot.knowledge.training`, with scikit-learn) on the
entries' texts together with labelled questions written the way parents write, over
TF-IDF character 2–4-grams inside words. It is stored as `data/classifier.npz`; applying
it is a sparse dot product, so the hot path needs no library. Entries it was not fitted
on simply get no score from it.
"""

from __future__ import annotations

import functools
import io
import math
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from bot.knowledge.vectors import padded_grams, words

CLASSIFIER_FILE: Final = Path(__file__).resolve().parent / "data" / "classifier.npz"
#: The class of near-domain questions the FAQ does not cover (not an entry id).
OFF_TOPIC: Final = "(off-topic)"
MIN_GRAM: Final = 2
MAX_GRAM: Final = 4
WORD_CACHE_SIZE: Final = 20_000

Matrix = npt.NDArray[np.float32]


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _word_grams(word: str) -> tuple[str, ...]:
    return tuple(padded_grams(word, MIN_GRAM, MAX_GRAM))


def grams(text: str) -> Counter[str]:
    """Character 2–4-grams of each word padded with spaces (" 육아", "육아휴", "직 ")."""
    return Counter(chain.from_iterable(map(_word_grams, words(text))))


class Vocabulary:
    """N-gram columns and their IDF: a text becomes an L2-normalised sublinear TF-IDF row."""

    def __init__(self, names: Sequence[str], idf: npt.NDArray[np.float32]) -> None:
        self.names = list(names)
        self.idf = idf.astype(np.float32)
        self.column = {name: number for number, name in enumerate(self.names)}
        self._word_columns: dict[str, tuple[int, ...]] = {}

    @classmethod
    def fit(cls, texts: Sequence[str]) -> Vocabulary:
        frequency: Counter[str] = Counter()
        for text in texts:
            frequency.update(grams(text).keys())
        names = sorted(frequency)
        documents = len(texts)
        idf = np.array(
            [math.log((1 + documents) / (1 + frequency[name])) + 1.0 for name in names],
            dtype=np.float32,
        )
        return cls(names, idf)

    def row(self, text: str) -> tuple[npt.NDArray[np.intp], Matrix]:
        """The known n-grams of `text`: (columns, weights), L2-normalised."""
        found = [column for word in words(text) for column in self._columns_of(word)]
        if not found:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
        columns, counts = np.unique(np.array(found, dtype=np.intp), return_counts=True)
        values = (1.0 + np.log(counts.astype(np.float32))) * self.idf[columns]
        return columns, (values / np.linalg.norm(values)).astype(np.float32)

    def _columns_of(self, word: str) -> tuple[int, ...]:
        """The columns of a word's known n-grams (remembered: words recur)."""
        found = self._word_columns.get(word)
        if found is None:
            if len(self._word_columns) >= WORD_CACHE_SIZE:
                self._word_columns.clear()
            column = self.column.get
            known = (column(gram) for gram in _word_grams(word))
            found = self._word_columns[word] = tuple(c for c in known if c is not None)
        return found


class EntryClassifier:
    """One weight row per n-gram and one column per entry id; `scores` are margins."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        entry_ids: Sequence[str],
        weights: npt.NDArray[np.float32] | npt.NDArray[np.float16],
        intercepts: Matrix,
        note: str = "",
    ) -> None:
        self.vocabulary = vocabulary
        self.entry_ids = list(entry_ids)
        # n-grams × entries; float16 once stored (half the memory), float32 when just fitted
        self.weights: npt.NDArray[np.floating[Any]] = weights
        self.intercepts = intercepts.astype(np.float32)
        self.note = note

    @classmethod
    def empty(cls) -> EntryClassifier:
        """A classifier that knows no entry (the matcher then ranks by words alone)."""
        vocabulary = Vocabulary([], np.zeros(0, dtype=np.float32))
        return cls(vocabulary, [], np.zeros((0, 0), np.float32), np.zeros(0, np.float32))

    def scores(self, text: str) -> dict[str, float]:
        """Each known entry's margin for `text` (higher: more likely the right entry)."""
        if not self.entry_ids:
            return {}
        columns, values = self.vocabulary.row(text)
        margins = self.intercepts + values @ self.weights[columns].astype(np.float32)
        return dict(zip(self.entry_ids, margins.tolist(), strict=True))

    def save(self, path: Path = CLASSIFIER_FILE) -> None:
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            names=np.array(self.vocabulary.names),
            idf=self.vocabulary.idf,
            entry_ids=np.array(self.entry_ids),
            weights=self.weights.astype(np.float16),
            intercepts=self.intercepts,
            note=np.array(self.note),
        )
        path.write_bytes(buffer.getvalue())

    @classmethod
    def load(cls, path: Path = CLASSIFIER_FILE) -> EntryClassifier:
        with np.load(path, allow_pickle=False) as data:
            vocabulary = Vocabulary([str(n) for n in data["names"]], data["idf"])
            return cls(
                vocabulary,
                [str(i) for i in data["entry_ids"]],
                data["weights"],
                data["intercepts"],
                str(data["note"]),
            )
