"""Attachments on disk: files kept once by their content's hash, and each record's links to
them in a sidecar index beside (never inside) the record folders.

    attachments/files/3f/3fa2…c1.jpg              one stored file, named by its SHA-256
    attachments/hazards/2024/DX-H-2410-YJB01.yaml  the links of that hazard (kind, dates, name)

The scan that every read command begins with walks the record folders only: nothing under
`attachments/` is stamped, cached or read by `report`, `list`, `stats` or `export`. The
commands that are about attachments (`attach`, `show`, `check`, the report's gallery, the
documents with photos) read the one sidecar they need, or walk `attachments/` on their own.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from anquan_cli.errors import AnquanError, Problem, Severity
from anquan_cli.model.attachments import Attachment, AttachmentIndex
from anquan_cli.model.ids import ID_PATTERN
from anquan_cli.store.journal import Change
from anquan_cli.store.paths import record_name
from anquan_cli.store.transaction import Commit, write_changes
from anquan_cli.store.validation import messages
from anquan_cli.store.yamlread import YamlProblem, line_of, parse_bytes
from anquan_cli.store.yamlwrite import dump, plain

FOLDER = "attachments"
FILES = "files"


def index_name(record_id: str) -> str:
    """The sidecar of a record, relative to the ledger: attachments/hazards/2024/ID.yaml."""
    return f"{FOLDER}/{record_name(record_id)}"


def stored_name(data: bytes, suffix: str) -> str:
    """Where a file with these bytes is kept, relative to attachments/: files/3f/3fa2….jpg."""
    digest = hashlib.sha256(data).hexdigest()
    return f"{FILES}/{digest[:2]}/{digest}{suffix}"


def stored_path(root: Path, attachment: Attachment) -> Path:
    return root / FOLDER / attachment.file


def read_index(root: Path, record_id: str) -> tuple[Attachment, ...]:
    """A record's links, in the order attached (none when it has no sidecar); a sidecar that
    cannot be read is an AnquanError naming it."""
    raw = _raw(root, index_name(record_id))
    return () if raw is None else _parse(raw, index_name(record_id), record_id).files


def present(root: Path, record_id: str) -> tuple[Attachment, ...]:
    """A record's links whose files are there (what `verify` may count as evidence)."""
    return tuple(a for a in read_index(root, record_id) if stored_path(root, a).is_file())


def _raw(root: Path, name: str) -> bytes | None:
    try:
        return (root / name).read_bytes()
    except FileNotFoundError:
        return None


def _parse(raw: bytes, shown: str, record_id: str | None) -> AttachmentIndex:
    try:
        data = parse_bytes(raw)
    except YamlProblem as problem:
        raise AnquanError(problem.message, shown, problem.line) from None
    try:
        index = AttachmentIndex.model_validate(data)
    except ValidationError as error:
        loc, message = next(messages(error, AttachmentIndex))
        text = raw.decode("utf-8", errors="replace")
        raise AnquanError(message, shown, line_of(text, loc)) from None
    if record_id is not None and index.record != record_id:
        raise AnquanError(f"文件中的编号 {index.record} 与文件名不符", shown)
    return index


@dataclass(frozen=True)
class NewFile:
    """A file to attach: its bytes as stored and its link (whose `file` names those bytes)."""

    data: bytes
    link: Attachment


def attach(
    root: Path, record_id: str, new: Sequence[NewFile], commit: Commit | None
) -> list[Attachment]:
    """Store the files not stored yet and add the links the record lacks, as one write (and
    one commit); the links added. A file attached twice with the same kind is linked once;
    the same bytes under two records are stored once. The caller holds the write lock."""
    name = index_name(record_id)
    old = _raw(root, name)
    links = list(_parse(old, name, record_id).files) if old is not None else []
    changes: list[Change] = []
    added: list[Attachment] = []
    storing: set[str] = set()
    for item in new:
        if any(a.file == item.link.file and a.kind is item.link.kind for a in links):
            continue
        links.append(item.link)
        added.append(item.link)
        target = f"{FOLDER}/{item.link.file}"
        if target not in storing and not os.path.lexists(root / target):
            changes.append(Change(target, item.data))
            storing.add(target)
    if not added:
        return []
    changes.append(Change(name, render_index(AttachmentIndex(record=record_id, files=links)), old))
    write_changes(root, changes, commit)
    return added


def render_index(index: AttachmentIndex) -> bytes:
    data = index.model_dump(mode="python", by_alias=True, exclude_none=True)
    head = f"# {index.record} 的附件（anquan attach 写入；文件在 attachments/files/ 下）\n"
    return (head + dump(plain(data))).encode("utf-8")


Stamp = tuple[int, int, int]


@dataclass(frozen=True)
class Walked:
    """What is under attachments/, cheaply: the stamp of each folder of stored files (a file
    added, removed or renamed changes its folder's), and each sidecar with its own stamp (an
    edit in place changes only the file's). Their digest changes whenever what `check` and the
    gallery read could have; the stored files' names are listed only when asked."""

    root: Path
    folders: tuple[tuple[str, Stamp], ...]
    sidecars: tuple[tuple[str, Stamp], ...]

    def digest(self) -> str:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(repr((self.folders, self.sidecars)).encode())
        return digest.hexdigest()

    @cached_property
    def stored(self) -> frozenset[str]:
        """Every stored file, relative to attachments/ (files/3f/3fa2….jpg)."""
        names: set[str] = set()
        for folder, _ in self.folders:
            with contextlib.suppress(OSError), os.scandir(self.root / FOLDER / folder) as listing:
                names.update(
                    f"{folder}/{e.name}"
                    for e in listing
                    if not e.name.startswith(".") and e.is_file()
                )
        return frozenset(names)


def walk(root: Path) -> Walked:
    """The stamps of attachments/: its stored files' folders, and its sidecars."""
    folders: list[tuple[str, Stamp]] = []
    sidecars: list[tuple[str, Stamp]] = []
    base = root / FOLDER
    files = base / FILES
    with contextlib.suppress(OSError):
        folders.append((FILES, _stamp(os.stat(files))))
        with os.scandir(files) as listing:
            shards = sorted(e.name for e in listing if e.is_dir(follow_symlinks=False))
        folders += [(f"{FILES}/{name}", _stamp(os.stat(files / name))) for name in shards]
    _sidecars(base, "", sidecars)
    return Walked(root, tuple(folders), tuple(sidecars))


def _sidecars(folder: Path, relative: str, found: list[tuple[str, Stamp]]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        shown = f"{relative}/{name}" if relative else name
        if entry.is_dir(follow_symlinks=False):
            if shown != FILES:
                _sidecars(Path(entry.path), shown, found)
        elif name.endswith(".yaml"):
            with contextlib.suppress(OSError):
                found.append((shown, _stamp(entry.stat())))


def _stamp(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def indexes(root: Path, walked: Walked | None = None) -> list[AttachmentIndex]:
    """Every sidecar that can be read (check names the others), in path order."""
    found = []
    for relative, _ in (walked or walk(root)).sidecars:
        shown = f"{FOLDER}/{relative}"
        try:
            found.append(_parse((root / shown).read_bytes(), shown, None))
        except (AnquanError, OSError):
            continue
    return found


def problems(root: Path, walked: Walked, record_ids: Iterable[str]) -> list[Problem]:
    """What `check` says about attachments: a sidecar that cannot be read or names no record
    of the ledger, a linked file missing (an error: the evidence is gone), a stored file no
    record links (a warning: it only takes room)."""
    known = set(record_ids)
    found: list[Problem] = []
    linked: set[str] = set()
    for relative, _ in walked.sidecars:
        shown = f"{FOLDER}/{relative}"
        stem = relative.rsplit("/", 1)[-1].removesuffix(".yaml")
        record_id = stem if ID_PATTERN.match(stem) else None
        try:
            index = _parse((root / shown).read_bytes(), shown, record_id)
        except AnquanError as error:
            found.append(Problem(shown, error.line, error.message))
            continue
        except OSError as error:
            found.append(Problem(shown, 0, f"无法读取：{error.strerror}"))
            continue
        if record_id is None or record_id not in known:
            found.append(Problem(shown, 0, f"附件所属的记录 {index.record} 不存在"))
        for at, link in enumerate(index.files):
            linked.add(link.file)
            if link.file not in walked.stored:
                text = f"附件文件 {FOLDER}/{link.file} 不存在（{link.kind} {link.name}）"
                found.append(Problem(shown, _entry_line(root / shown, at), text))
    for name in sorted(walked.stored - linked):
        found.append(
            Problem(f"{FOLDER}/{name}", 0, "附件文件未被任何记录引用（多余）", Severity.WARNING)
        )
    return found


def _entry_line(path: Path, at: int) -> int:
    """The line of the at-th `- file:` entry in a sidecar (0 when it cannot be told)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    starts = [n for n, line in enumerate(lines, 1) if line.lstrip().startswith("- ")]
    return starts[at] if at < len(starts) else 0
