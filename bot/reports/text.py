"""The report as plain text: the full report for the terminal, a summary for Telegram."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta

from bot.reports import formatting as fmt
from bot.reports import labels
from bot.reports.model import Breakdown, Report


def title_line(report: Report) -> str:
    center = f"{report.center} " if report.center else ""
    return f"{center}{labels.TITLE} — {report.period.label}"


def period_lines(report: Report) -> list[str]:
    period = report.period
    last = period.end_day - timedelta(days=1)
    lines = [f"기간: {period.first_day.isoformat()} ~ {last.isoformat()}"]
    when = fmt.moment(report.generated_at, period.tz)
    if report.is_partial:
        lines.append(labels.PARTIAL_NOTE.format(when=when))
    else:
        lines.append(labels.GENERATED_NOTE.format(when=when))
    return lines


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], right: Sequence[int] = ()
) -> list[str]:
    """Aligned columns (Hangul counted as two cells); `right` are right-aligned columns."""
    body = [list(row) for row in rows]
    widths = [
        max(fmt.width(cell) for cell in column) for column in zip(headers, *body, strict=False)
    ]
    lines = []
    for row in [list(headers), *body]:
        cells = [fmt.pad(cell, widths[i], right=i in right) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def kpi_lines(report: Report) -> list[str]:
    rows = [
        (
            row.program,
            fmt.target(row.target, row.unit),
            row.indicator,
            fmt.count(row.actual, row.unit),
            fmt.percent(row.achievement),
        )
        for row in report.kpis
    ]
    note = labels.TARGET_NOTE_MONTH if report.period.kind == "month" else labels.TARGET_NOTE_YEAR
    return [
        f"■ {labels.KPI_TITLE}",
        f"  ({note})",
        *table(labels.KPI_HEADERS, rows, right=(1, 3, 4)),
    ]


def breakdown_lines(breakdown: Breakdown) -> list[str]:
    total = breakdown.total
    rows = [
        (row.label, fmt.count(row.count), fmt.percent(fmt.share(row.count, total)))
        for row in breakdown.rows
    ]
    if not rows:
        return [f"□ {breakdown.title}: {labels.NOTHING}"]
    return [
        f"□ {breakdown.title} (계 {total:,})",
        *table(labels.BREAKDOWN_HEADERS, rows, right=(1, 2)),
    ]


def faq_lines(report: Report) -> list[str]:
    faq = report.faq
    rows = [
        (labels.FAQ_ROWS["given"], fmt.count(faq.given)),
        (labels.FAQ_ROWS["answered"], fmt.count(faq.answered)),
        (labels.FAQ_ROWS["chosen"], fmt.count(faq.chosen)),
        (labels.FAQ_ROWS["helpful"], fmt.count(faq.helpful)),
        (labels.FAQ_ROWS["unhelpful"], fmt.count(faq.unhelpful)),
        (labels.FAQ_ROWS["helpful_share"], fmt.percent(faq.helpful_share)),
        (labels.FAQ_ROWS["unanswered"], fmt.count(faq.unanswered)),
    ]
    lines = [f"■ {labels.FAQ_TITLE}", *table(("항목", "값"), rows, right=(1,))]
    lines.append(f"□ {labels.TOP_ENTRIES_TITLE}")
    lines += [f"  {i}. {e.title} ({e.count:,})" for i, e in enumerate(faq.top_entries, 1)]
    if not faq.top_entries:
        lines.append(f"  {labels.NOTHING}")
    lines.append(f"□ {labels.TOP_UNANSWERED_TITLE}")
    lines += [f"  {i}. {q.text} ({q.count:,})" for i, q in enumerate(faq.top_unanswered, 1)]
    if not faq.top_unanswered:
        lines.append(f"  {labels.NOTHING}")
    return lines


def satisfaction_line(report: Report) -> str:
    """One line: the average score and how many answered, or that nobody did."""
    answers = report.satisfaction
    if answers.average is None:
        return labels.SATISFACTION_NONE
    return labels.SATISFACTION_LINE.format(average=answers.average, count=answers.count)


def satisfaction_lines(report: Report) -> list[str]:
    answers = report.satisfaction
    average = labels.NO_TARGET if answers.average is None else f"{answers.average}점"
    rows = [
        (labels.SATISFACTION_ROWS["count"], fmt.count(answers.count, "건")),
        (labels.SATISFACTION_ROWS["average"], average),
    ]
    return [f"■ {labels.SATISFACTION_TITLE}", *table(("항목", "값"), rows, right=(1,))]


def response_lines(report: Report) -> list[str]:
    rows = [
        (d.label, fmt.count(d.count), fmt.duration(d.median), fmt.duration(d.p90))
        for d in report.response_times
    ]
    return [f"■ {labels.RESPONSE_TITLE}", *table(labels.RESPONSE_HEADERS, rows, right=(1, 2, 3))]


def waiting_lines(report: Report) -> list[str]:
    if not report.waiting:
        return [f"■ {labels.WAITING_TITLE}: {labels.NOTHING}"]
    rows = [
        (
            w.number,
            w.topic,
            labels.URGENCY.get(w.urgency, w.urgency),
            w.state,
            fmt.duration(w.waited),
        )
        for w in report.waiting
    ]
    return [f"■ {labels.WAITING_TITLE}", *table(labels.WAITING_HEADERS, rows, right=(4,))]


def render_text(report: Report) -> str:
    """The whole report, for the terminal or a text file."""
    blocks = [
        [title_line(report), *period_lines(report)],
        kpi_lines(report),
        [f"■ 접수 사례 {report.cases_received:,}건"],
        *(breakdown_lines(b) for b in report.breakdowns),
        [
            f"■ {labels.REFERRALS_TITLE} (계 {report.referrals.total:,})",
            *breakdown_lines(report.referrals)[1:],
        ],
        faq_lines(report),
        satisfaction_lines(report),
        response_lines(report),
        waiting_lines(report),
    ]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def render_summary(report: Report) -> str:
    """A short plain-text summary for a chat message (no tables, no markup)."""
    lines = [title_line(report), *period_lines(report), "", f"[{labels.KPI_TITLE}]"]
    for row in report.kpis:
        goal = (
            ""
            if row.target is None
            else (f" / 목표 {fmt.target(row.target, row.unit)} → {fmt.percent(row.achievement)}")
        )
        lines.append(f"• {row.program}: {fmt.count(row.actual, row.unit)}{goal}")
    faq = report.faq
    lines += [
        "",
        f"[{labels.FAQ_TITLE}]",
        f"• 안내 {faq.given:,}건, 👍 {faq.helpful:,} / 👎 {faq.unhelpful:,}"
        f" ({fmt.percent(faq.helpful_share)}), 답하지 못한 질문 {faq.unanswered:,}건",
    ]
    lines += ["", f"• {satisfaction_line(report)}"]
    lines += ["", f"[{labels.RESPONSE_TITLE}]"]
    lines += [
        f"• {d.label}: 중앙값 {fmt.duration(d.median)}, 90% {fmt.duration(d.p90)} ({d.count:,}건)"
        for d in report.response_times
    ]
    lines += ["", f"[{labels.WAITING_TITLE}]"]
    lines += [
        f"• {w.number} {w.topic} {labels.URGENCY.get(w.urgency, w.urgency)} "
        f"{w.state} {fmt.duration(w.waited)}"
        for w in report.waiting[:5]
    ]
    if not report.waiting:
        lines.append(f"• {labels.NOTHING}")
    return "\n".join(lines)
