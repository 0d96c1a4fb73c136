"""Writing records: new files under fresh IDs, edits that keep a person's comments, commits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.ids import wrong_kind
from anquan_cli.model.records import Record
from anquan_cli.model.settings import Settings
from anquan_cli.store import git
from anquan_cli.store.atomic import create_atomic, write_atomic
from anquan_cli.store.ids import IdAllocator
from anquan_cli.store.loader import parse_record
from anquan_cli.store.lock import write_lock
from anquan_cli.store.office import Office
from anquan_cli.store.paths import record_path, relative
from anquan_cli.store.yamlfast import emit_new
from anquan_cli.store.yamlread import YamlProblem, decode
from anquan_cli.store.yamlwrite import dump, load_round_trip, merge, plain

R = TypeVar("R", bound=Record)
DISTRICT_WRITE = "区级台账只汇总各镇街台账，记录请在各镇街自己的台账中登记"


def record_data(record: Record) -> dict[str, Any]:
    """A record as the mapping its file holds: set fields only, in the model's order; a
    quiet field (Record.QUIET) only when it differs from its default."""
    data = record.model_dump(mode="python", exclude_none=True)
    fields = type(record).model_fields
    return {
        k: v
        for k, v in data.items()
        if v != [] and v != {} and not (k in record.QUIET and v == fields[k].default)
    }


def render_new(record: Record) -> bytes:
    """A new record's file: the fast writer where it can, ruamel where it cannot (same bytes)."""
    data = record_data(record)
    text = emit_new(data)
    if text is None:
        text = dump(plain(data))
    return text.encode("utf-8")


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
                if create_atomic(path, render_new(record)):
                    break
            self.commit_files([path], message.format(id=record.id))
        return record

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
            write_atomic(path, dump(document).encode("utf-8"))
            self.commit_files([path], message)

    @property
    def commits(self) -> bool:
        """Whether this writer commits what it writes (decided, and checked, when it was made)."""
        return self._commits

    def commit_files(self, paths: list[Path], message: str) -> None:
        """Commit these files in the office's name, when this writer commits; the caller holds
        the write lock."""
        if self._commits:
            git.commit(self.root, paths, message, self.office.name)
