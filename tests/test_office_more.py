"""The rest of the office's work (issue 20, items 4–8): activities with quantities, people as
parties, changing a record and a unit's status, departments, campaigns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Run


def _figures(run: Run, *extra: str) -> dict[str, Any]:
    done = run("report", "--quarter", "4", "--year", "2024", "--format", "json", *extra)
    assert done.code == 0, done.err
    data: dict[str, Any] = json.loads(done.out)
    return data


def _unit(run: Run, name: str, *extra: str) -> str:
    done = run("add-enterprise", "--name", name, *extra)
    assert done.code == 0, done.err
    return done.value


def test_a_penalty_on_a_person_counts_as_a_penalty_and_on_its_own(ledger: Path, run: Run) -> None:
    unit = _unit(run, "兴源化工有限公司", "--sector", "危险化学品", "--village", "东溪村")
    assert run("add-penalty", "-e", unit, "--date", "2024-10-09", "--fine", "5000").code == 0
    done = run(
        "add-penalty", "--person", "张某", "--date", "2024-11-02", "--fine", "200",
        "--domain", "道路运输", "--village", "西岭村", "--reason", "驾驶摩托车未戴头盔",
    )  # fmt: skip
    assert done.code == 0, done.err
    data = _figures(run)
    assert data["totals"]["penalties"] == 2
    assert data["totals"]["penalties_on_persons"] == 1
    assert data["totals"]["fines_yuan"] == 5200
    assert data["by_sector"]["道路运输"]["penalties_on_persons"] == 1
    assert data["by_village"]["西岭村"]["penalties"] == 1
    assert data["by_sector"]["危险化学品"]["penalties_on_persons"] == 0
    explained = run(
        "report", "--quarter", "4", "--year", "2024", "--explain", "penalties_on_persons",
        "--format", "json",
    )  # fmt: skip
    rows = json.loads(explained.out)["records"]
    assert [r["unit"] for r in rows] == ["张某"]
    assert run("check").code == 0


def test_a_penalty_names_a_unit_or_a_person_never_both(ledger: Path, run: Run) -> None:
    unit = _unit(run, "兴源化工有限公司")
    both = run(
        "add-penalty", "-e", unit, "--person", "张某", "--date", "2024-11-02", "--fine", "200"
    )
    assert both.code == 2
    assert "只能给一个" in both.err
    place = run("add-penalty", "-e", unit, "--village", "东溪村", "--date", "2024-11-02",
                "--fine", "200")  # fmt: skip
    assert place.code == 2
    assert "--person" in place.err
    penalties = ledger / "penalties" / "2024"
    penalties.mkdir(parents=True)
    (penalties / "DX-P-2411-YJB01.yaml").write_text(
        "id: DX-P-2411-YJB01\ndate: 2024-11-02\nfine: 200\n", encoding="utf-8"
    )
    checked = run("check")
    assert checked.code == 1
    assert "须有单位（enterprise）或当事人（person）" in checked.out + checked.err


def test_an_accident_may_name_a_person(ledger: Path, run: Run) -> None:
    done = run(
        "add-accident", "--date", "2024-11-05", "--domain", "道路运输", "--place", "X201县道",
        "--person", "李某", "--injuries", "1",
    )  # fmt: skip
    assert done.code == 0, done.err
    shown = json.loads(run("show", done.value, "--format", "json").out)
    assert shown["person"] == "李某"


def test_activities_sum_their_quantities_per_kind_and_measure(ledger: Path, run: Run) -> None:
    for args in (
        ("--kind", "宣传", "--what", "发放宣传资料", "--quantity", "12000", "--measure", "份"),
        ("--kind", "宣传", "--what", "发放宣传资料", "--quantity", "8000", "--measure", "份"),
        ("--kind", "宣传", "--what", "悬挂横幅", "--quantity", "50", "--measure", "条",
         "--leader", "陈立新"),
        ("--kind", "劝导", "--quantity", "980", "--measure", "次"),
        ("--kind", "会商",),
    ):  # fmt: skip
        done = run("add-activity", "--date", "2024-11-03", *args)
        assert done.code == 0, done.err
    data = _figures(run)
    assert data["activities"]["宣传"]["count"] == 3
    assert data["activities"]["宣传"]["quantities"] == [
        {"what": "发放宣传资料", "measure": "份", "quantity": 20000},
        {"what": "悬挂横幅", "measure": "条", "quantity": 50},
    ]
    assert data["activities"]["劝导"]["quantities"] == [
        {"what": "劝导", "measure": "次", "quantity": 980}
    ]
    assert data["activities"]["会商"]["count"] == 1
    assert data["leaders"]["陈立新"]["宣传"] == 1
    assert data["leader_quantities"]["陈立新"]["宣传"] == [
        {"what": "悬挂横幅", "measure": "条", "quantity": 50}
    ]
    explained = run(
        "report", "--quarter", "4", "--year", "2024", "--format", "json",
        "--explain", "activities.宣传.发放宣传资料.份",
    )  # fmt: skip
    assert explained.code == 0, explained.err
    assert json.loads(explained.out)["value"] == 20000
    by_leader = run(
        "report", "--quarter", "4", "--year", "2024", "--format", "json",
        "--explain", "leader_quantities.陈立新.宣传.悬挂横幅.条",
    )  # fmt: skip
    assert json.loads(by_leader.out)["value"] == 50
    assert run("check").code == 0


def test_the_quantities_read_as_the_seed_sentence() -> None:
    from anquan_cli.render.numbers import quantities, share

    rows = [
        {"what": "发放宣传资料", "measure": "份", "quantity": 20000},
        {"what": "悬挂横幅", "measure": "条", "quantity": 50},
    ]
    assert quantities(rows) == "发放宣传资料20000份，悬挂横幅50条"
    assert share(7, 10) == "70.0%"
    assert share(3, 0) == "—"


def test_activity_kinds_and_measures_come_from_the_ledger(ledger: Path, run: Run) -> None:
    bad_kind = run("add-activity", "--date", "2024-11-03", "--kind", "聚餐")
    assert bad_kind.code == 2
    assert "通报批评" in bad_kind.err
    no_measure = run("add-activity", "--date", "2024-11-03", "--kind", "宣传", "--quantity", "5")
    assert no_measure.code == 2
    assert "数量（quantity）与计量单位（measure）应同时填写" in no_measure.err
    bad_measure = run(
        "add-activity", "--date", "2024-11-03", "--kind", "宣传", "--quantity", "5",
        "--measure", "吨",
    )  # fmt: skip
    assert bad_measure.code == 2
    assert "人次" in bad_measure.err
    settings = ledger / "anquan.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "activity_kinds: [巡河, 宣传]\nmeasures: [份, 公里]\n",
        encoding="utf-8",
    )
    done = run(
        "add-activity", "--date", "2024-11-03", "--kind", "巡河", "--quantity", "12",
        "--measure", "公里", "--no-commit",
    )  # fmt: skip
    assert done.code == 0, done.err
    assert run("add-activity", "--date", "2024-11-03", "--kind", "专题会议").code == 2
    data = _figures(run)
    assert set(data["activities"]) == {"巡河", "宣传"}
    assert data["activities"]["巡河"]["quantities"][0]["quantity"] == 12


def test_an_inspection_counts_under_the_office_that_inspected(ledger: Path, run: Run) -> None:
    unit = _unit(run, "青石矿业有限公司", "--sector", "非煤矿山", "--office", "经发办")
    done = run(
        "add-inspection", "-e", unit, "--date", "2024-10-12", "--office", "区应急局",
        "--with", "规划所,派出所", "--inspectors", "赵一,钱二,孙三",
    )  # fmt: skip
    assert done.code == 0, done.err
    visit = done.value
    assert json.loads(run("show", visit, "--format", "json").out)["partners"] == [
        "规划所",
        "派出所",
    ]
    hazard = run("add-hazard", "--inspection", visit, "-d", "边坡未设置警示标志")
    assert hazard.code == 0, hazard.err
    own = run("add-inspection", "-e", unit, "--date", "2024-11-12")
    assert own.code == 0, own.err
    data = _figures(run)
    assert data["by_office"]["区应急局"]["inspections"] == 1
    assert data["by_office"]["区应急局"]["inspector_visits"] == 3
    assert data["by_office"]["区应急局"]["hazards_found"] == 1
    assert data["by_office"]["应急办"]["inspections"] == 1
    assert data["by_supervisor"]["经发办"]["inspections"] == 2
    assert data["by_supervisor"]["经发办"]["hazards_found"] == 1
    assert "区应急局" not in data["by_supervisor"]
    assert data["plans"] == {}
    explained = run(
        "report", "--quarter", "4", "--year", "2024", "--format", "json",
        "--explain", "by_office.区应急局.inspections",
    )  # fmt: skip
    assert [r["id"] for r in json.loads(explained.out)["records"]] == [visit]
    supervised = run(
        "report", "--quarter", "4", "--year", "2024", "--format", "json",
        "--explain", "by_supervisor.经发办.inspections",
    )  # fmt: skip
    assert json.loads(supervised.out)["value"] == 2
    listed = run("list", "inspections", "--format", "csv")
    assert "规划所、派出所" in listed.out


def _campaign_ledger(run: Run) -> dict[str, str]:
    """Ten restaurants, seven with a gas alarm; a 燃气报警 campaign inspects two of them."""
    ids = {}
    for n in range(10):
        ids[f"u{n}"] = _unit(
            run, f"第{n}餐馆", "--sector", "城镇燃气",
            "--attr", f"燃气报警装置={'已安装' if n < 7 else '未安装'}",
        )  # fmt: skip
    for n in (7, 8):
        done = run("add-inspection", "-e", ids[f"u{n}"], "--date", "2024-11-0" + str(n - 5),
                   "--campaign", "燃气报警")  # fmt: skip
        assert done.code == 0, done.err
        ids[f"i{n}"] = done.value
    hazard = run("add-hazard", "--inspection", ids["i7"], "-d", "未安装可燃气体报警装置")
    ids["h7"] = hazard.value
    fine = run("add-penalty", "-e", ids["u7"], "--hazard", ids["h7"], "--date", "2024-11-20",
               "--fine", "3000")  # fmt: skip
    assert fine.code == 0, fine.err
    other = run("add-inspection", "-e", ids["u1"], "--date", "2024-11-05")
    ids["other"] = other.value
    run("add-hazard", "--inspection", ids["other"], "-d", "灭火器过期")
    return ids


def test_a_campaign_has_its_own_figures(ledger: Path, run: Run) -> None:
    ids = _campaign_ledger(run)
    data = _figures(run)
    assert data["totals"]["inspections"] == 3
    campaign = data["by_campaign"]["燃气报警"]
    assert (campaign["inspections"], campaign["hazards_found"], campaign["penalties"]) == (2, 1, 1)
    assert campaign["fines_yuan"] == 3000
    shares = data["units"]["by_sector"]["城镇燃气"]["attribute_shares"]["燃气报警装置"]
    assert shares == {"已安装": 0.7, "未安装": 0.3}
    only = _figures(run, "--campaign", "燃气报警")
    assert only["campaign"] == "燃气报警"
    assert only["totals"]["inspections"] == 2
    assert only["totals"]["hazards_found"] == 1
    assert only["totals"]["penalties"] == 1
    assert only["units"]["total"] == 10
    explained = run(
        "report", "--quarter", "4", "--year", "2024", "--format", "json",
        "--explain", "by_campaign.燃气报警.inspections",
    )  # fmt: skip
    assert [r["id"] for r in json.loads(explained.out)["records"]] == [ids["i7"], ids["i8"]]
    listed = run("list", "hazards", "--campaign", "燃气报警", "--format", "json")
    assert [h["id"] for h in json.loads(listed.out)] == [ids["h7"]]
    penalties = run("list", "penalties", "--campaign", "燃气报警", "--format", "json")
    assert len(json.loads(penalties.out)) == 1
    unknown = run("list", "inspections", "--campaign", "飞线充电")
    assert unknown.code == 2
    assert "燃气报警" in unknown.err
    no_units = run("list", "enterprises", "--campaign", "燃气报警")
    assert no_units.code == 2


def test_a_campaign_report_is_remembered_apart_from_the_whole(
    ledger: Path, run: Run, trust_fresh_files: None
) -> None:
    _campaign_ledger(run)
    assert _figures(run)["totals"]["inspections"] == 3
    assert _figures(run, "--campaign", "燃气报警")["totals"]["inspections"] == 2
    assert _figures(run)["totals"]["inspections"] == 3
    assert _figures(run, "--campaign", "燃气报警")["totals"]["inspections"] == 2


def test_set_changes_a_field_commits_and_log_shows_it(ledger: Path, run: Run) -> None:
    unit = _unit(run, "黄朝屯方解石矿", "--sector", "非煤矿山", "--village", "东溪村")
    path = ledger / "enterprises" / f"{unit}.yaml"
    path.write_text(
        "# 手工备注：该矿2024年底停产\n" + path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    import subprocess

    done = run("set", unit, "状态=停产", "status_date=2024-11-20", "village=西岭村")
    assert done.code == 0, done.err
    assert "状态：在营 → 停产" in done.out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 手工备注：该矿2024年底停产\n")
    assert "status: 停产" in text and "status_date: 2024-11-20" in text
    log = run("log", unit)
    assert log.code == 0, log.err
    assert "停产" in log.out
    message = subprocess.run(
        ["git", "-C", str(ledger), "log", "-1", "--format=%s"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert message.startswith(f"修改企业 {unit}：")
    assert run("check").code == 0


def test_set_refuses_what_add_refuses(ledger: Path, run: Run) -> None:
    unit = _unit(run, "兴源化工有限公司")
    _unit(run, "青石矿业有限公司")
    visit = run("add-inspection", "-e", unit, "--date", "2024-10-12").value
    hazard = run("add-hazard", "--inspection", visit, "-d", "配电箱未接地").value
    cases = [
        ((unit, "secter=工贸"), "是否为 sector"),
        ((unit, "风险等级=很高"), "风险等级"),
        ((unit, "name=青石矿业有限公司"), "已登记"),
        ((visit, "date=2099-01-01"), "晚于今天"),
        ((hazard, "deadline=2024-10-01"), "早于发现日期"),
        ((hazard, "status=已销号"), "rectify、verify"),
        ((hazard, "id=DX-H-2410-YJB09"), "编号不能修改"),
        ((unit, "village"), "字段=值"),
    ]
    for args, words in cases:
        done = run("set", *args)
        assert done.code == 2, (args, done.out)
        assert words in done.err, (args, done.err)
    settings = ledger / "anquan.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "villages: [东溪村, 西岭村]\n", encoding="utf-8"
    )
    outside = run("set", unit, "village=北村", "--no-commit")
    assert outside.code == 2
    assert "不在台账设置的列表中" in outside.err
    assert run("set", unit, "所属村(社区)=西岭村", "--no-commit").code == 0


def test_set_moves_a_hazards_found_step_with_its_date(ledger: Path, run: Run) -> None:
    unit = _unit(run, "兴源化工有限公司")
    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    done = run("set", hazard, "found=2024-10-14", "deadline=2024-10-30")
    assert done.code == 0, done.err
    shown = json.loads(run("show", hazard, "--format", "json").out)
    assert shown["found"] == "2024-10-14"
    assert shown["history"][0]["date"] == "2024-10-14"
    assert run("check").code == 0


def test_a_suspended_unit_is_said_and_a_closed_one_leaves_from_its_date(
    ledger: Path, run: Run
) -> None:
    mine = _unit(run, "黄朝屯方解石矿", "--sector", "非煤矿山")
    _unit(run, "青石矿业有限公司", "--sector", "非煤矿山")
    shop = _unit(run, "东溪加油站", "--sector", "危险化学品")
    assert run("set", mine, "状态=停产", "状态日期=2024-06-01").code == 0
    assert run("set", shop, "status=关闭", "status_date=2024-11-15").code == 0
    data = _figures(run)
    mines = data["units"]["by_sector"]["非煤矿山"]
    assert (mines["count"], mines["suspended"]) == (2, 1)
    assert data["units"]["suspended"] == 1
    assert "危险化学品" not in data["units"]["by_sector"]
    assert data["units"]["total"] == 2
    before = run("report", "--year", "2024", "--quarter", "4", "--as-of", "2024-11-01",
                 "--format", "json")  # fmt: skip
    assert json.loads(before.out)["units"]["total"] == 3
    q1 = run("report", "--year", "2024", "--quarter", "1", "--format", "json")
    assert json.loads(q1.out)["units"]["suspended"] == 0
    explained = run(
        "report", "--year", "2024", "--quarter", "4", "--format", "json",
        "--explain", "units.by_sector.非煤矿山.suspended",
    )  # fmt: skip
    assert [r["id"] for r in json.loads(explained.out)["records"]] == [mine]
    total = run("report", "--year", "2024", "--quarter", "4", "--format", "json",
                "--explain", "units.total")  # fmt: skip
    assert json.loads(total.out)["value"] == 2


def _town_with_office_work(run: Run, root: Path, name: str) -> None:
    assert run("init", root, "--name", name).code == 0, name

    def add(*args: str) -> str:
        done = run(*args, "--ledger", root)
        assert done.code == 0, done.err
        return done.value

    mine = add("add-enterprise", "--name", f"{name}采石场", "--sector", "非煤矿山",
               "--office", "经发办")  # fmt: skip
    add("add-enterprise", "--name", f"{name}石料厂", "--sector", "非煤矿山")
    add("set", mine, "状态=停产", "状态日期=2024-10-01")
    visit = add("add-inspection", "-e", mine, "--date", "2024-10-12", "--office", "区应急局",
                "--with", "派出所", "--campaign", "岁末年初大检查")  # fmt: skip
    add("add-hazard", "--inspection", visit, "-d", "边坡未设置警示标志")
    add("add-activity", "--date", "2024-11-03", "--kind", "宣传", "--what", "发放宣传资料",
        "--quantity", "10000", "--measure", "份", "--leader", "张书记")  # fmt: skip
    add("add-penalty", "--person", "张某", "--date", "2024-11-02", "--fine", "200",
        "--domain", "道路运输")  # fmt: skip


def test_the_new_figures_add_up_in_a_district(run: Run, tmp_path: Path) -> None:
    from datetime import date

    from anquan_cli.api import rollup
    from anquan_cli.api.figuring import question
    from anquan_cli.stats.periods import quarter
    from anquan_cli.stats.summary import summarize
    from anquan_cli.store.district import scan_ledger
    from anquan_cli.store.ledger import Ledger

    _town_with_office_work(run, tmp_path / "east", "东溪镇")
    _town_with_office_work(run, tmp_path / "west", "西岭镇")
    district = tmp_path / "district"
    district.mkdir()
    (district / "anquan.yaml").write_text(
        "name: 某区\ncode: MQ\ntowns:\n  - ../east\n  - ../west\n", encoding="utf-8"
    )
    period = quarter(2024, 4)
    book = Ledger.open(district, use_cache=False)
    whole = summarize(
        [e.record for e in book.entries], period, settings=book.settings, town_of=book.town_of
    )
    found = rollup.district_summary(
        scan_ledger(district, book.settings), period, question(period, date.today()),
        use_cache=False,
    )  # fmt: skip
    assert found is not None
    data = found[0].to_dict()
    assert data == whole.to_dict()
    assert data["totals"]["penalties_on_persons"] == 2
    assert data["by_office"]["区应急局"]["inspections"] == 2
    assert data["by_supervisor"]["经发办"]["inspections"] == 2
    assert data["by_campaign"]["岁末年初大检查"]["hazards_found"] == 2
    assert data["units"]["suspended"] == 2
    assert data["activities"]["宣传"]["quantities"] == [
        {"what": "发放宣传资料", "measure": "份", "quantity": 20000}
    ]
    assert data["leader_quantities"]["张书记"]["宣传"][0]["quantity"] == 20000
    only = run("report", "--ledger", district, "--quarter", "4", "--year", "2024",
               "--format", "json", "--campaign", "岁末年初大检查")  # fmt: skip
    assert only.code == 0, only.err
    restricted = json.loads(only.out)
    assert restricted["totals"]["inspections"] == 2
    assert restricted["totals"]["penalties"] == 0
    assert restricted["by_town"]["西岭镇"]["hazards_found"] == 1


def test_a_campaign_report_names_the_campaign_in_its_title(run: Run) -> None:
    example = Path(__file__).parents[1] / "examples" / "dongxi"
    done = run(
        "report", "--ledger", example, "--quarter", "4", "--year", "2024",
        "--template", "隐患排查整治情况", "--campaign", "燃气安全专项整治",
    )  # fmt: skip
    assert done.code == 0, done.err
    assert done.out.startswith("# 东溪镇2024年第四季度“燃气安全专项整治”隐患排查整治情况")
    assert "总计检查企业(单位)2家，排查隐患3处" in done.out


def test_quantities_persons_and_status_dates_survive_export_and_import(
    ledger: Path, run: Run, tmp_path: Path
) -> None:
    mine = _unit(run, "黄朝屯方解石矿", "--sector", "非煤矿山")
    assert run("set", mine, "状态=停产", "状态日期=2024-09-30").code == 0
    assert run("add-activity", "--date", "2024-11-09", "--kind", "宣传", "--what", "发放宣传资料",
               "--quantity", "20000", "--measure", "份").code == 0  # fmt: skip
    assert run("add-penalty", "--person", "黄某", "--domain", "道路运输", "--date", "2024-12-20",
               "--fine", "200").code == 0  # fmt: skip
    exported = tmp_path / "台账.xlsx"
    assert run("export", "-o", exported).code == 0
    other = tmp_path / "other"
    assert run("init", other, "--name", "东溪镇").code == 0
    imported = run("import", exported, "--ledger", other)
    assert imported.code == 0, imported.err
    before = _figures(run)
    after = json.loads(
        run("report", "--ledger", other, "--quarter", "4", "--year", "2024", "--format", "json").out
    )
    for key in ("activities", "units"):
        assert after[key] == before[key], key
    assert after["totals"]["penalties_on_persons"] == 1
    assert after["by_sector"]["道路运输"]["penalties"] == 1
