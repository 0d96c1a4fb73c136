"""Problems placed at the line of a key in a record's file, for rules over loaded records."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from anquan_cli.errors import Problem, Severity
from anquan_cli.store.yamlread import YamlProblem, decode, line_of


class Locator:
    """Finds the line of a key in a ledger's file, reading each file at most once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._text = cache(self._read)

    def _read(self, shown: str) -> str:
        try:
            return decode((self.root / shown).read_bytes())
        except (OSError, YamlProblem):
            return ""

    def problem(
        self,
        shown: str,
        loc: Sequence[str | int],
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        """The problem at the line of that key in the file shown (relative to the ledger)."""
        return Problem(shown, line_of(self._text(shown), loc), message, severity)
