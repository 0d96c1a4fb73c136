"""The one way record files are written: all or nothing, git's commit included.

A write — one new file, an edit, or an import's thousands of new files — is a list of
Changes. Their names and bytes (and an edit's old bytes) go first into the ledger's undo
journal (store/journal.py); then the files are written (a new name already taken is a
failure), made durable, and committed as one commit, and only then is the journal removed.
A failure on the way — a full disk, a name taken meanwhile, git refusing the commit, Ctrl-C —
takes back what was written: new files removed, edited files given their old bytes, all taken
back out of git's index. A crash (power cut, kill -9), at any moment including the git step,
is finished or undone from the journal by the next command. Either way running the command
again makes one record, not two. The caller holds the ledger's write lock.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from anquan_cli.errors import AnquanError
from anquan_cli.store import git, journal
from anquan_cli.store.atomic import create_atomic, fsync_dir, new_file_mode, sync_all, write_atomic
from anquan_cli.store.journal import Change

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Commit:
    """The commit a write ends with: its message, in the office's name."""

    message: str
    office: str
    only_changed: bool = False
    """Commit only the files that then differ from git's (a file converted back to what was
    last committed has nothing to commit)."""


class NameTaken(AnquanError):
    """A new file's name was taken between choosing it and creating it."""


def write_changes(
    root: Path, changes: Sequence[Change], commit: Commit | None, *, bulk: bool = False
) -> None:
    """Write the changes and commit them (when `commit` is given), all or nothing.

    `bulk` (an import): readers are told while it runs, and new files are created in place
    with one sync for all; otherwise each new file is written beside and linked in whole."""
    if not changes:
        return
    head = git.head(root) if commit is not None else None
    for folder in sorted({os.path.dirname(c.name) for c in changes}):
        (root / folder).mkdir(parents=True, exist_ok=True)
    message = commit.message if commit is not None else ""
    journal.write_journal(root, changes, head=head, message=message, bulk=bulk)
    try:
        _write(root, changes, bulk)
        if commit is not None:
            names = [c.name for c in changes]
            if commit.only_changed:
                names = git.changed_names(root, names)
            git.commit_names(root, names, commit.message, commit.office)
    except BaseException:
        _take_back(root, changes, head, bulk)
        raise
    journal.remove_journal(root, bulk)


def _write(root: Path, changes: Sequence[Change], bulk: bool) -> None:
    base = str(root)
    created: list[str] = []
    mode = new_file_mode()
    for change in changes:
        target = f"{base}/{change.name}"
        if change.old is not None:
            write_atomic(Path(target), change.new)
        elif bulk:
            create(target, change.new, mode)
            created.append(target)
        elif not create_atomic(Path(target), change.new):
            raise NameTaken("文件名已被占用", change.name)
    if created:
        sync_all(created)  # one sync, not an fsync per file: a third of a large import
        for folder in sorted({os.path.dirname(path) for path in created}):
            fsync_dir(Path(folder))


def create(path: str, data: bytes, mode: int) -> None:
    """Create the file whole; a name already taken (even by a symlink) is a failure."""
    try:
        fd = os.open(path, _NEW_FILE, mode)
    except FileExistsError:
        raise AnquanError("导入期间文件已被占用，已撤销本次导入", path) from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _take_back(root: Path, changes: Sequence[Change], head: str | None, bulk: bool) -> None:
    """After a failure: undo what was written; the journal goes only once that is done, else
    the next command tries again from it."""
    try:
        journal.take_back(root, journal.Journal(list(changes), head, ""))
    except (OSError, AnquanError):
        return
    journal.remove_journal(root, bulk)
