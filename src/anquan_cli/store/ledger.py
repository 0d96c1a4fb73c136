"""The Ledger: settings plus every record, loaded once, with the problems found on the way."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from anquan_cli.errors import AnquanError, Problem, UsageError
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.ids import normalize_id
from anquan_cli.model.records import (
    MODELS,
    Accident,
    Activity,
    Enterprise,
    Hazard,
    Inspection,
    Patrol,
    Penalty,
    Plan,
    Record,
    SelfCheck,
    Submission,
)
from anquan_cli.model.settings import Settings
from anquan_cli.store.district import STRAY, held_twice, label, scan_district, scan_ledger, within
from anquan_cli.store.loader import Entry, load_entries
from anquan_cli.store.paths import find_root, held_in_files
from anquan_cli.store.scan import Found, ProgressFn, Scan
from anquan_cli.store.settings_file import read_settings

R = TypeVar("R", bound=Record)


@dataclass
class Ledger:
    """A loaded ledger. Records are immutable; reload after writing."""

    root: Path
    settings: Settings
    entries: list[Entry]
    problems: list[Problem] = field(default_factory=list)
    parts: tuple[Ledger, ...] = ()
    """A district's towns, each a whole ledger; the district's entries are their union."""
    scanned: Scan | None = None
    """The scan the records were loaded from: its digest names this state of the ledger."""

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        cwd: Path | None = None,
        *,
        use_cache: bool = True,
        progress: ProgressFn | None = None,
        scanned: Scan | None = None,
    ) -> Ledger:
        """Find the ledger (see paths.find_root) and load every record in it.

        Records come through the cache (see store/cache.py) unless use_cache is False. A
        district ledger (`towns:` in anquan.yaml) opens as the union of its towns.
        """
        root = find_root(path, cwd or Path.cwd())
        settings = read_settings(root)
        if settings.is_district:
            return open_district(
                root, settings, use_cache=use_cache, progress=progress, scanned=scanned
            )
        scanned = scanned or scan_ledger(root, settings)
        entries, problems = load_entries(
            root, use_cache=use_cache, progress=progress, scanned=scanned
        )
        return cls(root, settings, entries, problems, scanned=scanned)

    @cached_property
    def town_of(self) -> dict[str, str]:
        """Each record's town (by name) in a district; empty for a town's own ledger."""
        return {e.record.id: part.settings.name for part in self.parts for e in part.entries}

    def locate(self, record_id: str) -> tuple[Path, str]:
        """The ledger folder that holds the record and its path there (for git)."""
        for part in self.parts:
            if record_id in part.path_of:
                return part.locate(record_id)
        return self.root, self.path_of[record_id]

    @cached_property
    def _by_kind(self) -> dict[RecordKind, list[Record]]:
        grouped: dict[RecordKind, list[Record]] = defaultdict(list)
        for entry in self.entries:
            grouped[entry.record.KIND].append(entry.record)
        for records in grouped.values():
            records.sort(key=lambda r: r.id)
        return grouped

    @cached_property
    def by_id(self) -> dict[str, Record]:
        return {entry.record.id: entry.record for entry in self.entries}

    @cached_property
    def path_of(self) -> dict[str, str]:
        return {entry.record.id: entry.path for entry in self.entries}

    @staticmethod
    def model_of(kind: RecordKind) -> type[Record]:
        return MODELS[kind]

    def of_kind(self, kind: RecordKind, model: type[R]) -> list[R]:
        return [r for r in self._by_kind.get(kind, []) if isinstance(r, model)]

    @property
    def enterprises(self) -> list[Enterprise]:
        return self.of_kind(RecordKind.ENTERPRISE, Enterprise)

    @property
    def inspections(self) -> list[Inspection]:
        return self.of_kind(RecordKind.INSPECTION, Inspection)

    @property
    def hazards(self) -> list[Hazard]:
        return self.of_kind(RecordKind.HAZARD, Hazard)

    @property
    def penalties(self) -> list[Penalty]:
        return self.of_kind(RecordKind.PENALTY, Penalty)

    @property
    def accidents(self) -> list[Accident]:
        return self.of_kind(RecordKind.ACCIDENT, Accident)

    @property
    def activities(self) -> list[Activity]:
        return self.of_kind(RecordKind.ACTIVITY, Activity)

    @property
    def plans(self) -> list[Plan]:
        return self.of_kind(RecordKind.PLAN, Plan)

    @property
    def patrols(self) -> list[Patrol]:
        return self.of_kind(RecordKind.PATROL, Patrol)

    @property
    def self_checks(self) -> list[SelfCheck]:
        return self.of_kind(RecordKind.SELF_CHECK, SelfCheck)

    @property
    def submissions(self) -> list[Submission]:
        return self.of_kind(RecordKind.SUBMISSION, Submission)

    @cached_property
    def enterprise_by_id(self) -> dict[str, Enterprise]:
        return {e.id: e for e in self.enterprises}

    def get(self, record_id: str) -> Record:
        """The record with that ID (any case); an unknown ID is a usage error, and an ID two
        files hold (a copied file) is refused naming both, rather than one picked."""
        wanted = normalize_id(record_id)
        found = self.by_id.get(wanted)
        if found is None:
            raise UsageError(f"找不到编号为 {record_id} 的记录")
        files = [e.path for e in self.entries if e.record.id == wanted]
        if len(files) > 1:
            raise AnquanError(held_in_files(wanted, files))
        return found

    def get_as(self, record_id: str, model: type[R]) -> R:
        found = self.get(record_id)
        if not isinstance(found, model):
            raise UsageError(f"{record_id} 不是{model.KIND.label}记录")
        return found


def open_district(
    root: Path,
    settings: Settings,
    *,
    use_cache: bool = True,
    progress: ProgressFn | None = None,
    scanned: Scan | None = None,
) -> Ledger:
    """Open every town and join them; raises AnquanError naming the first town that cannot be."""
    scanned = scanned or scan_district(root, settings)
    total = sum(town.files for town in scanned.towns)
    parts: list[Ledger] = []
    done = 0
    for town in scanned.towns:
        heard = None if progress is None else within(progress, done, total)
        parts.append(Ledger.open(town.root, use_cache=use_cache, progress=heard, scanned=town))
        done += town.files
        if progress is not None:
            progress(done, total)
    entries, problems = _join(root, parts, scanned.found)
    return Ledger(root, settings, entries, problems, parts=tuple(parts), scanned=scanned)


def _join(root: Path, parts: list[Ledger], stray: list[Found]) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for part in parts:
        prefix = label(root, part.root)
        for entry in part.entries:
            if entry.record.id in owner:
                raise AnquanError(held_twice(entry.record.id, owner[entry.record.id], prefix))
            owner[entry.record.id] = prefix
            entries.append(Entry(entry.record, f"{prefix}/{entry.path}"))
        problems.extend(
            Problem(f"{prefix}/{p.path}", p.line, p.message, p.severity) for p in part.problems
        )
    problems.extend(Problem(found.shown, 0, STRAY) for found in stray)
    return entries, problems
