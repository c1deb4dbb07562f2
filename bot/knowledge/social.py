"""Greetings, thanks and requests for a person: not questions for the FAQ, never "not found"."""

from __future__ import annotations

import re
import unicodedata
from typing import Final, Literal

Social = Literal["smalltalk", "person"]

#: Longer messages are questions even when they start with a greeting.
MAX_SOCIAL_CHARS: Final = 40
_EMOTES: Final = re.compile(r"[ㅋㅎㅠㅜㅡ]+")
_NOT_WORD: Final = re.compile(r"[^0-9a-z가-힣]+")
#: Word starts of greetings, thanks, acknowledgements and menu words.
_SMALLTALK_WORDS: Final = (
    "안녕",
    "하이",
    "헬로",
    "반가",
    "처음",
    "메뉴",
    "홈",
    "고마",
    "고맙",
    "감사",
    "땡큐",
    "덕분",
    "도움",
    "됐어",
    "되었",
    "많은",
    "많이",
    "정말",
    "진짜",
    "너무",
    "써봐",
    "알겠",
    "알았",
    "그렇군",
    "그렇구",
    "오케",
    "좋아",
    "좋은",
    "하루",
    "보내세요",
    "수고",
    "잘",
    "있어요",
    "계세요",
    "주무",
    "힘드네",
    "힘들다",
    "힘들어",
    "돌아가",
    "화면",
    "시작",
    "아하",
    "정리",
    "이해",
)
_SMALLTALK_ENGLISH: Final = frozenset(
    [
        "hi",
        "hello",
        "hey",
        "thanks",
        "thank",
        "you",
        "thx",
        "ok",
        "okay",
        "bye",
        "goodbye",
        "good",
        "morning",
        "night",
        "great",
        "cool",
        "start",
        "menu",
        "home",
        "so",
        "much",
        "very",
        "there",
        "alright",
        "got",
        "it",
        "see",
        "all",
        "that",
        "really",
        "helped",
        "helpful",
        "a",
        "lot",
    ]
)
_ACKNOWLEDGEMENTS: Final = frozenset(
    [
        *("네", "넵", "넹", "넵넵", "네네", "예", "응", "웅", "오키", "굿"),
        *("헐", "하", "아", "휴", "와", "오"),  # interjections
    ]
)
#: Initial-consonant chat words: thanks (ㄱㅅ), yes (ㅇㅇ), ok (ㅇㅋ), hi (ㅎㅇ), bye (ㅂㅂ).
_CHOSUNG_SMALLTALK: Final = re.compile(r"^(ㄱㅅ|ㄳ|ㅇㅇ|ㅇㅋ|ㅎㅇ|ㅂㅂ)+$")
#: Thanks followed by a remark ("감사해요 정리가 되네요"), unless the remark asks something.
_THANKS_FIRST: Final = re.compile(r"^(고마|고맙|감사|땡큐|thank|thx)")
_ASKS: Final = re.compile(
    r"[?？]|얼마|언제|어떻게|어디|무엇|뭐|몇|며칠|왜|누가|되나|있나|할까|인가|나요|까요|가요|죠"
    r"|(?<![a-z])(what|how|when|where|why|who|can|could|is|are|do|does)(?![a-z])"
)
#: Who the parent wants to reach, and the verbs of reaching them.
_PERSON: Final = re.compile(
    r"(상담원|상담사|상담 ?선생님|사람|직원 ?분|직원이랑|노무사|담당자|실제 ?사람|선생님)"
    r".{0,12}(연결|통화|얘기|이야기|대화|말하|말할|상담 ?받|직접)"
    r"|(연결|통화).{0,6}(상담원|상담사|사람|노무사|담당자)"
    r"|^(챗봇|봇|로봇) ?말고"
    r"|^(노무사|상담원|상담사) ?(연결|상담)?$"
    r"|^상담 ?(신청|요청|접수) ?"
    r"(할게요|할께요|하고 ?싶어요|하고 ?싶습니다|해 ?주세요|원해요|하기|부탁)"
    r"|(talk|speak|chat) (to|with) (a |an |the |someone |one of )?(real |your )?"
    r"(person|human|counsell?or|agent|lawyer|someone|staff|(labou?r )?attorneys?|nomusa)"
    r"|(real|actual) (person|human)|human agent|counsell?or please"
    r"|connect (me|us) (to|with)|(is|are) there (a|any) (real )?"
    r"(person|human|counsell?or|attorney|lawyer|staff)"
    r"|(전화|직접|대면|방문|노무사|상담사|상담원) ?상담 ?"
    r"(받고|받아|받을|원해|하고 ?싶|신청|예약|부탁)"
    r"|^상담 ?(예약|신청) ?(하고|할게|할께|원해|해 ?주|부탁)"
    r"|(사람|상담사|상담원|노무사|담당자).{0,4}(불러|바꿔)"
    r"|(실제|진짜) ?사람 ?(있|이에요|이세요|인가요|맞)"
    r"|(도와|봐) ?주실 ?분|(^| )연결 ?(해|좀) ?(주|줘)"
)
#: Asking how consulting works is an FAQ question (center-services), not a request.
_ABOUT_PROCESS: Final = re.compile(
    r"절차|어떻게|어떤|비용|무료|얼마|언제|하나요|되나요|(?<![a-z ])\?$"
    r"|(?<![a-z])(how|cost|fee|free|when)(?![a-z])"
)


def social_kind(text: str) -> Social | None:
    """`smalltalk`, `person` or None (an ordinary question) for one short message."""
    lowered = unicodedata.normalize("NFC", text).strip().lower()
    # English says the same in about twice the characters.
    limit = MAX_SOCIAL_CHARS * (2 if lowered.isascii() else 1)
    if not lowered or len(lowered) > limit:
        return None
    if _PERSON.search(lowered) and not _ABOUT_PROCESS.search(lowered.replace("연결", "")):
        return "person"
    if _CHOSUNG_SMALLTALK.match(lowered.replace(" ", "")) or (
        _THANKS_FIRST.match(lowered) and not _ASKS.search(lowered)
    ):
        return "smalltalk"
    had_emotes = bool(_EMOTES.search(lowered))
    words = _NOT_WORD.sub(" ", _EMOTES.sub(" ", lowered)).split()
    if not words:
        return "smalltalk" if had_emotes else None
    if all(_is_smalltalk_word(word) for word in words):
        return "smalltalk"
    return None


def _is_smalltalk_word(word: str) -> bool:
    if word in _ACKNOWLEDGEMENTS:
        return True
    if word.isascii():
        return word in _SMALLTALK_ENGLISH
    return word.startswith(_SMALLTALK_WORDS)
