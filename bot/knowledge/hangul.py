"""Hangul helpers: jamo decomposition and 2-beolsik keyboard (한/영 slip) conversion."""

from __future__ import annotations

from typing import Final

_BASE: Final = 0xAC00
_LAST: Final = 0xD7A3
_LEADS: Final = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS: Final = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_TAILS: Final = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"

# Compound vowels / final clusters typed as two keys on a 2-beolsik keyboard.
_VOWEL_PAIRS: Final = {
    "ㅗㅏ": "ㅘ",
    "ㅗㅐ": "ㅙ",
    "ㅗㅣ": "ㅚ",
    "ㅜㅓ": "ㅝ",
    "ㅜㅔ": "ㅞ",
    "ㅜㅣ": "ㅟ",
    "ㅡㅣ": "ㅢ",
}
_TAIL_PAIRS: Final = {
    "ㄱㅅ": "ㄳ",
    "ㄴㅈ": "ㄵ",
    "ㄴㅎ": "ㄶ",
    "ㄹㄱ": "ㄺ",
    "ㄹㅁ": "ㄻ",
    "ㄹㅂ": "ㄼ",
    "ㄹㅅ": "ㄽ",
    "ㄹㅌ": "ㄾ",
    "ㄹㅍ": "ㄿ",
    "ㄹㅎ": "ㅀ",
    "ㅂㅅ": "ㅄ",
}
_KEYS: Final = dict(
    zip(
        "qwertyuiopasdfghjklzxcvbnmQWERTOP",
        "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡㅃㅉㄸㄲㅆㅒㅖ",
        strict=True,
    )
)


def is_syllable(char: str) -> bool:
    return _BASE <= ord(char) <= _LAST


def decompose(text: str) -> str:
    """Split each precomposed syllable into its jamo (compatibility letters)."""
    out: list[str] = []
    for char in text:
        if is_syllable(char):
            code = ord(char) - _BASE
            out.append(_LEADS[code // 588])
            out.append(_VOWELS[(code % 588) // 28])
            tail = _TAILS[code % 28]
            if tail != " ":
                out.append(tail)
        else:
            out.append(char)
    return "".join(out)


def _compose(lead: str, vowel: str, tail: str = "") -> str:
    index = _LEADS.index(lead) * 588 + _VOWELS.index(vowel) * 28
    return chr(_BASE + index + (_TAILS.index(tail) if tail else 0))


def _merge_vowels(jamo: list[str]) -> list[str]:
    out: list[str] = []
    for letter in jamo:
        if out and out[-1] + letter in _VOWEL_PAIRS:
            out[-1] = _VOWEL_PAIRS[out[-1] + letter]
        else:
            out.append(letter)
    return out


def compose_jamo(jamo: list[str]) -> str | None:
    """Compose a 2-beolsik key sequence into syllables; None if it is not valid Hangul."""
    letters = _merge_vowels(jamo)
    out: list[str] = []
    i = 0
    while i < len(letters):
        lead = letters[i]
        if lead not in _LEADS or i + 1 >= len(letters) or letters[i + 1] not in _VOWELS:
            return None
        vowel = letters[i + 1]
        i += 2
        tail = ""
        rest = letters[i:]
        if rest and rest[0] in _LEADS and rest[0] in _TAILS:
            # A consonant is a final unless the next key is a vowel (then it leads).
            starts_next = len(rest) > 1 and rest[1] in _VOWELS
            if not starts_next:
                tail = rest[0]
                i += 1
                pair = tail + rest[1] if len(rest) > 1 else ""
                if pair in _TAIL_PAIRS and not (len(rest) > 2 and rest[2] in _VOWELS):
                    tail = _TAIL_PAIRS[pair]
                    i += 1
        out.append(_compose(lead, vowel, tail))
    return "".join(out)


def from_qwerty(word: str) -> str | None:
    """`dbrdkgbwlr` → `육아휴직`: text typed with the keyboard left in English mode."""
    if not word or any(char not in _KEYS and char.lower() not in _KEYS for char in word):
        return None
    keys = [_KEYS.get(char, _KEYS.get(char.lower(), "")) for char in word]
    return compose_jamo(keys)


def _keyboard_neighbours() -> dict[str, set[str]]:
    rows = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    near: dict[str, set[str]] = {key: set() for row in rows for key in row}
    for r, row in enumerate(rows):
        for i, key in enumerate(row):
            if i + 1 < len(row):
                near[key].add(row[i + 1])
                near[row[i + 1]].add(key)
            if r + 1 < len(rows):
                below = rows[r + 1]
                for j in (i - 1, i):
                    if 0 <= j < len(below):
                        near[key].add(below[j])
                        near[below[j]].add(key)
    return {_KEYS[key]: {_KEYS[other] for other in others} for key, others in near.items()}


# Letters people swap by a slipped finger, the shift key, or because they sound alike.
_SOUND_ALIKE: Final = (
    "ㅐㅔ",
    "ㅒㅖ",
    "ㅙㅞㅚ",
    "ㅢㅣ",
    "ㅅㅆㄷㅈㅊㅌ",
    "ㅂㅃ",
    "ㅈㅉ",
    "ㄷㄸ",
    "ㄱㄲ",
)
CONFUSABLE: Final[dict[str, frozenset[str]]] = {
    letter: frozenset(others) for letter, others in _keyboard_neighbours().items()
}
for _group in _SOUND_ALIKE:
    for _letter in _group:
        CONFUSABLE[_letter] = CONFUSABLE.get(_letter, frozenset()) | set(_group) - {_letter}


def confusable_spellings(jamo: str) -> list[str]:
    """Every jamo string one slipped or sound-alike letter away from `jamo`."""
    out: list[str] = []
    for i, letter in enumerate(jamo):
        for other in CONFUSABLE.get(letter, ()):
            out.append(jamo[:i] + other + jamo[i + 1 :])
    return out
