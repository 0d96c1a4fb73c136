"""`anquan export`: the 台账 workbook a clerk prints and hands in."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from tests.conftest import Run, runner

SHEETS = [
    "企业台账",
    "检查台账",
    "隐患排查整改台账",
    "重大隐患台账",
    "行政处罚台账",
    "事故台账",
    "工作活动台账",
    "检查计划",
    "巡查记录",
    "企业自查记录",
    "汇总",
]


def add(run: Run, *args: str) -> str:
    outcome = run(*args)
    assert outcome.code == 0, outcome.err
    return outcome.value


@pytest.fixture(scope="module")
def town_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once through the command line, then copied for each test (git history and all)."""
    base = tmp_path_factory.mktemp("town")
    with pytest.MonkeyPatch.context() as patch:
        (base / "home").mkdir()
        patch.setenv("HOME", str(base / "home"))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        patch.delenv("ANQUAN_OFFICE", raising=False)
        patch.delenv("ANQUAN_LEDGER", raising=False)
        run = runner(patch)
        root = base / "dongxi"
        assert run("init", root, "--name", "东溪镇").code == 0
        patch.chdir(root)
        unit = add(
            run,
            "add-enterprise",
            "--name",
            "兴源化工有限公司",
            "--sector",
            "危险化学品",
            "--credit-code",
            "91350100M000100Y30",
            "--village",
            "东溪村",
        )
        build_town(run, unit)
    return root


@pytest.fixture
def town(town_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "dongxi"
    shutil.copytree(town_template, root, symlinks=True)
    monkeypatch.chdir(root)
    return root


def build_town(run: Run, unit: str) -> None:
    """Q4 2024 of 东溪镇: one overdue hazard, one closed, one major, a fine and an accident."""
    visit = add(
        run,
        "add-inspection",
        "-e",
        unit,
        "--date",
        "2024-10-08",
        "--leader",
        "陈立新",
        "--inspectors",
        "张伟,李娜",
        "--doc-no",
        "东应急检〔2024〕12号",
    )
    add(
        run,
        "add-hazard",
        "--inspection",
        visit,
        "-d",
        '=HYPERLINK("http://x.example","点我")',
        "--deadline",
        "2024-10-20",
    )
    closed = add(
        run,
        "add-hazard",
        "-e",
        unit,
        "-d",
        "消防通道堵塞",
        "--found",
        "2024-10-08",
        "--deadline",
        "2024-10-15",
        "--funds",
        "1200.5",
    )
    add(run, "rectify", closed, "--date", "2024-10-12")
    add(run, "verify", closed, "--date", "2024-10-14", "--by", "周强")
    add(
        run,
        "add-hazard",
        "-e",
        unit,
        "-d",
        "储罐区防火堤破损",
        "--found",
        "2024-11-02",
        "--level",
        "重大",
        "--responsible",
        "王建国",
        "--measures",
        "修复防火堤",
        "--funds",
        "80000",
        "--deadline",
        "2025-01-31",
        "--plan",
        "储罐区专项预案",
        "--supervision",
        "区级",
        "--supervision-doc",
        "区安委办督〔2024〕3号",
    )
    add(
        run,
        "add-penalty",
        "-e",
        unit,
        "--date",
        "2024-11-20",
        "--fine",
        "20000",
        "--reason",
        "-未按规定检测",
    )
    add(
        run,
        "add-accident",
        "--date",
        "2024-12-01",
        "--domain",
        "道路运输",
        "--place",
        "东溪大桥",
        "--injuries",
        "2",
    )


def export(run: Run, *flags: str) -> Path:
    outcome = run("export", *flags)
    assert outcome.code == 0, outcome.err
    return Path(outcome.value)


def cells(path: Path, sheet: str) -> list[list[object]]:
    book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def test_export_names_the_file_by_town_and_period(run: Run, town: Path) -> None:
    path = export(run, "--year", "2024", "--quarter", "4")
    assert path.name == "东溪镇2024年第四季度安全生产台账.xlsx"
    assert CalamineWorkbook.from_path(str(path)).sheet_names == SHEETS


def test_each_sheet_has_its_title_note_and_headings(run: Run, town: Path) -> None:
    path = export(run, "--year", "2024", "--quarter", "4")
    rows = cells(path, "隐患排查整改台账")
    assert rows[0][0] == "东溪镇2024年第四季度隐患排查整改台账"
    assert "2024-12-31" in str(rows[1][0])
    assert rows[2][:3] == ["序号", "单位名称", "所属村(社区)"]
    assert [r[0] for r in rows[3:]] == [1.0, 2.0, 3.0]
    book = openpyxl.load_workbook(path)
    sheet = book["隐患排查整改台账"]
    assert "A1:Z1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:Z6"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$3:$3"
    assert "&P" in sheet.oddFooter.center.text
    assert sheet["B3"].font.b and sheet["B3"].border.left.style == "thin"


def test_dates_are_real_dates_and_money_is_numbers(run: Run, town: Path) -> None:
    path = export(run, "--year", "2024", "--quarter", "4")
    book = openpyxl.load_workbook(path)
    sheet = book["隐患排查整改台账"]
    found = sheet["E5"]
    assert found.value == datetime(2024, 10, 8)
    assert found.number_format == "yyyy-mm-dd"
    assert sheet["K5"].value == 1200.5
    assert book["行政处罚台账"]["H4"].value == 20000


def test_text_that_looks_like_a_formula_stays_text(run: Run, town: Path) -> None:
    path = export(run, "--year", "2024", "--quarter", "4")
    book = openpyxl.load_workbook(path)
    sheet = book["隐患排查整改台账"]
    described = [sheet.cell(row, 6) for row in range(4, 7)]
    hyperlink = next(c for c in described if str(c.value).startswith("=HYPERLINK"))
    assert hyperlink.data_type == "s"
    assert book["行政处罚台账"]["F4"].data_type == "s"
    assert book["行政处罚台账"]["F4"].value == "-未按规定检测"


def test_overdue_rows_are_highlighted_against_as_of(run: Run, town: Path) -> None:
    path = export(run, "--year", "2024", "--quarter", "4", "--as-of", "2024-10-25")
    sheet = openpyxl.load_workbook(path)["隐患排查整改台账"]
    fills = {sheet.cell(row, 6).value: sheet.cell(row, 6).fill.fgColor.rgb for row in range(4, 6)}
    overdue = next(v for k, v in fills.items() if str(k).startswith("=HYPERLINK"))
    assert overdue.endswith("FFC7CE")
    assert not fills["消防通道堵塞"].endswith("FFC7CE")


def test_status_and_level_columns_offer_a_drop_down(run: Run, town: Path) -> None:
    path = export(run, "--year", "2024", "--quarter", "4")
    sheet = openpyxl.load_workbook(path)["隐患排查整改台账"]
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert any(k.startswith("G4") and "一般" in f and "重大" in f for k, f in lists.items())
    assert any(k.startswith("L4") and "整改中" in f and "已销号" in f for k, f in lists.items())


def test_major_hazards_sheet_groups_five_assurances_and_listing(run: Run, town: Path) -> None:
    path = export(run, "--year", "2024", "--quarter", "4")
    rows = cells(path, "重大隐患台账")
    assert rows[2][6] == "五落实" and rows[2][11] == "挂牌督办"
    assert rows[3][6:11] == ["整改责任人", "整改措施", "整改资金(元)", "整改期限", "应急预案"]
    assert rows[4][1] == "兴源化工有限公司" and rows[4][11] == "区级"
    sheet = openpyxl.load_workbook(path)["重大隐患台账"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"G3:K3", "L3:N3", "A3:A4"} <= merged


def test_hazard_state_is_shown_as_of_the_period_end(run: Run, town: Path) -> None:
    path = export(run, "--year", "2024", "--quarter", "4", "--as-of", "2024-10-13")
    rows = cells(path, "隐患排查整改台账")
    closed = next(r for r in rows if r[5] == "消防通道堵塞")
    assert closed[11] == "已整改"
    assert closed[12] == date(2024, 10, 12)
    assert closed[14] == ""


def test_export_without_period_holds_every_record(run: Run, town: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "全部.xlsx"
    assert export(run, "-o", str(target)) == target
    assert len(cells(target, "隐患排查整改台账")) == 3 + 3


def test_export_refuses_an_output_that_is_not_xlsx(run: Run, town: Path) -> None:
    outcome = run("export", "-o", "台账.xls")
    assert outcome.code == 2
    assert "xlsx" in outcome.err


def test_summary_sheet_totals_come_from_the_report_figures(run: Run, town: Path) -> None:
    path = export(run, "--year", "2024", "--quarter", "4")
    rows = cells(path, "汇总")
    assert rows[0][0] == "东溪镇2024年第四季度安全生产工作汇总表"
    assert rows[2][0] == "一、按行业领域"
    headings = rows[3]
    totals = [r for r in rows if r[0] == "合计"]
    assert len(totals) == 2 and totals[0] == totals[1]
    figures = dict(zip(headings, totals[0], strict=True))
    assert figures["检查企业(家)"] == 1 and figures["检查(家次)"] == 1
    assert figures["出动检查人员(人次)"] == 2
    assert figures["排查隐患(处)"] == 3 and figures["其中重大隐患(处)"] == 1
    assert figures["已整改(处)"] == 1 and figures["整改中(处)"] == 2
    assert figures["逾期未整改(处)"] == 1 and figures["已验收销号(处)"] == 1
    assert figures["整改率"] == pytest.approx(1 / 3)
    assert figures["行政处罚(起)"] == 1 and figures["罚款(万元)"] == 2
    assert figures["事故(起)"] == 1 and figures["受伤(人)"] == 2
    sectors = {r[0]: r for r in rows[4 : rows.index(totals[0])]}
    assert set(sectors) == {"危险化学品", "道路运输"}
    village_header = next(i for i, r in enumerate(rows) if r[0] == "二、按村(居)")
    assert rows[village_header + 1][0] == "村(居)"
    assert rows[village_header + 2][0] == "东溪村"


def test_a_failed_export_leaves_the_old_file_whole(
    run: Run, town: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anquan_cli.render import workbook

    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"the office's previous workbook")

    def broken(*args: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workbook, "write_sheet", broken)
    outcome = run("export", "-o", str(target))
    assert outcome.code == 1
    assert target.read_bytes() == b"the office's previous workbook"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
