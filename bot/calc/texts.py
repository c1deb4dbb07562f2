"""Korean texts of the calculator dialog (/calc). Prompts are Telegram HTML; keep them safe."""

from __future__ import annotations

from typing import Final

# --- calculators and buttons -----------------------------------------------------------------

KIND_PARENTAL: Final = "육아휴직 급여"
KIND_MATERNITY: Final = "출산전후휴가 급여"
KIND_REDUCED_HOURS: Final = "육아기 근로시간 단축 급여"
KIND_SPOUSE: Final = "배우자 출산휴가 급여"
KIND_INFERTILITY: Final = "난임치료휴가 유급·무급"
KIND_SPOUSE_LOSS: Final = "배우자 유산·사산휴가 유급·무급"
KIND_DEADLINES: Final = "기한 계산"

YES: Final = "네"
NO: Final = "아니요"
SKIP_BIRTH: Final = "모르겠어요·아직 출산 전"
SKIP_OTHER_MONTHS: Final = "아직 몰라요"
COMPANY_PRIORITY: Final = "우선지원대상기업(중소기업)"
COMPANY_LARGE: Final = "대규모기업"
COMPANY_UNKNOWN: Final = "잘 모르겠어요"
BIRTH_SINGLE: Final = "한 명"
BIRTH_MULTIPLE: Final = "쌍둥이 이상(다태아)"
BIRTH_PREMATURE: Final = "미숙아"
EVENT_DISMISSAL: Final = "해고됐어요"
EVENT_RESIGNATION: Final = "퇴사했어요(권고사직 포함)"
EVENT_LEAVE_END: Final = "휴직·휴가가 끝나요"
EVENT_DISCRIMINATION: Final = "차별을 받았어요"
EVENT_FIRST_RULING: Final = "지방노동위 판정을 받았어요"
EVENT_REVIEW_RULING: Final = "중앙노동위 재심 판정을 받았어요"
EVENT_BIRTH: Final = "배우자가 출산했어요"
EVENT_DONE: Final = "이대로 계산할게요"
BUTTON_AGAIN: Final = "🔁 다시 계산"
BUTTON_CONSULT: Final = "상담 신청"
BUTTON_CALCULATE: Final = "🧮 내 급여 계산해 보기"
BUTTON_CALCULATE_DEADLINE: Final = "🧮 내 기한 계산해 보기"

# --- questions -------------------------------------------------------------------------------

Q_KIND: Final = (
    "어떤 것을 계산해 볼까요?\n"
    "<i>규칙표의 기준으로 계산한 예상액이에요. "
    "입력한 내용은 계산이 끝나면 지워요.</i>"
)
Q_WAGE: Final = (
    "월 통상임금은 얼마인가요?\n"
    "예: 300만원, 3,000,000원. 매달 고정으로 받는 기본급·고정수당(세전)을 더한 "
    "금액이에요. 대략적인 금액도 괜찮아요."
)
Q_START: Final = {
    "parental": "육아휴직을 시작하는(시작한) 날은 언제인가요? 예: 2026.3.2",
    "maternity": "출산전후휴가를 시작하는(시작한) 날은 언제인가요? 예: 2026.3.2",
    "reduced_hours": "근로시간 단축을 시작하는(시작한) 날은 언제인가요? 예: 2026.3.2",
    "spouse": "배우자 출산휴가를 시작하는(시작한) 날은 언제인가요? 예: 2026.3.2",
    "infertility": "난임치료휴가를 시작하는(시작한) 날은 언제인가요? 예: 2026.12.10",
    "spouse_loss": "배우자가 유산·사산한 날은 언제인가요? 예: 2026.11.3",
}
Q_MONTHS: Final = {
    "parental": (
        "몇 개월 쉬나요? 버튼을 누르거나 1~18 사이 숫자로 적어 주세요. 예: 9\n"
        "<i>끝나는 날(예: 2027.3.31)이나 날수(예: 45일, 1주·2주 단기 육아휴직은 7일·14일)로 "
        "적어도 돼요.</i>"
    ),
    "reduced_hours": (
        "몇 개월 단축하나요? 버튼을 누르거나 1~36 사이 숫자로 적어 주세요. 예: 9\n"
        "<i>끝나는 날(예: 2027.3.31)이나 날수(예: 45일)로 적어도 돼요.</i>"
    ),
}
Q_SINGLE_PARENT: Final = "한부모(한부모가족지원법상 한부모)이신가요?"
Q_OTHER_PARENT: Final = (
    "같은 자녀로 다른 부모(배우자)도 육아휴직을 하나요(했나요)?\n"
    "<i>자녀 생후 18개월 안에 두 분 모두 휴직하면 6+6 특례로 더 받을 수 "
    "있어요.</i>"
)
Q_OTHER_START: Final = "배우자의 육아휴직 시작일(예정일)은 언제인가요? 예: 2026.9.1"
Q_OTHER_MONTHS: Final = (
    "배우자는 몇 개월 육아휴직을 하나요(했나요)? 버튼을 누르거나 1~18 사이 숫자로 적어 주세요.\n"
    "<i>배우자가 6개월보다 짧게 쉬면 6+6 특례는 짧은 쪽 기간만큼만 적용돼요.</i>"
)
Q_CHILD_BIRTH: Final = (
    "자녀 생년월일은 언제인가요? 예: 2026.1.15\n"
    "<i>6+6 특례는 나중에 휴직하는 부모가 자녀 생후 18개월 안에 시작해야 "
    "해요.</i>"
)
Q_COMPANY: Final = (
    "회사는 우선지원대상기업인가요, 대규모기업인가요?\n"
    "<i>우선지원대상기업은 대부분의 중소기업이에요(업종에 따라 상시 근로자 "
    "100~500명 이하). 잘 모르면 가장 흔한 우선지원대상기업으로 계산하고 결과에 "
    "적어 둘게요.</i>"
)
Q_BIRTH: Final = "출산 형태를 골라 주세요."
Q_HOURS_BEFORE: Final = "단축 전에는 주에 몇 시간 일했나요? 예: 40"
Q_HOURS_AFTER: Final = "단축하면 주에 몇 시간 일하나요? 주 15~35시간 사이로 골라 주세요. 예: 30"
Q_EVENT: Final = "어떤 일의 기한을 계산할까요?"
Q_EVENT_MORE: Final = "다른 날짜도 있으면 골라 주세요. 없으면 [이대로 계산할게요]를 눌러 주세요."
Q_EVENT_DATE: Final = {
    "dismissal": "해고된 날(해고 통보에 적힌 해고일)은 언제인가요? 예: 2026.9.1",
    "resignation": "퇴사한 날은 언제인가요? 예: 2026.9.1",
    "leave_end": (
        "육아휴직·출산전후휴가·근로시간 단축이 끝나는(끝난) 날은 언제인가요? 예: 2026.9.1"
    ),
    "discrimination": "차별을 받은 날(계속됐다면 마지막 날)은 언제인가요? 예: 2026.9.1",
    "first_ruling": "지방노동위원회 판정서를 받은 날은 언제인가요? 예: 2026.9.1",
    "review_ruling": "중앙노동위원회 재심 판정서를 받은 날은 언제인가요? 예: 2026.9.1",
    "birth": "출산한 날은 언제인가요? 예: 2026.9.1",
}
STEP_HINT: Final = "\n\n<i>/cancel 계산 그만두기</i>"

# --- validation ------------------------------------------------------------------------------

CHOOSE_BUTTON: Final = "아래 버튼 중에서 골라 주세요."
WAGE_UNRECOGNIZED: Final = "금액을 알아보지 못했어요. 300만원, 3,000,000원처럼 숫자로 적어 주세요."
WAGE_TOO_SMALL: Final = (
    "월 통상임금으로 보기에 너무 적어요({amount}). 한 달 금액을 300만원처럼 적어 주세요."
)
WAGE_TOO_LARGE: Final = (
    "월 통상임금으로 보기에 너무 많아요({amount}). 한 달 금액을 300만원처럼 적어 주세요."
)
MONTHS_UNRECOGNIZED: Final = "개월 수를 알아보지 못했어요. 6 또는 6개월처럼 숫자로 적어 주세요."
MONTHS_RANGE: Final = "{low}~{high}개월 사이로 적어 주세요."
HOURS_UNRECOGNIZED: Final = "시간을 알아보지 못했어요. 40 또는 주 35시간처럼 숫자로 적어 주세요."
HOURS_HALF: Final = "시간은 30분(0.5시간) 단위로 적어 주세요. 예: 37.5"
HOURS_BEFORE_RANGE: Final = "단축 전 근로시간은 주 15시간 초과 40시간 이하로 적어 주세요."
HOURS_AFTER_RANGE: Final = "단축 후 근로시간은 주 15시간 이상 35시간 이하여야 해요."
HOURS_AFTER_NOT_LESS: Final = "단축 후 근로시간은 단축 전({before}시간)보다 적어야 해요."

# --- dialog notices and results --------------------------------------------------------------

RESUMED: Final = "계산하던 것을 이어서 할게요. 처음부터 하려면 /cancel 후 /calc 를 눌러 주세요."
STALE_STEP: Final = "이미 지나간 질문의 버튼이에요. 지금 질문에 답해 주세요."
NOTHING_ACTIVE: Final = "진행 중인 계산이 없어요. /calc 로 시작할 수 있어요."
CANCELLED: Final = (
    "계산을 그만뒀어요. 입력한 내용은 지웠어요. 필요하면 언제든 /calc 를 눌러 주세요."
)
COMPANY_ASSUMED_NOTICE: Final = (
    "괜찮아요. 가장 흔한 경우인 우선지원대상기업으로 계산하고 결과에 적어 둘게요."
)
FAILED: Final = "이 입력으로는 계산할 수 없어요.\n{reason}"
FAILED_HINT: Final = "\n\n다시 계산하거나, 상담을 신청해 주시면 함께 확인해 드려요."
RESULT_HINT: Final = "\n\n상황이 복잡하거나 회사와 다툼이 있으면 상담을 신청해 주세요."

# --- assumptions the dialog adds to the result -----------------------------------------------

ASSUMED_MAN_WON: Final = "통상임금을 '{typed}'로 적으셔서 {amount}(만원 단위)으로 보고 계산했어요."
ASSUMED_COMPANY_MATERNITY: Final = (
    "회사 규모를 잘 모르셔서 가장 흔한 우선지원대상기업(대부분의 중소기업)으로 계산했어요. "
    "대규모기업이면 처음 유급 기간은 회사가 통상임금을 주고 고용보험은 나머지 기간만 지급해요."
)
ASSUMED_COMPANY_SPOUSE: Final = (
    "회사 규모를 잘 모르셔서 가장 흔한 우선지원대상기업(대부분의 중소기업)으로 계산했어요. "
    "대규모기업이면 고용보험 지원 없이 회사가 휴가 전부를 통상임금으로 줘야 해요."
)
ASSUMED_COMPANY_PAID_LEAVE: Final = (
    "회사 규모를 잘 모르셔서 가장 흔한 우선지원대상기업(대부분의 중소기업)으로 계산했어요. "
    "대규모기업이면 고용보험 지원 없이 회사가 유급 날 모두 통상임금으로 줘야 해요."
)
DEADLINE_NOTES_TITLE: Final = "참고"
NOTE_RESIGNATION: Final = (
    "퇴사일을 임금·퇴직금을 받기로 한 날로 보고 임금 청구 기한을 계산했어요"
    "(퇴직금 등은 퇴사 후 14일 안에 줘야 해요). 회사가 사직을 강요했다면 "
    "해고로 다툴 수 있으니 [해고됐어요]로도 계산해 보고 상담해 주세요."
)
