"""An import's undo journal: what a crash half way through writing many new files must undo.

Before the first new file is created, every new file's path and whole content are written to
`.anquan/import-journal` and made durable. The files are then created in place (a name
already taken is a failure), made durable with one sync, and only then is the journal
removed. A journal found later means an import stopped half way (power cut, killed): the
next anquan command on the ledger removes the files it lists, so the ledger is as it was
before the import, the way SQLite rolls back a hot journal when it next opens a database.

Only a file holding what the import meant to write (all of it, the start of it, or nothing,
as a crash leaves a file) is removed; a file with other content is left alone, so nothing a
person wrote is ever lost. A torn journal (the crash came while writing it) is simply
removed: no file is created before the journal is durable.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from anquan_cli import portable
from anquan_cli.store.atomic import fsync_dir
from anquan_cli.store.paths import STATE_DIR

JOURNAL_NAME = f"{STATE_DIR}/import-journal"

on_undo: Callable[[Path, int], None] | None = None
"""Told (the ledger, how many files) when an interrupted import is undone: the CLI says so."""
_MAGIC = b"anquan-import-journal 1\n"
_DIGEST_SIZE = 16


def journal_path(root: Path) -> Path:
    return root / JOURNAL_NAME


def write_journal(root: Path, entries: Sequence[tuple[str, bytes]]) -> None:
    """Make durable the list of new files (paths relative to root, with their bytes)."""
    head = [_MAGIC, f"{len(entries)}\n".encode()]
    head += [f"{name}\t{len(data)}\n".encode() for name, data in entries]
    body = b"".join([*head, *(data for _, data in entries)])
    digest = hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest()
    path = journal_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | portable.BINARY, 0o644)
    try:
        view = memoryview(body + digest)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(path.parent)


def remove_journal(root: Path) -> None:
    """The import's files are whole and durable: forget the journal, durably."""
    path = journal_path(root)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fsync_dir(path.parent)


def has_journal(root: Path) -> bool:
    return os.path.lexists(journal_path(root))


def recover(root: Path) -> int:
    """Undo an interrupted import, if its journal is there; how many files were removed.

    The caller holds the ledger's write lock.
    """
    path = journal_path(root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return 0
    removed = 0
    for name, data in _entries(raw):
        target = root / name
        if _written_by_import(target, data):
            target.unlink()
            removed += 1
    if removed:
        portable.sync_filesystem()  # Windows: NTFS journals the removals itself
    remove_journal(root)
    if removed and on_undo is not None:
        on_undo(root, removed)
    return removed


def _entries(raw: bytes) -> list[tuple[str, bytes]]:
    """The journal's files, or none if it is torn or not a journal."""
    body, digest = raw[:-_DIGEST_SIZE], raw[-_DIGEST_SIZE:]
    if (
        not body.startswith(_MAGIC)
        or hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest() != digest
    ):
        return []
    count_end = body.index(b"\n", len(_MAGIC))
    count = int(body[len(_MAGIC) : count_end])
    *lines, contents = body[count_end + 1 :].split(b"\n", count)
    entries, offset = [], 0
    for line in lines:
        name, size = line.decode("utf-8").rsplit("\t", 1)
        entries.append((name, contents[offset : offset + int(size)]))
        offset += int(size)
    return entries


def _written_by_import(target: Path, meant: bytes) -> bool:
    """The file holds what the import meant to write: all, the start, or nothing of it
    (a crash can also leave zeros where the data had not reached the disk)."""
    if not portable.NOFOLLOW and target.is_symlink():
        return False  # where open cannot refuse a symlink (Windows), it is refused here
    try:
        fd = os.open(target, os.O_RDONLY | portable.NOFOLLOW | portable.BINARY)
    except OSError:
        return False  # gone, or a symlink: not a file the import created
    try:
        present = os.read(fd, len(meant) + 1)
    finally:
        os.close(fd)
    if len(present) > len(meant):
        return False
    if meant.startswith(present):
        return True
    return all(a in (b, 0) for a, b in zip(present, meant, strict=False))
