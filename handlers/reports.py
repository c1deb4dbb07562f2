"""Staff's `/report`, and the daily retention purge run by the job queue."""

from __future__ import annotations

import asyncio
import logging
import threading
from html import escape

from telegram import Update

from bot.account.retention import RetentionPolicy, purge
from bot.curation.text import render_month_summary
from bot.reports import labels
from bot.reports.model import Report
from bot.reports.period import Period
from bot.reports.service import build_report, vocabulary_from
from bot.reports.targets import TARGETS_FILE, TargetsError, load_targets
from bot.reports.text import render_summary
from handlers.access import require_staff
from handlers.context import CounselContext
from handlers.render import MESSAGE_LIMIT, short

logger = logging.getLogger(__name__)

# matplotlib's settings are process-wide: one chart at a time.
_CHART_LOCK = threading.Lock()


async def cmd_report(update: Update, context: CounselContext) -> None:
    """Staff: this month's summary, with the XLSX workbook and the PNG chart attached."""
    if await require_staff(update, context) is None or update.effective_message is None:
        return
    message = update.effective_message
    services = context.services
    try:
        targets = load_targets(services.settings.faq_dir / TARGETS_FILE)
    except TargetsError as exc:
        problems = "\n".join(escape(str(p)) for p in exc.problems[:20])
        await message.reply_text(labels.REPORT_TARGETS_INVALID.format(problems=problems))
        return
    now = services.clock.now()
    period = Period.containing(now, services.settings.tz)
    report = await build_report(
        services.database,
        period=period,
        targets=targets,
        now=now,
        vocabulary=vocabulary_from(services.faq.knowledge),
    )
    summary = escape(render_summary(report))
    await message.reply_text(short(summary, MESSAGE_LIMIT))
    async with context.uow() as uow:
        review = await services.curation.review(uow, start=period.start, end=min(now, period.end))
    faq_section = render_month_summary(review, period.label)
    await message.reply_text(short(escape(faq_section), MESSAGE_LIMIT))
    workbook = await asyncio.to_thread(_xlsx, report)
    await message.reply_document(
        workbook,
        filename=f"report-{period.slug}.xlsx",
        caption=labels.REPORT_XLSX_CAPTION.format(period=period.label),
    )
    chart = await asyncio.to_thread(_png, report)
    if chart is None:
        await message.reply_text(labels.REPORT_CHART_UNAVAILABLE)
        return
    await message.reply_document(
        chart,
        filename=f"report-{period.slug}.png",
        caption=labels.REPORT_PNG_CAPTION.format(year=period.year),
    )


def _xlsx(report: Report) -> bytes:
    from bot.reports.xlsx import render_xlsx  # noqa: PLC0415 - openpyxl loads on first use

    return render_xlsx(report)


def _png(report: Report) -> bytes | None:
    """The chart, or None when no Korean font is available (never a chart of empty boxes)."""
    # matplotlib loads on first use, not in every bot process at start-up.
    from bot.reports.chart import render_png  # noqa: PLC0415
    from bot.reports.fonts import KoreanFontError  # noqa: PLC0415

    with _CHART_LOCK:
        try:
            return render_png(report)
        except KoreanFontError:
            logger.exception("report chart skipped: no Korean font")
            return None


async def purge_job(context: CounselContext) -> None:
    """Daily: apply the retention policy; a failure is logged and retried the next day."""
    services = context.services
    try:  # a job must never die: log and go on (purge logs its own counts)
        await purge(
            services.database,
            RetentionPolicy.from_settings(services.settings),
            services.clock.now(),
        )
    except Exception:
        logger.exception("retention purge failed")
