"""What `check` finds, remembered per state of the ledger (see store/memo.py).

The rules read only the ledger's record files and settings, all of which the scan digest
covers; so a ledger that has not changed since it was last checked gets the same problems
back without being read, and a district re-checks only the towns that changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from anquan_cli.errors import Problem, Severity
from anquan_cli.store import memo
from anquan_cli.store.scan import Scan

_NAME = "check"


def _question(today: date | None) -> dict[str, Any]:
    """The rules asked, and the day they were asked on: a record dated after today stops
    being a problem once that day comes."""
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
