"""Turn text into matching features: canonical tokens and spacing-free character n-grams."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

from bot.knowledge.hangul import confusable_spellings, decompose, from_qwerty
from bot.knowledge.normalize import (
    ENDINGS,
    ENGLISH_STOPWORDS,
    SynonymMap,
    english_base,
    normalize_text,
    rewrite_phrases,
    strip_ending,
    tokens,
)
from bot.knowledge.segment import Segmenter

#: Shortest Hangul word (in syllables) that typo correction may touch.
MIN_FIX_SYLLABLES: Final = 2
#: Longer "words" are pasted text or glued sentences, not typos worth a fuzzy search.
MAX_FIX_SYLLABLES: Final = 12
#: From this many letters (jamo) on, any single edit counts as a typo (two from twice that).
LONG_WORD_JAMO: Final = 7
#: Normalized texts whose words are remembered (the FAQ side is analyzed more than once).
WORD_CACHE_SIZE: Final = 20_000
#: One-syllable particles that are also common word endings (휴가, 아이, 제도, 미만):
#: cut only when what remains is a word the FAQ itself uses.
_SOFT_PARTICLES: Final = frozenset("이가도로와과의만요랑")


@dataclass(frozen=True)
class Analysis:
    """A text after normalization: its words and the features they give.

    `bridges` are n-grams across a word boundary; they make matching insensitive to
    spacing ("육아기단축" vs "육아기 단축"), but on the question side only those the FAQ
    knows are worth anything (the rest are junk such as the end of one word plus the
    start of the next).
    """

    words: tuple[str, ...]
    word_features: tuple[frozenset[str], ...]
    bridges: frozenset[str] = frozenset()

    @functools.cached_property
    def all_features(self) -> frozenset[str]:
        """Features inside words (n-grams, the whole word) and the bridges."""
        return frozenset().union(*self.word_features, self.bridges)


def char_ngrams(text: str, sizes: Iterable[int] = (2, 3)) -> set[str]:
    """Character n-grams of `text` with spaces removed (so spacing never matters)."""
    compact = text.replace(" ", "")
    grams: set[str] = set()
    for size in sizes:
        grams.update(compact[i : i + size] for i in range(len(compact) - size + 1))
    if len(compact) == 1:
        grams.add(compact)
    return grams


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)  # pure; the same words recur in most texts
def word_features_of(word: str) -> frozenset[str]:
    """`@word` for English; for Korean `#word` plus its character 2- and 3-grams."""
    if word.isascii():
        return frozenset({f"@{word}"})
    features = char_ngrams(word)
    if len(word) >= 2:
        features.add(f"#{word}")
    return frozenset(features)


def _boundary_grams(words: list[str]) -> set[str]:
    """The character 2- and 3-grams that cross a boundary between `words` (none empty)
    once they are written together ("육아 휴직" → 아휴, 육아휴, 아휴직).

    Only these can be bridges: an n-gram inside a Korean word is one of its own features.
    """
    text = "".join(words)
    grams: set[str] = set()
    boundary = 0
    for word in words[:-1]:
        boundary += len(word)
        grams.add(text[boundary - 1 : boundary + 1])
        if boundary >= 2:
            grams.add(text[boundary - 2 : boundary + 1])
        if boundary + 2 <= len(text):
            grams.add(text[boundary - 1 : boundary + 2])
    return grams


def _is_hangul_word(word: str) -> bool:
    return all("가" <= char <= "힣" for char in word)


class Analyzer:
    """Normalizes the FAQ side once and questions on every call, the same way."""

    def __init__(self, synonyms: Mapping[str, list[str]]) -> None:
        self._synonyms = SynonymMap(synonyms)
        self._english = {
            word
            for variants in synonyms.values()
            for term in variants
            for word in english_base(normalize_text(term)).split()
            if word.isascii()
        } | ENGLISH_STOPWORDS
        self._vocabulary: set[str] = set()
        self._stems: set[str] = set()
        self._terms: set[str] = set()
        self._word_cache: dict[str, list[str]] = {}
        self._known_grams: set[str] = set()
        self._jamo_words: list[str] = []
        self._jamo_to_word: dict[str, str] = {}
        self._segmenter = Segmenter(())
        self._faq_cache: dict[str, Analysis] = {}

    def learn(self, texts: Iterable[str], terms: Iterable[str] = ()) -> None:
        """Record the FAQ vocabulary used for particles, typos and keyboard slips.

        `terms` (keywords) are the domain words that short typos may be corrected to.
        """
        texts = list(dict.fromkeys(texts))  # the same keyword is in many entries
        self._segmenter = Segmenter(self._glue_vocabulary(texts))
        for term in [*terms, *self._synonyms.terms]:
            self._terms.update(self._words(normalize_text(term)))
        for text in texts:
            self._stems.update(self._words(normalize_text(text)))
        self._stems.update(self._synonyms.terms)
        self._faq_cache.clear()
        for text in texts:
            analysis = self.analyze(text, correct=False)
            self._vocabulary.update(analysis.words)
            self._known_grams.update(analysis.all_features)
        for word in sorted(self._vocabulary):  # sorted: the same typo fix every run
            if _is_hangul_word(word) and len(word) >= MIN_FIX_SYLLABLES:
                self._jamo_to_word.setdefault(decompose(word), word)
        # A misspelt slang word ("퍼견직", "옥단") is corrected to the term it stands for.
        for variant, canonical in self._synonyms.pairs():
            if _is_hangul_word(variant) and len(variant) >= MIN_FIX_SYLLABLES:
                self._jamo_to_word.setdefault(decompose(variant), canonical)
        self._jamo_words = list(self._jamo_to_word)

    def forget_faq_texts(self) -> None:
        """Drop the words and analyses of FAQ texts remembered for the load (the index is
        built from them); a later `analyze(..., correct=False)` works them out again."""
        self._word_cache.clear()
        self._faq_cache.clear()

    def _glue_vocabulary(self, texts: list[str]) -> set[str]:
        """Words that may appear glued together: FAQ words, synonyms, endings."""
        words = {word for text in texts for word in normalize_text(text).split()}
        words |= {strip_ending(word) for word in words}
        words |= self._synonyms.variants | set(ENDINGS)
        return words

    def analyze(self, text: str, *, correct: bool = True) -> Analysis:
        """Words and features of `text`; `correct` fixes typos against the FAQ vocabulary."""
        if not correct:
            cached = self._faq_cache.get(text)
            if cached is None:
                cached = self._analyze(text, correct=False)
                self._faq_cache[text] = cached
            return cached
        return self._analyze(text, correct=True)

    def _analyze(self, text: str, *, correct: bool) -> Analysis:
        normal = rewrite_phrases(normalize_text(text))
        if correct:
            normal = " ".join(
                self._segmenter.split(self._fix_keyboard(word)) for word in normal.split()
            )
        base = tokens(self._synonyms.apply(normal)) if correct else self._words(normal)
        words = [self._strip_particle(word) for word in base]
        if correct:
            fixed = [self._fix_typo(word) for word in words]
            if fixed != words:  # a corrected word may complete a synonym ("배우자 출산휴가")
                fixed = tokens(self._synonyms.apply(" ".join(fixed)))
            words = fixed
        word_features = tuple(word_features_of(word) for word in words)
        bridges = _boundary_grams([word for word in words if not word.isascii()])
        return Analysis(tuple(words), word_features, frozenset(bridges.difference(*word_features)))

    def _words(self, normal: str) -> list[str]:
        """Words of FAQ text, cached: the FAQ side is analyzed more than once at load."""
        cached = self._word_cache.get(normal)
        if cached is None:
            cached = tokens(self._synonyms.apply(normal))
            if len(self._word_cache) < WORD_CACHE_SIZE:
                self._word_cache[normal] = cached
        return list(cached)

    def _strip_particle(self, word: str) -> str:
        if (
            word[-1:] in _SOFT_PARTICLES
            and len(word) > 2
            and word[:-1] in self._stems
            and word not in self._synonyms.terms
        ):
            return word[:-1]
        return word

    def _fix_keyboard(self, word: str) -> str:
        """`dbrdkgbwlr` → `육아휴직` when an English-looking word is Korean typed in QWERTY."""
        if not word.isascii() or not word.isalpha() or word in self._english:
            return word
        converted = from_qwerty(word)
        if converted is None:
            return word
        grams = char_ngrams(converted, (2,))
        if grams and len(grams & self._known_grams) * 2 >= len(grams):
            return converted
        return word

    def _fix_typo(self, word: str) -> str:
        """Replace an unknown Hangul word by the closest FAQ word (jamo edit distance)."""
        if (
            word in self._vocabulary
            or not MIN_FIX_SYLLABLES <= len(word) <= MAX_FIX_SYLLABLES
            or not _is_hangul_word(word)
            or not self._jamo_words
        ):
            return word
        grams = char_ngrams(word, (2,))
        if grams <= self._known_grams:
            return word  # words glued together without spaces, all parts known
        jamo = decompose(word)
        is_short = len(jamo) < LONG_WORD_JAMO
        for spelling in confusable_spellings(jamo):
            found = self._jamo_to_word.get(spelling)
            if found is not None and (not is_short or found in self._terms):
                return found
        if is_short:
            return word  # short words: any other edit too often lands on a real word
        limit = 1 if len(jamo) < 2 * LONG_WORD_JAMO else 2
        best = extractOne(jamo, self._jamo_words, scorer=Levenshtein.distance, score_cutoff=limit)
        return word if best is None else self._jamo_to_word[best[0]]
