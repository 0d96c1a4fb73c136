from datetime import date

import pytest

from anquan_cli.model.enums import Action, Status
from anquan_cli.model.lifecycle import StepRefused, rectify, state_of, verify
from tests.test_models import hazard


def test_rectify_then_verify_closes_out() -> None:
    fixed = rectify(hazard(), date(2024, 10, 20), by="王五")
    assert fixed.status is Status.RECTIFIED
    closed = verify(fixed, date(2024, 10, 22), by="张伟")
    assert closed.status is Status.CLOSED
    assert [s.action for s in closed.history] == [
        Action.FOUND,
        Action.RECTIFIED,
        Action.PASSED,
        Action.CLOSED,
    ]
    assert state_of(closed) is closed.status


def test_failed_verification_sends_the_hazard_back() -> None:
    fixed = rectify(hazard(), date(2024, 10, 20))
    back = verify(fixed, date(2024, 10, 22), by="张伟", passed=False, note="整改不彻底")
    assert back.status is Status.OPEN
    assert back.history[-1].action is Action.SENT_BACK
    assert rectify(back, date(2024, 10, 25)).status is Status.RECTIFIED


def test_verify_before_rectify_is_refused() -> None:
    with pytest.raises(StepRefused, match="尚未整改"):
        verify(hazard(), date(2024, 10, 20), by="张伟")


def test_rectify_a_closed_hazard_is_refused() -> None:
    closed = verify(rectify(hazard(), date(2024, 10, 20)), date(2024, 10, 21), by="张伟")
    with pytest.raises(StepRefused, match="已销号"):
        rectify(closed, date(2024, 10, 22))


def test_rectify_before_found_is_refused() -> None:
    with pytest.raises(StepRefused, match="早于隐患发现日期"):
        rectify(hazard(), date(2024, 10, 1))


def test_a_step_dated_before_the_last_one_is_refused() -> None:
    fixed = rectify(hazard(), date(2024, 10, 20))
    with pytest.raises(StepRefused, match="早于上一环节"):
        verify(fixed, date(2024, 10, 18), by="张伟")
