"""Reading a whole ledger: every record file parsed and validated, problems collected."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from anquan_cli.errors import Problem, Severity, os_reason
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.ids import wrong_kind
from anquan_cli.model.records import MODELS, Record
from anquan_cli.store import cache
from anquan_cli.store.bulk import bulk
from anquan_cli.store.cache import Shard
from anquan_cli.store.paths import record_name
from anquan_cli.store.scan import Found, ProgressFn, Scan, scan
from anquan_cli.store.validation import messages
from anquan_cli.store.yamlread import YamlProblem, decode, line_of, parse_bytes_noting


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
        data, notes = parse_bytes_noting(raw)
    except YamlProblem as problem:
        return None, [Problem(shown, problem.line, problem.message)]
    record, problems = validate_record(kind, data, raw, shown)
    return record, [*problems, *(_ambiguous(shown, line, text) for line, text in notes)]


def _ambiguous(shown: str, line: int, text: str) -> Problem:
    """A plain value that YAML 1.1 and 1.2 tools read differently: read as typed, but say so."""
    return Problem(
        shown,
        line,
        f"值 {text} 没有加引号，不同软件会读成不同的值（如 true/false、八进制数或时间）；"
        f'已按文字“{text}”读取，请写成 "{text}"',
        Severity.WARNING,
    )


def validate_record(
    kind: RecordKind, data: dict[str, Any], raw: bytes, shown: str
) -> tuple[Record | None, list[Problem]]:
    model = MODELS[kind]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        text = decode(raw)
        misplaced = _misplaced(kind, data, text, shown)
        if misplaced is not None:
            return None, [misplaced]
        return None, [
            Problem(shown, line_of(text, loc), message) for loc, message in messages(error, model)
        ]


def _misplaced(kind: RecordKind, data: dict[str, Any], text: str, shown: str) -> Problem | None:
    """A record of another kind in this kind's folder (its ID's letter says which): one hint
    naming the right folder, instead of every field the wrong model misses."""
    written = data.get("id")
    record_id = (
        written if isinstance(written, str) else shown.rsplit("/", 1)[-1].removesuffix(".yaml")
    )
    mistaken = wrong_kind(record_id, kind)
    if mistaken is None:
        return None
    line = line_of(text, ["id"]) if isinstance(written, str) else 1
    return Problem(shown, line, f"{mistaken}：文件放错了文件夹，应放在 {record_name(record_id)}")


def load_entries(
    root: Path,
    kinds: tuple[RecordKind, ...] = tuple(RecordKind),
    *,
    use_cache: bool | None = None,
    progress: ProgressFn | None = None,
    scanned: Scan | None = None,
) -> tuple[list[Entry], list[Problem]]:
    """Read every record file of these kinds under the ledger, through the cache.

    Only files whose stamp changed since the cache was written are parsed (on every core when
    there are many); `use_cache=False` reads every file afresh and leaves the cache alone.
    `progress(done, total)` hears how parsing goes; `scanned` is the ledger's scan if the
    caller already has it.
    """
    use = cache.enabled if use_cache is None else use_cache and cache.enabled
    with bulk():
        if scanned is None or scanned.kinds != kinds:
            scanned = scan(root, kinds)
        found, walk_problems = scanned.found, scanned.problems
        read_ns = cache.now_ns()
        outcome: dict[str, tuple[Record | None, list[Problem]]] = {}
        shards: dict[str, Shard] = {}
        dirty: set[str] = set()
        misses: list[Found] = []
        for folder, files in _by_folder(found).items():
            old = cache.read_shard(root, folder, MODELS[files[0].kind]) if use else Shard()
            shards[folder] = new = Shard()
            for item in files:
                if not _from_cache(item, old, new, outcome):
                    misses.append(item)
                    dirty.add(folder)
            if len(old.records) + len(old.problems) != len(new.records) + len(new.problems):
                dirty.add(folder)
        for item, record, cacheable, noted in _parse_all(misses, progress):
            outcome[item.shown] = (record, noted)
            if cacheable and cache.settled(item.stamp, read_ns):
                shard = shards[item.folder]
                if record is not None:
                    shard.records[item.name] = (item.stamp, record)
                if noted or record is None:
                    shard.problems[item.name] = (item.stamp, noted)
        if use:
            for folder in sorted(dirty):
                cache.write_shard(root, folder, MODELS[shards_kind(folder)], shards[folder])
            cache.forget_other_shards(root, [k.value for k in kinds], set(shards))
    entries: list[Entry] = []
    problems: list[Problem] = list(walk_problems)
    for item in found:
        record, found_problems = outcome[item.shown]
        problems.extend(found_problems)
        if record is not None:
            entries.append(Entry(record, item.shown))
    order = {kind.value: index for index, kind in enumerate(kinds)}
    problems.sort(key=lambda p: (order.get(p.path.split("/", 1)[0], 0), p.path.split("/")))
    return entries, problems


PARALLEL_FROM = 1500
_CHUNK = 250


def shards_kind(folder: str) -> RecordKind:
    return RecordKind(folder.split("/", 1)[0])


def _by_folder(found: list[Found]) -> dict[str, list[Found]]:
    grouped: dict[str, list[Found]] = {}
    for item in found:
        grouped.setdefault(item.folder, []).append(item)
    return grouped


def _from_cache(
    item: Found,
    old: Shard,
    new: Shard,
    outcome: dict[str, tuple[Record | None, list[Problem]]],
) -> bool:
    """Take the file's record and problems from the cache when every stamp still matches."""
    record = old.records.get(item.name)
    known = old.problems.get(item.name)
    if record is None and known is None:
        return False
    if any(hit is not None and hit[0] != item.stamp for hit in (record, known)):
        return False
    if record is not None:
        new.records[item.name] = record
    if known is not None:
        new.problems[item.name] = known
    outcome[item.shown] = (record[1] if record else None, known[1] if known else [])
    return True


Parsed = tuple[Record | None, bool, list[Problem]]


def _parse_file(kind: RecordKind, path: str, shown: str) -> Parsed:
    """Read and parse one file; say whether its record survives the cache's JSON round trip."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        return None, False, [Problem(shown, 0, f"无法读取：{os_reason(error)}")]
    record, problems = parse_record(kind, raw, shown)
    if record is None:
        return None, True, problems
    return record, cache.keeps(record), problems


def _parse_chunk(chunk: list[tuple[RecordKind, str, str]]) -> list[Parsed]:
    return [_parse_file(kind, path, shown) for kind, path, shown in chunk]


def _parse_all(
    misses: list[Found], progress: ProgressFn | None
) -> Iterator[tuple[Found, Record | None, bool, list[Problem]]]:
    """Parse the files the cache could not give, on every core when there are many."""
    total = len(misses)
    jobs = [(m.kind, m.path, m.shown) for m in misses]
    chunks = [jobs[i : i + _CHUNK] for i in range(0, total, _CHUNK)]
    done = 0
    workers = bulk_workers() if total >= PARALLEL_FROM else 1
    if workers > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers, initializer=gc.disable) as pool:
            for index, results in enumerate(pool.imap(_parse_chunk, chunks)):
                for item, (record, cacheable, found) in zip(
                    misses[index * _CHUNK : (index + 1) * _CHUNK], results, strict=True
                ):
                    yield item, record, cacheable, found
                done += len(results)
                if progress is not None:
                    progress(done, total)
        return
    for index, chunk in enumerate(chunks):
        for item, (record, cacheable, found) in zip(
            misses[index * _CHUNK : (index + 1) * _CHUNK], _parse_chunk(chunk), strict=True
        ):
            yield item, record, cacheable, found
        done += len(chunk)
        if progress is not None:
            progress(done, total)


def bulk_workers() -> int:
    """Processes for bulk work (a cold load, an import's files): every core this process may
    use, where fork exists."""
    import multiprocessing

    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))
