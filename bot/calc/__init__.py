"""Benefit and deadline calculators and the eligibility pre-check (pure: no telegram, no DB).

Load the rule tables once with `load_rules(faq_dir)` (or check them with `check_rules`),
pass the `RuleBook` to the calculators, and show a result with the matching `render_*`.
Every result is a frozen dataclass; `jsonable(result)` turns it into JSON-ready data.
"""

from bot.calc.common import CalcInputError, jsonable
from bot.calc.deadlines import DeadlineItem, deadlines
from bot.calc.eligibility import Eligibility, Reason, eligibility
from bot.calc.loader import RulesError, check_rules, load_rules
from bot.calc.maternity import (
    MaternityBlock,
    MaternityLeavePay,
    SpouseLeavePay,
    maternity_leave_pay,
    spouse_leave_pay,
)
from bot.calc.paid_leave import PaidLeaveDays, infertility_leave_pay, spouse_loss_leave_pay
from bot.calc.parental import LeaveMonth, MonthPart, ParentalLeavePay, parental_leave_pay
from bot.calc.reduced_hours import ReducedHoursMonth, ReducedHoursPay, reduced_hours_pay
from bot.calc.render import (
    render_deadlines,
    render_eligibility,
    render_maternity_leave_pay,
    render_paid_leave_days,
    render_parental_leave_pay,
    render_reduced_hours_pay,
    render_spouse_leave_pay,
)
from bot.calc.tables import RuleBook, RuleNotInForceError, RuleSeries

__all__ = [
    "CalcInputError",
    "DeadlineItem",
    "Eligibility",
    "LeaveMonth",
    "MaternityBlock",
    "MaternityLeavePay",
    "MonthPart",
    "PaidLeaveDays",
    "ParentalLeavePay",
    "Reason",
    "ReducedHoursMonth",
    "ReducedHoursPay",
    "RuleBook",
    "RuleNotInForceError",
    "RuleSeries",
    "RulesError",
    "SpouseLeavePay",
    "check_rules",
    "deadlines",
    "eligibility",
    "infertility_leave_pay",
    "jsonable",
    "load_rules",
    "maternity_leave_pay",
    "parental_leave_pay",
    "reduced_hours_pay",
    "render_deadlines",
    "render_eligibility",
    "render_maternity_leave_pay",
    "render_paid_leave_days",
    "render_parental_leave_pay",
    "render_reduced_hours_pay",
    "render_spouse_leave_pay",
    "spouse_leave_pay",
    "spouse_loss_leave_pay",
]
