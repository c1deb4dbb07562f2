"""Renderers: text, CSV with BOM, XLSX cells, and a PNG chart that really shows Hangul."""

from __future__ import annotations

import csv
import io
import struct
import warnings
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from matplotlib import font_manager
from openpyxl import load_workbook
from PIL import Image

from bot.reports.chart import HEIGHT_PX, WIDTH_PX, render_png
from bot.reports.compute import Vocabulary, compute_report
from bot.reports.csv_export import render_csv
from bot.reports.fonts import has_hangul, korean_font_family
from bot.reports.model import Report
from bot.reports.period import Period
from bot.reports.targets import load_targets
from bot.reports.text import render_summary, render_text, satisfaction_line
from bot.reports.xlsx import render_xlsx
from storage.report_facts import CaseFact, FaqAnswerFact, ReferralFact, ReportFacts

ROOT = Path(__file__).resolve().parents[2]
SEOUL = ZoneInfo("Asia/Seoul")
MARCH = Period.for_month(2026, 3, SEOUL)


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=SEOUL)


def _case(case_id: int, created: datetime, **kwargs: object) -> CaseFact:
    values: dict[str, object] = {
        "id": case_id,
        "number": f"2026-{case_id:04d}",
        "channel": "telegram",
        "topic": "parental-leave",
        "stage": "general",
        "urgency": "normal",
        "role": "mother",
        "workplace_size": "5-29",
        "contract": "regular",
        "created_at": created,
        "claimed_at": created + timedelta(hours=1),
        "first_reply_at": created + timedelta(hours=3),
        "counseling_started_at": created + timedelta(hours=3),
    }
    values.update(kwargs)
    return CaseFact(**values)  # type: ignore[arg-type]  # one dict of mixed field types


def make_report(period: Period = MARCH, *, empty: bool = False) -> Report:
    cases = (
        ()
        if empty
        else (
            *(_case(i, at(3, i)) for i in range(1, 4)),
            _case(4, at(1, 5)),
            _case(5, at(2, 7), channel="phone"),
        )
    )
    waiting = (
        ()
        if empty
        else (
            _case(
                9,
                at(3, 30),
                stage="new",
                claimed_at=None,
                first_reply_at=None,
                counseling_started_at=None,
            ),
        )
    )
    facts = ReportFacts(
        cases=cases,
        referrals=() if empty else (ReferralFact(1, "의료지원", at(3, 4)),),
        faq_answers=() if empty else (FaqAnswerFact("parental-leave-pay", "answer", at(3, 2)),),
        helpful=0 if empty else 3,
        unhelpful=0 if empty else 1,
        unanswered_texts=() if empty else ("전세 문제", "전세 문제"),
        waiting=waiting,
        satisfaction_scores=() if empty else (5, 4, 4),
    )
    words = Vocabulary(
        {"parental-leave": "육아휴직"},
        {"parental-leave-pay": "육아휴직 급여?"},
        "서울특별시 동부권직장맘지원센터",
    )
    return compute_report(
        facts,
        period=period,
        targets=load_targets(ROOT / "faq/targets.yaml"),
        now=at(4, 1, 12),
        vocabulary=words,
    )


def test_text_report_has_the_kpi_table() -> None:
    text = render_text(make_report())
    title = "서울특별시 동부권직장맘지원센터 직장맘 상담봇 성과 보고서 — 2026년 3월"
    assert text.startswith(f"{title}\n")
    assert "사업명         성과목표  성과지표   실적  이행률" in text
    assert "종합상담        291.7건  상담 건수   3건    1.0%" in text
    assert "온라인 상담         6건  건수        3건   50.0%" in text
    assert "의료지원 연계     1.3명  연계 수     1명   80.0%" in text
    assert "1. 전세 문제 (2)" in text
    assert "2026-0009" in text


def test_summary_is_short_and_plain() -> None:
    summary = render_summary(make_report())
    assert "• 종합상담: 3건 / 목표 291.7건 → 1.0%" in summary
    assert "• 상담 접수: 3건" in summary
    assert "<" not in summary
    assert len(summary) < 4000


def test_csv_starts_with_a_bom_and_holds_the_numbers() -> None:
    data = render_csv(make_report())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = rows.index(["사업명", "성과목표", "단위", "성과지표", "실적", "이행률(%)"])
    assert rows[header + 1] == ["종합상담", "291.7", "건", "상담 건수", "3", "1.0"]
    assert rows[header + 7] == ["상담 접수", "", "건", "접수 건수", "3", ""]
    assert ["전세 문제", "2"] in rows


def test_xlsx_opens_and_holds_the_right_cells() -> None:
    workbook = load_workbook(io.BytesIO(render_xlsx(make_report())))
    assert workbook.sheetnames == ["성과", "월별", "접수 현황", "FAQ", "응답·대기", "지표 정의"]
    kpi = workbook["성과"]
    assert [c.value for c in kpi[6]] == ["사업명", "성과목표", "성과지표", "실적", "이행률"]
    assert [c.value for c in kpi[7]] == ["종합상담", 291.7, "상담 건수", 3, 1]
    assert kpi["B7"].number_format == '#,##0.0"건"'
    assert kpi["D7"].number_format == '#,##0"건"'
    assert kpi["E7"].number_format == '0.0"%"'
    assert [c.value for c in kpi[10]] == ["온라인 상담", 6, "건수", 3, 50]
    assert kpi["B10"].number_format == '#,##0"건"'
    assert [c.value for c in kpi[13]] == ["상담 접수", "-", "접수 건수", 3, "-"]
    assert kpi["A6"].font.b
    assert kpi.freeze_panes == "A7"
    monthly = workbook["월별"]
    assert [c.value for c in monthly[3]] == [
        "사업명",
        "단위",
        "월 목표",
        "1월",
        "2월",
        "3월",
        "합계",
    ]
    assert [c.value for c in monthly[10]] == ["상담 접수", "건", "-", 1, 1, 3, 5]
    cases = workbook["접수 현황"]
    assert cases["A1"].value == "2026년 3월 접수 사례 3건"
    assert [c.value for c in cases[5]] == ["육아휴직", 3, 100]
    faq = workbook["FAQ"]
    assert [c.value for c in faq[4]][:2] == ["FAQ 안내 (합계)", 1]
    assert [c.value for c in faq[9]][:2] == ["👍 비율", 75]
    response = workbook["응답·대기"]
    assert [c.value for c in response[4]] == ["접수 → 배정", 3, 1, 1, None]
    assert response["C4"].number_format == '0.0"시간"'


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_is_a_real_image_of_the_expected_size() -> None:
    data = render_png(make_report())
    assert _png_size(data) == (WIDTH_PX, HEIGHT_PX) == (1600, 1000)
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1600, 1000)
        colors = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
        assert len(colors) > 50  # bars, text and lines, not a blank canvas


def test_chart_font_has_hangul_and_no_glyph_is_missing() -> None:
    family = korean_font_family()
    path = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    assert has_hangul(path)
    dejavu = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"))
    assert not has_hangul(dejavu)  # the check tells a Latin-only font apart
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_png(make_report(Period.for_year(2026, SEOUL)))
    assert [str(w.message) for w in caught] == []  # e.g. "Glyph 54620 missing from font"


@pytest.mark.parametrize("period", [MARCH, Period.for_year(2026, SEOUL)])
def test_every_format_renders_an_empty_period(period: Period) -> None:
    report = make_report(period, empty=True)
    assert "■ 오래 기다리는 사례 (현재): 없음" in render_text(report)
    assert render_csv(report).startswith(b"\xef\xbb\xbf")
    assert load_workbook(io.BytesIO(render_xlsx(report)))["성과"]["D7"].value == 0
    assert _png_size(render_png(report)) == (1600, 1000)


def _satisfaction_block(report: Report) -> dict[str, str]:
    """The text report's satisfaction rows, label to value."""
    text = render_text(report)
    block = text.split("■ 상담 만족도 (5점 만점)\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.rsplit(maxsplit=1) for line in block.splitlines()[2:]]
    return {label.strip(): value for label, value in rows}


def test_satisfaction_is_shown_beside_the_kpi_table_in_every_format() -> None:
    report = make_report()
    assert _satisfaction_block(report) == {"응답 수": "3건", "평균 점수": "4.3점"}
    assert "• 상담 만족도: 평균 4.3점 / 5점 (응답 3건)" in render_summary(report)
    rows = list(csv.reader(io.StringIO(render_csv(report).decode("utf-8-sig"))))
    start = rows.index(["상담 만족도 (5점 만점)", "값"])
    assert rows[start + 1 : start + 3] == [["응답 수", "3"], ["평균 점수", "4.3"]]
    workbook = load_workbook(io.BytesIO(render_xlsx(report)))
    kpi = workbook["성과"]
    last = 6 + len(report.kpis)  # the KPI table keeps its rows; the block follows
    assert kpi.cell(row=last + 1, column=1).value is None
    assert kpi.cell(row=last + 2, column=1).value == "상담 만족도 (5점 만점)"
    assert [c.value for c in kpi[last + 4]][:2] == ["응답 수", 3]
    assert [c.value for c in kpi[last + 5]][:2] == ["평균 점수", 4.3]
    definitions = [row[0].value for row in workbook["지표 정의"].iter_rows()]
    assert "상담 만족도 (5점 만점)" in definitions
    assert satisfaction_line(report) == "상담 만족도: 평균 4.3점 / 5점 (응답 3건)"


def test_satisfaction_without_answers_says_so() -> None:
    report = make_report(empty=True)
    assert satisfaction_line(report) == "상담 만족도: 응답 없음"
    assert _satisfaction_block(report) == {"응답 수": "0건", "평균 점수": "-"}
    rows = list(csv.reader(io.StringIO(render_csv(report).decode("utf-8-sig"))))
    start = rows.index(["상담 만족도 (5점 만점)", "값"])
    assert rows[start + 1 : start + 3] == [["응답 수", "0"], ["평균 점수", ""]]


def test_chart_carries_the_satisfaction_line() -> None:
    with_answers = make_report()
    without = Report(
        **{**with_answers.__dict__, "satisfaction": make_report(empty=True).satisfaction}
    )
    assert render_png(with_answers) != render_png(without)
