"""Computing a report from facts: the counting rules, without a database."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.reports.compute import Vocabulary, compute_report, count_metric
from bot.reports.period import Period
from bot.reports.targets import Target, Targets
from storage.report_facts import CaseFact, FaqAnswerFact, ReferralFact, ReportFacts

SEOUL = ZoneInfo("Asia/Seoul")
MARCH = Period.for_month(2026, 3, SEOUL)
NOW = datetime(2026, 4, 2, 12, tzinfo=SEOUL)


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=SEOUL)


def case(
    case_id: int,
    created: datetime,
    *,
    stage: str = "new",
    channel: str = "telegram",
    topic: str = "parental-leave",
    claimed: datetime | None = None,
    replied: datetime | None = None,
    counseled: datetime | None = None,
) -> CaseFact:
    return CaseFact(
        case_id,
        f"2026-{case_id:04d}",
        channel,
        topic,
        stage,
        "normal",
        "mother",
        "5-29",
        "regular",
        created,
        claimed,
        replied,
        counseled,
    )


def facts(
    *cases: CaseFact,
    referrals: tuple[ReferralFact, ...] = (),
    answers: tuple[FaqAnswerFact, ...] = (),
    questions: tuple[str | None, ...] = (),
    waiting: tuple[CaseFact, ...] = (),
) -> ReportFacts:
    return ReportFacts(cases, referrals, answers, 0, 0, questions, waiting)


def test_counseling_counts_in_the_month_it_started() -> None:
    data = facts(
        case(1, at(2, 27), counseled=at(3, 2)),
        case(2, at(3, 30), counseled=at(4, 1)),
        case(3, at(3, 5)),
    )
    assert count_metric("general_counseling", data, MARCH) == 1
    assert count_metric("cases_received", data, MARCH) == 2


def test_online_counts_only_the_bot_channel() -> None:
    data = facts(case(1, at(3, 2)), case(2, at(3, 3), channel="phone"))
    assert count_metric("online_counseling", data, MARCH) == 1


def test_referrals_count_per_kind_in_their_month() -> None:
    data = facts(
        referrals=(
            ReferralFact(1, "의료지원", at(3, 2)),
            ReferralFact(1, "심리상담", at(3, 2)),
            ReferralFact(2, "의료지원", at(4, 1)),
        )
    )
    assert count_metric("medical", data, MARCH) == 1
    assert count_metric("psychological", data, MARCH) == 1
    assert count_metric("representation", data, MARCH) == 0


def test_faq_answers_count_answers_and_choices() -> None:
    data = facts(
        answers=(
            FaqAnswerFact("a", "answer", at(3, 2)),
            FaqAnswerFact("a", "chosen", at(3, 3)),
            FaqAnswerFact("b", "answer", at(2, 3)),
        )
    )
    assert count_metric("faq_answers", data, MARCH) == 2


def test_unknown_metric_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown metric"):
        count_metric("consulting", facts(), MARCH)


def test_kpi_without_a_goal_has_no_achievement() -> None:
    targets = Targets(
        (
            Target("cases_received", "상담 접수", "접수 건수", "건", None),
            Target("online_counseling", "온라인 상담", "건수", "건", 0),
        )
    )
    report = compute_report(facts(case(1, at(3, 2))), period=MARCH, targets=targets, now=NOW)
    assert [(r.actual, r.target, r.achievement) for r in report.kpis] == [
        (1, None, None),
        (1, 0, None),
    ]


def test_topics_are_ordered_by_count_with_titles() -> None:
    data = facts(
        case(1, at(3, 2), topic="protection"),
        case(2, at(3, 3), topic="other"),
        case(3, at(3, 4), topic="protection"),
    )
    words = Vocabulary({"protection": "보호·분쟁"}, {})
    report = compute_report(data, period=MARCH, targets=Targets(()), now=NOW, vocabulary=words)
    assert [(r.label, r.count) for r in report.breakdowns[0].rows] == [
        ("보호·분쟁", 2),
        ("기타", 1),
    ]


def test_unknown_category_values_are_kept_after_the_known_ones() -> None:
    data = facts(case(1, at(3, 2), channel="kakao"), case(2, at(3, 3)))
    report = compute_report(data, period=MARCH, targets=Targets(()), now=NOW)
    channel = next(b for b in report.breakdowns if b.key == "channel")
    assert channel.rows[0].key == "telegram"
    assert (channel.rows[-1].key, channel.rows[-1].count) == ("kakao", 1)


def test_reply_before_a_later_claim_is_left_out_of_claim_to_reply() -> None:
    data = facts(case(1, at(3, 2, 9), claimed=at(3, 2, 15), replied=at(3, 2, 11)))
    report = compute_report(data, period=MARCH, targets=Targets(()), now=NOW)
    spans = {d.key: d.count for d in report.response_times}
    assert spans == {
        "created_to_claimed": 1,
        "claimed_to_first_reply": 0,
        "created_to_first_reply": 1,
    }


def test_top_unanswered_groups_spacing_and_skips_erased_texts() -> None:
    data = facts(questions=("전세 문제", "전세  문제 ", None, "A 질문", "a 질문"))
    report = compute_report(data, period=MARCH, targets=Targets(()), now=NOW)
    assert report.faq.unanswered == 5
    assert [(q.text, q.count) for q in report.faq.top_unanswered] == [
        ("A 질문", 2),
        ("전세 문제", 2),
    ]


def test_waiting_list_is_oldest_first_and_limited() -> None:
    waiting = tuple(
        case(i, at(3, 1) + timedelta(hours=i), stage="new" if i % 2 else "claimed")
        for i in range(12, 0, -1)
    )
    report = compute_report(facts(waiting=waiting), period=MARCH, targets=Targets(()), now=NOW)
    assert [w.number for w in report.waiting] == [f"2026-{i:04d}" for i in range(1, 11)]
    assert [w.state for w in report.waiting[:2]] == ["배정 대기", "첫 답변 대기"]
    assert report.waiting[0].waited == NOW - at(3, 1, 11)


def test_helpful_share() -> None:
    report = compute_report(
        ReportFacts((), (), (), 2, 1, (), ()), period=MARCH, targets=Targets(()), now=NOW
    )
    assert report.faq.helpful_share == Decimal("66.7")


@pytest.mark.parametrize(
    ("scores", "count", "average"),
    [
        ((5, 4, 4), 3, Decimal("4.3")),
        ((4, 5), 2, Decimal("4.5")),
        ((1, 2, 2, 2), 4, Decimal("1.8")),  # 1.75 rounds half up
        ((3,), 1, Decimal("3.0")),
        ((), 0, None),
    ],
)
def test_satisfaction_average_and_count(
    scores: tuple[int, ...], count: int, average: Decimal | None
) -> None:
    report = compute_report(
        ReportFacts((), (), (), 0, 0, (), (), satisfaction_scores=scores),
        period=MARCH,
        targets=Targets(()),
        now=NOW,
    )
    assert (report.satisfaction.count, report.satisfaction.average) == (count, average)
    if average is not None:
        assert str(report.satisfaction.average) == str(average)  # always one decimal
