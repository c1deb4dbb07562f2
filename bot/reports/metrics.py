"""The indicators the bot can count, and exactly how each one is counted.

Every indicator is attributed to the local month of one moment, so that a month's result
does not change once the month is over (purge and anonymization keep those moments):

- `general_counseling` 종합상담 건수: a case counts once, in the month counseling started,
  which is the earlier of (a) the first reply an attorney sent the parent through the bot
  (`cases.first_reply_at`) and (b) the first move into a counseling stage (a `stage` event
  to 종합상담 / 심층상담 / 확인상담 / 밀착지원). A case closed without either (a duplicate,
  a request withdrawn before anyone answered) is not counseling and does not count.
- `representation` 사건대리, `psychological` 심리상담, `medical` 의료지원 연계,
  `childcare` 돌봄기관 연계: a case counts once per kind, in the month of its first
  `referral` event of that kind (`case_events.to_value`). 의료지원 is counted in persons
  (명) by the center; one case is one parent, so cases are counted.
- `online_counseling` 온라인 상담: cases received online (`cases.channel = telegram`, the
  bot's own channel), in the month they were received.
- `cases_received` 상담 접수: every case received, in any channel, in the month received.
- `faq_answers` FAQ 자동 안내: FAQ answers given by the bot (a confident answer, or an
  entry the parent picked from suggestions or the menu), in the month given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bot.vocabulary import Channel

GENERAL_COUNSELING: Final = "general_counseling"
REPRESENTATION: Final = "representation"
PSYCHOLOGICAL: Final = "psychological"
MEDICAL: Final = "medical"
CHILDCARE: Final = "childcare"
ONLINE_COUNSELING: Final = "online_counseling"
CASES_RECEIVED: Final = "cases_received"
FAQ_ANSWERS: Final = "faq_answers"

ONLINE_CHANNELS: Final = frozenset({Channel.TELEGRAM})


@dataclass(frozen=True)
class Metric:
    """One countable indicator with the center's default wording."""

    id: str
    program: str  # 사업명
    indicator: str  # 성과지표
    unit: str  # 건 / 명 / 회
    definition: str  # one Korean sentence for staff (shown in the XLSX)


METRICS: Final[dict[str, Metric]] = {
    m.id: m
    for m in (
        Metric(
            GENERAL_COUNSELING,
            "종합상담",
            "상담 건수",
            "건",
            "담당자가 첫 답변을 보냈거나 종합상담 이상 단계로 옮긴 사례 (처음 그렇게 된 달)",
        ),
        Metric(
            REPRESENTATION,
            "사건대리",
            "대리 건수",
            "건",
            "사건대리로 연계한 사례 (처음 연계한 달)",
        ),
        Metric(
            PSYCHOLOGICAL, "심리상담", "건수", "건", "심리상담으로 연계한 사례 (처음 연계한 달)"
        ),
        Metric(
            ONLINE_COUNSELING,
            "온라인 상담",
            "건수",
            "건",
            "텔레그램 상담봇으로 접수된 상담 신청 (접수한 달)",
        ),
        Metric(
            CHILDCARE,
            "돌봄기관 연계",
            "연계 건수",
            "건",
            "돌봄 기관으로 연계한 사례 (처음 연계한 달)",
        ),
        Metric(
            MEDICAL,
            "의료지원 연계",
            "연계 수",
            "명",
            "의료지원으로 연계한 사례, 한 사례가 한 사람 (처음 연계한 달)",
        ),
        Metric(
            CASES_RECEIVED,
            "상담 접수",
            "접수 건수",
            "건",
            "모든 경로로 접수된 상담 신청 (접수한 달)",
        ),
        Metric(
            FAQ_ANSWERS,
            "FAQ 자동 안내",
            "안내 건수",
            "건",
            "상담봇이 FAQ로 답한 횟수: 바로 답한 것과 추천 중 고른 것 (안내한 달)",
        ),
    )
}

#: Referral kind (case_events.to_value) behind each referral indicator.
REFERRAL_METRICS: Final[dict[str, str]] = {
    REPRESENTATION: "사건대리",
    PSYCHOLOGICAL: "심리상담",
    MEDICAL: "의료지원",
    CHILDCARE: "돌봄",
}

#: FAQ answer log outcomes that count as an answer given.
FAQ_ANSWER_OUTCOMES: Final = ("answer", "chosen")
