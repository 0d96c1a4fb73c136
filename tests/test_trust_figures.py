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


ALLOW = ("--allow-errors",)


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


# A figure is never printed from a ledger that fails check, unless --allow-errors ------------

Q4 = ("--year", "2024", "--quarter", "4")


@pytest.mark.parametrize(
    "command",
    [
        ("report", *Q4),
        ("report", *Q4, "--format", "json"),
        ("report", *Q4, "--explain", "hazards_found"),
        ("stats", *Q4),
        ("export", *Q4),
        ("close", *Q4),
    ],
    ids=lambda c: " ".join(c[:1] + c[len(Q4) + 1 :]),
)
def test_a_ledger_failing_check_gives_no_figure(
    run: Run, contradicted: str, command: tuple[str, ...]
) -> None:
    outcome = run(*command)
    assert outcome.code == 1
    assert outcome.out == ""
    assert "台账未通过检查（1 个错误），不出统计数字" in outcome.err
    assert f"hazards/2024/{contradicted}.yaml:" in outcome.err
    assert "状态 已销号 与历程不符" in outcome.err
    assert not list(Path.cwd().glob("*.xlsx"))
    assert not (Path.cwd() / "closed").exists()


def test_allowed_errors_are_said_on_stderr_and_under_the_md_title(
    run: Run, contradicted: str
) -> None:
    outcome = run("report", *Q4, "--allow-errors")
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert lines[0].startswith("# 东溪镇2024年第四季度")
    assert lines[2] == (
        "**【注意：本文数字所据台账未通过检查（anquan check 发现 1 个错误），"
        "未经核实，改正后请重新生成再报送】**"
    )
    assert "警告：台账未通过检查（1 个错误）" in outcome.err
    assert f"hazards/2024/{contradicted}.yaml:" in outcome.err


def test_allowed_errors_are_marked_in_docx_and_html(
    run: Run, contradicted: str, tmp_path: Path
) -> None:
    import docx

    target = tmp_path / "报告.docx"
    assert run("report", *Q4, "--allow-errors", "-o", target).code == 0
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs if p.text.strip()]
    assert "未通过检查" not in paragraphs[0]  # the title stays the title
    assert "本文数字所据台账未通过检查" in paragraphs[1]
    page = tmp_path / "报告.html"
    assert run("report", *Q4, "--allow-errors", "-o", page).code == 0
    html = page.read_text("utf-8")
    assert html.index("本文数字所据台账未通过检查") > html.index("<h1")


def test_allowed_errors_note_the_summary_sheet_and_the_json(
    run: Run, contradicted: str, tmp_path: Path
) -> None:
    target = tmp_path / "台账.xlsx"
    assert run("export", *Q4, "--allow-errors", "-o", target).code == 0
    summary = sheet(target, "汇总")
    assert "本文数字所据台账未通过检查（anquan check 发现 1 个错误）" in str(summary[1][0])
    data = json.loads(run("report", *Q4, "--format", "json", "--allow-errors").out)
    assert data["check_errors"] == 1
    stats_json = run("stats", *Q4, "--format", "json", "--allow-errors")
    assert json.loads(stats_json.out) == data
    stats = run("stats", *Q4, "--allow-errors")
    assert stats.code == 0
    assert "以下数字所据台账未通过检查" in stats.out


def test_a_district_with_a_failing_town_is_refused_and_allowed_alike(
    run: Run, contradicted: str, ledger: Path, tmp_path: Path
) -> None:
    district = tmp_path / "district"
    district.mkdir()
    (district / "anquan.yaml").write_text(
        f"name: 青山区\ncode: QSQ\ntowns:\n  - {ledger}\n", encoding="utf-8"
    )
    refused = run("report", *Q4, "--format", "json", "--ledger", district)
    assert refused.code == 1
    assert f"hazards/2024/{contradicted}.yaml:" in refused.err
    allowed = run("report", *Q4, "--format", "json", "--ledger", district, "--allow-errors")
    assert allowed.code == 0, allowed.err
    assert json.loads(allowed.out)["totals"]["hazards_overdue"] == 1


@pytest.mark.usefixtures("trust_fresh_files")
def test_the_check_behind_a_figure_is_the_remembered_one(
    run: Run, ledger: Path, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report works the check out while the records are loaded, once; an unchanged ledger
    asked again (or checked) reads neither records nor rules."""
    from anquan_cli.checks import rules

    ran: list[int] = []
    real = rules.run_rules

    def counted(book: object, today: object = None) -> object:
        ran.append(1)
        return real(book, today)  # type: ignore[arg-type]

    monkeypatch.setattr(rules, "run_rules", counted)
    monkeypatch.setattr("anquan_cli.api.checking.run_rules", counted)
    assert run("report", *Q4, "--format", "json").code == 0
    assert ran == [1]
    assert run("report", *Q4, "--format", "json").code == 0
    assert run("stats", *Q4).code == 0
    assert ran == [1]
    # check also holds dates of things done to today (model/rules.py), which a figure's check
    # does not: its outcome is its own, remembered for the day
    assert run("check").code == 0
    assert run("check").code == 0
    assert ran == [1, 1]


# A copied record file: one ID in two files ------------------------------------------------------


@pytest.fixture
def copied(run: Run, ledger: Path, unit: str) -> tuple[str, Path, Path]:
    """A hazard file copied as a clerk's file manager copies it: same ID, another name."""
    hazard = add(
        run, "add-hazard", "--enterprise", unit, "--description", "消防通道堵塞",
        "--found", FOUND.isoformat(), "--deadline", DEADLINE.isoformat(),
    )  # fmt: skip
    original = next(ledger.glob(f"hazards/*/{hazard}.yaml"))
    copy = original.with_name(f"{hazard} - 副本.yaml")
    copy.write_bytes(original.read_bytes())
    return hazard, original, copy


def test_check_names_the_copy(run: Run, copied: tuple[str, Path, Path]) -> None:
    hazard, _, copy = copied
    outcome = run("check")
    assert outcome.code == 1
    assert f"编号 {hazard} 重复" in outcome.out
    assert copy.name in outcome.out


@pytest.mark.parametrize(
    "command",
    [("show",), ("show", "--format", "json"), ("rectify", "--date", "2024-10-20"), ("log",)],
    ids=lambda c: " ".join(c),
)
def test_a_command_given_an_id_two_files_hold_names_both(
    run: Run, ledger: Path, copied: tuple[str, Path, Path], command: tuple[str, ...]
) -> None:
    hazard, original, copy = copied
    before = original.read_bytes()
    outcome = run(command[0], hazard, *command[1:])
    assert outcome.code == 1
    assert outcome.out == ""
    assert f"编号 {hazard} 同时出现在" in outcome.err
    assert original.relative_to(ledger).as_posix() in outcome.err
    assert copy.relative_to(ledger).as_posix() in outcome.err
    assert original.read_bytes() == before == copy.read_bytes()


def test_a_copied_hazard_is_not_counted_twice(run: Run, copied: tuple[str, Path, Path]) -> None:
    hazard, _, copy = copied
    outcome = run("report", *Q4, "--format", "json")
    assert outcome.code == 1
    assert f"编号 {hazard} 重复" in outcome.err
    assert copy.name in outcome.err


@pytest.fixture
def renamed_copy(run: Run, ledger: Path, unit: str) -> tuple[str, Path, Path]:
    """A hazard file copied and saved under another record's file name (ID-shaped): only
    check, which reads every file, knew of it before."""
    hazard = add(
        run, "add-hazard", "--enterprise", unit, "--description", "消防通道堵塞",
        "--found", FOUND.isoformat(), "--deadline", DEADLINE.isoformat(),
    )  # fmt: skip
    original = next(ledger.glob(f"hazards/*/{hazard}.yaml"))
    copy = original.with_name(hazard[:-2] + "99.yaml")
    copy.write_bytes(original.read_bytes())
    return hazard, original, copy


@pytest.mark.parametrize(
    "command",
    [
        ("show",),
        ("rectify", "--date", "2024-10-20"),
        ("verify", "--date", "2024-10-20", "--by", "张伟"),
        ("set", "responsible=李四"),
    ],
    ids=lambda c: " ".join(c),
)
def test_a_copy_under_another_ids_name_is_named_not_one_silently_picked(
    run: Run, ledger: Path, renamed_copy: tuple[str, Path, Path], command: tuple[str, ...]
) -> None:
    hazard, original, copy = renamed_copy
    before = original.read_bytes()
    outcome = run(command[0], hazard, *command[1:])
    assert (outcome.code, outcome.out) == (1, "")
    assert f"编号 {hazard} 同时出现在" in outcome.err
    assert original.relative_to(ledger).as_posix() in outcome.err
    assert copy.relative_to(ledger).as_posix() in outcome.err
    assert original.read_bytes() == before == copy.read_bytes()


@pytest.mark.parametrize(
    "command",
    [
        ("report", *Q4, "--format", "json"),
        ("stats", *Q4),
        ("export", *Q4, "-o", "out"),
        ("close", *Q4),
    ],
    ids=lambda c: c[0],
)
def test_no_figure_is_printed_from_a_copy_under_another_ids_name(
    run: Run, ledger: Path, renamed_copy: tuple[str, Path, Path], command: tuple[str, ...]
) -> None:
    hazard, _, copy = renamed_copy
    outcome = run(*command)
    assert outcome.code == 1 and "排查隐患" not in outcome.out
    assert f"编号 {hazard} 重复" in outcome.err
    assert copy.name in outcome.err
    assert not (ledger / "out").exists() or not any((ledger / "out").iterdir())
