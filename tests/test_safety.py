"""Guarantees about hostile input and faults: nothing lost, nothing half-written, nothing outside."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.fixture
def hazard(run: Run, unit: str) -> Path:
    hazard_id = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    return next(Path("hazards").rglob(f"{hazard_id}.yaml"))


def test_a_rectify_killed_by_the_file_size_limit_leaves_the_file_whole(
    run: Run, hazard: Path, ledger: Path
) -> None:
    before = hazard.read_bytes()
    command = (
        f"ulimit -f 0; exec {sys.executable} -m anquan_cli rectify {hazard.stem} --date 2024-10-20"
    )
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=ledger,
        capture_output=True,
        text=True,
        env={**os.environ, "ANQUAN_OFFICE": "应急办"},
        check=False,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert hazard.read_bytes() == before
    assert run("check").code == 0
    assert run("rectify", hazard.stem, "--date", "2024-10-20").value == "已整改"


def test_a_gbk_file_is_named_and_fix_encoding_converts_it(run: Run, hazard: Path) -> None:
    text = hazard.read_text(encoding="utf-8")
    hazard.write_bytes(text.encode("gbk"))
    outcome = run("check")
    assert outcome.code == 1
    assert f"{hazard.as_posix()}:" in outcome.out and "GBK" in outcome.out
    assert run("fix-encoding", hazard).code == 0
    assert hazard.read_text(encoding="utf-8") == text
    assert run("check").code == 0


def test_fix_encoding_commits_the_file_so_the_next_sync_is_not_refused(
    run: Run, hazard: Path
) -> None:
    hazard.write_bytes(hazard.read_text(encoding="utf-8").encode("gbk"))
    subprocess.run(["git", "commit", "-qam", "GBK"], check=True, env=_GIT_IDENTITY)
    assert run("fix-encoding", hazard).code == 0
    state = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True)
    assert state.stdout == ""
    last = subprocess.run(["git", "log", "-1", "--format=%s"], capture_output=True, text=True)
    assert last.stdout.strip() == f"转为 UTF-8 编码：{hazard.name}"


def test_fix_encoding_with_no_commit_leaves_the_change_for_the_person(
    run: Run, hazard: Path
) -> None:
    hazard.write_bytes(hazard.read_text(encoding="utf-8").encode("gbk"))
    subprocess.run(["git", "commit", "-qam", "GBK"], check=True, env=_GIT_IDENTITY)
    assert run("fix-encoding", hazard, "--no-commit").code == 0
    state = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True)
    assert state.stdout.strip() == f"M {hazard.as_posix()}"


_GIT_IDENTITY = {
    **os.environ,
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def test_a_file_with_bom_and_crlf_passes(run: Run, hazard: Path) -> None:
    hazard.write_bytes(b"\xef\xbb\xbf" + hazard.read_bytes().replace(b"\n", b"\r\n"))
    assert run("check").code == 0
    assert run("rectify", hazard.stem, "--date", "2024-10-20").value == "已整改"


def test_an_alias_bomb_is_refused_within_seconds(run: Run, hazard: Path) -> None:
    lines = ["id: x", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    names = "abcdefghijklmnopqrst"
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    hazard.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    outcome = run("check")
    assert time.monotonic() - started < 30
    assert outcome.code == 1
    assert "不允许使用 YAML 锚点和别名" in outcome.out


def test_a_symlink_pointing_out_of_the_ledger_is_not_read(
    run: Run, hazard: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: 机密\n", encoding="utf-8")
    link = hazard.with_name("DX-H-2410-YJB09.yaml")
    link.symlink_to(secret)
    outcome = run("check")
    assert "指向台账目录之外" in outcome.out
    assert "机密" not in outcome.out
    assert run("rectify", "DX-H-2410-YJB09", "--date", "2024-10-20").code != 0
    assert secret.read_text(encoding="utf-8") == "id: 机密\n"


def test_new_files_are_never_placed_through_a_folder_linked_out_of_the_ledger(
    tmp_path: Path,
) -> None:
    from anquan_cli.errors import AnquanError
    from anquan_cli.store.paths import record_names

    root, outside = tmp_path / "台账", tmp_path / "别处"
    (root / "hazards").mkdir(parents=True)
    outside.mkdir()
    (root / "hazards" / "2024").symlink_to(outside)
    ids = ["DX-E-2410-YJB01", "DX-H-2310-YJB01", "DX-H-2410-YJB01"]
    with pytest.raises(AnquanError, match="指向台账目录之外"):
        record_names(root, ids)
    assert record_names(root, ids[:2]) == [
        "enterprises/DX-E-2410-YJB01.yaml",
        "hazards/2023/DX-H-2310-YJB01.yaml",
    ]


def test_an_empty_file_is_named(run: Run, hazard: Path) -> None:
    hazard.write_text("", encoding="utf-8")
    assert f"{hazard.as_posix()}:1: 文件为空" in run("check").out


def test_a_wrong_type_is_named_at_its_line(run: Run, hazard: Path) -> None:
    hazard.write_text(
        hazard.read_text(encoding="utf-8").replace("level: 一般", "level: [一般]"), encoding="utf-8"
    )
    outcome = run("check")
    assert outcome.code == 1
    assert f"{hazard.as_posix()}:5: 隐患等级" in outcome.out


def test_a_rectify_of_a_broken_file_names_it_and_changes_nothing(run: Run, hazard: Path) -> None:
    broken = hazard.read_text(encoding="utf-8").replace("found: 2024-10-15", "found: 2024-02-30")
    hazard.write_text(broken, encoding="utf-8")
    outcome = run("rectify", hazard.stem, "--date", "2024-10-20")
    assert outcome.code == 1
    assert outcome.err.startswith(f"错误：{hazard.as_posix()}:3: 发现日期：2024-02-30 不是有效日期")
    assert hazard.read_text(encoding="utf-8") == broken


def test_a_held_lock_is_waited_for_then_reported(run: Run, unit: str, ledger: Path) -> None:
    from anquan_cli.errors import AnquanError
    from anquan_cli.store.lock import write_lock

    with write_lock(ledger), pytest.raises(AnquanError, match="正被另一个 anquan 命令写入"):  # noqa: SIM117
        with write_lock(ledger, wait_seconds=0.2):
            pass


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_an_imports_temp_files_are_made_durable_on_every_platform(
    platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anquan_cli import portable
    from anquan_cli.store import atomic

    temps = [atomic.temp_beside(tmp_path / f"{n}.yaml", b"id: X\n", sync=False) for n in range(3)]
    synced: list[str] = []
    monkeypatch.setattr(atomic.sys, "platform", platform)
    monkeypatch.setattr(portable, "WINDOWS", platform == "win32")
    # Windows' os has no sync at all (nor has the portability job's)
    monkeypatch.setattr(atomic.os, "sync", lambda: synced.append("all"), raising=False)
    if platform == "win32":
        monkeypatch.delattr(atomic.os, "sync")
    real_fsync = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append("one") or real_fsync(fd))
    atomic.sync_all(temps)
    assert synced == (["all"] if platform == "linux" else ["one"] * 3)
