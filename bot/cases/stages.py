"""Case workflow rules: stage labels and moves, referral kinds, case types."""

from __future__ import annotations

from typing import Final

from bot.vocabulary import Stage

# The center's own names for the stages (keyed by Stage; typed by str so that a stage kept
# as text, such as case_events.to_value, finds its name too).
STAGE_LABELS: Final[dict[str, str]] = {
    Stage.NEW: "접수",
    Stage.CLAIMED: "배정",
    Stage.GENERAL: "종합상담",
    Stage.IN_DEPTH: "심층상담",
    Stage.CONFIRMATION: "확인상담",
    Stage.CLOSE_SUPPORT: "밀착지원",
    Stage.CLOSED: "종결",
}
COUNSELING_STAGES: Final = (
    Stage.GENERAL,
    Stage.IN_DEPTH,
    Stage.CONFIRMATION,
    Stage.CLOSE_SUPPORT,
)

# Allowed stage changes. Counseling stages may move forward or back between each other;
# release returns a claimed case to the queue; a closed case may be reopened to general.
_OPEN_MOVES: Final = frozenset({Stage.NEW, *COUNSELING_STAGES, Stage.CLOSED})
TRANSITIONS: Final[dict[Stage, frozenset[Stage]]] = {
    Stage.NEW: frozenset({Stage.CLAIMED, Stage.CLOSED}),
    Stage.CLAIMED: _OPEN_MOVES,
    **{stage: _OPEN_MOVES - {stage} for stage in COUNSELING_STAGES},
    Stage.CLOSED: frozenset({Stage.GENERAL}),
}

# Referral kinds recorded as case events (kind=EventKind.REFERRAL, to_value=<kind>).
REFERRAL_KINDS: Final = ("심리상담", "의료지원", "돌봄", "사건대리")

# Suggested case types from triage (cases.case_type).
CASE_TYPES: Final = ("종합상담", "사건대리 검토", "심리상담 연계", "의료지원 연계", "돌봄 연계")


def can_move(current: Stage, target: Stage) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def stage_label(stage: str | None) -> str:
    """The Korean name of a stage, also for a stage kept as text (case_events.to_value)."""
    return STAGE_LABELS.get(stage or "", stage or "")
