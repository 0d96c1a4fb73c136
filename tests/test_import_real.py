"""Importing the ledgers offices and enterprises really keep: title-block units, headings as
phrases and over two rows, state words in several columns, 验收 columns, rows holding no
record, templates, formulas never calculated, 同上 — each read exactly or refused by cell."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter

from anquan_cli.imports.headings import SheetKind, field_of
from anquan_cli.model.enums import Action, HazardSource, Level, Status
from anquan_cli.model.records import Hazard
from anquan_cli.store.ledger import Ledger
from tests.conftest import Run

UNIT = "兴源化工有限公司"


def write_book(
    path: Path,
    sheet: str,
    rows: list[list[object]],
    merges: list[tuple[int, int, int, int]] = (),  # type: ignore[assignment]
    formulas: dict[tuple[int, int], str] | None = None,
) -> Path:
    """A workbook of one sheet; merges as (first row, first col, last row, last col), each
    range written with its top-left cell's value; formulas written without a saved value."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    merged = {
        (r, c) for r1, c1, r2, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
    }
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if value is None or (r, c) in merged:
                continue
            ws.write(r, c, value)
    for r1, c1, r2, c2 in merges:
        ws.merge_range(r1, c1, r2, c2, rows[r1][c1])  # type: ignore[arg-type]
    for (r, c), formula in (formulas or {}).items():
        ws.write_formula(r, c, formula)
    book.close()
    return path


def hazards_by_description(ledger: Path) -> dict[str, Hazard]:
    return {h.description: h for h in Ledger.open(ledger).hazards}


def steps(hazard: Hazard) -> list[tuple[date, Action, str | None, str | None]]:
    return [(s.date, s.action, s.by, s.note) for s in hazard.history]


# An enterprise's own ledger as software exports it: the sheet named like a summary, the unit
# only in the title block, headings as phrases with brackets, and every row closed.
ENTERPRISE_LEDGER: list[list[object]] = [
    ["兴源化工有限公司隐患排查治理台账"],
    ["单位：兴源化工有限公司      填报日期：2024年10月31日"],
    [
        "序号",
        "事故隐患描述(简题)",
        "隐患类别（一般、重大）",
        "隐患类型",
        "整改措施与要求",
        "整改人",
        "整改截止时间",
        "排查时间",
        "复查结果",
        "隐患状态",
        "照片",
    ],
    [
        1,
        "储罐区静电接地不良",
        "一般事故隐患",
        "火灾",
        "重新接地",
        "林春梅",
        "2024-10-20",
        "2024-10-08",
        "已整改",
        "关闭",
        None,
    ],
    [
        2,
        "二楼平台护栏缺失",
        "重大事故隐患",
        "高处坠落",
        "加装护栏",
        "陈立",
        "2024-10-25",
        "2024-10-09",
        "已整改",
        "关闭",
        None,
    ],
    [
        3,
        "配电箱门未关闭",
        "一般事故隐患",
        "触电",
        "当场纠正",
        "陈立",
        None,
        "2024-10-10",
        "已整改",
        "关闭",
        None,
    ],
    [4, None, None, None, None, None, None, None, None, None, None],
    ["说明：本表由企业每月填报"],
]


@pytest.fixture
def registered(run: Run, ledger: Path) -> str:
    outcome = run("add-enterprise", "--name", UNIT, "--sector", "危险化学品")
    assert outcome.code == 0, outcome.err
    return outcome.value


def test_an_enterprise_ledger_all_closed_imports_fully_rectified_and_none_overdue(
    run: Run, ledger: Path, registered: str, tmp_path: Path
) -> None:
    path = write_book(tmp_path / "台账.xlsx", "汇总清单202005240355059742", ENTERPRISE_LEDGER)
    outcome = run("import", path)
    assert outcome.code == 0, outcome.err
    assert (
        "汇总清单202005240355059742：读取 5 行，新建 3 条，跳过 2 行（仅有序号 1，表尾 1）"
        in outcome.out
    )
    hazards = hazards_by_description(ledger)
    assert {h.enterprise for h in hazards.values()} == {registered}
    fence = hazards["二楼平台护栏缺失"]
    assert (fence.level, fence.category, fence.measures, fence.responsible) == (
        Level.MAJOR,
        "高处坠落",
        "加装护栏",
        "陈立",
    )
    assert fence.status is Status.RECTIFIED  # 关闭 without a 验收 date: rectified, not 销号
    assert steps(fence) == [
        (date(2024, 10, 9), Action.FOUND, "应急办", None),
        (date(2024, 10, 25), Action.RECTIFIED, None, "台账未写整改完成日期，按整改期限记"),
    ]
    spot = hazards["配电箱门未关闭"]  # 处置措施 当场纠正: as add-hazard --on-the-spot
    assert spot.on_the_spot and not fence.on_the_spot
    assert steps(spot) == [
        (date(2024, 10, 10), Action.FOUND, "应急办", None),
        (date(2024, 10, 10), Action.RECTIFIED, "应急办", "当场整改"),
    ]
    figures = json.loads(
        run("report", "--year", "2024", "--as-of", "2024-12-31", "--format", "json").out
    )["totals"]
    assert figures["hazards_found"] == 3 and figures["hazards_rectified"] == 3
    assert figures["rectification_rate"] == 1 and figures["hazards_overdue"] == 0


def test_the_dry_run_shows_how_each_column_was_read(
    run: Run, ledger: Path, registered: str, tmp_path: Path
) -> None:
    path = write_book(tmp_path / "台账.xlsx", "汇总清单202005240355059742", ENTERPRISE_LEDGER)
    outcome = run("import", path, "--dry-run")
    assert outcome.code == 0, outcome.err
    assert outcome.out.splitlines() == [
        "汇总清单202005240355059742：按隐患台账读取，表头在第 3 行",
        "  B 事故隐患描述(简题) → 隐患描述",
        "  C 隐患类别（一般、重大） → 隐患等级",
        "  D 隐患类型 → 隐患类别",
        "  E 整改措施与要求 → 整改措施",
        "  F 整改人 → 整改责任人",
        "  G 整改截止时间 → 整改期限",
        "  H 排查时间 → 发现日期",
        "  I 复查结果 → 整改状态",
        "  J 隐患状态 → 整改状态(2)",
        "  未识别、不导入的列：A 序号；K 照片",
        f"  单位：标题 A2“单位：兴源化工有限公司 填报日期：2024年10月31日” → {UNIT}（{registered}）",
        "  读取 5 行，新建 3 条，跳过 2 行（仅有序号 1，表尾 1）",
    ]
    data = json.loads(run("import", path, "--dry-run", "--format", "json").out)
    sheet = data["sheets"][0]
    assert (data["written"], data["records"], data["problems"]) == (False, 3, [])
    assert (sheet["kind"], sheet["heading_rows"], sheet["unit_source"]) == (
        "hazards",
        [3, 3],
        f"标题 A2“单位：兴源化工有限公司 填报日期：2024年10月31日” → {UNIT}（{registered}）",
    )
    assert sheet["columns"][0] == {
        "column": "B",
        "heading": "事故隐患描述(简题)",
        "field": "description",
        "title": "隐患描述",
    }
    assert sheet["ignored"] == [
        {"column": "A", "heading": "序号"},
        {"column": "K", "heading": "照片"},
    ]
    assert (sheet["read"], sheet["created"], sheet["skipped"], sheet["bad"]) == (
        5,
        3,
        {"仅有序号": 1, "表尾": 1},
        0,
    )
    assert Ledger.open(ledger).hazards == []


def test_a_title_block_unit_not_registered_stops_the_import_naming_the_cell(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    path = write_book(tmp_path / "台账.xlsx", "隐患台账", ENTERPRISE_LEDGER)
    outcome = run("import", path)
    assert outcome.code == 1
    assert (
        f"隐患台账!A2：标题“单位：兴源化工有限公司 填报日期：2024年10月31日”中的单位“{UNIT}”未登记；"
        f"请先 anquan add-enterprise --name {UNIT} 登记，或用 --unit 指定单位" in outcome.err
    )
    assert Ledger.open(ledger).hazards == []


def test_unit_option_files_every_row_under_that_unit(
    run: Run, ledger: Path, registered: str, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["责任单位", "问题项目", "发现日期", "整改措施"],
        ["机修班", "砂轮机防护罩缺失", "2024-10-08", "加装防护罩"],
        ["仓储班", "叉车无证驾驶", "2024-10-09", "持证上岗"],
    ]
    path = write_book(tmp_path / "自查.xlsx", "Sheet1", rows)
    outcome = run("import", path, "--unit", "xyhg")  # pinyin initials, as --enterprise
    assert outcome.code == 0, outcome.err
    hazards = Ledger.open(ledger).hazards
    assert sorted(h.description for h in hazards) == ["叉车无证驾驶", "砂轮机防护罩缺失"]
    assert {h.enterprise for h in hazards} == {registered}


def test_a_sheet_with_no_unit_anywhere_is_refused_by_cell(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["问题项目", "发现日期", "整改措施"],
        ["砂轮机防护罩缺失", "2024-10-08", "加装防护罩"],
    ]
    outcome = run("import", write_book(tmp_path / "自查.xlsx", "隐患", rows))
    assert outcome.code == 1
    assert (
        "隐患!A1：表中没有单位名称列，标题中也没有“单位：”或“项目名称：”；请用 --unit 指定"
        in outcome.err
    )


# A construction project's ledger: headings over two rows, the 验收 step in its own columns.
TWO_ROWS: list[list[object]] = [
    ["项目名称：东溪安置房二期工程"],
    ["序号", "隐患内容", "排查日期", "整改要求", None, None, "整改情况", None, None, "备注"],
    [None, None, None, "整改措施", "整改期限", "责任人", "整改结果", "复查人", "复查时间", None],
    [
        1,
        "脚手架连墙件缺失",
        "2024-10-08",
        "补设连墙件",
        "2024-10-15",
        "王强",
        "已整改",
        "李安",
        "2024-10-14",
        None,
    ],
    [
        2,
        "临边防护缺失",
        "2024-10-08",
        "加设防护",
        "2024-10-20",
        "王强",
        "未整改",
        None,
        None,
        "材料未到",
    ],
    [
        3,
        "塔吊限位失灵",
        "2024-10-09",
        "更换限位器",
        "2024-10-12",
        "赵工",
        "不合格",
        "李安",
        "2024-10-13",
        None,
    ],
]
TWO_ROW_MERGES = [
    (1, 0, 2, 0),
    (1, 1, 2, 1),
    (1, 2, 2, 2),
    (1, 3, 1, 5),
    (1, 6, 1, 8),
    (1, 9, 2, 9),
]


def test_two_row_headings_with_verification_columns_give_each_step(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    assert run("add-enterprise", "--name", "东溪安置房二期工程", "--sector", "建筑施工").code == 0
    path = write_book(tmp_path / "项目.xlsx", "隐患排查", TWO_ROWS, TWO_ROW_MERGES)
    trial = run("import", path, "--dry-run")
    assert trial.code == 0, trial.err
    assert "隐患排查：按隐患台账读取，表头在第 2—3 行" in trial.out
    assert "  H 整改情况/复查人 → 验收(复查)人" in trial.out
    assert "  I 整改情况/复查时间 → 验收(复查)日期" in trial.out
    assert "  D 整改要求/整改措施 → 整改措施" in trial.out
    assert run("import", path).code == 0
    hazards = hazards_by_description(ledger)
    wall = hazards["脚手架连墙件缺失"]
    assert wall.status is Status.CLOSED and wall.deadline == date(2024, 10, 15)
    assert steps(wall) == [
        (date(2024, 10, 8), Action.FOUND, "应急办", None),
        (date(2024, 10, 14), Action.RECTIFIED, None, "台账未写整改完成日期，按验收（复查）日期记"),
        (date(2024, 10, 14), Action.PASSED, "李安", None),
        (date(2024, 10, 14), Action.CLOSED, "李安", None),
    ]
    assert hazards["临边防护缺失"].status is Status.OPEN
    assert hazards["临边防护缺失"].note == "材料未到"
    assert hazards["塔吊限位失灵"].status is Status.OPEN  # 复查 不合格: still to rectify


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("事故隐患名称与内容", "description"),
        ("不合格项描述", "description"),
        ("异常事项", "description"),
        ("处置措施", "measures"),
        ("整改治理措施", "measures"),
        ("主要治理方案", "measures"),
        ("整改建议", "measures"),
        ("计划完成时间", "deadline"),
        ("治理期限", "deadline"),
        ("要求闭环时间", "deadline"),
        ("限时时间", "deadline"),
        ("实际完成时间", "rectified"),
        ("实际闭环时间", "rectified"),
        ("整改完成日期", "rectified"),
        ("整改责任人", "responsible"),
        ("隐患类别（一般、重大）", "level"),
        ("隐患类型", "category"),
        ("验收日期", "closed"),
        ("核查人", "verifier"),
        ("复查结果", "status"),
        ("是否消除", "status"),
        ("闭环情况", "status"),
        ("整改情况(是/否)", "status"),
        ("被检查单位", "unit"),
        ("企业名称（盖章）", "unit"),
        ("生产经营单位名称", "unit"),
        ("责任单位", None),
        ("隐患数（处）", None),
    ],
)
def test_a_heading_is_read_by_its_core_word_and_context(heading: str, field: str | None) -> None:
    assert field_of(SheetKind.HAZARDS, heading) == field


def state_sheet(tmp_path: Path, rows: list[list[object]]) -> Path:
    headings: list[object] = [
        "单位名称",
        "隐患描述",
        "发现日期",
        "整改情况",
        "是否消除",
        "完成日期",
    ]
    return write_book(tmp_path / "状态.xlsx", "隐患台账", [headings, *rows])


def test_state_words_in_each_column_are_read_together(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["甲厂", "通道堵塞", "2024-10-08", "已消除", "是", "2024-10-09"],
        ["甲厂", "电线老化", "2024-10-08", None, "否", None],
        ["甲厂", "灭火器过期", "2024-10-08", "√", None, None],
        ["甲厂", "标识缺失", "2024-10-08", "限时整改", None, None],
    ]
    outcome = run("import", state_sheet(tmp_path, rows))
    assert outcome.code == 0, outcome.err
    hazards = hazards_by_description(ledger)
    assert steps(hazards["通道堵塞"])[-1] == (date(2024, 10, 9), Action.RECTIFIED, None, None)
    assert hazards["电线老化"].status is Status.OPEN
    assert steps(hazards["灭火器过期"])[-1] == (
        date(2024, 10, 8),
        Action.RECTIFIED,
        None,
        "台账未写整改完成日期，按发现日期记",
    )
    assert hazards["标识缺失"].status is Status.OPEN
    assert steps(hazards["标识缺失"]) == [
        (date(2024, 10, 8), Action.FOUND, "应急办", "处置方式：限时整改")
    ]


def test_state_words_that_contradict_each_other_are_a_bad_row(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [["甲厂", "通道堵塞", "2024-10-08", "关闭", "否", None]]
    outcome = run("import", state_sheet(tmp_path, rows))
    assert outcome.code == 1
    assert "隐患台账!D2：“关闭”与 E2“否”互相矛盾（一处说已整改，一处说未整改）" in outcome.err
    assert Ledger.open(ledger).hazards == []
    trial = run("import", state_sheet(tmp_path, rows), "--dry-run", "--format", "json")
    assert trial.code == 1
    data = json.loads(trial.out)
    assert data["problems"] == [
        {
            "sheet": "隐患台账",
            "cell": "D2",
            "row": 2,
            "message": "“关闭”与 E2“否”互相矛盾（一处说已整改，一处说未整改）",
        }
    ]
    assert data["sheets"][0]["bad"] == 1 and data["written"] is False


def test_a_template_with_only_headings_and_an_example_imports_nothing_and_says_so(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["注意：带*为必填项，日期格式为 2024-01-01"],
        ["序号", "*单位名称", "*隐患描述", "*发现日期", "整改期限"],
        ["此处为举例", "某某公司", "消防通道堵塞", "2024-01-01", "2024-01-10"],
        [1],
        [2],
    ]
    path = write_book(tmp_path / "导入模板.xlsx", "隐患导入模板", rows)
    outcome = run("import", path)
    assert outcome.code == 0, outcome.err
    assert "隐患导入模板：读取 3 行，新建 0 条，跳过 3 行（仅有序号 2，示例行 1）" in outcome.out
    assert "导入模板.xlsx：表中没有数据行（只有表头、示例或说明），未导入任何记录" in outcome.err
    book = Ledger.open(ledger)
    assert book.hazards == [] and book.enterprises == []


def test_a_formula_without_a_saved_value_is_a_bad_row_naming_the_cell(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["单位名称", "隐患描述", "发现日期"],
        ["甲厂", "通道堵塞", "2024-10-08"],
        [None, "电线老化", "2024-10-08"],
    ]
    path = write_book(tmp_path / "公式.xlsx", "隐患台账", rows, formulas={(2, 0): "=A2"})
    outcome = run("import", path)
    assert outcome.code == 1
    assert (
        "隐患台账!A3：公式没有保存的计算结果（文件可能由程序生成）；"
        "请在 Excel 或 WPS 中打开该文件、保存后再导入" in outcome.err
    )
    assert Ledger.open(ledger).hazards == []


def test_ditto_cells_take_the_value_above(run: Run, ledger: Path, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["单位名称", "隐患描述", "发现日期", "整改措施"],
        ["甲厂", "通道堵塞", "2024-10-08", "清理通道"],
        ["同上", "安全出口堵塞", "〃", "同上"],
        ["乙厂", "电线老化", "2024-10-09", None],
    ]
    outcome = run("import", write_book(tmp_path / "同上.xlsx", "隐患台账", rows))
    assert outcome.code == 0, outcome.err
    book = Ledger.open(ledger)
    names = {u.id: u.name for u in book.enterprises}
    exit_ = next(h for h in book.hazards if h.description == "安全出口堵塞")
    assert (names[exit_.enterprise], exit_.found, exit_.measures) == (
        "甲厂",
        date(2024, 10, 8),
        "清理通道",
    )


def test_a_level_word_the_ledger_does_not_map_is_a_bad_row_naming_the_key(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["单位名称", "隐患描述", "发现日期", "隐患等级"],
        ["甲厂", "通道堵塞", "2024-10-08", "较大隐患"],
    ]
    path = write_book(tmp_path / "等级.xlsx", "隐患台账", rows)
    outcome = run("import", path)
    assert outcome.code == 1
    assert (
        "隐患台账!D2：隐患等级“较大隐患”应为 一般 或 重大；如台账用此词，请在 anquan.yaml 的 "
        "level_words 中写明对应等级（如 level_words: {较大隐患: 重大}）" in outcome.err
    )
    settings = ledger / "anquan.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "level_words:\n  较大: 重大\n", encoding="utf-8"
    )
    outcome = run("import", path, "--no-commit")
    assert outcome.code == 0, outcome.err
    assert [h.level for h in Ledger.open(ledger).hazards] == [Level.MAJOR]


def test_a_level_word_mapped_to_no_level_is_named_in_the_settings(run: Run, ledger: Path) -> None:
    settings = ledger / "anquan.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "level_words:\n  较大隐患: 特大\n", encoding="utf-8"
    )
    outcome = run("check")
    assert outcome.code != 0
    assert "anquan.yaml:6: 较大隐患 不能为 特大，应为 一般、重大" in outcome.err


def test_map_and_a_rules_file_place_columns_the_words_do_not(
    run: Run, ledger: Path, registered: str, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["编号", "检查发现", "日期", "处理"],
        ["A-1", "通道堵塞", "2024-10-08", "已整改"],
    ]
    path = write_book(tmp_path / "月报.xlsx", "Sheet1", rows)
    refused = run("import", path, "--unit", UNIT)
    assert refused.code == 1 and "表头" in refused.err
    rules = tmp_path / "兴源.rules.yaml"
    rules.write_text(
        f"unit: {UNIT}\nmap:\n  检查发现: 隐患描述\n  日期: 发现日期\n  编号: 忽略\n",
        encoding="utf-8",
    )
    outcome = run("import", path, "--rules", rules, "--map", "处理=整改状态", "--dry-run")
    assert outcome.code == 0, outcome.err
    assert "  B 检查发现 → 隐患描述" in outcome.out and "  D 处理 → 整改状态" in outcome.out
    assert "未识别、不导入的列：A 编号" in outcome.out
    assert run("import", path, "--rules", rules, "--map", "处理=整改状态").code == 0
    [hazard] = Ledger.open(ledger).hazards
    assert (hazard.enterprise, hazard.status) == (registered, Status.RECTIFIED)


def test_a_rules_file_naming_an_unknown_field_is_refused_by_line(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text("unit: 甲厂\nmap:\n  检查发现: 隐患说明\n", encoding="utf-8")
    outcome = run("import", tmp_path / "x.xlsx", "--rules", rules)
    assert outcome.code == 1
    assert "r.yaml:3" in outcome.err and "字段“隐患说明”无法识别" in outcome.err
    bad = run("import", tmp_path / "x.xlsx", "--map", "检查发现")
    assert bad.code == 2 and "列名=字段" in bad.err


def test_an_enterprises_own_hazards_are_imported_as_its_self_check(
    run: Run, ledger: Path, registered: str, tmp_path: Path
) -> None:
    visit = run("add-inspection", "--enterprise", registered, "--date", "2024-10-08")
    assert visit.code == 0, visit.err
    path = write_book(tmp_path / "台账.xlsx", "隐患台账", ENTERPRISE_LEDGER)
    outcome = run("import", path, "--source", "企业自查")
    assert outcome.code == 0, outcome.err
    hazards = Ledger.open(ledger).hazards
    assert len(hazards) == 3
    assert {h.source for h in hazards} == {HazardSource.SELF_CHECK}
    assert all(h.inspection is None for h in hazards)  # not found by the office's inspection
    listed = json.loads(run("list", "hazards", "--source", "企业自查", "--format", "json").out)
    assert len(listed) == 3


def test_a_source_column_says_each_rows_source(run: Run, ledger: Path, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["单位名称", "隐患描述", "发现日期", "隐患来源"],
        ["甲厂", "通道堵塞", "2024-10-08", "群众举报"],
        ["甲厂", "电线老化", "2024-10-08", None],
        ["甲厂", "灭火器过期", "2024-10-08", "听说"],
    ]
    path = write_book(tmp_path / "来源.xlsx", "隐患台账", rows)
    refused = run("import", path)
    assert refused.code == 1
    assert "隐患台账!D4：隐患来源“听说”应为 检查、巡查、企业自查、举报、交办 之一" in refused.err
    assert run("import", path, "--skip-bad", "--source", "巡查").code == 1
    sources = {h.description: h.source for h in Ledger.open(ledger).hazards}
    assert sources == {"通道堵塞": HazardSource.REPORT, "电线老化": HazardSource.PATROL}


def test_a_notes_sheet_with_a_question_column_is_no_hazard_list(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "带说明.xlsx"))
    hazards = book.add_worksheet("隐患台账")
    for r, cells in enumerate(
        [["单位名称", "隐患描述", "发现日期"], ["甲厂", "通道堵塞", "2024-10-08"]]
    ):
        hazards.write_row(r, 0, cells)
    notes = book.add_worksheet("填写说明")
    notes.write_row(0, 0, ["常见问题", "解答"])
    notes.write_row(1, 0, ["日期怎么写", "2024-01-01"])
    book.close()
    outcome = run("import", tmp_path / "带说明.xlsx")
    assert outcome.code == 0, outcome.err
    assert "填写说明：找不到可识别的表头，已跳过" in outcome.out
    assert [h.description for h in Ledger.open(ledger).hazards] == ["通道堵塞"]


def test_a_sheet_named_for_units_that_lists_hazards_is_read_as_hazards(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["企业名称", "隐患描述", "排查日期", "整改措施", "整改期限"],
        ["甲厂", "通道堵塞", "2024-10-08", "清理", "2024-10-20"],
    ]
    outcome = run("import", write_book(tmp_path / "企业.xlsx", "企业台账", rows), "--dry-run")
    assert outcome.code == 0, outcome.err
    assert "企业台账：按隐患台账读取，表头在第 1 行" in outcome.out


def test_a_major_sheet_row_raises_the_major_one_of_two_alike_hazards(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    path = tmp_path / "两级.xlsx"
    book = xlsxwriter.Workbook(str(path))
    main = book.add_worksheet("隐患排查整改台账")
    main.write_row(0, 0, ["单位名称", "发现日期", "隐患描述", "隐患等级"])
    main.write_row(1, 0, ["甲厂", "2024-10-08", "配电箱", "一般"])
    main.write_row(2, 0, ["甲厂", "2024-10-08", "配电箱", "重大"])
    major = book.add_worksheet("重大隐患台账")
    major.write_row(0, 0, ["单位名称", "发现日期", "隐患描述", "应急预案"])
    major.write_row(1, 0, ["甲厂", "2024-10-08", "配电箱", "有"])
    book.close()
    assert run("import", path).code == 0
    levels = sorted((h.level, h.plan) for h in Ledger.open(ledger).hazards)
    assert levels == [(Level.GENERAL, None), (Level.MAJOR, "有")]
