"""Missing values are asked for at a terminal: driven through a real pseudo-terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect

from tests.conftest import Run


def spawn(ledger: Path, *args: str) -> pexpect.spawn:
    import os

    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "30"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "anquan_cli", *args],
        cwd=str(ledger),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(30, 100),
    )
    return child


def finished(child: pexpect.spawn) -> str:
    """Wait for the command to end; what it printed, once it is known to have succeeded."""
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def hazard_file(ledger: Path, hazard_id: str) -> str:
    return next(ledger.glob(f"hazards/*/{hazard_id}.yaml")).read_text(encoding="utf-8")


def test_add_hazard_asks_for_the_unit_and_description(run: Run, unit: str, ledger: Path) -> None:
    child = spawn(ledger, "add-hazard", "--found", "2024-10-15")
    child.expect("单位")
    child.send("xyhg\r")
    child.expect("隐患描述")
    child.send("配电箱未接地\r")
    assert "DX-H-2410-YJB01" in finished(child)
    assert "配电箱未接地" in hazard_file(ledger, "DX-H-2410-YJB01")


def test_an_empty_answer_is_asked_again_not_fatal(run: Run, unit: str, ledger: Path) -> None:
    child = spawn(ledger, "add-hazard", "-e", unit, "--found", "2024-10-15")
    child.expect("隐患描述")
    child.send("\r")
    child.expect("隐患描述不能为空")
    child.send("消防通道堵塞\r")
    assert "DX-H-2410-YJB01" in finished(child)
    assert "消防通道堵塞" in hazard_file(ledger, "DX-H-2410-YJB01")


def test_a_clone_without_an_office_asks_for_one(run: Run, unit: str, ledger: Path) -> None:
    from anquan_cli.store import git

    git.run(ledger, ["config", "--unset", git.OFFICE_KEY])
    child = spawn(ledger, "add-hazard", "-e", unit, "-d", "灭火器过期", "--found", "2024-10-16")
    child.expect("办所")
    child.send("经发办\r")
    assert "DX-H-2410-JFB01" in finished(child)
    assert git.config_get(ledger, git.OFFICE_KEY) == "经发办"


def test_without_a_terminal_a_missing_office_says_how_to_set_it(
    run: Run, unit: str, ledger: Path
) -> None:
    from anquan_cli.store import git

    git.run(ledger, ["config", "--unset", git.OFFICE_KEY])
    outcome = run("add-hazard", "-e", unit, "-d", "x")
    assert outcome.code == 2
    assert "anquan office set" in outcome.err


def test_an_impossible_date_is_asked_again_not_fatal(run: Run, unit: str, ledger: Path) -> None:
    child = spawn(ledger, "add-inspection", "-e", unit)
    child.expect("检查日期")
    child.send("2024-02-30\r")
    child.expect("不是有效日期")
    child.send("\x15")  # clear the line, as a clerk would before retyping
    child.send("2024-10-15\r")
    assert "DX-I-2410-YJB01" in finished(child)


def test_an_unknown_unit_is_asked_again_naming_why(run: Run, unit: str, ledger: Path) -> None:
    child = spawn(ledger, "add-hazard", "-d", "配电箱未接地", "--found", "2024-10-15")
    child.expect("单位")
    child.send("不存在的厂\r")
    child.expect("找不到单位")
    child.send("\x15")
    child.send("xyhg\r")
    assert "DX-H-2410-YJB01" in finished(child)


def test_an_activity_kind_outside_the_list_is_asked_again(run: Run, ledger: Path) -> None:
    child = spawn(ledger, "add-activity", "--date", "2024-10-15")
    child.expect("类型")
    child.send("开会\r")
    child.expect("可选")
    child.send("\x15")
    child.send("培训\r")
    assert "DX-W-2410-YJB01" in finished(child)


def test_ctrl_c_or_ctrl_d_at_a_prompt_exits_130_in_chinese(
    run: Run, unit: str, ledger: Path
) -> None:
    for key in ("\x03", "\x04"):  # Ctrl-C, Ctrl-D
        child = spawn(ledger, "add-hazard", "--found", "2024-10-15")
        child.expect("单位")
        child.send(key)
        child.expect(pexpect.EOF)
        child.close()
        said = str(child.before)
        assert child.exitstatus == 130, (key, said)
        assert "已取消" in said
        assert "Cancelled" not in said and "Aborted" not in said
    assert not list(ledger.glob("hazards/*/*.yaml"))
