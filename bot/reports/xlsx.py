"""The report as an Excel workbook with formatted sheets (openpyxl)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.reports import formatting as fmt
from bot.reports import labels
from bot.reports.metrics import METRICS
from bot.reports.model import Breakdown, Report
from bot.reports.text import period_lines, title_line

FONT_NAME: Final = "맑은 고딕"
HEADER_FILL: Final = PatternFill("solid", fgColor="DCE6F1")
TITLE_FONT: Final = Font(name=FONT_NAME, size=14, bold=True)
BOLD: Final = Font(name=FONT_NAME, bold=True)
PLAIN: Final = Font(name=FONT_NAME)
NOTE: Final = Font(name=FONT_NAME, color="595959", size=9)
_THIN: Final = Side(style="thin", color="A6A6A6")
BORDER: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
PERCENT: Final = '0.0"%"'
HOURS: Final = '0.0"시간"'

SHEET_KPI: Final = "성과"
SHEET_MONTHLY: Final = "월별"
SHEET_CASES: Final = "접수 현황"
SHEET_FAQ: Final = "FAQ"
SHEET_RESPONSE: Final = "응답·대기"
SHEET_DEFINITIONS: Final = "지표 정의"

Value = str | int | Decimal | None


def _number(unit: str, *, decimals: bool = False) -> str:
    return (
        f'#,##0{".0" if decimals else ""}"{unit}"'
        if unit
        else ("#,##0.0" if decimals else "#,##0")
    )


def _write_row(
    ws: Worksheet,
    row: int,
    values: Sequence[Value],
    *,
    header: bool = False,
    formats: Sequence[str | None] = (),
) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(
            row=row, column=col, value=float(value) if isinstance(value, Decimal) else value
        )
        cell.font = BOLD if header else PLAIN
        cell.border = BORDER
        if header:
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        elif col - 1 < len(formats) and formats[col - 1]:
            cell.number_format = formats[col - 1]


def _heading(ws: Worksheet, row: int, text: str, *, title: bool = False) -> None:
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = TITLE_FONT if title else BOLD


def _widths(ws: Worksheet, widths: Sequence[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _kpi_sheet(ws: Worksheet, report: Report) -> None:
    _heading(ws, 1, title_line(report), title=True)
    for offset, line in enumerate(period_lines(report), start=2):
        ws.cell(row=offset, column=1, value=line).font = NOTE
    note = labels.TARGET_NOTE_MONTH if report.period.kind == "month" else labels.TARGET_NOTE_YEAR
    ws.cell(row=4, column=1, value=note).font = NOTE
    _write_row(ws, 6, labels.KPI_HEADERS, header=True)
    for row, kpi in enumerate(report.kpis, start=7):
        goal = fmt.target_value(kpi.target)
        decimals = goal is not None and goal != goal.to_integral_value()
        _write_row(
            ws,
            row,
            (
                kpi.program,
                goal if goal is not None else labels.NO_TARGET,
                kpi.indicator,
                kpi.actual,
                kpi.achievement if kpi.achievement is not None else labels.NO_TARGET,
            ),
            formats=(None, _number(kpi.unit, decimals=decimals), None, _number(kpi.unit), PERCENT),
        )
    _satisfaction_block(ws, 7 + len(report.kpis) + 1, report)
    ws.freeze_panes = "A7"
    ws.page_setup.orientation = "landscape"
    _widths(ws, (22, 14, 16, 14, 12))


def _satisfaction_block(ws: Worksheet, row: int, report: Report) -> None:
    """Below the KPI table (which it leaves as it is): the satisfaction answers."""
    answers = report.satisfaction
    _heading(ws, row, labels.SATISFACTION_TITLE)
    _write_row(ws, row + 1, ("항목", "값"), header=True)
    _write_row(
        ws,
        row + 2,
        (labels.SATISFACTION_ROWS["count"], answers.count),
        formats=(None, _number("건")),
    )
    average = answers.average if answers.average is not None else labels.NO_TARGET
    _write_row(
        ws,
        row + 3,
        (labels.SATISFACTION_ROWS["average"], average),
        formats=(None, '0.0"점"'),
    )


def _monthly_sheet(ws: Worksheet, report: Report) -> None:
    months = report.period.year_months()
    headers = ["사업명", "단위", "월 목표", *(f"{m.month}월" for m in months), "합계"]
    _heading(ws, 1, f"{report.period.year}년 월별 실적", title=True)
    _write_row(ws, 3, headers, header=True)
    for row, series in enumerate(report.monthly, start=4):
        goal = fmt.target_value(series.points[-1].target) if series.points else None
        actuals = [point.actual for point in series.points]
        _write_row(
            ws,
            row,
            (
                series.program,
                series.unit,
                goal if goal is not None else labels.NO_TARGET,
                *actuals,
                sum(actuals),
            ),
            formats=(None, None, "#,##0.0", *(["#,##0"] * (len(actuals) + 1))),
        )
    ws.freeze_panes = "B4"
    _widths(ws, (22, 6, 10, *([7] * len(months)), 9))


def _breakdown_block(ws: Worksheet, row: int, breakdown: Breakdown) -> int:
    _heading(ws, row, f"{breakdown.title} (계 {breakdown.total:,})")
    _write_row(ws, row + 1, labels.BREAKDOWN_HEADERS, header=True)
    for offset, item in enumerate(breakdown.rows, start=row + 2):
        _write_row(
            ws,
            offset,
            (item.label, item.count, fmt.share(item.count, breakdown.total)),
            formats=(None, "#,##0", PERCENT),
        )
    return row + 2 + len(breakdown.rows) + 1


def _cases_sheet(ws: Worksheet, report: Report) -> None:
    _heading(ws, 1, f"{report.period.label} 접수 사례 {report.cases_received:,}건", title=True)
    row = 3
    for breakdown in (*report.breakdowns, report.referrals):
        row = _breakdown_block(ws, row, breakdown)
    _widths(ws, (28, 10, 10))


def _faq_sheet(ws: Worksheet, report: Report) -> None:
    faq = report.faq
    _heading(ws, 1, f"{report.period.label} {labels.FAQ_TITLE}", title=True)
    _write_row(ws, 3, ("항목", "값"), header=True)
    values: list[tuple[str, int | Decimal | None, str]] = [
        ("given", faq.given, "#,##0"),
        ("answered", faq.answered, "#,##0"),
        ("chosen", faq.chosen, "#,##0"),
        ("helpful", faq.helpful, "#,##0"),
        ("unhelpful", faq.unhelpful, "#,##0"),
        ("helpful_share", faq.helpful_share, PERCENT),
        ("unanswered", faq.unanswered, "#,##0"),
    ]
    for row, (key, value, number_format) in enumerate(values, start=4):
        shown = value if value is not None else labels.NO_TARGET
        _write_row(ws, row, (labels.FAQ_ROWS[key], shown), formats=(None, number_format))
    row = 4 + len(values) + 1
    _heading(ws, row, labels.TOP_ENTRIES_TITLE)
    _write_row(ws, row + 1, ("질문", "FAQ id", "건수"), header=True)
    for offset, entry in enumerate(faq.top_entries, start=row + 2):
        _write_row(
            ws, offset, (entry.title, entry.entry_id, entry.count), formats=(None, None, "#,##0")
        )
    row += 2 + len(faq.top_entries) + 1
    _heading(ws, row, labels.TOP_UNANSWERED_TITLE)
    _write_row(ws, row + 1, ("질문 (개인정보 가림)", "건수"), header=True)
    for offset, question in enumerate(faq.top_unanswered, start=row + 2):
        _write_row(ws, offset, (question.text, question.count), formats=(None, "#,##0"))
    _widths(ws, (60, 26, 10))


def _response_sheet(ws: Worksheet, report: Report) -> None:
    _heading(ws, 1, labels.RESPONSE_TITLE, title=True)
    _write_row(ws, 3, labels.RESPONSE_HEADERS, header=True)
    for row, span in enumerate(report.response_times, start=4):
        _write_row(
            ws,
            row,
            (span.label, span.count, fmt.hours(span.median), fmt.hours(span.p90)),
            formats=(None, "#,##0", HOURS, HOURS),
        )
    row = 4 + len(report.response_times) + 1
    _heading(ws, row, labels.WAITING_TITLE)
    _write_row(ws, row + 1, labels.WAITING_HEADERS, header=True)
    for offset, case in enumerate(report.waiting, start=row + 2):
        _write_row(
            ws,
            offset,
            (
                case.number,
                case.topic,
                labels.URGENCY.get(case.urgency, case.urgency),
                case.state,
                fmt.hours(case.waited),
            ),
            formats=(None, None, None, None, HOURS),
        )
    _widths(ws, (18, 24, 10, 14, 14))


def _definitions_sheet(ws: Worksheet, report: Report) -> None:
    _heading(ws, 1, labels.DEFINITIONS_TITLE, title=True)
    _write_row(ws, 3, ("사업명", "성과지표", "세는 방법"), header=True)
    for row, kpi in enumerate(report.kpis, start=4):
        _write_row(ws, row, (kpi.program, kpi.indicator, METRICS[kpi.metric].definition))
    row = 4 + len(report.kpis)
    _write_row(
        ws, row, (labels.SATISFACTION_TITLE, "평균, 응답 수", labels.SATISFACTION_DEFINITION)
    )
    _widths(ws, (22, 14, 80))


def render_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the default sheet; ours are created by name
    _kpi_sheet(workbook.create_sheet(SHEET_KPI), report)
    _monthly_sheet(workbook.create_sheet(SHEET_MONTHLY), report)
    _cases_sheet(workbook.create_sheet(SHEET_CASES), report)
    _faq_sheet(workbook.create_sheet(SHEET_FAQ), report)
    _response_sheet(workbook.create_sheet(SHEET_RESPONSE), report)
    _definitions_sheet(workbook.create_sheet(SHEET_DEFINITIONS), report)
    workbook.properties.title = title_line(report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
