"""anquan as a Python library; the `anquan` command line is one of its clients.

    from anquan_cli import api
    ledger = api.open_ledger("examples/dongxi")
    fig = api.figures(ledger, year=2024, quarter=4)   # the same data as `report --format json`
    problems = api.check(ledger)                      # [Problem(path, line, message, severity), …]

A period's figures come one way only, `api.count` (remembered per state of the ledger, a
district summed from its towns): `report`, `stats`, `export`, `close`, the report templates and
the workbook's 汇总 sheet all read them here. A ledger that fails `check` gives no figure
(FailsCheck) unless `allow_errors=True`, and then the errors travel with the figures.
Nothing here prints: progress is a `progress(done, total)` callback, problems are values.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from anquan_cli.api.documents import render_report, write_workbook
from anquan_cli.api.figuring import FailsCheck, Figures
from anquan_cli.api.handle import OpenLedger, open_ledger
from anquan_cli.errors import AnquanError, Problem, Severity, UsageError

if TYPE_CHECKING:
    from anquan_cli.api.checking import Outcome
    from anquan_cli.api.writing import (
        add,
        add_accident,
        add_activity,
        add_enterprise,
        add_hazard,
        add_inspection,
        add_penalty,
        change,
        file_archive,
        rectify,
        verify,
        writer,
    )
    from anquan_cli.model.records import Record
    from anquan_cli.stats.periods import Period
    from anquan_cli.store.scan import ProgressFn

__all__ = [
    "AnquanError",
    "FailsCheck",
    "Figures",
    "OpenLedger",
    "Problem",
    "Severity",
    "UsageError",
    "add",
    "add_accident",
    "add_activity",
    "add_enterprise",
    "add_hazard",
    "add_inspection",
    "add_penalty",
    "change",
    "check",
    "checked",
    "count",
    "figures",
    "file_archive",
    "open_ledger",
    "period",
    "records",
    "rectify",
    "render_report",
    "verify",
    "write_workbook",
    "writer",
]


_WRITES = (
    "add",
    "add_accident",
    "add_activity",
    "add_enterprise",
    "add_hazard",
    "add_inspection",
    "add_penalty",
    "change",
    "file_archive",
    "rectify",
    "verify",
    "writer",
)


def __getattr__(name: str) -> Any:
    """The writing functions (api/writing.py), imported when first used: they bring the
    record models and git, which a remembered report never needs."""
    if name in _WRITES:
        from anquan_cli.api import writing

        return getattr(writing, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def checked(ledger: OpenLedger, progress: ProgressFn | None = None) -> Outcome:
    """What `check` finds in the ledger (remembered per state of it) and how many files."""
    return ledger.outcome(progress)


def check(
    ledger: OpenLedger, *, strict: bool = False, progress: ProgressFn | None = None
) -> list[Problem]:
    """Every problem of the ledger, sorted by file and line; warnings become errors if strict."""
    found = checked(ledger, progress)
    return found.strict() if strict else found.problems


def period(
    *,
    year: int | None = None,
    quarter: int | str | None = None,
    month: int | str | None = None,
    half: int | str | None = None,
    from_: date | None = None,
    to: date | None = None,
    as_of: date | None = None,
    today: date | None = None,
    default_quarter: bool = False,
) -> Period:
    """The period these name, as the command line's flags name it (`--year` alone: the whole
    year; no year: today's)."""
    from anquan_cli.stats.periods import PeriodChoice, resolve

    def text(value: int | str | None) -> str | None:
        return None if value is None else str(value)

    choice = PeriodChoice(
        year=year,
        quarter=text(quarter),
        month=text(month),
        half=text(half),
        start=from_,
        end=to,
        as_of=as_of,
    )
    return resolve(choice, today or date.today(), default_quarter=default_quarter)


def count(
    ledger: OpenLedger,
    chosen: Period,
    *,
    today: date | None = None,
    allow_errors: bool = False,
    progress: ProgressFn | None = None,
    campaign: str | None = None,
) -> Figures:
    """A period's figures (the one path every figure takes), with the JSON text `report
    --format json` prints and the errors of a ledger allowed to fail `check`. With a
    campaign, every figure counts that 专项行动's records alone (and the units)."""
    from anquan_cli.api.figuring import count as counted

    return counted(
        ledger,
        chosen,
        today=today or date.today(),
        allow_errors=allow_errors,
        progress=progress,
        campaign=campaign,
    )


def figures(
    ledger: OpenLedger,
    *,
    year: int | None = None,
    quarter: int | str | None = None,
    month: int | str | None = None,
    half: int | str | None = None,
    from_: date | None = None,
    to: date | None = None,
    as_of: date | None = None,
    allow_errors: bool = False,
) -> dict[str, Any]:
    """A period's figures as `report --format json` gives them (see cli.md); FailsCheck if
    the ledger fails `check` and errors are not allowed."""
    chosen = period(
        year=year, quarter=quarter, month=month, half=half, from_=from_, to=to, as_of=as_of
    )
    return count(ledger, chosen, allow_errors=allow_errors).data


def records(ledger: OpenLedger, progress: ProgressFn | None = None) -> list[Record]:
    """Every record the ledger holds (a district: every town's)."""
    return [entry.record for entry in ledger.load(progress).entries]
