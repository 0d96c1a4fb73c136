"""The hazard's life: its state on any day, replayed from its history (the one replay every
figure, list, sheet, check and command asks), which steps are allowed when, and the hazard
each step leaves.

The history is the record of what happened; the stored `status` field is a copy of where the
whole history leads, written alongside it so that a person reading the file sees it. When the
two disagree (a hand-edited file), the history wins everywhere: every figure, `list`, `show`
and the workbook replay the history, and `check` names the file as an error.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from anquan_cli.model.enums import Action, Status
from anquan_cli.model.records import Hazard, Step

if TYPE_CHECKING:
    from anquan_cli.model.attachments import Attachment

# Enum members read once, compared by identity: looking a member up on its class, or hashing
# it for a dict, is a Python call in 3.11, and the replay runs for every hazard of a report.
_OPEN, _RECTIFIED, _CLOSED = Status.OPEN, Status.RECTIFIED, Status.CLOSED
_FIXED, _PASSED, _CLOSED_OUT = Action.RECTIFIED, Action.PASSED, Action.CLOSED


def state_after(action: Action) -> Status:
    """The state a step leaves the hazard in."""
    if action is _FIXED or action is _PASSED:
        return _RECTIFIED
    if action is _CLOSED_OUT:
        return _CLOSED
    return _OPEN  # 发现, 验收退回


def state_on(hazard: Hazard, day: date) -> Status | None:
    """The hazard's state at the end of that day, replayed from its history; None before it
    was found. The last step (in recorded order) dated on or before the day decides, as a
    forward replay of those steps would; with none, the hazard is 整改中."""
    if day < hazard.found:
        return None
    for step in reversed(hazard.history):  # most hazards are decided by their last step
        if step.date <= day:
            # state_after, written out: a call per hazard shows on 120k of them
            action = step.action
            if action is _FIXED or action is _PASSED:
                return _RECTIFIED
            if action is _CLOSED_OUT:
                return _CLOSED
            return _OPEN
    return _OPEN


def state_of(hazard: Hazard) -> Status:
    """Where the whole history leads: what the stored `status` field should say."""
    history = hazard.history
    return state_after(history[-1].action) if history else _OPEN


def last_step(hazard: Hazard, actions: tuple[Action, ...], day: date) -> Step | None:
    """The hazard's last step of these kinds dated on or before the day, in recorded order."""
    for step in reversed(hazard.history):
        if step.date <= day and step.action in actions:
            return step
    return None


def is_late(state: Status | None, deadline: date | None, day: date) -> bool:
    """逾期: 整改中 on that day (its state then, replayed) with its deadline already passed."""
    return state is _OPEN and deadline is not None and deadline < day


def is_overdue_on(hazard: Hazard, day: date) -> bool:
    """逾期 on that day: found by then, 整改中, and its deadline already passed."""
    return is_late(state_on(hazard, day), hazard.deadline, day)


def is_done_on(hazard: Hazard, day: date) -> bool:
    """已整改 or 销号 on that day (a fix sent back by then does not count)."""
    state = state_on(hazard, day)
    return state is _RECTIFIED or state is _CLOSED


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
    if why := refusal(hazard.id, state_of(hazard), Action.RECTIFIED):
        raise StepRefused(why)
    _check_date(hazard, day)
    return _with_step(
        hazard, Step(date=day, action=Action.RECTIFIED, by=by, note=note), Status.RECTIFIED
    )


def verify(
    hazard: Hazard,
    day: date,
    by: str,
    passed: bool = True,
    note: str | None = None,
    *,
    require_after_photo: bool = False,
    attached: tuple[Attachment, ...] = (),
) -> Hazard:
    """复查验收: passing closes the hazard out (销号); failing sends it back to 整改中. A
    ledger may require an 整改后 photo among the hazard's `attached` files before it passes."""
    if why := refusal(hazard.id, state_of(hazard), Action.PASSED if passed else Action.SENT_BACK):
        raise StepRefused(why)
    _check_date(hazard, day)
    if passed and require_after_photo:
        from anquan_cli.model.attachments import after_photo_refusal

        if why := after_photo_refusal(hazard.id, require_after_photo, attached):
            raise StepRefused(f"隐患 {hazard.id} 不能验收通过：{why}")
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


def step_line(step: Step) -> str:
    """One step as a 台账's 整改验收记录 writes it: 2024-10-20 验收通过（周强）：说明."""
    line = f"{step.date.isoformat()} {step.action.value}"
    if step.by:
        line += f"（{step.by}）"
    return f"{line}：{step.note}" if step.note else line


def story_of(steps: list[Step]) -> str:
    """A history as the 整改验收记录 cell holds it: a step a line (step_line)."""
    return "\n".join(step_line(step) for step in steps)


_ACTIONS = {action.value: action for action in Action}  # 整改 → Action.RECTIFIED …
_STEP_LINE = re.compile(
    r"^(\d{4}-\d{1,2}-\d{1,2})\s+([^\s（(：:]+)\s*(?:[（(]([^）)]*)[）)])?\s*(?:[：:]\s*(.*))?$",
    re.S,
)


def read_step_line(text: str) -> tuple[str, Action, str | None, str | None] | None:
    """A step_line read back: its date as written, action, person and note ("" after a bare
    ：, None without one); None when the text is no step (a note's continuation, or a line
    nobody can read)."""
    match = _STEP_LINE.match(text.strip())
    if match is None or match.group(2) not in _ACTIONS:
        return None
    day, action, by, note = match.groups()
    return day, _ACTIONS[action], (by or "").strip() or None, note
