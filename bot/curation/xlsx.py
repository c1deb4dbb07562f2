"""The FAQ review as an Excel workbook, with the KPI report's sheet helpers."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.curation import labels
from bot.curation.model import ReviewReport
from bot.reports import formatting as fmt
from bot.reports.xlsx import PERCENT
from bot.reports.xlsx import _heading as heading
from bot.reports.xlsx import _widths as widths
from bot.reports.xlsx import _write_row as write_row
from bot.vocabulary import FeedbackReason


def _groups(ws: Worksheet, report: ReviewReport) -> None:
    heading(ws, 1, f"{labels.TITLE}: {labels.GROUPS}", title=True)
    write_row(ws, 3, labels.GROUP_HEADERS, header=True)
    for row, group in enumerate(report.groups, start=4):
        write_row(
            ws,
            row,
            (
                group.count,
                group.first_at.astimezone(report.tz).strftime("%Y-%m-%d"),
                group.last_at.astimezone(report.tz).strftime("%Y-%m-%d"),
                group.representative.text,
                group.candidate or "",
                f"{group.confidence:.0%}" if group.candidate else "",
            ),
            formats=("#,##0",),
        )
    widths(ws, (8, 12, 12, 60, 30, 8))


def _feedback(ws: Worksheet, report: ReviewReport) -> None:
    heading(ws, 1, labels.FEEDBACK, title=True)
    write_row(ws, 3, labels.FEEDBACK_HEADERS, header=True)
    for row, item in enumerate(report.feedback, start=4):
        reasons = ", ".join(
            f"{labels.REASONS.get(FeedbackReason(k), k)} {n}" for k, n in item.reasons.items()
        )
        write_row(
            ws,
            row,
            (
                item.entry_id,
                item.title,
                item.helpful,
                item.unhelpful,
                fmt.share(item.unhelpful, item.helpful + item.unhelpful),
                reasons,
            ),
            formats=(None, None, "#,##0", "#,##0", PERCENT),
        )
    widths(ws, (30, 40, 8, 8, 10, 40))


def _health(ws: Worksheet, report: ReviewReport) -> None:
    heading(ws, 1, labels.SHEET_HEALTH, title=True)
    write_row(ws, 3, labels.HEALTH_HEADERS, header=True)
    rows: list[tuple[str, str, str]] = []
    rows += [(labels.OVERDUE, o.entry_id, o.reviewed.isoformat()) for o in report.overdue]
    rows += [
        (
            labels.EXPIRING,
            f"{labels.EXPIRING_KINDS.get(e.kind, e.kind)} {e.item_id}",
            e.ends.isoformat(),
        )
        for e in report.expiring
    ]
    rows += [
        (labels.NOTES, f"{labels.NOTE_KINDS.get(n.kind, n.kind)} {n.item_id}", n.note)
        for n in report.notes
    ]
    rows += [
        (labels.NEVER, entry_id, report.titles.get(entry_id, ""))
        for entry_id in report.never_matched
    ]
    rows += [(labels.NEW_ENTRIES, r.staff, r.question) for r in report.new_entries]
    for row, values in enumerate(rows, start=4):
        write_row(ws, row, values)
    widths(ws, (36, 40, 80))


def _weeks(ws: Worksheet, report: ReviewReport) -> None:
    heading(ws, 1, labels.WEEKS, title=True)
    write_row(ws, 3, labels.WEEK_HEADERS, header=True)
    for row, week in enumerate(report.weeks, start=4):
        write_row(
            ws,
            row,
            (
                week.week.isoformat(),
                week.direct,
                week.suggestions,
                week.none,
                week.crisis,
                fmt.share(week.direct, week.total),
            ),
            formats=(None, "#,##0", "#,##0", "#,##0", "#,##0", PERCENT),
        )
    widths(ws, (12, 10, 10, 10, 8, 12))


def render_xlsx(report: ReviewReport) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    _groups(workbook.create_sheet(labels.SHEET_GROUPS), report)
    _feedback(workbook.create_sheet(labels.SHEET_FEEDBACK), report)
    _health(workbook.create_sheet(labels.SHEET_HEALTH), report)
    _weeks(workbook.create_sheet(labels.SHEET_WEEKS), report)
    workbook.properties.title = labels.TITLE
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
