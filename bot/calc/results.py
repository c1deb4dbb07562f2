"""The calculators' results for the answers of a finished /calc dialog, as plain text."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any, Final

from bot.calc import texts
from bot.calc.common import won
from bot.calc.deadlines import deadlines
from bot.calc.dialog import Data
from bot.calc.maternity import maternity_leave_pay, spouse_leave_pay
from bot.calc.paid_leave import infertility_leave_pay, spouse_loss_leave_pay
from bot.calc.parental import SHORT_LEAVE_DAYS, parental_leave_pay
from bot.calc.reduced_hours import reduced_hours_pay
from bot.calc.render import (
    render_deadlines,
    render_maternity_leave_pay,
    render_paid_leave_days,
    render_parental_leave_pay,
    render_reduced_hours_pay,
    render_spouse_leave_pay,
)
from bot.calc.tables import RuleBook


def _day(data: Data, key: str) -> date | None:
    value = data.get(key)
    return date.fromisoformat(value) if value else None


def _start(data: Data) -> date:
    return date.fromisoformat(data["start"])  # always asked before the result


def _wage_notes(data: Data) -> list[str]:
    if not data.get("wage_typed"):
        return []
    return [texts.ASSUMED_MAN_WON.format(typed=data["wage_typed"], amount=won(data["wage"]))]


def _with_notes(result: Any, notes: list[str]) -> Any:
    """The result with the dialog's own assumptions first in its assumptions."""
    return dataclasses.replace(result, assumptions=(*notes, *result.assumptions))


def _parental(data: Data, rules: RuleBook, _today: date) -> str:
    days = data.get("days")
    result = parental_leave_pay(
        rules,
        monthly_wage=data["wage"],
        start=_start(data),
        months=data.get("months"),
        end=_day(data, "end"),
        days=days,
        short=days in SHORT_LEAVE_DAYS,  # 7 or 14 days: the 1·2주 단기 육아휴직
        single_parent=bool(data.get("single_parent")),
        other_parent_start=_day(data, "other_start") if data.get("other_parent") else None,
        other_parent_months=data.get("other_months") if data.get("other_parent") else None,
        child_birth=_day(data, "child_birth"),
    )
    return render_parental_leave_pay(_with_notes(result, _wage_notes(data)))


def _maternity(data: Data, rules: RuleBook, _today: date) -> str:
    result = maternity_leave_pay(
        rules,
        monthly_wage=data["wage"],
        start=_start(data),
        company=data["company"],
        birth=data["birth"],
    )
    notes = _wage_notes(data)
    if data.get("company_assumed"):
        notes.append(texts.ASSUMED_COMPANY_MATERNITY)
    return render_maternity_leave_pay(_with_notes(result, notes))


def _spouse(data: Data, rules: RuleBook, _today: date) -> str:
    result = spouse_leave_pay(
        rules, monthly_wage=data["wage"], start=_start(data), company=data["company"]
    )
    notes = _wage_notes(data)
    if data.get("company_assumed"):
        notes.append(texts.ASSUMED_COMPANY_SPOUSE)
    return render_spouse_leave_pay(_with_notes(result, notes))


def _paid_leave_days(data: Data, rules: RuleBook, _today: date) -> str:
    if data["kind"] == "infertility":
        result = infertility_leave_pay(
            rules, monthly_wage=data["wage"], start=_start(data), company=data["company"]
        )
    else:  # spouse_loss: the start step asked the day of the loss
        result = spouse_loss_leave_pay(
            rules, monthly_wage=data["wage"], loss_day=_start(data), company=data["company"]
        )
    notes = _wage_notes(data)
    if data.get("company_assumed"):
        notes.append(texts.ASSUMED_COMPANY_PAID_LEAVE)
    return render_paid_leave_days(_with_notes(result, notes))


def _reduced_hours(data: Data, rules: RuleBook, _today: date) -> str:
    result = reduced_hours_pay(
        rules,
        monthly_wage=data["wage"],
        hours_before=float(data["hours_before"]),
        hours_after=float(data["hours_after"]),
        start=_start(data),
        months=data.get("months"),
        end=_day(data, "end"),
        days=data.get("days"),
    )
    return render_reduced_hours_pay(_with_notes(result, _wage_notes(data)))


def _deadlines(data: Data, _rules: RuleBook, today: date) -> str:
    events = {kind: date.fromisoformat(day) for kind, day in data.get("events", {}).items()}
    items = deadlines(
        today=today,
        dismissal=events.get("dismissal"),
        discrimination=events.get("discrimination"),
        leave_end=events.get("leave_end"),
        wage_due=events.get("resignation"),
        first_ruling=events.get("first_ruling"),
        review_ruling=events.get("review_ruling"),
        birth=events.get("birth"),
    )
    text = render_deadlines(items, today)
    if "resignation" in events:
        text += f"\n\n{texts.DEADLINE_NOTES_TITLE}\n- {texts.NOTE_RESIGNATION}"
    return text


RESULTS: Final[dict[str, Callable[[Data, RuleBook, date], str]]] = {
    "parental": _parental,
    "maternity": _maternity,
    "spouse": _spouse,
    "infertility": _paid_leave_days,
    "spouse_loss": _paid_leave_days,
    "reduced_hours": _reduced_hours,
    "deadlines": _deadlines,
}


def result_text(data: Data, rules: RuleBook, today: date) -> str:
    """The calculator's plain-text result for complete answers.

    Raises:
        CalcInputError: the calculators refuse the answers (RuleNotInForceError when a date
            is outside the rule tables).
    """
    return RESULTS[data["kind"]](data, rules, today)
