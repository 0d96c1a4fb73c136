"""Importing other people's spreadsheets through the api: read the file, plan what it gives
against the ledger, and write the new records in one commit, or nothing.

`anquan import` only parses its flags into these calls and prints what they return; a script
does the same:

    tables = api.read_workbook(Path("旧台账.xlsx"))
    done = api.import_workbook(api.writer(ledger), tables, "旧台账.xlsx", dry_run=True)
    account = done.plan.as_json("旧台账.xlsx", written=False)  # what --format json prints
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.errors import UsageError
from anquan_cli.imports.reader import STDIN as STDIN  # the name stdin goes by

if TYPE_CHECKING:
    from collections.abc import Sequence

    from anquan_cli.imports.headings import SheetKind
    from anquan_cli.imports.plan import Plan
    from anquan_cli.imports.reader import Table
    from anquan_cli.imports.rules import ImportOptions
    from anquan_cli.model.enums import HazardSource
    from anquan_cli.store.ledger import Ledger
    from anquan_cli.store.office import Office
    from anquan_cli.store.writer import Writer

DISTRICT_IMPORT = "区级台账汇总各镇街台账，不能直接导入；请在相应镇街的台账中导入"


def read_workbook(path: Path) -> list[Table]:
    """The sheets of a .xlsx, .xls, .ods or .csv file, as tables of cells."""
    from anquan_cli.imports.reader import read_tables

    return read_tables(path)


def start_reading(path: Path) -> Callable[[], list[Table]]:
    """Begin reading a workbook on a thread of its own, and give the call that waits for its
    sheets (raising what reading raised). Calamine parses without holding Python's lock, so
    the caller opens the ledger and loads the import's code meanwhile."""
    from concurrent.futures import Future

    from anquan_cli.imports.reader import read_tables

    future: Future[list[Table]] = Future()

    def read() -> None:
        try:
            future.set_result(read_tables(path))
        except BaseException as error:
            future.set_exception(error)

    # a daemon: a command stopped by its ledger's problem does not wait for the reading
    threading.Thread(target=read, name="anquan-read-workbook", daemon=True).start()
    importlib.import_module("anquan_cli.imports.plan")  # loaded while the workbook is read
    return future.result


def read_csv(data: bytes) -> list[Table]:
    """A CSV file's bytes (UTF-8 or GBK), as one table."""
    from anquan_cli.imports.reader import read_csv_bytes

    return read_csv_bytes(data)


@dataclass(frozen=True)
class ImportChoices:
    """How to read a workbook: the options and the kind every sheet is read as (None: told
    by each sheet's headings)."""

    options: ImportOptions
    kind: SheetKind | None = None


def import_choices(
    writer: Writer,
    *,
    rules: Path | None = None,
    unit: str | None = None,
    source: HazardSource | None = None,
    fill_down: bool = False,
    maps: Sequence[str] = (),
    kind: str | None = None,
) -> ImportChoices:
    """The reading a rules file and the flags ask for (the flags win), with the ledger's
    level_words."""
    from anquan_cli.imports.headings import SheetKind
    from anquan_cli.imports.rules import combine, parse_maps, read_rules

    given = read_rules(rules) if rules is not None else None
    options = combine(
        given, unit, source, fill_down, parse_maps(list(maps)), dict(writer.settings.level_words)
    )
    chosen = kind or (given.kind if given else None)
    return ImportChoices(options, SheetKind(chosen) if chosen else None)


def plan_import(
    writer: Writer,
    tables: Sequence[Table],
    name: str,
    choices: ImportChoices | None = None,
    *,
    today: date | None = None,
) -> Plan:
    """What importing the tables into the writer's ledger would create, skip and refuse;
    nothing is written."""
    from anquan_cli.store.ledger import Ledger

    return _plan(Ledger.open(writer.root), writer.office, tables, name, choices, today)


def _plan(
    book: Ledger,
    office: Office,
    tables: Sequence[Table],
    name: str,
    choices: ImportChoices | None,
    today: date | None,
) -> Plan:
    from anquan_cli.imports.plan import plan_import as planned
    from anquan_cli.imports.rules import ImportOptions

    chosen = choices or ImportChoices(ImportOptions())
    return planned(book, tables, office, today or date.today(), name, chosen.kind, chosen.options)


@dataclass
class Imported:
    """What an import did: its plan, the files written (empty when nothing was), and whether
    the ledger held files it could not read (the import could not compare against them)."""

    plan: Plan
    written: list[str] = field(default_factory=list)
    unreadable_files: bool = False
    skip_bad: bool = False

    @property
    def nothing_read(self) -> bool:
        """No sheet had headings the import knows."""
        return all(report.kind is None for report in self.plan.reports)

    @property
    def refused(self) -> bool:
        """Rows could not be read and --skip-bad was not given: nothing was written."""
        return bool(self.plan.problems) and not self.skip_bad


def import_workbook(
    writer: Writer,
    tables: Sequence[Table],
    name: str,
    choices: ImportChoices | None = None,
    *,
    dry_run: bool = False,
    skip_bad: bool = False,
    today: date | None = None,
) -> Imported:
    """Import the tables into the writer's ledger: all of it in one commit, or nothing when a
    row cannot be read (unless skip_bad: the others are written), when no sheet is known, or
    on a dry run. The plan is made and written under the ledger's write lock."""
    from anquan_cli.store.ledger import Ledger
    from anquan_cli.store.lock import write_lock

    if writer.settings.is_district:
        raise UsageError(DISTRICT_IMPORT)
    lock = contextlib.nullcontext() if dry_run else write_lock(writer.root)
    with lock:
        book = Ledger.open(writer.root)
        plan = _plan(book, writer.office, tables, name, choices, today)
        done = Imported(
            plan,
            unreadable_files=any(p.is_error for p in book.problems),
            skip_bad=skip_bad,
        )
        if dry_run or done.nothing_read or done.refused or not plan.records:
            return done
        done.written = writer.create_many(
            plan.records, f"导入 {name}：新建 {len(plan.records)} 条记录"
        )
    return done
