"""The 综合检查督查通报 template: its 附件 tables, on small ledgers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run

Q4 = ("report", "--quarter", "4", "--year", "2024", "--template", "综合检查督查通报")


def test_the_offices_total_counts_done_against_plan_as_its_rows_do(
    run: Run, ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = run(
        "add-enterprise", "--name", "东溪纺织有限公司", "--sector", "工贸", "--office", "经发办"
    )
    assert unit.code == 0, unit.err
    plan = run("add-plan", "--office", "经发办", "--month", "2024-11", "--inspections", "4")
    assert plan.code == 0, plan.err
    # 经发办 makes one inspection of its plan; 应急办, which has none, inspects the unit once
    for office in ("经发办", "应急办"):
        monkeypatch.setenv("ANQUAN_OFFICE", office)
        visit = run(
            "add-inspection", "-e", unit.value, "--date", "2024-11-20", "--inspectors", "张伟"
        )
        assert visit.code == 0, visit.err
    outcome = run(*Q4)
    assert outcome.code == 0, outcome.err
    assert "| 经发办 | 4 | 1 | 25.0% |" in outcome.out
    # by_office counts an inspection under the office that made it: 应急办's has its row
    assert "| 应急办 | — | 1 | — |" in outcome.out
    assert "| 合计 | | 4 | 1 | 25.0% |" in outcome.out
