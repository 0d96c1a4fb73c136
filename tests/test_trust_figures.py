"""Trust: a hazard's state is replayed one way, from its history, by every path that shows it.

A hand-edited hazard file whose `status` says 已销号 while its history holds only 发现, its
deadline passed: before, `report` and the docx counted it as 已整改 and 销号 (from the stored
status) while `list --overdue`, `show` and the workbook's hazard sheet called it overdue (from
the history), and the workbook's 汇总 contradicted its own hazard sheet.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.conftest import Run

FOUND = date(2024, 10, 8)
DEADLINE = date(2024, 10, 20)


def add(run: Run, *args: str) -> str:
    outcome = run(*args)
    assert outcome.code == 0, outcome.err
    return outcome.value


def contradict(path: Path) -> None:
    """Edit the file by hand: status 已销号, history left as it is (发现 only)."""
    text = path.read_text(encoding="utf-8")
    assert "status: 整改中" in text
    path.write_text(text.replace("status: 整改中", "status: 已销号"), encoding="utf-8")


@pytest.fixture
def contradicted(run: Run, ledger: Path, unit: str) -> str:
    hazard = add(
        run,
        "add-hazard",
        "--enterprise",
        unit,
        "--description",
        "消防通道堵塞",
        "--found",
        FOUND.isoformat(),
        "--deadline",
        DEADLINE.isoformat(),
    )
    contradict(next(ledger.glob(f"hazards/*/{hazard}.yaml")))
    return hazard


def sheet(path: Path, name: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


ALLOW: tuple[str, ...] = ()


def test_check_names_the_contradiction(run: Run, contradicted: str) -> None:
    outcome = run("check")
    assert outcome.code == 1
    assert f"{contradicted}.yaml" in outcome.out
    assert "状态 已销号 与历程不符（按历程应为 整改中" in outcome.out


def test_report_counts_it_open_and_overdue(run: Run, contradicted: str) -> None:
    outcome = run("report", "--year", "2024", "--quarter", "4", "--format", "json", *ALLOW)
    assert outcome.code == 0, outcome.err
    totals = json.loads(outcome.out)["totals"]
    assert totals["hazards_found"] == 1
    assert totals["hazards_rectified"] == 0
    assert totals["hazards_closed"] == 0
    assert totals["hazards_open"] == 1
    assert totals["hazards_overdue"] == 1
    assert totals["rectification_rate"] == 0


def test_list_overdue_and_status_agree(run: Run, contradicted: str) -> None:
    overdue = run("list", "hazards", "--overdue", "--format", "json")
    assert [h["id"] for h in json.loads(overdue.out)] == [contradicted]
    assert json.loads(overdue.out)[0]["status"] == "整改中"
    assert json.loads(run("list", "hazards", "--status", "已销号", "--format", "json").out) == []
    shown = [
        h["id"]
        for h in json.loads(run("list", "hazards", "--status", "整改中", "--format", "json").out)
    ]
    assert shown == [contradicted]


def test_show_says_open_overdue_and_that_the_file_disagrees(run: Run, contradicted: str) -> None:
    outcome = run("show", contradicted)
    assert outcome.code == 0, outcome.err
    assert "状态：整改中" in outcome.out
    assert "！已逾期未整改" in outcome.out
    assert "文件中的状态“已销号”与历程不符" in outcome.out
    data = json.loads(run("show", contradicted, "--format", "json").out)
    assert data["status"] == "整改中"


def test_workbook_hazard_sheet_and_summary_agree(
    run: Run, contradicted: str, tmp_path: Path
) -> None:
    target = tmp_path / "台账.xlsx"
    outcome = run("export", "--year", "2024", "--quarter", "4", "-o", str(target), *ALLOW)
    assert outcome.code == 0, outcome.err
    rows = sheet(target, "隐患排查整改台账")
    row = next(r for r in rows if r[5] == "消防通道堵塞")
    assert row[11] == "整改中"
    summary = sheet(target, "汇总")
    headings = next(r for r in summary if r[0] == "行业领域")
    totals = dict(zip(headings, next(r for r in summary if r[0] == "合计"), strict=True))
    assert totals["排查隐患(处)"] == 1
    assert totals["已整改(处)"] == 0 and totals["已验收销号(处)"] == 0
    assert totals["整改中(处)"] == 1 and totals["逾期未整改(处)"] == 1


def test_the_document_counts_it_open(run: Run, contradicted: str) -> None:
    outcome = run("report", "--year", "2024", "--quarter", "4", *ALLOW)
    assert outcome.code == 0, outcome.err
    assert "已整改0处，整改中1处（其中逾期未整改1处），整改率0.0%，已验收销号0处" in outcome.out
