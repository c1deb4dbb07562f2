"""The FAQ review as plain text (the CLI, and `/faq_review` in a staff chat)."""

from __future__ import annotations

from bot.curation import labels
from bot.curation.model import ReviewReport
from bot.vocabulary import FeedbackReason


def _reasons(reasons: dict[str, int]) -> str:
    shown = [
        f"{labels.REASONS.get(FeedbackReason(key), key)} {count}"
        for key, count in sorted(reasons.items(), key=lambda item: -item[1])
    ]
    return f" — {', '.join(shown)}" if shown else ""


def group_lines(report: ReviewReport, limit: int | None = None) -> list[str]:
    tz = report.tz
    lines = []
    for number, group in enumerate(report.groups[:limit], start=1):
        lines.append(
            labels.GROUP_LINE.format(
                number=number,
                count=group.count,
                first=group.first_at.astimezone(tz).strftime("%m-%d"),
                last=group.last_at.astimezone(tz).strftime("%m-%d"),
                text=group.representative.text,
            )
        )
        if group.candidate is None:
            lines.append(labels.GROUP_NO_CANDIDATE)
        else:
            lines.append(
                labels.GROUP_CANDIDATE.format(entry=group.candidate, confidence=group.confidence)
            )
    return lines or [labels.NONE]


def notes_lines(report: ReviewReport) -> list[str]:
    return [
        labels.NOTE_LINE.format(
            kind=labels.NOTE_KINDS.get(n.kind, n.kind), item=n.item_id, note=n.note
        )
        for n in report.notes
    ] or [labels.NONE]


def render_text(report: ReviewReport) -> str:
    """Every section, in the order staff act on them."""
    tz = report.tz
    out = [
        labels.TITLE,
        labels.PERIOD.format(
            start=report.start.astimezone(tz).date().isoformat(),
            end=(report.end.astimezone(tz)).date().isoformat(),
            today=report.today.isoformat(),
        ),
        "",
        f"[{labels.GROUPS}]",
        *group_lines(report),
        "",
        f"[{labels.FEEDBACK}]",
    ]
    out += [
        labels.FEEDBACK_LINE.format(
            entry=f.entry_id, helpful=f.helpful, unhelpful=f.unhelpful, share=f.unhelpful_share
        )
        + _reasons(f.reasons)
        for f in report.feedback
    ] or [labels.NONE]
    out += ["", f"[{labels.OVERDUE}]"]
    out += [
        labels.OVERDUE_LINE.format(entry=o.entry_id, reviewed=o.reviewed.isoformat(), days=o.days)
        for o in report.overdue
    ] or [labels.NONE]
    out += ["", f"[{labels.EXPIRING}]"]
    out += [
        labels.EXPIRING_LINE.format(
            kind=labels.EXPIRING_KINDS.get(e.kind, e.kind), item=e.item_id, ends=e.ends.isoformat()
        )
        for e in report.expiring
    ] or [labels.NONE]
    out += ["", f"[{labels.NOTES}]", *notes_lines(report)]
    out += ["", f"[{labels.NEVER}]", ", ".join(report.never_matched) or labels.NONE.strip()]
    out += ["", f"[{labels.WEEKS}]"]
    out += [
        labels.WEEK_LINE.format(
            week=w.week.isoformat(),
            direct=w.direct,
            suggestions=w.suggestions,
            none=w.none,
            crisis=w.crisis,
            rate=w.direct / w.total if w.total else 0.0,
        )
        for w in report.weeks
    ] or [labels.NONE]
    out += ["", f"[{labels.NEW_ENTRIES}]"]
    out += [
        labels.NEW_ENTRY_LINE.format(
            at=r.at.astimezone(tz).strftime("%m-%d"), staff=r.staff or "-", text=r.question
        )
        for r in report.new_entries
    ] or [labels.NONE]
    return "\n".join(out) + "\n"


def render_month_summary(report: ReviewReport, period: str, worst: int = 3) -> str:
    """The few lines of the review that go into the monthly report."""
    direct = sum(w.direct for w in report.weeks)
    suggestions = sum(w.suggestions for w in report.weeks)
    none = sum(w.none for w in report.weeks)
    crisis = sum(w.crisis for w in report.weeks)
    total = direct + suggestions + none + crisis
    lines = [
        labels.MONTH_TITLE.format(period=period),
        labels.MONTH_ANSWERS.format(
            total=total,
            direct=direct,
            suggestions=suggestions,
            none=none,
            crisis=crisis,
            rate=direct / total if total else 0.0,
        ),
    ]
    disliked = [f for f in report.feedback if f.unhelpful][:worst]
    if disliked:
        lines.append(
            labels.MONTH_WORST.format(
                entries=", ".join(
                    labels.MONTH_WORST_ITEM.format(
                        entry=f.entry_id, unhelpful=f.unhelpful, share=f.unhelpful_share
                    )
                    for f in disliked
                )
            )
        )
    lines.append(
        labels.MONTH_HEALTH.format(
            overdue=len(report.overdue),
            expiring=len(report.expiring),
            never=len(report.never_matched),
        )
    )
    lines.append(labels.MONTH_GROUPS.format(groups=len(report.groups)))
    return "\n".join(lines)
