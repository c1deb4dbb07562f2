"""Score a question against every FAQ entry and decide answer / suggestions / none."""

from __future__ import annotations

import re
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal, TypeVar

import numpy as np

from bot.knowledge.analyzer import Analysis, Analyzer
from bot.knowledge.classifier import OFF_TOPIC, EntryClassifier
from bot.knowledge.decision import DecisionModel, Evidence
from bot.knowledge.index import FaqIndex
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.normalize import compact_text
from bot.knowledge.safety import CrisisDetector
from bot.knowledge.scope import other_matter, under_other_law
from bot.knowledge.sentences import question_part
from bot.knowledge.social import Social, social_kind
from bot.knowledge.vectors import CharGramVectors, Scores

Outcome = Literal["answer", "suggestions", "none", "crisis"]
MAX_IDS: Final = 3
#: A generous safety cap on what is matched (crisis checks read the whole message).
MAX_MESSAGE_CHARS: Final = 4000
#: Weight of the question sentence(s) of a story against the whole story.
QUESTION_WEIGHT: Final = 0.25
#: Weight of a follow-up's own words against the follow-up read with its context.
OWN_MESSAGE_WEIGHT: Final = 0.5
#: Weight of a one-syllable word and of a word with digits, relative to other words.
SHORT_WORD_FACTOR: Final = 0.5
NUMBER_WORD_FACTOR: Final = 0.5
#: Entries this near by n-gram vectors are ranked even without a shared word.
MIN_VECTOR_COSINE: Final = 0.05
#: Only this many entries (best by the cheap parts of the score) get the keyword check.
CANDIDATES: Final = 40
#: Texts whose analysis is remembered (a message is read whole, by its question, with context).
ANALYSIS_CACHE_SIZE: Final = 64
#: Short questions many parents ask alike ("출산휴가 며칠이에요") are matched once: the most
#: recent ones are remembered with their result. Stories are unique and never kept.
MATCH_CACHE_SIZE: Final = 1024
MATCH_CACHE_MAX_CHARS: Final = 80
#: Extra weight, in a follow-up, of the entries related to the previous one and of the
#: previous entry itself (as much: "나눠 쓸 수 있어요?" most often asks about the same leave).
CONTEXT_BOOST: Final = 0.2
SAME_ENTRY_BOOST: Final = 0.2
#: Weight of the entry classifier's margin, relative to the best lexical score.
CLASSIFIER_WEIGHT: Final = 0.5
#: A follow-up is short: at most this many words.
FOLLOW_UP_WORDS: Final = 7
#: A question this short that names a matter the FAQ does not cover is about that matter.
SHORT_MATTER_WORDS: Final = 12
#: Another country's law: the FAQ (Korean law) may be shown, never answered directly.
_FOREIGN: Final = re.compile(
    r"(?<![a-z])(uk|u\.k\.|britain|british|england|us law|usa|america|american|japan|canada|"
    r"australia|germany|france|singapore|china)(?![a-z])|영국|미국|일본|캐나다|호주|독일|프랑스|싱가포르|중국",
    re.IGNORECASE,
)
#: A short message scoring this well on its own is a new question, not a follow-up.
STANDALONE_SCORE: Final = 0.6
#: Entries offered with a request for a person (with the consultation button).
PERSON_IDS: Final = ("center-contact", "center-services")
_FOLLOW_UP_START: Final = re.compile(
    r"^(그럼|그러면|그건|그리고|근데|그런데|만약|혹시|and|what about|what if|how about)\b"
)
_FOLLOW_UP_END: Final = re.compile(
    r"(도요|는요|은요|면요|이면|라면|이라면|인데요|거는요|건요|도|는|은)\s*[?？]*$"
)


@dataclass(frozen=True)
class MatchResult:
    """What the bot should do with a question; `ids` best first (at most three).

    `score` is the calibrated probability that `ids[0]` is right. `alternative` is an entry
    to offer under a direct answer ("혹시 이 질문이었나요?"); `social` marks small talk and
    requests for a person (never "not found").
    """

    outcome: Outcome
    ids: list[str]
    score: float
    alternative: str | None = None
    social: Social | None = None
    follow_up: bool = False


@dataclass(frozen=True)
class Assessment:
    """A message after ranking: the candidates and the evidence for the decision."""

    ranked: list[tuple[str, float]]
    evidence: Evidence | None
    crisis: bool = False
    social: Social | None = None
    foreign: bool = False  # asks about another country's rules
    outside: bool = False  # asks about a near-domain matter the best entry does not cover
    #: By words alone, the second entry's score as a share of the best's: how alike the two
    #: read to the message (the classifier may set the best apart, not the second aside).
    second_share: float = 0.0
    word_score: float = 0.0  # the best entry's score by words alone
    exact: bool = False  # the message is the best entry's own (example) question

    @property
    def answerable(self) -> bool:
        """Whether the best entry may be given as a direct answer at all."""
        return not (self.foreign or self.outside)


@dataclass(frozen=True)
class Weights:
    """How the three signals are mixed into one score in 0..1."""

    coverage: float = 0.6  # how much of the question the entry explains, by centrality
    similarity: float = 0.1  # best single question/variant of the entry (weighted Dice)
    keywords: float = 0.3  # how much of the question the entry's keywords spell out
    centrality_power: float = 0.5  # <1: a feature in one variant already counts a lot
    bridge: float = 0.1  # cross-word n-grams, as a share of the words' total weight
    vectors: float = 0.3  # cosine of character n-gram TF-IDF vectors, added on top


class FaqEngine:
    """Indexes the knowledge base once; `match` is then cheap and read-only."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        decision: DecisionModel | None = None,
        weights: Weights | None = None,
        classifier: EntryClassifier | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.decision = decision or DecisionModel.load()
        self.classifier = classifier if classifier is not None else EntryClassifier.load()
        self.weights = weights or Weights()
        self._crisis = CrisisDetector(knowledge.safety)
        self._analyzer = Analyzer(knowledge.synonyms)
        self._analyzer.learn(
            (
                text
                for entry in knowledge.entries
                for text in (entry.question, *entry.variants, *entry.keywords)
            ),
            terms=(keyword for entry in knowledge.entries for keyword in entry.keywords),
        )
        self._index = FaqIndex(knowledge.entries, self._analyzer)
        # Fewer objects that live on: less memory, and a shorter first garbage collection.
        self._analyzer.forget_faq_texts()
        self._vectors = CharGramVectors(
            [(entry.question, *entry.variants, *entry.keywords) for entry in knowledge.entries]
        )
        # Per-posting weights and keyword word sets, computed once instead of per question.
        power, index = self.weights.centrality_power, self._index
        shares, where = np.unique(index.posting_shares, return_inverse=True)
        powered = np.array([share**power for share in shares.tolist()])[where]
        entries, texts = index.posting_entries, index.posting_texts
        self._postings = {
            feature: (entries[start:end], powered[start:end])
            for feature, (start, end) in index.postings.items()
        }
        self._texts = {
            feature: texts[start:end] for feature, (start, end) in index.text_postings.items()
        }
        self._text_mass = np.array(self._index.text_mass)
        self._text_owner = np.array(self._index.text_owner, dtype=np.intp)
        self._keywords = [
            [(frozenset(words), features) for words, features in indexed.keywords]
            for indexed in self._index.entries
        ]
        self._keyword_words = frozenset(
            word
            for indexed in self._index.entries
            for words, _ in indexed.keywords
            for word in words
        )
        # Staff's own example questions, word for word: such a message is that entry's.
        self._exact: dict[str, list[str]] = defaultdict(list)
        for entry in knowledge.entries:
            for text in (entry.question, *entry.variants):
                self._exact[compact_text(text)].append(entry.id)
        self._numbers_of: dict[str, list[int]] = defaultdict(list)
        for number, indexed in enumerate(self._index.entries):
            self._numbers_of[indexed.entry.id].append(number)
        self._classified_on: dict[date, frozenset[str]] = {}
        self._analyses: dict[str, Analysis] = {}
        self._crisis_of: dict[str, bool] = {}
        self._cosines: dict[str, Scores] = {}
        self._matches: OrderedDict[tuple[str, date, tuple[str, ...]], MatchResult] = OrderedDict()

    def _analysis(self, text: str) -> Analysis:
        """The analysis of `text`, remembered for the few texts one message is read as."""
        return _remembered(self._analyses, text, self._analyzer.analyze)

    def _similarities(self, text: str) -> Scores:
        return _remembered(self._cosines, text, self._vectors.similarities)

    def is_crisis(self, text: str) -> bool:
        """Whether the message sounds like danger (the whole message is read); remembered
        for the few latest messages, which routing and matching both ask about."""
        return _remembered(self._crisis_of, text, lambda t: self._crisis.detect(t) is not None)

    def rank(self, text: str, day: date) -> list[tuple[str, float]]:
        """Every entry id in force on `day` with its score (0..1), best first."""
        text = text[:MAX_MESSAGE_CHARS]
        return self._rank(self._analysis(text), day, self._similarities(text))

    def word_evidence(self, text: str, entry_id: str) -> tuple[float, int, float]:
        """Share of the message's words the FAQ never uses (0..1), how many distinct words
        of the message the entry itself uses (a stray shared word is weak evidence), and
        the IDF-weighted share of the message's words the entry uses (what it explains)."""
        query = self._analysis(text[:MAX_MESSAGE_CHARS])
        index, own = self._index, self._index.words_of.get(entry_id, set())
        total = unknown = mass = explained = 0.0
        shared: set[str] = set()
        for word, features in zip(query.words, query.word_features, strict=True):
            factor = _word_factor(word)
            total += factor
            unknown += factor * sum(f not in index.idf for f in features) / len(features)
            weight = factor * index.weight(f"#{word}")
            mass += weight
            if f"#{word}" in own or f"@{word}" in own:
                explained += weight
                if factor == 1.0:
                    shared.add(word)
        return (
            (unknown / total if total else 1.0),
            len(shared),
            (explained / mass if mass else 0.0),
        )

    def vector_best(self, text: str, day: date) -> tuple[str | None, float]:
        """The entry in force on `day` whose texts are nearest by n-gram vectors alone."""
        cosines = self._similarities(text[:MAX_MESSAGE_CHARS])
        best, best_cosine = None, 0.0
        for number in np.argsort(-cosines, kind="stable"):
            if cosines[number] <= 0:
                break
            entry = self._index.entries[number].entry
            if entry.is_valid_on(day):
                best, best_cosine = entry.id, float(cosines[number])
                break
        return best, best_cosine

    def _margins(self, text: str, day: date) -> dict[str, float]:
        """The classifier's margin of every entry in force on `day` that it knows, and of
        `OFF_TOPIC`."""
        known = self._classified_on.get(day)
        if known is None:
            if len(self._classified_on) > 8:
                self._classified_on.clear()
            known = self._classified_on[day] = frozenset(
                entry_id
                for entry_id in self.classifier.entry_ids
                if entry_id == OFF_TOPIC or self.knowledge.entry(entry_id, day) is not None
            )
        scores = self.classifier.scores(text[:MAX_MESSAGE_CHARS])
        return {entry_id: margin for entry_id, margin in scores.items() if entry_id in known}

    def _cosine_of(self, cosines: Scores, entry_id: str) -> float:
        return max((float(cosines[n]) for n in self._numbers_of[entry_id]), default=0.0)

    def _rank(self, query: Analysis, day: date, cosines: Scores) -> list[tuple[str, float]]:
        index, mix = self._index, self.weights
        weights = feature_weights(query, index, mix.bridge)
        if not weights:
            return []
        total = sum(weights.values())
        coverage = np.zeros(len(index.entries))
        shared = np.zeros(len(index.text_owner))
        for feature, weight in weights.items():
            posting = self._postings.get(feature)
            if posting is not None:
                coverage[posting[0]] += weight * posting[1]
            texts = self._texts.get(feature)
            if texts is not None:
                shared[texts] += weight
        dice = 2 * shared / (total + self._text_mass)
        similarity = np.zeros(len(index.entries))
        np.maximum.at(similarity, self._text_owner, dice)
        rough = mix.coverage * coverage / total + mix.similarity * similarity
        rough += mix.vectors * np.where(cosines >= MIN_VECTOR_COSINE, cosines, 0.0)
        candidates = np.flatnonzero(rough > 0)
        if len(candidates) > CANDIDATES:
            candidates = candidates[np.argsort(-rough[candidates], kind="stable")[:CANDIDATES]]
        compact = "".join(query.words)
        present = {word for word in self._keyword_words if word in compact}
        best: dict[str, float] = {}
        for number in candidates.tolist():
            entry = index.entries[number].entry
            if not entry.is_valid_on(day):
                continue
            spelled: set[str] = set()
            for words, features in self._keywords[number]:
                if words <= present:
                    spelled |= features
            keyword_part = sum(weights.get(f, 0.0) for f in spelled) / total
            score = (float(rough[number]) + mix.keywords * keyword_part) / (1.0 + mix.vectors)
            best[entry.id] = max(score, best.get(entry.id, 0.0))
        return sorted(best.items(), key=_by_score)

    def assess(self, text: str, day: date, previous: Sequence[str] = ()) -> Assessment:
        """Rank `text` (a story weighed towards its question; a follow-up with `previous`).

        `previous` holds the entry ids the chat's last question was about; a short
        follow-up ("그럼 아빠도요?") is then read together with that entry's question.
        """
        crisis = self.is_crisis(text)
        social = None if crisis else social_kind(text)
        alone = self._assess(text, day, crisis, social)
        if not previous or social is not None or alone.exact or not is_follow_up(text):
            return alone
        entry = self.knowledge.entry(previous[0], day)
        if entry is None:
            return alone
        favoured = dict.fromkeys(entry.related, CONTEXT_BOOST)
        favoured[entry.id] = SAME_ENTRY_BOOST
        joined = self._assess(
            f"{entry.question} {text}", day, crisis, social, text=text, favoured=favoured
        )
        if has_follow_up_marker(text) or not alone.ranked:
            return joined
        if alone.ranked[0][0] == (joined.ranked[0][0] if joined.ranked else None):
            return alone
        # Different topics: a short message that names its own topic well starts anew.
        return alone if alone.word_score >= STANDALONE_SCORE else joined

    def _assess(
        self,
        basis: str,
        day: date,
        crisis: bool,
        social: Social | None,
        *,
        text: str | None = None,
        favoured: Mapping[str, float] | None = None,
    ) -> Assessment:
        """Rank `basis`; `text` is the parent's own message when `basis` adds context."""
        full = dict(self.rank(basis, day))
        part = question_part(basis) if text is None else text
        if part != basis:
            asked = dict(self.rank(part, day))
            weight = QUESTION_WEIGHT if text is None else OWN_MESSAGE_WEIGHT
            scores = {
                entry_id: weight * asked.get(entry_id, 0.0) + (1 - weight) * score
                for entry_id, score in full.items()
            }
        else:
            asked, scores = full, full
        by_words = scores
        margins = self._margins(basis, day)
        if text is not None:
            # A follow-up: what it says itself counts as much as its context.
            own = self._margins(text, day)
            margins = {entry_id: (own[entry_id] + m) / 2 for entry_id, m in margins.items()}
        off_topic = margins.pop(OFF_TOPIC, 0.0)
        scores = _blend(scores, margins)
        if favoured:
            # A follow-up most likely stays with the previous entry or one related to it.
            scores = {
                entry_id: score * (1.0 + favoured.get(entry_id, 0.0))
                for entry_id, score in scores.items()
            }
        ranked = sorted(scores.items(), key=_by_score)
        exact = self._exact_entry(basis, day) if text is None else None
        if exact is not None and ranked:
            ranked = [(exact, ranked[0][1])] + [item for item in ranked if item[0] != exact]
        if not ranked:
            return Assessment([], None, crisis, social)
        best = ranked[0][0]
        second = ranked[1][0] if len(ranked) > 1 else None
        margin = margins.get(best, 0.0)
        others = [m for entry_id, m in margins.items() if entry_id != best]
        unknown, shared, explained = self.word_evidence(text or basis, best)
        explained_second = self.word_evidence(text or basis, second)[2] if second else 0.0
        nearest, cosine = self.vector_best(basis, day)
        cosines = self._similarities(basis[:MAX_MESSAGE_CHARS])
        asked_top = max(asked.values(), default=0.0)
        entry = self.knowledge.entry(best, day)
        matter = other_matter(text or basis, entry) if entry is not None else None
        evidence = Evidence(
            top=ranked[0][1],
            second=ranked[1][1] if len(ranked) > 1 else 0.0,
            question_top=asked.get(best, 0.0),
            full_top=full.get(best, 0.0),
            agree=_best(asked) == _best(full),
            words=len((text or basis).split()),
            follow_up=text is not None,
            unknown=unknown,
            shared_words=shared,
            vector_top=cosine if nearest == best else 0.0,
            vector_agree=nearest == best,
            explained=explained,
            vector_margin=self._cosine_of(cosines, best)
            - (self._cosine_of(cosines, second) if second else 0.0),
            explained_margin=explained - explained_second,
            question_share=asked.get(best, 0.0) / asked_top if asked_top > 0 else 0.0,
            classifier_top=margin,
            classifier_gap=margin - max(others, default=0.0),
            classifier_agree=bool(margins) and _best(margins) == best,
            off_topic=off_topic,
            other_matter=matter is not None,
        )
        outside = matter is not None and (
            under_other_law(matter) or len((text or basis).split()) <= SHORT_MATTER_WORDS
        )
        second_share, word_score = 0.0, by_words.get(best, 0.0)
        if second is not None and word_score > 0:
            second_share = by_words.get(second, 0.0) / word_score
        return Assessment(
            ranked,
            evidence,
            crisis,
            social,
            bool(_FOREIGN.search(basis)),
            outside,
            second_share,
            word_score,
            exact is not None,
        )

    def _exact_entry(self, text: str, day: date) -> str | None:
        """The one entry in force that has `text` (or its question sentence) word for word
        as its question or an example question."""
        for candidate in dict.fromkeys((text, question_part(text))):
            ids = {
                entry_id
                for entry_id in self._exact.get(compact_text(candidate), [])
                if self.knowledge.entry(entry_id, day) is not None
            }
            if len(ids) == 1:
                return ids.pop()
        return None

    def match(self, text: str, day: date, previous: Sequence[str] = ()) -> MatchResult:
        """Crisis first; then small talk, then answer / suggestions / none by the model."""
        if len(text) > MATCH_CACHE_MAX_CHARS:
            return decide(self.assess(text, day, previous), self.decision)
        key = (text, day, tuple(previous))
        found = self._matches.get(key)
        if found is not None:
            self._matches.move_to_end(key)
            return found
        found = self._matches[key] = decide(self.assess(text, day, previous), self.decision)
        if len(self._matches) > MATCH_CACHE_SIZE:
            self._matches.popitem(last=False)
        return found

    def profile(self, text: str) -> dict[str, float]:
        """The question's features weighted as the matcher weighs them (for comparing two
        questions with each other, e.g. to group the ones the FAQ missed)."""
        query = self._analyzer.analyze(text[:MAX_MESSAGE_CHARS])
        return feature_weights(query, self._index, self.weights.bridge)


T = TypeVar("T")


def _remembered(cache: dict[str, T], text: str, compute: Callable[[str], T]) -> T:
    """`compute(text)`, kept in `cache` for the latest few texts (emptied when full)."""
    found = cache.get(text)
    if found is None:
        if len(cache) >= ANALYSIS_CACHE_SIZE:
            cache.clear()
        found = cache[text] = compute(text)
    return found


def is_follow_up(text: str) -> bool:
    """A short message that may lean on the previous one ("둘째도요?", "언제까지 내요?",
    "그 기간 돈은 누가 줘요"); whether it does is decided by how it reads alone."""
    return len(text.split()) <= FOLLOW_UP_WORDS


def has_follow_up_marker(text: str) -> bool:
    """Words that only make sense after another question ("그럼 …", "…도요?", "…면요?")."""
    lowered = text.strip().lower()
    return bool(_FOLLOW_UP_START.search(lowered) or _FOLLOW_UP_END.search(lowered))


def _blend(scores: dict[str, float], margins: Mapping[str, float]) -> dict[str, float]:
    """Scores by words plus the classifier's margins, put on the scale of the best score
    by words; entries that end at or below zero drop out."""
    if not margins or not scores:
        return scores
    scale = CLASSIFIER_WEIGHT * max(scores.values())
    blended = dict(scores)
    for entry_id, margin in margins.items():
        blended[entry_id] = scores.get(entry_id, 0.0) + scale * margin
    return {entry_id: score for entry_id, score in blended.items() if score > 0}


def _best(scores: dict[str, float]) -> str | None:
    return max(scores, key=lambda entry_id: scores[entry_id]) if scores else None


def decide(assessment: Assessment, model: DecisionModel) -> MatchResult:
    """Turn an assessment into what the bot does, with the model's probability."""
    ranked, evidence = assessment.ranked, assessment.evidence
    ids = [entry_id for entry_id, _ in ranked[:MAX_IDS]]
    probability = model.probability(evidence) if evidence is not None else 0.0
    score = round(probability, 4)
    plausible = probability >= model.suggest and not (
        evidence is not None and model.reads_off_topic(evidence)
    )
    if assessment.crisis:
        # Crisis help comes first; FAQ entries follow only if the question has one.
        return MatchResult("crisis", ids if plausible else [], score)
    if assessment.social is not None:
        shown = list(PERSON_IDS) if assessment.social == "person" else []
        return MatchResult("suggestions", shown, score, social=assessment.social)
    if not ids:
        return MatchResult("none", [], 0.0)
    follow_up = evidence is not None and evidence.follow_up
    outcome: Outcome = "none"
    alternative = None
    answer = model.answer_threshold(evidence) if evidence is not None else model.answer
    if (probability >= answer or assessment.exact) and assessment.answerable:
        outcome = "answer"
        if len(ranked) > 1 and assessment.second_share >= model.alternative_ratio:
            alternative = ranked[1][0]
    elif plausible:
        outcome = "suggestions"
    return MatchResult(outcome, ids, score, alternative, follow_up=follow_up)


def feature_weights(query: Analysis, index: FaqIndex, bridge: float) -> dict[str, float]:
    """Each word of the question carries the weight of one unit of meaning.

    A word's weight is its IDF (or the mean IDF of its n-grams when the FAQ never uses the
    word itself); its n-grams share that weight, so long compound words do not outweigh
    short ones. One-syllable words (지, 안, 수) and numbers (3번, 20일) count less: they
    rarely say what the question is about. Known cross-word n-grams share a small extra
    weight (`bridge` times the words' total) as spacing evidence.
    """
    weights: dict[str, float] = defaultdict(float)
    words_mass = 0.0
    for word, features in zip(query.words, query.word_features, strict=True):
        idf = {feature: index.weight(feature) for feature in features}
        whole = next((f for f in features if f[0] in "#@" and f in index.idf), None)
        mass = (idf[whole] if whole else sum(idf.values()) / len(idf)) * _word_factor(word)
        words_mass += mass
        total = sum(idf.values())
        for feature, value in idf.items():
            weights[feature] += mass * value / total
    known = {gram: index.idf[gram] for gram in query.bridges if gram in index.idf}
    if known:
        share = bridge * words_mass / sum(known.values())
        for gram, value in known.items():
            weights[gram] += share * value
    return weights


def _word_factor(word: str) -> float:
    if any(char.isdigit() for char in word):
        return NUMBER_WORD_FACTOR
    return SHORT_WORD_FACTOR if len(word) == 1 and not word.isascii() else 1.0


def _by_score(item: tuple[str, float]) -> tuple[float, str]:
    """Best score first; ties by id, so every process ranks the same way."""
    return (-item[1], item[0])
