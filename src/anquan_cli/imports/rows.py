"""One row of a sheet being read: its cells by field, the rules that skip or fill it, and
the keys that say whether the ledger already holds its record."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from itertools import islice
from operator import is_not, itemgetter
from typing import Any

from anquan_cli.imports.headings import Layout, is_repeated_header
from anquan_cli.imports.reader import Table
from anquan_cli.imports.values import Cell, CellError, clean, fold, read_date, read_money, year_in
from anquan_cli.model.dates import check_past, check_year
from anquan_cli.model.enums import Action, Level
from anquan_cli.model.ids import ID_YEARS
from anquan_cli.model.lifecycle import read_step_line
from anquan_cli.model.records import (
    Accident,
    Activity,
    Hazard,
    Inspection,
    Patrol,
    Penalty,
    Plan,
    SelfCheck,
)

_TOTAL_WORDS = ("合计", "小计", "总计", "总数")
_FOOTER_WORDS = (
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "审核",
    "负责人",
    "填表日期",
    "填报日期",
    "制表",
    "联系人",
    "说明",
    "注意",
    "注",
    "填写说明",
    "填表说明",
    "批准人",
    "批准",
    "审批",
    "签字",
    "单位负责人",
)
_FOOTER = re.compile(f"^({'|'.join(_FOOTER_WORDS)})([:：]|$)")
# The first characters those words start with: text starting otherwise is neither (folding
# leaves CJK characters as they are), and needs no folding to tell.
_INITIALS = frozenset(word[0] for word in (*_TOTAL_WORDS, *_FOOTER_WORDS))


class RowFault(Exception):
    def __init__(self, col: int, message: str) -> None:
        super().__init__(message)
        self.col = col
        self.message = message


@dataclass(slots=True)
class Row:
    sheet: str
    number: int
    values: dict[str, Cell]  # each field's cell, for every column the sheet's layout found
    layout: Layout
    year: int | None

    def raw(self, name: str) -> Cell:
        return self.values.get(name)

    def col(self, name: str) -> int:
        return self.layout.columns.get(name, 0)

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        if type(value) is str:  # most cells: `clean` without a second call
            return " ".join(value.split()) or None
        return None if value is None else clean(value)

    def read(self, name: str, reader: Callable[..., Any], *more: Any) -> Any:
        try:
            return reader(self.values.get(name), *more)
        except CellError as error:
            raise RowFault(self.col(name), error.args[0]) from None

    def day(self, name: str, until: date | None = None) -> date | None:
        """The cell's date, in a year a record's ID can carry; with `until` (the import's
        today), the date of something done, which cannot lie after it."""
        value = self.values.get(name)
        if type(value) is date or value is None:  # most cells: a date cell, or none
            day = value
        else:
            try:
                day = read_date(value, self.year)
            except CellError as error:
                raise RowFault(self.col(name), error.args[0]) from None
        if day is not None and (day.year not in ID_YEARS or (until is not None and day > until)):
            try:
                check_past(day, until) if until is not None else check_year(day)
            except ValueError as error:
                raise RowFault(self.col(name), error.args[0]) from None
        return day

    def money(self, name: str) -> Any:
        return self.read(name, read_money, name in self.layout.in_wan)


class RowMaker:
    """Makes one sheet's Rows, each field's cell picked out of the row's cells.

    A sheet has thousands of rows and a dozen fields: the cells are picked by one itemgetter
    and the dict made by zip, not field by field in Python."""

    def __init__(self, sheet: str, layout: Layout, year: int | None) -> None:
        self.sheet = sheet
        self.layout = layout
        self.year = year
        self.names = tuple(layout.columns)
        cols = tuple(layout.columns.values())
        self.width = max(cols, default=-1) + 1
        self.pick: Callable[[list[Cell]], tuple[Cell, ...]] = (
            itemgetter(*cols) if len(cols) > 1 else lambda cells: tuple(cells[c] for c in cols)
        )

    def __call__(self, number: int, cells: list[Cell]) -> Row:
        if len(cells) < self.width:  # a short row (a CSV line, a merged range's end)
            cells = [*cells, *[None] * (self.width - len(cells))]
        values = dict(zip(self.names, self.pick(cells), strict=True))
        return Row(self.sheet, number, values, self.layout, self.year)


def skip_reason(layout: Layout, cells: list[Cell]) -> str | None:
    """Why this row holds no record (空行, a total or footer row, a heading row again); None
    when it does. A Table's blank cells are None (reader.Table), so its first three filled
    cells are found without a loop in Python."""
    firsts = tuple(islice(filter(_FILLED, cells), 3))
    if not firsts:
        return "空行"
    # Only text can start like a total or footer word: a number or date never does.
    for value in firsts:
        if type(value) is str:
            starts = _STARTS_LIKE_WORD.get(value[0])
            if starts is None:
                starts = _STARTS_LIKE_WORD[value[0]] = fold(value[0])[:1] in _INITIALS
            if starts:
                texts = [v if type(v) is str else str(v) for v in firsts]
                if why := _total_or_footer(texts):
                    return why
                break
    return "重复表头" if is_repeated_header(layout, cells) else None


_FILLED = partial(is_not, None)
_STARTS_LIKE_WORD: dict[str, bool] = {}
"""Whether text starting with this character might start a total or footer word, by character."""


def _total_or_footer(texts: list[str]) -> str | None:
    first = [fold(t) for t in texts]
    if any(t.startswith(_TOTAL_WORDS) for t in first):
        return next(f"{w}行" for w in _TOTAL_WORDS if any(t.startswith(w) for t in first))
    if _FOOTER.match(first[0]):
        return "表尾"
    return None


def fill_unit_block(row: Row, previous: Row) -> None:
    """A blank 单位名称 under a filled one, where the clerk said so (--fill-down) or the file
    cannot say which cells were merged: the row belongs to the unit above."""
    values = row.values
    if "unit" not in values or clean(values["unit"]) is not None:
        return
    values["unit"] = previous.values["unit"]
    for name in ("village", "sector"):
        if name in values and clean(values[name]) is None:
            values[name] = previous.values[name]


DITTO = frozenset({"同上", "〃", "″", '"', "''", "“”", "同前", "同左"})
"""What a clerk writes for "as the row above"."""


def fill_ditto(row: Row, previous: Row | None) -> None:
    """Cells reading 同上 or 〃 take the value the row above has in that column."""
    values = row.values
    if DITTO.isdisjoint(values.values()):
        return
    for name, value in values.items():
        if value in DITTO:
            if previous is None or previous.values.get(name) is None:
                raise RowFault(row.col(name), f"“{value}”（同上）但上一行该列为空")
            values[name] = previous.values[name]


_EXAMPLE_WORDS = ("举例", "示例", "样例", "范例", "例：", "例:")
EXAMPLE_ROWS = 5  # an import template's example rows stand right under its headings


def is_example(cells: list[Cell]) -> bool:
    """A template's example row, marked 此处为举例, 示例 or 例：."""
    return any(
        type(value) is str and any(word in value for word in _EXAMPLE_WORDS) for value in cells
    )


_TITLE_UNIT = re.compile(
    r"^(?:单位名称|单位|项目名称|填报单位|企业名称|被检查单位|生产经营单位)\s*"
    r"(?:[(（][^)）]*[)）])?\s*[:：]\s*(.*)$"
)
_NEXT_LABEL = re.compile(r"\s+\S{1,8}[:：].*$")


def unit_in_title(table: Table, layout: Layout) -> tuple[int, int, str, str] | None:
    """The unit a sheet's title block names (单位：…, 项目名称：…, 填报单位：…): its row
    and column index, the name, and the cell's text."""
    top = layout.header_row if layout.top_row < 0 else layout.top_row
    for r, cells in enumerate(table.rows[:top]):
        for c, value in enumerate(cells):
            text = clean(value)
            if text is None:
                continue
            match = _TITLE_UNIT.match(text)
            if match is None:
                continue
            name = _NEXT_LABEL.sub("", match.group(1)).strip()
            if not name:  # 单位： | 某某公司 in the next cell
                name = next((t for v in cells[c + 1 :] if (t := clean(v))), "")
                name = _NEXT_LABEL.sub("", name).strip()
            name = re.sub(r"[(（]盖章[)）]$", "", name).strip()
            if name:
                return r, c, name, text
    return None


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def year_of_title(table: Table, layout: Layout) -> int | None:
    for cells in table.rows[: layout.header_row]:
        for value in cells:
            text = clean(value)
            if text and (year := year_in(text)):
                return year
    return None


LEVEL_WORDS_KEY = "level_words"
"""The anquan.yaml (and rules file) key mapping a ledger's own level words: 较大隐患: 重大."""


def hazard_level(row: Row, default: Level, words: dict[str, Level]) -> Level:
    """The cell's level: a word the ledger maps (level_words), else 一般/重大 in any
    spelling (一般事故隐患, 重大隐患 …); any other word is a bad row naming the key."""
    text = row.text("level")
    if text is None:
        return default
    if words:
        mapped = words.get(level_word(text))
        if mapped is not None:
            return mapped
    level = _level_of(text)
    if level is None:
        raise RowFault(
            row.col("level"),
            f"隐患等级“{text}”应为 一般 或 重大；如台账用此词，请在 anquan.yaml 的 "
            f"{LEVEL_WORDS_KEY} 中写明对应等级（如 {LEVEL_WORDS_KEY}: {{{text}: 重大}}）",
        )
    return level


def level_word(text: str) -> str:
    """A level word as level_words are compared: folded, without 事故隐患/隐患 at its end."""
    return fold(text).removesuffix("事故隐患").removesuffix("隐患") or fold(text)


@lru_cache(maxsize=256)
def _level_of(text: str) -> Level | None:
    folded = fold(text)
    if "重大" in folded:
        return Level.MAJOR
    if "一般" in folded:
        return Level.GENERAL
    return None


_SUPERVISION = ("supervision_level", "supervision_doc", "supervision_date")


def read_supervision(row: Row) -> dict[str, Any] | None:
    if row.values.keys().isdisjoint(_SUPERVISION):  # most sheets have no such columns
        return None
    level, doc, day = (
        row.text("supervision_level"),
        row.text("supervision_doc"),
        row.day("supervision_date"),
    )
    if level is None and doc is None and day is None:
        return None
    if level in ("否", "无", "-", "/"):
        return None
    return {"level": level, "doc_no": doc, "date": day}


def story_steps(row: Row, story: str) -> list[tuple[date, Action, str | None, str | None]]:
    """The 整改验收记录 column (export writes every step, model/lifecycle.step_line) as the
    history's steps: (day, action, by, note). After a step whose note has begun (…：), a
    piece that is no step continues that note (a note holding ；or a line break)."""
    if "；" not in story and ";" not in story:  # as export writes it: a step a line
        lines = [_line_step(line) for line in story.split("\n") if line.strip()]
        if all(lines):
            return lines  # type: ignore[return-value]
    steps: list[tuple[date, Action, str | None, str | None]] = []
    pieces = _STORY_BREAK.split(story)
    note: str | None = None  # the note of the last step, while it may go on
    before = ""  # the break before this piece
    for text, after in itertools.zip_longest(pieces[::2], pieces[1::2], fillvalue=""):
        read = read_step_line(text) if text.strip() else None
        if read is None:
            if note is not None:
                note, before = f"{note}{before}{text}", after
                steps[-1] = (*steps[-1][:3], note.strip() or None)
                continue
            if not text.strip():
                before = after
                continue
            part = text.strip()
            raise RowFault(
                row.col("story"), f"整改验收记录“{part}”无法识别（应如 2024-10-20 整改）"
            )
        written, action, by, note = read
        try:
            day = date.fromisoformat(written) if len(written) == 10 else _loose_day(written)
        except ValueError:
            part = text.strip()
            raise RowFault(row.col("story"), f"整改验收记录“{part}”的日期无效") from None
        steps.append((day, action, by, note.strip() or None if note is not None else None))
        before = after
    return steps


@lru_cache(maxsize=16384)
def _line_step(line: str) -> tuple[date, Action, str | None, str | None] | None:
    """One line of a story read as a whole step, or None (a piece of a note, a bad line):
    thousands of hazards share their lines (2024-03-05 发现（应急办）)."""
    read = read_step_line(line)
    if read is None:
        return None
    written, action, by, note = read
    try:
        day = date.fromisoformat(written) if len(written) == 10 else _loose_day(written)
    except ValueError:
        return None
    return day, action, by, (note.strip() or None) if note is not None else None


_STORY_BREAK = re.compile(r"([；;\n])")


def _loose_day(written: str) -> date:
    year, month, day = (int(n) for n in written.split("-"))
    return date(year, month, day)


def read_phone(value: Cell) -> str | None:
    text = clean(value)
    return text.replace(" ", "") if text else None


def strip_suffix(text: str | None, suffix: str) -> str | None:
    return (text.removesuffix(suffix) or None) if text else None


def inspection_key(r: Inspection) -> Hashable:
    return (
        r.enterprise,
        r.date,
        fold(r.type),
        fold(r.leader or ""),
        fold(r.doc_no or ""),
        tuple(r.inspectors),
    )


def hazard_key(r: Hazard) -> Hashable:
    """Not the level: a sheet without 隐患等级 lists a hazard a 重大隐患台账 made 重大."""
    return (r.enterprise, r.found, fold(r.description))


def penalty_key(r: Penalty) -> Hashable:
    return (r.enterprise, r.date, r.fine, fold(r.doc_no or ""))


def accident_key(r: Accident) -> Hashable:
    return (r.date, r.domain, r.enterprise or fold(r.place or ""), r.deaths, r.injuries)


def activity_key(r: Activity) -> Hashable:
    return (r.date, r.kind, fold(r.leader or ""), r.count, fold(r.note or ""))


def plan_key(r: Plan) -> Hashable:
    return (
        r.month,
        fold(r.office or ""),
        fold(r.village or ""),
        fold(r.sector or ""),
        r.inspections,
        r.patrols,
    )


def patrol_key(r: Patrol) -> Hashable:
    return (r.date, fold(r.village), r.point, fold(r.kind), tuple(r.by), fold(r.note or ""))


def self_check_key(r: SelfCheck) -> Hashable:
    return (r.enterprise, r.date, r.level, fold(r.by or ""), fold(r.note or ""))
