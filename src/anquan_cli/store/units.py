"""Every unit's ID, name and short name, which `--enterprise` is resolved against.

Resolving `--enterprise` needs three strings per unit, not whole records: loading every
unit through the record cache validated thousands of records to add one hazard. The name
index (`.anquan/cache/unit-names.json`, beside the shards) keeps those three strings for
every enterprise file, with the file's stamp. Every file is stat-ed on each use, exactly as
the loader does, and any file whose stamp differs from the index (edited by hand, added,
replaced) is parsed afresh, so the answer is always that of the files on disk; the index is
ignored when the code that reads records has changed (the shards' signature). Names' pinyin
initials, for a query like `xyhg`, are remembered beside it (PinyinMemo).
"""

from __future__ import annotations

import json
from pathlib import Path

from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.ids import kind_of_id, normalize_id, wrong_kind
from anquan_cli.model.records import Enterprise, Record
from anquan_cli.store import cache
from anquan_cli.store.loader import _parse_all, parse_record
from anquan_cli.store.lookup import find_enterprise
from anquan_cli.store.paths import record_path, relative
from anquan_cli.store.scan import Found, scan
from anquan_cli.store.unitindex import FORMAT, Row, read_rows
from anquan_cli.store.unitindex import UnitName as UnitName
from anquan_cli.store.unitindex import index_file as index_file

# shown path → (stamp, the unit's names, or None for a file that is not a valid unit)
Index = dict[str, Row]


def find_unit(root: Path, query: str) -> UnitName:
    """The unit `--enterprise QUERY` names (see lookup.find_enterprise).

    An ID wins over every name, so a unit ID is first looked for in its own file alone;
    the ID of another kind of record is named as such.
    """
    found = _by_id(root, query)
    if found is not None:
        return found
    mistaken = wrong_kind(normalize_id(query), RecordKind.ENTERPRISE)
    if mistaken is not None:
        raise UsageError(mistaken)
    units = unit_names(root)
    memo = PinyinMemo(root)
    try:
        return find_enterprise(units, query, memo.initials)
    finally:
        memo.save({unit.name for unit in units})


def _by_id(root: Path, query: str) -> UnitName | None:
    """The unit whose file is the one its ID names, if the query is that ID; else None."""
    unit_id = normalize_id(query)
    if kind_of_id(unit_id) is not RecordKind.ENTERPRISE:
        return None
    try:
        path = record_path(root, unit_id)
        raw = path.read_bytes()
    except (AnquanError, OSError):
        return None
    names = _names(parse_record(RecordKind.ENTERPRISE, raw, relative(root, path))[0])
    return names if names is not None and names.id == unit_id else None


def unit_names(root: Path) -> list[UnitName]:
    """The ID, name and short name of every valid unit file, in the loader's order."""
    scanned = scan(root, (RecordKind.ENTERPRISE,))
    found, read_ns = scanned.found, cache.now_ns()
    old = read_index(root) if cache.enabled else {}
    now: dict[str, UnitName | None] = {}
    kept: Index = {}
    misses: list[Found] = []
    for item in found:
        known = old.get(item.shown)
        if known is not None and known[0] == item.stamp:
            kept[item.shown] = known
            now[item.shown] = known[1]
        else:
            misses.append(item)
    for item, record, _cacheable, _problems in _parse_all(misses, None):
        names = _names(record)
        now[item.shown] = names
        if cache.settled(item.stamp, read_ns):
            kept[item.shown] = (item.stamp, names)
    if cache.enabled and kept != old:
        write_index(root, kept)
    return [names for item in found if (names := now[item.shown]) is not None]


def _names(record: Record | None) -> UnitName | None:
    if not isinstance(record, Enterprise):
        return None
    return UnitName(record.id, record.name, record.short_name)


class PinyinMemo:
    """Names' pinyin initials remembered in the cache (`pinyin.json`).

    Initials are a pure function of the name (given the pypinyin release and the code of
    office.initials), so a memo keyed by the name text, thrown away when either changes,
    cannot go stale; it spares a lookup by initials importing pypinyin and converting every
    unit's name (about a second for 2,000 units).
    """

    FILE = "pinyin.json"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = cache.cache_dir(root) / self.FILE
        self.known: dict[str, str] | None = None
        self.added = False

    def initials(self, name: str) -> str:
        if self.known is None:
            self.known = self._read() if cache.enabled else {}
        found = self.known.get(name)
        if found is None:
            from anquan_cli.store.office import initials

            found = self.known[name] = initials(name)
            self.added = True
        return found

    def save(self, names: set[str]) -> None:
        """Write the memo back, for these (current) names only, if anything was added."""
        if self.added and self.known is not None and cache.enabled:
            kept = {n: i for n, i in sorted(self.known.items()) if n in names}
            body = {"format": FORMAT, "key": _pinyin_key(), "initials": kept}
            cache.write_file(self.root, self.path, json.dumps(body, ensure_ascii=False).encode())

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_bytes())
            if data["format"] != FORMAT or data["key"] != _pinyin_key():
                return {}
            known = data["initials"]
            if not all(isinstance(k, str) and isinstance(v, str) for k, v in known.items()):
                return {}
            return dict(known)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}


def _pinyin_key() -> str:
    """What initials depend on besides the name: the pypinyin release, and anquan's version
    and the source of the module that holds office.initials."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    import anquan_cli
    from anquan_cli.store import office

    try:
        release = version("pypinyin")
    except PackageNotFoundError:
        release = ""
    try:
        source = Path(office.__file__).read_bytes()
    except OSError:
        source = b""
    code_hash = hashlib.blake2b(source, digest_size=8).hexdigest()
    return f"{release}/{anquan_cli.__version__}/{code_hash}"


def read_index(root: Path) -> Index:
    """The index as last written; absent, corrupt or written by other code reads as empty."""
    return read_rows(root, cache.signature())


def write_index(root: Path, index: Index) -> None:
    """Replace the index atomically; an index that cannot be written is skipped."""
    rows = [
        [shown, *stamp, *(names or (None, None, None))]
        for shown, (stamp, names) in sorted(index.items())
    ]
    body = json.dumps(
        {"format": FORMAT, "signature": cache.signature(), "files": rows},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    cache.write_file(root, index_file(root), body)


def registered_as(root: Path, name: str, but: str | None = None) -> UnitName | None:
    """The unit already registered under that name (names compared as lookup folds them),
    other than the unit `but`: add-enterprise and set refuse a second unit of one name."""
    from anquan_cli.store.lookup import fold_name

    folded = fold_name(name)
    return next((u for u in unit_names(root) if u.id != but and fold_name(u.name) == folded), None)
