"""An import cut off half way (power cut, killed) is undone by the next command, from its
journal; nothing a person wrote is ever removed."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from anquan_cli.store.journal import JOURNAL_NAME, recover, write_journal
from anquan_cli.store.ledger import Ledger
from tests.conftest import Run
from tests.fixtures.messy import build
from tests.test_import import clean_tree, commits, files

CRASH_AFTER_FIVE_FILES = textwrap.dedent(
    """
    import os, sys
    from anquan_cli.store import transaction
    from anquan_cli.cli.app import main

    real, made = transaction.create, []

    def create(path, data, mode):
        if len(made) == 5:
            half = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            os.write(half, data[: len(data) // 2])
            os._exit(9)  # the power goes: no cleanup, no finally
        real(path, data, mode)
        made.append(path)

    transaction.create = create
    sys.argv = ["anquan", "import", sys.argv[1]]
    main()
    """
)


def test_an_import_killed_half_way_is_undone_by_the_next_command(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    before, count = files(ledger), commits(ledger)
    workbook = build(tmp_path / "东溪镇隐患台账.xlsx")
    env = {**os.environ, "ANQUAN_OFFICE": "应急办"}
    killed = subprocess.run(
        [sys.executable, "-c", CRASH_AFTER_FIVE_FILES, str(workbook)],
        cwd=ledger,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == 9, killed.stderr
    assert len(files(ledger) - before) == 6  # five whole files and one half written
    assert (ledger / JOURNAL_NAME).exists()

    outcome = run("check")
    assert "上次导入中途中断，已撤销其写入的 6 个记录文件" in outcome.err
    assert files(ledger) == before and commits(ledger) == count and clean_tree(ledger)
    assert not (ledger / JOURNAL_NAME).exists()
    assert outcome.code == 0, outcome.out

    again = run("import", workbook)
    assert again.code == 0, again.err
    assert "新建 7 条" in again.out


def test_a_file_someone_else_wrote_under_a_listed_name_is_kept(ledger: Path) -> None:
    ours, theirs, missing = (
        ledger / "hazards" / "2024" / f"DX-H-2410-YJB0{n}.yaml" for n in (1, 2, 3)
    )
    ours.parent.mkdir(parents=True, exist_ok=True)
    write_journal(
        ledger,
        [
            ("hazards/2024/DX-H-2410-YJB01.yaml", b"id: DX-H-2410-YJB01\n"),
            ("hazards/2024/DX-H-2410-YJB02.yaml", b"id: DX-H-2410-YJB02\n"),
            ("hazards/2024/DX-H-2410-YJB03.yaml", b"id: DX-H-2410-YJB03\n"),
        ],
    )
    ours.write_bytes(b"id: DX-H\0\0\0\0\0\0\0\0\0\0\0\0")  # data that had not reached the disk
    theirs.write_bytes(b"id: written by hand\n")
    assert recover(ledger) == 1
    assert not ours.exists() and not missing.exists()
    assert theirs.read_bytes() == b"id: written by hand\n"
    assert not (ledger / JOURNAL_NAME).exists()


def test_a_torn_journal_is_removed_and_nothing_else(ledger: Path) -> None:
    target = ledger / "enterprises" / "DX-E-2410-YJB01.yaml"
    target.write_bytes(b"id: DX-E-2410-YJB01\n")
    write_journal(ledger, [("enterprises/DX-E-2410-YJB01.yaml", b"id: DX-E-2410-YJB01\n")])
    journal = ledger / JOURNAL_NAME
    journal.write_bytes(journal.read_bytes()[:-3])  # the crash came while writing it
    assert recover(ledger) == 0
    assert target.exists() and not journal.exists()


def test_a_running_import_is_not_undone_and_readers_are_told(run: Run, ledger: Path) -> None:
    target = ledger / "enterprises" / "DX-E-2410-YJB01.yaml"
    write_journal(ledger, [("enterprises/DX-E-2410-YJB01.yaml", b"id: DX-E-2410-YJB01\n")])
    target.write_bytes(b"id: DX-E-2410-YJB01\n")
    lock = os.open(ledger / ".anquan" / "lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another command is importing
        told = [p.message for p in Ledger.open(ledger).problems]
        assert "另一个 anquan 命令正在导入，记录尚未写完" in told
        outcome = run("check")
        assert "另一个 anquan 命令正在导入" in outcome.out
        assert target.exists() and (ledger / JOURNAL_NAME).exists()
    finally:
        os.close(lock)
    assert "已撤销其写入的 1 个记录文件" in run("check").err
    assert not target.exists()


def test_a_finished_import_leaves_no_journal_and_commits_exactly_its_files(
    run: Run, ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anquan_cli.store import git

    monkeypatch.setattr(git, "_MANY", 1)  # the plain commit a large import makes
    before = files(ledger)
    outcome = run("import", build(tmp_path / "东溪镇隐患台账.xlsx"))
    assert outcome.code == 0, outcome.err
    assert not (ledger / JOURNAL_NAME).exists()
    assert clean_tree(ledger)
    shown = subprocess.run(
        ["git", "show", "--name-only", "--format=", "HEAD"],
        cwd=ledger, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert set(shown) == files(ledger) - before and len(shown) == 10  # 3 units, 7 hazards


@pytest.mark.parametrize("command", [("list", "hazards"), ("stats", "--year", "2024"), ("status",)])
def test_any_command_that_reads_the_ledger_undoes_and_says_so(
    run: Run, ledger: Path, command: tuple[str, ...]
) -> None:
    target = ledger / "enterprises" / "DX-E-2410-YJB01.yaml"
    write_journal(ledger, [("enterprises/DX-E-2410-YJB01.yaml", b"id: DX-E-2410-YJB01\n")])
    target.write_bytes(b"id: DX-E")
    outcome = run(*command)
    assert "上次导入中途中断，已撤销其写入的 1 个记录文件" in outcome.err
    assert not target.exists() and outcome.code == 0, outcome.err
