"""Eligibility pre-check: can the parent take the leave, and is the 고용보험 benefit likely?

Two verdicts, because they have different rules: the right to the leave (tenure, contract) and
the benefit (insured period). The only ground on which an employer may
refuse 육아휴직 or 육아기 근로시간 단축 for tenure is under 6 months of continuous work up to
the day before the start (고평법 영 제10조, 제15조의2) — a refusal ground, not a bar;
the benefits need 피보험단위기간 180 days in total (before the leave for 육아휴직·단축, by
its end for 출산전후휴가); 고평법 applies to workplaces of every size, 근기법 only partly under
5 employees; a fixed-term contract's 2-year period does not count the 육아휴직 (고평법
제19조⑤) but the leave ends with the contract. Workplace and contract ids are the intake's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from bot.calc.common import CalcInputError
from bot.intake.dates import period_end
from bot.intake.triage import CONTRACTS, WORKPLACE_SIZES
from bot.korean import josa, korean_date

Purpose = Literal["parental-leave", "reduced-hours", "maternity-leave"]
Verdict = Literal["likely", "check", "unlikely"]
Status = Literal["ok", "check", "no", "info"]
About = Literal["leave", "pay", "workplace", "contract"]

PURPOSES: Final = ("parental-leave", "reduced-hours", "maternity-leave")
TENURE_MONTHS: Final = 6
INSURED_DAYS: Final = 180
#: 근기법 provisions that do not apply to workplaces with 4 or fewer regular employees.
NOT_UNDER_5: Final = (
    "정당한 이유 없는 해고 제한과 부당해고 구제신청(노동위원회)",
    "해고 서면 통지",
    "경영상 해고 제한",
    "휴업수당",
    "주 52시간 상한",
    "연장·야간·휴일 가산수당",
    "연차휴가",
    "생리휴가",
    "직장 내 괴롭힘 규정",
)
_RANK: Final = {"likely": 0, "check": 1, "unlikely": 2}
_NAMES: Final = {
    "parental-leave": "육아휴직",
    "reduced-hours": "육아기 근로시간 단축",
    "maternity-leave": "출산전후휴가",
}


@dataclass(frozen=True)
class Reason:
    about: About
    status: Status
    text: str


@dataclass(frozen=True)
class Eligibility:
    purpose: Purpose
    leave_start: date
    verdict: Verdict  # the worse of the two below
    leave_verdict: Verdict
    pay_verdict: Verdict
    reasons: tuple[Reason, ...]
    not_applicable_under_5: tuple[str, ...]  # filled for workplace_size "lt5"
    legal_basis: tuple[str, ...]


def eligibility(
    *,
    purpose: Purpose,
    leave_start: date,
    insured_days: int | None = None,
    hired_on: date | None = None,
    workplace_size: str = "unknown",
    contract: str = "regular",
    contract_end: date | None = None,
    leave_end: date | None = None,
) -> Eligibility:
    """Pre-check for `purpose` starting on `leave_start`; unknown inputs make "check" reasons.

    Args:
        insured_days: 고용보험 피보험단위기간 in days (all jobs together, as 고용24 shows it).
        workplace_size: the intake's ids: lt5, 5-29, 30-299, 300+, unknown.
        contract: the intake's ids: regular, fixed_term, dispatched, freelance.
    """
    _check_inputs(
        purpose=purpose,
        workplace_size=workplace_size,
        contract=contract,
        insured_days=insured_days,
        hired_on=hired_on,
        leave_start=leave_start,
        leave_end=leave_end,
    )
    reasons: list[Reason] = []
    basis: list[str] = []
    if purpose == "maternity-leave":
        reasons.append(
            _reason(
                "leave",
                "ok",
                "출산전후휴가는 근무 기간이나 사업장 규모와 ",
                "관계없이 쓸 수 있어요.",
            )
        )
        basis.append("근로기준법 제74조")
    else:
        reasons.append(_tenure(purpose, hired_on, leave_start))
        basis.append(_LEAVE_BASIS[purpose])
    if purpose == "reduced-hours":
        reasons.append(_reduced_hours_refusal(leave_start))
    reasons.append(_insured(purpose, insured_days))
    basis.append(_PAY_BASIS[purpose])
    reasons += _workplace(purpose, workplace_size, basis)
    reasons += _contract(
        purpose, contract, basis, contract_end=contract_end, start=leave_start, leave_end=leave_end
    )
    leave_verdict = _verdict(r for r in reasons if r.about != "pay")
    pay_verdict = _verdict(reasons)
    return Eligibility(
        purpose=purpose,
        leave_start=leave_start,
        verdict=max(leave_verdict, pay_verdict, key=_RANK.__getitem__),
        leave_verdict=leave_verdict,
        pay_verdict=pay_verdict,
        reasons=tuple(reasons),
        not_applicable_under_5=NOT_UNDER_5 if workplace_size == "lt5" else (),
        legal_basis=tuple(dict.fromkeys(basis)),
    )


_LEAVE_BASIS: Final = {
    "parental-leave": "남녀고용평등법 제19조, 같은 법 시행령 제10조",
    "reduced-hours": "남녀고용평등법 제19조의2, 같은 법 시행령 제15조의2",
}
_PAY_BASIS: Final = {
    "parental-leave": "고용보험법 제70조",
    "reduced-hours": "고용보험법 제73조의2",
    "maternity-leave": "고용보험법 제75조",
}


#: 고평법 시행령 제15조의2 제3호 (대체인력 채용 불가) deleted from this day (법률 제21476호).
REPLACEMENT_GROUND_DELETED: Final = date(2026, 9, 18)


def _reduced_hours_refusal(start: date) -> Reason:
    if start >= REPLACEMENT_GROUND_DELETED:
        return _reason(
            "leave",
            "info",
            "업무 성격상 나눠 일하기 어려워 정상적인 운영에 ",
            "큰 지장이 있다고 회사가 증명하면 거부할 수 있어요. 2026년 9월 ",
            "18일부터 '대체인력을 못 구함'은 거부 사유가 아니에요.",
        )
    return _reason(
        "leave",
        "info",
        "업무 성격상 나눠 일하기 어려워 정상적인 운영에 큰 지장이 있다고 ",
        "회사가 증명하거나, 대체인력을 구하려고 노력했지만 못 구했으면 거부할 수 ",
        "있어요. 2026년 9월 18일부터는 '대체인력을 못 구함'이 거부 사유에서 빠져요.",
    )


def _reason(about: About, status: Status, *parts: str) -> Reason:
    return Reason(about, status, "".join(parts))


def _check_inputs(
    *,
    purpose: str,
    workplace_size: str,
    contract: str,
    insured_days: int | None,
    hired_on: date | None,
    leave_start: date,
    leave_end: date | None,
) -> None:
    if purpose not in PURPOSES:
        raise CalcInputError(f"확인할 제도는 {', '.join(PURPOSES)} 중 하나로 적어 주세요.")
    if workplace_size not in WORKPLACE_SIZES:
        raise CalcInputError(f"사업장 규모는 {', '.join(sorted(WORKPLACE_SIZES))} 중 하나예요.")
    if contract not in CONTRACTS:
        raise CalcInputError(f"계약 형태는 {', '.join(sorted(CONTRACTS))} 중 하나예요.")
    if insured_days is not None and (isinstance(insured_days, bool) or insured_days < 0):
        raise CalcInputError("피보험단위기간은 0 이상의 일수로 적어 주세요.")
    if hired_on is not None and hired_on >= leave_start:
        raise CalcInputError("입사일이 휴직(휴가) 시작일보다 앞이어야 해요.")
    if leave_end is not None and leave_end < leave_start:
        raise CalcInputError("휴직(휴가)이 끝나는 날이 시작일보다 빨라요.")


def _verdict(reasons: Iterable[Reason]) -> Verdict:
    statuses = {reason.status for reason in reasons}
    if "no" in statuses:
        return "unlikely"
    return "check" if "check" in statuses else "likely"


def _tenure(purpose: Purpose, hired_on: date | None, start: date) -> Reason:
    name = _NAMES[purpose]
    if hired_on is None:
        return _reason(
            "leave",
            "check",
            "입사일을 알려 주시면 근속 6개월을 확인해 드려요. ",
            f"시작 전날까지 6개월 미만이면 회사가 {josa(name, '을/를')} 거부할 수 있어요.",
        )
    complete = period_end(hired_on - timedelta(days=1), TENURE_MONTHS)
    hired = korean_date(hired_on)
    if start - timedelta(days=1) >= complete:
        return _reason(
            "leave",
            "ok",
            f"입사일 {hired} 기준 시작 전날까지 6개월 이상 ",
            f"일했어요({korean_date(complete)}에 6개월). ",
            f"회사는 {josa(name, '을/를')} 거부할 수 없어요.",
        )
    return _reason(
        "leave",
        "check",
        f"입사일 {hired} 기준 6개월은 {korean_date(complete)}에 차요. ",
        f"그 전에 시작하면 회사가 {josa(name, '을/를')} 거부할 수 있어요(법이 정한 거부 ",
        "사유). 회사가 허락하면 쓸 수 있고, ",
        f"{korean_date(complete + timedelta(days=1))}부터 시작하면 거부할 수 없어요.",
    )


def _insured(purpose: Purpose, insured_days: int | None) -> Reason:
    when = "휴가가 끝나는 날까지" if purpose == "maternity-leave" else "시작하기 전까지"
    if insured_days is None:
        return _reason(
            "pay",
            "check",
            f"급여를 받으려면 {when} 고용보험 피보험단위기간이 ",
            "모두 합쳐 180일 이상이어야 해요. 이전 직장 기간도 합산되니 고용24에서 ",
            "확인해 주세요.",
        )
    if insured_days >= INSURED_DAYS:
        return _reason("pay", "ok", f"피보험단위기간 {insured_days}일로 180일 이상이에요.")
    right = _NAMES[purpose]
    return _reason(
        "pay",
        "no",
        f"피보험단위기간 {insured_days}일로 180일에 못 미쳐요. ",
        f"{right} 자체는 쓸 수 있지만 고용보험 급여는 받기 어려워요",
        f"({when} 180일을 채우면 받을 수 있어요).",
    )


def _workplace(purpose: Purpose, size: str, basis: list[str]) -> list[Reason]:
    if size == "lt5":
        basis.append("근로기준법 제11조, 같은 법 시행령 제7조·별표1, 남녀고용평등법 제3조")
        applies = (
            "출산전후휴가와 휴가 중·후 30일 해고 금지는 5인 미만 사업장에도 적용돼요."
            if purpose == "maternity-leave"
            else f"{josa(_NAMES[purpose], '은/는')} 5인 미만 사업장에도 똑같이 적용돼요"
            "(남녀고용평등법). 다만 동거하는 친족만 일하는 곳과 가사사용인은 빠져요."
        )
        return [
            _reason(
                "workplace",
                "info",
                applies,
                " 근로기준법의 일부(부당해고 구제신청, ",
                "연차휴가, 가산수당 등)는 5인 미만에 적용되지 않아요.",
            )
        ]
    if size == "unknown":
        return [
            _reason(
                "workplace",
                "info",
                "상시 근로자 수를 모르면: 휴가·휴직 권리는 규모와 ",
                "관계없지만, 5인 미만이면 부당해고 구제신청 같은 일부 보호가 적용되지 ",
                "않아요.",
            )
        ]
    return []


def _contract(
    purpose: Purpose,
    contract: str,
    basis: list[str],
    *,
    contract_end: date | None,
    start: date,
    leave_end: date | None,
) -> list[Reason]:
    if contract == "freelance":
        extra = (
            " 고용보험에 가입하지 않았다면 '고용보험 미적용자 출산급여'(총 150만원, "
            "요건은 고용24 안내)를 알아보세요."
            if purpose == "maternity-leave"
            else ""
        )
        return [
            _reason(
                "contract",
                "check",
                "프리랜서·특수고용은 근로자로 인정되는지 먼저 ",
                "따져 봐야 해요.",
                extra,
            )
        ]
    if contract not in ("fixed_term", "dispatched"):
        return []
    if purpose == "maternity-leave":
        return _maternity_contract(
            contract, basis, contract_end=contract_end, start=start, leave_end=leave_end
        )
    reasons: list[Reason] = []
    if purpose == "parental-leave":
        basis.append("남녀고용평등법 제19조 제5항")
        period = "2년 사용기간" if contract == "fixed_term" else "파견기간"
        reasons.append(
            _reason("contract", "info", f"육아휴직 기간은 {period} 계산에 ", "들어가지 않아요.")
        )
    if contract_end is None:
        reasons.append(
            _reason("contract", "info", "계약 만료일을 알려 주시면 휴직 기간과 ", "비교해 드려요.")
        )
    elif contract_end < start:
        reasons.append(
            _reason(
                "contract",
                "check",
                f"계약이 {korean_date(contract_end)}에 끝나 ",
                "시작일보다 빨라요. 계약 갱신 여부를 먼저 확인해야 해요.",
            )
        )
    elif leave_end is not None and leave_end > contract_end:
        reasons.append(
            _reason(
                "contract",
                "check",
                f"계약 만료일({korean_date(contract_end)})이 ",
                "지나면 휴직도 함께 끝나는 것이 원칙이에요(갱신 기대권 등은 ",
                "사안별 판단). 급여도 그날까지만 나와요.",
            )
        )
    if purpose == "reduced-hours":
        reasons.append(
            _reason(
                "contract",
                "info",
                "남은 계약기간이 1개월보다 짧아도 그 기간 ",
                "단위로 나눠 쓸 수 있어요.",
            )
        )
    return reasons


MATERNITY_DAYS: Final = 90  # when the leave's end is not given (다태아 120, 미숙아 100)


def _maternity_contract(
    contract: str,
    basis: list[str],
    *,
    contract_end: date | None,
    start: date,
    leave_end: date | None,
) -> list[Reason]:
    """고용보험법 제76조의2: a fixed-term or agency contract ending during 출산전후휴가 keeps
    the benefit to the end of the leave."""
    basis.append("고용보험법 제76조의2")
    kind = "기간제" if contract == "fixed_term" else "파견"
    if contract_end is None:
        return [
            _reason(
                "contract",
                "info",
                f"{kind} 근로자는 휴가 중에 계약기간이 끝나도 출산전후휴가 급여를 ",
                "휴가가 끝나는 날까지 모두 받아요.",
            )
        ]
    if contract_end < start:
        return [
            _reason(
                "contract",
                "check",
                f"계약이 {korean_date(contract_end)}에 끝나 휴가 시작일보다 빨라요. ",
                "계약 갱신 여부를 먼저 확인해야 해요.",
            )
        ]
    end = leave_end or start + timedelta(days=MATERNITY_DAYS - 1)
    if contract_end >= end:
        return []
    assumed = f"({korean_date(end)})" if leave_end else f"({korean_date(end)}, 90일 휴가 기준)"
    return [
        _reason(
            "pay",
            "ok",
            f"계약이 휴가 중({korean_date(contract_end)})에 끝나도 출산전후휴가 급여는 휴가가 ",
            f"끝나는 날{assumed}까지 모두 받아요. 고용보험 요건(180일)은 그대로예요.",
        )
    ]
