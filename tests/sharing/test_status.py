"""`anquan status`: per office, the last change, this month's 台账, and plan against done."""

from __future__ import annotations

import json
from datetime import date

from tests.conftest import Run
from tests.sharing.conftest import Shared


def test_status_names_who_updated_this_month_and_plan_progress(shared: Shared, run: Run) -> None:
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
    # the listed ones in anquan.yaml's order, then whoever committed by hand (the fixture did)
    assert list(offices) == ["应急办", "经发办", "测试（未注明办所）"]
    assert offices["测试（未注明办所）"]["updated_this_month"] is False  # it touched no record
    assert offices["经发办"]["updated_this_month"] is True
    assert offices["经发办"]["changes_this_month"] == 2
    assert offices["经发办"]["last_message"].startswith("新增检查")
    assert offices["经发办"]["plan"] == {"planned": 4, "done": 1, "rate": 0.25}
    assert offices["应急办"]["plan"] is None
    # 应急办 registered the unit today: that was a record change this month too
    assert offices["应急办"]["updated_this_month"] is True

    table = run("status", "--ledger", shared.origin)
    assert table.code == 0
    assert "经发办" in table.out and "25.0%" in table.out and "已更新" in table.out


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
    assert outcome.err.strip() == "本月尚未更新台账：经发办、规划自然资源所"
    data = json.loads(run("status", "--format", "json", "--ledger", shared.origin).out)
    assert [o["office"] for o in data["offices"]][:3] == ["应急办", "经发办", "规划自然资源所"]
    assert data["offices"][2]["last_change"] is None
