"""The step-dialog engine: the table's order, and a draft kept in the database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock
from bot.dialog import (
    Choice,
    Completed,
    Draft,
    Flow,
    InvalidAnswer,
    Moved,
    Notices,
    Step,
    StepDialog,
    buttons,
    fixed,
)
from bot.dialog.confirm import CONFIRM_STEP, confirmation
from bot.intake.data import IntakeData, IntakeDrafts
from storage.db import Database

TODAY = date(2026, 11, 25)
NOTICES = Notices(stale_step="지난 질문", first_step="첫 질문")


def _read_description(text: str, data: IntakeData, _today: date) -> IntakeData:
    if len(text) < 3:
        raise InvalidAnswer("더 적어 주세요")
    return data.answer(description=text)


def _kept(_value: str, data: IntakeData) -> IntakeData:
    return data


STEPS: dict[str, Step[IntakeData]] = {
    "topic": Step(fixed("주제?"), buttons([Choice("leave", "휴직"), Choice("pay", "임금")])),
    "status": Step(
        fixed("상황?"),
        buttons([Choice("working", "재직"), Choice("dismissed", "해고")]),
        when=lambda d: d.topic == "leave",
    ),
    "role": Step(fixed("누구?"), buttons([Choice("mother", "엄마"), Choice("father", "아빠")])),
    "description": Step(fixed("내용?"), read_text=_read_description),
    "confirm": Step(fixed("접수할까요?"), buttons([Choice("submit", "접수")]), read_choice=_kept),
}
FLOW: Flow[IntakeData] = Flow(
    steps=STEPS,
    order=lambda _d: tuple(STEPS),
    assign=lambda d, step, value: d.answer(**{step: value}),
    choose_button="버튼을 눌러 주세요",
    summary="confirm",
)


def test_a_step_whose_condition_fails_is_skipped() -> None:
    assert FLOW.next_step("topic", IntakeData(topic="pay")) == "role"
    assert FLOW.next_step("topic", IntakeData(topic="leave")) == "status"
    assert FLOW.next_step("confirm", IntakeData()) is None


def test_a_step_may_name_its_successor() -> None:
    loop: Flow[dict[str, int]] = Flow(
        steps={
            "count": Step(
                fixed("더?"),
                buttons([Choice("1", "하나")]),
                read_choice=lambda _v, d: {"n": d.get("n", 0) + 1},
                then=lambda d: "count" if d["n"] < 3 else None,
            )
        },
        order=lambda _d: ("count",),
        assign=lambda d, _s, _v: d,
        choose_button="버튼",
    )
    data: dict[str, int] = {}
    steps = []
    step: str | None = loop.first_step(data)
    while step is not None:
        steps.append(step)
        data = loop.accept_choice(step, "1", data)
        step = loop.next_step(step, data)
    assert steps == ["count", "count", "count"]


def test_a_button_not_offered_or_text_at_a_button_step_is_refused() -> None:
    with pytest.raises(InvalidAnswer, match="버튼을 눌러"):
        FLOW.accept_choice("topic", "lottery", IntakeData())
    with pytest.raises(InvalidAnswer, match="버튼을 눌러"):
        FLOW.accept_text("topic", "휴직", IntakeData(), TODAY)  # typed labels are off


def test_typed_labels_count_as_the_button_when_the_flow_says_so() -> None:
    labelled = Flow(
        steps=STEPS,
        order=FLOW.order,
        assign=FLOW.assign,
        choose_button=FLOW.choose_button,
        typed_labels=True,
    )
    assert labelled.accept_text("topic", " 휴직 ", IntakeData(), TODAY).topic == "leave"


def test_a_prompt_says_whether_text_is_read() -> None:
    assert FLOW.prompt("description", IntakeData()).accepts_text
    shown = FLOW.prompt("topic", IntakeData())
    assert (shown.text, [c.value for c in shown.choices]) == ("주제?", ["leave", "pay"])
    assert not shown.accepts_text


# --- the draft in the database ---------------------------------------------------------------


def _clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 1, 0, tzinfo=UTC), ZoneInfo("Asia/Seoul"))


async def _user(database: Database) -> int:
    async with database.uow() as uow:
        user = await uow.users.ensure(telegram_id=77, now=_clock().now())
        return user.id


async def _walk(
    database: Database, engine: StepDialog[IntakeData], answers: list[tuple[str, str]]
) -> Draft[IntakeData]:
    """Begin, then give each (step, answer): a button value, or text for `description`."""
    user_id = await _user(database)
    async with database.uow() as uow:
        await engine.begin(IntakeDrafts(uow), FLOW, user_id=user_id, data=IntakeData())
    for step, answer in answers:
        async with database.uow() as uow:
            store = IntakeDrafts(uow)
            draft = await engine.current(store, user_id=user_id)
            assert draft is not None
            assert draft.step == step
            if step == "description":
                outcome = await engine.answer_text(store, FLOW, draft, answer)
            else:
                outcome = await engine.answer_choice(store, FLOW, draft, step, answer)
            assert isinstance(outcome, Moved)
            assert outcome.notice is None
    async with database.uow() as uow:
        draft = await engine.current(IntakeDrafts(uow), user_id=user_id)
    assert draft is not None
    return draft


TO_SUMMARY = [("topic", "pay"), ("role", "mother"), ("description", "회사가 임금을 안 줘요")]


async def test_a_draft_survives_a_restart(database: Database) -> None:
    await _walk(database, StepDialog(_clock(), timedelta(days=1), NOTICES), TO_SUMMARY[:2])
    restarted: StepDialog[IntakeData] = StepDialog(_clock(), timedelta(days=1), NOTICES)
    async with database.uow() as uow:
        draft = await restarted.current(IntakeDrafts(uow), user_id=await _user(database))
    assert draft is not None
    assert (draft.step, draft.history) == ("description", ("topic", "role"))
    assert (draft.data.topic, draft.data.role) == ("pay", "mother")


async def test_an_expired_draft_is_gone(database: Database) -> None:
    clock = _clock()
    engine: StepDialog[IntakeData] = StepDialog(clock, timedelta(days=1), NOTICES)
    await _walk(database, engine, TO_SUMMARY[:1])
    clock.advance(days=1, seconds=1)
    async with database.uow() as uow:
        assert await engine.current(IntakeDrafts(uow), user_id=await _user(database)) is None


async def test_a_bad_answer_or_a_stale_button_keeps_the_question(database: Database) -> None:
    engine: StepDialog[IntakeData] = StepDialog(_clock(), timedelta(days=1), NOTICES)
    draft = await _walk(database, engine, TO_SUMMARY[:2])
    async with database.uow() as uow:
        store = IntakeDrafts(uow)
        short = await engine.answer_text(store, FLOW, draft, "음")
        stale = await engine.answer_choice(store, FLOW, draft, "topic", "leave")
    assert isinstance(short, Moved)
    assert (short.draft, short.notice) == (draft, "더 적어 주세요")
    assert isinstance(stale, Moved)
    assert (stale.draft, stale.notice) == (draft, "지난 질문")


async def test_back_returns_to_the_previous_question_then_stops(database: Database) -> None:
    engine: StepDialog[IntakeData] = StepDialog(_clock(), timedelta(days=1), NOTICES)
    draft = await _walk(database, engine, TO_SUMMARY[:1])
    async with database.uow() as uow:
        first = await engine.back(IntakeDrafts(uow), draft)
        again = await engine.back(IntakeDrafts(uow), first.draft)
    assert (first.draft.step, first.notice) == ("topic", None)
    assert first.draft.data.topic == "pay"  # kept, to be answered again
    assert (again.draft.step, again.notice) == ("topic", "첫 질문")


async def test_the_last_answer_completes_without_moving(database: Database) -> None:
    engine: StepDialog[IntakeData] = StepDialog(_clock(), timedelta(days=1), NOTICES)
    draft = await _walk(database, engine, TO_SUMMARY)
    async with database.uow() as uow:
        done = await engine.answer_choice(IntakeDrafts(uow), FLOW, draft, "confirm", "submit")
    assert isinstance(done, Completed)
    assert done.draft.data.description == "회사가 임금을 안 줘요"
    assert "confirm" not in done.draft.data.stored()  # the button is acted on, not stored


async def test_an_edit_from_the_summary_comes_back_to_it(database: Database) -> None:
    engine: StepDialog[IntakeData] = StepDialog(_clock(), timedelta(days=1), NOTICES)
    summary = await _walk(database, engine, TO_SUMMARY)
    async with database.uow() as uow:
        store = IntakeDrafts(uow)
        editing = await engine.edit(store, FLOW, summary, "role")
        assert editing.draft.step == "role"
        back = await engine.answer_choice(store, FLOW, editing.draft, "role", "father")
    assert isinstance(back, Moved)
    assert back.draft.step == "confirm"
    assert back.draft.data.role == "father"
    assert back.draft.history == summary.history


async def test_an_edit_asks_a_question_that_now_applies(database: Database) -> None:
    engine: StepDialog[IntakeData] = StepDialog(_clock(), timedelta(days=1), NOTICES)
    summary = await _walk(database, engine, TO_SUMMARY)
    async with database.uow() as uow:
        store = IntakeDrafts(uow)
        editing = await engine.edit(store, FLOW, summary, "topic")
        status = await engine.answer_choice(store, FLOW, editing.draft, "topic", "leave")
        assert isinstance(status, Moved)
        assert status.draft.step == "status"  # new for this topic; role is not asked again
        done = await engine.answer_choice(store, FLOW, status.draft, "status", "working")
    assert isinstance(done, Moved)
    assert done.draft.step == "confirm"
    assert done.draft.history == ("topic", "role", "description", "status")


async def test_an_edit_only_starts_at_the_summary(database: Database) -> None:
    engine: StepDialog[IntakeData] = StepDialog(_clock(), timedelta(days=1), NOTICES)
    draft = await _walk(database, engine, TO_SUMMARY[:2])
    async with database.uow() as uow:
        refused = await engine.edit(IntakeDrafts(uow), FLOW, draft, "topic")
    assert (refused.draft, refused.notice) == (draft, "지난 질문")


def test_a_confirmation_is_yes_only_for_its_yes_button() -> None:
    asked = confirmation("지울까요?", yes="네", no="아니요")
    shown = asked.prompt(CONFIRM_STEP, False)
    assert (shown.text, [c.label for c in shown.choices]) == ("지울까요?", ["네", "아니요"])
    assert asked.accept_choice(CONFIRM_STEP, "yes", False) is True
    assert asked.accept_choice(CONFIRM_STEP, "no", False) is False
    with pytest.raises(InvalidAnswer):
        asked.accept_choice(CONFIRM_STEP, "maybe", False)
