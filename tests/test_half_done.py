"""No failure leaves work half-done (issue 18): a failed commit takes back what it wrote, a
killed import is finished or undone by the next command, init refuses a folder inside a
ledger, a ledger whose .git is gone is named as such, a prompt cancelled exits 130."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.fixtures.messy import build


def _files(root: Path) -> dict[str, bytes]:
    """Every file of the ledger but its local state (.anquan: cache, lock) and git's."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).parts[0] not in (".anquan", ".git")
    }


GONE = " 已不是 git 仓库：.git 文件夹不见了"


def test_a_ledger_whose_git_is_gone_is_named_as_such(
    run: Run, unit: str, ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(ledger / ".git")
    before = _files(ledger)
    checked = run("check")
    assert checked.code == 0  # the records are all there: the missing history is a warning
    assert f".git: 警告：台账 {ledger}{GONE}" in checked.out
    assert "git clone" in checked.out and "git init" in checked.out
    for args in (
        ("add-enterprise", "--name", "东溪饭店", "--sector", "九小场所"),
        ("office", "set", "应急办"),
    ):
        outcome = run(*args)
        assert outcome.code == 2
        assert GONE in outcome.err
        assert "office set 办所名称，或设置环境变量" not in outcome.err
    monkeypatch.setenv("ANQUAN_OFFICE", "应急办")  # an office named, writes still refused
    outcome = run("add-enterprise", "--name", "东溪饭店", "--sector", "九小场所")
    assert outcome.code == 2
    assert GONE in outcome.err
    assert _files(ledger) == before


@pytest.mark.parametrize("inner", ["西岭镇台账", "hazards/2024", "notes/旧台账"])
def test_init_refuses_a_folder_inside_a_ledger(
    run: Run, unit: str, ledger: Path, inner: str
) -> None:
    before = _files(ledger)
    outcome = run("init", ledger / inner, "--name", "西岭镇")
    assert outcome.code == 2
    assert f"在台账 {ledger} 之中" in outcome.err
    assert not (ledger / inner / "anquan.yaml").exists()
    assert _files(ledger) == before
    assert run("check").code == 0


def test_towns_may_be_kept_inside_a_district_folder(run: Run, tmp_path: Path) -> None:
    district = tmp_path / "某区"
    district.mkdir()
    (district / "anquan.yaml").write_text(
        "name: 某区\ncode: MQ\ntowns:\n  - 东溪镇\n", encoding="utf-8"
    )
    assert run("init", district / "东溪镇", "--name", "东溪镇").code == 0
    assert run("check", "--ledger", district).code == 0


# --- A command that cannot commit takes back what it wrote ----------------------------------


def fake_git(folder: Path, on_commit: str) -> Path:
    """A `git` that does `on_commit` (shell) instead of committing, and is git otherwise."""
    real = shutil.which("git")
    assert real is not None
    folder.mkdir(exist_ok=True)
    script = folder / "git"
    script.write_text(
        "#!/bin/sh\n"
        'for arg in "$@"; do\n'
        f'  if [ "$arg" = commit ]; then {on_commit}; fi\n'
        "done\n"
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


DISK_FULL = 'echo "fatal: unable to write new index file: No space left on device" >&2; exit 128'


def index(root: Path) -> str:
    """What git's index and working tree hold against HEAD (empty when clean)."""
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def commits(root: Path) -> int:
    listed = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    )
    return int(listed.stdout)


def test_an_add_that_cannot_commit_takes_its_file_back_and_a_rerun_makes_one_record(
    run: Run, unit: str, ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, count = _files(ledger), commits(ledger)
    real_path = os.environ["PATH"]
    monkeypatch.setenv("PATH", f"{fake_git(tmp_path / 'bin', DISK_FULL)}:{real_path}")
    args = ("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15")
    failed = run(*args)
    assert failed.code == 1
    assert "git commit 失败" in failed.err and "No space left on device" in failed.err
    assert _files(ledger) == before and index(ledger) == "" and commits(ledger) == count
    assert not list((ledger / ".anquan").glob("*journal"))

    monkeypatch.setenv("PATH", real_path)
    again = run(*args)
    assert again.code == 0, again.err
    assert again.value == "DX-H-2410-YJB01"
    assert [p.name for p in ledger.glob("hazards/*/*.yaml")] == ["DX-H-2410-YJB01.yaml"]
    assert index(ledger) == "" and commits(ledger) == count + 1


def test_an_edit_that_cannot_commit_gives_the_file_its_old_bytes(
    run: Run, unit: str, ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    path = ledger / "hazards" / "2024" / f"{hazard}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 手写的注释\n", encoding="utf-8")
    subprocess.run(
        ["git", "-c", "user.name=张伟", "-c", "user.email=z@x", "commit", "-qam", "注释"],
        cwd=ledger,
        check=True,
    )
    before, count = _files(ledger), commits(ledger)
    monkeypatch.setenv("PATH", f"{fake_git(tmp_path / 'bin', DISK_FULL)}:{os.environ['PATH']}")
    failed = run("rectify", hazard, "--date", "2024-10-20")
    assert failed.code == 1
    assert _files(ledger) == before and index(ledger) == "" and commits(ledger) == count


# --- A write killed at its git step is finished or undone by the next command -----------------


def _killed_at_commit(
    ledger: Path, tmp_path: Path, *args: str | Path
) -> subprocess.CompletedProcess[bytes]:
    """Run `anquan ARGS` with a git whose commit hangs; kill -9 anquan (and the hung git)
    once it is committing."""
    marker = tmp_path / "committing"
    hang = f'echo $$ > "{marker}"; exec sleep 600'
    env = {
        **os.environ,
        "PATH": f"{fake_git(tmp_path / 'bin', hang)}:{os.environ['PATH']}",
        "ANQUAN_OFFICE": "应急办",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "anquan_cli", *map(str, args)],
        cwd=ledger, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not (marker.exists() and marker.read_text().strip()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    out, err = process.communicate()
    os.kill(int(marker.read_text()), signal.SIGKILL)  # the git it was running, hung
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_an_import_killed_during_its_git_step_is_undone_by_the_next_command(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    before, count = _files(ledger), commits(ledger)
    workbook = build(tmp_path / "东溪镇隐患台账.xlsx")
    killed = _killed_at_commit(ledger, tmp_path, "import", workbook)
    assert killed.returncode == -signal.SIGKILL
    assert len(_files(ledger)) == len(before) + 10  # written, and staged: the git step began
    assert "new file:" not in index(ledger) and index(ledger).startswith("A  ")

    checked = run("check")
    assert "上次导入中途中断，已撤销其写入的 10 个记录文件" in checked.err
    assert _files(ledger) == before and index(ledger) == "" and commits(ledger) == count
    assert not list((ledger / ".anquan").glob("*journal"))

    again = run("import", workbook)
    assert again.code == 0, again.err
    assert "新建 7 条" in again.out
    assert len(_files(ledger)) == len(before) + 10
    assert index(ledger) == "" and commits(ledger) == count + 1


def test_an_add_killed_during_its_git_step_is_undone_and_a_rerun_makes_one_record(
    run: Run, unit: str, ledger: Path, tmp_path: Path
) -> None:
    before, count = _files(ledger), commits(ledger)
    args = ("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15")
    _killed_at_commit(ledger, tmp_path, *args)
    assert len(_files(ledger)) == len(before) + 1
    again = run(*args)
    assert again.code == 0, again.err
    assert "上次写入（新增隐患" in again.err and "已撤销其写入的 1 个文件" in again.err
    assert again.value == "DX-H-2410-YJB01"
    assert [p.name for p in ledger.glob("hazards/*/*.yaml")] == ["DX-H-2410-YJB01.yaml"]
    assert index(ledger) == "" and commits(ledger) == count + 1


def test_a_write_killed_after_its_commit_is_kept_as_finished(
    run: Run, unit: str, ledger: Path, tmp_path: Path
) -> None:
    count = commits(ledger)
    workbook = build(tmp_path / "东溪镇隐患台账.xlsx")
    crash_after_commit = (
        "import os, sys\n"
        "from anquan_cli.store import journal\n"
        "from anquan_cli.cli.app import main\n"
        "journal.remove_journal = lambda root, bulk=True: os._exit(9)\n"
        "sys.argv = ['anquan', 'import', sys.argv[1]]\n"
        "main()\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", crash_after_commit, str(workbook)],
        cwd=ledger, env={**os.environ, "ANQUAN_OFFICE": "应急办"}, capture_output=True,
    )  # fmt: skip
    assert killed.returncode == 9, killed.stderr
    assert (ledger / ".anquan" / "import-journal").exists()
    written = _files(ledger)
    checked = run("check")
    assert checked.code == 0, checked.out
    assert "撤销" not in checked.err
    assert _files(ledger) == written and index(ledger) == "" and commits(ledger) == count + 1
    assert not (ledger / ".anquan" / "import-journal").exists()


def test_a_git_index_lock_left_by_a_killed_commit_is_named_and_nothing_is_undone_blind(
    run: Run, unit: str, ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anquan_cli.store import git, journal

    monkeypatch.setattr(journal, "INDEX_LOCK_WAIT", 0.2)
    target = ledger / "enterprises" / "DX-E-2410-YJB09.yaml"
    journal.write_journal(
        ledger,
        [("enterprises/DX-E-2410-YJB09.yaml", b"id: DX-E-2410-YJB09\n")],
        head=git.head(ledger),
        message="新增单位 DX-E-2410-YJB09",
        bulk=False,
    )
    target.write_bytes(b"id: DX-E-2410-YJB09\n")
    (ledger / ".git" / "index.lock").write_bytes(b"")
    outcome = run("add-enterprise", "--name", "东溪饭店", "--sector", "九小场所")
    assert outcome.code == 1
    assert (
        ".git/index.lock" in outcome.err and "确认没有 git 命令仍在运行后删除该文件" in outcome.err
    )
    assert target.exists()  # nothing taken back while git's index may be in use
    (ledger / ".git" / "index.lock").unlink()
    checked = run("check")
    assert "上次写入（新增单位 DX-E-2410-YJB09）中途中断，已撤销其写入的 1 个文件" in checked.err
    assert not target.exists() and index(ledger) == ""
