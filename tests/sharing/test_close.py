"""Closing a period: the figures as submitted, and a later report saying what changed since."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run
from tests.sharing.conftest import Shared, git_in


def hazard(
    run: Run, unit: str, text: str, found: str = "2024-10-15", deadline: str = "2024-11-30"
) -> str:
    outcome = run("add-hazard", "-e", unit, "-d", text, "--found", found, "--deadline", deadline)
    assert outcome.code == 0, outcome.err
    return outcome.value


def test_close_commits_the_figures_and_tags_them(run: Run, unit: str, ledger: Path) -> None:
    first = hazard(run, unit, "配电箱未接地")
    hazard(run, unit, "消防通道堵塞")
    assert run("rectify", first, "--date", "2024-10-20").code == 0

    outcome = run("close", "--quarter", "4", "--year", "2024")
    assert outcome.code == 0, outcome.err
    assert outcome.value == "closed/2024-Q4.json"
    assert "排查隐患 2 处" in outcome.err and "已整改 1 处" in outcome.err
    filed = json.loads((ledger / "closed" / "2024-Q4.json").read_text(encoding="utf-8"))
    assert filed["label"] == "2024年第四季度" and filed["office"] == "应急办"
    assert filed["figures"]["totals"]["hazards_found"] == 2
    assert git_in(ledger, "status", "--porcelain") == ""
    assert git_in(ledger, "tag", "--list").split() == ["closed/2024-Q4"]
    assert git_in(ledger, "log", "-1", "--format=%s") == "报送 2024年第四季度 数据\n"

    again = run("close", "--quarter", "4", "--year", "2024")
    assert again.code == 2 and "不能重复报送" in again.err


def test_a_report_of_a_closed_period_names_changed_figures_and_records(
    run: Run, unit: str, ledger: Path
) -> None:
    first = hazard(run, unit, "配电箱未接地")
    assert run("close", "--quarter", "4", "--year", "2024").code == 0

    same = run("report", "--quarter", "4", "--year", "2024", "--format", "json")
    assert same.code == 0 and "与报送时一致" in same.err
    assert json.loads(same.out)["closed"]["figures"] == []

    late = hazard(run, unit, "灭火器过期", found="2024-12-20", deadline="2024-12-25")
    assert run("rectify", first, "--date", "2024-12-01").code == 0
    report = run("report", "--quarter", "4", "--year", "2024", "--format", "json")
    assert report.code == 0, report.err
    assert "今天的数字有" in report.err
    assert "排查隐患 1→2" in report.err and "已整改 0→1" in report.err
    assert f"{first}（修改）" in report.err and f"{late}（新增）" in report.err
    closed = json.loads(report.out)["closed"]
    assert {"key": "totals.hazards_rectified", "submitted": 0, "now": 1} in closed["figures"]
    assert [r["record_id"] for r in closed["records"]] == sorted([first, late])

    other = run("report", "--quarter", "3", "--year", "2024", "--format", "json")
    assert "closed" not in json.loads(other.out) and "报送" not in other.err


def test_close_refuses_an_unfinished_period_uncommitted_records_and_a_broken_ledger(
    run: Run, unit: str, ledger: Path
) -> None:
    from datetime import date

    unfinished = run("close", "--year", str(date.today().year))
    assert unfinished.code == 2 and "尚未结束" in unfinished.err

    hazard_id = run(
        "add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15", "--no-commit"
    ).value
    pending = run("close", "--quarter", "4", "--year", "2024")
    assert pending.code == 1 and hazard_id in pending.err and "未提交" in pending.err

    git_in(ledger, "add", ".")
    git_in(ledger, "commit", "-q", "-m", "补录")
    broken = next(ledger.glob(f"hazards/*/{hazard_id}.yaml"))
    broken.write_text(broken.read_text(encoding="utf-8") + "unknown_key: 1\n", encoding="utf-8")
    git_in(ledger, "commit", "-q", "-am", "手工改错")
    refused = run("close", "--quarter", "4", "--year", "2024")
    assert refused.code == 1 and "anquan check" in refused.err
    assert not (ledger / "closed").exists()


def test_the_close_tag_travels_with_sync(shared: Shared, run: Run) -> None:
    shared.anquan(
        shared.origin,
        "add-hazard",
        "-e",
        shared.unit,
        "-d",
        "配电箱未接地",
        "--found",
        "2024-10-15",
    )
    shared.anquan(shared.origin, "close", "--quarter", "4", "--year", "2024")
    shared.anquan(shared.origin, "sync")
    assert "closed/2024-Q4" in git_in(shared.remote, "tag", "--list")
    clone = shared.clone("jingfa", "经发办")
    report = run(
        "report", "--quarter", "4", "--year", "2024", "--format", "json", "--ledger", clone
    )
    assert "与报送时一致" in report.err


def test_close_as_json_names_the_file_the_tag_and_the_figures(
    run: Run, unit: str, ledger: Path
) -> None:
    hazard(run, unit, "配电箱未接地")
    outcome = run("close", "--quarter", "4", "--year", "2024", "--format", "json")
    assert outcome.code == 0, outcome.err
    data = json.loads(outcome.out)
    assert data["file"] == "closed/2024-Q4.json" and data["tag"] == "closed/2024-Q4"
    assert data["key"] == "2024-Q4" and data["office"] == "应急办"
    assert data["period"]["from"] == "2024-10-01" and data["totals"]["hazards_found"] == 1
    assert (ledger / data["file"]).is_file()
