"""Benchmark the 台账 workbook: export and import of N hazard rows against their floor.

    python bench/workbook.py [--rows 120000] [--json]

export  — anquan's 隐患排查整改台账 sheet (rows built from Hazard records, heights worked out,
          overdue highlighted) against plain xlsxwriter in constant-memory mode writing the
          same values with the same formats.
import  — anquan's import plan (safety checks, calamine read, headings, dates, units,
          status, de-duplication, validation; nothing written) against a calamine read of
          the same file plus pydantic validation of the records its rows hold (with their
          histories), as the import made them.

Each side runs seven times, the two in turns; a ratio is the median of the turns' own ratios.

`run(rows)` returns the timings as a dict, for bench/ scripts that call this one.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from anquan_cli.model.enums import Level
from anquan_cli.model.lifecycle import found_step, rectify, verify
from anquan_cli.model.records import Enterprise, Hazard
from anquan_cli.render.sheets import HAZARD_COLUMNS, Row, Scope, Sheet, _Units, hazard_rows
from anquan_cli.render.workbook import new_book, write_sheet
from anquan_cli.stats.periods import whole_year

AS_OF = date(2024, 12, 31)
WORDS = "消防通道堵塞灭火器过期配电箱未上锁应急照明损坏安全出口标识缺失储罐静电接地不良"


def make_records(rows: int, seed: int = 7) -> tuple[list[Enterprise], list[Hazard]]:
    """A town-sized set of units and `rows` hazards with real-looking histories."""
    rng = random.Random(seed)
    units = [
        Enterprise(
            id=f"DX-E-2401-YJB{i:05d}",
            name=f"东溪第{i}号生产经营单位有限公司",
            sector=rng.choice(["工贸", "危险化学品", "九小场所", "自建房", "建筑施工"]),
            village=rng.choice(["东溪村", "西岭村", "白云寺村", "新街社区"]),
        )
        for i in range(1, max(rows // 60, 1) + 1)
    ]
    hazards = []
    for i in range(1, rows + 1):
        found = date(2024, 1, 1) + timedelta(days=rng.randrange(360))
        hazard = Hazard(
            id=f"DX-H-{found:%y%m}-YJB{i:06d}",
            enterprise=rng.choice(units).id,
            found=found,
            description="".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 40))),
            level=Level.MAJOR if rng.random() < 0.03 else Level.GENERAL,
            measures="立即整改并落实专人负责，整改完成后报镇应急办复查",
            responsible="林春梅",
            deadline=found + timedelta(days=rng.randrange(5, 60)),
            funds=Decimal(rng.randrange(0, 500000)) / 100,
            history=[found_step(found, "应急办")],
        )
        roll = rng.random()
        if roll < 0.7:
            hazard = rectify(hazard, found + timedelta(days=rng.randrange(1, 30)))
            if roll < 0.4:
                hazard = verify(hazard, hazard.history[-1].date + timedelta(days=2), "周强")
        hazards.append(hazard)
    return units, hazards


def export_anquan(units: list[Enterprise], hazards: list[Hazard], target: Path) -> float:
    scope = Scope("东溪镇", whole_year(2024), AS_OF)
    started = time.perf_counter()
    book, formats = new_book(str(target))
    sheet = Sheet(
        "隐患排查整改台账",
        scope.title("隐患排查整改台账"),
        "截至2024-12-31",
        HAZARD_COLUMNS,
        hazard_rows(hazards, _Units({u.id: u for u in units}), AS_OF),
    )
    write_sheet(book, formats, sheet)
    book.close()
    return time.perf_counter() - started


def export_floor(values: list[Row], target: Path) -> float:
    """Plain xlsxwriter, constant memory, the same values and formats, nothing worked out."""
    started = time.perf_counter()
    book, formats = new_book(str(target))
    sheet = book.add_worksheet("隐患排查整改台账")
    fmts = [formats.cell[c.kind] for c in HAZARD_COLUMNS]
    marked = [formats.marked[c.kind] for c in HAZARD_COLUMNS]
    for col, column in enumerate(HAZARD_COLUMNS):
        sheet.set_column(col, col, column.width)
    sheet.write_row(0, 0, [c.header for c in HAZARD_COLUMNS], formats.header)
    for number, row in enumerate(values, 1):
        use = marked if row.highlight else fmts
        for col, value in enumerate(row.values):
            if value is None:
                sheet.write_blank(number, col, None, use[col])
            elif isinstance(value, str):
                sheet.write_string(number, col, value, use[col])
            elif isinstance(value, date):
                sheet.write_datetime(number, col, value, use[col])
            else:
                sheet.write_number(number, col, float(value), use[col])
    book.close()
    return time.perf_counter() - started


def import_anquan(path: Path, ledger: Path) -> tuple[float, list[Any]]:
    from anquan_cli.imports.plan import plan_import
    from anquan_cli.imports.reader import read_tables
    from anquan_cli.store.ledger import Ledger
    from anquan_cli.store.office import Office

    started = time.perf_counter()
    plan = plan_import(
        Ledger.open(ledger), read_tables(path), Office("应急办", "YJB"), AS_OF, path.name
    )
    elapsed = time.perf_counter() - started
    assert not plan.problems, plan.problems[:3]
    return elapsed, plan.records


def import_floor(path: Path, records: list[Any]) -> float:
    """calamine's read of every sheet plus Pydantic validation of the records its rows hold.

    The records' data (with their histories) is taken before timing from what the import
    made, as bench/run's import floor takes it from the files the import wrote: the floor
    validates exactly what the import validates, and works out none of it.
    """
    from python_calamine import CalamineWorkbook

    data = [(type(r), r.model_dump()) for r in records]
    gc.disable()  # as anquan's import does: nothing it makes is garbage
    started = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    for model, fields in data:
        model.model_validate(fields)
    elapsed = time.perf_counter() - started
    gc.enable()
    return elapsed


ROUNDS = 7


def in_turns(ours: Callable[[], float], floor: Callable[[], float]) -> tuple[float, float, float]:
    """Each side ROUNDS times, back to back in alternating order: the medians of each side's
    seconds and the median of the rounds' own ratios. This VM's speed drifts by a third from
    one second to the next; a ratio taken within a round cancels the drift, where a ratio of
    two medians does not."""
    mine, floors, ratios = [], [], []
    for turn in range(ROUNDS):
        if turn % 2:
            floors.append(floor())
            mine.append(ours())
        else:
            mine.append(ours())
            floors.append(floor())
        ratios.append(mine[-1] / floors[-1])
    return statistics.median(mine), statistics.median(floors), statistics.median(ratios)


def run(rows: int = 120_000) -> dict[str, Any]:
    units, hazards = make_records(rows)
    built = list(hazard_rows(hazards, _Units({u.id: u for u in units}), AS_OF))
    gc.freeze()  # as anquan's loader leaves the records it loads: no collection walks them
    try:
        with tempfile.TemporaryDirectory() as folder:
            base = Path(folder)
            book = base / "台账.xlsx"
            exported = in_turns(
                lambda: export_anquan(units, hazards, book),
                lambda: export_floor(built, base / "floor.xlsx"),
            )
            ledger = base / "ledger"
            ledger.mkdir()
            (ledger / "anquan.yaml").write_text("name: 东溪镇\ncode: DX\ncommit: false\n", "utf-8")
            _, created = import_anquan(book, ledger)
            imported = in_turns(
                lambda: import_anquan(book, ledger)[0], lambda: import_floor(book, created)
            )
            size = book.stat().st_size
    finally:
        gc.unfreeze()
    return {
        "rows": rows,
        "xlsx_bytes": size,
        "export_seconds": round(exported[0], 2),
        "export_floor_seconds": round(exported[1], 2),
        "export_ratio": round(exported[2], 2),
        "import_seconds": round(imported[0], 2),
        "import_floor_seconds": round(imported[1], 2),
        "import_ratio": round(imported[2], 2),
        "import_records_planned": len(created),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=120_000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    result = run(args.rows)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    for key, value in result.items():
        print(f"{key:26} {value}")


if __name__ == "__main__":
    main()
