"""Reading cells and headings the many ways clerks write them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from anquan_cli.imports.headings import FIELDS, SheetKind, find_layout, heading_key
from anquan_cli.imports.plan import Plan, plan_import
from anquan_cli.imports.reader import Table, read_tables
from anquan_cli.imports.rules import ImportOptions
from anquan_cli.imports.values import CellError, read_date, read_money, read_status
from anquan_cli.model.enums import Action, SelfCheckLevel, Status
from anquan_cli.model.records import Enterprise, Hazard, Patrol, SelfCheck
from anquan_cli.render.sheets import (
    ACCIDENT_COLUMNS,
    ACTIVITY_COLUMNS,
    ENTERPRISE_COLUMNS,
    HAZARD_COLUMNS,
    INSPECTION_COLUMNS,
    MAJOR_COLUMNS,
    PATROL_COLUMNS,
    PENALTY_COLUMNS,
    PLAN_COLUMNS,
    SELF_CHECK_COLUMNS,
    Column,
)
from anquan_cli.store.atomic import write_atomic
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.office import Office
from anquan_cli.store.paths import SETTINGS_FILE

OFFICE = Office("应急办", "YJB")


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2024.3.5", date(2024, 3, 5)),
        ("2024/03/05", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("2024年3月5日", date(2024, 3, 5)),
        ("2024年03月05号", date(2024, 3, 5)),
        ("２０２４年３月５日", date(2024, 3, 5)),
        ("２０２４．３．５", date(2024, 3, 5)),
        (" 2024 . 3 . 5 ", date(2024, 3, 5)),
        ("20240305", date(2024, 3, 5)),
        (45356, date(2024, 3, 5)),
        (45356.0, date(2024, 3, 5)),
        ("45356", date(2024, 3, 5)),
        (datetime(2024, 3, 5, 9, 30), date(2024, 3, 5)),
        (date(2024, 3, 5), date(2024, 3, 5)),
        ("3月5日", date(2024, 3, 5)),
        ("3.5", date(2024, 3, 5)),
        ("03/05", date(2024, 3, 5)),
        (None, None),
        ("", None),
    ],
)
def test_a_date_is_read_in_every_spelling(written: object, meant: date | None) -> None:
    assert read_date(written, 2024) == meant  # type: ignore[arg-type]


@pytest.mark.parametrize("written", ["2024-02-30", "明天", "3月5日 上午", 45356.5, True])
def test_a_date_that_is_not_one_is_refused(written: object) -> None:
    with pytest.raises(CellError):
        read_date(written, 2024)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        (20241007, date(2024, 10, 7)),
        (20241007.0, date(2024, 10, 7)),
        (10.7, date(2024, 10, 7)),
        (10.15, date(2024, 10, 15)),
        (10.01, date(2024, 10, 1)),
        (2.3, date(2024, 2, 3)),
    ],
)
def test_a_date_typed_as_a_number_is_read_as_the_clerk_meant(typed: float, meant: date) -> None:
    assert read_date(typed, 2024) == meant


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (2024, "数字 2024 不是日期"),
        (1005, "数字 1005 不是日期"),
        ("2024", "数字 2024 不是日期"),
        (20000, "数字 20000 不是日期"),
        (20241345.0, "“20241345”不是有效日期"),
        (10.1, "数字 10.1 可能是 10月1日，也可能是 10月10日"),
        (4.3, "数字 4.3 可能是 4月3日，也可能是 4月30日"),
    ],
)
def test_a_number_that_is_no_plausible_date_is_refused_as_typed(
    typed: float | str, message: str
) -> None:
    with pytest.raises(CellError, match=message):
        read_date(typed, 2024)


def test_month_and_day_without_a_year_in_the_title_is_refused() -> None:
    with pytest.raises(CellError, match="没有年份"):
        read_date("3月5日", None)


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("已整改", Status.RECTIFIED),
        ("整改完成", Status.RECTIFIED),
        ("√", Status.RECTIFIED),
        ("已完成", Status.RECTIFIED),
        ("未整改", Status.OPEN),
        ("整改中", Status.OPEN),
        ("正在整改", Status.OPEN),
        ("逾期未整改", Status.OPEN),
        ("×", Status.OPEN),
        ("已销号", Status.CLOSED),
        ("已验收", Status.CLOSED),
        (None, None),
    ],
)
def test_rectification_text_is_read_as_status(written: str | None, status: Status | None) -> None:
    assert read_status(written) is status


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("整改到位", Status.RECTIFIED),
        ("整改完毕", Status.RECTIFIED),
        ("立行立改", Status.RECTIFIED),
        ("当场整改", Status.RECTIFIED),
        ("已立即整改", Status.RECTIFIED),
        ("未验收", Status.RECTIFIED),
        ("已整改，待复查", Status.RECTIFIED),
        ("已闭环", Status.CLOSED),
        ("已复查", Status.CLOSED),
        ("未整改", Status.OPEN),
        ("未整改，未验收", Status.OPEN),
        ("复查未通过", Status.OPEN),
        ("未销号", Status.OPEN),
    ],
)
def test_the_words_offices_use_for_rectification_are_read(written: str, status: Status) -> None:
    assert read_status(written) is status


def test_unknown_rectification_text_is_named() -> None:
    with pytest.raises(CellError, match="整改情况“看情况”无法识别"):
        read_status("看情况")


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        (1200, Decimal(1200)),
        (0.05, Decimal("0.05")),
        ("1,200.50", Decimal("1200.50")),
        ("３万元", Decimal(30000)),
        ("800元", Decimal(800)),
        ("-", None),
    ],
)
def test_money_is_read_in_yuan(written: object, amount: Decimal | None) -> None:
    assert read_money(written) == amount  # type: ignore[arg-type]


def test_every_heading_export_writes_is_read_back() -> None:
    sheets: dict[SheetKind, tuple[Column, ...]] = {
        SheetKind.ENTERPRISES: ENTERPRISE_COLUMNS,
        SheetKind.INSPECTIONS: INSPECTION_COLUMNS,
        SheetKind.HAZARDS: HAZARD_COLUMNS,
        SheetKind.MAJOR_HAZARDS: MAJOR_COLUMNS,
        SheetKind.PENALTIES: PENALTY_COLUMNS,
        SheetKind.ACCIDENTS: ACCIDENT_COLUMNS,
        SheetKind.ACTIVITIES: ACTIVITY_COLUMNS,
        SheetKind.PLANS: PLAN_COLUMNS,
        SheetKind.PATROLS: PATROL_COLUMNS,
        SheetKind.SELF_CHECKS: SELF_CHECK_COLUMNS,
    }
    for kind, columns in sheets.items():
        known = {heading_key(w) for words in FIELDS[kind].values() for w in words}
        unread = [
            c.header for c in columns if c.header != "序号" and heading_key(c.header) not in known
        ]
        assert unread == [], kind


@pytest.fixture
def empty(tmp_path: Path) -> Ledger:
    root = tmp_path / "台账"
    root.mkdir()
    write_atomic(root / SETTINGS_FILE, "name: 东溪镇\ncode: DX\ncommit: false\n".encode())
    return Ledger.open(root)


def plan_rows(book: Ledger, name: str, rows: list[list[object]]) -> Plan:
    return plan_import(book, [Table(name, rows)], OFFICE, date(2024, 12, 31), "台账.xlsx")  # type: ignore[list-item]


HAZARD_SYNONYMS = {
    "unit": ["单位名称", "企业名称", "生产经营单位名称", "被检查单位", "企业(单位)名称"],
    "description": ["隐患描述", "存在问题", "隐患内容", "隐患问题", "主要问题", "存在的问题"],
    "deadline": ["整改期限", "整改时限", "完成时限", "限期"],
    "found": ["发现日期", "检查日期", "排查日期", "检查时间"],
    "status": ["整改情况", "整改状态", "是否整改", "整改结果"],
    "responsible": ["整改责任人", "责任人"],
}
DEFAULTS = {
    "unit": ("单位名称", "兴源化工"),
    "found": ("发现日期", "2024-10-08"),
    "description": ("隐患描述", "通道堵塞"),
    "deadline": ("整改期限", "2024-10-20"),
    "status": ("整改情况", "已整改"),
    "responsible": ("责任人", "林春梅"),
}


@pytest.mark.parametrize(
    ("field", "heading"), [(f, h) for f, hs in HAZARD_SYNONYMS.items() for h in hs]
)
def test_each_hazard_heading_synonym_is_read(empty: Ledger, field: str, heading: str) -> None:
    names = {**{f: h for f, (h, _) in DEFAULTS.items()}, field: heading}
    if field != "responsible":
        names["responsible"] = "整改责任人"
    header = [names[f] for f in DEFAULTS]
    values = [v for _, v in DEFAULTS.values()]
    plan = plan_rows(empty, "隐患台账", [["东溪镇2024年隐患台账"], header, values])
    assert plan.problems == []
    hazard = next(r for r in plan.records if isinstance(r, Hazard))
    assert hazard.description == "通道堵塞"
    assert hazard.found == date(2024, 10, 8)
    assert hazard.deadline == date(2024, 10, 20)
    assert hazard.status is Status.RECTIFIED
    assert hazard.responsible == "林春梅"


@pytest.mark.parametrize("heading", ["单位名称", "企业名称", "生产经营单位名称", "名称"])
def test_each_unit_heading_synonym_is_read_on_the_unit_sheet(empty: Ledger, heading: str) -> None:
    plan = plan_rows(
        empty,
        "企业台账",
        [[heading, "统一社会信用代码", "行业领域"], ["东溪加油站", None, "危险化学品"]],
    )
    assert [r.name for r in plan.records] == ["东溪加油站"]  # type: ignore[attr-defined]


def test_headings_are_found_below_a_title_whatever_the_sheet_is_called(empty: Ledger) -> None:
    rows = [
        ["说明：本表每月报送"],
        [],
        ["序号", "被检查单位", "检查时间", "检查人", "带队领导"],
        [1, "东溪加油站", "2024/10/8", "张伟、李娜", "陈立新"],
    ]
    layout = find_layout(SheetKind.INSPECTIONS, rows)  # type: ignore[arg-type]
    assert layout is not None and layout.header_row == 2
    plan = plan_rows(empty, "Sheet1", rows)
    visits = [r for r in plan.records if r.KIND.value == "inspections"]
    assert len(visits) == 1 and visits[0].inspectors == ["张伟", "李娜"]  # type: ignore[attr-defined]


def test_a_blank_unit_cell_that_was_not_merged_is_a_bad_row_offering_fill_down(
    empty: Ledger, tmp_path: Path
) -> None:
    path = tmp_path / "隐患.csv"
    path.write_text(
        "单位名称,所属村(社区),发现日期,隐患描述\n东溪加油站,西岭村,2024-10-08,灭火器过期\n,,2024-10-08,卸油口无防溢\n"
        "合计,,,2处\n",
        encoding="utf-8-sig",
    )
    plan = plan_import(empty, read_tables(path), OFFICE, date(2024, 12, 31), path.name)
    assert [p.render() for p in plan.problems] == [
        "隐患!A3：单位名称为空（不是合并单元格）；如与上一行是同一单位，请合并这些单元格、"
        "写“同上”，或加 --fill-down 按上一行填充"
    ]
    filled = plan_import(
        empty,
        read_tables(path),
        OFFICE,
        date(2024, 12, 31),
        path.name,
        options=ImportOptions(fill_down=True),
    )
    hazards = [r for r in filled.records if isinstance(r, Hazard)]
    assert len(hazards) == 2 and len({h.enterprise for h in hazards}) == 1
    assert filled.problems == [] and filled.reports[0].skipped["合计行"] == 1


def test_names_match_after_trimming_and_width_folding(empty: Ledger) -> None:
    rows = [
        ["单位名称", "发现日期", "隐患描述"],
        ["鑫达机械（东溪）有限公司 ", "2024-10-08", "甲"],
        ["鑫达机械(东溪)有限公司", "2024-10-08", "乙"],
        ["  鑫达机械（东溪） 有限公司", "2024-10-08", "丙"],
    ]
    plan = plan_rows(empty, "隐患", rows)
    units = [r for r in plan.records if r.KIND.value == "enterprises"]
    assert [u.name for u in units] == ["鑫达机械（东溪）有限公司"]  # type: ignore[attr-defined]


def test_a_repeated_heading_row_and_a_footer_are_skipped(empty: Ledger) -> None:
    rows = [
        ["单位名称", "发现日期", "隐患描述"],
        ["甲厂", "2024-10-08", "甲"],
        ["单位名称", "发现日期", "隐患描述"],
        ["乙厂", "2024-10-09", "乙"],
        ["填表人：林春梅", None, "审核人：王建国"],
    ]
    plan = plan_rows(empty, "隐患", rows)
    report = plan.reports[0]
    assert report.created == 2
    assert report.skipped == {"重复表头": 1, "表尾": 1}


def test_a_two_row_heading_repeated_in_a_csv_is_skipped_like_in_an_xlsx(
    empty: Ledger, tmp_path: Path
) -> None:
    top = "序号,单位名称,所属村(社区),发现日期,隐患描述,五落实,,"
    sub = ",,,,,责任人,措施,预案"
    data = "{n},兴源化工,东溪村,2024-11-0{n},第{n}处隐患,王建国,修复,专项预案"
    path = tmp_path / "重大隐患台账.csv"
    lines = [top, sub, data.format(n=1), top, sub, data.format(n=2)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    plan = plan_import(empty, read_tables(path), OFFICE, date(2024, 12, 31), path.name)
    assert plan.problems == []
    assert plan.reports[0].created == 2
    assert plan.reports[0].skipped == {"重复表头": 2}


def test_columns_under_a_shu_xing_heading_are_the_units_attributes(
    empty: Ledger, tmp_path: Path
) -> None:
    path = tmp_path / "企业台账.csv"
    lines = [
        "单位名称,行业领域,属性,,备注",
        ",,燃气报警装置,消防设施,",
        "东溪饭店,九小场所,已安装,,临街",
        "单位名称,行业领域,属性,,备注",
        ",,燃气报警装置,消防设施,",
        "新街超市,九小场所,未安装,齐全,",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    plan = plan_import(empty, read_tables(path), OFFICE, date(2024, 12, 31), path.name)
    assert plan.problems == [] and plan.reports[0].skipped == {"重复表头": 2}
    units = {r.name: r for r in plan.records if isinstance(r, Enterprise)}
    assert units["东溪饭店"].attributes == {"燃气报警装置": "已安装"}
    assert units["东溪饭店"].note == "临街"
    assert units["新街超市"].attributes == {"燃气报警装置": "未安装", "消防设施": "齐全"}


def test_a_single_column_headed_shu_xing_is_no_heading_for_the_row_below(
    empty: Ledger,
) -> None:
    rows = [["单位名称", "属性"], ["东溪加油站", "国有"], ["新街超市", "个体"]]
    plan = plan_rows(empty, "企业台账", rows)
    units = [r for r in plan.records if isinstance(r, Enterprise)]
    assert [(u.name, u.attributes) for u in units] == [("东溪加油站", {}), ("新街超市", {})]


def test_a_unit_whose_row_failed_is_not_made_up_from_other_sheets(empty: Ledger) -> None:
    units = Table("企业台账", [["单位名称", "联系电话"], ["东溪加油站", "不是电话"]])
    hazards = Table(
        "隐患台账", [["单位名称", "发现日期", "隐患描述"], ["东溪加油站", "2024-10-08", "甲"]]
    )
    plan = plan_import(empty, [hazards, units], OFFICE, date(2024, 12, 31), "台账.xlsx")
    assert plan.records == []
    assert [p.render() for p in plan.problems] == [
        "企业台账!B2：联系电话：电话号码 不是电话 格式不正确（手机11位，固话如 0591-12345678）",
        "隐患台账!A2：单位“东溪加油站”在 企业台账!A2 无法读取，请先改正该行",
    ]


def test_a_story_of_steps_becomes_the_history(empty: Ledger) -> None:
    rows: list[list[object]] = [
        ["单位名称", "发现日期", "隐患描述", "整改验收记录"],
        ["甲厂", "2024-10-08", "甲", "2024-10-20 整改；2024-10-25 验收退回（周强）"],
        ["乙厂", "2024-10-08", "乙", "2024-10-20 整改"],
    ]
    plan = plan_rows(empty, "隐患", rows)
    first, second = (r for r in plan.records if isinstance(r, Hazard))
    assert [(s.date, s.action, s.by) for s in first.history] == [
        (date(2024, 10, 8), Action.FOUND, "应急办"),
        (date(2024, 10, 20), Action.RECTIFIED, None),
        (date(2024, 10, 25), Action.SENT_BACK, "周强"),
    ]
    assert first.status is Status.OPEN and second.status is Status.RECTIFIED
    assert second.history[1] == first.history[1]


@pytest.mark.parametrize(
    ("story", "message"),
    [
        ("2024-13-40 整改", "整改验收记录“2024-13-40 整改”的日期无效"),
        ("2024-10-20 修好了", "整改验收记录“2024-10-20 修好了”无法识别（应如 2024-10-20 整改）"),
        ("2024-10-01 整改", "整改日期 2024-10-01 早于 2024-10-08"),
    ],
)
def test_a_story_that_cannot_be_read_is_named_on_its_cell(
    empty: Ledger, story: str, message: str
) -> None:
    rows: list[list[object]] = [
        ["单位名称", "发现日期", "隐患描述", "整改验收记录"],
        ["甲厂", "2024-10-08", "甲", story],
    ]
    plan = plan_rows(empty, "隐患", rows)
    assert [r for r in plan.records if isinstance(r, Hazard)] == []
    assert [p.render() for p in plan.problems] == [
        f"隐患!{'D' if '记录' in message else 'A'}2：{message}"
    ]


def test_full_width_total_and_footer_words_are_skipped(empty: Ledger) -> None:
    rows: list[list[object]] = [
        ["单位名称", "发现日期", "隐患描述"],
        ["甲厂", "2024-10-08", "甲"],
        ["合　计", None, "1处"],
        ["填表人：林春梅", None, None],
    ]
    report = plan_rows(empty, "隐患", rows).reports[0]
    assert report.created == 1
    assert report.skipped == {"合计行": 1, "表尾": 1}


def test_a_hazard_found_on_the_day_of_one_inspection_came_from_it(empty: Ledger) -> None:
    """Whichever order the sheets come in: inspections are read before hazards."""
    hazards = Table(
        "隐患台账",
        [
            ["单位名称", "发现日期", "隐患描述"],
            ["甲厂", "2024-10-08", "灭火器过期"],  # 甲厂 was inspected once that day
            ["乙厂", "2024-10-09", "通道堵塞"],  # 乙厂 twice: which one is not known
            ["甲厂", "2024-10-10", "电线老化"],  # no inspection that day
        ],
    )
    visits = Table(
        "检查台账",
        [
            ["单位名称", "检查日期", "检查类型"],
            ["甲厂", "2024-10-08", "日常检查"],
            ["乙厂", "2024-10-09", "日常检查"],
            ["乙厂", "2024-10-09", "专项检查"],
        ],
    )
    plan = plan_import(empty, [hazards, visits], OFFICE, date(2024, 12, 31), "台账.xlsx")
    assert plan.problems == []
    inspections = {
        (r.enterprise, r.type): r.id for r in plan.records if r.KIND.value == "inspections"
    }
    units = {r.name: r.id for r in plan.records if isinstance(r, Enterprise)}
    linked = {h.description: h.inspection for h in plan.records if isinstance(h, Hazard)}
    assert linked == {
        "灭火器过期": inspections[(units["甲厂"], "日常检查")],
        "通道堵塞": None,
        "电线老化": None,
    }


def test_a_date_after_the_import_or_beyond_the_ids_years_is_a_bad_row(empty: Ledger) -> None:
    header = ["单位名称", "发现日期", "隐患描述", "整改期限", "整改完成日期"]
    plan = plan_rows(
        empty,
        "隐患排查整改台账",
        [
            header,
            ["甲厂", "2025-03-01", "通道堵塞", None, None],  # found after today (2024-12-31)
            ["乙厂", "2204-10-05", "电线老化", None, None],  # a typo for 2024
            ["丙厂", "2024-10-05", "灭火器过期", "2204-10-20", None],
            ["丁厂", "2024-10-05", "配电箱未接地", "2025-01-20", "2025-01-02"],
            ["戊厂", "2024-10-05", "消防栓损坏", "2025-01-20", None],  # a deadline ahead is fine
        ],
    )
    problems = [p.render() for p in plan.problems]
    assert problems == [
        "隐患排查整改台账!B2：2025-03-01 晚于今天（2024-12-31），不能登记尚未发生的事",
        "隐患排查整改台账!B3：年份 2204 不在 2000—2099 之间，请核对是否写错",
        "隐患排查整改台账!D4：年份 2204 不在 2000—2099 之间，请核对是否写错",
        "隐患排查整改台账!E5：2025-01-02 晚于今天（2024-12-31），不能登记尚未发生的事",
    ]
    assert [h.description for h in plan.records if isinstance(h, Hazard)] == ["消防栓损坏"]


def test_a_unit_named_in_other_letter_case_or_width_is_the_same_unit(empty: Ledger) -> None:
    plan = plan_rows(
        empty,
        "隐患排查整改台账",
        [
            ["单位名称", "发现日期", "隐患描述"],
            ["金嗓子ＫＴＶ", "2024-10-05", "安全出口堵塞"],
            ["金嗓子ktv", "2024-10-06", "灭火器过期"],
        ],
    )
    assert plan.problems == []
    units = [r for r in plan.records if isinstance(r, Enterprise)]
    assert [u.name for u in units] == ["金嗓子ＫＴＶ"]
    assert {r.enterprise for r in plan.records if isinstance(r, Hazard)} == {units[0].id}


def test_patrols_and_self_checks_are_told_by_their_headings(empty: Ledger) -> None:
    """Sheets named Sheet1, Sheet2: the headings say 巡查 and 企业自查, not the names."""
    units = Table(
        "Sheet3", [["单位名称", "行业领域"], ["兴源化工", "危险化学品"], ["马家湾滑坡", "地质灾害"]]
    )
    patrols = Table(
        "Sheet1",
        [
            ["序号", "巡查日期", "村(社区)", "巡查点位", "巡查类型", "巡查人员", "巡查情况"],
            [1, "2024-10-08", "马家湾村", "马家湾滑坡", "地灾巡查", "王德明、李春林", "无异常"],
            [2, "2024-10-10", "西岭村", None, "走山走水", "杨国富", None],
        ],
    )
    checks = Table(
        "Sheet2",
        [
            ["自查日期", "单位名称", "自查层级", "自查人", "自查情况"],
            ["2024-11-28", "兴源化工", "厂长", "何建军", "储罐区检查"],
        ],
    )
    plan = plan_import(empty, [patrols, checks, units], OFFICE, date(2024, 12, 31), "x.xlsx")  # type: ignore[list-item]
    assert [p.render() for p in plan.problems] == []
    kinds = {r.name: r.kind for r in plan.reports}
    assert kinds == {
        "Sheet1": SheetKind.PATROLS,
        "Sheet2": SheetKind.SELF_CHECKS,
        "Sheet3": SheetKind.ENTERPRISES,
    }
    point = next(r for r in plan.records if isinstance(r, Enterprise) and r.name == "马家湾滑坡")
    first, second = (r for r in plan.records if isinstance(r, Patrol))
    assert (first.date, first.village, first.point, first.kind, first.by, first.note) == (
        date(2024, 10, 8),
        "马家湾村",
        point.id,
        "地灾巡查",
        ["王德明", "李春林"],
        "无异常",
    )
    assert (second.point, second.kind, second.by) == (None, "走山走水", ["杨国富"])
    (check,) = (r for r in plan.records if isinstance(r, SelfCheck))
    assert (check.date, check.level, check.by, check.note) == (
        date(2024, 11, 28),
        SelfCheckLevel.DIRECTOR,
        "何建军",
        "储罐区检查",
    )


def test_a_patrol_point_that_is_no_registered_unit_is_a_bad_row(empty: Ledger) -> None:
    rows: list[list[object]] = [
        ["巡查日期", "村(社区)", "巡查点位", "巡查人员"],
        ["2024-10-08", "马家湾村", "后山", "王德明"],
    ]
    plan = plan_rows(empty, "巡查", rows)
    assert [p.render() for p in plan.problems] == [
        "巡查!C2：巡查点位“后山”不是已登记的单位；点位（地灾隐患点、山塘、检查站等）"
        "请先按其行业领域登记为单位（anquan add-enterprise），或写入企业台账一并导入"
    ]
    assert plan.records == []


def test_a_story_with_notes_and_its_found_step_is_read_step_for_step(empty: Ledger) -> None:
    story = "2024-10-08 发现（经发办）\n2024-10-20 整改（张伟）：更换线路；加装护栏\n2024-10-25 验收退回（周强）："
    rows: list[list[object]] = [
        ["单位名称", "发现日期", "隐患描述", "整改验收记录"],
        ["甲厂", "2024-10-08", "甲", story],
    ]
    plan = plan_rows(empty, "隐患", rows)
    (hazard,) = (r for r in plan.records if isinstance(r, Hazard))
    assert [(s.date, s.action, s.by, s.note) for s in hazard.history] == [
        (date(2024, 10, 8), Action.FOUND, "经发办", None),
        (date(2024, 10, 20), Action.RECTIFIED, "张伟", "更换线路；加装护栏"),
        (date(2024, 10, 25), Action.SENT_BACK, "周强", None),
    ]
