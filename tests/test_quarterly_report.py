"""The 季度工作汇报 template: what each 领域 section and the 基本情况 say, on small ledgers."""

from __future__ import annotations

from tests.conftest import Run

Q4 = ("report", "--quarter", "4", "--year", "2024")


def test_a_sector_with_only_a_penalty_still_reports_it(run: Run, unit: str) -> None:
    assert run("add-penalty", "-e", unit, "--date", "2024-12-05", "--fine", "20000").code == 0
    outcome = run(*Q4)
    assert outcome.code == 0, outcome.err
    assert (
        "#### 1.危险化学品领域\n\n全镇危险化学品领域共有监管对象1家。"
        "第四季度实施行政处罚1起，罚款2万元。\n"
    ) in outcome.out
