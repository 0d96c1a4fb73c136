"""Export → import into an empty ledger keeps every figure the reports quote."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anquan_cli.api.documents import sheets
from anquan_cli.imports.plan import plan_import
from anquan_cli.imports.reader import read_tables
from anquan_cli.model.enums import ActivityKind, Level, RecordKind
from anquan_cli.model.ids import format_id, id_prefix
from anquan_cli.model.lifecycle import found_step, rectify, verify
from anquan_cli.model.records import (
    Accident,
    Activity,
    Enterprise,
    Hazard,
    Inspection,
    Penalty,
    Record,
)
from anquan_cli.render.sheets import Scope, summary_sheet
from anquan_cli.render.workbook import write_workbook
from anquan_cli.stats import periods
from anquan_cli.stats.summary import summarize
from anquan_cli.store.atomic import write_atomic
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.office import Office
from anquan_cli.store.paths import SETTINGS_FILE, record_path
from anquan_cli.store.writer import render_new, write_records
from anquan_cli.store.yamlwrite import dump, plain

YEAR_START = date(2024, 1, 1)
AS_OF = date(2025, 3, 31)
OFFICE = Office("应急办", "YJB")
SECTORS = ["危险化学品", "工贸", "自建房", "九小场所"]
VILLAGES = ["东溪村", "西岭村", "新街社区"]
PEOPLE = ["张伟", "李娜", "周强"]
LEADERS = ["陈立新", "王建国"]

days = st.integers(0, 365).map(lambda n: YEAR_START + timedelta(days=n))
words = st.text(alphabet="隐患通道堵塞灭火器=+-@ab1（）", min_size=1, max_size=12)
money = st.integers(0, 10_000_00).map(lambda cents: Decimal(cents) / 100)


@st.composite
def ledgers(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Plain descriptions of records; ledger() turns them into files."""
    units = [
        {
            "name": f"单位{i}{draw(words)}",
            "sector": draw(st.sampled_from(SECTORS)),
            "village": draw(st.none() | st.sampled_from(VILLAGES)),
            "office": draw(st.none() | st.sampled_from(["经发办", "平安办"])),
        }
        for i in range(draw(st.integers(1, 4)))
    ]
    unit = st.integers(0, len(units) - 1)
    items: list[dict[str, Any]] = [{"kind": "unit", **u} for u in units]
    for _ in range(draw(st.integers(0, 5))):
        items.append(
            {
                "kind": "inspection",
                "unit": draw(unit),
                "date": draw(days),
                "leader": draw(st.none() | st.sampled_from(LEADERS)),
                "inspectors": draw(st.lists(st.sampled_from(PEOPLE), max_size=3, unique=True)),
            }
        )
    for _ in range(draw(st.integers(0, 8))):
        items.append(
            {
                "kind": "hazard",
                "unit": draw(unit),
                "found": draw(days),
                "description": draw(words),
                "level": draw(st.sampled_from(list(Level))),
                "deadline": draw(st.none() | st.integers(0, 90)),
                "funds": draw(st.none() | money),
                "steps": draw(st.lists(st.integers(0, 60), max_size=4)),
                "closes": draw(st.booleans()),
            }
        )
    for _ in range(draw(st.integers(0, 3))):
        items.append(
            {"kind": "penalty", "unit": draw(unit), "date": draw(days), "fine": draw(money)}
        )
    for _ in range(draw(st.integers(0, 2))):
        items.append(
            {
                "kind": "accident",
                "unit": draw(st.none() | unit),
                "date": draw(days),
                "domain": draw(st.sampled_from(SECTORS)),
                "deaths": draw(st.integers(0, 2)),
                "injuries": draw(st.integers(0, 3)),
            }
        )
    for _ in range(draw(st.integers(0, 3))):
        items.append(
            {
                "kind": "activity",
                "date": draw(days),
                "what": draw(st.sampled_from(list(ActivityKind))),
                "leader": draw(st.none() | st.sampled_from(LEADERS)),
                "count": draw(st.integers(1, 3)),
            }
        )
    return items


def _hazard(record_id: str, unit: str, item: dict[str, Any]) -> Hazard:
    found: date = item["found"]
    hazard = Hazard(
        id=record_id,
        enterprise=unit,
        found=found,
        description=item["description"],
        level=item["level"],
        deadline=found + timedelta(days=item["deadline"]) if item["deadline"] is not None else None,
        funds=item["funds"],
        history=[found_step(found, "应急办")],
    )
    day = found
    for gap in item["steps"]:
        day += timedelta(days=gap)
        if hazard.status.value == "整改中":
            hazard = rectify(hazard, day)
        else:
            hazard = verify(hazard, day, "周强", passed=False)
    if item["closes"] and hazard.status.value == "已整改":
        hazard = verify(hazard, day, "周强")
    return hazard


def new_ledger(root: Path) -> None:
    root.mkdir()
    data = {"name": "东溪镇", "code": "DX", "commit": False}
    write_atomic(root / SETTINGS_FILE, dump(plain(data)).encode())


def build(root: Path, items: list[dict[str, Any]]) -> None:
    new_ledger(root)
    numbers: dict[str, int] = {}
    unit_ids: list[str] = []

    def new_id(kind: RecordKind, day: date) -> str:
        prefix = id_prefix("DX", kind, day, "YJB")
        numbers[prefix] = numbers.get(prefix, 0) + 1
        return format_id(prefix, numbers[prefix])

    for item in items:
        record: Record
        match item["kind"]:
            case "unit":
                record = Enterprise(
                    id=new_id(RecordKind.ENTERPRISE, YEAR_START),
                    name=item["name"],
                    sector=item["sector"],
                    village=item["village"],
                    office=item["office"],
                )
                unit_ids.append(record.id)
            case "inspection":
                record = Inspection(
                    id=new_id(RecordKind.INSPECTION, item["date"]),
                    enterprise=unit_ids[item["unit"]],
                    date=item["date"],
                    leader=item["leader"],
                    inspectors=item["inspectors"],
                )
            case "hazard":
                record = _hazard(
                    new_id(RecordKind.HAZARD, item["found"]), unit_ids[item["unit"]], item
                )
            case "penalty":
                record = Penalty(
                    id=new_id(RecordKind.PENALTY, item["date"]),
                    enterprise=unit_ids[item["unit"]],
                    date=item["date"],
                    fine=item["fine"],
                )
            case "accident":
                has_unit = item["unit"] is not None
                record = Accident(
                    id=new_id(RecordKind.ACCIDENT, item["date"]),
                    date=item["date"],
                    domain=item["domain"],
                    enterprise=unit_ids[item["unit"]] if has_unit else None,
                    place=None if has_unit else "东溪大桥",
                    deaths=item["deaths"],
                    injuries=item["injuries"],
                )
            case _:
                record = Activity(
                    id=new_id(RecordKind.ACTIVITY, item["date"]),
                    date=item["date"],
                    kind=item["what"],
                    leader=item["leader"],
                    count=item["count"],
                )
        write_atomic(record_path(root, record.id), render_new(record))


def export(book: Ledger, target: Path) -> None:
    scope = Scope(book.settings.name, None, AS_OF)
    records = [e.record for e in book.entries]
    summary = summarize(
        records, periods.date_range(YEAR_START, AS_OF, AS_OF), settings=book.settings
    )
    write_workbook(sheets(book, scope), target, summary_sheet(scope, summary.to_dict()))


def figures(book: Ledger, period: periods.Period) -> dict[str, Any]:
    data = summarize([e.record for e in book.entries], period, settings=book.settings).to_dict()
    kept = ("totals", "by_sector", "by_village", "by_office", "leaders", "activities")
    return {key: data[key] for key in kept} | {"accidents": data["accidents"]["by_domain"]}


PERIODS = [
    *(periods.quarter(2024, q) for q in (1, 2, 3, 4)),
    periods.quarter(2024, 4, as_of=date(2025, 1, 20)),
    periods.month(2024, 6),
    periods.whole_year(2024),
]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ledgers())
def test_export_then_import_keeps_every_figure(items: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        build(base / "原台账", items)
        original = Ledger.open(base / "原台账")
        assert not original.problems
        export(original, base / "台账.xlsx")
        new_ledger(base / "新台账")
        empty = Ledger.open(base / "新台账")
        plan = plan_import(empty, read_tables(base / "台账.xlsx"), OFFICE, AS_OF, "台账.xlsx")
        assert [p.render() for p in plan.problems] == []
        write_records(empty.root, plan.records)
        imported = Ledger.open(base / "新台账")
        assert not imported.problems
        assert len(imported.entries) == len(original.entries)
        for period in PERIODS:
            assert figures(imported, period) == figures(original, period), period.label
        again = plan_import(imported, read_tables(base / "台账.xlsx"), OFFICE, AS_OF, "台账.xlsx")
        assert again.records == []
