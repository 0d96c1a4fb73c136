"""Finding a ledger's record files and their stamps without reading them.

A scan is the first thing a read command does: it walks the record folders, takes each file's
stamp (size, mtime_ns, ctime_ns, inode) and sums every stamp, the settings file and every
problem met on the way into one digest. The loader then reads only the files the cache cannot
give; a memo (store/memo.py) keyed by the digest can skip even that, because no file can change
without its stamp — or the settings without their bytes — changing the digest.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from anquan_cli.errors import Problem
from anquan_cli.model.enums import RecordKind
from anquan_cli.store import cache
from anquan_cli.store.paths import SETTINGS_FILE

if TYPE_CHECKING:
    from anquan_cli.model.settings import Settings

ProgressFn = Callable[[int, int], None]
"""Told (done, total) as work on many files goes on."""


class Found(NamedTuple):
    """A record file the walk found, with its stamp taken before it is read."""

    kind: RecordKind
    folder: str
    name: str
    stamp: cache.Stamp
    path: str
    shown: str


@dataclass(frozen=True)
class Scan:
    """Every record file of a ledger (of some kinds), its settings' bytes and when it was walked."""

    root: Path
    kinds: tuple[RecordKind, ...]
    found: list[Found]
    problems: list[Problem]
    settings_bytes: bytes
    walked_ns: int
    towns: tuple[Scan, ...] = ()
    """A district's towns, each scanned whole; `found` then holds only stray district files."""

    @cached_property
    def digest(self) -> str:
        """Changes whenever any record file, the settings or what the walk met changes."""
        digest = hashlib.blake2b(digest_size=20)
        digest.update(self.settings_bytes)
        for town in self.towns:
            digest.update(f"\0{town.root}\0{town.digest}".encode())
        digest.update(b"\0".join(k.value.encode() for k in self.kinds))
        digest.update(
            "\n".join(
                f"{f.shown}\0{f.stamp[0]} {f.stamp[1]} {f.stamp[2]} {f.stamp[3]}"
                for f in self.found
            ).encode()
        )
        digest.update(repr([(p.path, p.line, p.message) for p in self.problems]).encode())
        return digest.hexdigest()

    @property
    def settled(self) -> bool:
        """Whether every file was last changed long enough before the walk to trust its stamp."""
        mine = all(cache.settled(f.stamp, self.walked_ns) for f in self.found)
        return mine and all(town.settled for town in self.towns)


def scan_ledger(root: Path, settings: Settings, progress: ProgressFn | None = None) -> Scan:
    """The ledger's record files and their stamps (a district: every town's), nothing read.
    A district's `progress(done, total)` hears of each town."""
    if settings.is_district:
        from anquan_cli.store.district import scan_district

        return scan_district(root, settings, progress)
    return scan(root)


def scan(
    root: Path, kinds: tuple[RecordKind, ...] = tuple(RecordKind), towns: tuple[Scan, ...] = ()
) -> Scan:
    """Walk the ledger's record folders of these kinds, sorted like record_files."""
    walked_ns = cache.now_ns()
    try:
        settings_bytes = (root / SETTINGS_FILE).read_bytes()
    except OSError:
        settings_bytes = b""
    found, problems = _walk(root, kinds)
    return Scan(root, kinds, found, problems, settings_bytes, walked_ns, towns)


def _walk(root: Path, kinds: tuple[RecordKind, ...]) -> tuple[list[Found], list[Problem]]:
    """Every record file of these kinds, stat taken, links out of the ledger refused.

    Each folder's entries are taken in name order and a subfolder where its name falls, so the
    files come out sorted by path component (as record_files sorts them) without a sort.
    """
    found: list[Found] = []
    problems: list[Problem] = []
    for kind in kinds:
        _walk_folder(root, kind, os.path.join(root, kind.value), kind.value, found, problems)
    return found, problems


def _walk_folder(
    root: Path,
    kind: RecordKind,
    directory: str,
    folder: str,
    found: list[Found],
    problems: list[Problem],
) -> None:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=_name)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as error:
        problems.append(Problem(folder, 0, f"无法读取目录：{error.strerror}"))
        return
    stamp_of = cache.stamp_of
    for entry in entries:
        name = entry.name
        if entry.is_dir(follow_symlinks=False):
            _walk_folder(root, kind, entry.path, f"{folder}/{name}", found, problems)
            continue
        if not name.endswith(".yaml") or name.startswith("."):
            continue
        shown = f"{folder}/{name}"
        if entry.is_symlink():
            target = Path(entry.path).resolve()
            if not target.is_relative_to(root.resolve()):
                problems.append(Problem(shown, 0, "文件是指向台账目录之外的链接，已拒绝读取"))
                continue
            if target.is_dir():
                continue
        try:
            stamp = stamp_of(entry.stat())
        except OSError as error:
            problems.append(Problem(shown, 0, f"无法读取：{error.strerror}"))
            continue
        found.append(Found(kind, folder, name, stamp, entry.path, shown))


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name
