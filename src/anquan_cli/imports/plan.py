"""Turning a workbook's rows into new records: what to create, what to skip and why.

Nothing is written here. The plan names every row it could not read (`Sheet!A12: reason`),
every row it skipped and why, and the new records with their IDs; the store's one writer
(Writer.create_many, store/transaction.py) writes them.

Idempotence: a row whose record the ledger already holds (same unit, date and content) is
skipped as 已存在, counted as a multiset, so a file with two identical rows imported twice
still holds two records, not four.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from anquan_cli.imports.headings import (
    ATTRIBUTE,
    KIND_TITLES,
    MORE,
    Layout,
    Overrides,
    SheetKind,
    field_title,
    find_layout,
    guess_layout,
    kind_by_name,
    listing_layout,
)
from anquan_cli.imports.reader import Table
from anquan_cli.imports.rows import (
    DITTO,
    EXAMPLE_ROWS,
    Row,
    RowFault,
    RowMaker,
    accident_key,
    activity_key,
    column_letter,
    fill_ditto,
    fill_unit_block,
    hazard_key,
    hazard_level,
    inspection_key,
    is_example,
    patrol_key,
    penalty_key,
    plan_key,
    read_phone,
    read_supervision,
    self_check_key,
    skip_reason,
    story_steps,
    strip_suffix,
    unit_in_title,
    year_of_title,
)
from anquan_cli.imports.rules import ImportOptions
from anquan_cli.imports.values import (
    ON_THE_SPOT,
    Said,
    fold,
    method_in,
    read_count,
    read_documents,
    read_month,
    read_said,
    read_yes,
    year_in,
)
from anquan_cli.model.enums import Action, HazardSource, Level, RecordKind, Status
from anquan_cli.model.ids import kind_of_id
from anquan_cli.model.lifecycle import ON_THE_SPOT as FIXED_THERE
from anquan_cli.model.lifecycle import state_after
from anquan_cli.model.records import (
    MODELS,
    PERSON_MARK,
    PLACE_MARK,
    Accident,
    Activity,
    Enterprise,
    Hazard,
    Inspection,
    Patrol,
    Penalty,
    Record,
    SelfCheck,
    Step,
)
from anquan_cli.model.records import Plan as InspectionPlan
from anquan_cli.model.rules import Context, refusals
from anquan_cli.model.settings import Settings
from anquan_cli.store.bulk import bulk
from anquan_cli.store.ids import IdAllocator
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.lookup import find_enterprise, fold_name
from anquan_cli.store.office import Office
from anquan_cli.store.paths import record_path
from anquan_cli.store.validation import messages

_ORDER = (
    SheetKind.ENTERPRISES,
    SheetKind.PATROLS,
    SheetKind.SELF_CHECKS,
    SheetKind.INSPECTIONS,
    SheetKind.HAZARDS,
    SheetKind.MAJOR_HAZARDS,
    SheetKind.PENALTIES,
    SheetKind.ACCIDENTS,
    SheetKind.ACTIVITIES,
    SheetKind.PLANS,
)
# Sheets listing several rows per unit, where clerks merge the unit's cells over its rows.
_UNIT_BLOCKS = (
    SheetKind.INSPECTIONS,
    SheetKind.HAZARDS,
    SheetKind.MAJOR_HAZARDS,
    SheetKind.PENALTIES,
    SheetKind.SELF_CHECKS,
)
# Columns that hold no fact of their own row's record: a row filled only in these is empty.
_NOT_CONTENT = ("ref", "found_count")


def is_summary_sheet(name: str) -> bool:
    """A sheet its name calls a summary (汇总, 统计): its figures come from records, not rows."""
    return kind_by_name(name) is None


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int  # spreadsheet row number, from 1
    col: int
    message: str

    @property
    def cell(self) -> str:
        return f"{self.sheet}!{column_letter(self.col)}{self.row}"

    def render(self) -> str:
        return f"{self.cell}：{self.message}"


@dataclass
class SheetReport:
    """What one sheet gave: rows read, records created, rows skipped by reason."""

    name: str
    kind: SheetKind | None
    read: int = 0
    created: int = 0
    units_created: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    layout: Layout | None = None
    unit_source: str | None = None  # where the rows' unit comes from, as the dry run says
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def is_summary(self) -> bool:
        """A sheet not read because its name calls it a summary (汇总, 统计)."""
        return self.kind is None and is_summary_sheet(self.name)

    def render(self) -> str:
        if self.kind is None:
            summary = is_summary_sheet(self.name)
            return f"{self.name}：" + (
                "汇总表，不导入" if summary else "找不到可识别的表头，已跳过"
            )
        parts = [f"读取 {self.read} 行", f"新建 {self.created} 条"]
        if self.units_created:
            parts.append(f"新建单位 {self.units_created} 家")
        if self.skipped:
            why = "，".join(f"{reason} {n}" for reason, n in sorted(self.skipped.items()))
            parts.append(f"跳过 {sum(self.skipped.values())} 行（{why}）")
        return f"{self.name}：" + "，".join(parts)

    def columns(self) -> list[dict[str, str]]:
        """Each column read: its letter, heading and field."""
        if self.layout is None:
            return []
        texts = dict(self.layout.texts)
        by_col = sorted((col, name) for name, col in self.layout.columns.items())
        return [
            {
                "column": column_letter(col),
                "heading": texts.get(col, ""),
                "field": name,
                "title": field_title(name),
            }
            for col, name in by_col
        ]

    def ignored(self) -> list[dict[str, str]]:
        if self.layout is None:
            return []
        return [
            {"column": column_letter(col), "heading": text} for col, text in self.layout.ignored
        ]

    def describe(self, shown: int = 5) -> list[str]:
        """The dry run's account of the sheet: kind, heading rows, each column's field, the
        ignored ones, the unit's source, the counts and the first bad rows."""
        if self.layout is None:
            return [self.render()]
        top, bottom = self.layout.heading_rows
        rows = f"第 {top} 行" if top == bottom else f"第 {top}—{bottom} 行"
        lines = [f"{self.name}：按{KIND_TITLES[self.layout.kind]}读取，表头在{rows}"]
        lines += [f"  {c['column']} {c['heading']} → {c['title']}" for c in self.columns()]
        if self.layout.ignored:
            lines.append(
                "  未识别、不导入的列："
                + "；".join(f"{c['column']} {c['heading']}" for c in self.ignored())
            )
        if self.unit_source:
            lines.append(f"  单位：{self.unit_source}")
        lines.append("  " + self.render().removeprefix(f"{self.name}："))
        if self.problems:
            lines.append(f"  坏行 {len(self.problems)} 行：")
            lines += [f"    {p.render()}" for p in self.problems[:shown]]
            if len(self.problems) > shown:
                lines.append(f"    ……另有 {len(self.problems) - shown} 行")
        return lines

    def as_json(self) -> dict[str, Any]:
        """The same account for scripts (README: import --format json)."""
        top, bottom = self.layout.heading_rows if self.layout else (None, None)
        return {
            "name": self.name,
            "kind": self.kind.value if self.kind else None,
            "read": self.read,
            "created": self.created,
            "units_created": self.units_created,
            "skipped": {k: n for k, n in sorted(self.skipped.items()) if k != _BAD},
            "bad": len(self.problems),
            "summary": self.is_summary,
            "heading_rows": [top, bottom] if top is not None else None,
            "columns": self.columns(),
            "ignored": self.ignored(),
            "unit_source": self.unit_source,
        }


@dataclass
class Plan:
    """Everything an import would do, computed without writing."""

    reports: list[SheetReport] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    refs: dict[tuple[RecordKind, str], str] = field(default_factory=dict)
    """Each record created from a row with a 编号 (the ID export wrote): (kind, 编号) → new ID."""

    def paths(self, root: Path) -> list[Path]:
        return [record_path(root, r.id) for r in self.records]

    def is_empty(self) -> bool:
        """No sheet had a row holding a record (an import template, headings only)."""
        return not any(r.created or r.skipped.get("已存在") for r in self.reports)

    def as_json(self, file: str, written: bool) -> dict[str, Any]:
        """The import's account for scripts: what it created (or would: written false), each
        sheet's reading (SheetReport.as_json) and each row it could not read."""
        return {
            "file": file,
            "written": written,
            "records": len(self.records),
            "ids": [r.id for r in self.records],
            "sheets": [r.as_json() for r in self.reports],
            "problems": [
                {
                    "sheet": p.sheet,
                    "cell": f"{column_letter(p.col)}{p.row}",
                    "row": p.row,
                    "message": p.message,
                }
                for p in self.problems
            ],
        }


class Planner:
    """Reads tables against a ledger and allocates IDs for the records to create."""

    def __init__(
        self,
        book: Ledger,
        office: Office,
        today: date,
        source: str,
        options: ImportOptions | None = None,
    ) -> None:
        self.book = book
        self.settings: Settings = book.settings
        self.office = office
        self.today = today
        self.source = source
        self.options = options or ImportOptions()
        # --unit: every row's unit (a UsageError listing candidates if it names none or many)
        self.given_unit: Enterprise | None = (
            find_enterprise(book.enterprises, self.options.unit) if self.options.unit else None
        )
        self.sheet_unit: Enterprise | None = None  # the unit of every row of this sheet
        self.level_words = self.options.level_words
        self.plan = Plan()
        self.units: dict[str, Enterprise] = {}
        for unit in book.enterprises:
            self.units.setdefault(fold_name(unit.name), unit)
            if unit.short_name:
                self.units.setdefault(fold_name(unit.short_name), unit)
        self.made: dict[str, Record] = {}  # the inspections made so far, which hazards cite
        self.rules = Context(self.settings, today, self._cited)
        self.new_units: set[str] = set()
        self.bad_units: dict[str, str] = {}  # folded name → where its 企业台账 row failed
        self.row_unit: str | None = None  # the unit the row being read made, by folded name
        self.ids = IdAllocator(book.root, self.settings.code, office.code)
        self.existing: dict[RecordKind, Counter[Hashable]] = {
            RecordKind.INSPECTION: Counter(inspection_key(r) for r in book.inspections),
            RecordKind.HAZARD: Counter(hazard_key(r) for r in book.hazards),
            RecordKind.PENALTY: Counter(penalty_key(r) for r in book.penalties),
            RecordKind.ACCIDENT: Counter(accident_key(r) for r in book.accidents),
            RecordKind.ACTIVITY: Counter(activity_key(r) for r in book.activities),
            RecordKind.PLAN: Counter(plan_key(r) for r in book.plans),
            RecordKind.PATROL: Counter(patrol_key(r) for r in book.patrols),
            RecordKind.SELF_CHECK: Counter(self_check_key(r) for r in book.self_checks),
        }
        # The workbook's own 编号 of each record created (export writes the record's ID), to
        # the ID it gets here: a hazard's 检查记录, a penalty's 隐患编号 follow it.
        self.refs = self.plan.refs
        # The 隐患排查整改台账's hazards by unit, day and folded description, for the
        # 重大隐患台账 rows that list them again; kept only when the tables hold such a sheet.
        self.hazards_by_key: dict[Hashable, list[int]] = {}
        self.majors_listed = False
        self.steps: dict[tuple[date, Action, str | None, str | None], Step] = {}
        self.state_columns: tuple[str, ...] = ()  # the sheet's status, status·2 …
        self.said_cells: dict[object, Said | None] = {}
        self.histories: dict[Hashable, tuple[list[Step], Status]] = {}
        self.stories: dict[tuple[str, date], tuple[list[Step], Status]] = {}  # 整改验收记录
        self.visits: dict[tuple[str, date], list[str]] = {}
        for visit in book.inspections:
            self.visits.setdefault((visit.enterprise, visit.date), []).append(visit.id)

    def build(self, kind: RecordKind, day: date, data: dict[str, Any], row: Row) -> Record:
        """The record of these fields (the dict is taken over), with a new ID, validated."""
        model = MODELS[kind]
        for name in _DEFAULTED[kind]:  # an empty cell leaves such a field to its default
            if name in data and data[name] is None:
                del data[name]
        record_id = data["id"] = self.ids.allocate(kind, day)
        try:
            record = model.model_validate(data)
        except ValidationError as error:
            self.ids.give_back(record_id)
            loc, message = next(iter(messages(error, model)))
            raise RowFault(self._column(row, loc), message) from None
        refused = refusals(record, self.rules)  # the ledger's rules, as add-* and check apply
        if refused:
            self.ids.give_back(record_id)
            loc, message = refused[0]
            raise RowFault(self._column(row, loc), message)
        return record

    @staticmethod
    def _column(row: Row, loc: tuple[str | int, ...]) -> int:
        """The cell of the row a field came from."""
        name = str(loc[0]) if loc else ""
        if name == "history" and "rectified" in row.layout.columns:
            name = "rectified"
        if name == "domain" and "domain" not in row.layout.columns:
            name = "sector"  # a penalty sheet's 行业领域 of a person's case
        return row.col(_FIELD_COLUMN.get(name, name))

    def _cited(self, record_id: str) -> Record | None:
        return self.book.by_id.get(record_id) or self.made.get(record_id)

    # Units -------------------------------------------------------------------------------
    def unit_for(self, row: Row, report: SheetReport, required: bool = True) -> Enterprise | None:
        if self.sheet_unit is not None:
            return self.sheet_unit
        name = row.text("unit")
        if name is None:
            if required:
                raise RowFault(row.col("unit"), "缺少单位名称")
            return None
        folded = fold_name(name)
        found = self.units.get(folded)
        if found is not None:
            return found
        if folded in self.bad_units:
            where = self.bad_units[folded]
            raise RowFault(row.col("unit"), f"单位“{name}”在 {where} 无法读取，请先改正该行")
        data = {
            "name": name,
            "village": row.text("village"),
            "sector": row.text("sector"),
        }
        unit = self.build(RecordKind.ENTERPRISE, self.today, data, row)
        assert isinstance(unit, Enterprise)
        self.units[folded] = unit
        self.plan.records.append(unit)
        report.units_created += 1
        self.row_unit = folded
        return unit

    def take_back_unit(self, folded: str, report: SheetReport) -> None:
        """The unit a row named for the first time, when the row itself could not be read: a
        skipped row leaves nothing behind (a later good row of the unit makes it after all)."""
        unit = self.units.pop(folded)
        self.plan.records.remove(unit)
        self.ids.give_back(unit.id)
        report.units_created -= 1

    # Sheets ------------------------------------------------------------------------------
    def add_tables(self, tables: Sequence[Table], forced: SheetKind | None = None) -> Plan:
        title_year = year_in(self.source)
        kinds = _forced_kinds(tables, forced)
        laid_out: list[tuple[Table, Layout | None, SheetReport]] = []
        for table in tables:
            layout = self._layout(table, kinds[table.name])
            report = SheetReport(table.name, layout.kind if layout else None, layout=layout)
            laid_out.append((table, layout, report))
            self.plan.reports.append(report)
            if layout is not None and layout.kind is SheetKind.MAJOR_HAZARDS:
                self.majors_listed = True
        laid_out.sort(key=lambda t: _ORDER.index(t[1].kind) if t[1] else len(_ORDER))
        for table, layout, report in laid_out:
            if layout is None:
                continue
            year = year_of_title(table, layout) or year_in(table.name) or title_year
            layout = self._sheet_unit(table, layout, report)
            if layout is not None:
                report.layout = layout
                self._sheet(table, layout, report, year)
            self.sheet_unit = None
        for report in self.plan.reports:
            report.problems = [p for p in self.plan.problems if p.sheet == report.name]
        return self.plan

    def _layout(self, table: Table, forced: SheetKind | None) -> Layout | None:
        """The sheet's kind and columns, told by its headings (its name only breaks a tie)."""
        extra: Overrides = self.options.overrides
        if forced is not None:
            return find_layout(forced, table.rows, extra)
        named = kind_by_name(table.name)
        if named is None:
            return listing_layout(table.name, table.rows, extra)
        if named is False:
            return guess_layout(table.rows, extra)
        assert isinstance(named, SheetKind)
        by_name = find_layout(named, table.rows, extra)
        by_headings = guess_layout(table.rows, extra)
        if by_name is None:
            return by_headings
        if (
            by_headings is not None
            and by_headings.kind not in (named, _MAIN_OF.get(named))
            and len(by_headings.columns) > len(by_name.columns)
        ):
            return by_headings  # 企业台账 holding hazards: its headings say so
        return by_name

    def _sheet_unit(self, table: Table, layout: Layout, report: SheetReport) -> Layout | None:
        """Where the sheet's rows find their unit: --unit, the unit column, or the title
        block (单位：…). None, with the reason as a problem, when the sheet names none that
        is registered."""
        if layout.kind not in _UNIT_BLOCKS:
            return layout
        given = self.given_unit
        if given is not None:
            self.sheet_unit = given
            report.unit_source = f"--unit 指定：{given.name}（{given.id}）"
            if "unit" in layout.columns:  # every row is the given unit's, whatever it says
                col = layout.columns["unit"]
                columns = {n: c for n, c in layout.columns.items() if n != "unit"}
                heading = dict(layout.texts).get(col, "")
                ignored = tuple(sorted((*layout.ignored, (col, f"{heading}（按 --unit）"))))
                layout = dataclasses.replace(layout, columns=columns, ignored=ignored)
            return layout
        if "unit" in layout.columns:
            col = layout.columns["unit"]
            heading = dict(layout.texts).get(col, "")
            report.unit_source = f"{column_letter(col)} 列“{heading}”"
            return layout
        titled = unit_in_title(table, layout)
        if titled is None:
            top, _ = layout.heading_rows
            self.plan.problems.append(
                RowProblem(
                    table.name,
                    top,
                    0,
                    "表中没有单位名称列，标题中也没有“单位：”或“项目名称：”；"
                    "请用 --unit 指定这些隐患所属的单位",
                )
            )
            return None
        r, c, name, text = titled
        unit = self.units.get(fold_name(name))
        if unit is None:
            self.plan.problems.append(
                RowProblem(
                    table.name,
                    r + 1,
                    c,
                    f"标题“{text}”中的单位“{name}”未登记；请先 anquan add-enterprise --name "
                    f"{name} 登记，或用 --unit 指定单位",
                )
            )
            return None
        self.sheet_unit = unit
        report.unit_source = f"标题 {column_letter(c)}{r + 1}“{text}” → {unit.name}（{unit.id}）"
        return layout

    def _sheet(self, table: Table, layout: Layout, report: SheetReport, year: int | None) -> None:
        handle = {
            SheetKind.ENTERPRISES: self._enterprise,
            SheetKind.INSPECTIONS: self._inspection,
            SheetKind.HAZARDS: self._hazard,
            SheetKind.MAJOR_HAZARDS: self._hazard,
            SheetKind.PENALTIES: self._penalty,
            SheetKind.ACCIDENTS: self._accident,
            SheetKind.ACTIVITIES: self._activity,
            SheetKind.PLANS: self._plan,
            SheetKind.PATROLS: self._patrol,
            SheetKind.SELF_CHECKS: self._self_check,
        }[layout.kind]
        previous: Row | None = None
        blocks = layout.kind in _UNIT_BLOCKS and self.sheet_unit is None
        fill_down = self.options.fill_down or not table.merges_known
        make_row = RowMaker(table.name, layout, year)
        report.read += max(len(table.rows) - layout.first_data_row, 0)
        # A row filled only outside these (序号, a merged unit block's cells) holds no record.
        content = tuple(
            name
            for name in layout.columns
            if name not in _NOT_CONTENT
            and (layout.kind is SheetKind.ENTERPRISES or name not in ("unit", "village", "sector"))
        )
        with_refs = "ref" in layout.columns
        pick = itemgetter(*content, *content)  # a tuple however many: each twice
        empty = (None,) * (2 * len(content))
        formulas = {col for _, col in table.uncached}
        self.state_columns = tuple(n for n in layout.columns if n.partition(MORE)[0] == "status")
        for index in range(layout.first_data_row, len(table.rows)):
            cells = table.rows[index]
            why = skip_reason(layout, cells)
            if why is None and index < layout.first_data_row + EXAMPLE_ROWS and is_example(cells):
                why = "示例行"
            if why is None:
                row = make_row(index + 1, cells)
                if pick(row.values) == empty:
                    why = "仅有序号" if all(_serial(v) for v in cells) else "无可导入内容"
            if why is not None:
                report.skipped[why] += 1
                continue
            self.row_unit = None
            try:
                if formulas:
                    _refuse_uncached(table, layout, index)
                if not DITTO.isdisjoint(row.values.values()):  # most rows: no 同上
                    fill_ditto(row, previous)
                if blocks and "unit" in row.values and row.values["unit"] is None:
                    if previous is None:
                        raise RowFault(row.col("unit"), "缺少单位名称")
                    if not fill_down:
                        raise RowFault(row.col("unit"), _BLANK_UNIT)
                    fill_unit_block(row, previous)
                previous = row
                outcome = handle(row, report)
            except RowFault as fault:
                self.plan.problems.append(
                    RowProblem(table.name, index + 1, fault.col, fault.message)
                )
                if self.row_unit is not None:
                    self.take_back_unit(self.row_unit, report)
                if layout.kind is SheetKind.ENTERPRISES and (name := row.text("unit")):
                    self.bad_units[fold_name(name)] = f"{table.name}!A{index + 1}"
                report.skipped[_BAD] += 1
                continue
            if outcome is None:
                report.created += 1
                if with_refs and (ref := row.text("ref")) is not None:
                    record = self.plan.records[-1]
                    self.refs[(record.KIND, ref)] = record.id
            else:
                report.skipped[outcome] += 1

    def _accept(self, kind: RecordKind, key: Hashable, record: Record) -> str | None:
        seen = self.existing[kind]
        if seen[key] > 0:
            seen[key] -= 1
            self.ids.give_back(record.id)
            return "已存在"
        self.plan.records.append(record)
        return None

    # Kinds -------------------------------------------------------------------------------
    def _enterprise(self, row: Row, report: SheetReport) -> str | None:
        name = row.text("unit")
        if name is None:
            raise RowFault(row.col("unit"), "缺少单位名称")
        if fold_name(name) in self.units:
            return "已在表中" if fold_name(name) in self.new_units else "已存在"
        data = {
            "name": name,
            "short_name": row.text("short_name"),
            "credit_code": row.text("credit_code"),
            "sector": row.text("sector"),
            "subtype": row.text("subtype"),
            "village": row.text("village"),
            "address": row.text("address"),
            "principal": row.text("principal"),
            "legal_rep": row.text("legal_rep"),
            "phone": read_phone(row.raw("phone")),
            "risk_level": strip_suffix(row.text("risk_level"), "风险"),
            "status": row.text("status"),
            "status_date": row.day("status_date"),
            "office": row.text("office"),
            "attributes": {
                name.removeprefix(ATTRIBUTE): value
                for name in row.values
                if name.startswith(ATTRIBUTE) and (value := row.text(name)) is not None
            },
            "note": row.text("note"),
        }
        unit = self.build(RecordKind.ENTERPRISE, self.today, data, row)
        assert isinstance(unit, Enterprise)
        self.units[fold_name(name)] = unit
        self.new_units.add(fold_name(name))
        self.plan.records.append(unit)
        return None

    def _inspection(self, row: Row, report: SheetReport) -> str | None:
        day = row.day("date", self.today)
        if day is None:
            raise RowFault(row.col("date"), "缺少检查日期")
        unit = self.unit_for(row, report)
        assert unit is not None
        data = {
            "enterprise": unit.id,
            "date": day,
            "type": row.text("type") or "日常检查",
            "campaign": row.text("campaign"),
            "leader": row.text("leader"),
            "inspectors": row.text("inspectors") or [],
            "office": row.text("office"),
            "partners": row.text("partners") or [],
            "documents": row.read("documents", read_documents),
            "doc_no": row.text("doc_no"),
            "note": row.text("note"),
        }
        record = self.build(RecordKind.INSPECTION, day, data, row)
        assert isinstance(record, Inspection)
        outcome = self._accept(RecordKind.INSPECTION, inspection_key(record), record)
        if outcome is None:
            self.visits.setdefault((unit.id, day), []).append(record.id)
            self.made[record.id] = record
        return outcome

    def _hazard(self, row: Row, report: SheetReport) -> str | None:
        found = row.day("found", self.today)
        if found is None:
            raise RowFault(row.col("found"), "缺少发现日期")
        description = row.text("description")
        if description is None:
            raise RowFault(row.col("description"), "缺少隐患描述")
        major_sheet = row.layout.kind is SheetKind.MAJOR_HAZARDS
        level = hazard_level(row, Level.MAJOR if major_sheet else Level.GENERAL, self.level_words)
        place = _place(row.text("unit"))
        unit = None if place else self.unit_for(row, report)
        history, status = self._history(row, found)
        deadline = _deadline(row)
        listed = read_supervision(row)
        source = self._source(row)
        values = row.values
        found_by: dict[RecordKind, str] = {}
        if "found_by" in values:  # the workbook says which record found it, or none
            found_by = self._finder(row)
            inspection = found_by.get(RecordKind.INSPECTION)
        elif unit and source is HazardSource.INSPECTION:
            inspection = self._inspection_of(unit.id, found)
        else:  # a hazard the unit found itself, or one reported, came from no inspection
            inspection = None
        data: dict[str, Any] = {
            "enterprise": unit.id if unit else None,
            "place": place,
            "village": None if unit else row.text("village"),
            "sector": None if unit else row.text("sector"),
            "office": None if unit else row.text("office"),
            "inspection": inspection,
            "documents": row.read("documents", read_documents) if "documents" in values else {},
            "patrol": found_by.get(RecordKind.PATROL),
            "self_check": found_by.get(RecordKind.SELF_CHECK),
            "found": found,
            "description": description,
            "level": level,
            "category": row.text("category"),
            "campaign": row.text("campaign"),
            "measures": row.text("measures"),
            "responsible": row.text("responsible"),
            "deadline": deadline,
            "funds": row.money("funds"),
            "plan": row.text("plan"),
            "supervision": listed,
            "status": status,
            "history": history,
            "note": row.text("note"),
        }
        if source is not HazardSource.INSPECTION:  # the defaults are left to the model
            data["source"] = source
        if "on_the_spot" in values:  # the workbook's 当场整改 column says it, yes or no
            if row.read("on_the_spot", read_yes):
                data["on_the_spot"] = True
        elif len(history) > 1 and history[1].note == FIXED_THERE:
            data["on_the_spot"] = True
        key = (unit.id if unit else None, found, fold(description))  # the record's hazard_key
        if major_sheet and self.hazards_by_key.get(key):
            return self._enrich(key, data, row)
        record = self.build(RecordKind.HAZARD, found, data, row)
        assert isinstance(record, Hazard)
        outcome = self._accept(RecordKind.HAZARD, key, record)
        if not major_sheet and self.majors_listed:
            index = len(self.plan.records) - 1 if outcome is None else _EXISTING
            self.hazards_by_key.setdefault(key, []).append(index)
        return outcome

    def _source(self, row: Row) -> HazardSource:
        """Where the row's hazard came from: its 隐患来源 cell, else --source, else 检查."""
        text = row.text("source") if "source" in row.values else None
        if text is None:
            return self.options.source or HazardSource.INSPECTION
        source = _source_named(text)
        if source is None:
            allowed = "、".join(s.value for s in HazardSource)
            raise RowFault(row.col("source"), f"隐患来源“{text}”应为 {allowed} 之一")
        return source

    def _linked(self, row: Row, column: str, kind: RecordKind) -> str | None:
        """The record a link column (检查记录, 隐患编号 …) names by its 编号: the one this
        import creates from the workbook's row of that 编号, else the ledger's own record of
        that ID (the workbook came from this ledger); None for an empty cell, or for a
        record neither holds (a period's workbook citing an earlier inspection)."""
        ref = row.text(column) if column in row.values else None
        return None if ref is None else self._record_of(ref, kind)

    def _record_of(self, ref: str, kind: RecordKind) -> str | None:
        made = self.refs.get((kind, ref))
        if made is not None:
            return made
        return ref if ref in self.book.by_id and kind_of_id(ref) is kind else None

    def _finder(self, row: Row) -> dict[RecordKind, str]:
        """The 发现记录 cell's inspection, patrol or self-check (by its 编号), by kind."""
        ref = row.text("found_by")
        if ref is None:
            return {}
        for kind in _FINDERS:
            found = self._record_of(ref, kind)
            if found is not None:
                return {kind: found}
        return {}

    def _inspection_of(self, unit: str, found: date) -> str | None:
        """A new hazard found at a unit on the day of exactly one inspection there came from it.
        Every inspection sheet is read before any hazard sheet (_ORDER), so the ledger's and
        the workbook's inspections are all known by now."""
        visits = self.visits.get((unit, found))
        return visits[0] if visits is not None and len(visits) == 1 else None

    def _enrich(self, key: Hashable, data: dict[str, Any], row: Row) -> str:
        """A 重大隐患台账 row for a hazard the 隐患排查整改台账 already gave: the hazard is
        重大 (whether or not that sheet said so), and gains the row's 五落实 and 督办."""
        listed = self.hazards_by_key[key]
        # Two hazards alike but for their level (一般 and 重大, found the same day): the row
        # is the 重大 one's.
        majors = [i for i in listed if i != _EXISTING and _is_major(self.plan.records[i])]
        index = majors[0] if majors else listed[0]
        listed.remove(index)
        if index == _EXISTING:
            return "已存在"
        record = self.plan.records[index]
        update = {
            name: value
            for name, value in data.items()
            if name in ("plan", "supervision", "measures", "responsible", "deadline", "funds")
            and value is not None
            and getattr(record, name) is None
        }
        update["level"] = data["level"]
        merged = {**record.model_dump(), **update}
        enriched = type(record).model_validate(merged)
        refused = refusals(enriched, self.rules)
        if refused:
            self.hazards_by_key[key].insert(0, index)
            loc, message = refused[0]
            raise RowFault(self._column(row, loc), message)
        self.plan.records[index] = enriched
        return "已在隐患排查整改台账中"

    def _history(self, row: Row, found: date) -> tuple[list[Step], Status]:
        """The hazard's steps and its state, from what the row says: its state words (in
        every state column), its 当场纠正/立即整改/限时整改, its rectified date and its
        验收 (复查, 核查) date and person."""
        raw = row.raw("story")
        story = str(raw).strip() if raw is not None else None  # lines kept: one step a line
        if story:
            told_key = (story, found)
            known = self.stories.get(told_key)
            if known is None:
                told = story_steps(row, story)
                steps = (
                    []
                    if told and told[0][1] is Action.FOUND
                    else [self._step(found, Action.FOUND, self.office.name)]
                )
                steps += [self._step(*step) for step in told]
                known = self.stories[told_key] = self._checked(row, steps)
            return known
        state, signed_off, method = self._said(row) if self.state_columns else _NOTHING_SAID
        if method is None:
            # 处置措施 当场纠正, or 当场整改 where the deadline would be (as export writes it)
            values = row.values
            method = method_in(values.get("measures")) or method_in(values.get("deadline"))
        on_the_spot = method == ON_THE_SPOT
        rectified, closed = row.day("rectified", self.today), row.day("closed", self.today)
        if state is None:
            state = (
                Status.RECTIFIED
                if on_the_spot or rectified
                else Status.CLOSED
                if closed
                else Status.OPEN
            )
        if state is not Status.OPEN and (closed is not None or signed_off):
            state = Status.CLOSED  # 验收 dated, or 销号 said: the 验收 step
        elif state is Status.CLOSED:
            state = Status.RECTIFIED  # 关闭, 闭环 without a 验收 date: rectified, no more
        verifier = row.text("verifier") if state is Status.CLOSED else None
        day, why = rectified, None
        if state is not Status.OPEN and day is None:
            day, why = self._rectified_day(row, found, closed, on_the_spot)
        fixed_there = on_the_spot and day == found  # 当场整改, as add-hazard --on-the-spot
        # Thousands of rows give the same few histories: each is made (and checked) once. A
        # Hazard copies the list it is given, so the rows can share it.
        key = (found, state, day, why, closed, verifier, method)
        known = self.histories.get(key)
        if known is None:
            kept = f"处置方式：{method}" if method is not None and not fixed_there else None
            steps = [self._step(found, Action.FOUND, self.office.name, kept)]
            if fixed_there:
                steps.append(self._step(found, Action.RECTIFIED, self.office.name, FIXED_THERE))
            elif state is not Status.OPEN:
                assert day is not None
                steps.append(self._step(day, Action.RECTIFIED, None, why))
            if state is Status.CLOSED:
                assert day is not None
                when = closed or day
                steps.append(self._step(when, Action.PASSED, verifier))
                steps.append(self._step(when, Action.CLOSED, verifier))
            known = self.histories[key] = self._checked(row, steps)
        return known

    def _said(self, row: Row) -> tuple[Status | None, bool, str | None]:
        """What the row's state columns say together: the state, whether 验收 passed, how
        it is rectified. Columns that say open and done at once make a bad row."""
        said: list[tuple[str, Said]] = []
        values = row.values
        for name in self.state_columns:
            value = values[name]
            if value is None:
                continue
            one = self.said_cells.get(value, _UNREAD)  # thousands of rows, a few words
            if one is _UNREAD:
                one = self.said_cells[value] = row.read(name, read_said)
            if one is not None:
                said.append((name, one))
        if not said:
            return _NOTHING_SAID
        if len(said) == 1:  # most sheets: one state column
            return said[0][1].summary
        method = next((s.method for _, s in said if s.method), None)
        stated = [(n, s) for n, s in said if s.state is not None]
        opened = [(n, s) for n, s in stated if s.state is Status.OPEN]
        done = [(n, s) for n, s in stated if s.state is not Status.OPEN]
        if method == ON_THE_SPOT and opened:
            done.append(next((n, s) for n, s in said if s.method == ON_THE_SPOT))
        if opened and done:
            (a, _), (b, _) = opened[0], done[0]
            raise RowFault(
                row.col(b),
                f"“{row.text(b)}”与 {column_letter(row.col(a))}{row.number}"
                f"“{row.text(a)}”互相矛盾（一处说已整改，一处说未整改）",
            )
        if opened:
            return Status.OPEN, False, method
        if not done:
            return None, False, method
        closed = any(s.state is Status.CLOSED for _, s in done)
        state = Status.CLOSED if closed else Status.RECTIFIED
        return state, any(s.signed_off for _, s in done), method

    def _rectified_day(
        self, row: Row, found: date, closed: date | None, on_the_spot: bool
    ) -> tuple[date, str]:
        """A rectified hazard's day where the sheet gives no rectified date: the best date
        the row gives, and the note saying which."""
        if on_the_spot:
            return found, FIXED_THERE
        if closed is not None:
            return closed, "台账未写整改完成日期，按验收（复查）日期记"
        deadline = _deadline(row)
        if deadline is not None and found <= deadline <= self.today:
            return deadline, "台账未写整改完成日期，按整改期限记"
        return found, "台账未写整改完成日期，按发现日期记"

    @staticmethod
    def _checked(row: Row, steps: list[Step]) -> tuple[list[Step], Status]:
        """The steps, in the order of their days, and the state they leave the hazard in."""
        for before, after in itertools.pairwise(steps):
            if after.date < before.date:
                where = "rectified" if after.action is Action.RECTIFIED else "closed"
                raise RowFault(
                    row.col(where), f"{after.action.value}日期 {after.date} 早于 {before.date}"
                )
        return steps, state_after(steps[-1].action)

    def _step(
        self, day: date, action: Action, by: str | None = None, note: str | None = None
    ) -> Step:
        """The Step, made once for each (day, action, person, note): thousands of hazards
        share them (a Step is frozen), and a Hazard takes a Step as it is."""
        key = (day, action, by, note)
        step = self.steps.get(key)
        if step is None:
            step = self.steps[key] = Step(date=day, action=action, by=by, note=note)
        return step

    def _penalty(self, row: Row, report: SheetReport) -> str | None:
        day = row.day("date", self.today)
        if day is None:
            raise RowFault(row.col("date"), "缺少处罚日期")
        fine = row.money("fine")
        if fine is None:
            raise RowFault(row.col("fine"), "缺少罚款金额")
        named = row.text("unit") or ""
        if named.endswith(PERSON_MARK) and named.removesuffix(PERSON_MARK).strip():
            # a case against a person: its 领域 and 村 are its own, not a unit's
            party: dict[str, Any] = {
                "person": named.removesuffix(PERSON_MARK).strip(),
                "domain": row.text("sector"),
                "village": row.text("village"),
            }
        else:
            unit = self.unit_for(row, report)
            assert unit is not None
            party = {"enterprise": unit.id}
        data = {
            **party,
            "date": day,
            "fine": fine,
            "doc_no": row.text("doc_no"),
            "reason": row.text("reason"),
            "inspection": self._linked(row, "inspection_ref", RecordKind.INSPECTION),
            "hazard": self._linked(row, "hazard_ref", RecordKind.HAZARD),
            "note": row.text("note"),
        }
        record = self.build(RecordKind.PENALTY, day, data, row)
        assert isinstance(record, Penalty)
        return self._accept(RecordKind.PENALTY, penalty_key(record), record)

    def _accident(self, row: Row, report: SheetReport) -> str | None:
        day = row.day("date", self.today)
        if day is None:
            raise RowFault(row.col("date"), "缺少事故日期")
        domain = row.text("domain")
        if domain is None:
            raise RowFault(row.col("domain"), "缺少行业领域")
        named, place = row.text("unit"), row.text("place")
        # One column naming a unit or a place (发生地点, 事故单位(地点)): a unit if registered.
        where = named or (place if "unit" not in row.values else None)
        unit = self.units.get(fold_name(where)) if where else None
        if unit is None and named is not None and place is None:
            place = named
        data = {
            "date": day,
            "domain": domain,
            "enterprise": unit.id if unit else None,
            "place": None if unit is not None and where == place else place,
            "person": row.text("person"),
            "deaths": row.read("deaths", read_count) or 0,
            "injuries": row.read("injuries", read_count) or 0,
            "grade": row.text("grade"),
            "loss_yuan": row.money("loss"),
            "summary": row.text("summary"),
        }
        record = self.build(RecordKind.ACCIDENT, day, data, row)
        assert isinstance(record, Accident)
        return self._accept(RecordKind.ACCIDENT, accident_key(record), record)

    def _activity(self, row: Row, report: SheetReport) -> str | None:
        day = row.day("date", self.today)
        if day is None:
            raise RowFault(row.col("date"), "缺少日期")
        data = {
            "date": day,
            "kind": row.text("kind"),
            "leader": row.text("leader"),
            "count": row.read("count", read_count) or 1,
            "people": row.read("people", read_count),
            "what": row.text("what"),
            "quantity": row.read("quantity", read_count),
            "measure": row.text("measure"),
            "campaign": row.text("campaign"),
            "office": row.text("office"),
            "note": row.text("note"),
        }
        record = self.build(RecordKind.ACTIVITY, day, data, row)
        assert isinstance(record, Activity)
        return self._accept(RecordKind.ACTIVITY, activity_key(record), record)

    def _plan(self, row: Row, report: SheetReport) -> str | None:
        month = row.read("month", read_month)
        if month is None:
            raise RowFault(row.col("month"), "缺少月份")
        data = {
            "office": row.text("office"),
            "village": row.text("village"),
            "month": month,
            "inspections": row.read("inspections", read_count),
            "patrols": row.read("patrols", read_count),
            "sector": row.text("sector"),
        }
        day = date(int(month[:4]), int(month[5:]), 1)
        record = self.build(RecordKind.PLAN, day, data, row)
        assert isinstance(record, InspectionPlan)
        return self._accept(RecordKind.PLAN, plan_key(record), record)

    def _patrol(self, row: Row, report: SheetReport) -> str | None:
        day = row.day("date", self.today)
        if day is None:
            raise RowFault(row.col("date"), "缺少巡查日期")
        point = row.text("point")
        unit = self.units.get(fold_name(point)) if point else None
        if point is not None and unit is None:
            raise RowFault(
                row.col("point"),
                f"巡查点位“{point}”不是已登记的单位；点位（地灾隐患点、山塘、检查站等）"
                "请先按其行业领域登记为单位（anquan add-enterprise），或写入企业台账一并导入",
            )
        data: dict[str, Any] = {
            "date": day,
            "village": row.text("village"),
            "point": unit.id if unit else None,
            "kind": row.text("patrol_kind"),
            "by": row.text("by") or [],
            "office": row.text("office"),
            "note": row.text("note"),
        }
        record = self.build(RecordKind.PATROL, day, data, row)
        assert isinstance(record, Patrol)
        return self._accept(RecordKind.PATROL, patrol_key(record), record)

    def _self_check(self, row: Row, report: SheetReport) -> str | None:
        day = row.day("date", self.today)
        if day is None:
            raise RowFault(row.col("date"), "缺少自查日期")
        unit = self.unit_for(row, report)
        assert unit is not None
        data = {
            "enterprise": unit.id,
            "date": day,
            "level": strip_suffix(row.text("check_level"), "级"),
            "by": row.text("by"),
            "office": row.text("office"),
            "note": row.text("note"),
        }
        record = self.build(RecordKind.SELF_CHECK, day, data, row)
        assert isinstance(record, SelfCheck)
        return self._accept(RecordKind.SELF_CHECK, self_check_key(record), record)


_FINDERS = (RecordKind.INSPECTION, RecordKind.PATROL, RecordKind.SELF_CHECK)
_EXISTING = -1  # a hazard the ledger already held: its 重大隐患台账 row adds nothing
_BAD = "有错误"
_UNREAD = Said(None, method="未读")  # a cell not read yet, for said_cells
_NOTHING_SAID: tuple[Status | None, bool, str | None] = (None, False, None)
_BLANK_UNIT = (
    "单位名称为空（不是合并单元格）；如与上一行是同一单位，请合并这些单元格、写“同上”，"
    "或加 --fill-down 按上一行填充"
)
_UNCACHED = (
    "公式没有保存的计算结果（文件可能由程序生成）；请在 Excel 或 WPS 中打开该文件、保存后再导入"
)


def _deadline(row: Row) -> date | None:
    """整改期限: a date, or none where the cell names how it was rectified (当场整改)."""
    value = row.raw("deadline")
    if type(value) is str and method_in(value) is not None:
        return None
    return row.day("deadline")


def _is_major(record: Record) -> bool:
    return isinstance(record, Hazard) and record.level is Level.MAJOR


def _serial(value: object) -> bool:
    """A 序号 cell's value (or none)."""
    return value is None or type(value) in (int, float) or (type(value) is str and value.isdigit())


def _refuse_uncached(table: Table, layout: Layout, index: int) -> None:
    """A field's cell holding a formula whose value was never saved is a bad row."""
    for col in sorted(layout.columns.values()):
        if (index, col) in table.uncached:
            raise RowFault(col, _UNCACHED)


_DEFAULTED = {
    kind: tuple(
        name
        for name, field in model.model_fields.items()
        if not field.is_required() and type(None) not in get_args(field.annotation)
    )
    for kind, model in MODELS.items()
}
"""Each kind's fields with a default that None is not a value of (a hazard's 等级, a unit's
状态 …): a row's empty cell for one must give way to the default, not be refused."""

_FIELD_COLUMN = {
    "name": "unit",
    "enterprise": "unit",
    "point": "point",
    "level": "level",
    "inspection": "inspection_ref",
    "patrol": "found_by",
    "self_check": "found_by",
    "hazard": "hazard_ref",
    "found": "found",
    "loss_yuan": "loss",
    "kind": "kind",
    "fine": "fine",
    "grade": "grade",
}


_HAZARD_KINDS = (SheetKind.HAZARDS, SheetKind.MAJOR_HAZARDS)
# A 重大隐患台账 has the main sheet's headings: told apart by its name, not its headings.
_MAIN_OF = {SheetKind.MAJOR_HAZARDS: SheetKind.HAZARDS}


def _forced_kinds(tables: Sequence[Table], forced: SheetKind | None) -> dict[str, SheetKind | None]:
    """Each sheet's kind as --kind gives it (None: told by its name and headings).

    With --kind hazards or major_hazards, a workbook with a sheet named 重大隐患… keeps it the
    major sheet and its sheets named 隐患… the main sheets, whatever --kind says: the major
    sheet lists the main sheets' hazards again, to be matched, not read as more hazards."""
    named = {table.name: kind_by_name(table.name) for table in tables}
    if forced not in _HAZARD_KINDS or SheetKind.MAJOR_HAZARDS not in named.values():
        return dict.fromkeys(named, forced)
    return {
        name: kind if isinstance(kind, SheetKind) and kind in _HAZARD_KINDS else forced
        for name, kind in named.items()
    }


@lru_cache(maxsize=256)
def _source_named(text: str) -> HazardSource | None:
    """The 隐患来源 a cell names (thousands of rows, a few words), or None."""
    folded = fold(text)
    return next((source for source in HazardSource if source.value in folded), None)


def plan_import(
    book: Ledger,
    tables: Sequence[Table],
    office: Office,
    today: date,
    source: str,
    kind: SheetKind | None = None,
    options: ImportOptions | None = None,
) -> Plan:
    """What importing these tables into the ledger would create, skip and refuse."""
    with bulk():
        return Planner(book, office, today, source, options).add_tables(tables, kind)


def _place(name: str | None) -> str | None:
    """The place a 单位名称 cell names with PLACE_MARK (a hazard with no unit), else None."""
    if name is None or not name.startswith(PLACE_MARK):
        return None
    return name.removeprefix(PLACE_MARK).strip() or None
