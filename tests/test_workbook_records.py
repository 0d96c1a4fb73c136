"""Export → import into an empty ledger gives back every record, field for field.

The import gives the records it creates IDs of its own (the importing office's, in its own
sequence); the workbook's 编号 column carries each record's old ID, so links between records
(a hazard's inspection, patrol or self-check; a penalty's inspection and hazard; a patrol's
point) follow. Records are compared after mapping the old IDs to the new ones.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anquan_cli.imports.plan import plan_import
from anquan_cli.imports.reader import read_tables
from anquan_cli.model.enums import (
    AccidentGrade,
    HazardSource,
    Level,
    RecordKind,
    RiskLevel,
    SelfCheckLevel,
    Status,
    UnitStatus,
)
from anquan_cli.model.ids import format_id, id_prefix
from anquan_cli.model.lifecycle import fixed_on_spot_step, found_step, rectify, verify
from anquan_cli.model.records import (
    Accident,
    Activity,
    Enterprise,
    Hazard,
    Inspection,
    Patrol,
    Penalty,
    Plan,
    Record,
    SelfCheck,
    Supervision,
)
from anquan_cli.store.atomic import write_atomic
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.paths import record_path
from anquan_cli.store.writer import render_new, write_records
from tests.test_workbook_roundtrip import AS_OF, OFFICE, export, new_ledger

START = date(2024, 1, 1)
SECTORS = ["危险化学品", "工贸", "地质灾害", "九小场所"]
VILLAGES = ["东溪村", "西岭村", "新街社区"]
PEOPLE = ["张伟", "李娜", "周强"]
OFFICES = ["应急办", "经发办", "区应急局"]

days = st.integers(0, 300).map(lambda n: START + timedelta(days=n))
# Text as clerks write it, never a word the reader treats specially (合计, 同上, 示例 …).
words = st.text(alphabet="隐患通道堵塞灭火器线路老化护栏=+@ab（）", min_size=1, max_size=10)
notes = st.none() | st.text(alphabet="已复查整改到位；线路更换：ab", min_size=1, max_size=12)
money = st.integers(0, 1_000_000_00).map(lambda fen: Decimal(fen) / 100)
maybe = st.none


class Ids:
    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def __call__(self, kind: RecordKind, day: date) -> str:
        prefix = id_prefix("DX", kind, day, "YJB")
        self.numbers[prefix] = self.numbers.get(prefix, 0) + 1
        return format_id(prefix, self.numbers[prefix])


def _history(draw: st.DrawFn, hazard: Hazard) -> Hazard:
    day = hazard.found
    if hazard.on_the_spot:
        step = fixed_on_spot_step(day, draw(st.sampled_from(OFFICES)))
        hazard = hazard.model_copy(
            update={"history": [*hazard.history, step], "status": Status.RECTIFIED}
        )
    for gap in draw(st.lists(st.integers(0, 40), max_size=3)):
        day += timedelta(days=gap)
        if hazard.status.value == "整改中":
            hazard = rectify(hazard, day, draw(maybe() | st.sampled_from(PEOPLE)), draw(notes))
        elif hazard.status.value == "已整改":
            passed = draw(st.booleans())
            hazard = verify(hazard, day, draw(st.sampled_from(PEOPLE)), passed, draw(notes))
    return hazard


@st.composite
def ledgers(draw: st.DrawFn) -> list[Record]:
    new_id = Ids()
    units = [
        Enterprise(
            id=new_id(RecordKind.ENTERPRISE, START),
            name=f"单位{i}{draw(words)}",
            short_name=draw(maybe() | st.just(f"简称{i}")),
            credit_code=draw(maybe() | st.just("91350100M000100Y30")) if i == 0 else None,
            sector=draw(st.sampled_from(SECTORS)),
            subtype=draw(maybe() | words),
            village=draw(maybe() | st.sampled_from(VILLAGES)),
            address=draw(maybe() | words),
            principal=draw(maybe() | st.sampled_from(PEOPLE)),
            legal_rep=draw(maybe() | st.sampled_from(PEOPLE)),
            phone=draw(maybe() | st.just("13800138000")),
            risk_level=draw(maybe() | st.sampled_from(list(RiskLevel))),
            status=draw(st.sampled_from(list(UnitStatus))),
            status_date=draw(maybe() | days),
            office=draw(maybe() | st.sampled_from(OFFICES)),
            attributes=draw(st.sampled_from([{}, {"燃气报警装置": "已安装"}])),
            note=draw(maybe() | words),
        )
        for i in range(draw(st.integers(1, 3)))
    ]
    unit = st.sampled_from([u.id for u in units])
    records: list[Record] = list(units)
    patrols = [
        Patrol(
            id=new_id(RecordKind.PATROL, day),
            date=day,
            village=draw(st.sampled_from(VILLAGES)),
            point=draw(maybe() | unit),
            kind=draw(st.sampled_from(["日常巡查", "走山走水", "地灾巡查"])),
            by=draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=2, unique=True)),
            office=draw(maybe() | st.sampled_from(OFFICES)),
            note=draw(maybe() | words),
        )
        for day in draw(st.lists(days, max_size=3))
    ]
    checks = [
        SelfCheck(
            id=new_id(RecordKind.SELF_CHECK, day),
            enterprise=draw(unit),
            date=day,
            level=draw(maybe() | st.sampled_from(list(SelfCheckLevel))),
            by=draw(maybe() | st.sampled_from(PEOPLE)),
            office=draw(maybe() | st.sampled_from(OFFICES)),
            note=draw(maybe() | words),
        )
        for day in draw(st.lists(days, max_size=2))
    ]
    visits = [
        Inspection(
            id=new_id(RecordKind.INSPECTION, day),
            enterprise=draw(unit),
            date=day,
            type=draw(st.sampled_from(["日常检查", "专项检查"])),
            campaign=draw(maybe() | st.just("燃气专项")),
            leader=draw(maybe() | st.just("陈立新")),
            inspectors=draw(st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True)),
            office=draw(maybe() | st.sampled_from(OFFICES)),
            partners=draw(st.lists(st.sampled_from(["规划所", "派出所"]), max_size=2, unique=True)),
            doc_no=draw(maybe() | st.just("东应急检〔2024〕1号")),
            documents=draw(st.sampled_from([{}, {"现场检查记录": "东应急现记〔2024〕7号"}])),
            note=draw(maybe() | words),
        )
        for day in draw(st.lists(days, max_size=3))
    ]
    records += patrols + checks + visits
    hazards: list[Hazard] = []
    for number in range(draw(st.integers(0, 5))):
        found = draw(days)
        level = draw(st.sampled_from(list(Level)))
        whence = draw(st.sampled_from(["unit", "place", "patrol", "self_check"]))
        patrol = draw(st.sampled_from(patrols)) if whence == "patrol" and patrols else None
        check = draw(st.sampled_from(checks)) if whence == "self_check" and checks else None
        at_place = whence == "place" or (patrol is not None and draw(st.booleans()))
        source = (
            HazardSource.PATROL
            if patrol
            else HazardSource.SELF_CHECK
            if check
            else draw(st.sampled_from([HazardSource.INSPECTION, HazardSource.REPORT]))
        )
        unit_id = None if at_place else (check.enterprise if check else draw(unit))
        if patrol is not None or check is not None:
            found = max(found, patrol.date if patrol else check.date)  # type: ignore[union-attr]
        earlier = [v.id for v in visits if v.enterprise == unit_id and v.date <= found]
        hazard = Hazard(
            id=new_id(RecordKind.HAZARD, found),
            enterprise=unit_id,
            place=f"后山公路边坡{number}" if at_place else None,
            village=draw(st.sampled_from(VILLAGES)) if at_place else None,
            sector="地质灾害" if at_place else None,
            office=draw(maybe() | st.sampled_from(OFFICES)) if at_place else None,
            found=found,
            description=f"隐患{number}{draw(words)}",
            level=level,
            category=draw(maybe() | st.just("触电")),
            inspection=draw(maybe() | st.sampled_from(earlier))
            if earlier and source is HazardSource.INSPECTION
            else None,
            patrol=patrol.id if patrol else None,
            self_check=check.id if check else None,
            campaign=draw(maybe() | st.just("燃气专项")),
            measures=draw(maybe() | words),
            responsible=draw(maybe() | st.sampled_from(PEOPLE)),
            deadline=found + timedelta(days=draw(st.integers(0, 60)))
            if draw(st.booleans())
            else None,
            funds=draw(maybe() | money),
            plan=draw(maybe() | words),
            supervision=Supervision(level="区级", doc_no="东安委〔2024〕3号", date=found)
            if level is Level.MAJOR and draw(st.booleans())
            else None,
            source=source,
            on_the_spot=draw(st.booleans()),
            documents=draw(st.sampled_from([{}, {"整改通知书": "东应急责改〔2024〕3号"}])),
            history=[found_step(found, draw(maybe() | st.sampled_from(OFFICES)))],
            note=draw(maybe() | words),
        )
        hazards.append(_history(draw, hazard))
    records += hazards
    for day in draw(st.lists(days, max_size=3)):
        on_person = draw(st.booleans())
        party = None if on_person else draw(unit)
        # a case cites an earlier inspection and hazard, of its own unit (any, on a person)
        cited = [v.id for v in visits if v.date <= day and party in (None, v.enterprise)]
        hazard_ids = [h.id for h in hazards if h.found <= day and party in (None, h.enterprise)]
        records.append(
            Penalty(
                id=new_id(RecordKind.PENALTY, day),
                enterprise=party,
                person="黄某" if on_person else None,
                domain=draw(maybe() | st.sampled_from(SECTORS)) if on_person else None,
                village=draw(maybe() | st.sampled_from(VILLAGES)) if on_person else None,
                date=day,
                fine=draw(money),
                doc_no=draw(maybe() | st.just("东应急罚〔2024〕2号")),
                reason=draw(maybe() | words),
                inspection=draw(maybe() | st.sampled_from(cited)) if cited else None,
                hazard=draw(maybe() | st.sampled_from(hazard_ids)) if hazard_ids else None,
                note=draw(maybe() | words),
            )
        )
    for day in draw(st.lists(days, max_size=2)):
        records.append(
            Accident(
                id=new_id(RecordKind.ACCIDENT, day),
                date=day,
                domain=draw(st.sampled_from(SECTORS)),
                # a unit or a place, not both (model/rules.py)
                **draw(
                    st.sampled_from([{}, {"place": "东溪大桥"}])
                    | unit.map(lambda u: {"enterprise": u})
                ),
                person=draw(maybe() | st.just("李某")),
                deaths=draw(st.integers(0, 2)),
                injuries=draw(st.integers(0, 3)),
                grade=draw(maybe() | st.sampled_from(list(AccidentGrade))),
                loss_yuan=draw(maybe() | money),
                summary=draw(maybe() | words),
            )
        )
    for day in draw(st.lists(days, max_size=2)):
        counted = draw(st.booleans())
        records.append(
            Activity(
                id=new_id(RecordKind.ACTIVITY, day),
                date=day,
                kind=draw(st.sampled_from(["宣传", "劝导", "专题会议"])),
                leader=draw(maybe() | st.just("陈立新")),
                count=draw(st.integers(1, 3)),
                people=draw(maybe() | st.integers(1, 50)),
                what=draw(maybe() | st.just("发放宣传资料")) if counted else None,
                quantity=draw(st.integers(1, 20000)) if counted else None,
                measure=draw(st.sampled_from(["份", "条"])) if counted else None,
                campaign=draw(maybe() | st.just("燃气专项")),
                office=draw(maybe() | st.sampled_from(OFFICES)),
                note=draw(maybe() | words),
            )
        )
    for month in draw(st.lists(st.integers(1, 9), max_size=2, unique=True)):
        records.append(
            Plan(
                id=new_id(RecordKind.PLAN, date(2024, month, 1)),
                office=draw(st.sampled_from(OFFICES)),
                month=f"2024-{month:02d}",
                inspections=draw(st.integers(1, 30)),
                sector=draw(maybe() | st.sampled_from(SECTORS)),
            )
        )
        records.append(
            Plan(
                id=new_id(RecordKind.PLAN, date(2024, month, 1)),
                village=draw(st.sampled_from(VILLAGES)),
                month=f"2024-{month:02d}",
                patrols=draw(st.integers(1, 10)),
            )
        )
    return records


_LINKS = ("enterprise", "inspection", "patrol", "self_check", "hazard", "point")


def _as_imported(record: Record, ids: dict[str, str]) -> dict[str, Any]:
    """The record as the import should give it back: its own ID and its links mapped."""
    data = record.model_dump()
    data["id"] = ids[record.id]
    for name in _LINKS:
        if data.get(name) is not None:
            data[name] = ids[data[name]]
    return data


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ledgers())
def test_export_then_import_gives_back_every_record(records: list[Record]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        new_ledger(base / "原台账")
        for record in records:
            write_atomic(record_path(base / "原台账", record.id), render_new(record))
        original = Ledger.open(base / "原台账")
        assert not original.problems
        export(original, base / "台账.xlsx")
        new_ledger(base / "新台账")
        empty = Ledger.open(base / "新台账")
        plan = plan_import(empty, read_tables(base / "台账.xlsx"), OFFICE, AS_OF, "台账.xlsx")
        assert [p.render() for p in plan.problems] == []
        ids = {old: new for (_, old), new in plan.refs.items()}
        assert sorted(ids) == sorted(r.id for r in records)  # every record, once
        write_records(empty.root, plan.records)
        imported = {e.record.id: e.record for e in Ledger.open(base / "新台账").entries}
        assert len(imported) == len(records)
        for record in records:
            assert imported[ids[record.id]].model_dump() == _as_imported(record, ids), record.id
