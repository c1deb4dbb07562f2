"""Korean wording of the report: section titles, column headers and category labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from bot.cases import stages
from bot.dialog import Choice
from bot.intake import flow
from bot.vocabulary import Channel, Urgency

TITLE: Final = "직장맘 상담봇 성과 보고서"
KPI_TITLE: Final = "성과목표 대비 실적"
KPI_HEADERS: Final = ("사업명", "성과목표", "성과지표", "실적", "이행률")
BREAKDOWN_HEADERS: Final = ("구분", "건수", "비율")
REFERRALS_TITLE: Final = "연계·사건대리 (종류별)"
FAQ_TITLE: Final = "FAQ 안내"
TOP_ENTRIES_TITLE: Final = "많이 안내한 FAQ"
TOP_UNANSWERED_TITLE: Final = "답하지 못한 질문 (많이 나온 순)"
RESPONSE_TITLE: Final = "응답 시간 (이 기간 접수 사례)"
RESPONSE_HEADERS: Final = ("구간", "사례 수", "중앙값", "90% 이내")
WAITING_TITLE: Final = "오래 기다리는 사례 (현재)"
WAITING_HEADERS: Final = ("사례 번호", "주제", "긴급도", "상태", "대기 시간")
DEFINITIONS_TITLE: Final = "지표 정의"
SATISFACTION_TITLE: Final = "상담 만족도 (5점 만점)"
SATISFACTION_ROWS: Final = {"count": "응답 수", "average": "평균 점수"}
SATISFACTION_LINE: Final = "상담 만족도: 평균 {average}점 / 5점 (응답 {count:,}건)"
SATISFACTION_NONE: Final = "상담 만족도: 응답 없음"
SATISFACTION_DEFINITION: Final = (
    "상담을 종결할 때 부모님께 한 번 묻는 만족도 (1~5점)의 평균과 응답 수 (처음 답한 달)"
)
NOTHING: Final = "없음"
NO_TARGET: Final = "-"
PARTIAL_NOTE: Final = "{when} 기준 (기간이 끝나지 않아 중간 집계입니다)"
GENERATED_NOTE: Final = "작성: {when}"
TARGET_NOTE_MONTH: Final = "월 목표 = 연간 목표 ÷ 12, 이행률 = 실적 ÷ 목표 × 100"
TARGET_NOTE_YEAR: Final = "목표 = 연간 목표, 이행률 = 실적 ÷ 목표 × 100"
FAQ_ROWS: Final = {
    "given": "FAQ 안내 (합계)",
    "answered": "바로 답변",
    "chosen": "추천·메뉴에서 선택",
    "helpful": "👍 도움이 됐어요",
    "unhelpful": "👎 도움이 안 됐어요",
    "helpful_share": "👍 비율",
    "unanswered": "답하지 못한 질문",
}
DURATIONS: Final = {
    "created_to_claimed": "접수 → 배정",
    "claimed_to_first_reply": "배정 → 첫 답변",
    "created_to_first_reply": "접수 → 첫 답변",
}
WAITING_UNCLAIMED: Final = "배정 대기"
WAITING_NO_REPLY: Final = "첫 답변 대기"
UNKNOWN: Final = "미응답"
CHART_TITLE: Final = "{year}년 월별 실적과 월 목표"
CHART_TARGET: Final = "월 목표"
CHART_ACTUAL: Final = "실적"
REPORT_XLSX_CAPTION: Final = "{period} 보고서 (엑셀)"
REPORT_PNG_CAPTION: Final = "{year}년 월별 실적과 월 목표"
REPORT_CHART_UNAVAILABLE: Final = (
    "그래프를 만들지 못했어요: 한글 글꼴을 찾지 못했습니다. 관리자에게 알려 주세요."
)
REPORT_TARGETS_INVALID: Final = (
    "성과목표 파일(faq/targets.yaml)에 문제가 있어 보고서를 만들지 못했어요. "
    "고친 뒤 다시 시도해 주세요.\n{problems}"
)
CHART_NO_GOALS: Final = "표시할 지표가 없습니다 (targets.yaml)"

BREAKDOWN_TITLES: Final = {
    "topic": "주제별",
    "stage": "진행 단계별 (현재)",
    "urgency": "긴급도별",
    "workplace_size": "사업장 규모별",
    "contract": "고용 형태별",
    "role": "신청인별",
    "channel": "접수 경로별",
}
URGENCY: Final[dict[str, str]] = {Urgency.URGENT: "긴급", Urgency.NORMAL: "보통"}
CHANNELS: Final[dict[str, str]] = {
    Channel.TELEGRAM: "텔레그램 상담봇",
    Channel.PHONE: "전화",
    Channel.VISIT: "방문",
    Channel.WEB: "홈페이지",
    Channel.EMAIL: "이메일",
}


def _choices(choices: list[Choice]) -> dict[str, str]:
    return {choice.value: choice.label for choice in choices}


#: Known values of each case attribute in display order, with their labels.
CATEGORIES: Final[Mapping[str, Mapping[str, str]]] = {
    "stage": stages.STAGE_LABELS,
    "urgency": URGENCY,
    "workplace_size": _choices(flow.WORKPLACE_SIZES),
    "contract": _choices(flow.CONTRACTS),
    "role": _choices(flow.ROLES),
    "channel": CHANNELS,
}
