"""The report as CSV: UTF-8 with a BOM so that Excel shows the Korean correctly."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from bot.reports import formatting as fmt
from bot.reports import labels
from bot.reports.model import Breakdown, Report
from bot.reports.text import period_lines, title_line

BOM = "\ufeff"
Row = Sequence[str | int | Decimal | None]


def _cell(value: str | int | Decimal | None) -> str:
    return "" if value is None else str(value)


def _kpi_rows(report: Report) -> Iterable[Row]:
    yield ("사업명", "성과목표", "단위", "성과지표", "실적", "이행률(%)")
    for row in report.kpis:
        yield (
            row.program,
            fmt.target_value(row.target),
            row.unit,
            row.indicator,
            row.actual,
            row.achievement,
        )


def _breakdown_rows(breakdown: Breakdown) -> Iterable[Row]:
    yield (breakdown.title, "건수", "비율(%)")
    for row in breakdown.rows:
        yield (row.label, row.count, fmt.share(row.count, breakdown.total))


def _faq_rows(report: Report) -> Iterable[Row]:
    faq = report.faq
    yield (labels.FAQ_TITLE, "값")
    values: dict[str, int | Decimal | None] = {
        "given": faq.given,
        "answered": faq.answered,
        "chosen": faq.chosen,
        "helpful": faq.helpful,
        "unhelpful": faq.unhelpful,
        "helpful_share": faq.helpful_share,
        "unanswered": faq.unanswered,
    }
    for key, value in values.items():
        yield (labels.FAQ_ROWS[key], value)


def _satisfaction_rows(report: Report) -> Iterable[Row]:
    answers = report.satisfaction
    yield (labels.SATISFACTION_TITLE, "값")
    yield (labels.SATISFACTION_ROWS["count"], answers.count)
    yield (labels.SATISFACTION_ROWS["average"], answers.average)


def _sections(report: Report) -> Iterable[list[Row]]:
    yield [(title_line(report),), *((line,) for line in period_lines(report))]
    yield list(_kpi_rows(report))
    for breakdown in (*report.breakdowns, report.referrals):
        yield list(_breakdown_rows(breakdown))
    yield list(_faq_rows(report))
    yield list(_satisfaction_rows(report))
    yield [
        (labels.TOP_ENTRIES_TITLE, "FAQ id", "건수"),
        *((e.title, e.entry_id, e.count) for e in report.faq.top_entries),
    ]
    yield [
        (labels.TOP_UNANSWERED_TITLE, "건수"),
        *((q.text, q.count) for q in report.faq.top_unanswered),
    ]
    yield [
        ("응답 시간", "사례 수", "중앙값(시간)", "90% 이내(시간)"),
        *(
            (d.label, d.count, fmt.hours(d.median), fmt.hours(d.p90))
            for d in report.response_times
        ),
    ]
    yield [
        (*labels.WAITING_HEADERS[:4], "대기 시간(시간)"),
        *(
            (
                w.number,
                w.topic,
                labels.URGENCY.get(w.urgency, w.urgency),
                w.state,
                fmt.hours(w.waited),
            )
            for w in report.waiting
        ),
    ]


def render_csv(report: Report) -> bytes:
    """Sections one after another, separated by an empty line; numbers without separators."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, section in enumerate(_sections(report)):
        if index:
            writer.writerow([])
        writer.writerows([_cell(value) for value in row] for row in section)
    return (BOM + buffer.getvalue()).encode("utf-8")
