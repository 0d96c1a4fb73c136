"""An open ledger for the api: found and its settings read; its files scanned when a question
about the whole ledger is asked (a write needs no scan), its records loaded only when something
needs them (a remembered answer needs none)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from anquan_cli.api.checking import Outcome
    from anquan_cli.model.settings import Settings
    from anquan_cli.store.ledger import Ledger
    from anquan_cli.store.scan import ProgressFn, Scan


@dataclass
class OpenLedger:
    """A town's or a district's ledger: where it is, its settings, the stamps of its files."""

    root: Path
    settings: Settings
    use_cache: bool = True
    progress: ProgressFn | None = field(default=None, repr=False)
    """Hears of a district's towns scanned."""
    today: date | None = None
    """The day `check` holds dates of things done to (None: only to 2000–2099)."""
    _scanned: Scan | None = field(default=None, repr=False)
    _book: Ledger | None = field(default=None, repr=False)
    _outcome: Outcome | None = field(default=None, repr=False)
    towns_checked: dict[Path, Outcome] = field(default_factory=dict, repr=False)
    """Towns' outcomes worked out while they were loaded for something else (the roll-up)."""

    @property
    def scanned(self) -> Scan:
        """The stamps of the ledger's record files (a district: every town's), made once."""
        if self._scanned is None:
            from anquan_cli.store.district import scan_ledger

            self._scanned = scan_ledger(self.root, self.settings, self.progress)
        return self._scanned

    @property
    def is_district(self) -> bool:
        return self.settings.is_district

    @property
    def is_loaded(self) -> bool:
        return self._book is not None

    def load(self, progress: ProgressFn | None = None) -> Ledger:
        """Every record (a district: every town's), loaded once."""
        if self._book is None:
            from anquan_cli.store.ledger import Ledger

            self._book = Ledger.open(
                self.root, use_cache=self.use_cache, progress=progress, scanned=self.scanned
            )
        return self._book

    def outcome(self, progress: ProgressFn | None = None) -> Outcome:
        """What `check` finds: remembered, else from the records if they are loaded, else a
        town (or a district's changed towns) is read for it."""
        if self._outcome is None:
            from anquan_cli.api.checking import check_ledger, check_scanned

            if self._book is not None:
                self._outcome = check_ledger(self._book, self.today)
            else:
                self._outcome = check_scanned(
                    self.scanned,
                    use_cache=self.use_cache,
                    progress=progress,
                    towns=self.towns_checked,
                    today=self.today,
                )
        return self._outcome


def open_ledger(
    path: Path | str | None = None,
    *,
    cwd: Path | None = None,
    use_cache: bool = True,
    progress: ProgressFn | None = None,
) -> OpenLedger:
    """The ledger at `path` (a town's or a district's folder), else the nearest one upwards
    from `cwd`; an import cut off half way there is undone first (store/journal.py).
    `progress(done, total)` hears of a district's towns scanned (when first asked)."""
    from anquan_cli.store.lock import recover_if_idle
    from anquan_cli.store.paths import find_root
    from anquan_cli.store.settings_file import read_settings

    root = find_root(Path(path) if path is not None else None, cwd or Path.cwd())
    recover_if_idle(root)
    settings = read_settings(root)
    return OpenLedger(root, settings, use_cache, progress)
