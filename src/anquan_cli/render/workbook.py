"""Writing the 台账 workbook: print-ready sheets with xlsxwriter in constant-memory mode.

Constant-memory mode writes each row as it goes, so every row is written once, in order; the
widths are fixed per column (sized for Chinese text) and each row's height is worked out from
its longest wrapped cell, since Excel does not grow rows by itself when it opens a file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from anquan_cli import portable
from anquan_cli.render.sheets import (
    CellKind,
    Column,
    Row,
    Sheet,
    SummarySheet,
    SummaryValue,
    Value,
)

FONT = "宋体"
LINE_HEIGHT = 15.0  # points per line of 11 pt 宋体
MAX_ROW_HEIGHT = 409.0  # Excel's limit
SPARE_ROWS = 200
SAMPLE_ROWS = 2000  # rows looked at to size the short columns
MAX_SHORT_WIDTH = 24  # drop-down lists reach this far below the last row, for rows clerks add

RED = "#FFC7CE"


def text_width(text: str) -> int:
    """Display width in Excel's character units: a Chinese character takes two.

    UTF-8 spends 3 bytes on a CJK character and 1 on ASCII, so (bytes + characters) / 2 gives
    2 and 1 without a per-character lookup; it matters on 100 000 rows.
    """
    return (len(text.encode("utf-8")) + len(text)) // 2


def lines_needed(text: str, width: float) -> int:
    room = max(int(width) - 1, 1)
    if 2 * len(text) <= room and "\n" not in text:  # fits even if every character is wide
        return 1
    return sum(max(1, -(-text_width(part) // room)) for part in text.split("\n"))


class Formats:
    """The workbook's cell formats, made once: each kind plain and highlighted."""

    def __init__(self, book: Any) -> None:
        base = {"font_name": FONT, "font_size": 11, "border": 1, "valign": "vcenter"}
        self.title = book.add_format(
            {
                "font_name": FONT,
                "font_size": 18,
                "bold": True,
                "align": "center",
                "valign": "vcenter",
            }
        )
        self.note = book.add_format({"font_name": FONT, "font_size": 10, "valign": "vcenter"})
        self.header = book.add_format(
            {**base, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#D9E1F2"}
        )
        kinds: dict[CellKind, dict[str, object]] = {
            CellKind.SEQ: {"align": "center"},
            CellKind.TEXT: {"text_wrap": True},
            CellKind.SHORT: {"align": "center", "text_wrap": True},
            CellKind.DATE: {"align": "center", "num_format": "yyyy-mm-dd"},
            CellKind.MONEY: {"num_format": "#,##0.00"},
            CellKind.COUNT: {"align": "center", "num_format": "0"},
            CellKind.RATE: {"align": "center", "num_format": "0.0%"},
        }
        self.cell = {kind: book.add_format({**base, **extra}) for kind, extra in kinds.items()}
        self.marked = {
            kind: book.add_format({**base, **extra, "bg_color": RED})
            for kind, extra in kinds.items()
        }
        self.total = {
            kind: book.add_format({**base, **extra, "bold": True, "bg_color": "#F2F2F2"})
            for kind, extra in kinds.items()
        }
        self.caption = book.add_format({"font_name": FONT, "font_size": 12, "bold": True})


Writer = Callable[[int, int, Value, Any], None]


def _cell_writer(sheet: Any, kind: CellKind) -> Writer:
    """One function per column kind; user text always goes in as a string, never a formula."""
    if kind in (CellKind.TEXT, CellKind.SHORT):

        def text(row: int, col: int, value: Value, fmt: Any) -> None:
            if value is None or value == "":
                sheet.write_blank(row, col, None, fmt)
            else:
                sheet.write_string(row, col, str(value), fmt)

        return text
    if kind is CellKind.RATE:

        def share(row: int, col: int, value: Value, fmt: Any) -> None:
            if isinstance(value, int | float | Decimal):
                sheet.write_number(row, col, float(value), fmt)
            else:
                sheet.write_string(row, col, "—", fmt)

        return share
    if kind is CellKind.DATE:

        def day(row: int, col: int, value: Value, fmt: Any) -> None:
            if isinstance(value, date):
                sheet.write_datetime(row, col, value, fmt)
            else:
                sheet.write_blank(row, col, None, fmt)

        return day

    def number(row: int, col: int, value: Value, fmt: Any) -> None:
        if isinstance(value, int | Decimal):
            sheet.write_number(row, col, float(value) if isinstance(value, Decimal) else value, fmt)
        else:
            sheet.write_blank(row, col, None, fmt)

    return number


def _header_rows(sheet: Any, formats: Formats, columns: Sequence[Column], top: int) -> int:
    """Write the bold bordered headings; return the number of heading rows (1, or 2 with groups)."""
    wrapped = max(lines_needed(c.header, c.width) for c in columns)
    if not any(c.group for c in columns):
        sheet.set_row(top, LINE_HEIGHT * wrapped + 8)
        for col, column in enumerate(columns):
            sheet.write_string(top, col, column.header, formats.header)
        return 1
    sheet.set_row(top, LINE_HEIGHT + 8)
    sheet.set_row(top + 1, LINE_HEIGHT * wrapped + 8)
    groups: dict[str, list[int]] = {}
    for col, column in enumerate(columns):
        if column.group:
            groups.setdefault(column.group, []).append(col)
    spans: list[tuple[int, int, int, int]] = []
    for col, column in enumerate(columns):
        if column.group is None:
            sheet.write_string(top, col, column.header, formats.header)
            spans.append((top, col, top + 1, col))
        elif col == groups[column.group][0]:
            sheet.write_string(top, col, column.group, formats.header)
            spans.append((top, col, top, groups[column.group][-1]))
        else:
            sheet.write_blank(top, col, None, formats.header)
    for col, column in enumerate(columns):
        if column.group is None:
            sheet.write_blank(top + 1, col, None, formats.header)
        else:
            sheet.write_string(top + 1, col, column.header, formats.header)
    # merge_range() would write into the row below before this row is done, which
    # constant-memory mode cannot take back; the cells are written above, so only record
    # the ranges (xlsxwriter writes <mergeCells> from this list when it closes the sheet).
    sheet.merge.extend([list(span) for span in spans])
    return 2


def write_sheet(book: Any, formats: Formats, spec: Sheet) -> int:
    """Lay one sheet out: title, note, headings, rows, print setup. Returns the rows written."""
    sheet = book.add_worksheet(spec.name)
    rows = iter(spec.rows)
    head = list(itertools.islice(rows, SAMPLE_ROWS))
    columns = _fitted(spec.columns, head)
    last_col = len(columns) - 1
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width)
    sheet.set_row(0, 36)
    sheet.merge_range(0, 0, 0, last_col, spec.title, formats.title)
    sheet.set_row(1, 20)
    sheet.merge_range(1, 0, 1, last_col, spec.note, formats.note)
    top = 2
    heading_rows = _header_rows(sheet, formats, columns, top)
    first = top + heading_rows
    writers = [_cell_writer(sheet, c.kind) for c in columns]
    plain = [formats.cell[c.kind] for c in columns]
    marked = [formats.marked[c.kind] for c in columns]
    wrapping = [
        (i, c.width) for i, c in enumerate(columns) if c.kind in (CellKind.TEXT, CellKind.SHORT)
    ]
    row_number = first
    for row in itertools.chain(head, rows):
        _write_row(sheet, row, row_number, writers, marked if row.highlight else plain, wrapping)
        row_number += 1
    written = row_number - first
    last_row = max(row_number - 1, first)
    _finish(sheet, columns, top, first, last_row, last_col)
    return written


def _fitted(columns: Sequence[Column], head: Sequence[Row]) -> tuple[Column, ...]:
    """Short columns (names, statuses) widen to their longest value so they do not wrap."""
    fitted = []
    for index, column in enumerate(columns):
        if column.kind is CellKind.SHORT:
            longest = max(
                (text_width(v) for r in head if isinstance(v := r.values[index], str)), default=0
            )
            width = min(max(column.width, longest + 2), MAX_SHORT_WIDTH)
            column = dataclasses.replace(column, width=width)
        fitted.append(column)
    return tuple(fitted)


def _write_row(
    sheet: Any,
    row: Row,
    number: int,
    writers: Sequence[Writer],
    fmts: Sequence[Any],
    wrapping: Sequence[tuple[int, float]],
) -> None:
    values = row.values
    lines = 1
    for index, width in wrapping:
        value = values[index]
        if isinstance(value, str) and value:
            needed = lines_needed(value, width)
            if needed > lines:
                lines = needed
    sheet.set_row(number, min(LINE_HEIGHT * lines + 6, MAX_ROW_HEIGHT))
    for col, value in enumerate(values):
        writers[col](number, col, value, fmts[col])


def write_summary(book: Any, formats: Formats, spec: SummarySheet) -> None:
    """汇总: a section per breakdown, each ending in its 合计 row; nothing here is counted."""
    sheet = book.add_worksheet(spec.name)
    columns = spec.sections[0].columns
    last_col = len(columns) - 1
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width)
    sheet.set_row(0, 36)
    sheet.merge_range(0, 0, 0, last_col, spec.title, formats.title)
    sheet.set_row(1, 20)
    sheet.merge_range(1, 0, 1, last_col, spec.note, formats.note)
    row = 2
    for section in spec.sections:
        if section.caption:
            sheet.set_row(row, 24)
            sheet.write_string(row, 0, section.caption, formats.caption)
            row += 1
        row += _header_rows(sheet, formats, section.columns, row)
        writers = [_cell_writer(sheet, c.kind) for c in section.columns]
        for values in section.rows:
            sheet.set_row(row, LINE_HEIGHT + 6)
            for col, value in enumerate(values):
                writers[col](row, col, _plain(value), formats.cell[section.columns[col].kind])
            row += 1
        sheet.set_row(row, LINE_HEIGHT + 6)
        for col, value in enumerate(section.total):
            writers[col](row, col, _plain(value), formats.total[section.columns[col].kind])
        row += 2
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.7)
    sheet.set_footer("&C第 &P 页，共 &N 页")


def _plain(value: SummaryValue) -> Value:
    return Decimal(repr(value)) if isinstance(value, float) else value


def _finish(
    sheet: Any, columns: Sequence[Column], top: int, first: int, last_row: int, last_col: int
) -> None:
    header_last = first - 1
    sheet.freeze_panes(first, 0)
    sheet.autofilter(header_last, 0, last_row, last_col)
    for col, column in enumerate(columns):
        if column.choices:
            sheet.data_validation(
                first,
                col,
                last_row + SPARE_ROWS,
                col,
                {
                    "validate": "list",
                    "source": list(column.choices),
                    "error_title": "取值无效",
                    "error_message": f"{column.header}应为：{'、'.join(column.choices)}",
                },
            )
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.7)
    sheet.repeat_rows(top, header_last)
    sheet.set_footer("&C第 &P 页，共 &N 页")


def new_book(target: Path | Any) -> tuple[Any, Formats]:
    """An xlsxwriter workbook in constant-memory mode that never turns text into formulas."""
    import xlsxwriter  # type: ignore[import-untyped]

    book = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    book.set_properties({"title": "安全生产台账", "author": "anquan"})
    return book, Formats(book)


def write_workbook(
    sheets: Sequence[Sheet], target: Path, summary: SummarySheet | None = None
) -> dict[str, int]:
    """Write the sheets to target atomically (temp file, then rename); rows written per sheet."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    mask = os.umask(0)
    os.umask(mask)
    portable.set_mode(fd, 0o666 & ~mask)
    os.close(fd)
    temp = Path(name)
    try:
        book, formats = new_book(str(temp))
        counts = {spec.name: write_sheet(book, formats, spec) for spec in sheets}
        if summary is not None:
            write_summary(book, formats, summary)
        book.close()
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        portable.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return counts
