"""The undo journal of a write: what a crash, or a commit that fails, must take back.

Every write of record files (one new file, an edit, or an import's thousands) first makes
durable, in `.anquan/`, the list of files it is about to change with their new bytes and, for
an edit, their old bytes, and — when it commits — the commit HEAD named before. The files
are then written, made durable, and committed; only then is the journal removed. A journal
found later means a write stopped half way (power cut, killed, git failing): the next anquan
command on the ledger looks at git first. If the write's commit is in HEAD, the write was
finished and only the journal is dropped; otherwise it is undone — each new file it lists
removed, each edited file given back its old bytes, and the files taken back out of git's
index — the way SQLite rolls back a hot journal when it next opens a database.

Only a file holding what the write meant to write is touched (for a new file: all of it, the
start of it, or nothing, as a crash leaves a file; for an edit: the new bytes whole, as edits
are atomic renames); a file with other content is left alone, so nothing a person wrote is
ever lost. A torn journal (the crash came while writing it) is simply removed: no file is
written before the journal is durable.

An import's journal (`import-journal`) also tells readers that records are being written;
a single write's (`write-journal`) does not, as its one file appears whole or not at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from anquan_cli.errors import AnquanError
from anquan_cli.store import git
from anquan_cli.store.atomic import fsync_dir, write_atomic
from anquan_cli.store.paths import STATE_DIR

JOURNAL_NAME = f"{STATE_DIR}/import-journal"
WRITE_JOURNAL_NAME = f"{STATE_DIR}/write-journal"

on_undo: Callable[[Path, int, str], None] | None = None
"""Told (the ledger, how many files, the write's description) when an interrupted write is
undone: the CLI says so."""
_MAGIC = b"anquan-import-journal 1\n"
_MAGIC_2 = b"anquan-journal 2\n"
_DIGEST_SIZE = 16
_NO_COMMIT = "-"
INDEX_LOCK_WAIT = 10.0
"""Seconds to wait for a git command still running from the interrupted write to finish."""


@dataclass(frozen=True)
class Change:
    """One file a write changes: its name relative to the ledger (posix), the bytes it will
    hold, and — for an edit — the bytes it held before (None for a new file)."""

    name: str
    new: bytes
    old: bytes | None = None


@dataclass(frozen=True)
class Journal:
    changes: list[Change]
    head: str | None
    """HEAD before the write ("" when no commit yet); None when the write does not commit."""
    message: str


def journal_path(root: Path, bulk: bool = True) -> Path:
    return root / (JOURNAL_NAME if bulk else WRITE_JOURNAL_NAME)


def write_journal(
    root: Path,
    entries: Sequence[Change | tuple[str, bytes]],
    *,
    head: str | None = None,
    message: str = "",
    bulk: bool = True,
) -> None:
    """Make durable the list of files a write will change (paths relative to root, with
    their bytes), the HEAD its commit will follow, and what the write is."""
    changes = [e if isinstance(e, Change) else Change(e[0], e[1]) for e in entries]
    head_line = _NO_COMMIT if head is None else head
    title = message.splitlines()[0] if message else ""
    head_block = [_MAGIC_2, f"{head_line}\n{title}\n{len(changes)}\n".encode()]
    head_block += [
        f"{c.name}\t{len(c.new)}\t{'-' if c.old is None else len(c.old)}\n".encode()
        for c in changes
    ]
    parts = [b"".join(head_block)]
    for change in changes:
        parts.append(change.new)
        if change.old is not None:
            parts.append(change.old)
    body = b"".join(parts)
    digest = hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest()
    path = journal_path(root, bulk)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(body + digest)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(path.parent)


def remove_journal(root: Path, bulk: bool = True) -> None:
    """The write is whole, durable and committed: forget the journal, durably."""
    path = journal_path(root, bulk)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fsync_dir(path.parent)


def has_journal(root: Path) -> bool:
    return os.path.lexists(journal_path(root)) or os.path.lexists(journal_path(root, False))


def has_import_journal(root: Path) -> bool:
    return os.path.lexists(journal_path(root))


def recover(root: Path) -> int:
    """Finish or undo an interrupted write, if its journal is there; how many files were
    taken back. The caller holds the ledger's write lock."""
    undone = 0
    for bulk in (True, False):
        path = journal_path(root, bulk)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue
        found = _parse(raw)
        if found is None:
            remove_journal(root, bulk)  # torn: nothing was written after it
            continue
        removed = take_back(root, found)
        remove_journal(root, bulk)
        if removed and on_undo is not None:
            on_undo(root, removed, found.message or ("导入" if bulk else ""))
        undone += removed
    return undone


def take_back(root: Path, journal: Journal) -> int:
    """Undo a write the journal describes, unless its commit is in HEAD (then it finished):
    new files removed, edited files given their old bytes, all taken out of git's index.
    How many files were taken back. Raises (the journal kept, to try again) when git's index
    is locked by a git command that does not end, or cannot be reset."""
    committing = journal.head is not None and git.is_repository(root)
    if committing:
        _wait_for_index(root)
        if _committed(root, journal):
            return 0
    taken = 0
    for change in journal.changes:
        target = root / change.name
        if change.old is None:
            if _holds_new_file(target, change.new):
                target.unlink()
                taken += 1
        elif _holds(target, change.new):
            write_atomic(target, change.old)
            taken += 1
    if taken:
        os.sync()
    if committing:
        git.unstage_names(root, [c.name for c in journal.changes], check=True)
    return taken


def _wait_for_index(root: Path) -> None:
    """A git command of the interrupted write may still be running (killing anquan does not
    kill it): wait a little for it to end; a lock that stays is named for the person."""
    lock = root / ".git" / "index.lock"
    deadline = time.monotonic() + INDEX_LOCK_WAIT
    while os.path.lexists(lock):
        if time.monotonic() >= deadline:
            raise AnquanError(
                "上次写入在 git 提交时中断，git 留下了 .git/index.lock：确认没有 git 命令"
                "仍在运行后删除该文件，再运行任一 anquan 命令即可撤销那次写入",
                lock,
            )
        time.sleep(0.1)


def _committed(root: Path, journal: Journal) -> bool:
    """Whether the write's commit is in HEAD: HEAD moved on from the one the journal names,
    and every file the write changed was changed on the way."""
    now = git.head(root)
    if not now or now == journal.head:
        return False
    if journal.head:
        listed = git.run(root, ["diff", "--name-only", "--no-renames", journal.head, now])
    else:
        listed = git.run(root, ["ls-tree", "-r", "--name-only", now])
    changed = set(listed.stdout.splitlines())
    return all(change.name in changed for change in journal.changes)


def _parse(raw: bytes) -> Journal | None:
    """The journal, or None if it is torn or not a journal."""
    body, digest = raw[:-_DIGEST_SIZE], raw[-_DIGEST_SIZE:]
    if hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest() != digest:
        return None
    if body.startswith(_MAGIC):  # written by an anquan before edits were journaled
        count_end = body.index(b"\n", len(_MAGIC))
        count = int(body[len(_MAGIC) : count_end])
        *lines, contents = body[count_end + 1 :].split(b"\n", count)
        changes, offset = [], 0
        for line in lines:
            name, size = line.decode("utf-8").rsplit("\t", 1)
            changes.append(Change(name, contents[offset : offset + int(size)]))
            offset += int(size)
        return Journal(changes, None, "导入")
    if not body.startswith(_MAGIC_2):
        return None
    head_line, title, count_text, rest = body[len(_MAGIC_2) :].split(b"\n", 3)
    count = int(count_text)
    *lines, contents = rest.split(b"\n", count) if count else [rest]
    changes, offset = [], 0
    for line in lines:
        name, new_size, old_size = line.decode("utf-8").rsplit("\t", 2)
        new = contents[offset : offset + int(new_size)]
        offset += int(new_size)
        old = None
        if old_size != "-":
            old = contents[offset : offset + int(old_size)]
            offset += int(old_size)
        changes.append(Change(name, new, old))
    head = head_line.decode()
    return Journal(changes, None if head == _NO_COMMIT else head, title.decode("utf-8"))


def _holds(target: Path, data: bytes) -> bool:
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        present = os.read(fd, len(data) + 1)
    finally:
        os.close(fd)
    return present == data


def _holds_new_file(target: Path, meant: bytes) -> bool:
    """The file holds what the write meant to create: all, the start, or nothing of it
    (a crash can also leave zeros where the data had not reached the disk)."""
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False  # gone, or a symlink: not a file the write created
    try:
        present = os.read(fd, len(meant) + 1)
    finally:
        os.close(fd)
    if len(present) > len(meant):
        return False
    if meant.startswith(present):
        return True
    return all(a in (b, 0) for a, b in zip(present, meant, strict=False))
