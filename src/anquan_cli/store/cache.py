"""The ledger's read cache: validated records per folder, keyed by each file's stat.

The cache lives in `.anquan/cache/` inside the ledger (ignored by git), one shard per record
folder (`hazards/2024` …). A shard holds, for every file of its folder that was read, the
file's size, mtime_ns, ctime_ns and inode, and either the record as JSON or the problems
found in it. A file is taken from the cache only when all four still match; a file younger than RACY_NS
when it was read is not cached at all (a change within the file system's timestamp tick
could otherwise go unseen; git calls this "racily clean"). ctime cannot be set back by
hand, so even an edit that restores the old mtime is seen.

Shards are JSON, read back through Pydantic's validate_json: nothing in them is trusted or
executed. A shard that is corrupt, truncated, fails its checksum or was written by other
code (format, anquan version, model sources) is ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args
from urllib.parse import quote

from anquan_cli.errors import Problem, Severity
from anquan_cli.store.paths import STATE_DIR

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from anquan_cli.model.records import Record

CACHE_DIR = "cache"
FORMAT = 1
RACY_NS = 2_000_000_000
_MAGIC = b"anquan-cache"

# Process-wide switch: the CLI's global --no-cache turns it off for one invocation.
enabled = True

Stamp = tuple[int, int, int, int]
"""size, mtime_ns, ctime_ns, inode: what must match for a cached file to be used."""


def settled(stamp: Stamp, read_ns: int) -> bool:
    """Whether the file was last changed long enough before it was read to trust its stamp."""
    return max(stamp[1], stamp[2]) + RACY_NS <= read_ns


@dataclass
class Shard:
    """What the cache knows about one record folder."""

    records: dict[str, tuple[Stamp, Record]] = field(default_factory=dict)
    problems: dict[str, tuple[Stamp, list[Problem]]] = field(default_factory=dict)


def cache_dir(root: Path) -> Path:
    return root / STATE_DIR / CACHE_DIR


def make_dir(root: Path) -> Path:
    """The cache folder, made if missing, with a .gitignore so no git repository ever holds it
    (a district's own folder may not ignore .anquan/)."""
    directory = cache_dir(root)
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    return directory


def shard_file(root: Path, folder: str) -> Path:
    return cache_dir(root) / f"{quote(folder, safe='')}.json"


@cache
def adapter(model: type[Record]) -> TypeAdapter[list[Record]]:
    from pydantic import TypeAdapter

    return TypeAdapter(list[model])  # type: ignore[valid-type]


def keeps(record: Record) -> bool:
    """Whether the record comes back from a shard's JSON as it is.

    Only an amount can change on the way: JSON keeps it as a number, and a number with a
    fraction is a float, which holds 15 to 17 significant digits. An amount read from an
    unquoted YAML number has been a float already and always comes back; one written as
    quoted text with more digits does not, and its file is read again each time instead.
    (tests/test_cache.py holds this to a real round trip through the shard's JSON.)"""
    amounts: list[Decimal | None] = [getattr(record, n) for n in _money_fields(type(record))]
    return all(
        a is None or a == a.to_integral_value() or Decimal(repr(float(a))) == a for a in amounts
    )


@cache
def _money_fields(model: type[Record]) -> tuple[str, ...]:
    from anquan_cli.model.fields import Money

    return tuple(
        name
        for name, field in model.model_fields.items()
        if field.annotation is Decimal or Money in get_args(field.annotation)
    )


@cache
def signature() -> str:
    """Changes whenever the code that turns files into records does: then no shard is trusted."""
    import pydantic

    import anquan_cli
    from anquan_cli import model, store

    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{FORMAT}/{anquan_cli.__version__}/{pydantic.VERSION}".encode())
    sources = sorted(Path(model.__file__).parent.glob("*.py"))
    store_dir = Path(store.__file__).parent
    sources += [store_dir / n for n in ("yamlread.py", "validation.py", "loader.py", "cache.py")]
    sources.append(Path(anquan_cli.__file__).parent / "errors.py")
    for source in sources:
        with contextlib.suppress(OSError):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def read_shard(root: Path, folder: str, model: type[Record]) -> Shard:
    """The shard of one folder; an absent, unreadable or foreign shard reads as empty."""
    try:
        raw = shard_file(root, folder).read_bytes()
    except OSError:
        return Shard()
    try:
        return _decode(raw, folder, model)
    except (ValueError, TypeError, KeyError, IndexError):  # pydantic's ValidationError too
        return Shard()


def _lines(raw: bytes, folder: str) -> tuple[str, bytes, bytes, bytes]:
    """A shard's signature and its three lines (stamps, records, problems), whole and of
    this folder, else ValueError."""
    head, meta_line, records_line, problems_line = raw.split(b"\n", 4)[:4]
    magic, version, folder_seen, checksum = head.split(b" ")
    if magic != _MAGIC:
        raise ValueError("not a shard")
    if folder_seen.decode() != quote(folder, safe=""):
        raise ValueError("shard of another folder")
    body = meta_line + b"\n" + records_line + b"\n" + problems_line
    if int(checksum) != zlib.crc32(body):
        raise ValueError("checksum")
    return version.decode(), meta_line, records_line, problems_line


def peek_records(root: Path, folder: str) -> dict[str, tuple[Stamp, dict[str, Any]]]:
    """A folder's cached records as plain JSON objects (file name → stamp, object), read
    without Pydantic and whatever code wrote them: for hints such as the shell's completion,
    never for a figure. An absent or corrupt shard reads as empty."""
    try:
        _, meta_line, records_line, _ = _lines(shard_file(root, folder).read_bytes(), folder)
        meta, records = json.loads(meta_line), json.loads(records_line)
        if not isinstance(meta, list) or not isinstance(records, list):
            return {}
        return {
            str(name): (_stamp(stamp), record)
            for (name, *stamp), record in zip(meta, records, strict=True)
            if isinstance(record, dict)
        }
    except (OSError, ValueError, TypeError):
        return {}


def _decode(raw: bytes, folder: str, model: type[Record]) -> Shard:
    version, meta_line, records_line, problems_line = _lines(raw, folder)
    if version != signature():
        raise ValueError("foreign cache")
    meta: list[list[Any]] = json.loads(meta_line)
    records = adapter(model).validate_json(records_line)
    if len(meta) != len(records):
        raise ValueError("records and their stamps do not line up")
    shard = Shard()
    for (name, *stamp), record in zip(meta, records, strict=True):
        shard.records[str(name)] = (_stamp(stamp), record)
    for name, *stamp, found in json.loads(problems_line):
        problems = [
            Problem(f"{folder}/{name}", int(ln), str(msg), Severity(sev)) for ln, msg, sev in found
        ]
        shard.problems[str(name)] = (_stamp(stamp), problems)
    return shard


def _stamp(values: Sequence[Any]) -> Stamp:
    size, mtime, ctime, inode = (int(v) for v in values)
    return size, mtime, ctime, inode


def write_shard(root: Path, folder: str, model: type[Record], shard: Shard) -> None:
    """Replace one folder's shard atomically; a cache that cannot be written is skipped."""
    names = sorted(shard.records)
    meta = [[name, *shard.records[name][0]] for name in names]
    records = [shard.records[name][1] for name in names]
    found = [
        [name, *stamp, [[p.line, p.message, p.severity.value] for p in problems]]
        for name, (stamp, problems) in sorted(shard.problems.items())
    ]
    body = b"\n".join(
        (
            json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode(),
            adapter(model).dump_json(records),
            json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode(),
        )
    )
    head = b" ".join(
        (
            _MAGIC,
            signature().encode(),
            quote(folder, safe="").encode(),
            str(zlib.crc32(body)).encode(),
        )
    )
    write_file(root, shard_file(root, folder), head + b"\n" + body + b"\n")


def write_file(root: Path, target: Path, body: bytes) -> None:
    """Replace a file of the ledger's cache atomically; one that cannot be written is skipped."""
    with contextlib.suppress(OSError):
        make_dir(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(body)
            os.replace(name, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise


def forget_other_shards(root: Path, kinds: Sequence[str], folders: set[str]) -> None:
    """Remove shards of folders (of these kinds) that no longer hold any record file."""
    directory = cache_dir(root)
    if not directory.is_dir():
        return
    prefixes = tuple(quote(k, safe="") for k in kinds)
    keep = {shard_file(root, f).name for f in folders}
    for path in directory.glob("*.json"):
        if path.name not in keep and path.name.startswith(prefixes):
            with contextlib.suppress(OSError):
                path.unlink()


def now_ns() -> int:
    return time.time_ns()
