"""Reading a spreadsheet's cells: calamine for .xlsx/.xls/.ods, the csv module for .csv.

Merged cells: for .xlsx (and .xls where calamine reports them) every cell of a merged range
gets the value of its top-left cell. CSV and formats without merge information keep blanks;
plan.py then reads a row whose 单位名称 is blank as belonging to the unit above it (a merged
unit block), which is how such sheets are meant to be read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from anquan_cli.errors import AnquanError
from anquan_cli.imports.safety import check_file, refuse
from anquan_cli.imports.values import Cell
from anquan_cli.store.bulk import bulk

MAX_ROWS = 1_100_000


@dataclass
class Table:
    """One sheet's cells, row by row; row i is spreadsheet row i + 1. Text is trimmed, and
    blank text is an empty cell (None)."""

    name: str
    rows: list[list[Cell]]


def read_tables(path: Path) -> list[Table]:
    """Every sheet of the file, after the safety checks; one Chinese line if it cannot be read."""
    how = check_file(path)
    with bulk():
        if how == "csv":
            return [Table(path.stem, _read_csv(path))]
        # An .xlsx saved under an .xls name (or the other way round) is read as what it is.
        named_old = path.suffix.lower() == ".xls"
        return _read_workbook(path, by_content=named_old != (how == "ole"))


def _read_workbook(path: Path, by_content: bool = False) -> list[Table]:
    """The workbook's sheets; by_content: its format told from its bytes, not its name."""
    from python_calamine import CalamineError, CalamineWorkbook

    tables = []
    try:
        if by_content:
            with path.open("rb") as handle:
                book = CalamineWorkbook.from_filelike(handle)
        else:
            book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            if sheet.total_height > MAX_ROWS:
                raise refuse(path, f"工作表“{name}”行数过多")
            rows = [_cells(r) for r in sheet.to_python(skip_empty_area=False)]
            _fill_merged(rows, sheet.merged_cell_ranges or [])
            tables.append(Table(name, rows))
    except AnquanError:
        raise
    except CalamineError:  # ZipError, XmlError, PasswordError, …: the file is not readable
        raise refuse(path, "无法读取（文件已损坏、已加密或不是 Excel 工作簿）") from None
    return tables


_PLAIN = frozenset({str, int, float, bool, date, datetime, type(None)})


def _cells(row: Sequence[Any]) -> list[Cell]:
    """Text trimmed (blank text is an empty cell); times and durations as a person reads them."""
    return [
        (value.strip() or None)
        if type(value) is str
        else value
        if type(value) in _PLAIN
        else str(value)
        for value in row
    ]


def _fill_merged(
    rows: list[list[Cell]], ranges: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= right:
                row.extend([None] * (right + 1 - len(row)))
            for c in range(left, right + 1):
                row[c] = value


def _read_csv(path: Path) -> list[list[Cell]]:
    raw = path.read_bytes()
    text = _decode(raw, path)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Cell]] = []
    for record in csv.reader(io.StringIO(text), dialect):
        rows.append([_csv_cell(v) for v in record])
        if len(rows) > MAX_ROWS:
            raise refuse(path, "行数过多")
    return rows


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030 as WPS and older Excel save CSV in China."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise refuse(path, "文字编码无法识别（应为 UTF-8 或 GBK）")


def _csv_cell(value: str) -> Cell:
    text = value.strip()
    if not text:
        return None
    # anquan's own CSV writes a ' before = + - @ so spreadsheets keep it as text
    if text[0] == "'" and text[1:2] in ("=", "+", "-", "@"):
        return text[1:]
    return text
