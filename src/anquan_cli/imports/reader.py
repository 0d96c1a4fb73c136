"""Reading a spreadsheet's cells: calamine for .xlsx/.xls/.ods, the csv module for .csv.

Merged cells: for .xlsx (and .xls where calamine reports them) every cell of a merged range
gets the value of its top-left cell. CSV and formats without merge information keep blanks;
plan.py then reads a row whose 单位名称 is blank as belonging to the unit above it (a merged
unit block), which is how such sheets are meant to be read.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from anquan_cli.errors import AnquanError
from anquan_cli.imports.safety import LIMITS, check_file, refuse
from anquan_cli.imports.values import Cell
from anquan_cli.store.bulk import bulk

MAX_ROWS = 1_100_000


@dataclass
class Table:
    """One sheet's cells, row by row; row i is spreadsheet row i + 1. Text is trimmed, and
    blank text is an empty cell (None)."""

    name: str
    rows: list[list[Cell]]
    # Formula cells (row, column indexes) whose value Excel never saved: a file written by a
    # script (fullCalcOnLoad, or no <v>) holds 0 or nothing there, not what the formula says.
    uncached: frozenset[tuple[int, int]] = frozenset()
    merges_known: bool = True  # False: the reader cannot tell merged cells from blank ones


def read_tables(path: Path) -> list[Table]:
    """Every sheet of the file, after the safety checks; one Chinese line if it cannot be read."""
    how = check_file(path)
    with bulk():
        if how == "csv":
            return [Table(path.stem, _read_csv(path))]  # a CSV has no merged cells
        # An .xlsx saved under an .xls name (or the other way round) is read as what it is.
        named_old = path.suffix.lower() == ".xls"
        return _read_workbook(path, by_content=named_old != (how == "ole"))


STDIN = Path("标准输入.csv")
"""What `import -` calls the CSV it reads from standard input, in its messages."""


def read_csv_bytes(raw: bytes, path: Path = STDIN) -> list[Table]:
    """A CSV table given as bytes (`import -` reads standard input), checked as a file is."""
    if len(raw) > LIMITS.file_bytes:
        raise refuse(path, f"内容过大（上限 {LIMITS.file_bytes // 1024 // 1024} MB）")
    with bulk():
        return [Table(path.stem, _csv_rows(raw, path))]


def _read_workbook(path: Path, by_content: bool = False) -> list[Table]:
    """The workbook's sheets; by_content: its format told from its bytes, not its name."""
    from python_calamine import CalamineWorkbook

    tables = []
    try:
        if by_content:
            with path.open("rb") as handle:
                book = CalamineWorkbook.from_filelike(handle)
        else:
            book = CalamineWorkbook.from_path(str(path))
        uncached = uncached_formulas(path)
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            if sheet.total_height > MAX_ROWS:
                raise refuse(path, f"工作表“{name}”行数过多")
            rows = [_cells(r) for r in sheet.to_python(skip_empty_area=False)]
            ranges = sheet.merged_cell_ranges
            _fill_merged(rows, ranges or [])
            tables.append(Table(name, rows, uncached.get(name, frozenset()), ranges is not None))
    except AnquanError:
        raise
    except Exception:  # calamine's errors carry no stable types; all mean "cannot read"
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


_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_SHEET_ID_FIRST = re.compile(rb'<sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_TARGET_FIRST = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_FORMULA_CELL = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]+)([0-9]+)"[^>/]*>\s*(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)'
    rb"\s*(?:<v>([^<]*)</v>)?"
)


def uncached_formulas(path: Path) -> dict[str, frozenset[tuple[int, int]]]:
    """Per sheet of an .xlsx, its formula cells without a value Excel saved.

    Raw bytes only, as safety.py reads them (no XML parser, no entities): a sheet without
    `<f` is not looked at further. A formula with no <v> has none; in a workbook asking to
    be recalculated when opened (fullCalcOnLoad, as xlsxwriter and openpyxl write them) a
    value of 0 is the writer's placeholder, not a result, unless the script gave it."""
    import zipfile

    found: dict[str, frozenset[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                return found
            book = archive.read("xl/workbook.xml")
            recalc = re.search(rb'fullCalcOnLoad="(1|true)"', book) is not None
            rels = archive.read("xl/_rels/workbook.xml.rels")
            targets = {i: t for i, t in _REL.findall(rels)}
            targets |= {i: t for t, i in _REL_TARGET_FIRST.findall(rels)}
            sheets = {n: i for n, i in _SHEET.findall(book)}
            sheets |= {n: i for i, n in _SHEET_ID_FIRST.findall(book)}
            for raw_name, rel in sheets.items():
                target = targets.get(rel, b"").decode()
                member = target.lstrip("/") if target.startswith("/") else "xl/" + target
                if member not in names:
                    continue
                data = archive.read(member)
                if b"<f" not in data:
                    continue
                cells = frozenset(
                    (int(number) - 1, _column_index(letters))
                    for letters, number, value in _FORMULA_CELL.findall(data)
                    if not value or (recalc and value == b"0")
                )
                if cells:
                    found[html.unescape(raw_name.decode())] = cells
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError, ValueError):
        return found
    return found


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _read_csv(path: Path) -> list[list[Cell]]:
    return _csv_rows(path.read_bytes(), path)


def _csv_rows(raw: bytes, path: Path) -> list[list[Cell]]:
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
