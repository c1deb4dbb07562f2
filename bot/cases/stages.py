"""Case stages, referral kinds and event kinds: the vocabulary shared by workflow and reports."""

from __future__ import annotations

from typing import Final

# Stage ids stored in cases.stage, with the center's own names.
NEW: Final = "new"  # 접수
CLAIMED: Final = "claimed"  # 배정
GENERAL: Final = "general"  # 종합상담
IN_DEPTH: Final = "in_depth"  # 심층상담
CONFIRMATION: Final = "confirmation"  # 확인상담
CLOSE_SUPPORT: Final = "close_support"  # 밀착지원
CLOSED: Final = "closed"  # 종결

STAGE_LABELS: Final = {
    NEW: "접수",
    CLAIMED: "배정",
    GENERAL: "종합상담",
    IN_DEPTH: "심층상담",
    CONFIRMATION: "확인상담",
    CLOSE_SUPPORT: "밀착지원",
    CLOSED: "종결",
}
COUNSELING_STAGES: Final = (GENERAL, IN_DEPTH, CONFIRMATION, CLOSE_SUPPORT)

# Allowed stage changes. Counseling stages may move forward or back between each other;
# release returns a claimed case to the queue; a closed case may be reopened to general.
TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    NEW: frozenset({CLAIMED, CLOSED}),
    CLAIMED: frozenset({NEW, *COUNSELING_STAGES, CLOSED}),
    GENERAL: frozenset({NEW, *COUNSELING_STAGES, CLOSED} - {GENERAL}),
    IN_DEPTH: frozenset({NEW, *COUNSELING_STAGES, CLOSED} - {IN_DEPTH}),
    CONFIRMATION: frozenset({NEW, *COUNSELING_STAGES, CLOSED} - {CONFIRMATION}),
    CLOSE_SUPPORT: frozenset({NEW, *COUNSELING_STAGES, CLOSED} - {CLOSE_SUPPORT}),
    CLOSED: frozenset({GENERAL}),
}

# Referral kinds recorded as case events (kind="referral", to_value=<kind>).
REFERRAL_KINDS: Final = ("심리상담", "의료지원", "돌봄", "사건대리")

# Case event kinds (case_events.kind).
EVENT_CREATED: Final = "created"
EVENT_CLAIMED: Final = "claimed"
EVENT_ASSIGNED: Final = "assigned"
EVENT_RELEASED: Final = "released"
EVENT_STAGE: Final = "stage"
EVENT_REFERRAL: Final = "referral"
EVENT_NOTE: Final = "note"
EVENT_REPLY: Final = "reply"  # staff → parent
EVENT_PARENT_MESSAGE: Final = "parent_message"  # parent → staff
EVENT_CLOSED: Final = "closed"
EVENT_REOPENED: Final = "reopened"
EVENT_PARENT_UNREACHABLE: Final = "parent_unreachable"

# Suggested case types from triage (cases.case_type).
CASE_TYPES: Final = ("종합상담", "사건대리 검토", "심리상담 연계", "의료지원 연계", "돌봄 연계")


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
