"""Checklists: the bundled ones, a ledger's own, `inspect` with its answers, and their figures."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from anquan_cli.model.checklist import Checklist, read_answer, read_answers
from anquan_cli.model.enums import Verdict
from anquan_cli.store.checklists import bundled_names, find_checklist
from tests.conftest import Run

SECTORS = {
    "九小场所消防": "九小场所",
    "城镇燃气（餐饮用户）": "城镇燃气",
    "经营性自建房": "自建房",
    "工贸（粉尘涉爆、有限空间）": "工贸",
    "危险化学品经营": "危险化学品",
    "烟花爆竹零售": "烟花爆竹",
    "建筑施工": "建筑施工",
    "人员密集场所": "人员密集场所",
}


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def commits(ledger: Path) -> int:
    out = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=ledger, capture_output=True, text=True
    )
    return int(out.stdout)


@pytest.fixture
def shop(run: Run, ledger: Path) -> str:
    outcome = run("add-enterprise", "--name", "老街小吃店", "--sector", "九小场所")
    assert outcome.code == 0, outcome.err
    return outcome.value


def answers(ledger: Path, text: str, name: str = "答案.yaml") -> Path:
    path = ledger / name
    path.write_text(text, encoding="utf-8")
    return path


# The bundled checklists ------------------------------------------------------------------------


def test_every_sector_the_issue_names_has_a_bundled_checklist_of_8_to_20_items() -> None:
    assert set(SECTORS) <= set(bundled_names())
    for name, sector in SECTORS.items():
        checklist = find_checklist(None, name).checklist
        assert checklist.sector == sector
        assert checklist.version
        assert 8 <= len(checklist.items) <= 20, name
        assert [i.number for i in checklist.items] == list(range(1, len(checklist.items) + 1))
        for item in checklist.items:
            assert item.basis.startswith("《"), (name, item.number)
            assert item.measures
            assert not item.major or "判定" in (item.major_basis or "")


def test_major_items_cite_a_published_major_hazard_standard() -> None:
    dust = find_checklist(None, "工贸（粉尘涉爆、有限空间）").checklist
    assert dust.item(3) is not None and dust.item(3).major  # type: ignore[union-attr]
    assert "应急管理部令第10号" in (dust.item(3).major_basis or "")  # type: ignore[union-attr]
    building = find_checklist(None, "建筑施工").checklist
    assert all("（2022版）" in (i.major_basis or "") for i in building.items if i.major)


def test_checklist_list_names_each_with_version_sector_and_source(run: Run, ledger: Path) -> None:
    outcome = run("checklist", "list")
    assert outcome.code == 0, outcome.err
    first = outcome.out.splitlines()
    assert len(first) == len(bundled_names())
    line = next(x for x in first if x.startswith("九小场所消防\t"))
    assert line.split("\t") == [
        "九小场所消防",
        "版本 1.0",
        "九小场所",
        "15 项（重大隐患项 0）",
        "内置检查表",
    ]


def test_checklist_show_gives_each_item_its_basis_and_measures(run: Run, ledger: Path) -> None:
    outcome = run("checklist", "show", "工贸（粉尘涉爆、有限空间）")
    assert outcome.code == 0, outcome.err
    assert "3. 干式除尘系统采取了泄爆、惰化、抑爆等爆炸防控措施" in outcome.out
    assert "   重大隐患：《工贸企业重大事故隐患判定标准》（应急管理部令第10号）" in outcome.out
    data = json.loads(run("checklist", "show", "建筑施工", "--format", "json").out)
    assert data["items"][7]["basis"] == "《施工现场临时用电安全技术规范》（JGJ 46-2005）第1.0.3条"


def test_an_unknown_checklist_is_a_usage_error_listing_the_known_ones(
    run: Run, ledger: Path
) -> None:
    outcome = run("checklist", "show", "食品安全")
    assert outcome.code == 2
    assert "找不到检查表“食品安全”；可选：" in outcome.err
    assert "九小场所消防" in outcome.err


# Answers ----------------------------------------------------------------------------------------


def test_an_answer_is_a_word_then_an_optional_note() -> None:
    assert read_answer("合格") == (Verdict.PASSED, None)
    assert read_answer("不合格 灭火器过期") == (Verdict.FAILED, "灭火器过期")
    assert read_answer("不合格：灭火器过期") == (Verdict.FAILED, "灭火器过期")
    assert read_answer(" 不涉及  无燃气 ") == (Verdict.NOT_APPLICABLE, "无燃气")
    # a note runs on from its word only after a space or a colon: 合格证过期 is no 合格
    for wrong in ("好", "ok", 3, None, "", "合格证过期", "不合格灭火器过期"):
        with pytest.raises(ValueError):
            read_answer(wrong)


def test_answers_name_items_of_the_checklist_only() -> None:
    checklist = find_checklist(None, "九小场所消防").checklist
    assert read_answers({2: "不合格", "第3项": "合格"}, checklist) == {
        2: (Verdict.FAILED, None),
        3: (Verdict.PASSED, None),
    }
    with pytest.raises(ValueError, match="没有第 25 项（共有第 1–15 项）"):
        read_answers({25: "合格"}, checklist)


# inspect --answers ------------------------------------------------------------------------------


def test_inspect_with_answers_writes_the_inspection_and_a_hazard_per_failed_item(
    run: Run, ledger: Path, shop: str
) -> None:
    before = commits(ledger)
    path = answers(ledger, "1: 合格\n2: 不合格 灭火器仅1具\n3: 不合格\n5: 不涉及 无独立出口\n")
    outcome = run(
        "inspect", "-e", "老街小吃店", "--checklist", "九小场所消防", "--date", "2024-10-15",
        "--answers", path, "--leader", "陈立新", "--inspectors", "张伟,李娜",
        "--deadline", "2024-10-30",
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    assert outcome.out.splitlines() == ["DX-I-2410-YJB01", "DX-H-2410-YJB01", "DX-H-2410-YJB02"]
    assert "合格 1 项，不合格 2 项，不涉及 1 项，未检查 11 项；登记隐患 2 处" in outcome.err
    assert commits(ledger) == before + 1  # one change: the inspection and its hazards together

    visit = read(ledger / "inspections/2024/DX-I-2410-YJB01.yaml")
    listed = visit.pop("answers")
    assert visit == {
        "id": "DX-I-2410-YJB01",
        "enterprise": shop,
        "date": __import__("datetime").date(2024, 10, 15),
        "type": "日常检查",
        "leader": "陈立新",
        "inspectors": ["张伟", "李娜"],
        "office": "应急办",
        "checklist": "九小场所消防",
        "checklist_version": "1.0",
    }
    assert len(listed) == 15
    assert listed[:5] == [
        {"item": 1, "text": "明确消防安全责任人、管理人，制定消防安全制度和灭火、应急疏散预案",
         "result": "合格"},
        {"item": 2, "text": "按规定配置灭火器，每个计算单元不少于2具", "result": "不合格",
         "note": "灭火器仅1具"},
        {"item": 3, "text": "灭火器压力正常、在检验有效期内，无过期、报废或损坏",
         "result": "不合格"},
        {"item": 4, "text": "灭火器设置在明显和便于取用的地点，未被遮挡、挪作他用",
         "result": "未检查"},
        {"item": 5, "text": "疏散通道、安全出口畅通，未占用、堵塞、锁闭", "result": "不涉及",
         "note": "无独立出口"},
    ]  # fmt: skip
    assert {a["result"] for a in listed[5:]} == {"未检查"}

    hazard = read(ledger / "hazards/2024/DX-H-2410-YJB01.yaml")
    assert hazard == {
        "id": "DX-H-2410-YJB01",
        "enterprise": shop,
        "found": __import__("datetime").date(2024, 10, 15),
        "description": "灭火器仅1具（不符合：按规定配置灭火器，每个计算单元不少于2具）",
        "basis": "《建筑灭火器配置设计规范》（GB 50140-2005）第6.1.1条；"
        "《中华人民共和国消防法》第十六条第一款第（二）项",
        "level": "一般",
        "category": "消防设施器材",
        "inspection": "DX-I-2410-YJB01",
        "measures": "按场所面积和火灾危险等级配足灭火器（每个计算单元不少于2具），"
        "优先配置手提式ABC干粉灭火器",
        "deadline": __import__("datetime").date(2024, 10, 30),
        "status": "整改中",
        "history": [
            {"date": __import__("datetime").date(2024, 10, 15), "action": "发现", "by": "应急办"}
        ],
    }
    second = read(ledger / "hazards/2024/DX-H-2410-YJB02.yaml")
    assert second["description"] == "不符合：灭火器压力正常、在检验有效期内，无过期、报废或损坏"
    assert run("check").code == 0


def test_a_failed_major_item_is_a_major_hazard_and_its_five_assurances_are_asked_for(
    run: Run, ledger: Path, unit: str
) -> None:
    path = answers(ledger, "3: 不合格 除尘器无泄爆口\n10: 合格\n")
    outcome = run(
        "inspect", "-e", unit, "-c", "工贸（粉尘涉爆、有限空间）", "--date", "2024-11-02",
        "--answers", path,
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    hazard_id = outcome.out.splitlines()[1]
    hazard = read(ledger / f"hazards/2024/{hazard_id}.yaml")
    assert hazard["level"] == "重大"
    assert hazard["category"] == "粉尘防爆"
    assert "五落实" in outcome.err and hazard_id in outcome.err


def test_an_inspection_with_nothing_failed_writes_no_hazard(
    run: Run, ledger: Path, shop: str
) -> None:
    path = answers(ledger, "1: 合格\n2: 合格\n")
    outcome = run("inspect", "-e", shop, "-c", "九小场所消防", "--date", "2024-10-15",
                  "--answers", path)  # fmt: skip
    assert outcome.code == 0, outcome.err
    assert outcome.out.splitlines() == ["DX-I-2410-YJB01"]
    assert not list(ledger.glob("hazards/*/*.yaml"))


def nothing_written(ledger: Path, before: int) -> None:
    assert commits(ledger) == before
    assert not list(ledger.glob("inspections/*/*.yaml"))
    assert not list(ledger.glob("hazards/*/*.yaml"))


def test_an_unknown_item_number_in_the_answers_names_its_line_and_writes_nothing(
    run: Run, ledger: Path, shop: str
) -> None:
    before = commits(ledger)
    path = answers(ledger, "1: 合格\n2: 不合格\n25: 不合格 灭火器过期\n")
    outcome = run("inspect", "-e", shop, "-c", "九小场所消防", "--date", "2024-10-15",
                  "--answers", path)  # fmt: skip
    assert outcome.code == 1
    assert outcome.err.strip() == (
        f"错误：{path}:3: 检查表“九小场所消防”没有第 25 项（共有第 1–15 项）"
    )
    nothing_written(ledger, before)


def test_an_answer_that_is_no_verdict_is_refused(run: Run, ledger: Path, shop: str) -> None:
    before = commits(ledger)
    path = answers(ledger, "1: 合格\n2: 还行\n")
    outcome = run("inspect", "-e", shop, "-c", "九小场所消防", "--date", "2024-10-15",
                  "--answers", path)  # fmt: skip
    assert outcome.code == 1
    assert f"{path}:2: 第 2 项：答案“还行”应为 合格、不合格、不涉及 之一" in outcome.err
    nothing_written(ledger, before)


def test_without_a_terminal_inspect_needs_an_answers_file(
    run: Run, ledger: Path, shop: str
) -> None:
    outcome = run("inspect", "-e", shop, "-c", "九小场所消防", "--date", "2024-10-15")
    assert outcome.code == 2
    assert "--answers" in outcome.err


# A ledger's own checklists ----------------------------------------------------------------------

OWN = """\
name: 九小场所消防
version: 东溪2024
sector: 九小场所
items:
  - number: 1
    text: 灭火器配置到位
    basis: 《建筑灭火器配置设计规范》（GB 50140-2005）第6.1.1条
    measures: 配足灭火器
  - number: 2
    text: 安全出口畅通
    basis: 《中华人民共和国消防法》第二十八条
    measures: 清理通道
"""


def test_a_ledger_checklist_overrides_the_bundled_one_of_its_name(
    run: Run, ledger: Path, shop: str
) -> None:
    (ledger / "checklists").mkdir()
    (ledger / "checklists/九小场所消防.yaml").write_text(OWN, encoding="utf-8")
    (ledger / "checklists/农家乐.yaml").write_text(
        OWN.replace("name: 九小场所消防", "name: 农家乐"), encoding="utf-8"
    )
    listed = run("checklist", "list").out.splitlines()
    assert (
        "九小场所消防\t版本 东溪2024\t九小场所\t2 项（重大隐患项 0）\t"
        "checklists/九小场所消防.yaml（覆盖内置）"
    ) in listed
    assert any(line.startswith("农家乐\t") for line in listed)
    path = answers(ledger, "2: 不合格\n")
    outcome = run("inspect", "-e", shop, "-c", "九小场所消防", "--date", "2024-10-15",
                  "--answers", path)  # fmt: skip
    assert outcome.code == 0, outcome.err
    visit = read(ledger / "inspections/2024/DX-I-2410-YJB01.yaml")
    assert visit["checklist_version"] == "东溪2024"
    assert [a["item"] for a in visit["answers"]] == [1, 2]
    hazard = read(ledger / "hazards/2024/DX-H-2410-YJB01.yaml")
    assert hazard["description"] == "不符合：安全出口畅通"
    unknown = run("inspect", "-e", shop, "-c", "九小场所消防", "--date", "2024-10-15",
                  "--answers", answers(ledger, "3: 合格\n"))  # fmt: skip
    assert "没有第 3 项（共有第 1–2 项）" in unknown.err  # the bundled item 3 is not used


def test_a_checklist_file_with_a_bad_item_is_refused_naming_file_line_and_reason(
    run: Run, ledger: Path, shop: str
) -> None:
    before = commits(ledger)
    (ledger / "checklists").mkdir()
    bad = OWN.replace("    basis: 《中华人民共和国消防法》第二十八条\n", "")
    (ledger / "checklists/九小场所消防.yaml").write_text(bad, encoding="utf-8")
    expected = "错误：checklists/九小场所消防.yaml:9: 第2项：缺少必填字段 basis（依据）"
    shown = run("checklist", "show", "九小场所消防")
    assert (shown.code, shown.err.strip()) == (1, expected)
    listed = run("checklist", "list")
    assert listed.code == 1 and expected in listed.err
    assert "人员密集场所\t" in listed.out  # the others are still listed
    outcome = run("inspect", "-e", shop, "-c", "九小场所消防", "--date", "2024-10-15",
                  "--answers", answers(ledger, "1: 合格\n"))  # fmt: skip
    assert (outcome.code, outcome.err.strip()) == (1, expected)
    assert "Traceback" not in outcome.err
    nothing_written(ledger, before)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("    measures: 清理通道\n", "    measures: 清理通道\n    major: true\n"),
         "9: 第2项：重大隐患项应写明 major_basis（重大隐患判定依据）"),
        (("  - number: 2\n", "  - number: 1\n"), "4: 检查项：序号 1 重复，每项的序号应不同"),
        (("version: 东溪2024\n", ""), "1: 缺少必填字段 version（版本）"),
        (("name: 九小场所消防", "name: 九小"), "1: 检查表名称“九小”与文件名“九小场所消防.yaml”不一致"),
        (("    text: 安全出口畅通\n", "    text: 安全出口畅通\n    colour: red\n"),
         "11: 第2项：colour 不是字段"),
    ],
)  # fmt: skip
def test_each_fault_of_a_checklist_file_is_one_line(
    run: Run, ledger: Path, change: tuple[str, str], message: str
) -> None:
    (ledger / "checklists").mkdir()
    text = OWN.replace(*change)
    assert text != OWN
    (ledger / "checklists/九小场所消防.yaml").write_text(text, encoding="utf-8")
    outcome = run("checklist", "show", "九小场所消防")
    assert outcome.code == 1
    assert outcome.err.strip() == f"错误：checklists/九小场所消防.yaml:{message}"


def test_a_checklist_model_refuses_an_item_without_measures() -> None:
    with pytest.raises(ValueError):
        Checklist.model_validate(
            {"name": "x", "version": "1", "sector": "工贸",
             "items": [{"number": 1, "text": "t", "basis": "《法》"}]}
        )  # fmt: skip


# Figures ----------------------------------------------------------------------------------------


def test_checklist_figures_count_judged_and_failed_items_by_sector(
    run: Run, ledger: Path, shop: str, unit: str
) -> None:
    first = answers(ledger, "1: 合格\n2: 不合格\n3: 不合格\n4: 不涉及\n", "a.yaml")
    second = answers(ledger, "2: 不合格 仍只有1具\n5: 合格\n", "b.yaml")
    third = answers(ledger, "1: 合格\n2: 不合格\n", "c.yaml")
    for day, path in (("2024-10-15", first), ("2024-11-20", second)):
        outcome = run("inspect", "-e", shop, "-c", "九小场所消防", "--date", day,
                      "--answers", path)  # fmt: skip
        assert outcome.code == 0, outcome.err
    outcome = run("inspect", "-e", unit, "-c", "危险化学品经营", "--date", "2024-11-03",
                  "--answers", third)  # fmt: skip
    assert outcome.code == 0, outcome.err
    run("add-inspection", "-e", unit, "--date", "2024-11-04")  # no checklist: no items
    data = json.loads(run("report", "--quarter", "4", "--year", "2024", "--format", "json").out)
    assert (data["totals"]["checklist_items"], data["totals"]["checklist_items_failed"]) == (7, 4)
    small = data["by_sector"]["九小场所"]
    assert (small["checklist_items"], small["checklist_items_failed"]) == (5, 3)
    assert data["by_sector"]["危险化学品"]["checklist_items_failed"] == 1
    assert data["checklist_failures"]["九小场所"] == [
        {"checklist": "九小场所消防", "item": 2, "text": "按规定配置灭火器，每个计算单元不少于2具",
         "failed": 2},
        {"checklist": "九小场所消防", "item": 3,
         "text": "灭火器压力正常、在检验有效期内，无过期、报废或损坏", "failed": 1},
    ]  # fmt: skip
    assert set(data["checklist_failures"]) == {"危险化学品", "九小场所"}
    explained = run("report", "--quarter", "4", "--year", "2024", "--format", "json",
                    "--explain", "checklist_items_failed")  # fmt: skip
    rows = json.loads(explained.out)
    assert sorted(r["id"] for r in rows["records"]) == [
        "DX-I-2410-YJB01", "DX-I-2411-YJB01", "DX-I-2411-YJB02",
    ]  # fmt: skip
    assert rows["value"] == 4
    october = json.loads(run("report", "--month", "2024-10", "--format", "json").out)
    assert october["totals"]["checklist_items"] == 3


def test_the_hazard_report_names_the_items_failed_most_often_in_each_sector(
    run: Run, ledger: Path, shop: str
) -> None:
    for day in ("2024-10-15", "2024-11-20"):
        path = answers(ledger, "2: 不合格\n3: 不合格\n" if day < "2024-11" else "2: 不合格\n")
        assert run("inspect", "-e", shop, "-c", "九小场所消防", "--date", day,
                   "--answers", path).code == 0  # fmt: skip
    text = run("report", "--quarter", "4", "--year", "2024", "--template", "隐患排查整治情况").out
    assert (
        "按检查表检查，九小场所领域不合格较多的检查项是：“按规定配置灭火器，每个计算单元不少于2具”"
        "（2次）、“灭火器压力正常、在检验有效期内，无过期、报废或损坏”（1次）。"
    ) in text


def test_show_lists_an_inspections_answers_one_item_a_line(
    run: Run, ledger: Path, shop: str
) -> None:
    path = answers(ledger, "2: 不合格 灭火器仅1具\n")
    assert run("inspect", "-e", shop, "-c", "九小场所消防", "--date", "2024-10-15",
               "--answers", path).code == 0  # fmt: skip
    shown = run("show", "DX-I-2410-YJB01").out.splitlines()
    at = shown.index("  检查项结论：")
    assert shown[at + 1 : at + 3] == [
        "    1. 未检查  明确消防安全责任人、管理人，制定消防安全制度和灭火、应急疏散预案",
        "    2. 不合格  按规定配置灭火器，每个计算单元不少于2具（灭火器仅1具）",
    ]
    exported = run("export", "-o", ledger / "台账.xlsx")
    assert exported.code == 0, exported.err


def test_failed_items_survive_the_remembered_tally_and_add_up_across_towns(
    run: Run, ledger: Path, shop: str
) -> None:
    from anquan_cli import api
    from anquan_cli.stats.summary import tally
    from anquan_cli.stats.tallies import from_data, to_data

    path = answers(ledger, "2: 不合格\n3: 不合格 过期\n")
    assert run("inspect", "-e", shop, "-c", "九小场所消防", "--date", "2024-10-15",
               "--answers", path).code == 0  # fmt: skip
    book = api.open_ledger(ledger)
    chosen = api.period(year=2024, quarter=4)
    counted = tally(api.records(book), chosen)
    assert counted.failures == {
        ("九小场所", "九小场所消防", 2, "按规定配置灭火器，每个计算单元不少于2具"): 1,
        ("九小场所", "九小场所消防", 3, "灭火器压力正常、在检验有效期内，无过期、报废或损坏"): 1,
    }
    assert from_data(to_data(counted), chosen) == counted
    assert (counted + counted).failures == {key: 2 for key in counted.failures}
