"""The hazard's life: which steps are allowed when, and the hazard each step leaves."""

from __future__ import annotations

from datetime import date

from anquan_cli.model.enums import Action, Status
from anquan_cli.model.records import Hazard, Step


class StepRefused(ValueError):
    """A step the hazard's state does not allow; the message says why, in Chinese."""


def _check_date(hazard: Hazard, day: date) -> None:
    if day < hazard.found:
        raise StepRefused(f"日期 {day} 早于隐患发现日期 {hazard.found}")
    if hazard.history and day < hazard.history[-1].date:
        last = hazard.history[-1]
        raise StepRefused(f"日期 {day} 早于上一环节（{last.action}，{last.date}）")


def _with_step(hazard: Hazard, step: Step, status: Status, *more: Step) -> Hazard:
    return hazard.model_copy(update={"status": status, "history": [*hazard.history, step, *more]})


def refusal(hazard_id: str, status: Status, action: Action) -> str | None:
    """Why a hazard in this state cannot take this step (整改, 验收通过 or 验收退回); None when
    it can. rectify and verify ask it, and so does check of a history written by hand."""
    match action, status:
        case Action.RECTIFIED, Status.CLOSED:
            return f"隐患 {hazard_id} 已销号，不能再整改"
        case Action.RECTIFIED, Status.RECTIFIED:
            return f"隐患 {hazard_id} 已整改，等待验收；验收不通过请用 verify --fail"
        case Action.PASSED | Action.SENT_BACK, Status.CLOSED:
            return f"隐患 {hazard_id} 已销号，无需再验收"
        case Action.PASSED | Action.SENT_BACK, Status.OPEN:
            return f"隐患 {hazard_id} 尚未整改，不能验收；请先 anquan rectify {hazard_id}"
    return None


def rectify(hazard: Hazard, day: date, by: str | None = None, note: str | None = None) -> Hazard:
    """整改完成: only an open hazard can be rectified."""
    if why := refusal(hazard.id, hazard.status, Action.RECTIFIED):
        raise StepRefused(why)
    _check_date(hazard, day)
    return _with_step(
        hazard, Step(date=day, action=Action.RECTIFIED, by=by, note=note), Status.RECTIFIED
    )


def verify(
    hazard: Hazard, day: date, by: str, passed: bool = True, note: str | None = None
) -> Hazard:
    """复查验收: passing closes the hazard out (销号); failing sends it back to 整改中."""
    if why := refusal(hazard.id, hazard.status, Action.PASSED if passed else Action.SENT_BACK):
        raise StepRefused(why)
    _check_date(hazard, day)
    if not passed:
        step = Step(date=day, action=Action.SENT_BACK, by=by, note=note)
        return _with_step(hazard, step, Status.OPEN)
    passed_step = Step(date=day, action=Action.PASSED, by=by, note=note)
    closed_step = Step(date=day, action=Action.CLOSED, by=by)
    return _with_step(hazard, passed_step, Status.CLOSED, closed_step)


def found_step(day: date, by: str | None = None) -> Step:
    return Step(date=day, action=Action.FOUND, by=by)


ON_THE_SPOT = "当场整改"


def fixed_on_spot_step(day: date, by: str | None = None) -> Step:
    """当场整改: the hazard was rectified the day it was found, as it was found."""
    return Step(date=day, action=Action.RECTIFIED, by=by, note=ON_THE_SPOT)
