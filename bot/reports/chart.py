"""The PNG chart: each indicator's monthly results against its monthly goal.

Uses matplotlib's object API with the Agg canvas only (no pyplot, no global state), and
the Korean font from `bot.reports.fonts` inside an `rc_context`.
"""

from __future__ import annotations

import io
import math
from typing import Final

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.reports import formatting as fmt
from bot.reports import labels
from bot.reports.fonts import korean_font_family
from bot.reports.model import MonthlySeries, Report
from bot.reports.text import satisfaction_line

WIDTH_PX: Final = 1600
HEIGHT_PX: Final = 1000
DPI: Final = 100
COLUMNS: Final = 3
BAR: Final = "#8EA9DB"
BAR_CURRENT: Final = "#2F5597"
TARGET_LINE: Final = "#C00000"
BOLD: Final = 600  # NanumGothicBold's weight; asking for 700 makes matplotlib log a fallback


def _draw(ax: Axes, series: MonthlySeries, current_month: int | None) -> None:
    months = [point.period.month or 0 for point in series.points]
    actuals = [point.actual for point in series.points]
    colors = [BAR_CURRENT if month == current_month else BAR for month in months]
    bars = ax.bar(months, actuals, color=colors, label=labels.CHART_ACTUAL, zorder=2)
    ax.bar_label(bars, labels=[f"{value:,}" for value in actuals], fontsize=8, padding=2)
    goals = [point.target for point in series.points]
    if goals and all(goal is not None for goal in goals):
        values = [float(goal) for goal in goals if goal is not None]
        ax.step(
            [m - 0.5 for m in months] + [months[-1] + 0.5],
            [*values, values[-1]],
            where="post",
            color=TARGET_LINE,
            linestyle="--",
            linewidth=1.5,
            label=f"{labels.CHART_TARGET} {fmt.target(goals[-1], series.unit)}",
            zorder=3,
        )
        ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.set_title(f"{series.program} ({series.unit})", fontsize=12, fontweight=BOLD)
    ax.set_xticks(range(1, 13), [f"{m}월" for m in range(1, 13)], fontsize=8)
    ax.set_xlim(0.4, 12.6)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    top = max([*actuals, *(float(g) for g in goals if g is not None), 1])
    ax.set_ylim(0, top * 1.25)
    ax.grid(axis="y", color="#E0E0E0", zorder=0)
    ax.spines[["top", "right"]].set_visible(False)


def _panels(figure: Figure, series: list[MonthlySeries], current_month: int | None) -> None:
    rows = math.ceil(len(series) / COLUMNS)
    axes = figure.subplots(rows, COLUMNS, squeeze=False)
    for index in range(rows * COLUMNS):
        ax = axes[index // COLUMNS][index % COLUMNS]
        if index < len(series):
            _draw(ax, series[index], current_month)
        else:
            ax.set_visible(False)


def render_png(report: Report) -> bytes:
    """A 1600×1000 PNG: one panel per indicator, bars per month, the monthly goal dashed."""
    family = korean_font_family()
    series = list(report.monthly)
    with mpl.rc_context({"font.family": [family], "axes.unicode_minus": False}):
        figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        title = labels.CHART_TITLE.format(year=report.period.year)
        figure.suptitle(f"{report.center} {title}".strip(), fontsize=16, fontweight=BOLD)
        figure.supxlabel(satisfaction_line(report), fontsize=12)
        if series:
            _panels(figure, series, report.period.month)
        else:
            figure.text(0.5, 0.5, labels.CHART_NO_GOALS, ha="center", fontsize=14)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
