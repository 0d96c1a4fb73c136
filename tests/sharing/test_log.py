"""`anquan log ID`: a record's history read from git, with Chinese field names."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run
from tests.sharing.conftest import git_in


def test_log_shows_when_which_office_and_what_changed(run: Run, unit: str, ledger: Path) -> None:
    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    assert run("rectify", hazard, "--date", "2024-10-25", "--note", "已接地").code == 0
    assert run("verify", hazard, "--date", "2024-10-28", "--by", "张伟").code == 0

    outcome = run("log", hazard)
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert lines[0].startswith(f"隐患 {hazard} 的改动历史")
    assert f"应急办  新增隐患 {hazard}：配电箱未接地" in outcome.out
    assert "状态：整改中 → 已整改" in outcome.out
    assert "状态：已整改 → 已销号" in outcome.out
    assert "历程：新增 日期：2024-10-25，环节：整改，说明：已接地" in outcome.out

    data = json.loads(run("log", hazard, "--format", "json").out)
    assert [r["message"] for r in data] == [
        f"新增隐患 {hazard}：配电箱未接地",
        f"隐患 {hazard} 已整改",
        f"隐患 {hazard} 验收通过，销号",
    ]
    assert data[0]["created"] and {r["office"] for r in data} == {"应急办"}
    assert {"field": "status", "title": "状态", "before": "整改中", "after": "已整改"} in data[1][
        "changes"
    ]


def test_log_follows_a_hand_edit_and_names_an_unsigned_commit(
    run: Run, unit: str, ledger: Path
) -> None:
    path = next(ledger.glob(f"enterprises/{unit}.yaml"))
    path.write_text(path.read_text(encoding="utf-8") + "phone: '13800000000'\n", encoding="utf-8")
    git_in(ledger, "commit", "-q", "-am", "补充电话")
    outcome = run("log", unit)
    assert outcome.code == 0, outcome.err
    assert "测试（未注明办所）  补充电话" in outcome.out
    assert "联系电话：新增 13800000000" in outcome.out


def test_log_of_an_uncommitted_record_says_so(run: Run, unit: str, ledger: Path) -> None:
    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--no-commit").value
    outcome = run("log", hazard)
    assert outcome.code == 0 and "尚无 git 提交记录" in outcome.out


def test_log_of_an_unknown_id_is_a_usage_error(run: Run, ledger: Path) -> None:
    outcome = run("log", "DX-H-2410-YJB99")
    assert outcome.code == 2 and "找不到" in outcome.err


def test_a_command_commits_only_the_file_it_wrote(run: Run, unit: str, ledger: Path) -> None:
    (ledger / "笔记.txt").write_text("本人的草稿", encoding="utf-8")
    git_in(ledger, "add", "笔记.txt")
    settings = ledger / "anquan.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "# 手工备注\n", encoding="utf-8")
    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地").value
    committed = git_in(ledger, "show", "--name-only", "--format=", "HEAD").split()
    assert committed == [f"hazards/20{hazard[5:7]}/{hazard}.yaml"]
    assert "A  笔记.txt" in git_in(ledger, "status", "--porcelain")
    assert " M anquan.yaml" in git_in(ledger, "status", "--porcelain")
