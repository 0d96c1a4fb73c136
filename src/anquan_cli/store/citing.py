"""The records that cite a record by its ID (a hazard its inspection, a penalty its hazard):
found by git grep in C, read one by one, and kept only where the citing field holds the ID."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from anquan_cli.model.records import Record
from anquan_cli.store import git
from anquan_cli.store.loader import parse_record


def citing(root: Path, record_id: str, citers: Sequence[tuple[type[Record], str]]) -> list[Record]:
    """Every readable record of the citing kinds whose citing field is this ID, in file order.
    A file that cannot be read is check's to name, not this search's."""
    found: list[Record] = []
    for model, field in citers:
        folder = model.KIND.value
        for name in _mentioning(root, record_id, folder):
            try:
                raw = (root / name).read_bytes()
            except OSError:
                continue
            record, _ = parse_record(model.KIND, raw, name)
            if isinstance(record, model) and getattr(record, field) == record_id:
                found.append(record)
    return found


def _mentioning(root: Path, record_id: str, folder: str) -> Iterable[str]:
    """The folder's files (posix, relative to the ledger) holding the ID anywhere: git grep,
    tracked or not; where git cannot search, each file is read."""
    searched = git.grep_files(root, ["-F", "-e", record_id], f"{folder}/*.yaml")
    if searched is not None:
        return searched
    wanted = record_id.encode()
    return sorted(
        path.relative_to(root).as_posix()
        for path in (root / folder).rglob("*.yaml")
        if wanted in path.read_bytes()
    )
