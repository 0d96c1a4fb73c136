"""Writing an import's records all or nothing, under the ledger's lock, as one git commit.

Every file is first written whole to a temp file beside its final name; only when all of them
exist, and one sync has made them durable, are they linked into place (a link never
overwrites a file). Any failure on the way —
a full disk, a name taken meanwhile, git refusing the commit — removes whatever this import
had placed, so the ledger is as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from anquan_cli.errors import AnquanError
from anquan_cli.model.records import Record
from anquan_cli.store import git
from anquan_cli.store.atomic import fsync_dir, new_file_mode, sync_all, temp_beside
from anquan_cli.store.paths import record_paths
from anquan_cli.store.writer import render_new


def place(path: Path, temp: Path) -> None:
    """Link the finished temp file to its name; a name already taken is a failure."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise AnquanError("导入期间文件已被占用，已撤销本次导入", path) from None


def write_records(root: Path, records: Sequence[Record]) -> list[Path]:
    """Write every record's file, or none of them. The caller holds the ledger's lock."""
    targets = record_paths(root, [r.id for r in records])
    mode = new_file_mode()
    temps: list[Path] = []
    placed: list[Path] = []
    try:
        for record, target in zip(records, targets, strict=True):
            temps.append(temp_beside(target, render_new(record), sync=False, mode=mode))
        sync_all(temps)  # an fsync per file cost a third of a large import
        for target, temp in zip(targets, temps, strict=True):
            place(target, temp)
            placed.append(target)
    except BaseException:
        _remove(placed)
        raise
    finally:
        _remove(temps)
    for folder in sorted({t.parent for t in targets}):
        fsync_dir(folder)
    return targets


def undo(paths: Sequence[Path]) -> None:
    """Take an import's files back out (after a failed commit)."""
    _remove(paths)


def _remove(paths: Sequence[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def commit_import(root: Path, paths: Sequence[Path], message: str, office: str) -> None:
    """Commit exactly the imported files as one commit; on failure unstage them and raise."""
    if not paths or not git.is_repository(root):
        return
    try:
        git.commit(root, paths, message, office)
    except AnquanError:
        git.unstage(root, paths)
        raise
