"""`anquan status`: per office, this month's records by their own dates, plan against done, and
报送 — read from the records, not from git (see tests/test_submissions.py for past months)."""

from __future__ import annotations

import json
from datetime import date

from tests.conftest import Run
from tests.sharing.conftest import Shared


def test_status_names_who_recorded_this_month_and_plan_progress(shared: Shared, run: Run) -> None:
    today = date.today()
    this_month = f"{today:%Y-%m}"
    other = shared.clone("jingfa", "经发办")
    shared.anquan(
        other, "add-plan", "--office", "经发办", "--month", this_month, "--inspections", "4"
    )
    shared.anquan(other, "add-inspection", "-e", shared.unit, "--date", today.isoformat())
    shared.anquan(other, "sync")
    shared.anquan(shared.origin, "sync")

    outcome = run("status", "--format", "json", "--ledger", shared.origin)
    assert outcome.code == 0, outcome.err
    data = json.loads(outcome.out)
    assert data["month"] == this_month
    offices = {o["office"]: o for o in data["offices"]}
    assert list(offices) == ["应急办", "经发办"]
    assert offices["经发办"]["updated_this_month"] is True
    assert offices["经发办"]["records_this_month"] == 1  # the inspection; a plan has no date
    assert offices["经发办"]["last_change"] == today.isoformat()
    assert offices["经发办"]["plan"] == {"planned": 4, "done": 1, "rate": 0.25}
    assert offices["经发办"]["submission"]["mark"] == "未到期"
    assert offices["应急办"]["plan"] is None
    # 应急办 registered a unit, which has no date of its own: no record this month
    assert offices["应急办"]["updated_this_month"] is False

    table = run("status", "--ledger", shared.origin)
    assert table.code == 0
    assert "经发办" in table.out and "25.0%" in table.out and "1条" in table.out


def test_status_lists_a_listed_office_that_has_not_written(shared: Shared, run: Run) -> None:
    settings = shared.origin / "anquan.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "  - name: 经发办\n", "  - name: 经发办\n  - name: 规划自然资源所\n"
        ),
        encoding="utf-8",
    )
    outcome = run("status", "--ledger", shared.origin)
    assert outcome.code == 0, outcome.err
    assert "本月没有记录：应急办、经发办、规划自然资源所" in outcome.err
    data = json.loads(run("status", "--format", "json", "--ledger", shared.origin).out)
    assert [o["office"] for o in data["offices"]] == ["应急办", "经发办", "规划自然资源所"]
    assert data["offices"][2]["last_change"] is None
