"""The unit-name index's file (`.anquan/cache/unit-names.json`): its rows and how to read them.

store/units.py keeps the index up to date and trusts it only under the current code's
signature; the shell's completion (store/completion.py) peeks at it without importing the
models, so this module imports nothing heavier than the cache's paths.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from anquan_cli.store import cache

INDEX_FILE = "unit-names.json"
FORMAT = 1


class UnitName(NamedTuple):
    """What `--enterprise` matches a unit by."""

    id: str
    name: str
    short_name: str | None


Row = tuple[cache.Stamp, UnitName | None]
"""A unit file's stamp, and its names (None for a file that is not a valid unit)."""


def index_file(root: Path) -> Path:
    return cache.cache_dir(root) / INDEX_FILE


def read_rows(root: Path, signature: str | None) -> dict[str, Row]:
    """The index as last written (shown path → row); absent, corrupt, of another format, or
    (when a signature is given) written by other code, it reads as empty."""
    try:
        data = json.loads(index_file(root).read_bytes())
        if data["format"] != FORMAT:
            return {}
        if signature is not None and data["signature"] != signature:
            return {}
        return {str(row[0]): parse_row(row) for row in data["files"]}
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return {}


def parse_row(row: list[Any]) -> Row:
    _, size, mtime, ctime, inode, unit_id, name, short_name = row
    stamp = (int(size), int(mtime), int(ctime), int(inode))
    if unit_id is None:
        return stamp, None
    if not isinstance(unit_id, str) or not isinstance(name, str):
        raise TypeError("not a unit's names")
    if short_name is not None and not isinstance(short_name, str):
        raise TypeError("not a unit's short name")
    return stamp, UnitName(unit_id, name, short_name)
