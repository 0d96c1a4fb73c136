"""Documents and workbooks from a ledger: the figures come from api.count, the words from the
templates and the office's notes, the rows from the loaded records."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.api.figuring import Figures, count
from anquan_cli.api.handle import OpenLedger

if TYPE_CHECKING:
    from anquan_cli.model.records import Record
    from anquan_cli.render.document import Rendered
    from anquan_cli.render.sheets import Scope, Sheet
    from anquan_cli.stats.periods import Period
    from anquan_cli.store.ledger import Ledger
    from anquan_cli.store.scan import ProgressFn


def render_report(
    ledger: OpenLedger,
    figures: Figures,
    period: Period,
    *,
    template: str | None = None,
    fmt: str = "md",
    mask: bool = True,
) -> Rendered:
    """The period's report (md, docx or html) worded by a template (the ledger's own
    overriding a bundled one of the same name), with the office's notes for the period.
    A ledger that failed `check` (figures.problems) is said in a marked line under the title."""
    from anquan_cli.api.evidence import LedgerPhotos
    from anquan_cli.render.document import DEFAULT_TEMPLATE, render_document
    from anquan_cli.store.notes import notes_key, read_notes

    notes = read_notes(ledger.root, notes_key(period.start, period.end))
    return render_document(
        figures.data,
        template=template or DEFAULT_TEMPLATE,
        fmt=fmt,
        ledger_root=ledger.root,
        settings=ledger.settings,
        notes=notes,
        mask=mask,
        unchecked=len(figures.problems),
        photos=LedgerPhotos(ledger, period.start, period.window_end),
    )


def write_workbook(
    ledger: OpenLedger,
    target: Path,
    period: Period | None,
    as_of: date,
    *,
    today: date,
    allow_errors: bool = False,
    progress: ProgressFn | None = None,
) -> tuple[dict[str, int], Figures]:
    """The 台账 workbook of the period (None: every record up to as_of), its 汇总 sheet from
    the period's figures; the rows written per sheet, and the figures."""
    from anquan_cli.render.document import unchecked_warning
    from anquan_cli.render.sheets import Scope, summary_sheet
    from anquan_cli.render.workbook import write_workbook as write
    from anquan_cli.stats.periods import date_range

    book = ledger.load(progress)
    records = [entry.record for entry in book.entries]
    counted = period or date_range(first_day(records, as_of), as_of, as_of)
    figures = count(ledger, counted, today=today, allow_errors=allow_errors)
    scope = Scope(book.settings.name, period, as_of)
    warning = unchecked_warning(len(figures.problems)) if figures.problems else ""
    rows = write(sheets(book, scope), target, summary_sheet(scope, figures.data, warning))
    return rows, figures


def workbook_name(ledger: OpenLedger, period: Period | None, as_of: date) -> str:
    from anquan_cli.render.sheets import Scope

    return f"{Scope(ledger.settings.name, period, as_of).title('安全生产台账')}.xlsx"


def sheets(book: Ledger, scope: Scope) -> list[Sheet]:
    """The workbook's record sheets for a loaded ledger (a district: its towns'), with each
    hazard's photos counted when the ledger has any."""
    from anquan_cli.api.evidence import photo_counts
    from anquan_cli.render.sheets import record_sheets

    return record_sheets(
        scope,
        book.enterprises,
        book.inspections,
        book.hazards,
        book.penalties,
        book.accidents,
        book.activities,
        book.plans,
        book.patrols,
        book.self_checks,
        photos=photo_counts([part.root for part in book.parts] or [book.root]),
    )


def first_day(records: list[Record], fallback: date) -> date:
    """The earliest date any record is filed under: where "every record" begins."""
    from anquan_cli.stats.filters import record_date

    days = [d for r in records if (d := record_date(r)) is not None]
    return min([*days, fallback])
