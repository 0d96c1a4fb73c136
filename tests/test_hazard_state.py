"""The export's row for a hazard (HazardState) says what the one replay (model/lifecycle) says:
the state on a day and overdue or not, with the last 整改 and 销号 dates and the last 验收人."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from anquan_cli.model.enums import Action, Level, Status
from anquan_cli.model.lifecycle import found_step, is_overdue_on, rectify, state_on, verify
from anquan_cli.model.records import Hazard
from anquan_cli.render.sheets import hazard_state

START = date(2024, 3, 1)
PEOPLE = ("周强", "李娜", None)


@st.composite
def hazards(draw: st.DrawFn) -> Hazard:
    found = START + timedelta(days=draw(st.integers(0, 30)))
    # a deadline before the day found: a hand-edited file can say so
    before, after = st.integers(-10, -1), st.integers(0, 40)
    deadline = draw(st.none() | (before | after).map(lambda n: found + timedelta(days=n)))
    hazard = Hazard(
        id="DX-H-2403-YJB01",
        enterprise="DX-E-2401-YJB01",
        found=found,
        description="消防通道堵塞",
        level=Level.GENERAL,
        deadline=deadline,
        history=[found_step(found, "应急办")],
    )
    day = found
    for _ in range(draw(st.integers(0, 3))):  # 整改, then 验收 that passes or sends it back
        day += timedelta(days=draw(st.integers(0, 10)))
        hazard = rectify(hazard, day, draw(st.sampled_from(PEOPLE)))
        if not draw(st.booleans()):
            break
        day += timedelta(days=draw(st.integers(0, 10)))
        passed = draw(st.booleans())
        hazard = verify(hazard, day, draw(st.sampled_from(PEOPLE)) or "周强", passed)
        if passed:
            break
    return hazard


def last_date(hazard: Hazard, action: Action, day: date) -> date | None:
    dates = [s.date for s in hazard.steps_until(day) if s.action is action]
    return dates[-1] if dates else None


@given(hazards(), st.integers(-15, -1) | st.integers(0, 80))  # days before found, and after
def test_hazard_state_agrees_with_the_model(hazard: Hazard, offset: int) -> None:
    as_of = hazard.found + timedelta(days=offset)
    state = hazard_state(hazard, as_of)
    status = state_on(hazard, as_of) or Status.OPEN
    passed = [s for s in hazard.steps_until(as_of) if s.action is Action.PASSED]
    sent_back = any(s.action is Action.SENT_BACK for s in hazard.steps_until(as_of))

    assert state.status is status
    assert state.overdue == is_overdue_on(hazard, as_of)
    assert state.rectified == (
        last_date(hazard, Action.RECTIFIED, as_of) if status is not Status.OPEN else None
    )
    assert state.closed == (
        last_date(hazard, Action.CLOSED, as_of) if status is Status.CLOSED else None
    )
    assert state.verifier == (passed[-1].by if passed and status is Status.CLOSED else None)
    # 整改验收记录: every step up to the day, as the import reads it back
    steps = hazard.steps_until(as_of)
    assert len((state.history or "").splitlines()) == len(steps)
    assert ("验收退回" in (state.history or "")) == sent_back
