"""A parent who gets through the intake however the bot behaves, as a person would.

After a kill or an error the parent does what the bot's texts suggest: waits a little, then
writes /consult again (the draft resumes at its open question) or /status (the number).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from tests.e2e.client import CASE_NUMBER, BotMessage, Sent, Telegram, User
from tests.e2e.flows import DESCRIPTION, days_ago

# (the step, what its question says, what the parent does: ("press", label) or ("say", text))
STEPS: Final[list[tuple[str, str, tuple[str, str]]]] = [
    ("consent", "개인정보", ("press", "동의합니다")),
    ("consent_sensitive", "건강 정보", ("press", "동의합니다")),
    ("topic", "어떤 일로", ("press", "보호·분쟁")),
    ("role", "누구인가요", ("press", "엄마")),
    ("workplace_size", "몇 명", ("press", "5~29명")),
    ("contract", "어떤 형태로", ("press", "정규직")),
    ("status", "지금 상황", ("press", "해고됐어요")),
    ("key_date", "해고된 날", ("say", "DATE")),
    ("description", "어떤 일이 있었는지", ("say", DESCRIPTION)),
    ("contact_method", "어떻게 받고 싶으세요", ("press", "전화")),
    ("contact_value", "전화번호", ("say", "010 1234 5678")),
    ("contact_time", "연락받기 편한 시간", ("press", "평일 오후")),
    ("confirm", "이대로 접수할까요", ("press", "접수하기")),
]
SUBMITTED: Final = "접수번호"
TEXT_STEPS: Final = tuple(i for i, (_, _, (kind, _)) in enumerate(STEPS) if kind == "say")
STEP_INDEX: Final = {name: i for i, (name, _, _) in enumerate(STEPS)}
STEP_TIMEOUT: Final = 8.0
MAX_RECOVERIES: Final = 12


@dataclass
class Parent:
    user: User
    does_intake: bool = True  # False: a parent who only asks things (counted as updates)
    number: str | None = None  # the case number the bot told
    told_by_status: bool = False  # learned it from /status, not from the confirmation
    recoveries: int = 0
    sent: list[Sent] = field(default_factory=list)


def act(telegram: Telegram, parent: Parent, step: int, prompt: BotMessage) -> Sent:
    """Do what `step` asks on its question `prompt`."""
    kind, value = STEPS[step][2]
    if kind == "press":
        sent = telegram.press(parent.user, prompt, value)
    else:
        sent = telegram.send(parent.user, days_ago(30) if value == "DATE" else value)
    parent.sent.append(sent)
    return sent


def expect_after(step: int) -> str:
    return STEPS[step + 1][1] if step + 1 < len(STEPS) else SUBMITTED


def wait_reply(
    telegram: Telegram, sent: Sent, contains: str, timeout: float = STEP_TIMEOUT
) -> BotMessage | None:
    try:
        return telegram.reply(sent, contains, timeout)
    except AssertionError:
        return None


def identify(message: BotMessage) -> int | None:
    """Which step a question of the bot is: by its buttons' data (`in:<step>:<value>`), or
    for a question answered by typing, by its words."""
    if SUBMITTED in message.text:
        return len(STEPS)
    for _, data in message.flat_buttons:
        parts = data.split(":")
        if len(parts) == 3 and parts[0] == "in" and parts[1] in STEP_INDEX:
            return STEP_INDEX[parts[1]]
    for step in TEXT_STEPS:
        if STEPS[step][1] in message.text:
            return step
    return None


def recover(telegram: Telegram, parent: Parent) -> tuple[int, BotMessage] | None:
    """/consult again: the open question (step, message); None if the bot did not answer."""
    parent.recoveries += 1
    if parent.recoveries > MAX_RECOVERIES:
        raise AssertionError(f"parent {parent.user.id} could not get through the intake")
    sent = telegram.send(parent.user, "/consult")
    parent.sent.append(sent)
    try:
        message = telegram.wait_for(
            parent.user,
            lambda m: identify(m) is not None or "진행 중인 상담" in m.text or "접수" in m.text,
            STEP_TIMEOUT,
            after=sent.after,
        )
    except AssertionError:
        return None
    step = identify(message)
    if step is None:  # a case is open: the submission went through; its number via /status
        learn_number_from_status(telegram, parent)
        return len(STEPS), message
    return step, message


def learn_number_from_status(telegram: Telegram, parent: Parent) -> None:
    sent = telegram.send(parent.user, "/status")
    parent.sent.append(sent)
    reply = wait_reply(telegram, sent, "")
    found = CASE_NUMBER.search(reply.text) if reply else None
    if found:
        parent.number = found.group()
        parent.told_by_status = True


def run_steps(
    telegram: Telegram, parent: Parent, step: int, prompt: BotMessage, until: int
) -> tuple[int, BotMessage]:
    """Answer questions from `step` (shown in `prompt`) up to, not including, step `until`."""
    while step < until:
        sent = act(telegram, parent, step, prompt)
        reply = wait_reply(telegram, sent, expect_after(step))
        if reply is None:
            found = None
            while found is None:
                found = recover(telegram, parent)
            step, prompt = found
            if step == len(STEPS):
                break
            continue
        step, prompt = step + 1, reply
        if step == len(STEPS):
            number = CASE_NUMBER.search(reply.text)
            parent.number = number.group() if number else None
    return step, prompt


def begin(telegram: Telegram, parent: Parent) -> tuple[int, BotMessage]:
    sent = telegram.send(parent.user, "/consult")
    parent.sent.append(sent)
    reply = wait_reply(telegram, sent, STEPS[0][1])
    if reply is None:
        found = None
        while found is None:
            found = recover(telegram, parent)
        return found
    return 0, reply
