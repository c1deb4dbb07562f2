"""Demo data for a showcase: clearly invented activity in an EMPTY database.

`seed_demo` fills the database with invented cases (예시, 010-0000-xxxx, example.com),
FAQ answers, feedback and unanswered questions over several months, so the report and
the shell can be shown without anyone's real data.
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any, Final

from bot import texts
from bot.vocabulary import ActorKind, ConsentKind, ContactMethod, EventKind, Role, Stage, Urgency
from storage.db import Database, UnitOfWork

logger = logging.getLogger(__name__)


class DemoRefusedError(Exception):
    """The database already holds data; the demo only fills an empty one."""


@dataclass(frozen=True)
class DemoResult:
    cases: int
    faq_answers: int
    unanswered: int
    first: datetime
    last: datetime


DEMO_NOTE: Final = "※ 시연용으로 지어낸 가상 사례입니다."
DEMO_STAFF: Final = (
    ("예시 노무사 가", -910001),
    ("예시 노무사 나", -910002),
    ("예시 상담원 다", -910003),
)
#: Stage of the newest cases by how many came after them: these still wait for the team.
DEMO_WAITING: Final = {0: Stage.NEW, 1: Stage.CLAIMED, 2: Stage.NEW}
DEMO_USER_BASE: Final = -800000  # negative: no real Telegram user has such an id
_DESCRIPTIONS: Final = {
    "parental-leave": (
        "(예시) 육아휴직을 1년 신청했더니 회사가 6개월만 쓰라고 합니다.",
        "(예시) 육아휴직 복귀를 앞두고 다른 부서로 옮기라는 말을 들었어요.",
    ),
    "childcare-time": (
        "(예시) 육아기 근로시간 단축을 신청했는데 답이 없습니다.",
        "(예시) 단축근무 중인데 야근을 하라고 합니다.",
    ),
    "pregnancy": (
        "(예시) 임신 사실을 알리자 계약 갱신이 어렵다는 말을 들었어요.",
        "(예시) 임신 중인데 근로시간 단축을 거절당했습니다.",
    ),
    "childbirth": (
        "(예시) 출산전후휴가 급여를 어떻게 신청하는지 모르겠어요.",
        "(예시) 배우자 출산휴가를 나눠 쓰려는데 회사가 안 된다고 합니다.",
    ),
    "protection": (
        "(예시) 육아휴직 중에 권고사직을 하라는 연락을 받았습니다.",
        "(예시) 복직하자마자 해고 통보를 받았어요.",
    ),
    "center": ("(예시) 센터 방문 상담을 예약하고 싶어요.",),
    "other": ("(예시) 어린이집 하원 시간 때문에 퇴근 시간 조정이 가능한지 궁금해요.",),
}
_QUESTIONS: Final = (
    "(예시) 전세 보증금을 못 돌려받고 있어요",
    "(예시) 회사 어린이집 대기 순번은 어떻게 되나요",
    "(예시) 실업급여랑 육아휴직 급여를 같이 받을 수 있나요",
    "(예시) 아이 돌봄 서비스 신청 방법",
    "(예시) 프리랜서도 출산 지원금이 나오나요",
    "(예시) 남편 회사가 육아휴직을 안 줘요",
    "(예시) 연차를 시간 단위로 쓸 수 있나요",
    "(예시) 임신 중 재택근무 요청 가능한가요",
)
_WEIGHTS: Final[dict[str, dict[str, float]]] = {
    "role": {"mother": 82, "father": 14, "other": 4},
    "workplace_size": {"lt5": 15, "5-29": 30, "30-299": 30, "300+": 15, "unknown": 10},
    "contract": {"regular": 65, "fixed_term": 22, "dispatched": 7, "freelance": 6},
    "status": {"working": 55, "on_leave": 25, "dismissed": 10, "resigned": 10},
    "topic": {
        "parental-leave": 34,
        "protection": 18,
        "childcare-time": 14,
        "pregnancy": 14,
        "childbirth": 12,
        "center": 3,
        "other": 5,
    },
}
_REFERRALS: Final = {"의료지원": 0.04, "심리상담": 0.025, "돌봄": 0.012, "사건대리": 0.008}
WORK_START: Final = 9
WORK_END: Final = 18


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass(frozen=True)
class _Demo:
    """What every demo step needs: the random source, the clock and the demo staff."""

    rng: random.Random
    now: datetime
    tz: tzinfo
    staff_ids: tuple[int, ...]

    def moments(self, day: datetime, mean: float) -> list[datetime]:
        """A random number of moments in the local day (more by day than at night)."""
        count = max(0, round(self.rng.gauss(mean, mean / 2)))
        hours = (8, 9, 10, 11, 13, 14, 15, 16, 20, 21, 22)
        moments = [
            day + timedelta(hours=self.rng.choice(hours), minutes=self.rng.randrange(60))
            for _ in range(count)
        ]
        return sorted(moment for moment in moments if moment < self.now)

    def working_time(self, moment: datetime) -> datetime:
        """`moment`, or the start of the next working hours (weekdays 9 to 18) after it."""
        local = moment.astimezone(self.tz)
        while local.weekday() >= 5 or not WORK_START <= local.hour < WORK_END:
            if local.weekday() < 5 and local.hour < WORK_START:
                local = local.replace(hour=WORK_START, minute=0)
            else:
                local = _next_midnight(local, self.tz).replace(hour=WORK_START)
        return local


async def seed_demo(
    database: Database,
    *,
    now: datetime,
    tz: tzinfo,
    entry_ids: Sequence[str],
    months: int = 6,
    seed: int = 2026,
) -> DemoResult:
    """Fill an empty database with invented activity from `months` months ago until now."""
    async with database.uow() as uow:
        if not await uow.maintenance.is_empty():
            raise DemoRefusedError(
                "the database already holds data; demo data only goes into an empty database"
            )
    local = now.astimezone(tz)
    start_month = (local.year * 12 + local.month - 1) - (months - 1)
    start = datetime(start_month // 12, start_month % 12 + 1, 1, tzinfo=tz)
    async with database.uow() as uow:
        staff_ids = await _demo_staff(uow, start)
    demo = _Demo(random.Random(seed), now, tz, staff_ids)  # noqa: S311 - not for security
    days = [start]
    while (following := _next_midnight(days[-1], tz)) < now:
        days.append(following)
    case_days = [demo.moments(day, 3.0 if day.weekday() < 5 else 1.0) for day in days]
    total = sum(len(moments) for moments in case_days)
    cases, answers, questions = 0, 0, 0
    for day, moments in zip(days, case_days, strict=True):
        async with database.uow() as uow:
            for moment in moments:
                cases += 1
                # The newest few still wait, so the report has a waiting list to show.
                await _demo_case(uow, demo, moment, cases, DEMO_WAITING.get(total - cases))
            answers += await _demo_faq(uow, demo, day, entry_ids)
            for moment in demo.moments(day, 2.0):
                questions += 1
                await uow.unanswered.add(
                    question_masked=demo.rng.choice(_QUESTIONS),
                    outcome=demo.rng.choice(("none", "suggestions")),
                    best_ids=[],
                    score=0.2,
                    now=moment,
                )
    logger.info("demo data: %d cases, %d faq answers", cases, answers)
    return DemoResult(cases, answers, questions, start, now)


def _next_midnight(day: datetime, tz: tzinfo) -> datetime:
    following = day.date() + timedelta(days=1)
    return datetime(following.year, following.month, following.day, tzinfo=tz)


async def _demo_staff(uow: UnitOfWork, when: datetime) -> tuple[int, ...]:
    """Inactive staff rows with impossible Telegram ids: they can never log in."""
    ids = []
    for name, telegram_id in DEMO_STAFF:
        staff = await uow.staff.upsert(
            telegram_id=telegram_id, role=Role.ATTORNEY, now=when, display_name=name
        )
        await uow.staff.deactivate(telegram_id=telegram_id)
        ids.append(staff.id)
    return tuple(ids)


async def _demo_faq(uow: UnitOfWork, demo: _Demo, day: datetime, entry_ids: Sequence[str]) -> int:
    """FAQ answers and some 👍/👎 for one day; popularity falls off with rank."""
    if not entry_ids:
        return 0
    # A fixed, shuffled popularity order (the FAQ files' order would favour one topic).
    popular = sorted(entry_ids, key=lambda entry_id: hashlib.sha256(entry_id.encode()).digest())
    weights = [1 / (rank + 1) for rank in range(len(popular))]
    moments = demo.moments(day, 20.0 if day.weekday() < 5 else 8.0)
    for moment in moments:
        entry_id = demo.rng.choices(popular, weights=weights)[0]
        outcome = "answer" if demo.rng.random() < 0.8 else "chosen"
        await uow.feedback.log_answer(entry_id=entry_id, outcome=outcome, now=moment)
        if demo.rng.random() < 0.15:
            await uow.feedback.add(
                entry_id=entry_id,
                is_helpful=demo.rng.random() < 0.82,
                now=moment + timedelta(minutes=1),
            )
    return len(moments)


def _demo_answers(rng: random.Random, topic: str) -> dict[str, Any]:
    status = _pick(rng, _WEIGHTS["status"])
    answers: dict[str, Any] = {
        "topic": topic,
        "role": _pick(rng, _WEIGHTS["role"]),
        "workplace_size": _pick(rng, _WEIGHTS["workplace_size"]),
        "contract": _pick(rng, _WEIGHTS["contract"]),
        "status": status,
        "description": f"{rng.choice(_DESCRIPTIONS[topic])} {DEMO_NOTE}",
        "contact_time": rng.choice(("평일 오전", "평일 오후", "언제든 괜찮아요")),
        "sensitive_consent": rng.random() < 0.6,
        "has_crisis_words": False,
    }
    if status == "dismissed":
        answers["key_date_kind"] = "dismissal"
    return answers


async def _demo_case(
    uow: UnitOfWork, demo: _Demo, created: datetime, index: int, waiting: Stage | None
) -> None:
    """One invented case; `waiting` keeps it unclaimed (new) or unanswered (claimed)."""
    rng = demo.rng
    topic = _pick(rng, _WEIGHTS["topic"])
    answers = _demo_answers(rng, topic)
    is_urgent = answers["status"] == "dismissed" or rng.random() < 0.05
    user = await uow.users.touch(telegram_id=DEMO_USER_BASE - index, now=created)
    await uow.consents.record(
        user_id=user.id,
        kind=ConsentKind.PERSONAL,
        version=texts.CONSENT_VERSION,
        granted=True,
        now=created,
    )
    method = rng.choices(
        (ContactMethod.TELEGRAM, ContactMethod.PHONE, ContactMethod.EMAIL), weights=(70, 22, 8)
    )[0]
    contact = {
        ContactMethod.TELEGRAM: None,
        ContactMethod.PHONE: f"010-0000-{index % 10000:04d}",
        ContactMethod.EMAIL: f"demo{index:04d}@example.com",
    }[method]
    case = await uow.cases.create(
        year=created.astimezone(demo.tz).year,
        now=created,
        user_id=user.id,
        topic=topic,
        case_type="사건대리 검토" if answers["status"] == "dismissed" else "종합상담",
        urgency=Urgency.URGENT if is_urgent else Urgency.NORMAL,
        urgency_reason="(예시) 해고일로부터 3개월 이내" if is_urgent else "",
        stage=Stage.NEW,
        answers=answers,
        summary=f"[예시] {answers['description']}",
        contact_method=method,
        contact_value=contact,
    )
    await uow.cases.add_event(
        case_id=case.id,
        kind=EventKind.CREATED,
        actor_kind=ActorKind.PARENT,
        now=created,
        to_value=Stage.NEW,
    )
    if waiting == Stage.NEW:
        return
    staff_id = rng.choice(demo.staff_ids)
    if waiting == Stage.CLAIMED:
        claimed = min(created + timedelta(minutes=20), demo.now)
        await uow.cases.add_event(
            case_id=case.id,
            kind=EventKind.CLAIMED,
            now=claimed,
            actor_kind=ActorKind.STAFF,
            actor_staff_id=staff_id,
            to_value=Stage.CLAIMED,
        )
        await uow.cases.update_fields(
            case_id=case.id,
            now=claimed,
            stage=Stage.CLAIMED,
            assignee_id=staff_id,
            claimed_at=claimed,
        )
        return
    events, changes = _demo_history(demo, created, is_urgent=is_urgent)
    if not events:
        return
    for moment, kind, from_value, to_value, text in events:
        await uow.cases.add_event(
            case_id=case.id,
            kind=kind,
            now=moment,
            actor_kind=ActorKind.STAFF,
            actor_staff_id=staff_id,
            from_value=from_value,
            to_value=to_value,
            text=text,
        )
    await uow.cases.update_fields(
        case_id=case.id, now=max(e[0] for e in events), assignee_id=staff_id, **changes
    )


_Event = tuple[datetime, EventKind, str | None, str | None, str | None]


def _demo_history(
    demo: _Demo, created: datetime, *, is_urgent: bool
) -> tuple[list[_Event], dict[str, Any]]:
    """Claim, first reply, stages, referrals and closing, as far as `now` allows."""
    rng, now = demo.rng, demo.now
    delay = timedelta(hours=min(24.0, rng.lognormvariate(-0.5 if is_urgent else 0.5, 0.9)))
    claimed = demo.working_time(demo.working_time(created) + delay)
    if claimed >= now:
        return [], {}
    changes: dict[str, Any] = {"stage": Stage.CLAIMED, "claimed_at": claimed}
    events: list[_Event] = [(claimed, EventKind.CLAIMED, None, Stage.CLAIMED, None)]
    replied = demo.working_time(claimed + timedelta(hours=min(24.0, rng.lognormvariate(0.3, 0.8))))
    if replied >= now:
        return events, changes
    if rng.random() < 0.03:  # a duplicate or withdrawn request: closed without counseling
        events.append((replied, EventKind.CLOSED, Stage.CLAIMED, Stage.CLOSED, None))
        changes.update(stage=Stage.CLOSED, closed_at=replied, result="(예시) 중복 신청으로 종결")
        return events, changes
    changes["first_reply_at"] = replied
    events.append(
        (
            replied,
            EventKind.REPLY,
            None,
            None,
            "(예시) 안녕하세요, 직장맘지원센터 법률지원팀입니다.",
        )
    )
    stage, moment = Stage.CLAIMED, replied
    for target, chance in (
        (Stage.GENERAL, 1.0),
        (Stage.IN_DEPTH, 0.35),
        (Stage.CONFIRMATION, 0.45),
        (Stage.CLOSE_SUPPORT, 0.3),
    ):
        moment += timedelta(days=rng.uniform(0.1, 6))
        if rng.random() > chance or moment >= now:
            break
        events.append((moment, EventKind.STAGE, stage, target, None))
        stage = changes["stage"] = target
    for kind, chance in _REFERRALS.items():
        if rng.random() < chance * (2 if is_urgent else 1) and moment < now:
            events.append((moment, EventKind.REFERRAL, None, kind, None))
    closed = moment + timedelta(days=rng.uniform(1, 20))
    if closed < now and rng.random() < 0.85:
        events.append((closed, EventKind.CLOSED, stage, Stage.CLOSED, None))
        changes.update(stage=Stage.CLOSED, closed_at=closed, result="(예시) 안내 후 종결")
    return events, changes
