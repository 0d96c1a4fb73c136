"""A hazard's state on a day is what replaying its history forward, step by step, gives; the
stored status plays no part (see model/lifecycle's docstring)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from anquan_cli.model.enums import Action, Status
from anquan_cli.model.lifecycle import state_on
from anquan_cli.model.records import Hazard, Step

FOUND = date(2024, 3, 1)


def replayed(hazard: Hazard, day: date) -> Status | None:
    """The plain forward replay: every step on or before the day, in recorded order."""
    if day < hazard.found:
        return None
    state = Status.OPEN
    for step in hazard.history:
        if step.date <= day:
            if step.action in (Action.RECTIFIED, Action.PASSED):
                state = Status.RECTIFIED
            elif step.action is Action.CLOSED:
                state = Status.CLOSED
            else:
                state = Status.OPEN
    return state


steps = st.lists(
    st.builds(
        Step,
        date=st.integers(0, 90).map(lambda n: FOUND + timedelta(days=n)),
        action=st.sampled_from(list(Action)),
    ),
    max_size=6,
)


@given(steps, st.sampled_from(list(Status)), st.integers(-5, 100))
def test_state_on_a_day_is_the_forward_replay(
    history: list[Step], stored: Status, offset: int
) -> None:
    hazard = Hazard(
        id="CS-H-2403-YJB01",
        enterprise="CS-E-001",
        found=FOUND,
        description="隐患",
        status=stored,
        history=history,
    )
    day = FOUND + timedelta(days=offset)
    assert state_on(hazard, day) == replayed(hazard, day)
