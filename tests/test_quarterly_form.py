"""The upward 隐患排查治理统计表 (export --form 季报, report --template 隐患排查治理统计表) on a
ledger counted by hand.

Units: U1 甲机械厂 工贸 · U2 乙化工 危险化学品 · U3 丙化工 危险化学品 (never inspected). Q4 2024,
as of 2024-12-31. Inspections: U1 10-08, U2 10-10.

G1 U1 一般, funds 2000, rectified 10-20 · G2 U1 一般, funds 500, open.
M1 U2 重大, all 五落实 (funds 30000), 省级挂牌督办, rectified 11-01 and closed 11-05.
M2 U2 重大, measures and deadline only, 市级挂牌督办, rectified 12-01 (not closed).
M3 U1 重大, nothing recorded, 区级挂牌督办, open.

By hand — 工贸: 应排查 1, 已排查 1, 一般 2 / 已整改 1 / 50.0%, 重大 1 / 0 / 0.0%, 计划 0, 五落实 0,
督办 0/0/1, 资金 0.25 / 0 万元. 危险化学品: 应排查 2, 已排查 1, 一般 0 / 0 / —, 重大 2 / 1 / 50.0%,
计划 2, 五落实 1, 督办 1/1/0, 资金 0 / 3 万元. 合计: 3, 2, 2/1/50.0%, 3/1/33.3%, 2, 1, 1/1/1,
0.25 / 3.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

PERIOD = ("--quarter", "4", "--year", "2024")


def _ok(run: Run, *args: str) -> str:
    outcome = run(*args)
    assert outcome.code == 0, outcome.err
    return outcome.value


@pytest.fixture
def counted(run: Run, ledger: Path) -> Path:
    u1 = _ok(run, "add-enterprise", "--name", "甲机械厂", "--sector", "工贸")
    u2 = _ok(run, "add-enterprise", "--name", "乙化工", "--sector", "危险化学品")
    _ok(run, "add-enterprise", "--name", "丙化工", "--sector", "危险化学品")
    _ok(run, "add-inspection", "-e", u1, "--date", "2024-10-08")
    _ok(run, "add-inspection", "-e", u2, "--date", "2024-10-10")
    g1 = _ok(
        run, "add-hazard", "-e", u1, "--found", "2024-10-08", "-d", "护栏缺失", "--funds", "2000"
    )
    _ok(run, "add-hazard", "-e", u1, "--found", "2024-10-08", "-d", "通道堵塞", "--funds", "500")
    m1 = _ok(run, "add-hazard", "-e", u2, "--found", "2024-10-10", "--level", "重大", "-d", "储罐区无泄漏报警", "--measures", "加装报警", "--responsible", "王强", "--deadline", "2024-11-30", "--funds", "30000", "--plan", "储罐泄漏预案", "--supervision", "省级挂牌督办")  # fmt: skip
    m2 = _ok(run, "add-hazard", "-e", u2, "--found", "2024-10-10", "--level", "重大", "-d", "反应釜无联锁", "--measures", "加装联锁", "--deadline", "2024-12-31", "--supervision", "市级")  # fmt: skip
    _ok(run, "add-hazard", "-e", u1, "--found", "2024-10-08", "--level", "重大", "-d", "行车无限位", "--supervision", "区级")  # fmt: skip
    _ok(run, "rectify", g1, "--date", "2024-10-20")
    _ok(run, "rectify", m1, "--date", "2024-11-01")
    _ok(run, "verify", m1, "--date", "2024-11-05", "--by", "李娜")
    _ok(run, "rectify", m2, "--date", "2024-12-01")
    return ledger


def _figures(run: Run) -> dict[str, Any]:
    outcome = run("report", *PERIOD, "--format", "json", "--allow-errors")
    assert outcome.code == 0, outcome.err
    data: dict[str, Any] = json.loads(outcome.out)
    return data


FORM_KEYS = (
    "enterprises_inspected",
    "hazards_general",
    "hazards_general_rectified",
    "general_rectification_rate",
    "hazards_major",
    "hazards_major_closed",
    "major_rectification_rate",
    "hazards_major_planned",
    "hazards_major_assured",
    "hazards_supervised_provincial",
    "hazards_supervised_municipal",
    "hazards_supervised_other",
    "funds_general_yuan",
    "funds_major_yuan",
)


def test_the_forms_figures_are_counted_as_by_hand(run: Run, counted: Path) -> None:
    data = _figures(run)
    assert [data["by_sector"]["工贸"][k] for k in FORM_KEYS] == [1, 2, 1, 0.5, 1, 0, 0.0, 0, 0, 0, 0, 1, 2500, 0]  # fmt: skip
    assert [data["by_sector"]["危险化学品"][k] for k in FORM_KEYS] == [1, 0, 0, None, 2, 1, 0.5, 2, 1, 1, 1, 0, 0, 30000]  # fmt: skip
    assert [data["totals"][k] for k in FORM_KEYS] == [2, 2, 1, 0.5, 3, 1, 1 / 3, 2, 1, 1, 1, 1, 2500, 30000]  # fmt: skip
    assert data["units"]["by_sector"]["危险化学品"]["count"] == 2
    explained = json.loads(run("report", *PERIOD, "--explain", "hazards_major_assured", "--format", "json").out)  # fmt: skip
    assert [row["text"] for row in explained["records"]] == ["[重大] 储罐区无泄漏报警"]


def _sheet_rows(path: Path) -> dict[str, list[Any]]:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    assert book.sheetnames == ["隐患排查治理统计表"]
    sheet = book.active
    assert sheet is not None
    rows = {}
    for row in sheet.iter_rows(min_row=5, values_only=True):
        if row[0]:
            rows[str(row[0])] = list(row[1:])
    return rows


def test_the_sheets_total_row_is_the_reports_totals(
    run: Run, counted: Path, tmp_path: Path
) -> None:
    target = tmp_path / "季报.xlsx"
    written = run("export", "--form", "季报", *PERIOD, "-o", str(target))
    assert written.code == 0, written.err
    rows = _sheet_rows(target)
    data = _figures(run)
    totals = data["totals"]
    total = rows["合计"]
    assert total[0] == data["units"]["total"] == 3
    for value, key in zip(total[1:], FORM_KEYS, strict=True):
        if key.endswith("_yuan"):
            assert Decimal(str(value)) * 10000 == Decimal(str(totals[key])), key
        elif key.endswith("_rate"):
            assert value == pytest.approx(totals[key]) if totals[key] is not None else value == "—"
        else:
            assert value == totals[key], key
    assert rows["工贸"][:6] == [1, 1, 2, 1, 0.5, 1]
    assert rows["危险化学品"][4] == "—"  # no 一般隐患: no rate
    # every sector's row adds up to the total, column by column (counts and money)
    sectors = [name for name in rows if name != "合计"]
    for index, key in enumerate(FORM_KEYS, start=1):
        if not key.endswith("_rate"):
            assert sum(Decimal(str(rows[s][index])) for s in sectors) == Decimal(str(total[index]))


def test_the_document_carries_the_same_total_row(run: Run, counted: Path, tmp_path: Path) -> None:
    text = run("report", *PERIOD, "--template", "隐患排查治理统计表")
    assert text.code == 0, text.err
    total = next(line for line in text.out.splitlines() if line.startswith("| 合计 |"))
    assert (
        total == "| 合计 | 3 | 2 | 2 | 1 | 50.0% | 3 | 1 | 33.3% | 2 | 1 | 1 | 1 | 1 | 0.25 | 3 |"
    )
    target = tmp_path / "统计表.docx"
    made = run("report", *PERIOD, "--template", "隐患排查治理统计表", "--format", "docx", "-o", str(target))  # fmt: skip
    assert made.code == 0, made.err
    from docx import Document

    document = Document(str(target))
    table = document.tables[0]
    cells = [cell.text for cell in table.rows[-1].cells]
    assert cells[:4] == ["合计", "3", "2", "2"] and cells[-2:] == ["0.25", "3"]
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape
