"""Find the question in a story: parents write the background first and ask at the end."""

from __future__ import annotations

import re
from typing import Final

#: Sentence ends: punctuation, line breaks, crying/laughing runs used as full stops.
_BOUNDARY: Final = re.compile(
    r"(?<=[.?!。？！])\s+|\n+|(?<=[ㅠㅜㅋㅎ]{2})\s+|(?<=[.…])(?=[가-힣])"
)
#: Words and endings that make a sentence a question even without a question mark.
_QUESTION: Final = re.compile(
    r"[?？]|얼마|몇|며칠|언제|어떻게|어떡|어디|뭐|무엇|누가|누구|왜|가능|할\s?수|될까|인가|건가"
    r"|나요|까요|가요|는지|을지|ㄹ지|할지|는데요\s*$|되나|돼요?\s*$|되죠|맞나|맞죠|있나|없나"
    r"|있을까|궁금|알려\s?주|알고\s?싶|\b(how|what|when|where|can|do|does|is|are|am|will|should)\b",
    re.IGNORECASE,
)
#: A message shorter than this (characters) is one question; splitting it only loses context.
MIN_STORY_CHARS: Final = 60
#: How many question sentences at the end of a story are taken as "the question".
QUESTION_SENTENCES: Final = 2


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, in order, without empty pieces."""
    return [part.strip() for part in _BOUNDARY.split(text) if part and part.strip()]


def is_question(sentence: str) -> bool:
    return _QUESTION.search(sentence) is not None


def question_part(text: str) -> str:
    """The question sentence(s) of a story, or the whole text when it is short.

    The last sentences that read as questions are taken (up to `QUESTION_SENTENCES`, and
    only a contiguous run at the end of the questions); without any, the last sentence.
    """
    if len(text) < MIN_STORY_CHARS:
        return text
    sentences = split_sentences(text)
    if len(sentences) < 2:
        return text
    picked: list[str] = []
    for sentence in reversed(sentences):
        if is_question(sentence):
            picked.append(sentence)
            if len(picked) == QUESTION_SENTENCES:
                break
        elif picked:
            break
    if not picked:
        picked = [sentences[-1]]
    return " ".join(reversed(picked))
