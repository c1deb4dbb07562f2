"""Staff turn what parents asked into FAQ content: grouped review, accept, undo, feedback."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import texts
from bot.curation.files import check_folder
from bot.runtime.local_chat import BotMessage, Person
from bot.vocabulary import CurationKind, FeedbackReason
from storage.models import FaqAcceptance, FaqFeedback, UnansweredQuestion
from tests.harness import ROOT, BotHarness, bot_harness, make_settings, press, say

TWINS = "쌍둥이 육아휴직 회사 눈치"  # suggestions; best candidate parental-leave-length
MEETING = "유치원 운동회 때문에 하루 빠져요"  # none today; family-care-leave fits
LEAVE_FILE = "parental-leave.yaml"


@pytest.fixture
async def faq_dir(tmp_path: Path) -> Path:
    """A copy of the FAQ the bot may write to (the repository's files are never edited)."""
    folder = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", folder)
    return folder


@pytest.fixture
async def bot(empty_db_url: str, faq_dir: Path) -> AsyncIterator[BotHarness]:
    async with bot_harness(make_settings(empty_db_url, faq_dir=faq_dir)) as harness:
        yield harness


def _inserted(before: bytes, after: bytes) -> list[bytes]:
    """The lines `after` has beyond `before`, when it is `before` plus whole lines only."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added: list[bytes] = []
    i = 0
    for line in new:
        if i < len(old) and line == old[i]:
            i += 1
        else:
            added.append(line)
    assert i == len(old), "a line of the original changed"
    return added


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.yaml")}


async def _open_group(bot: BotHarness, staff: Person, number: int = 1) -> BotMessage:
    listing = await say(bot, staff, "/unanswered")
    return await press(bot, staff, listing, f"{number}번 살펴보기")


async def _stored_questions(bot: BotHarness) -> list[UnansweredQuestion]:
    async with bot.database.uow() as uow:
        return list((await uow.session.execute(select(UnansweredQuestion))).scalars())


async def test_unanswered_groups_alike_questions_biggest_first(bot: BotHarness) -> None:
    for text in ("주휴수당 계산법 알려줘요", "주휴수당 계산법 알려줘요", TWINS):
        await bot.chat.send(bot.parent, text)
    bot.clock.advance(days=1)
    await bot.chat.send(bot.stranger, "주휴수당 계산법 알려줘요")
    [listing] = await bot.chat.send(bot.admin, "/unanswered")
    assert "2묶음 (4건)" in listing.text
    first, second = listing.text.split("\n\n")[1:3]
    assert first.startswith("1. <b>3건</b> · 11-25~11-26")
    assert "주휴수당 계산법 알려줘요" in first
    assert second.startswith("2. <b>1건</b>")
    assert "육아휴직 기간" in second  # the best candidate entry, with its confidence
    assert "확신" in second
    assert [label for label, _ in listing.flat_buttons] == ["1번 살펴보기", "2번 살펴보기"]


async def test_unanswered_shows_personal_data_masked(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, "010-1234-5678 로 연락 주세요 주휴수당 계산법")
    [listing] = await bot.chat.send(bot.admin, "/unanswered")
    assert "010-1234-5678" not in listing.text
    assert "[전화번호]" in listing.text


async def test_accept_adds_one_variant_line_and_nothing_else(
    bot: BotHarness, faq_dir: Path
) -> None:
    path = faq_dir / LEAVE_FILE
    before = path.read_bytes()
    await bot.chat.send(bot.parent, TWINS)
    detail = await _open_group(bot, bot.admin)
    assert TWINS in detail.text
    done = await press(bot, bot.admin, detail, "✅ 예시 질문으로 추가")
    assert f"{LEAVE_FILE}:" in done.text
    assert "FAQ를 다시 불러왔어요" in done.text
    assert _inserted(before, path.read_bytes()) == [f"      - {TWINS}\n".encode()]
    assert check_folder(faq_dir) == []
    async with bot.database.uow() as uow:
        [row] = (await uow.session.execute(select(FaqAcceptance))).scalars().all()
    assert (row.kind, row.entry_id, row.file_name) == (
        CurationKind.VARIANT,
        "parental-leave-length",
        LEAVE_FILE,
    )
    assert row.line == f"      - {TWINS}"
    assert path.read_text(encoding="utf-8").splitlines()[row.line_number - 1] == row.line
    assert [q.is_reviewed for q in await _stored_questions(bot)] == [True]
    [empty] = await bot.chat.send(bot.admin, "/unanswered")
    assert empty.text == texts.UNANSWERED_EMPTY


async def test_question_that_got_none_is_answered_after_one_acceptance(bot: BotHarness) -> None:
    [first] = await bot.chat.send(bot.parent, MEETING)
    assert "찾지 못했어요" in first.text
    [question] = await _stored_questions(bot)
    assert question.outcome == "none"
    detail = await _open_group(bot, bot.admin)
    choose = await press(bot, bot.admin, detail, "항목 고르기")
    await press(bot, bot.admin, choose, "가족돌봄휴가")
    replies = await bot.chat.send(bot.parent, MEETING)
    assert "fb:family-care-leave:1" in [d for _, d in replies[0].flat_buttons]


async def test_new_entry_request_is_recorded_and_leaves_the_queue(
    bot: BotHarness, faq_dir: Path
) -> None:
    before = _snapshot(faq_dir)
    await bot.chat.send(bot.parent, "주휴수당 계산법 알려줘요")
    detail = await _open_group(bot, bot.admin)
    done = await press(bot, bot.admin, detail, "새 항목이 필요해요")
    assert "기록했어요" in done.text
    assert _snapshot(faq_dir) == before
    async with bot.database.uow() as uow:
        [row] = (await uow.session.execute(select(FaqAcceptance))).scalars().all()
    assert row.kind == CurationKind.NEW_ENTRY
    assert row.question_masked == "주휴수당 계산법 알려줘요"
    [review] = [m for m in await bot.chat.send(bot.admin, "/faq_review") if "새 항목" in m.text]
    assert "「주휴수당 계산법 알려줘요」" in review.text


async def test_single_question_of_a_group_is_accepted_alone(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, "주휴수당 계산법 알려줘요")
    await bot.chat.send(bot.stranger, "주휴수당 계산법 알려줘요!")
    detail = await _open_group(bot, bot.admin)
    one_by_one = await press(bot, bot.admin, detail, "질문 하나씩 보기")
    single = await press(bot, bot.admin, one_by_one, "알려줘요!")
    assert single.text.startswith("<b>1건</b>")
    await press(bot, bot.admin, single, "새 항목이 필요해요")
    assert sorted(q.is_reviewed for q in await _stored_questions(bot)) == [False, True]


async def test_undo_takes_the_line_out_and_the_file_is_as_before(
    bot: BotHarness, faq_dir: Path
) -> None:
    path = faq_dir / LEAVE_FILE
    before = path.read_bytes()
    await bot.chat.send(bot.parent, TWINS)
    detail = await _open_group(bot, bot.admin)
    await press(bot, bot.admin, detail, "✅ 예시 질문으로 추가")
    assert path.read_bytes() != before
    [undone] = await bot.chat.send(bot.admin, "/faq_undo")
    assert "되돌렸어요" in undone.text
    assert path.read_bytes() == before
    assert [q.is_reviewed for q in await _stored_questions(bot)] == [False]
    [again] = await bot.chat.send(bot.admin, "/faq_undo")
    assert again.text == texts.CURATION_UNDO_NOTHING


async def test_undo_is_only_the_callers_own(bot: BotHarness, faq_dir: Path) -> None:
    await bot.chat.send(bot.parent, TWINS)
    detail = await _open_group(bot, bot.admin)
    await press(bot, bot.admin, detail, "✅ 예시 질문으로 추가")
    other = await bot.add_staff(777, role="counselor", name="상담사")
    [reply] = await bot.chat.send(other, "/faq_undo")
    assert reply.text == texts.CURATION_UNDO_NOTHING
    assert TWINS in (faq_dir / LEAVE_FILE).read_text(encoding="utf-8")


async def test_two_staff_accepting_at_once_both_lines_land(bot: BotHarness, faq_dir: Path) -> None:
    path = faq_dir / LEAVE_FILE
    before = path.read_bytes()
    await bot.chat.send(bot.parent, TWINS)
    await bot.chat.send(bot.stranger, "육아휴직 몇년까지 돼요 회사에 말하기 눈치보여요")
    other = await bot.add_staff(778, role="counselor", name="상담사")
    rows = await _stored_questions(bot)
    presses = [
        bot.chat.press(person, 1, f"cu:a:s:{row.id}:parental-leave-length")
        for person, row in zip((bot.admin, other), rows, strict=True)
    ]
    await asyncio.gather(*presses)
    added = _inserted(before, path.read_bytes())
    assert sorted(added) == sorted(f"      - {row.question_masked}\n".encode() for row in rows)
    assert check_folder(faq_dir) == []
    assert await bot.count(FaqAcceptance) == 2


async def test_accept_that_would_fail_the_check_is_refused(bot: BotHarness, faq_dir: Path) -> None:
    await bot.chat.send(bot.parent, TWINS)
    detail = await _open_group(bot, bot.admin)
    (faq_dir / "targets.yaml").write_text("nonsense: [\n", encoding="utf-8")  # someone's typo
    before = (faq_dir / LEAVE_FILE).read_bytes()
    refused = await press(bot, bot.admin, detail, "✅ 예시 질문으로 추가")
    assert "저장하지 않았어요" in refused.text
    assert "targets.yaml" in refused.text
    assert (faq_dir / LEAVE_FILE).read_bytes() == before
    assert await bot.count(FaqAcceptance) == 0
    assert [q.is_reviewed for q in await _stored_questions(bot)] == [False]


async def test_variant_already_in_the_entry_is_refused(bot: BotHarness, faq_dir: Path) -> None:
    await bot.chat.send(bot.parent, TWINS)
    await bot.chat.send(bot.stranger, TWINS)
    first, second = await _stored_questions(bot)
    await bot.chat.press(bot.admin, 1, f"cu:a:s:{first.id}:parental-leave-length")
    before = (faq_dir / LEAVE_FILE).read_bytes()
    [refused] = await bot.chat.press(bot.admin, 1, f"cu:a:s:{second.id}:parental-leave-length")
    assert refused.text == texts.CURATION_DUPLICATE
    assert (faq_dir / LEAVE_FILE).read_bytes() == before
    assert await bot.count(FaqAcceptance) == 1


async def test_stale_or_foreign_curation_buttons_do_nothing(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, TWINS)
    [row] = await _stored_questions(bot)
    start = len(bot.api.calls)
    data = f"cu:a:g:{row.id}:parental-leave-length"
    assert await bot.chat.press(bot.stranger, 1, data) == []
    assert any("직원만" in alert for alert in bot.chat.alerts(start))
    [gone] = await bot.chat.press(bot.admin, 1, f"cu:o:g:{row.id + 100}")
    assert gone.text == texts.CURATION_STALE
    assert await bot.count(FaqAcceptance) == 0


async def test_thumbs_down_asks_why_and_offers_the_consultation(bot: BotHarness) -> None:
    [answer] = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    replies = await bot.chat.press(bot.parent, answer.message_id, answer.button("👎"))
    [ask] = [r for r in replies if not r.is_edit]
    assert ask.text == texts.FAQ_FEEDBACK_ASK
    labels = [label for label, _ in ask.flat_buttons]
    assert labels[:4] == list(texts.FAQ_FEEDBACK_REASONS.values())
    assert "consult" in [d for _, d in ask.flat_buttons]
    [thanks] = await bot.chat.press(bot.parent, ask.message_id, ask.button("설명이 어려워요"))
    assert thanks.is_edit
    assert [d for _, d in thanks.flat_buttons] == ["consult"]
    async with bot.database.uow() as uow:
        [vote] = (await uow.session.execute(select(FaqFeedback))).scalars().all()
    assert (vote.is_helpful, vote.reason) == (False, FeedbackReason.HARD)
    review = "\n".join(m.text for m in await bot.chat.send(bot.admin, "/faq_review"))
    assert "maternity-leave-length: 👍 0 · 👎 1 (100%) — 어려움 1" in review


async def test_someone_else_cannot_set_the_reason_of_a_vote(bot: BotHarness) -> None:
    [answer] = await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    await bot.chat.press(bot.parent, answer.message_id, answer.button("👎"))
    async with bot.database.uow() as uow:
        [vote] = (await uow.session.execute(select(FaqFeedback))).scalars().all()
    start = len(bot.api.calls)
    assert await bot.chat.press(bot.stranger, 1, f"fbr:{vote.id}:wrong") == []
    assert bot.chat.alerts(start) == [texts.STALE_BUTTON]
    async with bot.database.uow() as uow:
        [vote] = (await uow.session.execute(select(FaqFeedback))).scalars().all()
    assert vote.reason is None


async def test_faq_review_lists_review_notes_and_rates(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    await bot.chat.send(bot.parent, MEETING)
    await bot.chat.send(bot.parent, "회사에서 잘리고 나니 그냥 죽고 싶어요")
    review = "\n".join(m.text for m in await bot.chat.send(bot.admin, "/faq_review"))
    assert "[직원용 review 메모]" in review
    entry = bot.services.faq.entry("maternity-leave-pay")
    assert entry is not None
    assert entry.review is not None
    assert entry.review[:30] in review.replace("&#x27;", "'")
    assert "• 2026-11-23 주: 1 / 0 / 1 / 1 (바로 답 33%)" in review
    assert "[기간 중 한 번도 안내되지 않은 항목]" in review
    never = review.split("[기간 중 한 번도 안내되지 않은 항목]")[1].split("[")[0]
    assert "maternity-leave-length" not in never
    assert "parental-leave-pay" in never


async def test_review_commands_are_for_staff_only(bot: BotHarness) -> None:
    for command in ("/faq_review", "/faq_undo", "/unanswered"):
        [reply] = await bot.chat.send(bot.stranger, command)
        assert "직원만" in reply.text
