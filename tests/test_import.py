"""`anquan import`: reading the offices' own messy 台账, all or nothing, and only once."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from anquan_cli import portable
from anquan_cli.model.enums import Level, Status
from anquan_cli.store import transaction, writer
from anquan_cli.store.ledger import Ledger
from tests.conftest import Run
from tests.fixtures.messy import build


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*.yaml") if ".git" not in p.parts}


def commits(root: Path) -> int:
    out = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    )
    return int(out.stdout)


def clean_tree(root: Path) -> bool:
    out = subprocess.run(
        ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True
    )
    return out.stdout.strip() == ""


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return build(tmp_path / "东溪镇隐患台账.xlsx")


def test_a_messy_workbook_imports_exactly(run: Run, ledger: Path, unit: str, messy: Path) -> None:
    before = commits(ledger)
    outcome = run("import", messy)
    assert outcome.code == 0, outcome.err
    assert "读取 12 行，新建 7 条，新建单位 2 家" in outcome.out
    assert "合计行 1" in outcome.out and "小计行 1" in outcome.out and "表尾 1" in outcome.out
    book = Ledger.open(ledger)
    names = sorted(u.name for u in book.enterprises)
    assert names == ["东溪加油站", "兴源化工有限公司", "鑫达机械制造（东溪）有限公司"]
    hazards = {h.description: h for h in book.hazards}
    assert len(hazards) == 7
    assert all(h.found == date(2024, 3, 5) for h in hazards.values())
    xingyuan = [h for h in book.hazards if h.enterprise == unit]
    assert len(xingyuan) == 3  # merged unit cells fill down
    assert hazards["动火作业票不规范"].level is Level.MAJOR
    assert hazards["动火作业票不规范"].deadline == date(2024, 4, 30)
    assert hazards["灭火器过期"].deadline == date(2024, 3, 31)
    assert hazards["卸油口无防溢措施"].deadline == date(2024, 3, 25)
    assert hazards["卸油口无防溢措施"].status is Status.OPEN
    assert hazards["应急预案未演练"].status is Status.RECTIFIED
    assert hazards["应急预案未演练"].history[-1].date == date(2024, 3, 30)
    assert hazards["冲床防护罩缺失"].status is Status.CLOSED
    assert hazards["储罐区静电接地不良"].funds == Decimal(500)
    assert commits(ledger) == before + 1
    assert clean_tree(ledger)
    assert run("check").code == 0


def test_dry_run_writes_nothing(run: Run, ledger: Path, messy: Path) -> None:
    before, count = files(ledger), commits(ledger)
    outcome = run("import", messy, "--dry-run")
    assert outcome.code == 0, outcome.err
    assert "新建 7 条" in outcome.out
    assert files(ledger) == before and commits(ledger) == count and clean_tree(ledger)


def test_importing_the_same_file_twice_creates_nothing_new(
    run: Run, ledger: Path, messy: Path
) -> None:
    assert run("import", messy).code == 0
    before, count = files(ledger), commits(ledger)
    again = run("import", messy)
    assert again.code == 0, again.err
    assert "新建 0 条" in again.out and "已存在 7" in again.out
    assert files(ledger) == before and commits(ledger) == count


def test_an_import_commits_only_its_own_files_and_leaves_what_was_staged(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [["单位名称", "发现日期", "隐患描述"]]
    rows += [[f"第{n}厂", "2024-10-08", f"第{n}处隐患"] for n in range(1, 601)]
    path = write_sheet(tmp_path / "隐患.xlsx", "隐患排查整改台账", rows)
    (ledger / "memo.txt").write_text("别人暂存的改动\n", encoding="utf-8")
    subprocess.run(["git", "add", "memo.txt"], cwd=ledger, check=True)
    outcome = run("import", path)
    assert outcome.code == 0, outcome.err
    shown = subprocess.run(
        ["git", "show", "--name-only", "--format=", "HEAD"],
        cwd=ledger, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert len(shown) == 1200 and "memo.txt" not in shown
    staged = subprocess.run(
        ["git", "diff", "--cached", "--name-only"],
        cwd=ledger, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert staged == ["memo.txt"]


def write_sheet(path: Path, name: str, rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(name)
    for index, row in enumerate(rows):
        for col, value in enumerate(row):
            if value is not None:
                sheet.write(index, col, value)
    book.close()
    return path


def test_an_unreadable_row_is_named_and_nothing_is_written(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    path = write_sheet(
        tmp_path / "坏.xlsx",
        "隐患排查整改台账",
        [
            ["单位名称", "发现日期", "隐患描述", "整改期限"],
            ["甲厂", "2024-10-08", "通道堵塞", "2024-10-20"],
            ["乙厂", "2024-02-30", "电线老化", None],
            ["丙厂", "2024-10-09", "灭火器过期", "2024-10-01"],
        ],
    )
    before = files(ledger)
    outcome = run("import", path)
    assert outcome.code == 1
    assert "隐患排查整改台账!B3：“2024-02-30”不是有效日期" in outcome.err
    assert "隐患排查整改台账!D4：整改期限 2024-10-01 早于发现日期 2024-10-09" in outcome.err
    assert files(ledger) == before
    skipped = run("import", path, "--skip-bad")
    assert skipped.code == 1, skipped.err
    assert [h.description for h in Ledger.open(ledger).hazards] == ["通道堵塞"]


def test_skipping_bad_rows_keeps_the_good_ones_and_still_exits_1(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["单位名称", "发现日期", "隐患描述"],
        ["甲厂", "2024-10-08", "通道堵塞"],
        ["乙厂", "2024-02-30", "电线老化"],
    ]
    path = write_sheet(tmp_path / "坏.xlsx", "隐患排查整改台账", rows)
    trial = run("import", path, "--skip-bad", "--dry-run")
    assert trial.code == 1
    assert "将新建 2 条记录，跳过 1 行无法读取的行" in trial.err
    outcome = run("import", path, "--skip-bad")
    assert outcome.code == 1
    assert "隐患排查整改台账!B3" in outcome.err
    assert "已导入 坏.xlsx：新建 2 条记录，跳过 1 行无法读取的行" in outcome.err
    assert [h.description for h in Ledger.open(ledger).hazards] == ["通道堵塞"]
    assert clean_tree(ledger)


def test_a_negative_or_huge_amount_in_a_number_cell_is_a_bad_row(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    path = write_sheet(
        tmp_path / "处罚.xlsx",
        "行政处罚台账",
        [
            ["单位名称", "处罚日期", "罚款金额(元)"],
            ["甲厂", "2024-10-08", -5000.5],
            ["乙厂", "2024-10-09", 2e12],
            ["丙厂", "2024-10-10", 3000],
        ],
    )
    outcome = run("import", path, "--dry-run")
    assert outcome.code == 1
    # the dry run lists each sheet's bad rows under it
    assert "    行政处罚台账!C2：罚款(元)：金额 -5000.5 不能为负数" in outcome.out
    assert "    行政处罚台账!C3：罚款(元)：金额 2000000000000.0 元过大" in outcome.out
    assert "C4" not in outcome.out
    assert "新建 1 条，新建单位 1 家" in outcome.out  # the bad rows' units are not made either
    skipped = run("import", path, "--skip-bad")
    assert skipped.code == 1, skipped.err
    book = Ledger.open(ledger)
    assert [u.name for u in book.enterprises if u.name.endswith("厂")] == ["丙厂"]
    assert [(p.fine, p.id) for p in book.penalties] == [(3000, "DX-P-2410-YJB01")]


def test_a_failure_half_way_leaves_the_ledger_as_it_was(
    run: Run, ledger: Path, messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, count = files(ledger), commits(ledger)
    placed = 0
    real = transaction.create

    def failing(path: Path, data: bytes, mode: int) -> None:
        nonlocal placed
        placed += 1
        if placed == 5:
            raise OSError(28, "No space left on device")
        real(path, data, mode)

    monkeypatch.setattr(transaction, "create", failing)
    outcome = run("import", messy)
    assert outcome.code == 1
    assert "台账文件保持原样" in outcome.err
    assert placed == 5
    assert files(ledger) == before and commits(ledger) == count and clean_tree(ledger)
    assert not list(ledger.rglob("*.tmp"))
    assert not (ledger / ".anquan" / "import-journal").exists()


def test_a_refused_commit_takes_the_files_back(
    run: Run, ledger: Path, messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anquan_cli.errors import AnquanError
    from anquan_cli.store import git

    before, count = files(ledger), commits(ledger)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AnquanError("git commit 失败：测试")

    monkeypatch.setattr(git, "commit_names", refuse)
    assert run("import", messy).code == 1
    assert files(ledger) == before and commits(ledger) == count and clean_tree(ledger)


def test_a_hyperlink_formula_in_a_cell_stays_text(run: Run, ledger: Path, tmp_path: Path) -> None:
    path = tmp_path / "隐患.csv"
    path.write_text(
        '单位名称,发现日期,隐患描述\n甲厂,2024-10-08,"=HYPERLINK(""http://x.example"",""点我"")"\n'
        "乙厂,2024-10-08,'=1+2\n",
        encoding="gbk",
    )
    outcome = run("import", path)
    assert outcome.code == 0, outcome.err
    descriptions = sorted(h.description for h in Ledger.open(ledger).hazards)
    assert descriptions == ["=1+2", '=HYPERLINK("http://x.example","点我")']


def test_a_zip_bomb_is_refused_before_unpacking(run: Run, ledger: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "台账.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    before = files(ledger)
    outcome = run("import", bomb)
    assert outcome.code == 1
    assert "台账.xlsx" in outcome.err and "压缩" in outcome.err
    assert files(ledger) == before


def test_a_workbook_with_macros_is_refused(run: Run, ledger: Path, tmp_path: Path) -> None:
    xlsm = tmp_path / "台账.xlsm"
    xlsm.write_bytes(b"PK\x03\x04")
    assert run("import", xlsm).code == 1
    hidden = tmp_path / "改名.xlsx"
    with zipfile.ZipFile(hidden, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/vbaProject.bin", b"\x01" * 100)
    outcome = run("import", hidden)
    assert outcome.code == 1
    assert "改名.xlsx" in outcome.err and "宏" in outcome.err


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("坏.xlsx", b"this is not a workbook at all", "损坏"),
        (
            "密.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "加密",
        ),
        ("截断.xlsx", b"PK\x03\x04\x14\x00\x00\x00garbage", "损坏"),
    ],
)
def test_a_corrupt_or_encrypted_workbook_is_one_line(
    run: Run, ledger: Path, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    outcome = run("import", path)
    assert outcome.code == 1
    assert name in outcome.err and words in outcome.err
    assert "Traceback" not in outcome.err and len(outcome.err.strip().splitlines()) == 1


def test_a_sheet_without_recognisable_headings_is_refused(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    path = write_sheet(tmp_path / "杂.xlsx", "Sheet1", [["甲", "乙"], [1, 2]])
    outcome = run("import", path)
    assert outcome.code == 1
    assert "杂.xlsx" in outcome.err and "表头" in outcome.err


def test_a_major_hazard_sheet_with_grouped_headings_is_read(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    path = tmp_path / "重大.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("重大隐患台账")
    sheet.merge_range(0, 0, 0, 11, "东溪镇2024年重大隐患台账")
    for col, heading in enumerate(["序号", "单位名称", "发现日期", "隐患描述"]):
        sheet.merge_range(1, col, 2, col, heading)
    sheet.merge_range(1, 4, 1, 8, "五落实")
    sheet.merge_range(1, 9, 1, 11, "挂牌督办")
    sheet.write_row(2, 4, ["责任人", "措施", "资金（万元）", "时限", "预案"])
    sheet.write_row(2, 9, ["督办级别", "督办文号", "挂牌日期"])
    sheet.write_row(
        3,
        0,
        [
            1,
            "兴源化工",
            "11月2日",
            "储罐区防火堤破损",
            "王建国",
            "修复",
            8,
            "2025年1月31日",
            "专项预案",
            "区级",
            "区安委办督〔2024〕3号",
            "2024.11.5",
        ],
    )
    book.close()
    outcome = run("import", path)
    assert outcome.code == 0, outcome.err
    (hazard,) = Ledger.open(ledger).hazards
    assert hazard.level is Level.MAJOR and hazard.missing_assurances() == []
    assert hazard.found == date(2024, 11, 2) and hazard.funds == Decimal(80000)
    assert hazard.supervision is not None and hazard.supervision.date == date(2024, 11, 5)
    assert hazard.supervision.doc_no == "区安委办督〔2024〕3号"


def test_a_value_outside_the_ledgers_lists_is_a_bad_row(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    settings = ledger / "anquan.yaml"
    settings.write_text(settings.read_text("utf-8") + "villages: [东溪村, 西岭村]\n", "utf-8")
    path = write_sheet(
        tmp_path / "企业.xlsx",
        "企业台账",
        [
            ["单位名称", "所属村(社区)", "行业领域"],
            ["东溪加油站", "东溪村", "危险化学品"],
            ["火星加油站", "火星村", "危险化学品"],
            ["水星厂", "西岭村", "航天"],
        ],
    )
    outcome = run("import", path, "--dry-run")
    assert outcome.code == 1
    assert (
        "企业台账!B3：村(社区)“火星村”不在台账设置的列表中（可选：东溪村、西岭村）" in outcome.out
    )
    assert "企业台账!C4：行业领域“航天”不在台账设置的列表中" in outcome.out


def test_kind_reads_a_sheet_whose_name_says_nothing(run: Run, ledger: Path, tmp_path: Path) -> None:
    path = write_sheet(
        tmp_path / "表.xlsx", "Sheet1", [["名称", "地址"], ["东溪加油站", "东溪路1号"]]
    )
    outcome = run("import", path, "--kind", "enterprises")
    assert outcome.code == 0, outcome.err
    assert [u.address for u in Ledger.open(ledger).enterprises] == ["东溪路1号"]


def test_an_old_xls_workbook_imports_like_its_xlsx(run: Run, ledger: Path) -> None:
    outcome = run("import", Path(__file__).parent / "fixtures" / "messy.xls")
    assert outcome.code == 0, outcome.err
    assert "读取 12 行，新建 7 条，新建单位 3 家" in outcome.out
    hazards = Ledger.open(ledger).hazards
    assert len({h.enterprise for h in hazards}) == 3
    assert sorted(h.found for h in hazards) == [date(2024, 3, 5)] * 7


@pytest.mark.skipif(not portable.can_fork(), reason="workers are forked, where fork exists")
def test_a_large_import_renders_on_every_core_the_very_bytes_of_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from anquan_cli.store.writer import render_new

    records = [
        e.record for e in Ledger.open(Path(__file__).parents[1] / "examples" / "dongxi").entries
    ]
    assert len(records) > 300
    monkeypatch.setattr(writer, "PARALLEL_FROM", 1)
    monkeypatch.setattr(writer, "bulk_workers", lambda: 2)
    assert writer.render_all(records) == [render_new(r) for r in records]
    assert writer._RENDERING == ()


def test_a_fine_in_a_wan_column_is_not_scaled_twice(run: Run, ledger: Path, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["单位名称", "处罚日期", "罚款金额（万元）"],
        ["甲厂", "2024-10-08", "0.3万元"],
        ["乙厂", "2024-10-09", "5000元"],
        ["丙厂", "2024-10-10", 0.5],
        ["丁厂", "2024-10-11", "1.2"],
    ]
    outcome = run("import", write_sheet(tmp_path / "处罚.xlsx", "行政处罚台账", rows))
    assert outcome.code == 0, outcome.err
    fines = sorted(p.fine for p in Ledger.open(ledger).penalties)
    assert fines == [3000, 5000, 5000, 12000]


def test_a_negative_fine_in_a_wan_column_is_named_as_typed(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["单位名称", "处罚日期", "罚款金额（万元）"],
        ["甲厂", "2024-10-08", -0.5],
        ["乙厂", "2024-10-09", "-0.3万元"],
    ]
    outcome = run("import", write_sheet(tmp_path / "处罚.xlsx", "行政处罚台账", rows))
    assert outcome.code == 1
    assert "行政处罚台账!C2：金额 -0.5 万元不能为负数" in outcome.err
    assert "行政处罚台账!C3：“-0.3万元”不是有效金额" in outcome.err


def write_sheets(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for index, row in enumerate(rows):
            sheet.write_row(index, 0, row)
    book.close()
    return path


def test_a_major_hazard_sheet_raises_the_main_sheets_hazard_without_a_level(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    path = write_sheets(
        tmp_path / "隐患.xlsx",
        {
            "隐患排查整改台账": [
                ["单位名称", "发现日期", "隐患描述", "整改情况"],
                ["兴源化工", "2024-11-02", "储罐区防火堤破损", "整改中"],
                ["兴源化工", "2024-11-02", "灭火器过期", "已整改"],
            ],
            "重大隐患台账": [
                ["单位名称", "发现日期", "隐患描述", "责任人", "预案"],
                ["兴源化工", "2024-11-02", "储罐区 防火堤破损", "王建国", "专项预案"],
            ],
        },
    )
    outcome = run("import", path)
    assert outcome.code == 0, outcome.err
    assert "已在隐患排查整改台账中 1" in outcome.out
    hazards = {h.description: h for h in Ledger.open(ledger).hazards}
    assert len(hazards) == 2
    major = hazards["储罐区防火堤破损"]
    assert major.level is Level.MAJOR and major.status is Status.OPEN
    assert (major.responsible, major.plan) == ("王建国", "专项预案")
    assert hazards["灭火器过期"].level is Level.GENERAL
    before = files(ledger)
    again = run("import", path)
    assert again.code == 0, again.err
    assert "新建 0 条" in again.out and files(ledger) == before


@pytest.mark.parametrize("kind", ["hazards", "major_hazards"])
def test_an_exported_workbook_imported_as_hazards_keeps_each_major_hazard_once(
    run: Run, ledger: Path, unit: str, tmp_path: Path, kind: str
) -> None:
    found = ("-e", unit, "--found", "2024-11-02")
    assert run("add-hazard", *found, "-d", "灭火器过期").code == 0
    major = ("-d", "储罐区防火堤破损", "--level", "重大", "--plan", "专项预案")
    assert run("add-hazard", *found, *major).code == 0
    exported = tmp_path / "台账.xlsx"
    assert run("export", "-o", exported).code == 0
    other = tmp_path / "other"
    assert run("init", other, "--name", "东溪镇").code == 0
    outcome = run("import", exported, "--kind", kind, "--ledger", other)
    assert outcome.code == 0, outcome.err
    assert "重大隐患台账：读取 1 行，新建 0 条" in outcome.out
    hazards = Ledger.open(other).hazards
    assert sorted((h.description, h.level) for h in hazards) == [
        ("储罐区防火堤破损", Level.MAJOR),
        ("灭火器过期", Level.GENERAL),
    ]


def test_a_dated_list_named_as_a_statistics_table_is_read(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["单位名称", "隐患描述", "检查日期"],
        ["甲厂", "通道堵塞", "2024-10-08"],
    ]
    path = write_sheet(tmp_path / "统计.xlsx", "2024年隐患排查整改统计表", rows)
    outcome = run("import", path)
    assert outcome.code == 0, outcome.err
    assert [h.description for h in Ledger.open(ledger).hazards] == ["通道堵塞"]


def test_a_sheet_skipped_as_a_summary_by_its_name_says_so_and_suggests_kind(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [["单位名称", "地址"], ["东溪加油站", "东溪路1号"]]
    path = write_sheet(tmp_path / "统计.xlsx", "企业统计表", rows)
    outcome = run("import", path)
    assert outcome.code == 1
    assert "“企业统计表” 按表名（含“汇总”或“统计”）视为汇总表，未导入任何记录" in outcome.err
    assert "--kind" in outcome.err and "找不到可识别的表头" not in outcome.err
    assert run("import", path, "--kind", "enterprises").code == 0


def test_a_workbook_whose_name_says_the_wrong_excel_format_is_read_as_what_it_is(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    rows: list[list[object]] = [["单位名称", "发现日期", "隐患描述"], ["甲厂", "2024-10-08", "甲"]]
    renamed = write_sheet(tmp_path / "新.xlsx", "隐患排查整改台账", rows).rename(
        tmp_path / "新.xls"
    )
    outcome = run("import", renamed)
    assert outcome.code == 0, outcome.err
    old = tmp_path / "旧.xlsx"
    old.write_bytes((Path(__file__).parent / "fixtures" / "messy.xls").read_bytes())
    outcome = run("import", old)
    assert outcome.code == 0, outcome.err
    assert len(Ledger.open(ledger).hazards) == 8


EXAMPLE = Path(__file__).parents[1] / "examples" / "dongxi"


def report_json(run: Run, root: Path) -> dict[str, Any]:
    outcome = run("report", "--year", "2024", "--format", "json", "--ledger", root)
    assert outcome.code == 0, outcome.err
    data: dict[str, Any] = json.loads(outcome.out)
    return data


def test_an_exported_workbook_brings_back_the_inspection_plans(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    example = shutil.copytree(EXAMPLE, tmp_path / "example")
    exported = tmp_path / "台账.xlsx"
    assert run("export", "--ledger", example, "-o", exported).code == 0
    outcome = run("import", exported)
    assert outcome.code == 0, outcome.err
    # nine offices' inspection plans and nine villages' patrol plans
    assert "检查计划：读取 18 行，新建 18 条" in outcome.out
    before, after = report_json(run, example), report_json(run, ledger)
    assert after["plans"] == before["plans"] and after["plans_total"] == before["plans_total"]
    assert after["patrol_plans"] == before["patrol_plans"] != {}
    again = run("import", exported)
    assert "检查计划：读取 18 行，新建 0 条，跳过 18 行（已存在 18）" in again.out


def test_an_exported_workbook_brings_back_the_units_attributes(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    example = shutil.copytree(EXAMPLE, tmp_path / "example")
    exported = tmp_path / "台账.xlsx"
    assert run("export", "--ledger", example, "-o", exported).code == 0
    assert run("import", exported).code == 0
    before, after = report_json(run, example), report_json(run, ledger)
    assert before["units"]["by_sector"]["九小场所"]["attributes"] == {
        "燃气报警装置": {"已安装": 7, "未安装": 3}
    }
    assert after["units"] == before["units"]
