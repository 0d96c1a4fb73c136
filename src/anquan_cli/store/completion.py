"""What the shell's completion offers from a ledger, found without reading any record file.

Record IDs are the record files' names. Units' names come from the ledger's cache: the
enterprises shard (written by any command that read every unit: list, check, report …) and
the name index (written when `--enterprise` was last looked up), each name taken only while
its file's stamp still matches the file on disk. Nothing is parsed as YAML, nothing written;
a ledger whose cache is empty completes IDs alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from anquan_cli.model.enums import RecordKind
from anquan_cli.store import cache
from anquan_cli.store.unitindex import UnitName, read_rows

_SUFFIX = ".yaml"


def record_ids(root: Path, kinds: Iterable[RecordKind]) -> list[str]:
    """The IDs of these kinds' record files (their names), newest year first, sorted within."""
    found: list[str] = []
    for kind in kinds:
        found.extend(_names(os.path.join(root, kind.value)))
    return found


def _names(folder: str) -> Iterator[str]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name, reverse=True)
    except OSError:
        return
    files = []
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
            yield from _names(entry.path)
        elif entry.name.endswith(_SUFFIX) and not entry.name.startswith("."):
            files.append(entry.name[: -len(_SUFFIX)])
    yield from sorted(files)


def unit_names(root: Path) -> list[UnitName]:
    """Every unit whose names the cache holds for its file as it is now, by ID."""
    folder = RecordKind.ENTERPRISE.value  # a flat folder: no year subfolders
    now = _stamps(root / folder)
    known: dict[str, UnitName] = {}
    for name, (stamp, data) in cache.peek_records(root, folder).items():
        unit = _unit(data)
        if unit is not None and now.get(name) == stamp:
            known[unit.id] = unit
    for shown, (stamp, unit) in read_rows(root, signature=None).items():
        name = shown.removeprefix(f"{folder}/")
        if unit is not None and unit.id not in known and now.get(name) == stamp:
            known[unit.id] = unit
    return [known[key] for key in sorted(known)]


def _unit(data: dict[str, object]) -> UnitName | None:
    unit_id, name, short = data.get("id"), data.get("name"), data.get("short_name")
    if not isinstance(unit_id, str) or not isinstance(name, str):
        return None
    return UnitName(unit_id, name, short if isinstance(short, str) else None)


def _stamps(folder: Path) -> dict[str, cache.Stamp]:
    """Each record file's stamp, taken as the scan takes it (store/scan.py), so it compares
    equal to the cache's on every system."""
    stamps: dict[str, cache.Stamp] = {}
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                if entry.name.endswith(_SUFFIX) and entry.is_file():
                    stat = entry.stat()
                    stamps[entry.name] = (
                        stat.st_size,
                        stat.st_mtime_ns,
                        stat.st_ctime_ns,
                        stat.st_ino,
                    )
    except OSError:
        return {}
    return stamps
