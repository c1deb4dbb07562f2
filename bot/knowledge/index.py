"""Inverted index over FAQ entries: which texts and entries hold each feature."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import numpy.typing as npt

from bot.knowledge.analyzer import Analysis, Analyzer
from bot.knowledge.models import FaqEntry


@dataclass
class IndexedEntry:
    """One entry version: its feature centrality and its keywords as compact strings."""

    entry: FaqEntry
    centrality: dict[str, float] = field(default_factory=dict)
    keywords: list[tuple[tuple[str, ...], frozenset[str]]] = field(default_factory=list)


class FaqIndex:
    """Features → (entry version, centrality) and → texts, with IDF over entry ids.

    The postings are flat arrays, grouped by feature: `postings[feature]` is the (start,
    end) of its entries in `posting_entries` / `posting_shares`, in entry order, and
    `text_postings[feature]` that of its texts in `posting_texts`.
    """

    def __init__(self, entries: list[FaqEntry], analyzer: Analyzer) -> None:
        self.entries: list[IndexedEntry] = []
        self.text_owner: list[int] = []
        self.text_mass: list[float] = []
        text_features: list[frozenset[str]] = []
        for number, entry in enumerate(entries):
            texts = [analyzer.analyze(t, correct=False) for t in (entry.question, *entry.variants)]
            keywords = [analyzer.analyze(t, correct=False) for t in entry.keywords]
            self.entries.append(self._index_entry(entry, texts, keywords))
            for text in texts:
                self.text_owner.append(number)
                text_features.append(text.all_features)
        self.idf = self._inverse_document_frequency()
        self.unknown_idf = max(self.idf.values(), default=1.0)
        # Features numbered in the order first met; every text feature is an entry's too.
        met = dict.fromkeys(chain.from_iterable(e.centrality for e in self.entries))
        ids = {feature: number for number, feature in enumerate(met)}
        feature_id = ids.__getitem__
        features: list[int] = []
        owners: list[int] = []
        shares: list[float] = []
        for number, indexed in enumerate(self.entries):
            centrality = indexed.centrality
            features += map(feature_id, centrality)
            owners += [number] * len(centrality)
            shares += centrality.values()
        self.postings, order = _grouped(ids, features)
        self.posting_entries = np.array(owners, dtype=np.intp)[order]
        self.posting_shares = np.array(shares)[order]
        idf = self.idf
        of_texts: list[int] = []
        text_ids: list[int] = []
        for text_id, held in enumerate(text_features):
            self.text_mass.append(sum(map(idf.__getitem__, held)))
            of_texts += map(feature_id, held)
            text_ids += [text_id] * len(held)
        self.text_postings, order = _grouped(ids, of_texts)
        self.posting_texts = np.array(text_ids, dtype=np.intp)[order]

    @staticmethod
    def _index_entry(
        entry: FaqEntry, texts: list[Analysis], keywords: list[Analysis]
    ) -> IndexedEntry:
        pieces = [*texts, *keywords]
        counts = Counter(chain.from_iterable(piece.all_features for piece in pieces))
        indexed = IndexedEntry(entry)
        size = len(pieces)
        indexed.centrality = {f: n / size for f, n in counts.items()}
        for keyword in keywords:
            words = tuple(word for word in keyword.words if len(word) >= 2)
            if words:
                indexed.keywords.append((words, keyword.all_features))
        return indexed

    def _inverse_document_frequency(self) -> dict[str, float]:
        per_id: dict[str, set[str]] = defaultdict(set)
        for indexed in self.entries:
            per_id[indexed.entry.id].update(indexed.centrality)
        count = len(per_id)
        frequency: Counter[str] = Counter()
        for features in per_id.values():
            frequency.update(features)
        return {f: math.log((count + 1) / (n + 0.5)) for f, n in frequency.items()}

    def weight(self, feature: str) -> float:
        return self.idf.get(feature, self.unknown_idf)


def _grouped(
    ids: dict[str, int], features: list[int]
) -> tuple[dict[str, tuple[int, int]], npt.NDArray[np.intp]]:
    """The (start, end) of each feature that occurs in `features` (feature ids, one per
    posting), and the order that groups the postings by feature, keeping their order."""
    numbers = np.array(features, dtype=np.intp)
    order = np.argsort(numbers, kind="stable")
    counts = np.bincount(numbers, minlength=len(ids))
    ends = np.cumsum(counts).tolist()
    return {
        feature: (end - count, end)
        for feature, count, end in zip(ids, counts.tolist(), ends, strict=True)
        if count
    }, order
