"""Korean wording of the FAQ review report (staff read it; parents never do)."""

from __future__ import annotations

from typing import Final

from bot.vocabulary import FeedbackReason

TITLE: Final = "FAQ 검토 보고서"
PERIOD: Final = "기간: {start} ~ {end} (오늘 {today})"
GROUPS: Final = "미답변·낮은 확신 질문 묶음"
GROUP_LINE: Final = "{number}. {count}건 · {first}~{last} · 「{text}」"
GROUP_CANDIDATE: Final = "   가장 가까운 항목: {entry} (확신 {confidence:.0%})"
GROUP_NO_CANDIDATE: Final = "   가까운 항목 없음"
FEEDBACK: Final = "항목별 의견 (👎 비율 높은 순)"
FEEDBACK_LINE: Final = "• {entry}: 👍 {helpful} · 👎 {unhelpful} ({share:.0%})"
OVERDUE: Final = "검토일이 지난 항목 (마지막 확인 후 180일 넘음)"
OVERDUE_LINE: Final = "• {entry}: {reviewed} 확인 ({days}일 전)"
EXPIRING: Final = "60일 안에 효력이 끝나는데 다음 버전이 없는 것"
EXPIRING_KINDS: Final = {"entry": "항목", "rules": "규칙표", "checked": "규칙표 확인 기한"}
EXPIRING_LINE: Final = "• {kind} {item}: {ends}까지"
NOTES: Final = "직원용 review 메모"
NOTE_KINDS: Final = {"entry": "항목", "center": "센터 정보", "rules": "규칙표"}
NOTE_LINE: Final = "• {kind} {item}: {note}"
NEVER: Final = "기간 중 한 번도 안내되지 않은 항목"
WEEKS: Final = "주별 응답 (바로 답 / 후보 제시 / 못 찾음 / 위기)"
WEEK_LINE: Final = "• {week} 주: {direct} / {suggestions} / {none} / {crisis} (바로 답 {rate:.0%})"
NEW_ENTRIES: Final = "새 항목이 필요하다고 표시한 질문"
NEW_ENTRY_LINE: Final = "• {at} {staff}: 「{text}」"
NONE: Final = "  (없음)"
#: The FAQ section of the monthly `/report`.
MONTH_TITLE: Final = "FAQ 점검 ({period})"
MONTH_ANSWERS: Final = (
    "• 응답 {total}건: 바로 답 {direct} · 후보 제시 {suggestions} · 못 찾음 {none} · 위기 {crisis}"
    " (바로 답 {rate:.0%})"
)
MONTH_WORST: Final = "• 👎 많은 항목: {entries}"
MONTH_WORST_ITEM: Final = "{entry} {unhelpful}건({share:.0%})"
MONTH_HEALTH: Final = (
    "• 검토일 지난 항목 {overdue}개 · 60일 안에 끝나는 것 {expiring}개 · "
    "이달 안내 안 된 항목 {never}개"
)
MONTH_GROUPS: Final = "• 답하지 못한 질문 묶음 {groups}개 — 자세히는 /faq_review, /unanswered"
REASONS: Final = {
    FeedbackReason.OTHER_QUESTION: "다른 질문",
    FeedbackReason.HARD: "어려움",
    FeedbackReason.NOT_MY_CASE: "내 상황과 다름",
    FeedbackReason.WRONG: "틀린 내용",
}
#: XLSX sheet names and column headers.
SHEET_GROUPS: Final = "질문 묶음"
SHEET_FEEDBACK: Final = "항목별 의견"
SHEET_HEALTH: Final = "내용 점검"
SHEET_WEEKS: Final = "주별 응답"
GROUP_HEADERS: Final = (
    "건수",
    "처음",
    "마지막",
    "대표 질문 (개인정보 가림)",
    "가까운 항목",
    "확신",
)
FEEDBACK_HEADERS: Final = ("항목", "질문", "👍", "👎", "👎 비율", "이유")
HEALTH_HEADERS: Final = ("구분", "대상", "내용")
WEEK_HEADERS: Final = ("주 시작", "바로 답", "후보 제시", "못 찾음", "위기", "바로 답 비율")
