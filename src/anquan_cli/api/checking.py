"""Running `check`: the rules of checks/ over a town's loaded records, a district town by town,
and the outcome remembered per state of the ledger (store/memo.py).

The rules read only the ledger's record files and settings, all of which the scan digest
covers; so a ledger that has not changed since it was last checked gets the same problems
back without being read, and a district re-checks only the towns that changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from anquan_cli.checks.rules import run_rules
from anquan_cli.errors import Problem, Severity
from anquan_cli.store import memo
from anquan_cli.store.district import STRAY, held_twice, label, within
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.scan import ProgressFn, Scan

_NAME = "check"


def _question(today: date | None) -> dict[str, Any]:
    """The rules asked, and the day they were asked on (None: dates not held to a day): a
    record dated after today stops being a problem once that day comes."""
    return {"rules": "all", "today": today.isoformat() if today else None}


@dataclass(frozen=True)
class Outcome:
    """Every problem of a ledger (warnings as warnings) and how many files were checked."""

    problems: list[Problem]
    files: int

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    def strict(self) -> list[Problem]:
        """The problems with every warning made an error (`check --strict`)."""
        return sorted({Problem(p.path, p.line, p.message, Severity.ERROR) for p in self.problems})


def recall(scanned: Scan, today: date | None = None) -> Outcome | None:
    """The outcome remembered for exactly this state of the ledger and day, if any."""
    found = memo.recall(scanned, _NAME, _question(today))
    if not isinstance(found, dict):
        return None
    try:
        problems = [
            Problem(str(path), int(line), str(message), Severity(severity))
            for path, line, message, severity in found["problems"]
        ]
        return Outcome(problems, int(found["files"]))
    except (KeyError, TypeError, ValueError):
        return None


def remember(
    scanned: Scan, problems: Sequence[Problem], files: int, today: date | None = None
) -> Outcome:
    outcome = Outcome(list(problems), files)
    rows = [[p.path, p.line, p.message, p.severity.value] for p in problems]
    memo.remember(scanned, _NAME, _question(today), {"problems": rows, "files": files})
    return outcome


def check_scanned(
    scanned: Scan,
    *,
    use_cache: bool = True,
    progress: ProgressFn | None = None,
    today: date | None = None,
    towns: Mapping[Path, Outcome] | None = None,
) -> Outcome:
    """The outcome of a scanned ledger, town or district: remembered, else worked out (a
    town loaded only when it has changed since it was last checked). With today, a record
    dated after it is a problem (model/rules.py), as add-* and the import refuse one.
    `towns`: outcomes of towns worked out already (by the roll-up, while each was loaded,
    without a today), by folder."""
    if scanned.towns:
        return check_district(
            scanned, use_cache=use_cache, progress=progress, today=today, towns_known=towns
        )
    known = recall(scanned, today)
    if known is not None:
        return known
    return check_ledger(
        Ledger.open(scanned.root, use_cache=use_cache, progress=progress, scanned=scanned),
        today,
    )


def check_district(
    scanned: Scan,
    *,
    use_cache: bool = True,
    progress: ProgressFn | None = None,
    loaded: Mapping[Path, Ledger] | None = None,
    today: date | None = None,
    towns_known: Mapping[Path, Outcome] | None = None,
) -> Outcome:
    """A district's problems without loading it whole: each town's (remembered per state of
    that town, else the town alone is loaded and checked), paths shown from the district; and
    the district's own: record files kept in its folder, a record file two towns hold.
    `loaded` holds towns the caller has open already, `towns_known` towns' outcomes it has worked
    out already (with --no-cache nothing is remembered; used only without a today, as they
    were worked out), by folder."""
    known = recall(scanned, today)
    if known is not None:
        return known
    found = [Problem(item.shown, 0, STRAY) for item in scanned.found]
    files = scanned.files
    owner: dict[str, str] = {}
    total = sum(town.files for town in scanned.towns)
    done = 0
    for town in scanned.towns:
        part = loaded.get(town.root) if loaded is not None else None
        known_town = towns_known if today is None else None
        checked = known_town.get(town.root) if known_town is not None else None
        if checked is None:
            checked = recall(town, today) if part is None else check_ledger(part, today)
        if checked is None:
            heard = None if progress is None else within(progress, done, total)
            checked = check_ledger(
                Ledger.open(town.root, use_cache=use_cache, progress=heard, scanned=town), today
            )
        prefix = label(scanned.root, town.root)
        found += [
            Problem(f"{prefix}/{p.path}", p.line, p.message, p.severity) for p in checked.problems
        ]
        files += checked.files
        for item in town.found:
            first = owner.setdefault(item.name, prefix)
            if first != prefix:
                record_id = item.name.removesuffix(".yaml")
                found.append(
                    Problem(f"{prefix}/{item.shown}", 0, held_twice(record_id, first, prefix))
                )
        done += town.files
        if progress is not None:
            progress(done, total)
    return remember(scanned, sorted(set(found)), files, today)


def check_ledger(ledger: Ledger, today: date | None = None) -> Outcome:
    """Every problem of a loaded ledger, from the memo when the ledger has not changed since.
    A district loaded whole is checked as check_district checks one, with its towns as loaded."""
    if ledger.parts and ledger.scanned is not None:
        towns = {part.root: part for part in ledger.parts}
        return check_district(ledger.scanned, loaded=towns, today=today)
    known = recall(ledger.scanned, today) if ledger.scanned is not None else None
    if known is not None:
        return known
    problems = run_rules(ledger, today)
    if ledger.scanned is None:
        loaded = {entry.path for entry in ledger.entries}
        unread = {p.path for p in ledger.problems} - loaded
        return Outcome(problems, len(loaded) + len(unread))
    # the files walked, each once: a file with three problems is one file checked
    return remember(ledger.scanned, problems, ledger.scanned.files, today)
