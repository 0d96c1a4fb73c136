"""Finding a ledger's record files and their stamps without reading them.

A scan is the first thing a read command does: it walks the record folders, takes each file's
stamp (size, mtime_ns, ctime_ns, inode) and sums every stamp, the settings file and every
problem met on the way into one digest. The loader then reads only the files the cache cannot
give; a memo (store/memo.py) keyed by the digest can skip even that, because no file can change
without its stamp — or the settings without their bytes — changing the digest.
"""

from __future__ import annotations

import gc
import hashlib
import os
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from anquan_cli.errors import AnquanError, Problem, Severity, os_reason
from anquan_cli.model.enums import RecordKind
from anquan_cli.store import cache
from anquan_cli.store.journal import JOURNAL_NAME
from anquan_cli.store.lock import recover_if_idle
from anquan_cli.store.paths import SETTINGS_FILE

if TYPE_CHECKING:
    pass

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


class Run(NamedTuple):
    """Record files of one folder lying next to each other in path order, as the walk met them.

    The walk keeps names and stamps in plain lists, not a Found per file: at 200k files the
    per-file objects cost more than the stat calls, and a warm command may need only the digest.
    """

    kind: RecordKind
    folder: str
    directory: str
    names: list[str]
    stamps: list[cache.Stamp]


@dataclass(frozen=True)
class Scan:
    """Every record file of a ledger (of some kinds), its settings' bytes and when it was walked."""

    root: Path
    kinds: tuple[RecordKind, ...]
    runs: list[Run]
    problems: list[Problem]
    settings_bytes: bytes
    walked_ns: int
    towns: tuple[Scan, ...] = ()
    """A district's towns, each scanned whole; `runs` then hold only stray district files."""

    @cached_property
    def found(self) -> list[Found]:
        """Every record file, sorted like record_files."""
        return [
            Found(
                run.kind, run.folder, name, stamp, f"{run.directory}/{name}", f"{run.folder}/{name}"
            )
            for run in self.runs
            for name, stamp in zip(run.names, run.stamps, strict=True)
        ]

    @property
    def files(self) -> int:
        return sum(len(run.names) for run in self.runs)

    @cached_property
    def digest(self) -> str:
        """Changes whenever any record file, the settings or what the walk met changes."""
        digest = hashlib.blake2b(digest_size=20)
        digest.update(self.settings_bytes)
        for town in self.towns:
            digest.update(f"\0{town.root}\0{town.digest}".encode())
        digest.update(b"\0".join(k.value.encode() for k in self.kinds))
        for run in self.runs:
            digest.update(f"\0{run.folder}\0{'/'.join(run.names)}\0".encode())
            digest.update(_packed(run.stamps))
        digest.update(repr([(p.path, p.line, p.message) for p in self.problems]).encode())
        return digest.hexdigest()

    @property
    def settled(self) -> bool:
        """Whether every file was last changed long enough before the walk to trust its stamp."""
        newest = max((max(map(_changed, run.stamps)) for run in self.runs if run.stamps), default=0)
        mine = newest + cache.RACY_NS <= self.walked_ns
        return mine and all(town.settled for town in self.towns)


def _packed(stamps: list[cache.Stamp]) -> bytes:
    """The stamps as bytes, cheaply: as unsigned 64-bit numbers, else (a time before 1970) as text."""
    try:
        return array("Q", chain.from_iterable(stamps)).tobytes()
    except OverflowError:
        return repr(stamps).encode()


def _changed(stamp: cache.Stamp) -> int:
    return max(stamp[1], stamp[2])


def scan(
    root: Path, kinds: tuple[RecordKind, ...] = tuple(RecordKind), towns: tuple[Scan, ...] = ()
) -> Scan:
    """Walk the ledger's record folders of these kinds, sorted like record_files."""
    walked_ns = cache.now_ns()
    try:
        settings_bytes = (root / SETTINGS_FILE).read_bytes()
    except OSError:
        settings_bytes = b""
    try:
        importing, stuck = recover_if_idle(root) is None, None
    except AnquanError as error:  # a write cut off half way that cannot be undone yet
        importing, stuck = False, Problem(JOURNAL_NAME, 0, error.message)
    runs, problems = _walk(root, kinds)
    if importing:
        problems.append(Problem(JOURNAL_NAME, 0, "另一个 anquan 命令正在导入，记录尚未写完"))
    if stuck is not None:
        problems.append(stuck)
    return Scan(root, kinds, runs, problems, settings_bytes, walked_ns, towns)


def _walk(root: Path, kinds: tuple[RecordKind, ...]) -> tuple[list[Run], list[Problem]]:
    """Every record file of these kinds, stat taken, links out of the ledger refused.

    Each folder's entries are taken in name order and a subfolder where its name falls, so the
    files come out sorted by path component (as record_files sorts them) without a sort.
    """
    runs: list[Run] = []
    problems: list[Problem] = []
    enabled = gc.isenabled()
    gc.disable()  # the walk makes a few objects per file, all kept: collecting them is waste
    try:
        for kind in kinds:
            directory = os.path.join(root, kind.value)
            if os.path.islink(directory):
                target = Path(directory).resolve()
                if not target.is_relative_to(root.resolve()):
                    problems.append(_linked_folder(kind.value, target, outside=True))
                    continue
            _walk_folder(root, kind, directory, kind.value, runs, problems)
    finally:
        if enabled:
            gc.enable()
    return [run for run in runs if run.names], problems


def _walk_folder(
    root: Path,
    kind: RecordKind,
    directory: str,
    folder: str,
    runs: list[Run],
    problems: list[Problem],
) -> None:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=_name)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as error:
        problems.append(Problem(folder, 0, f"无法读取目录：{os_reason(error)}"))
        return
    run = Run(kind, folder, directory, [], [])
    runs.append(run)
    names, stamps = run.names, run.stamps
    for entry in entries:
        name = entry.name
        if entry.is_dir(follow_symlinks=False):
            _walk_folder(root, kind, entry.path, f"{folder}/{name}", runs, problems)
            run = Run(kind, folder, directory, [], [])
            runs.append(run)
            names, stamps = run.names, run.stamps
            continue
        if entry.is_symlink() and not name.startswith("."):
            target = Path(entry.path).resolve()
            outside = not target.is_relative_to(root.resolve())
            if target.is_dir():
                problems.append(_linked_folder(f"{folder}/{name}", target, outside))
                continue
            if not name.endswith(".yaml"):
                continue
            if outside:
                problems.append(
                    Problem(f"{folder}/{name}", 0, "文件是指向台账目录之外的链接，已拒绝读取")
                )
                continue
        elif not name.endswith(".yaml") or name.startswith("."):
            continue
        try:
            stat = entry.stat()
        except OSError as error:
            problems.append(Problem(f"{folder}/{name}", 0, f"无法读取：{os_reason(error)}"))
            continue
        names.append(name)
        stamps.append((stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino))


def _linked_folder(shown: str, target: Path, outside: bool) -> Problem:
    """A folder linked into the record folders is not read, and said so: its records would
    otherwise vanish from every figure without a word."""
    where = "台账目录之外的 " if outside else ""
    return Problem(
        shown,
        0,
        f"文件夹是链接，指向{where}{target}，其中的记录未读取（请把记录文件放进台账本身）",
        Severity.WARNING,
    )


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name
