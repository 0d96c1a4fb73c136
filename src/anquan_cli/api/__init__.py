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
    from anquan_cli.api.adding import (
        add,
        add_accident,
        add_activity,
        add_dated,
        add_enterprise,
        add_hazard,
        add_inspection,
        add_patrol,
        add_penalty,
        add_plan,
        add_self_check,
        submit,
    )
    from anquan_cli.api.checking import Outcome
    from anquan_cli.api.evidence import attach, attached, attachment_problems, hazard_photos
    from anquan_cli.api.importing import (
        import_choices,
        import_workbook,
        plan_import,
        read_csv,
        read_workbook,
    )
    from anquan_cli.api.inspecting import checklist, checklists, inspect
    from anquan_cli.api.writing import change, rectify, verify, writer
    from anquan_cli.model.records import Record
    from anquan_cli.stats.due import DueList
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
    "add_dated",
    "add_enterprise",
    "add_hazard",
    "add_inspection",
    "add_patrol",
    "add_penalty",
    "add_plan",
    "add_self_check",
    "attach",
    "attached",
    "attachment_problems",
    "change",
    "check",
    "checked",
    "checklist",
    "checklists",
    "count",
    "due",
    "figures",
    "hazard_photos",
    "import_choices",
    "import_workbook",
    "inspect",
    "open_ledger",
    "period",
    "plan_import",
    "read_csv",
    "read_workbook",
    "records",
    "rectify",
    "render_report",
    "submit",
    "verify",
    "write_workbook",
    "writer",
]


_ADDS = (
    "add",
    "add_accident",
    "add_activity",
    "add_dated",
    "add_enterprise",
    "add_hazard",
    "add_inspection",
    "add_patrol",
    "add_penalty",
    "add_plan",
    "add_self_check",
    "submit",
)
_WRITES = ("change", "rectify", "verify", "writer")

_EVIDENCE = ("attach", "attached", "attachment_problems", "hazard_photos")
_INSPECTING = ("checklist", "checklists", "inspect")
_IMPORTS = ("import_choices", "import_workbook", "plan_import", "read_csv", "read_workbook")


def __getattr__(name: str) -> Any:
    """The writing functions (api/adding.py, api/writing.py, api/evidence.py,
    api/inspecting.py), imported when first used: they bring the record models and git, which a
    remembered report never needs."""
    if name in _ADDS:
        from anquan_cli.api import adding

        return getattr(adding, name)
    if name in _WRITES:
        from anquan_cli.api import writing

        return getattr(writing, name)
    if name in _IMPORTS:
        from anquan_cli.api import importing

        return getattr(importing, name)
    if name in _EVIDENCE:
        from anquan_cli.api import evidence

        return getattr(evidence, name)
    if name in _INSPECTING:
        from anquan_cli.api import inspecting

        return getattr(inspecting, name)
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


def due(
    ledger: OpenLedger,
    *,
    as_of: date | None = None,
    days: int = 7,
    office: str | None = None,
    village: str | None = None,
    allow_errors: bool = False,
    progress: ProgressFn | None = None,
) -> DueList:
    """What each office and village has due on `as_of` (default today), looking `days` days
    ahead (`anquan due`; stats/due.py says what each list holds). With `office` or `village`,
    that one's alone; a name the ledger does not use is a UsageError, and so is a district
    (its towns' offices and villages are not one list). FailsCheck if the
    ledger fails `check` and errors are not allowed; allowed, they travel in `problems`."""
    from anquan_cli.stats.due import due as listed
    from anquan_cli.stats.due import refusal

    if ledger.is_district:
        raise UsageError(
            "待办按镇街列出（各镇街的办所、村(社区)各不相同）：请对各镇街的台账分别运行，"
            "如 anquan due --ledger 镇街台账目录"
        )
    book = ledger.load(progress)
    errors = [p for p in ledger.outcome(progress).problems if p.is_error]
    if errors and not allow_errors:
        raise FailsCheck(errors)
    found = [entry.record for entry in book.entries]
    why = refusal(found, book.settings, office, village)
    if why is not None:
        raise UsageError(why)
    listing = listed(
        found,
        book.settings,
        as_of or date.today(),
        days,
        office=office,
        village=village,
        town_of=book.town_of or None,
    )
    listing.problems = errors
    return listing


def records(ledger: OpenLedger, progress: ProgressFn | None = None) -> list[Record]:
    """Every record the ledger holds (a district: every town's)."""
    return [entry.record for entry in ledger.load(progress).entries]
