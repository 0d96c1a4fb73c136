"""Writing records: new files under fresh IDs, edits that keep a person's comments, commits."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.ids import ID_PATTERN, normalize_id, wrong_kind
from anquan_cli.model.records import Record
from anquan_cli.model.settings import Settings
from anquan_cli.store import git
from anquan_cli.store.bulk import bulk
from anquan_cli.store.ids import IdAllocator
from anquan_cli.store.journal import Change
from anquan_cli.store.loader import PARALLEL_FROM, bulk_workers, parse_record
from anquan_cli.store.lock import write_lock
from anquan_cli.store.office import Office
from anquan_cli.store.paths import held_in_files, record_names, record_path, relative
from anquan_cli.store.transaction import Commit, NameTaken, write_changes
from anquan_cli.store.yamlfast import emit_new
from anquan_cli.store.yamlread import YamlProblem, decode
from anquan_cli.store.yamlwrite import dump, load_round_trip, merge, plain

R = TypeVar("R", bound=Record)
DISTRICT_WRITE = "区级台账只汇总各镇街台账，记录请在各镇街自己的台账中登记"


def record_data(record: Record) -> dict[str, Any]:
    """A record as the mapping its file holds: set fields only, in the model's order; a
    quiet field (Record.QUIET) only when it differs from its default."""
    data = record.model_dump(mode="python", exclude_none=True)
    quiet = _quiet_defaults(type(record))
    if not quiet:
        return {k: v for k, v in data.items() if v or (v != [] and v != {})}
    return {
        k: v
        for k, v in data.items()
        if (v or (v != [] and v != {})) and not (k in quiet and v == quiet[k])
    }


@cache
def _quiet_defaults(model: type[Record]) -> dict[str, Any]:
    """The model's quiet fields (Record.QUIET), each with its default."""
    return {name: model.model_fields[name].default for name in model.QUIET}


def render_new(record: Record) -> bytes:
    """A new record's file: the fast writer where it can, ruamel where it cannot (same bytes)."""
    data = record_data(record)
    text = emit_new(data)
    if text is None:
        text = dump(plain(data))
    return text.encode("utf-8")


_RENDERING: Sequence[Record] = ()  # the records render_all's forked workers read


def _render_range(bounds: tuple[int, int]) -> list[bytes]:
    return [render_new(record) for record in _RENDERING[bounds[0] : bounds[1]]]


def render_all(records: Sequence[Record]) -> list[bytes]:
    """Every record's file, in order; a large import's on every core.

    Forked workers see the records as they are (nothing is pickled on the way in) and send
    back only the bytes.
    """
    global _RENDERING
    workers = bulk_workers() if len(records) >= PARALLEL_FROM else 1
    with bulk():
        if workers == 1:
            return [render_new(record) for record in records]
        import multiprocessing

        step = -(-len(records) // (workers * 4))
        ranges = [(start, start + step) for start in range(0, len(records), step)]
        _RENDERING = records
        try:
            with multiprocessing.get_context("fork").Pool(workers, initializer=gc.disable) as pool:
                return [data for part in pool.imap(_render_range, ranges) for data in part]
        finally:
            _RENDERING = ()


def write_records(root: Path, records: Sequence[Record], commit: Commit | None = None) -> list[str]:
    """Write every new record's file under the ID it has, and commit them as one commit, or
    none of them; give their names relative to the ledger. The caller holds the lock.

    Names are plain strings here: for an import of thousands of files, a Path each costs
    more than the work it names (each folder is checked once, by record_names)."""
    names = record_names(root, [r.id for r in records])
    contents = render_all(records)
    changes = [Change(name, data) for name, data in zip(names, contents, strict=True)]
    write_changes(root, changes, commit, bulk=True)
    return names


_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([^'\"\s#]+)", re.MULTILINE)


def copies_of(root: Path, record_id: str, kind: RecordKind) -> list[str]:
    """Other files of the kind's folder holding this ID under a name that is no record's ID
    (a copy such as `DX-H-2410-YJB01 - 副本.yaml`), relative to the ledger. Files named as
    an ID are not opened (that would read the whole folder for every command); a copy saved
    under another record's name is `check`'s to find, and stops every figure."""
    found: list[str] = []
    folder = root / kind.value
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*.yaml")):
        if ID_PATTERN.match(path.stem):
            continue
        try:
            text = decode(path.read_bytes())
        except (OSError, YamlProblem):
            continue
        match = _ID_LINE.search(text)
        if match and normalize_id(match.group(1)) == record_id:
            found.append(relative(root, path))
    return found


_PLAIN_ID = re.compile(r"[A-Z0-9-]+")


def held_by(root: Path, record_id: str, folder: str) -> list[str]:
    """Every file of that folder of the ledger (posix, relative), tracked or not, whose `id:`
    line is this ID. git grep searches it in C (0.3–0.8 s for a folder of 20,000 files on a
    busy two-core machine); none where git cannot search (check still names any copy)."""
    if not _PLAIN_ID.fullmatch(record_id):  # an ID is letters, digits and hyphens
        return []
    pattern = "^id:[[:space:]]*['\"]?" + record_id + "['\"]?[[:space:]]*(#.*)?$"
    return git.grep_files(root, ["-E", "-e", pattern], f"{folder}/*.yaml") or []


class Writer:
    """Creates and edits record files in one ledger on behalf of one office."""

    def __init__(self, root: Path, settings: Settings, office: Office, commit: bool = True) -> None:
        self.root = root
        self.settings = settings
        self.office = office
        self.commit_enabled = commit and settings.commit
        if settings.is_district:
            raise UsageError(DISTRICT_WRITE)
        # Decided before anything is written, so a refusal leaves the ledger as it was.
        git.refuse_if_gone(root)  # else its records would be written and never committed
        self._commits = self.commit_enabled and git.is_repository(root)
        if self._commits:
            git.require_git()
            git.ensure_can_commit(root)

    def create(self, kind: RecordKind, day: date, build: Callable[[str], R], message: str) -> R:
        """Give the record a fresh ID, write its file whole, and commit it."""
        with write_lock(self.root):
            # read under the lock: another command may have just written the month's last ID
            ids = IdAllocator(self.root, self.settings.code, self.office.code)
            while True:
                record = build(ids.allocate(kind, day))
                path = record_path(self.root, record.id)
                if not os.path.lexists(path):
                    change = Change(relative(self.root, path), render_new(record))
                    try:
                        write_changes(self.root, [change], self._commit(message, record.id))
                        break
                    except NameTaken:
                        pass  # taken between the look and the write: the next one
        return record

    def create_together(
        self,
        wanted: Sequence[tuple[RecordKind, date]],
        build: Callable[[list[str]], Sequence[Record]],
        message: str,
    ) -> list[Record]:
        """New records that belong together (an inspection and the hazards it found): each
        given a fresh ID of its kind and day, in order, then written and committed as one
        change, or none of them. `build` makes the records from their IDs; `message` may
        name the first as {id}."""
        with write_lock(self.root):
            while True:
                # read under the lock, afresh on each try (see create)
                allocator = IdAllocator(self.root, self.settings.code, self.office.code)
                ids = [allocator.allocate(kind, day) for kind, day in wanted]
                records = list(build(ids))
                changes = [
                    Change(relative(self.root, record_path(self.root, r.id)), render_new(r))
                    for r in records
                ]
                try:
                    write_changes(self.root, changes, self._commit(message, ids[0]))
                    return records
                except NameTaken:
                    pass  # a name taken between the look and the write: look again

    def read(self, record_id: str, model: type[R]) -> R:
        """Read one record file fresh from disk (no whole-ledger load).

        An ID of another kind, or of no record, is the user's mistake (UsageError), not the
        file's: the ID's letter is checked before any file is opened."""
        mistaken = wrong_kind(record_id, model.KIND)
        if mistaken is not None:
            raise UsageError(mistaken)
        path = record_path(self.root, record_id)
        shown = relative(self.root, path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"找不到编号为 {record_id} 的记录") from None
        record, problems = parse_record(model.KIND, raw, shown)
        if record is None:
            first = problems[0]
            raise AnquanError(f"{first.message}；请先修正此文件", first.path, first.line)
        if not isinstance(record, model) or record.id != record_id:
            raise AnquanError(f"文件中的编号 {record.id} 与文件名不符", shown)
        copies = copies_of(self.root, record_id, model.KIND)
        if copies:
            raise AnquanError(held_in_files(record_id, [shown, *copies]))
        return record

    def read_alone(self, record_id: str, model: type[R]) -> R:
        """`read`, for a record about to be changed: a copy of it saved under another record's
        file name in its folder (a file manager's copy, renamed), which `read` does not open,
        is found too and the change refused naming both files, rather than one silently
        edited. A copy in another folder is `check`'s to name (it stops every figure)."""
        record = self.read(record_id, model)
        own = relative(self.root, record_path(self.root, record_id))
        folder = own.rpartition("/")[0]
        others = [path for path in held_by(self.root, record_id, folder) if path != own]
        if others:
            raise AnquanError(held_in_files(record_id, [own, *others]))
        return record

    def update(self, before: R, after: R, message: str) -> None:
        """Rewrite a record's file with new values, keeping comments and key order."""
        path = record_path(self.root, after.id)
        with write_lock(self.root):
            raw = path.read_bytes()
            try:
                document = load_round_trip(decode(raw))
            except YamlProblem as problem:
                raise AnquanError(
                    problem.message, relative(self.root, path), problem.line
                ) from None
            fresh, _ = parse_record(before.KIND, raw, relative(self.root, path))
            if fresh != before:
                raise AnquanError("文件在读取后被改动，请重试", relative(self.root, path))
            merge(document, record_data(after))
            change = Change(relative(self.root, path), dump(document).encode("utf-8"), raw)
            write_changes(self.root, [change], self._commit(message))

    @property
    def commits(self) -> bool:
        """Whether this writer commits what it writes (decided, and checked, when it was made)."""
        return self._commits

    def _commit(self, message: str, record_id: str = "") -> Commit | None:
        """The commit a write ends with, when this writer commits."""
        if not self._commits:
            return None
        return Commit(message.format(id=record_id) if record_id else message, self.office.name)

    def create_many(self, records: Sequence[Record], message: str) -> list[str]:
        """Write the new records (their IDs given) and commit them as one commit, or none of
        them; their files' names relative to the ledger. The caller holds the write lock."""
        return write_records(self.root, records, self._commit(message))

    def rewrite(self, changes: Sequence[Change], message: str) -> None:
        """Give files new bytes (each change holding the old), and commit those that then
        differ from git's, or none; the caller holds the write lock."""
        commit = self._commit(message)
        if commit is not None:
            commit = Commit(commit.message, commit.office, only_changed=True)
        write_changes(self.root, changes, commit)
