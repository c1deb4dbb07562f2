"""Callback-data formats for inline buttons (Telegram allows 64 bytes)."""

from __future__ import annotations

import re
from typing import Final

MENU: Final = "menu"
CONSULT: Final = "consult"

GROUP_PATTERN: Final = r"^grp:[a-z0-9-]{1,40}(:\d{1,2})?$"
ENTRY_PATTERN: Final = r"^faq:[a-z0-9-]{1,50}$"
MORE_PATTERN: Final = r"^more:[a-z0-9-]{1,50}$"
FEEDBACK_PATTERN: Final = r"^fb:[a-z0-9-]{1,50}:[01]$"


def group(group_id: str, page: int = 0) -> str:
    return f"grp:{group_id}:{page}" if page else f"grp:{group_id}"


def parse_group(data: str) -> tuple[str, int]:
    """Group id and page (0 when absent) of a `grp:` button."""
    _, group_id, *page = data.split(":")
    return group_id, int(page[0]) if page else 0


def more(entry_id: str) -> str:
    return f"more:{entry_id}"


def is_more(data: str) -> bool:
    return data.startswith("more:")


def entry(entry_id: str) -> str:
    return f"faq:{entry_id}"


def feedback(entry_id: str, *, is_helpful: bool) -> str:
    return f"fb:{entry_id}:{int(is_helpful)}"


def parse_suffix(data: str) -> str:
    """The part after the first colon."""
    return data.split(":", 1)[1]


def is_feedback(data: str) -> bool:
    return data.startswith("fb:")


def parse_feedback(data: str) -> tuple[str, bool]:
    match = re.fullmatch(r"fb:([a-z0-9-]+):([01])", data)
    if match is None:
        raise ValueError("not feedback data")
    return match.group(1), match.group(2) == "1"


INTAKE_PATTERN: Final = r"^in:[a-z_]{1,20}:[a-z0-9_+-]{1,40}$"
DELETE_YES: Final = "del:yes"
DELETE_NO: Final = "del:no"
DELETE_PATTERN: Final = r"^del:(yes|no)$"


def intake(step: str, value: str) -> str:
    return f"in:{step}:{value}"


def parse_intake(data: str) -> tuple[str, str]:
    _, step, value = data.split(":", 2)
    return step, value


CLAIM_PATTERN: Final = r"^claim:\d{1,12}$"
DETAIL_PATTERN: Final = r"^case:\d{1,12}$"
STAGE_PATTERN: Final = r"^stg:\d{1,12}:[a-z_]{1,20}$"
CLOSE_PATTERN: Final = r"^cls:\d{1,12}$"
DOCUMENTS_PATTERN: Final = r"^docs:\d{1,12}$"
CLEAR_YES: Final = "clr:yes"
CLEAR_NO: Final = "clr:no"
CLEAR_PATTERN: Final = r"^clr:(yes|no)$"


def claim(case_id: int) -> str:
    return f"claim:{case_id}"


def detail(case_id: int) -> str:
    return f"case:{case_id}"


def stage(case_id: int, stage_id: str) -> str:
    return f"stg:{case_id}:{stage_id}"


def close(case_id: int) -> str:
    return f"cls:{case_id}"


def documents(case_id: int) -> str:
    return f"docs:{case_id}"


def parse_case(data: str) -> tuple[int, list[str]]:
    """A case button's data (`prefix:case_id[:more]`): the case id and the parts after it."""
    _, case_id, *rest = data.split(":")
    return int(case_id), rest


# Callback data: `calc:<step>:<value>` answers a question, `calc:start:<kind>` starts a
# calculator (buttons under FAQ answers, "calculate again"). Telegram allows 64 bytes.
CALC_PATTERN: Final = r"^calc:[a-z_]{1,20}:[a-z0-9_+-]{1,20}$"
CALC_START_STEP: Final = "start_kind"  # never a dialog step name
_CALC_START_PREFIX: Final = "calc:start:"


def calc_answer(step: str, value: str) -> str:
    return f"calc:{step}:{value}"


def calc_start(kind: str) -> str:
    return f"{_CALC_START_PREFIX}{kind}"


def parse_calc(data: str) -> tuple[str, str]:
    """(step, value); step `CALC_START_STEP` for a start button."""
    if data.startswith(_CALC_START_PREFIX):
        return CALC_START_STEP, data.removeprefix(_CALC_START_PREFIX)
    _, step, value = data.split(":", 2)
    return step, value


# Typed messages with an open case, and crisis help.
CRISIS_CONNECT: Final = "connect"
CONSULT_NEW: Final = "consult:new"
CONSULT_ADD: Final = "consult:add"
FORWARD_PATTERN: Final = r"^fwd:\d{1,12}$"
ASK_BOT_PATTERN: Final = r"^ask:\d{1,12}$"


def forward(relay_id: int) -> str:
    """ "노무사에게도 전달": pass a question the bot answered on to the case."""
    return f"fwd:{relay_id}"


def ask_bot(relay_id: int) -> str:
    """ "봇에게 물어보기": answer a relayed message from the FAQ too."""
    return f"ask:{relay_id}"


def parse_relay(data: str) -> int:
    return int(data.split(":", 1)[1])


# FAQ curation (staff): `cu:<action>:<g|s>:<question id>[:<entry id>]`, where `g` acts on
# the open group holding the question and `s` on that question alone. Actions: o(pen),
# c(hoose an entry), a(ccept into the entry), n(ew entry needed); `cu:q:<id>` lists the
# group's questions one by one. Entry ids are at most 47 characters here (64 bytes in all).
CURATION_PATTERN: Final = r"^cu:(?:[ocn]:[gs]:\d{1,9}|q:\d{1,9}|a:[gs]:\d{1,9}:[a-z0-9-]{1,47})$"
CURATION_SINGLE: Final = "s"
CURATION_GROUP: Final = "g"


def curation(action: str, question_id: int, *, single: bool = False, entry_id: str = "") -> str:
    scope = CURATION_SINGLE if single else CURATION_GROUP
    if action == "q":
        return f"cu:q:{question_id}"
    suffix = f":{entry_id}" if action == "a" else ""
    return f"cu:{action}:{scope}:{question_id}{suffix}"


def parse_curation(data: str) -> tuple[str, int, bool, str]:
    """(action, question id, single, entry id or "")."""
    parts = data.split(":")
    if parts[1] == "q":
        return "q", int(parts[2]), False, ""
    entry_id = parts[4] if len(parts) > 4 else ""
    return parts[1], int(parts[3]), parts[2] == CURATION_SINGLE, entry_id


# The optional reason of a 👎: `fbr:<feedback id>:<reason>` (a FeedbackReason value).
FEEDBACK_REASON_PATTERN: Final = r"^fbr:\d{1,12}:(?:other|hard|mine|wrong)$"


def feedback_reason(feedback_id: int, reason: str) -> str:
    return f"fbr:{feedback_id}:{reason}"


def parse_feedback_reason(data: str) -> tuple[int, str]:
    _, feedback_id, reason = data.split(":")
    return int(feedback_id), reason


# The satisfaction question after a case closed: `sat:<case id>:<1-5>` gives a score,
# `sat:<case id>:skip` declines the optional comment.
SATISFACTION_PATTERN: Final = r"^sat:\d{1,12}:(?:[1-5]|skip)$"
_SATISFACTION_SKIP: Final = "skip"


def satisfaction(case_id: int, score: int) -> str:
    return f"sat:{case_id}:{score}"


def satisfaction_skip(case_id: int) -> str:
    return f"sat:{case_id}:{_SATISFACTION_SKIP}"


def is_satisfaction(data: str) -> bool:
    return re.fullmatch(SATISFACTION_PATTERN, data) is not None


def parse_satisfaction(data: str) -> tuple[int, int | None]:
    """(case id, score); the score is None for the skip button."""
    _, case_id, value = data.split(":")
    return int(case_id), None if value == _SATISFACTION_SKIP else int(value)
