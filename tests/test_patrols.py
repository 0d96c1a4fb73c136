"""Patrols (巡查), units' self-checks (企业自查) and hazards at a place, through the commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Run

REPORT = ("report", "--quarter", "4", "--year", "2024", "--format", "json")


def _report(run: Run) -> dict[str, Any]:
    outcome = run(*REPORT)
    assert outcome.code == 0, outcome.err
    data: dict[str, Any] = json.loads(outcome.out)
    return data


def _patrols(run: Run, village: str, times: int, start: int = 1) -> list[str]:
    made = []
    for day in range(start, start + times):
        outcome = run(
            "add-patrol",
            "--date",
            f"2024-10-{day:02d}",
            "--village",
            village,
            "--kind",
            "走山走水",
            "--by",
            "张三、李四",
        )
        assert outcome.code == 0, outcome.err
        made.append(outcome.value)
    return made


def test_a_patrol_gets_its_own_id_and_is_listed(run: Run, ledger: Path) -> None:
    made = run("add-patrol", "--date", "2024-10-05", "--village", "东溪村", "--by", "张三,李四")
    assert made.code == 0, made.err
    assert made.value == "DX-X-2410-YJB01"
    assert (ledger / "patrols" / "2024" / "DX-X-2410-YJB01.yaml").is_file()
    listed = json.loads(run("list", "patrols", "--format", "json").out)
    assert listed[0]["by"] == ["张三", "李四"] and listed[0]["kind"] == "日常巡查"
    assert json.loads(run("list", "patrols", "--village", "东溪村", "--format", "json").out)


def test_patrol_kinds_come_from_the_ledger_when_it_lists_them(run: Run, ledger: Path) -> None:
    wrong = run("add-patrol", "--date", "2024-10-05", "--village", "东溪村", "--kind", "巡河", "--by", "张三")  # fmt: skip
    assert wrong.code == 2 and "巡查类型“巡河”不在台账设置的列表中" in wrong.err
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("patrol_kinds: [巡河, 巡山]\n")
    kept = run("add-patrol", "--date", "2024-10-05", "--village", "东溪村", "--kind", "巡河", "--by", "张三")  # fmt: skip
    assert kept.code == 0, kept.err
    first = run("add-patrol", "--date", "2024-10-06", "--village", "东溪村", "--by", "张三")
    assert json.loads(run("show", first.value, "--format", "json").out)["kind"] == "巡河"


def test_patrols_never_count_as_inspections_nor_toward_inspection_plans(
    run: Run, unit: str
) -> None:
    run("add-plan", "--office", "应急办", "--month", "2024-10", "--inspections", "4")
    run("add-inspection", "-e", unit, "--date", "2024-10-03", "--inspectors", "王五")
    before = _report(run)
    _patrols(run, "东溪村", 3)
    run("add-patrol", "--date", "2024-10-09", "--village", "东溪村", "--point", unit, "--by", "赵六")  # fmt: skip
    after = _report(run)
    for key in ("inspections", "enterprises_inspected", "inspector_visits"):
        assert after["totals"][key] == before["totals"][key]
    assert after["plans"] == before["plans"] == {"应急办": {"planned": 4, "done": 1, "rate": 0.25}}
    assert (after["totals"]["patrols"], after["totals"]["patrol_visits"]) == (4, 7)
    assert after["by_village"]["东溪村"]["patrols"] == 4
    assert after["by_office"]["应急办"]["patrols"] == 4
    assert after["by_sector"]["危险化学品"]["patrols"] == 1


def test_a_patrol_plan_counts_the_villages_patrols(run: Run, ledger: Path) -> None:
    plan = run("add-plan", "--village", "东溪村", "--month", "2024-10", "--patrols", "8")
    assert plan.code == 0, plan.err
    mixed = run("add-plan", "--village", "东溪村", "--month", "2024-10", "--patrols", "8", "--office", "应急办")  # fmt: skip
    assert mixed.code == 2 and "应分别登记" in mixed.err
    _patrols(run, "东溪村", 2)
    _patrols(run, "西山村", 1, start=10)
    data = _report(run)
    assert data["patrol_plans"] == {"东溪村": {"planned": 8, "done": 2, "rate": 0.25}}
    assert data["plans"] == {}
    listed = json.loads(run("list", "plans", "--village", "东溪村", "--format", "json").out)
    assert [p["id"] for p in listed] == [plan.value]
    explained = json.loads(
        run(*REPORT[:-2], "--explain", "patrol_plans.东溪村.done", "--format", "json").out
    )
    assert explained["value"] == 2


def test_a_village_whose_patrols_all_found_nothing_is_named(run: Run, unit: str) -> None:
    _patrols(run, "西山村", 9)
    assert _report(run)["quiet_villages"] == {}
    assert "均未发现隐患" not in run("check").out
    _patrols(run, "西山村", 1, start=20)
    data = _report(run)
    assert data["quiet_villages"] == {"西山村": 10}
    assert data["by_village"]["西山村"]["patrols_without_findings"] == 10
    checked = run("check")
    assert checked.code == 0
    assert "西山村2024年第4季度巡查10次，均未发现隐患" in checked.out + checked.err
    assert "西山村巡查10次，均未发现隐患" in run("stats", "--quarter", "4", "--year", "2024").out
    found = run("add-patrol", "--date", "2024-10-25", "--village", "西山村", "--by", "张三")
    hazard = run("add-hazard", "--patrol", found.value, "-d", "山塘护栏缺失", "--place", "西山塘")
    assert hazard.code == 0, hazard.err
    data = _report(run)
    assert data["quiet_villages"] == {}
    assert data["by_village"]["西山村"]["patrols_without_findings"] == 10
    assert data["by_village"]["西山村"]["patrols"] == 11


def test_the_quiet_threshold_is_the_ledgers(run: Run, ledger: Path) -> None:
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("patrol_quiet_after: 3\n")
    _patrols(run, "西山村", 3)
    assert _report(run)["quiet_villages"] == {"西山村": 3}


def test_a_hazard_a_patrol_found_at_a_place_with_no_unit(run: Run, ledger: Path) -> None:
    patrol = run("add-patrol", "--date", "2024-10-05", "--village", "马家湾村", "--kind", "地灾巡查", "--by", "王五")  # fmt: skip
    made = run(
        "add-hazard",
        "--patrol",
        patrol.value,
        "-d",
        "坡体出现新裂缝",
        "--place",
        "马家湾后山滑坡体",
        "--sector",
        "地质灾害",
        "--level",
        "重大",
    )
    assert made.code == 0, made.err
    shown = json.loads(run("show", made.value, "--format", "json").out)
    assert shown["source"] == "巡查" and shown["patrol"] == patrol.value
    assert (shown["village"], shown["place"], shown["found"]) == (
        "马家湾村",
        "马家湾后山滑坡体",
        "2024-10-05",
    )
    assert "enterprise" not in shown
    data = _report(run)
    assert data["totals"]["hazards_found"] == 1
    assert data["by_village"]["马家湾村"]["hazards_found"] == 1
    assert data["by_sector"]["地质灾害"]["hazards_found"] == 1
    assert data["by_source"]["巡查"] == {"hazards": 1, "hazards_rectified": 0}
    assert data["open_major"][0]["unit"] == "马家湾后山滑坡体"
    assert data["totals"]["patrols_without_findings"] == 0
    assert run("check").code == 0
    listed = run("list", "hazards", "--village", "马家湾村", "--format", "csv").out
    assert "马家湾后山滑坡体" in listed
    assert run("export", "-o", "all.xlsx").code == 0


def test_a_hazard_needs_a_unit_or_a_place(run: Run, ledger: Path) -> None:
    patrol = run("add-patrol", "--date", "2024-10-05", "--village", "马家湾村", "--by", "王五")
    bare = run("add-hazard", "--patrol", patrol.value, "-d", "坡体裂缝")
    assert bare.code == 2 and "--place" in bare.err
    nowhere = run("add-hazard", "-d", "坡体裂缝", "--village", "马家湾村")
    assert nowhere.code == 2
    wrong = run("add-hazard", "--patrol", patrol.value, "--source", "举报", "-d", "x", "--place", "y")  # fmt: skip
    assert wrong.code == 2 and "来源是巡查" in wrong.err
    early = run("add-hazard", "--patrol", patrol.value, "-d", "x", "--place", "y", "--found", "2024-10-01")  # fmt: skip
    assert early.code == 2 and "早于所引巡查" in early.err


def test_self_checks_and_their_hazards_are_counted_apart(run: Run, unit: str, ledger: Path) -> None:
    checks = [
        run("add-self-check", "-e", unit, "--date", f"2024-11-{day:02d}", "--level", level)
        for day, level in ((1, "班组"), (8, "部门"), (30, "厂长"))
    ]
    assert all(c.code == 0 for c in checks), [c.err for c in checks]
    assert checks[0].value == "DX-Z-2411-YJB01"
    own = run("add-hazard", "--self-check", checks[2].value, "-d", "储罐阀门渗漏", "--on-the-spot")
    second = run("add-hazard", "--self-check", checks[1].value, "-d", "应急器材不全", "--deadline", "2024-12-20")  # fmt: skip
    town = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-11-03", "--on-the-spot")  # fmt: skip
    assert own.code == second.code == town.code == 0, own.err + second.err + town.err
    data = _report(run)
    totals = data["totals"]
    assert (totals["self_checks"], totals["units_self_checked"]) == (3, 1)
    assert (totals["self_check_hazards"], totals["self_check_hazards_rectified"]) == (2, 1)
    assert (totals["hazards_found"], totals["hazards_rectified"]) == (1, 1)
    assert totals["hazards_fixed_on_spot"] == 1
    assert totals["inspections"] == 0 and totals["hazards_overdue"] == 0
    assert data["by_source"]["企业自查"] == {"hazards": 2, "hazards_rectified": 1}
    assert data["by_village"]["东溪村"]["self_checks"] == 3
    explained = json.loads(
        run(*REPORT[:-2], "--explain", "self_check_hazards", "--format", "json").out
    )
    assert [r["id"] for r in explained["records"]] == [own.value, second.value]


def test_units_without_a_self_check_in_a_month(run: Run, unit: str, ledger: Path) -> None:
    other = run("add-enterprise", "--name", "东溪五金厂", "--sector", "工贸").value
    run("add-enterprise", "--name", "小明超市", "--sector", "九小场所")
    unmarked = run("list", "enterprises", "--no-self-check", "--month", "2024-11")
    assert unmarked.code == 2 and "self_check_sectors" in unmarked.err
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("self_check_sectors: [危险化学品, 工贸]\n")
    run("add-self-check", "-e", unit, "--date", "2024-11-05")
    run("add-self-check", "-e", other, "--date", "2024-10-31")
    listed = json.loads(
        run(
            "list", "enterprises", "--no-self-check", "--month", "2024年11月", "--format", "json"
        ).out
    )
    assert [u["id"] for u in listed] == [other]
    october = json.loads(
        run("list", "enterprises", "--no-self-check", "--month", "2024-10", "--format", "json").out
    )
    assert [u["id"] for u in october] == [unit]
    alone = run("list", "enterprises", "--no-self-check")
    assert alone.code == 2 and "--month" in alone.err
    hazards = run("list", "hazards", "--no-self-check", "--month", "2024-10")
    assert hazards.code == 2


def test_every_new_figure_can_be_explained(run: Run, unit: str) -> None:
    patrol = _patrols(run, "东溪村", 2)
    run("add-hazard", "--patrol", patrol[0], "-d", "护栏缺失", "--place", "东溪河堤")
    check = run("add-self-check", "-e", unit, "--date", "2024-10-09").value
    run("add-hazard", "--self-check", check, "-d", "阀门渗漏", "--on-the-spot")
    run("add-hazard", "-e", unit, "-d", "通道堵塞", "--found", "2024-10-10", "--on-the-spot")
    expected = {
        "patrols": 2,
        "patrol_visits": 4,
        "patrols_without_findings": 1,
        "self_checks": 1,
        "units_self_checked": 1,
        "self_check_hazards": 1,
        "self_check_hazards_rectified": 1,
        "hazards_fixed_on_spot": 1,
        "by_village.东溪村.patrols": 2,
        "by_office.应急办.patrols_without_findings": 1,
        "by_source.巡查": 1,
        "by_source.企业自查.hazards_rectified": 1,
        "quiet_villages": 0,
    }
    for key, value in expected.items():
        outcome = run(*REPORT[:-2], "--explain", key, "--format", "json")
        assert outcome.code == 0, (key, outcome.err)
        assert json.loads(outcome.out)["value"] == value, key
