"""The 季度工作汇报 template: what each 领域 section and the 基本情况 say, on small ledgers."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_an_accident_at_a_unit_counts_under_the_units_sector_everywhere(
    run: Run, unit: str
) -> None:
    # a road accident of the chemical works' own lorry: its unit's 领域 counts it
    added = run("add-accident", "--date", "2024-12-01", "--domain", "道路运输", "-e", unit)
    assert added.code == 0, added.err
    outcome = run(*Q4)
    assert outcome.code == 0, outcome.err
    assert "死亡0人，受伤0人，其中危险化学品领域1起。" in outcome.out
    assert "道路运输领域1起" not in outcome.out
    data = json.loads(run(*Q4, "--format", "json").out)
    assert data["accidents"]["by_domain"] == {
        "危险化学品": {"accidents": 1, "deaths": 0, "injuries": 0}
    }
    assert data["by_sector"]["危险化学品"]["accidents"] == 1


def test_the_period_s_accidents_are_told_in_one_paragraph(run: Run, unit: str) -> None:
    for day, summary in (("2024-11-01", "仓库叉车倾覆，1人受伤。"), ("2024-12-01", "车间起火")):
        added = run(
            "add-accident", "--date", day, "--domain", "危险化学品", "-e", unit,
            "--injuries", "1", "--summary", summary,
        )  # fmt: skip
        assert added.code == 0, added.err
    outcome = run(*Q4)
    assert outcome.code == 0, outcome.err
    assert (
        "\n\n第四季度，全镇发生生产安全事故2起，死亡0人，受伤2人，其中危险化学品领域2起。"
        "11月1日，兴源化工有限公司，仓库叉车倾覆，1人受伤。"
        "12月1日，兴源化工有限公司，车间起火。\n\n"
    ) in outcome.out


def test_a_sector_with_only_hazards_left_over_has_its_section(run: Run, unit: str) -> None:
    found = run("add-hazard", "-e", unit, "-d", "储罐区防火堤破损", "--found", "2024-08-10")
    assert found.code == 0, found.err
    outcome = run(*Q4)
    assert outcome.code == 0, outcome.err
    assert (
        "#### 1.危险化学品领域\n\n全镇危险化学品领域共有监管对象1家。"
        "此前排查的该领域隐患尚有1处未整改完毕。\n"
    ) in outcome.out


def test_units_without_a_sector_are_named_as_such(run: Run, ledger: Path) -> None:
    unit = run("add-enterprise", "--name", "无名小作坊", "--village", "东溪村")
    assert unit.code == 0, unit.err
    visit = run("add-inspection", "-e", unit.value, "--date", "2024-11-20", "--inspectors", "张伟")
    assert visit.code == 0, visit.err
    outcome = run(*Q4)
    assert outcome.code == 0, outcome.err
    assert "其中未填写行业领域1家。" in outcome.out
    assert "#### 1.未填写行业领域\n\n全镇未填写行业领域共有监管对象1家。" in outcome.out
    assert "未填写领域" not in outcome.out
