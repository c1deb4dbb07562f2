"""Every user-facing Korean text, in one place for review."""

from __future__ import annotations

from typing import Final

from bot.vocabulary import EventKind, Role, Stage, Urgency

BOT_NAME: Final = "직장맘 상담봇"

START: Final = (
    "안녕하세요, {center} 상담봇이에요. 😊\n\n"
    "출산휴가, 육아휴직, 근로시간 단축, 휴직 중 해고 같은 일하는 부모의 고민을 "
    "편하게 물어봐 주세요. 평소 말투 그대로 써 주셔도 괜찮아요.\n\n"
    "• 궁금한 걸 그냥 입력하면 센터 안내 자료에서 답을 찾아 드려요.\n"
    "• 아래 주제 버튼으로 둘러볼 수도 있어요.\n"
    "• 직접 상담이 필요하면 /consult 또는 ‘상담 신청’ 버튼을 눌러 주세요. "
    "센터 노무사가 이어서 도와드려요."
)
HELP: Final = (
    "이렇게 이용하실 수 있어요.\n\n"
    "• 질문 입력: 예) ‘육아휴직 급여 얼마 나와요?’, ‘출산휴가 며칠이에요?’\n"
    "• /menu 주제별로 둘러보기\n"
    "• /consult 상담 신청 (노무사 상담)\n"
    "• /calc 육아휴직·출산휴가 급여와 신청 기한 계산해 보기\n"
    "• /status 내 상담 진행 상황\n"
    "• /cancel 진행 중인 신청 그만두기\n"
    "• /delete 내 정보 삭제 요청\n"
    "• /discreet 조용한 모드 (알림 미리보기에 내용 숨기기), /clear 최근 대화 지우기\n\n"
    "위급한 상황이라면 112, 119, 자살예방상담 109로 바로 연락해 주세요."
)
MENU_TITLE: Final = "궁금한 주제를 골라 주세요."
GROUP_TITLE: Final = "<b>{title}</b>\n궁금한 질문을 골라 주세요."
BUTTON_CONSULT: Final = "📝 상담 신청"
BUTTON_MENU: Final = "📚 주제별 보기"
BUTTON_BACK_TO_MENU: Final = "↩ 주제 목록"
BUTTON_HELPFUL: Final = "👍 도움 됐어요"
BUTTON_NOT_HELPFUL: Final = "👎 아쉬워요"
BUTTON_MORE: Final = "📖 자세히 보기"
BUTTON_PREVIOUS: Final = "◀ 이전"
BUTTON_NEXT: Final = "다음 ▶"

FAQ_LEGAL_BASIS: Final = "법적 근거"
FAQ_LINKS: Final = "더 알아보기"
FAQ_SUGGESTIONS: Final = "혹시 이 질문인가요? 가장 가까운 것을 골라 주세요."
FAQ_NONE: Final = (
    "죄송해요, 이 질문은 센터 안내 자료에서 알맞은 답을 찾지 못했어요. 🙏\n\n"
    "다르게 표현해서 다시 물어봐 주시거나, 상담을 신청해 주시면 센터 노무사가 "
    "직접 살펴봐 드릴게요."
)
FAQ_ALTERNATIVE: Final = "혹시 이 질문이었나요?"
FAQ_SMALLTALK: Final = (
    "네, 반가워요! 😊 출산·육아휴직, 근로시간 단축, 복직이나 회사 문제처럼 궁금한 점을 "
    "편하게 적어 주세요. 메뉴에서 주제를 고르셔도 되고, 노무사 상담을 신청하실 수도 있어요."
)
FAQ_PERSON: Final = (
    "센터 선생님과 직접 이야기하실 수 있도록 도와드릴게요. 🙂\n\n"
    "아래 '상담 신청'을 누르시면 몇 가지만 여쭤보고 센터 노무사에게 바로 전달해요. "
    "전화를 원하시면 센터 연락처도 눌러 보세요."
)
FAQ_FEEDBACK_THANKS: Final = "의견 고마워요! 더 좋은 답을 만드는 데 쓸게요."
FAQ_ENTRY_GONE: Final = "이 질문은 지금은 안내하지 않아요. 궁금한 점을 다시 입력해 주세요."
#: The optional follow-up of a 👎 (one tap, or nothing), with the consultation under it.
FAQ_FEEDBACK_ASK: Final = (
    "알려 주셔서 고마워요. 어떤 점이 아쉬웠는지 골라 주시면 답을 고치는 데 쓸게요 (선택).\n"
    "내 상황에 맞는 답이 필요하면 상담을 신청해 주세요."
)
FAQ_FEEDBACK_REASONS: Final = {
    "other": "다른 질문이었어요",
    "hard": "설명이 어려워요",
    "mine": "내 상황과 달라요",
    "wrong": "틀린 내용 같아요",
}
FAQ_FEEDBACK_REASON_THANKS: Final = (
    "고마워요. 센터에서 이 답을 다시 살펴볼게요. "
    "내 상황에 맞는 답이 필요하면 상담을 신청해 주세요."
)

CENTER_CONTACTS_UNKNOWN: Final = "센터 연락처는 누리집에서 확인해 주세요."

UNSUPPORTED_MEDIA: Final = (
    "사진이나 파일, 음성은 아직 읽지 못해요. 궁금한 점을 글로 적어 주시면 도와드릴게요."
)
UNKNOWN_COMMAND: Final = "모르는 명령이에요. /help 를 눌러 쓸 수 있는 기능을 확인해 주세요."
STALE_BUTTON: Final = "이 버튼은 더 이상 쓸 수 없어요. 다시 질문하거나 /menu 를 눌러 주세요."
TOO_LONG: Final = "메시지가 너무 길어요. {limit}자 이내로 나눠서 보내 주세요."
ERROR_GENERIC: Final = (
    "앗, 처리하다가 문제가 생겼어요. 잠시 후 다시 시도해 주세요. 급하시면 센터로 전화해 주세요."
)
STAFF_ONLY: Final = "이 기능은 센터 직원만 쓸 수 있어요."
#: Once per burst to someone sending faster than the bot reads (their messages are dropped).
THROTTLED: Final = (
    "메시지가 한꺼번에 많이 와서 잠시 쉬었다가 읽을게요. 조금 뒤에 다시 보내 주세요.\n"
    "급한 위험이 있으면 112·119, 마음이 많이 힘드시면 109로 바로 전화해 주세요."
)
THROTTLED_BUTTON: Final = "잠시만요, 조금 천천히 눌러 주세요."
PRIVATE_ONLY: Final = (
    "상담봇은 개인 대화에서 이용해 주세요. 봇 이름을 눌러 대화를 시작할 수 있어요."
)

RELOAD_OK: Final = "FAQ를 다시 불러왔어요: 항목 {entries}개, 주제 {groups}개."
RELOAD_FAILED: Final = "FAQ 파일에 문제가 있어 이전 내용을 그대로 씁니다.\n\n{problems}"
UNANSWERED_EMPTY: Final = "검토할 미답변 질문이 없어요."
UNANSWERED_HEADER: Final = (
    "<b>미답변·낮은 확신 질문 {groups}묶음 ({questions}건)</b>, 많은 순 (개인정보 가림)"
)
UNANSWERED_GROUP: Final = "{number}. <b>{count}건</b> · {first}~{last}\n「{text}」\n↳ {candidate}"
UNANSWERED_CANDIDATE: Final = "가까운 항목: {entry} (확신 {confidence:.0%})"
UNANSWERED_NO_CANDIDATE: Final = "가까운 항목 없음"
UNANSWERED_MORE: Final = "… 그 밖에 {count}묶음은 /faq_review 에서 볼 수 있어요."
UNANSWERED_DETAIL: Final = (
    "<b>{count}건</b> · {first}~{last}\n{questions}\n\n"
    "예시 질문으로 넣을 문장: 「{text}」\n{candidate}"
)
BUTTON_CURATION_OPEN: Final = "{number}번 살펴보기"
BUTTON_CURATION_ACCEPT: Final = "✅ 예시 질문으로 추가: {entry}"
BUTTON_CURATION_CHOOSE: Final = "이 항목의 예시 질문으로 추가 (항목 고르기)"
BUTTON_CURATION_NEW: Final = "🆕 새 항목이 필요해요"
BUTTON_CURATION_SINGLE: Final = "질문 하나씩 보기"
BUTTON_CURATION_QUESTION: Final = "「{text}」"
CURATION_CHOOSE: Final = "어느 항목의 예시 질문으로 넣을까요?\n「{text}」"
CURATION_ACCEPTED: Final = (
    "추가했어요: {file}:{line}\n<code>{text}</code>\n"
    "→ {entry}. 질문 {count}건을 처리했고 FAQ를 다시 불러왔어요. 되돌리려면 /faq_undo"
)
CURATION_NEW_RECORDED: Final = (
    "새 항목이 필요하다고 기록했어요 (질문 {count}건). 검토 보고서에 나와요."
)
CURATION_UNDONE: Final = "되돌렸어요: {file}에서 이 줄을 뺐어요.\n<code>{text}</code>"
CURATION_STALE: Final = "이미 처리됐거나 없는 질문이에요. /unanswered 로 다시 확인해 주세요."
CURATION_NO_ENTRY: Final = "그 항목은 지금 FAQ에 없어요."
CURATION_DUPLICATE: Final = "이 항목에 이미 같은 질문이 있어요."
CURATION_LAYOUT: Final = (
    "파일 모양이 예상과 달라 자동으로 고치지 않았어요. 파일을 직접 고쳐 주세요."
)
CURATION_INVALID: Final = "고친 파일이 검사를 통과하지 못해 저장하지 않았어요.\n{problems}"
CURATION_UNDO_NOTHING: Final = "되돌릴 추가가 없어요."
CURATION_UNDO_GONE: Final = "그 줄이 파일에 없어요 (이미 고쳐졌어요). 되돌릴 수 없어요."

COMMANDS_PARENT: Final = [
    ("start", "처음 화면"),
    ("menu", "주제별로 둘러보기"),
    ("consult", "상담 신청"),
    ("calc", "급여·기한 계산해 보기"),
    ("status", "내 상담 진행 상황"),
    ("help", "도움말"),
    ("cancel", "진행 중인 신청·계산 그만두기"),
    ("delete", "내 정보 삭제 요청"),
    ("discreet", "조용한 모드 켜기/끄기"),
    ("clear", "최근 대화 지우기"),
]
COMMANDS_STAFF: Final = [
    ("queue", "배정 대기 상담"),
    ("mine", "내 상담"),
    ("case", "상담 상세: /case 2026-0042"),
    ("claim", "배정받기: /claim 2026-0042"),
    ("reply", "부모님께 보내기: /reply 2026-0042 내용"),
    ("note", "내부 메모: /note 2026-0042 내용"),
    ("stage", "단계 변경: /stage 2026-0042 심층상담"),
    ("refer", "연계 기록: /refer 2026-0042 심리상담"),
    ("close", "종결: /close 2026-0042 결과"),
    ("release", "배정 풀기: /release 2026-0042"),
    ("assign", "배정 지정 (관리자): /assign 2026-0042 @아이디"),
    ("report", "이번 달 보고서"),
    ("unanswered", "FAQ 미답변 질문"),
    ("faq_review", "FAQ 검토 보고서"),
    ("faq_undo", "마지막 FAQ 추가 되돌리기"),
    ("reload_faq", "FAQ 다시 불러오기"),
    ("staff", "직원 관리 (관리자)"),
    ("help", "직원용 도움말"),
]
STAFF_HELP: Final = (
    "<b>직원용 도움말</b>\n"
    "상담 번호는 2026-0042 또는 올해 번호만(42) 써도 돼요.\n\n"
    "<b>상담 보기</b>\n"
    "• /queue 배정 대기 상담 (긴급 먼저)\n"
    "• /mine 내가 맡은 상담\n"
    "• /case 2026-0042 상담 내용과 기록\n\n"
    "<b>상담 진행</b>\n"
    "• /claim 2026-0042 배정받기, /release 2026-0042 배정 풀기\n"
    "• /reply 2026-0042 내용: 부모님께 보내기 (전달된 메시지에 답장해도 돼요)\n"
    "• /note 2026-0042 내용: 내부 메모 (부모님께는 보내지 않아요)\n"
    "• /stage 2026-0042 종합상담|심층상담|확인상담|밀착지원: 단계 바꾸기\n"
    "• /refer 2026-0042 심리상담|의료지원|돌봄|사건대리: 연계 기록\n"
    "• /close 2026-0042 결과: 종결\n\n"
    "<b>센터 운영</b>\n"
    "• /unanswered FAQ가 답하지 못한 질문 (개인정보 가림)\n"
    "• /reload_faq FAQ 파일 다시 불러오기\n"
    "• /report 이번 달 보고서\n\n"
    "<b>관리자</b>\n"
    "• /assign 2026-0042 @아이디: 배정 지정\n"
    "• {staff_usage}\n\n"
    "부모님이 보는 안내는 /start 와 /menu 로 확인할 수 있어요."
)
# ---- Consultation intake ------------------------------------------------------------------

CONSENT_VERSION: Final = "2026-11-v1"
INTAKE_CONSENT: Final = (
    "<b>상담 신청 전에 개인정보 수집·이용 동의를 받을게요.</b>\n\n"
    "• 목적: 노동 상담 접수와 답변, 상담 통계(개인을 알 수 없는 형태)\n"
    "• 수집 항목: 텔레그램 계정 번호, 상담 주제, 부모 구분, 사업장 규모·고용 형태·재직 상태, "
    "관련 날짜, 상담 내용, 연락 방법(전화번호 또는 이메일)과 연락 가능 시간\n"
    "• 보관 기간: 상담이 끝난 뒤 {years}년, 이후 지체 없이 파기 (통계용 익명 기록만 남아요). "
    "작성하다 그만둔 신청서는 {draft_days}일 뒤 지워져요.\n"
    "• 동의하지 않으셔도 괜찮아요. 다만 그러면 봇으로 상담 신청을 받을 수 없어서, "
    "센터 전화번호를 알려 드릴게요.\n"
    "• 언제든 /delete 로 내 정보를 지울 수 있어요."
)
INTAKE_CONSENT_SENSITIVE: Final = (
    "<b>건강 정보(임신·출산·유산·질병 등)에 관한 별도 동의</b>\n\n"
    "상담 내용에 임신이나 건강 상태가 들어가는 경우가 많아요. 이런 정보는 민감정보라서 "
    "따로 동의를 받아요. 목적과 보관 기간은 앞의 안내와 같아요.\n\n"
    "동의하지 않으셔도 상담 신청은 할 수 있어요. 그때는 상담 내용에 건강 정보를 빼고 "
    "적어 주세요."
)
INTAKE_CONSENT_REFUSED: Final = (
    "알겠어요. 동의하지 않으셔서 아무 정보도 저장하지 않았어요.\n\n"
    "전화로도 상담을 받으실 수 있어요.\n\n{contacts}"
)
INTAKE_HEALTH_WITHHELD: Final = (
    "건강에 관한 내용이 있는 것 같아요. 건강 정보 동의를 하지 않으셔서 이 내용은 팀 전체에 "
    "알리지 않고 담당 노무사만 볼 수 있게 할게요. 건강 정보를 빼고 싶으면 /back 으로 "
    "다시 적어 주세요."
)
CARD_DESCRIPTION_WITHHELD: Final = (
    "내용: (건강 정보 동의 없이 건강 관련 내용이 있어 카드에는 싣지 않았어요. "
    "배정받은 뒤 /case 로 확인해 주세요)"
)
INTAKE_SENSITIVE_REFUSED: Final = (
    "알겠어요. 건강 정보는 받지 않을게요. 상담 내용에는 건강 정보를 빼고 적어 주세요."
)
INTAKE_RESUMED: Final = (
    "작성하던 상담 신청을 이어서 진행할게요. (/back 이전 질문, /cancel 그만두기)"
)
INTAKE_CANCELLED: Final = (
    "상담 신청을 그만뒀어요. 작성하던 내용은 지웠어요. 필요하면 언제든 /consult 를 눌러 주세요."
)
INTAKE_PAUSED: Final = (
    "작성하던 상담 신청이 있어요. 적어 주신 내용은 그대로 있어요.\n"
    "이어서 작성할까요? 그동안 궁금한 것은 그냥 물어보셔도 돼요."
)
INTAKE_CRISIS_NOTED: Final = (
    "센터에 급한 상황이라고 함께 전할게요. 신청을 마치면 담당자가 먼저 살펴봐요."
)
INTAKE_RESUME_BUTTON: Final = "✍️ 이어서 작성"
INTAKE_STOP_BUTTON: Final = "그만두기"
INTAKE_PENDING_QUESTION: Final = (
    "방금 쓰신 글이 질문처럼 보여요. 상담 내용으로 적을까요, 아니면 바로 답을 볼까요?"
)
INTAKE_PENDING_KEEP: Final = "📝 상담 내용으로 적기"
INTAKE_PENDING_ASK: Final = "💡 질문으로 답 보기"
INTAKE_ASKED_NOTE: Final = "상담 신청은 잠시 멈춰 두었어요. 이어서 쓰려면 아래 버튼을 눌러 주세요."
CRISIS_CONNECT_BUTTON: Final = "☎️ 센터와 바로 연결"
CRISIS_CONNECT_OFFER: Final = (
    "센터 담당자가 먼저 연락드릴 수도 있어요. 아래 버튼을 누르면 동의와 연락처만 여쭙고 "
    "바로 전달할게요."
)
CRISIS_CONNECT_DESCRIPTION: Final = "위기 도움 안내 후 ‘센터와 바로 연결’을 요청했어요."
CONSULT_OPEN_CASE: Final = (
    "진행 중인 상담이 있어요: {number} · {stage}\n여기에 메시지를 남기시면 그 상담에 더해져요. "
    "다른 일로 새로 신청하시려면 ‘새로 신청’을 눌러 주세요."
)
CONSULT_ADD_BUTTON: Final = "기존 상담에 더하기"
CONSULT_NEW_BUTTON: Final = "새로 신청"
CONSULT_ADD_HINT: Final = "상담 {number}에 더할 내용을 여기에 적어 보내 주세요."
INTAKE_NOTHING_TO_CANCEL: Final = "진행 중인 상담 신청이 없어요."
INTAKE_NOTHING_TO_GO_BACK: Final = "진행 중인 상담 신청이 없어요. /consult 로 시작할 수 있어요."
INTAKE_FIRST_STEP: Final = "첫 질문이에요. 그만두려면 /cancel 을 눌러 주세요."
INTAKE_STALE_STEP: Final = "이미 지나간 질문의 버튼이에요. 지금 질문에 답해 주세요."
INTAKE_CHOOSE_BUTTON: Final = "아래 버튼 중에서 골라 주세요."
INTAKE_STEP_HINT: Final = "\n\n<i>/back 이전 질문 · /cancel 그만두기</i>"

INTAKE_Q_TOPIC: Final = "어떤 일로 상담을 원하세요?"
INTAKE_Q_ROLE: Final = "신청하시는 분은 누구인가요?"
INTAKE_Q_WORKPLACE_SIZE: Final = "회사(사업장)에서 일하는 사람은 모두 몇 명쯤인가요?"
INTAKE_Q_CONTRACT: Final = "어떤 형태로 일하고 계세요(계셨어요)?"
INTAKE_Q_STATUS: Final = "지금 상황은 어떤가요?"
INTAKE_Q_HIRED_ON: Final = (
    "지금 회사에 입사한 날이 언제인가요? 휴가·휴직을 쓸 수 있는지 미리 확인해 드릴게요.\n"
    "예) 2024.3.2, 작년 3월 2일 (잘 모르면 건너뛰어도 돼요)"
)
INTAKE_Q_LEAVE_REFUSED: Final = "회사에 휴가·휴직(또는 단축)을 신청했는데 거부당했나요?"
INTAKE_Q_DATE_DISMISSAL: Final = (
    "해고된 날이 언제인가요? 앞으로 해고된다는 통보를 받았다면 해고되는 날을 적어 주세요.\n"
    "예) 2026.9.1, 9월 1일, 어제, 다음 달 말"
)
INTAKE_Q_DISMISSAL_NOTICE: Final = (
    "해고 통보는 언제 받으셨어요?\n예) 어제, 지난주 금요일, 11월 20일 (잘 모르면 건너뛰어도 돼요)"
)
INTAKE_Q_DATE_RESIGNATION: Final = (
    "퇴사한 날(마지막 근무일)이 언제인가요?\n예) 2026.9.1, 9월 1일, 어제"
)
INTAKE_Q_DATE_DUE: Final = "출산 예정일(또는 출산일)이 언제인가요?\n예) 2027.2.10, 2월 10일"
INTAKE_Q_DATE_LEAVE: Final = (
    "휴가·휴직(또는 단축)을 시작하려는 날이 언제인가요?\n예) 2027.1.2, 1월 2일, 다음 주 월요일"
)
INTAKE_Q_DATE_LEAVE_STARTED: Final = (
    "휴가·휴직(또는 단축)을 시작한 날이 언제인가요?\n예) 2026.9.1, 9월 1일, 지난달 1일"
)
INTAKE_LEAVE_BEFORE_HIRE: Final = (
    "입사일({hired})과 같거나 앞선 날짜예요. 시작일을 다시 적어 주세요. 예) 1월 2일"
)
INTAKE_Q_DESCRIPTION: Final = (
    "어떤 일이 있었는지 편하게 적어 주세요. (2,000자 이내)\n"
    "언제, 회사에서 무슨 말이나 조치가 있었는지, 가장 궁금하거나 걱정되는 점을 적어 주시면 "
    "노무사가 더 정확히 도와드릴 수 있어요."
)
INTAKE_Q_DESCRIPTION_NO_HEALTH: Final = " 건강 정보는 빼고 적어 주세요."
INTAKE_Q_CONTACT_METHOD: Final = "답변은 어떻게 받고 싶으세요?"
INTAKE_Q_PHONE: Final = "연락받을 전화번호를 적어 주세요. 예) 010-1234-5678"
INTAKE_Q_EMAIL: Final = "답변받을 이메일 주소를 적어 주세요. 예) name@example.com"
INTAKE_Q_CONTACT_TIME: Final = "연락받기 편한 시간을 골라 주시거나 직접 적어 주세요."
INTAKE_Q_CONFIRM: Final = "<b>이대로 접수할까요?</b>\n\n{summary}"
INTAKE_SKIP: Final = "잘 모르겠어요 / 해당 없음"
INTAKE_CONTACT_TIME_TOO_LONG: Final = "연락 시간은 50자 이내로 적어 주세요."
INTAKE_SUBMITTED: Final = (
    "<b>상담 신청이 접수됐어요. 접수번호: {number}</b>\n\n"
    "센터 노무사가 내용을 확인하고 {reply_time} 연락드려요. "
    "{urgent}답변은 이 대화방으로 드리고, 여기에 메시지를 남기시면 담당 노무사에게 전달돼요.\n\n"
    "진행 상황은 /status 로 볼 수 있어요.\n\n{contacts}"
)
INTAKE_SUBMITTED_URGENT: Final = "급한 사안으로 보여 먼저 살펴보도록 할게요. "

STATUS_NONE: Final = "접수된 상담이 없어요. 상담이 필요하면 /consult 를 눌러 주세요."
STATUS_HEADER: Final = "<b>내 상담 진행 상황</b>"
STATUS_LINE: Final = "• {number} ({created}) {topic}: {stage}"

DELETE_CONFIRM: Final = (
    "<b>내 정보를 모두 지울까요?</b>\n\n"
    "접수한 상담 내용, 연락처, 작성 중인 신청서, 동의 기록이 지워지고 되돌릴 수 없어요. "
    "진행 중인 상담은 종료돼요. (센터 통계용으로 누구인지 알 수 없는 기록만 남아요.)"
)
DELETE_YES: Final = "네, 지워 주세요"
DELETE_NO: Final = "아니요"
DELETE_DONE: Final = (
    "내 정보를 모두 지웠어요. 진행 중이던 상담은 종결했고 담당자에게도 알렸어요. "
    "이미 노무사에게 전달된 메시지는 그 대화방에 남아 있을 수 있어요. "
    "그동안 이용해 주셔서 고마워요."
)
DELETE_KEPT: Final = "지우지 않았어요."

CONSENT_AGREE: Final = "동의합니다"
CONSENT_DISAGREE: Final = "동의하지 않아요"
CONFIRM_SUBMIT: Final = "✅ 접수하기"
CONFIRM_CANCEL: Final = "그만두기"
CONFIRM_EDIT: Final = "✏️ 답 고치기"
INTAKE_EDIT_PICK: Final = "어느 답을 고칠까요? 고친 뒤에는 이 요약으로 다시 돌아와요."
INTAKE_EDIT_BACK: Final = "↩️ 요약으로"
#: The picker's label of each intake question that can be answered again from the summary.
INTAKE_EDIT_LABELS: Final = {
    "topic": "주제",
    "role": "신청인",
    "workplace_size": "사업장 규모",
    "contract": "고용 형태",
    "status": "지금 상황",
    "hired_on": "입사일",
    "leave_refused": "신청 거부",
    "key_date": "날짜",
    "dismissal_notice_on": "해고 통보일",
    "description": "상담 내용",
    "contact_method": "연락 방법",
    "contact_value": "연락처",
    "contact_time": "연락 시간",
}
OTHER_TOPIC: Final = "기타"

# What a parent reads about a stage: plain words, never the center's internal stage names.
STAGE_NAMES: Final[dict[str, str]] = {
    Stage.NEW: "접수됐어요. 담당 노무사를 정하고 있어요",
    Stage.CLAIMED: "담당 노무사가 정해졌어요. 곧 연락드릴게요",
    Stage.GENERAL: "노무사와 상담하고 있어요",
    Stage.IN_DEPTH: "노무사가 자세히 살펴보고 있어요",
    Stage.CONFIRMATION: "노무사가 진행 상황을 함께 확인하고 있어요",
    Stage.CLOSE_SUPPORT: "노무사가 해결될 때까지 곁에서 돕고 있어요",
    Stage.CLOSED: "상담이 끝났어요",
}

# ---- Legal team workflow (staff-facing) -------------------------------------------------

URGENCY_LABEL: Final[dict[str, str]] = {Urgency.URGENT: "🔴 긴급", Urgency.NORMAL: "보통"}
CARD_NEW: Final = "🆕 <b>새 상담 {number}</b> · {urgency}"
CARD_REMINDER: Final = "⏰ <b>아직 배정되지 않은 상담 {number}</b> · {urgency} · {waiting} 대기"
CARD_ASSIGNED: Final = "👤 담당: {name}"
CARD_CLOSED: Final = "✅ 종결"
BUTTON_CLAIM: Final = "🙋 배정받기"
BUTTON_DETAIL: Final = "🔎 상세보기"
BUTTON_CLOSE: Final = "✅ 종결"
CONTACT_MASKED: Final = "연락: {method} {value} (배정 후 공개)"
CONTACT_FULL: Final = "연락: {method} {value}"
CONTACT_TELEGRAM: Final = "텔레그램으로만"

CLAIM_WON: Final = (
    "{number} 상담을 배정받았어요. 개인 대화에서 /case {number} 로 자세히 볼 수 있어요."
)
CLAIM_LOST: Final = "이미 {name} 님이 배정받은 상담이에요."
CLAIM_CLOSED: Final = "이미 종결된 상담이에요."
RELEASED: Final = "{number} 상담 배정을 풀었어요. 다시 대기열로 돌아갔어요."
ASSIGNED: Final = "{number} 상담을 {name} 님에게 배정했어요."
CASE_NOT_FOUND: Final = "그런 상담 번호를 찾을 수 없어요. 예) /case 2026-0042"
NOT_YOUR_CASE: Final = "담당자(또는 관리자)만 할 수 있어요. 먼저 배정받아 주세요."
ADMIN_ONLY: Final = "관리자만 할 수 있어요."
USAGE: Final = "사용법: {usage}"
STAGE_UNKNOWN: Final = "단계는 다음 중 하나로 적어 주세요: {choices}"
STAGE_NOT_ALLOWED: Final = "{current} 단계에서 {target} 단계로는 바꿀 수 없어요."
STAGE_CHANGED: Final = "{number}: {current} → {target}"
REFER_UNKNOWN: Final = "연계 종류는 다음 중 하나로 적어 주세요: {choices}"
REFERRED: Final = "{number}: {kind} 연계를 기록했어요."
NOTE_SAVED: Final = "{number}: 내부 메모를 남겼어요. (부모님께는 보내지 않아요)"
CLOSED_OK: Final = "{number} 상담을 종결했어요."
REPLY_SENT: Final = "{number}: 부모님께 보냈어요."
REPLY_SENT_CLOSED: Final = (
    "{number}: 부모님께 보냈어요. (이미 종결된 상담이라 부모님이 새로 신청하셔야 할 수도 있어요.)"
)
TEAM_CARD_ERASED: Final = "🗑 상담 {number}: 부모님 요청으로 이 사례의 개인정보를 지웠어요."
STAFF_CASE_ERASED: Final = (
    "🗑 상담 {number}: 부모님이 /delete 로 자신의 정보를 지웠어요. 상담은 종결됐고 "
    "연락처와 내용은 더 이상 볼 수 없어요."
)
REPLY_TOO_LONG: Final = (
    "{number}: 아직 보내지 않았어요. 한 번에 {limit:,}자까지 보낼 수 있는데 "
    "{length:,}자예요. 나눠서 보내 주세요."
)
REPLY_PARENT_BLOCKED: Final = (
    "{number}: 부모님이 봇을 차단해서 메시지를 보낼 수 없어요. 상담 기록에 표시해 두었어요. "
    "다른 연락 방법이 있다면 그쪽으로 연락해 주세요."
)
REPLY_PARENT_GONE: Final = "{number}: 부모님 정보가 삭제되어 보낼 수 없어요."
REPLY_SIGNATURE: Final = "<b>[{team}]</b> 상담 {number}"
REPLY_HOW: Final = "부모님께 보내기: /reply {number} 내용"
RELAY_TO_STAFF: Final = (
    "💬 <b>{number} 부모님 메시지</b>\n\n{text}\n\n<i>이 메시지에 답장하면 부모님께 전달돼요.</i>"
)
RELAY_ACK: Final = (
    "담당 노무사에게 전달했어요. {reply_time} 답을 드릴게요. 답이 오면 여기로 알려 드릴게요."
)
RELAY_ACK_WAITING: Final = (
    "상담 신청 {number}에 덧붙여 센터에 전달했어요. "
    "담당 노무사가 정해지면 {reply_time} 연락드릴게요."
)
RELAY_ACK_URGENT: Final = (
    "이 메시지는 상담 {number}의 담당자에게 바로 알렸어요. "
    "지금 위험하다면 위의 번호로 먼저 연락해 주세요."
)
RELAY_TO_TEAM: Final = (
    "💬 <b>{number} 부모님 메시지</b> (배정 전)\n\n{text}\n\n"
    "<i>배정받은 노무사가 /reply {number} 로 답할 수 있어요.</i>"
)
RELAY_TO_TEAM_ASSIGNEE_UNREACHABLE: Final = (
    "💬 <b>{number} 부모님 메시지</b> (담당 노무사에게 보내지 못했어요)\n\n{text}\n\n"
    "<i>담당 노무사님이 봇과의 개인 대화를 아직 시작하지 않았거나 봇을 차단했어요. "
    "봇에게 /start 를 보내면 다음부터 바로 받고, /reply {number} 로 답할 수 있어요.</i>"
)
SENT_AGAIN_MARK: Final = (
    "🔁 <i>다시 보내요. 앞서 보낸 것이 이미 도착했다면 이 메시지는 넘겨 주세요.</i>\n"
)
RELAY_URGENT_MARK: Final = "🚨 <b>긴급: 위기 신호가 있는 메시지예요. 바로 확인해 주세요.</b>\n"
ASK_BOT_BUTTON: Final = "🤖 봇에게 물어보기"
FORWARD_BUTTON: Final = "📨 노무사에게도 전달"
FORWARD_OFFER: Final = "진행 중인 상담 {number}의 담당자에게도 이 질문을 전달할까요?"
FORWARD_DONE: Final = "전달했어요. {reply_time} 답을 드릴게요."
FORWARD_GONE: Final = "이 상담은 이미 끝났어요. 새로 상담을 신청해 주세요."
QUEUE_EMPTY: Final = "대기 중인 상담이 없어요. 👍"
QUEUE_HEADER: Final = "<b>배정 대기 {count}건</b> (긴급 먼저, 기한 가까운 순, 오래된 순)"
MINE_EMPTY: Final = "맡고 있는 진행 중 상담이 없어요."
MINE_HEADER: Final = "<b>내 상담 {count}건</b>"
LIST_LINE: Final = "• {number} {urgency} {topic} · {stage} · {age}"
DETAIL_PRIVATE_ONLY: Final = (
    "상세 내용은 봇과의 개인 대화에서만 보여 드려요. 봇과 개인 대화를 먼저 시작해 주세요."
)
DETAIL_SENT: Final = "개인 대화로 상세 내용을 보냈어요."
STAFF_PRIVATE_ONLY: Final = "이 명령은 봇과의 개인 대화에서 써 주세요."
STAFF_LIST_HEADER: Final = "<b>직원 {count}명</b>"
STAFF_ADDED: Final = "직원을 등록했어요: {user_id} ({role})"
STAFF_ADD_USAGE: Final = "/staff add 사용자ID 노무사|상담원|관리자"
STAFF_USAGE: Final = (
    "/staff (직원 목록) · /staff add 사용자ID 노무사|상담원|관리자 · /staff remove 사용자ID"
)
STAFF_REMOVED: Final = "직원 등록을 해제했어요: {user_id}"
STAFF_REMOVED_REQUEUED: Final = (
    "맡고 있던 상담 {count}건은 대기열로 돌려놓고 팀방에 다시 알렸어요: {numbers}"
)
STAFF_NOT_FOUND: Final = "그 직원을 찾을 수 없어요."
STAFF_CANNOT_REMOVE_SELF: Final = "자기 자신은 해제할 수 없어요."
ROLE_LABELS: Final[dict[str, str]] = {
    Role.ADMIN: "관리자",
    Role.ATTORNEY: "노무사",
    Role.COUNSELOR: "상담원",
}
TEAM_UNREACHABLE_ALERT: Final = (
    "⚠️ 팀 채팅({chat_id})으로 알림을 보낼 수 없어요 ({reason}). 봇이 그룹에서 빠졌는지 확인해 주세요. "
    "미배정 상담은 /queue 로 볼 수 있어요."
)
#: Staff-only: dated FAQ content or a rule table ends soon and nothing takes over.
EXPIRY_ALERT: Final = (
    "📅 {what} '{title}'({id})의 기준이 {ends_on}까지예요 ({days_left}일 남음). "
    "그다음 날부터 쓸 기준이 아직 없어요. 새 기준을 넣어 주세요(금액이 정해지지 않았으면 "
    "지금 금액에 review: 메모를 단 초안으로). 고친 뒤 /reload_faq"
)
EXPIRY_WHAT: Final = {"faq": "FAQ 항목", "rules": "계산기 규칙표"}
DIGEST: Final = (
    "☀️ <b>오늘의 상담 현황</b> ({date})\n\n{stages}\n\n긴급 미종결: {urgent}건\n"
    "가장 오래 기다린 미배정: {oldest}"
)

# ---- Notices to parents about their case ------------------------------------------------

PARENT_RELEASED: Final = (
    "상담 {number}의 담당 노무사가 바뀌게 되었어요. 남기신 내용은 그대로 있고, "
    "다른 노무사가 맡는 대로 다시 알려 드릴게요."
)
PARENT_CLAIMED: Final = "상담 {number}에 담당 노무사가 배정됐어요. 곧 이 대화방으로 연락드릴게요."
# Filled with bot.korean.fill: {number:이/가} picks the particle that fits the number.
PARENT_STAGE: Final = "상담 {number} 소식이에요. 지금은 {stage}."
PARENT_CLOSED: Final = (
    "상담 {number:이/가} 마무리됐어요. 도움이 되었길 바라요. 다른 어려움이 생기면 언제든 "
    "/consult 로 다시 신청해 주세요."
)
PARENT_REFERRED: Final = (
    "상담 {number:와/과} 관련해 {kind} 연계를 준비하고 있어요. 담당자가 안내해 드릴게요."
)

# ---- The one satisfaction question after a case closed ----------------------------------

# Filled with bot.korean.fill.
SATISFACTION_QUESTION: Final = (
    "하나만 여쭤봐도 될까요? 🙂\n"
    "상담 {number:이/가} 얼마나 도움이 되셨는지 골라 주세요.\n"
    "(1 전혀 도움이 안 됐어요 · 5 큰 도움이 됐어요)"
)
SATISFACTION_SCORES: Final[dict[int, str]] = {
    1: "1 😞",
    2: "2 🙁",
    3: "3 😐",
    4: "4 🙂",
    5: "5 😊",
}
SATISFACTION_THANKS: Final = (
    "답해 주셔서 고마워요! ({score}점)\n한 줄 의견을 남기시려면 적어 주세요."
)
BUTTON_SATISFACTION_SKIP: Final = "괜찮아요"
SATISFACTION_SKIPPED: Final = (
    "알겠어요. 답해 주셔서 고마워요. 필요하실 때 언제든 다시 찾아 주세요."
)
SATISFACTION_COMMENT_THANKS: Final = (
    "소중한 의견 고마워요. 센터에서 잘 읽고 더 나은 상담에 쓸게요. 🙂"
)
SATISFACTION_ALREADY_COMMENTED: Final = "이미 의견까지 남겨 주셨어요. 고마워요!"

EVENT_LABELS: Final[dict[str, str]] = {
    EventKind.CREATED: "접수",
    EventKind.CLAIMED: "배정",
    EventKind.ASSIGNED: "배정(관리자)",
    EventKind.RELEASED: "배정 해제",
    EventKind.STAGE: "단계 변경",
    EventKind.REFERRAL: "연계",
    EventKind.NOTE: "메모",
    EventKind.REPLY: "답변 보냄",
    EventKind.PARENT_MESSAGE: "부모 메시지",
    EventKind.CLOSED: "종결",
    EventKind.REOPENED: "재개",
    EventKind.PARENT_UNREACHABLE: "연락 불가(차단)",
    EventKind.CRISIS: "🚨 위기 신호",
}

# ---- Discreet mode, clearing the chat, documents ----------------------------------------

DISCREET_ON: Final = (
    "조용한 모드를 켰어요. 🤫\n\n"
    "이제 센터에서 보내는 알림과 답변은 ‘센터에서 메시지가 왔어요’라는 문구만 미리보기에 보이고, "
    "내용은 가려져 있어요. 내용을 누르면 볼 수 있어요.\n\n"
    "다른 사람이 볼까 걱정되면 /clear 로 최근 대화를 지울 수도 있어요. 끄려면 /discreet 를 한 번 더 "
    "눌러 주세요."
)
DISCREET_OFF: Final = "조용한 모드를 껐어요. 알림 내용이 그대로 보여요."
DISCREET_HEADER: Final = "📩 센터에서 메시지가 왔어요."
CLEAR_CONFIRM: Final = (
    "최근 48시간 동안 이 대화방에 오간 메시지를 지울까요? 봇이 보낸 메시지와 보내 주신 메시지가 "
    "이 기기와 텔레그램에서 사라져요. 상담 기록은 센터에 그대로 남아요."
)
CLEAR_YES: Final = "네, 지워 주세요"
CLEAR_NO: Final = "아니요"
CLEAR_DONE: Final = "메시지 {count}개를 지웠어요."
CLEAR_KEPT: Final = "지우지 않았어요."

DOCUMENT_SAVED: Final = "자료를 상담 {number}에 첨부했어요. 담당 노무사가 확인할 거예요."
DOCUMENT_SAVED_DRAFT: Final = "자료를 받았어요. 상담 신청을 마치면 함께 접수돼요."
DOCUMENT_NO_CASE: Final = (
    "자료는 상담 신청 중이거나 신청한 뒤에 보내 주시면 상담에 첨부해 드려요. "
    "상담 신청은 /consult 로 할 수 있어요."
)
DOCUMENT_TOO_BIG: Final = (
    "파일이 너무 커요. {limit}MB 이하로 보내 주세요. (사진으로 찍어 보내셔도 괜찮아요)"
)
DOCUMENT_BAD_TYPE: Final = (
    "이 형식의 파일은 받을 수 없어요. PDF, 사진(JPG·PNG), 한글(HWP), 워드(DOC) 파일로 보내 주세요."
)
DOCUMENT_TOO_MANY: Final = (
    "한 상담에는 자료를 {limit}개까지 첨부할 수 있어요. 더 필요하면 담당 노무사에게 말씀해 주세요."
)
DOCUMENT_TO_STAFF: Final = "📎 <b>{number}</b> 부모님이 자료를 보냈어요: {name}\n/case {number} 에서 ‘자료 보기’를 눌러 받을 수 있어요."
BUTTON_DOCUMENTS: Final = "📎 자료 보기 ({count})"
DOCUMENTS_NONE: Final = "첨부된 자료가 없어요."
DOCUMENTS_NOT_YOURS: Final = "자료는 이 상담의 담당자(또는 관리자)만 받을 수 있어요."
