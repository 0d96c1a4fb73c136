"""Allocating new record IDs: the one allocator add-* (store/writer.py) and the import share.

An ID's sequence (the 03 of DX-H-2410-YJB03) is the next after the highest its town, kind,
month and office already have on disk. Each folder is read once; after that the allocator
counts on, so an import of thousands of rows reads each folder once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from anquan_cli.model.enums import RecordKind
from anquan_cli.model.ids import format_id, id_prefix
from anquan_cli.store.paths import record_path


def highest_sequence(root: Path, prefix: str) -> int:
    """The highest sequence of a record file with this ID prefix in the ledger (0: none)."""
    return _highest(prefix, (p.stem for p in _folder(root, prefix).glob(f"{prefix}*.yaml")))


def _folder(root: Path, prefix: str) -> Path:
    return record_path(root, format_id(prefix, 1)).parent


def _highest(prefix: str, stems: Iterable[str]) -> int:
    numbers = [
        int(stem[len(prefix) :])
        for stem in stems
        if stem.startswith(prefix) and stem[len(prefix) :].isdigit()
    ]
    return max(numbers, default=0)


class IdAllocator:
    """Fresh IDs for one office of one ledger, each used at most once by this allocator."""

    def __init__(self, root: Path, town_code: str, office_code: str) -> None:
        self.root = root
        self.town_code = town_code
        self.office_code = office_code
        self._prefixes: dict[tuple[RecordKind, int, int], str] = {}
        self._taken: dict[str, int] = {}
        self._listed: dict[Path, list[str]] = {}  # each folder's files, read once

    def prefix(self, kind: RecordKind, day: date) -> str:
        key = (kind, day.year, day.month)
        found = self._prefixes.get(key)
        if found is None:
            found = self._prefixes[key] = id_prefix(self.town_code, kind, day, self.office_code)
        return found

    def allocate(self, kind: RecordKind, day: date) -> str:
        """The next ID for a record of that kind dated that day."""
        prefix = self.prefix(kind, day)
        taken = self._taken.get(prefix)
        if taken is None:
            folder = _folder(self.root, prefix)
            stems = self._listed.get(folder)
            if stems is None:
                stems = self._listed[folder] = [p.stem for p in folder.glob("*.yaml")]
            taken = _highest(prefix, stems)
        self._taken[prefix] = taken + 1
        return format_id(prefix, taken + 1)

    def give_back(self, record_id: str) -> None:
        """Give back the last ID allocated, for a record not created after all."""
        prefix = record_id.rstrip("0123456789")
        if self._taken.get(prefix) == int(record_id[len(prefix) :]):
            self._taken[prefix] -= 1
