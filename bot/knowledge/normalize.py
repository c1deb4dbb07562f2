"""Korean text normalization shared by the FAQ index and incoming questions.

Both sides go through the same steps, so a rule only has to be consistent, not perfect:
NFC → lower case → drop laughter/crying runs and punctuation → synonyms/slang/English to a
canonical term → strip polite/casual endings and common particles.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Final


def _split(words: str) -> list[str]:
    """Word lists below are kept as plain text so staff can read and extend them."""
    return words.split()


_FULLWIDTH: Final = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_EMOTES: Final = re.compile(r"[ㅋㅎㅠㅜㅡㄷㅇ]{2,}|[ㅠㅜ]+")
# Keep Hangul syllables, Latin letters, digits and '+' (as in 6+6); everything else splits.
_NOT_WORD: Final = re.compile(r"[^0-9a-z가-힣+]+")
_SPACES: Final = re.compile(r"\s+")

#: Function words dropped from English (or mixed) questions.
ENGLISH_STOPWORDS: Final = frozenset(
    _split("""
    a an the is are was were be been am do does did can could should would will shall may
    might must i me my we our you your he she his her it its they them their this that these
    those what which who whom when where why how of in on at to for from by with about as or
    and but if so not no yes please any some there here than then into out up down over just
    get got have has had during while also still korea korean seoul
    s t m d ll re ve
    """)
)

#: Korean words that say nothing about the topic (both sides drop them, so IDF never
#: makes a rare filler word such as 총 or 혹시 decide the match).
KOREAN_STOPWORDS: Final = frozenset(
    _split("""
    총 좀 그냥 진짜 정말 너무 혹시 많이 약간 아직 이제 요즘 저 제가 저는 저희 저도 나 내가
    우리 그 이 그게 이게 뭔가 일단 근데 그런데 그래서 그리고 또 다시 막 꼭 혹 거의 계속
    """)
)
# Polite/casual endings and particles, tried longest first. A stem always keeps at least
# two syllables, so short nouns such as 휴가 or 아이 are never cut.
ENDINGS: Final = tuple(
    sorted(
        _split("""
        습니까 습니다 합니다 됩니다 입니다 인가요 인건가요 건가요 는건가요 나요 가요 까요 는지요
        되나요 되나여 되여 되요 돼요 되죠 돼죠 하나요 해요 했어요 했는데요 했는데 하는데 한데요
        인데요 인데 는데요 는데 던데 던데요 어요 아요 여요 에요 예요 이에요 이예요 이요 세요
        으세요 주세요 해주세요 할까요 될까요 을까요 래요 대요 재요 냐고 냐구 라고 라구
        임 음 함 됨 했음 인지 는지 은지 나여 가여 까여 해여 에여 예여 어여 아여 구요 고요
        으면 면 해도 해야 해서 하면 되면 돼서 되어 라서 이라서 이라 이라는 라는 이랑 랑 으로
        로서 로부터 으로부터 에서 에게 한테 께서 까지 부터 보다 처럼 마다 은 는 을 를 에 이나
        나 이고 는요 은요 도요 면요 이면요 라면요 이라면요 인가여 거예요 건요 껀요
        """),
        key=len,
        reverse=True,
    )
)
ENDINGS_BY_LAST: Final[dict[str, tuple[str, ...]]] = {
    last: tuple(ending for ending in ENDINGS if ending.endswith(last))
    for last in {ending[-1] for ending in ENDINGS}
}
_KEEP_WHOLE: Final = frozenset(_split("휴가 아이 사이 이나 회사 거부 교사 하는 제도 정도 한도"))


# "직원 3명", "4인 회사" → the legal category 5인 미만 that the FAQ talks about.
_STAFF_WORD: Final = r"(?:직원|근로자|사원|인원|사람|상시\s?근로자)"
_WORKPLACE: Final = r"(?:회사|사업장|학원|가게|사무실|병원|의원|업체|약국|식당|카페|매장|직장)"
_SMALL_WORKPLACE: Final = (
    re.compile(_STAFF_WORD + r"\s?(?:수\s?)?(?:가|이|는|은)?\s?(?:총\s?)?[1-4]\s?(?:명|인)"),
    re.compile(
        r"(?<![0-9])[1-4]\s?(?:명|인)\s?(?:이하|뿐인|짜리|정도인?|규모의?)?\s?" + _WORKPLACE
    ),
)
# "돈 얼마 나와요", "얼마 받아요": asking for an amount is asking about the benefit (급여).
_MONEY: Final = (
    re.compile(
        r"(?<![가-힣])돈\s?(?:이|은|도|을|는)?(?=\s?(?:얼마|몇|나와|나오|받|줘|주나|줘요|들어))"
    ),
    re.compile(
        r"(?<![가-힣])얼마\s?(?:나|씩|정도|쯤)?\s?(?=(?:나와|나오|받|줘|주나|줘요|들어와|지급))"
    ),
)
#: Pure text functions remember this many recent arguments.
TEXT_CACHE_SIZE: Final = 50_000
#: English words shorter than this keep their ending (bus, has, was).
MIN_ENGLISH_STEM: Final = 4
_ASCII_WORD: Final = re.compile(rf"(?<![a-z])[a-z]{{{MIN_ENGLISH_STEM},}}(?![a-z])")
# "재택 말고 출근 시간만": the word before 말고/빼고 is what the person does NOT ask about.
_NOT_THIS: Final = re.compile(r"\S+\s(?:말고|말구|빼고|아니고)(?=\s|$)")


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)  # pure; FAQ texts are normalized several times
def normalize_text(text: str) -> str:
    """NFC, lower case, no emoticons or punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_FULLWIDTH).lower()
    text = _EMOTES.sub(" ", text)
    text = _NOT_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def compact_text(text: str) -> str:
    """`normalize_text` without spaces: two texts that differ only in spacing, case or
    punctuation are the same question."""
    return normalize_text(text).replace(" ", "")


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def english_base(text: str) -> str:
    """English plurals and third-person verbs to their base (days → day, subsidies →
    subsidy), so a variant written in one form also matches the other."""
    return _ASCII_WORD.sub(_english_word_base, text)


def _english_word_base(match: re.Match[str]) -> str:
    word = match.group()
    if word in ENGLISH_STOPWORDS:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def rewrite_phrases(text: str) -> str:
    """Rewrite a few phrase patterns of normalized text (workplace size, "A 말고 B",
    English plurals)."""
    text = english_base(text)
    for pattern in _SMALL_WORKPLACE:
        text = pattern.sub(" 5인 미만 ", text)
    for pattern in _MONEY:
        text = pattern.sub(" 급여 얼마 ", text)
    return _SPACES.sub(" ", _NOT_THIS.sub(" ", text)).strip()


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def strip_ending(token: str) -> str:
    """Cut one polite/casual ending or particle, keeping a stem of two syllables or more."""
    if token in _KEEP_WHOLE or not ("가" <= token[-1:] <= "힣"):
        return token
    for ending in ENDINGS_BY_LAST.get(token[-1], ()):
        if token.endswith(ending) and len(token) - len(ending) >= 2:
            return token[: -len(ending)]
    return token


class SynonymMap:
    """Rewrites variants (slang, abbreviations, English) to their canonical term.

    Variants are matched longest first, ignoring spaces inside them; variants of one or
    two syllables only match at the start of a word, English ones only as whole words.
    Canonical terms map to themselves, which protects them from shorter variants.
    """

    def __init__(self, synonyms: Mapping[str, list[str]]) -> None:
        table: dict[str, str] = {}
        for canonical, variants in synonyms.items():
            target = normalize_text(canonical).replace(" ", "")  # one concept, one word
            for term in [canonical, *variants]:
                key = english_base(normalize_text(term))
                if key:
                    table.setdefault(key, target)
        self._table = {key.replace(" ", ""): value for key, value in table.items()}
        # A trie over the variants' letters: at each position the longest variant wins.
        self._trie: dict[str, Any] = {}
        for variant in self._table:
            node = self._trie
            for char in variant:
                node = node.setdefault(char, {})
            node[_END] = variant

    def apply(self, text: str) -> str:
        """Replace every variant in already-normalized `text` by its canonical term.

        Spaces inside a variant are ignored ("육아 휴직"); variants of one or two syllables
        only match at the start of a word, English ones only as whole words.
        """
        trie = self._trie
        if not trie:
            return text
        out: list[str] = []
        start = copied = 0  # text[copied:start] is kept as it is
        size = len(text)
        while start < size:
            if text[start] not in trie:
                start += 1
                continue
            end, variant = self._longest(text, start)
            if variant is None:
                start += 1
                continue
            target = self._table[variant]
            out.append(text[copied:start])
            out.append(f" {target} " if target.isascii() != variant.isascii() else target)
            start = copied = end
        if not out:
            return text
        out.append(text[copied:])
        return "".join(out)

    def _longest(self, text: str, start: int) -> tuple[int, str | None]:
        """End and variant of the longest variant that may match at `start`."""
        before = text[start - 1] if start else ""
        node: dict[str, Any] | None = self._trie.get(text[start])
        position, size = start + 1, len(text)
        found: tuple[int, str | None] = (start, None)
        while node is not None:
            variant = node.get(_END)
            if variant is not None and _may_match(variant, before, text, position):
                found = (position, variant)
            if position >= size:
                break
            char = text[position]
            child = node.get(char)
            if child is not None:
                node, position = child, position + 1
            elif position + 1 < size and char.isspace():
                node, position = node.get(text[position + 1]), position + 2
            else:
                break
        return found

    @functools.cached_property  # asked for every word of the FAQ at load
    def terms(self) -> frozenset[str]:
        """Canonical terms, as they appear after `apply` (one word each)."""
        return frozenset(self._table.values())

    def pairs(self) -> list[tuple[str, str]]:
        """(variant without spaces, canonical term) for every variant."""
        return list(self._table.items())

    @functools.cached_property
    def variants(self) -> frozenset[str]:
        """Every variant and canonical term, without spaces."""
        return frozenset(self._table)


_END: Final = "\0"


def _may_match(variant: str, before: str, text: str, end: int) -> bool:
    """English variants are whole words; one- or two-syllable ones start a word."""
    if variant.isascii():
        after = text[end] if end < len(text) else ""
        return not _is_alnum_ascii(before) and not _is_alnum_ascii(after)
    return len(variant) > 2 or not ("가" <= before <= "힣")


def _is_alnum_ascii(char: str) -> bool:
    return char != "" and ("a" <= char <= "z" or "0" <= char <= "9")


def tokens(text: str) -> list[str]:
    """Words of normalized text, endings stripped, English function words dropped."""
    out: list[str] = []
    for word in text.split():
        if word in ENGLISH_STOPWORDS or word in KOREAN_STOPWORDS:
            continue
        out.append(strip_ending(word))
    return out
