"""Two commands at once in one clone never take the same ID or lose a write."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from anquan_cli.store import git
from tests.conftest import Run


def test_concurrent_commands_take_distinct_ids_and_all_commit(
    run: Run, unit: str, ledger: Path
) -> None:
    env = {**os.environ, "ANQUAN_OFFICE": "应急办"}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "anquan_cli",
                "add-hazard",
                "-e",
                unit,
                "-d",
                f"隐患{n}",
                "--found",
                "2024-10-15",
            ],
            cwd=ledger,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    results = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * 8, [err for _, err in results]
    ids = sorted(out.strip() for out, _ in results)
    assert ids == [f"DX-H-2410-YJB{n:02d}" for n in range(1, 9)]
    assert run("check").code == 0
    assert git.run(ledger, ["status", "--porcelain"]).stdout == ""
    assert len(git.run(ledger, ["log", "--format=%s"]).stdout.splitlines()) == 2 + 8


def test_two_offices_never_share_an_id(run: Run, unit: str, monkeypatch) -> None:
    first = run("add-hazard", "-e", unit, "-d", "甲", "--found", "2024-10-15").value
    monkeypatch.setenv("ANQUAN_OFFICE", "经发办")
    second = run("add-hazard", "-e", unit, "-d", "乙", "--found", "2024-10-15").value
    assert (first, second) == ("DX-H-2410-YJB01", "DX-H-2410-JFB01")
