"""考核: the year's scores, counted by hand on a small ledger whose first unit has no 监管单位.

东溪镇 lists 应急办 (handed to, so not scored), 经发办 and the villages 东溪村, 西岭村. Items:
检查计划完成率 20, 巡查计划完成率 20, 隐患整改率 40, 按时报送 20; assessed unit 兴源化工;
扣分 经发办 3 (专卷不全).

- 兴源化工 (东溪村, no 监管单位): two hazards found 2024-03-01, one rectified 03-10.
- 东溪纺织 (西岭村, 经发办): inspected by 经发办 on 11-10 (plan for 11月: 4), one hazard found
  then, still open.
- 东溪村 plans 2 patrols for 11月 and makes 1; 西岭村 has no patrol plan.
- 经发办 hands in 10月 on 11-03 (按时) and 11月 on 12-10 (迟报); the villages hand in nothing.

As of 2024-12-31 the year asks 1–11月 (12月 is due 2025-01-05):
村(居): 东溪村 巡查 1/2 → 10, 整改 1/2 → 20, 报送 0/11 → 0, total 30 · 西岭村 no plan → 20,
整改 0/1 → 0, 报送 0 → 0, total 20 · 合计 30 + 20 = 50.
站、办: 经发办 检查 1/4 → 5, 整改 0/1 → 0, 报送 1/11 → 1.8, 扣 3, total 3.8.
企事业单位: 兴源化工 整改 1/2 → 20. 站、办、企事业单位合计 23.8.
The March hazards count though the notice is for the fourth quarter: 考核 is the year's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

SETTINGS = """name: 东溪镇
code: DX
villages: [东溪村, 西岭村]
offices:
  - {name: 应急办, code: YJB}
  - {name: 经发办, code: JFB}
assessment:
  items:
    - {name: 检查计划完成率, points: 20}
    - {name: 巡查计划完成率, points: 20}
    - {name: 隐患整改率, points: 40}
    - {name: 按时报送, points: 20}
  units: [兴源化工有限公司]
  deductions:
    - {year: 2024, office: 经发办, points: 3, reason: 专卷不全}
"""


def ok(outcome: Any) -> str:
    assert outcome.code == 0, outcome.err
    return str(outcome.value)


@pytest.fixture
def assessed(ledger: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Path:
    (ledger / "anquan.yaml").write_text(SETTINGS, encoding="utf-8")
    monkeypatch.setenv("ANQUAN_OFFICE", "应急办")
    chem = ok(run("add-enterprise", "--name", "兴源化工有限公司", "--village", "东溪村"))
    textile = ok(
        run("add-enterprise", "--name", "东溪纺织", "--village", "西岭村", "--office", "经发办")
    )
    for text in ("配电箱未接地", "消防通道堵塞"):
        found = ("add-hazard", "-e", chem, "-d", text, "--found", "2024-03-01")
        hazard = ok(run(*found, "--deadline", "2024-03-20"))
    ok(run("rectify", hazard, "--date", "2024-03-10"))
    ok(run("add-plan", "--office", "经发办", "--month", "2024-11", "--inspections", "4"))
    ok(run("add-plan", "--village", "东溪村", "--month", "2024-11", "--patrols", "2"))
    ok(run("add-patrol", "--date", "2024-11-12", "--village", "东溪村", "--by", "杨国富"))
    ok(run("submit", "--month", "2024-10", "--office", "经发办", "--date", "2024-11-03"))
    ok(run("submit", "--month", "2024-11", "--office", "经发办", "--date", "2024-12-10"))
    monkeypatch.setenv("ANQUAN_OFFICE", "经发办")
    visit = ok(run("add-inspection", "-e", textile, "--date", "2024-11-10"))
    ok(run("add-hazard", "-e", textile, "-d", "叉车无证", "--inspection", visit))
    return ledger


def assessment(run: Run) -> dict[str, Any]:
    outcome = run("report", "--quarter", "4", "--year", "2024", "--format", "json")
    assert outcome.code == 0, outcome.err
    return dict(json.loads(outcome.out)["assessment"])


def test_scores_are_counted_by_hand_over_the_year(assessed: Path, run: Run) -> None:
    a = assessment(run)
    assert (a["year"], a["from"], a["as_of"]) == (2024, "2024-01-01", "2024-12-31")
    assert a["by_village"] == {
        "东溪村": {
            "巡查计划完成率": 10,
            "隐患整改率": 20,
            "按时报送": 0,
            "deductions": 0,
            "total": 30,
        },
        "西岭村": {
            "巡查计划完成率": 20,
            "隐患整改率": 0,
            "按时报送": 0,
            "deductions": 0,
            "total": 20,
        },
    }
    assert a["by_office"] == {
        "经发办": {
            "检查计划完成率": 5,
            "隐患整改率": 0,
            "按时报送": 1.8,
            "deductions": 3,
            "total": 3.8,
        }
    }
    assert a["by_unit"] == {"兴源化工有限公司": {"隐患整改率": 20, "deductions": 0, "total": 20}}
    assert a["basis"]["by_office"]["经发办"]["按时报送"] == "按时1/11"
    assert a["deductions"] == [
        {"group": "by_office", "name": "经发办", "points": 3, "reason": "专卷不全"}
    ]


def test_every_table_adds_up_to_its_total_row_with_a_unit_lacking_a_supervisor(
    assessed: Path, run: Run
) -> None:
    a = assessment(run)
    for group, rows in (
        ("by_village", a["by_village"]),
        ("by_office", a["by_office"]),
        ("by_unit", a["by_unit"]),
        ("offices_and_units", a["by_office"] | a["by_unit"]),
    ):
        totals = a["totals"][group]
        for key, value in totals.items():
            assert round(sum(row.get(key, 0) for row in rows.values()), 1) == value, (group, key)
    assert a["totals"]["by_village"]["total"] == 50
    assert a["totals"]["offices_and_units"]["total"] == 23.8
    # the unit without a 监管单位 counts under 未填写 in by_office, which is not scored
    figures = json.loads(run("report", "--year", "2024", "--format", "json").out)
    assert figures["by_office"]["未填写"]["hazards_found"] == 2


def test_the_same_year_whatever_the_period(assessed: Path, run: Run) -> None:
    quarter = assessment(run)
    whole = json.loads(run("report", "--year", "2024", "--format", "json").out)["assessment"]
    month = json.loads(
        run("report", "--month", "2024-12", "--year", "2024", "--format", "json").out
    )["assessment"]
    assert quarter == whole == month


def test_the_q4_notice_carries_the_years_tables(assessed: Path, run: Run) -> None:
    outcome = run("report", "--quarter", "4", "--year", "2024", "--template", "综合检查督查通报")
    text = ok(outcome)
    assert "附件：1.东溪镇2024年度村（居）安全生产工作考核汇总表" in text
    assert "2.东溪镇2024年度站、办、企事业单位安全生产工作考核汇总表" in text
    assert "| 1 | 东溪村 | 10 | 20 | 0 |  | 30 |" in text
    assert "| 合计 | | 30 | 20 | 0 |  | 50 |" in text
    assert "| 1 | 经发办 | 5 | 0 | 1.8 | 3 | 3.8 |" in text
    assert "| 2 | 兴源化工有限公司 | — | 20 | — |  | 20 |" in text
    assert "| 合计 | | 5 | 20 | 1.8 | 3 | 23.8 |" in text
    assert "扣分说明：经发办扣3分（专卷不全）。" in text
    # the body's own accountability sentences come from the figures
    assert "经发办每月的隐患排查整改台账未按时报送应急办" not in text  # the only office: 所有
    assert "所有办所每月的隐患排查整改台账未按时报送应急办（经发办迟报1次）" in text
    assert "东溪村未按照巡查计划严格执行巡查任务" in text
    assert "经发办未按照检查计划完成检查任务" in text


def test_an_unknown_item_is_named_in_anquan_yaml(assessed: Path, run: Run) -> None:
    settings = assessed / "anquan.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "隐患整改率, points: 40", "安全得分, points: 40"
        ),
        encoding="utf-8",
    )
    outcome = run("check")
    assert outcome.code != 0
    assert "安全得分" in outcome.out + outcome.err and "检查计划完成率" in outcome.out + outcome.err


def test_check_names_an_assessed_unit_the_ledger_does_not_hold(assessed: Path, run: Run) -> None:
    settings = assessed / "anquan.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "[兴源化工有限公司]", "[兴源化工有限公司, 无名厂]"
        ),
        encoding="utf-8",
    )
    outcome = run("check")
    assert outcome.code == 1
    assert "anquan.yaml:13: 考核的单位“无名厂”不在台账中" in outcome.out
