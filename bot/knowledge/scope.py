"""Near-domain matters the FAQ does not cover: other public programs, taxes, housing, family
law, health care. A question about one of them may still see the nearest entries as
suggestions. A short question about one (or about a worker under another law) is never
answered directly by an entry that does not speak of it; in a story the matter may be
background, so there it is one piece of evidence for the decision."""

from __future__ import annotations

import re
from typing import Final

from bot.knowledge.models import FaqEntry

_OWN_LAW: Final = r"공무원|교원|군인|군무원"
_OTHER_MATTERS: Final = re.compile(
    r"부모\s*급여|아동\s*수당|첫\s*만남\s*이용권|양육\s*수당|출산\s*지원금|출산\s*장려금|"
    r"근로\s*장려금|자녀\s*장려금|종합\s*소득세|소득세|연말\s*정산|세금|부가세|"
    r"어린이집\s*(대기|입소|적응|등원)|아이\s*돌봄\s*서비스|"
    r"청약|전세|월세|대출|주택|임대|이혼|양육비|재산\s*분할|친권|"
    r"산후\s*조리원|예방\s*접종|건강\s*보험료|국민\s*연금|퇴직\s*연금|산재|산업\s*재해|"
    r"주식|배당|주차|부업|겸업|투잡|조기\s*재취업|주\s*52\s*시간|"
    # Public servants, teachers of public schools and soldiers have their own laws.
    rf"{_OWN_LAW}|"
    r"(?<![a-z])(child\s*benefit|tax(es)?|mortgage|rent|divorce|daycare\s*waiting|vaccin\w*)(?![a-z])",
    re.IGNORECASE,
)


def other_matter(question: str, entry: FaqEntry) -> str | None:
    """The near-domain matter `question` asks about that `entry` never mentions, if any."""
    found = _OTHER_MATTERS.search(question)
    if found is None:
        return None
    own = " ".join((entry.question, *entry.variants, *entry.keywords, entry.answer))
    compact = re.sub(r"\s+", "", found.group(0).lower())
    return None if compact in re.sub(r"\s+", "", own.lower()) else found.group(0)


def under_other_law(matter: str) -> bool:
    """Public servants, public-school teachers and soldiers have leave laws of their own."""
    return re.fullmatch(_OWN_LAW, re.sub(r"\s+", "", matter)) is not None
