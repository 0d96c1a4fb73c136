"""A hazard's source (检查, 巡查, 企业自查, 举报, 交办) and 当场整改."""

from __future__ import annotations

import json
from pathlib import Path

from anquan_cli.model.enums import HazardSource
from anquan_cli.model.records import Hazard
from tests.conftest import Run


def _file(ledger: Path, hazard_id: str) -> Path:
    return next(ledger.glob(f"hazards/*/{hazard_id}.yaml"))


def test_a_hazard_found_by_inspection_keeps_its_file_as_before(
    run: Run, unit: str, ledger: Path
) -> None:
    made = run("add-hazard", "-e", unit, "-d", "灭火器过期", "--found", "2024-10-05")
    assert made.code == 0, made.err
    text = _file(ledger, made.value).read_text(encoding="utf-8")
    assert "source" not in text and "on_the_spot" not in text
    shown = json.loads(run("show", made.value, "--format", "json").out)
    assert (shown["source"], shown["on_the_spot"]) == ("检查", False)


def test_a_reported_hazard_is_listed_by_its_source(run: Run, unit: str, ledger: Path) -> None:
    reported = run(
        "add-hazard", "-e", unit, "-d", "夜间偷排", "--found", "2024-10-05", "--source", "举报"
    ).value
    run("add-hazard", "-e", unit, "-d", "灭火器过期", "--found", "2024-10-06")
    assert "source: 举报" in _file(ledger, reported).read_text(encoding="utf-8")
    listed = json.loads(run("list", "hazards", "--source", "举报", "--format", "json").out)
    assert [h["id"] for h in listed] == [reported]
    table = run("list", "hazards", "--source", "举报").out
    assert "举报" in table and "夜间偷排" in table
    wrong = run("list", "hazards", "--source", "听说")
    assert wrong.code == 2 and "--source：听说 无效" in wrong.err
    refused = run("add-hazard", "-e", unit, "-d", "x", "--source", "听说")
    assert refused.code == 2


def test_a_hazard_fixed_on_the_spot_is_rectified_the_day_it_was_found(
    run: Run, unit: str, ledger: Path
) -> None:
    made = run(
        "add-hazard", "-e", unit, "-d", "通道堆放杂物", "--found", "2024-10-05", "--on-the-spot"
    )
    assert made.code == 0, made.err
    assert made.value
    shown = json.loads(run("show", made.value, "--format", "json").out)
    assert shown["status"] == "已整改" and shown["on_the_spot"] is True
    assert [(s["date"], s["action"]) for s in shown["history"]] == [
        ("2024-10-05", "发现"),
        ("2024-10-05", "整改"),
    ]
    assert "当场整改" in run("list", "hazards").out
    assert run("check").code == 0
    assert run("verify", made.value, "--date", "2024-10-06", "--by", "张伟").value == "已销号"


def test_on_the_spot_and_a_deadline_are_refused_together(run: Run, unit: str) -> None:
    both = run(
        "add-hazard",
        "-e",
        unit,
        "-d",
        "通道堆放杂物",
        "--found",
        "2024-10-05",
        "--on-the-spot",
        "--deadline",
        "2024-10-20",
    )
    assert both.code == 2 and "--on-the-spot 与 --deadline" in both.err


def test_check_warns_of_an_on_the_spot_hazard_never_rectified(
    run: Run, unit: str, ledger: Path
) -> None:
    made = run("add-hazard", "-e", unit, "-d", "通道堆放杂物", "--found", "2024-10-05").value
    path = _file(ledger, made)
    path.write_text(path.read_text(encoding="utf-8") + "on_the_spot: true\n", encoding="utf-8")
    outcome = run("check")
    assert "标为当场整改，但历程中没有发现当日（2024-10-05）的“整改”" in outcome.out + outcome.err


def test_old_hazard_files_read_as_found_by_inspection() -> None:
    hazard = Hazard.model_validate(
        {
            "id": "DX-H-2410-YJB01",
            "enterprise": "DX-E-2410-YJB01",
            "found": "2024-10-05",
            "description": "x",
        }
    )
    assert hazard.source is HazardSource.INSPECTION and hazard.on_the_spot is False
