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
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain, count, pairwise
from typing import Final

import numpy as np
import numpy.typing as npt

from bot.knowledge.arrays import ranges, run_starts, stable_order

#: Character n-gram lengths, inside words.
MIN_GRAM: Final = 1
MAX_GRAM: Final = 3
#: Words whose n-grams are remembered (FAQ texts and messages share most words).
WORD_CACHE_SIZE: Final = 20_000

Scores = npt.NDArray[np.float32]


def padded_grams(word: str, smallest: int, largest: int) -> list[str]:
    """The n-grams of `word` padded with a space at both ends, by size, then in order."""
    padded = f" {word} "
    return [
        padded[start : start + size]
        for size in range(smallest, largest + 1)
        for start in range(len(padded) - size + 1)
    ]


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _word_grams(word: str) -> tuple[str, ...]:
    """The n-grams of one word in order: its letters, then the padded 2- and 3-grams."""
    # The one-letter grams: every letter, never the padding.
    return (*word, *padded_grams(word, 2, MAX_GRAM))


def words(text: str) -> list[str]:
    """The words of `text`, NFKC-normalised and in lower case."""
    return unicodedata.normalize("NFKC", text).lower().split()


def char_grams(text: str) -> Counter[str]:
    """Character n-grams of each word padded with spaces (" 육아", "아휴", "직 " ...)."""
    return Counter(chain.from_iterable(map(_word_grams, words(text))))


class CharGramVectors:
    """One centroid per document group; `similarities(text)` is the cosine with each.

    The centroids are kept sparse, by n-gram (compressed rows: for each n-gram the groups
    that use it and its weight there), so memory and the cost of a message grow with the
    n-grams actually used, not with n-grams × groups.
    """

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        # Each distinct text is counted and weighed once (the same keyword is in many
        # entries); `members[g]` holds the numbers of group g's texts.
        number_of: dict[str, int] = {}
        members = [[number_of.setdefault(t, len(number_of)) for t in g] for g in groups]
        columns, values, lengths = self._weigh_texts(list(number_of), members)
        grams, owners, weights = _centroids(columns, values, lengths, members, len(self._column))
        order = stable_order(grams, len(self._column))
        self._groups = len(groups)
        self._owners = owners[order]
        self._weights = weights[order]
        counts = np.bincount(grams, minlength=len(self._column))
        self._starts = np.concatenate(([0], np.cumsum(counts))).astype(np.intp)

    def _weigh_texts(
        self, texts: list[str], members: list[list[int]]
    ) -> tuple[npt.NDArray[np.intp], Scores, npt.NDArray[np.intp]]:
        """Set the n-gram columns and their IDF from the distinct `texts`; every text's
        L2-normalised sublinear TF-IDF vector, all in flat arrays (columns, values) with
        the length of each."""
        names, found, counts, lengths = _count_grams(texts)
        # A text counts as a document once for every group it is in.
        occurrences = np.fromiter(chain.from_iterable(members), np.intp)
        uses = np.bincount(occurrences, minlength=len(texts))
        self._column = {gram: number for number, gram in enumerate(sorted(names))}
        column_of = np.fromiter(map(self._column.__getitem__, names), np.intp, len(names))
        frequency = np.zeros(len(names), dtype=np.int64)
        frequency[column_of] = np.bincount(found, weights=np.repeat(uses, lengths))
        documents = len(occurrences)
        self._idf = np.array(
            [math.log((1 + documents) / (1 + n)) + 1.0 for n in frequency.tolist()],
            dtype=np.float32,
        )
        columns = column_of[found]
        values = (np.float32(1) + np.log(counts.astype(np.float32))) * self._idf[columns]
        ends = np.cumsum(lengths)
        spans = zip((ends - lengths).tolist(), ends.tolist(), strict=True)
        squares = [values[start:end].dot(values[start:end]) for start, end in spans]
        values /= np.repeat(np.sqrt(np.array(squares, dtype=np.float32)), lengths)
        return columns, values, lengths

    def _weigh(self, grams: Counter[str]) -> tuple[npt.NDArray[np.intp], Scores]:
        """The known n-grams of a message as (columns, L2-normalised sublinear TF-IDF
        values)."""
        if not grams:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
        counts = np.fromiter(grams.values(), dtype=np.float32, count=len(grams))
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
        positions = ranges(starts, lengths)  # the postings of all its n-grams, one flat array
        contributions = self._weights[positions] * np.repeat(values, lengths)
        return np.bincount(
            self._owners[positions], weights=contributions, minlength=self._groups
        ).astype(np.float32)


def _count_grams(
    texts: list[str],
) -> tuple[list[str], npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """What `char_grams` counts in each text, for all texts at once: the n-grams (numbered
    in the order first met), then in flat arrays every text's distinct n-grams in the order
    first met and their counts, and how many distinct n-grams each text has."""
    words_of = list(map(words, texts))
    met: defaultdict[str, int] = defaultdict(count().__next__)
    numbers_of = {  # the same words recur in most texts
        word: tuple(map(met.__getitem__, _word_grams(word)))
        for word in dict.fromkeys(chain.from_iterable(words_of))
    }
    grams = np.fromiter(
        chain.from_iterable(map(numbers_of.__getitem__, chain.from_iterable(words_of))), np.intp
    )
    sizes = [sum(len(numbers_of[word]) for word in words) for words in words_of]
    owner = np.repeat(np.arange(len(texts)), sizes)
    # Sorted by text, n-gram and place, each run of one n-gram of one text starts where it
    # is first met in the text, and is as long as its count there.
    order = stable_order(grams, len(met))
    order = order[stable_order(owner[order], len(texts))]
    starts = run_starts(owner[order], grams[order])
    first = order[starts]
    counts = np.zeros(len(grams), dtype=np.intp)
    counts[first] = np.diff(np.flatnonzero(starts), append=len(order))
    is_first = np.zeros(len(grams), dtype=bool)
    is_first[first] = True
    kept = np.bincount(owner[is_first], minlength=len(texts))
    return list(met), grams[is_first], counts[is_first], kept


def _centroids(
    columns: npt.NDArray[np.intp],
    values: Scores,
    lengths: npt.NDArray[np.intp],
    members: list[list[int]],
    size: int,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], Scores]:
    """Each group's centroid of its texts' vectors (text `t` is `lengths[t]` entries of the
    flat `columns` / `values`), L2-normalised: (n-gram, group, weight) of every nonzero
    cell, group after group, n-grams in order."""
    # The vectors of every group's texts one after another.
    occurrences = np.fromiter(chain.from_iterable(members), np.intp)
    sizes = lengths[occurrences]
    positions = ranges((np.cumsum(lengths) - lengths)[occurrences], sizes)
    member_columns, member_values = columns[positions], values[positions]
    placed = np.concatenate(([0], np.cumsum(sizes)))
    bounds = placed[np.cumsum([0, *map(len, members)])].tolist()
    grams_of: list[npt.NDArray[np.intp]] = []
    owners_of: list[npt.NDArray[np.intp]] = []
    weights_of: list[Scores] = []
    for number, (start, end) in enumerate(pairwise(bounds)):
        centroid = np.bincount(
            member_columns[start:end], weights=member_values[start:end], minlength=size
        )
        used = np.flatnonzero(centroid != 0)
        norm = float(np.linalg.norm(centroid[used]))
        if norm == 0:
            continue
        grams_of.append(used)
        owners_of.append(np.full(len(used), number, dtype=np.intp))
        weights_of.append((centroid[used] / norm).astype(np.float32))
    if not grams_of:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp), np.zeros(0, np.float32)
    return np.concatenate(grams_of), np.concatenate(owners_of), np.concatenate(weights_of)
