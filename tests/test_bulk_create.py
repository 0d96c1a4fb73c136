"""An import's thousands of new files are created on several threads: all of them, or (a full
disk, Ctrl-C) none, exactly as on one."""

from __future__ import annotations

import errno
import sys
import threading
from pathlib import Path

import pytest

from anquan_cli.store import transaction
from anquan_cli.store.journal import JOURNAL_NAME, Change
from anquan_cli.store.transaction import write_changes

MANY = 3 * transaction.THREADED_FROM


def _changes(count: int) -> list[Change]:
    return [
        Change(f"hazards/2024/DX-H-2401-YJB{i:05d}.yaml", f"id: DX-H-2401-YJB{i:05d}\n".encode())
        for i in range(count)
    ]


def _written(root: Path) -> list[Path]:
    return sorted((root / "hazards").rglob("*.yaml"))


def test_every_file_is_created_whole_on_several_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: set[str] = set()
    real = transaction.create

    def noting(path: str, data: bytes, mode: int) -> None:
        threads.add(threading.current_thread().name)
        real(path, data, mode)

    syncs: list[str] = []
    monkeypatch.setattr(transaction, "create", noting)
    monkeypatch.setattr(transaction.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(
        transaction.portable, "sync_filesystem", lambda: syncs.append("sync") or True
    )
    changes = _changes(MANY)
    write_changes(tmp_path, changes, None, bulk=True)
    for thread in threading.enumerate():
        if thread.name == "anquan-writeback":
            thread.join()
    assert len(threads) > 1  # the work was shared
    if sys.platform.startswith("linux"):  # half way the writeback starts; the end waits for all
        assert len(syncs) == 2
    assert [p.read_bytes() for p in _written(tmp_path)] == [c.new for c in changes]
    assert not (tmp_path / JOURNAL_NAME).exists()


def test_a_full_disk_on_one_thread_takes_back_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = transaction.create
    lock = threading.Lock()
    calls = 0

    def filling(path: str, data: bytes, mode: int) -> None:
        nonlocal calls
        with lock:
            calls += 1
            full = calls == MANY // 2
        if full:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data, mode)

    monkeypatch.setattr(transaction, "create", filling)
    monkeypatch.setattr(transaction.os, "cpu_count", lambda: 4)
    with pytest.raises(OSError, match="No space left"):
        write_changes(tmp_path, _changes(MANY), None, bulk=True)
    assert _written(tmp_path) == []
    assert calls < MANY  # the other threads stopped rather than filling the disk further
    assert not (tmp_path / JOURNAL_NAME).exists()


def test_ctrl_c_while_the_threads_write_takes_back_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = transaction.create
    made = 0

    def interrupted(path: str, data: bytes, mode: int) -> None:
        nonlocal made
        real(path, data, mode)
        if threading.current_thread() is threading.main_thread():
            made += 1
            if made == 40:
                raise KeyboardInterrupt  # Ctrl-C reaches the main thread only

    monkeypatch.setattr(transaction, "create", interrupted)
    monkeypatch.setattr(transaction.os, "cpu_count", lambda: 4)
    with pytest.raises(KeyboardInterrupt):
        write_changes(tmp_path, _changes(MANY), None, bulk=True)
    assert _written(tmp_path) == []
    assert not (tmp_path / JOURNAL_NAME).exists()


def test_a_few_files_are_created_on_the_calling_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: set[threading.Thread] = set()
    real = transaction.create

    def noting(path: str, data: bytes, mode: int) -> None:
        threads.add(threading.current_thread())
        real(path, data, mode)

    monkeypatch.setattr(transaction, "create", noting)
    write_changes(tmp_path, _changes(transaction.THREADED_FROM - 1), None, bulk=True)
    assert threads == {threading.main_thread()}
    assert len(_written(tmp_path)) == transaction.THREADED_FROM - 1
