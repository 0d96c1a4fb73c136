"""Reading a whole ledger: every record file parsed and validated, problems collected."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from anquan_cli.errors import Problem
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.records import MODELS, Record
from anquan_cli.store.paths import relative
from anquan_cli.store.validation import messages
from anquan_cli.store.yamlread import YamlProblem, decode, line_of, parse_bytes


@dataclass(frozen=True)
class Entry:
    """A record and the file it came from (relative to the ledger, posix)."""

    record: Record
    path: str


def record_files(
    root: Path, kinds: tuple[RecordKind, ...] = tuple(RecordKind)
) -> Iterator[tuple[RecordKind, Path]]:
    """Every record file of these kinds, in a stable order."""
    for kind in kinds:
        folder = root / kind.value
        if folder.is_dir():
            for path in sorted(folder.rglob("*.yaml")):
                if not path.name.startswith("."):
                    yield kind, path


def parse_record(kind: RecordKind, raw: bytes, shown: str) -> tuple[Record | None, list[Problem]]:
    """Parse and validate one file's bytes; problems carry the file and line."""
    try:
        data = parse_bytes(raw)
    except YamlProblem as problem:
        return None, [Problem(shown, problem.line, problem.message)]
    return validate_record(kind, data, raw, shown)


def validate_record(
    kind: RecordKind, data: dict[str, Any], raw: bytes, shown: str
) -> tuple[Record | None, list[Problem]]:
    model = MODELS[kind]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        text = decode(raw)
        return None, [
            Problem(shown, line_of(text, loc), message) for loc, message in messages(error, model)
        ]


@contextmanager
def bulk() -> Iterator[None]:
    """Bulk loading allocates many objects that live on: the collector only slows it down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_entries(
    root: Path, kinds: tuple[RecordKind, ...] = tuple(RecordKind)
) -> tuple[list[Entry], list[Problem]]:
    """Read every record file of these kinds under the ledger."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    with bulk():
        for kind, path in record_files(root, kinds):
            shown = relative(root, path)
            if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
                problems.append(Problem(shown, 0, "文件是指向台账目录之外的链接，已拒绝读取"))
                continue
            try:
                raw = path.read_bytes()
            except OSError as error:
                problems.append(Problem(shown, 0, f"无法读取：{error.strerror}"))
                continue
            record, found = parse_record(kind, raw, shown)
            problems.extend(found)
            if record is not None:
                entries.append(Entry(record, shown))
    return entries, problems
