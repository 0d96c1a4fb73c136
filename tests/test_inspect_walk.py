"""`inspect` walks a checklist at a terminal: driven through a real pseudo-terminal."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pexpect
import yaml

from tests.conftest import Run
from tests.test_prompts import finished, spawn

DOWN = "\x1b[B"


def commits(ledger: Path) -> int:
    out = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=ledger, capture_output=True, text=True
    )
    return int(out.stdout)


def test_the_walk_asks_each_item_and_writes_what_was_answered(
    run: Run, unit: str, ledger: Path
) -> None:
    child = spawn(ledger, "inspect", "-e", unit, "-c", "烟花爆竹零售", "--date", "2024-12-20")
    child.expect("第 1 项（1/12）")
    child.expect("结论")
    child.send("1")  # 合格
    child.send("\r")
    child.expect("第 2 项（2/12）")
    child.expect("结论")
    child.send("2")  # 不合格
    child.send("\r")
    child.expect("备注")
    child.send("许可证借给他人\r")
    child.expect("第 3 项（3/12）")
    child.expect("结论")
    child.send("3")  # 不涉及
    child.send("\r")
    child.expect("备注")
    child.send("\r")
    child.expect("第 4 项（4/12）")
    child.expect("结论")
    child.send("5")  # 结束（其余各项未检查）
    child.send("\r")
    out = finished(child)
    assert "DX-I-2412-YJB01" in out and "DX-H-2412-YJB01" in out
    visit = yaml.safe_load((ledger / "inspections/2024/DX-I-2412-YJB01.yaml").read_text("utf-8"))
    results = [(a["item"], a["result"], a.get("note")) for a in visit["answers"]][:4]
    assert results == [(1, "合格", None), (2, "不合格", "许可证借给他人"), (3, "不涉及", None),
                       (4, "未检查", None)]  # fmt: skip
    hazard = yaml.safe_load((ledger / "hazards/2024/DX-H-2412-YJB01.yaml").read_text("utf-8"))
    assert hazard["level"] == "重大"
    assert hazard["description"].startswith("许可证借给他人（不符合：")


def test_ctrl_c_during_the_walk_leaves_nothing_written(run: Run, unit: str, ledger: Path) -> None:
    before = commits(ledger)
    child = spawn(ledger, "inspect", "-e", unit, "-c", "烟花爆竹零售", "--date", "2024-12-20")
    child.expect("结论")
    child.send("2")
    child.send("\r")
    child.expect("备注")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert commits(ledger) == before
    assert not list(ledger.glob("inspections/*/*.yaml"))
    assert not list(ledger.glob("hazards/*/*.yaml"))
