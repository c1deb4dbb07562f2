"""Inverted index over FAQ entries: which texts and entries hold each feature."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain, count

import numpy as np
import numpy.typing as npt

from bot.knowledge.analyzer import Analysis, Analyzer
from bot.knowledge.arrays import Positions, ranges, run_starts, stable_order
from bot.knowledge.models import FaqEntry

Keyword = tuple[tuple[str, ...], frozenset[str]]


@dataclass
class IndexedEntry:
    """One entry version and its keywords as compact strings."""

    entry: FaqEntry
    keywords: list[Keyword] = field(default_factory=list)


class FaqIndex:
    """Features → (entry version, centrality) and → texts, with IDF over entry ids.

    An entry's pieces are its question, variants and keywords; the centrality of a
    feature in an entry is the share of its pieces that hold the feature. The postings
    are flat arrays, grouped by feature: `postings[feature]` is the (start, end) of its
    entries in `posting_entries` / `posting_shares`, in entry order, and
    `text_postings[feature]` that of its texts in `posting_texts` (the questions and
    variants, numbered entry after entry). `words_of[entry id]` holds the whole words
    (`#word`, `@word` features) of the id's versions.
    """

    def __init__(self, entries: list[FaqEntry], analyzer: Analyzer) -> None:
        # Each distinct text is analysed once (the same keyword is in many entries).
        number_of: dict[str, int] = {}
        texts_of = [
            [number_of.setdefault(t, len(number_of)) for t in (entry.question, *entry.variants)]
            for entry in entries
        ]
        keywords_of = [
            [number_of.setdefault(t, len(number_of)) for t in entry.keywords] for entry in entries
        ]
        analyses = [analyzer.analyze(text, correct=False) for text in number_of]
        keyword_of = {
            k: keyword
            for k in set(chain.from_iterable(keywords_of))
            if (keyword := _keyword(analyses[k])) is not None
        }
        self.entries = [
            IndexedEntry(entry, [keyword_of[k] for k in keys if k in keyword_of])
            for entry, keys in zip(entries, keywords_of, strict=True)
        ]
        features = _Features(analyses)
        pieces = [texts + keys for texts, keys in zip(texts_of, keywords_of, strict=True)]
        self._index_entries(entries, pieces, features)
        self._index_texts(texts_of, features)

    def _index_entries(
        self, entries: list[FaqEntry], pieces: list[list[int]], features: _Features
    ) -> None:
        """Entry postings with centrality, IDF and the whole words of every entry id."""
        held, holder = features.of(pieces)
        order = stable_order(held, len(features.names))
        held, holder = held[order], holder[order]  # by feature, entries in order
        first = np.flatnonzero(run_starts(held, holder))
        posting_features, self.posting_entries = held[first], holder[first]
        holding = np.diff(first, append=len(held))  # how many of the entry's pieces
        sizes = np.array(list(map(len, pieces)), dtype=np.intp)
        self.posting_shares: npt.NDArray[np.float64] = holding / sizes[self.posting_entries]
        self.postings = _spans(features.names, posting_features)
        idf = _idf(entries, posting_features, self.posting_entries, len(features.names))
        self.idf = dict(zip(features.names, idf, strict=True))
        self.unknown_idf = max(idf, default=1.0)
        # The whole words of every entry version, gathered by entry id.
        is_word = np.fromiter((f[0] in "#@" for f in features.names), bool, len(features.names))
        chosen = is_word[posting_features]
        words, owners = posting_features[chosen], self.posting_entries[chosen]
        order = stable_order(owners, len(entries))
        ends = np.cumsum(np.bincount(owners, minlength=len(entries))).tolist()
        words_of: defaultdict[str, set[str]] = defaultdict(set)
        name = features.names.__getitem__
        for entry, start, end in zip(entries, [0, *ends][:-1], ends, strict=True):
            words_of[entry.id].update(map(name, words[order[start:end]].tolist()))
        self.words_of = dict(words_of)

    def _index_texts(self, texts_of: list[list[int]], features: _Features) -> None:
        """Text postings, and each text's features weighed by IDF (`text_mass`)."""
        held, text = features.of([[t] for t in chain.from_iterable(texts_of)])
        self.text_owner = np.repeat(np.arange(len(texts_of)), list(map(len, texts_of)))
        idf = np.array(list(self.idf.values()))  # by feature number
        self.text_mass = np.bincount(text, weights=idf[held], minlength=len(self.text_owner))
        order = stable_order(held, len(features.names))
        self.posting_texts = text[order]
        self.text_postings = _spans(features.names, held[order])

    def weight(self, feature: str) -> float:
        return self.idf.get(feature, self.unknown_idf)


class _Features:
    """The features of every analysis as numbers (in the order first met), in one flat
    array: analysis after analysis, each in its own order."""

    def __init__(self, analyses: list[Analysis]) -> None:
        met: defaultdict[str, int] = defaultdict(count().__next__)
        features = chain.from_iterable(analysis.all_features for analysis in analyses)
        self.found = np.fromiter(map(met.__getitem__, features), np.intp)
        self.lengths = np.fromiter((len(a.all_features) for a in analyses), np.intp)
        self.starts = np.cumsum(self.lengths) - self.lengths
        self.names = list(met)

    def of(self, groups: list[list[int]]) -> tuple[Positions, Positions]:
        """The features of each group of analyses, group after group, and the group of
        each feature."""
        analyses = np.fromiter(chain.from_iterable(groups), np.intp)
        sizes = self.lengths[analyses]
        group_of = np.repeat(np.arange(len(groups)), list(map(len, groups)))
        return self.found[ranges(self.starts[analyses], sizes)], np.repeat(group_of, sizes)


def _keyword(keyword: Analysis) -> Keyword | None:
    """A keyword's words of two letters or more and its features (None without such words)."""
    words = tuple(word for word in keyword.words if len(word) >= 2)
    return (words, keyword.all_features) if words else None


def _idf(
    entries: list[FaqEntry], features: Positions, holders: Positions, size: int
) -> list[float]:
    """IDF over entry ids of every feature, from each (feature, entry version) held, sorted
    by feature."""
    number_of: dict[str, int] = {}
    owner = np.array([number_of.setdefault(e.id, len(number_of)) for e in entries], np.intp)
    ids = len(number_of)
    versioned = (np.bincount(owner, minlength=ids) > 1)[owner][holders]
    frequency = np.bincount(features[~versioned], minlength=size)
    if versioned.any():  # an id counts once, whichever of its versions hold the feature
        shared, owners = features[versioned], owner[holders[versioned]]
        order = stable_order(owners, ids)
        shared, owners = shared[order], owners[order]  # by id, features in order
        frequency += np.bincount(shared[run_starts(owners, shared)], minlength=size)
    return [math.log((ids + 1) / (n + 0.5)) for n in frequency.tolist()]


def _spans(names: list[str], features: Positions) -> dict[str, tuple[int, int]]:
    """The (start, end) of each feature's run in `features` (feature numbers, sorted)."""
    counts = np.bincount(features, minlength=len(names)).tolist()
    ends = np.cumsum(counts).tolist()
    return {name: (end - n, end) for name, n, end in zip(names, counts, ends, strict=True) if n}
