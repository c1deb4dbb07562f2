"""Inverted index over FAQ entries: which texts and entries hold each feature."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from bot.knowledge.analyzer import Analysis, Analyzer
from bot.knowledge.models import FaqEntry


@dataclass
class IndexedEntry:
    """One entry version: its feature centrality and its keywords as compact strings."""

    entry: FaqEntry
    centrality: dict[str, float] = field(default_factory=dict)
    keywords: list[tuple[tuple[str, ...], frozenset[str]]] = field(default_factory=list)


class FaqIndex:
    """Features → (entry version, centrality) and → texts, with IDF over entry ids."""

    def __init__(self, entries: list[FaqEntry], analyzer: Analyzer) -> None:
        self.entries: list[IndexedEntry] = []
        self.text_owner: list[int] = []
        self.text_mass: list[float] = []
        self.by_feature: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.texts_by_feature: dict[str, list[int]] = defaultdict(list)
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
        by_feature, texts_by_feature, idf = self.by_feature, self.texts_by_feature, self.idf
        for number, indexed in enumerate(self.entries):
            for feature, share in indexed.centrality.items():
                by_feature[feature].append((number, share))
        for text_id, features in enumerate(text_features):
            self.text_mass.append(sum(map(idf.__getitem__, features)))
            for feature in features:
                texts_by_feature[feature].append(text_id)

    @staticmethod
    def _index_entry(
        entry: FaqEntry, texts: list[Analysis], keywords: list[Analysis]
    ) -> IndexedEntry:
        counts: Counter[str] = Counter()
        pieces = [*texts, *keywords]
        for piece in pieces:
            counts.update(piece.all_features)
        indexed = IndexedEntry(entry)
        indexed.centrality = {f: n / len(pieces) for f, n in counts.items()}
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
        frequency: dict[str, int] = defaultdict(int)
        for features in per_id.values():
            for feature in features:
                frequency[feature] += 1
        return {f: math.log((count + 1) / (n + 0.5)) for f, n in frequency.items()}

    def weight(self, feature: str) -> float:
        return self.idf.get(feature, self.unknown_idf)
