"""Answers computed from a whole ledger (a report's figures, check's problems), kept until the
ledger changes.

A memo is keyed by the ledger's scan digest (every record file's stamp, the settings' bytes,
a district's towns), the question asked (a report's period and day) and a hash of anquan's
own source: a changed file, setting or program can never be answered from an old memo. As
with the read cache, nothing is remembered from a scan that saw a file changed within
cache.RACY_NS of the walk, and `--no-cache` neither reads nor writes memos.

Memos live in `.anquan/cache/memo/` as JSON with a checksummed header; one that is corrupt or
foreign reads as absent. Only the most recently written are kept: MEMO_LIMIT of them, and
MEMO_BYTES together.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import zlib
from collections.abc import Mapping
from functools import cache as once
from pathlib import Path
from typing import Any

from anquan_cli.store import cache
from anquan_cli.store.scan import Scan

MEMO_DIR = "memo"
MEMO_LIMIT = 64
MEMO_BYTES = 200 * 1024 * 1024
_MAGIC = b"anquan-memo"


def recall(scanned: Scan, name: str, question: Mapping[str, Any]) -> Any | None:
    """The value remembered for this question about this state of the ledger, or None."""
    if not cache.enabled:
        return None
    try:
        raw = _file(scanned.root, name, question).read_bytes()
        head, body = raw.split(b"\n", 1)
        magic, key, checksum = head.split(b" ")
        if magic != _MAGIC or key.decode() != _key(scanned, name, question):
            return None
        if int(checksum) != zlib.crc32(body):
            return None
        return json.loads(body)
    except (OSError, ValueError):
        return None


def remember(scanned: Scan, name: str, question: Mapping[str, Any], value: Any) -> None:
    """Keep the value for this question about this state; skipped if a file was too fresh."""
    if not cache.enabled or not scanned.settled:
        return
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    head = b" ".join(
        (_MAGIC, _key(scanned, name, question).encode(), str(zlib.crc32(body)).encode())
    )
    target = _file(scanned.root, name, question)
    cache.write_file(scanned.root, target, head + b"\n" + body)
    with contextlib.suppress(OSError):
        _prune(target)


def _file(root: Path, name: str, question: Mapping[str, Any]) -> Path:
    asked = hashlib.blake2b(_canonical(question), digest_size=8).hexdigest()
    return cache.cache_dir(root) / MEMO_DIR / f"{name}-{asked}.json"


def _key(scanned: Scan, name: str, question: Mapping[str, Any]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in (scanned.digest.encode(), name.encode(), _canonical(question), source_hash()):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


def _canonical(question: Mapping[str, Any]) -> bytes:
    return json.dumps(question, ensure_ascii=False, sort_keys=True, default=str).encode()


@once
def source_hash() -> bytes:
    """A hash of every module of anquan (and the Pydantic it runs on)."""
    import pydantic

    import anquan_cli

    digest = hashlib.blake2b(digest_size=16)
    digest.update(pydantic.VERSION.encode())
    package = Path(anquan_cli.__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return digest.digest()


def _prune(newest: Path) -> None:
    """Keep the memo just written and the newest others: at most MEMO_LIMIT of them and
    MEMO_BYTES together (a district's figures run to tens of megabytes)."""
    others = [(path, path.stat()) for path in newest.parent.glob("*.json") if path != newest]
    others.sort(key=lambda item: item[1].st_mtime_ns, reverse=True)
    size = newest.stat().st_size
    for kept, (path, stat) in enumerate(others, start=2):
        size += stat.st_size
        if kept > MEMO_LIMIT or size > MEMO_BYTES:
            with contextlib.suppress(OSError):
                path.unlink()
