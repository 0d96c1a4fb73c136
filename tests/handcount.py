"""A small ledger, 清河镇, whose every figure was counted by hand (see the tables below).

Built through the library API (models, the hazard's lifecycle, the store's writers). Names such
as H5 below are the keys of `ID`; the expected figures live in tests/test_stats_handcount.py.

Units (8): E1 甲机械厂 工贸 东村 经发办 · E2 乙纺织厂 工贸 西村 经发办 · E3 丙化工 危险化学品 东村
经发办 · E4 丁加油站 危险化学品 南村 经发办 · E5 老王餐馆 九小场所/小餐馆 西村 应急办 (燃气报警装置
已安装) · E6 便民超市 九小场所/小商店 南村 应急办 (未安装) · E7 张家自建房 自建房 东村 应急办 ·
E8 李家自建房 自建房 南村 应急办 (停产).

Inspections (10): I1 08-05 E1 张书记 [2] · I2 09-10 E3 [3] · I3 10-08 E1 张书记 [2] ·
I4 10-15 E3 李镇长 [3] · I5 11-05 E5 [1] · I6 11-20 E7 张书记 [2] · I7 12-03 E1 [1], made by 应急办 ·
I8 12-20 E6 [0] · I9 2025-01-10 E2 李镇长 [2] · I10 2025-02-15 E8 [1].

Hazards (10): H1 08-05 E1, fixed 08-18, closed 08-25 · H2 09-10 E3 重大, fixed 10-05, sent back
10-12, fixed 11-10, closed 11-15 · H3 09-10 E3, deadline 09-30, never fixed · H4 10-08 E1, fixed
10-25, closed 11-01 · H5 10-15 E3 重大, deadline 12-15, fixed 12-10 · H6 11-05 E5, deadline 11-20,
never fixed · H7 11-20 E7, fixed 12-05, sent back 12-15, fixed 2025-01-10, closed 01-15 · H8 12-03
E1 重大, deadline 12-31, never fixed · H9 2025-01-10 E2, fixed 02-01 · H10 2025-02-15 E8, deadline
03-01, never fixed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from anquan_cli.model.enums import ActivityKind, Level, RecordKind, UnitStatus
from anquan_cli.model.ids import format_id, id_prefix
from anquan_cli.model.lifecycle import found_step, rectify, verify
from anquan_cli.model.records import (
    Accident,
    Activity,
    Enterprise,
    Hazard,
    Inspection,
    Penalty,
    Plan,
    Record,
)
from anquan_cli.model.settings import Settings
from anquan_cli.store.atomic import write_atomic
from anquan_cli.store.paths import SETTINGS_FILE, record_path
from anquan_cli.store.writer import render_new
from anquan_cli.store.yamlwrite import dump, plain

SETTINGS_DATA = {
    "name": "清河镇",
    "code": "QH",
    "villages": ["东村", "西村", "南村"],
    "offices": [{"name": "应急办", "code": "YJB"}, {"name": "经发办", "code": "JFB"}],
    "leaders": ["张书记", "李镇长"],
}
SETTINGS = Settings.model_validate(SETTINGS_DATA)
CODES = {"应急办": "YJB", "经发办": "JFB"}
ID: dict[str, str] = {}
_taken: dict[str, int] = {}


def _new_id(name: str, kind: RecordKind, day: date, office: str) -> str:
    prefix = id_prefix("QH", kind, day, CODES[office])
    _taken[prefix] = _taken.get(prefix, 0) + 1
    ID[name] = format_id(prefix, _taken[prefix])
    return ID[name]


def d(text: str) -> date:
    return date.fromisoformat(text)


UNITS = [
    ("E1", "甲机械厂", "工贸", None, "东村", "经发办", {}),
    ("E2", "乙纺织厂", "工贸", None, "西村", "经发办", {}),
    ("E3", "丙化工有限公司", "危险化学品", None, "东村", "经发办", {}),
    ("E4", "丁加油站", "危险化学品", None, "南村", "经发办", {}),
    ("E5", "老王餐馆", "九小场所", "小餐馆", "西村", "应急办", {"燃气报警装置": "已安装"}),
    ("E6", "便民超市", "九小场所", "小商店", "南村", "应急办", {"燃气报警装置": "未安装"}),
    ("E7", "张家自建房", "自建房", None, "东村", "应急办", {}),
    ("E8", "李家自建房", "自建房", None, "南村", "应急办", {}),
]
VISITS = [
    ("I1", "2024-08-05", "E1", "张书记", ["赵一", "钱二"], None),
    ("I2", "2024-09-10", "E3", None, ["赵一", "钱二", "孙三"], None),
    ("I3", "2024-10-08", "E1", "张书记", ["赵一", "钱二"], None),
    ("I4", "2024-10-15", "E3", "李镇长", ["赵一", "钱二", "孙三"], None),
    ("I5", "2024-11-05", "E5", None, ["孙三"], None),
    ("I6", "2024-11-20", "E7", "张书记", ["孙三", "李四"], None),
    ("I7", "2024-12-03", "E1", None, ["李四"], "应急办"),
    ("I8", "2024-12-20", "E6", None, [], None),
    ("I9", "2025-01-10", "E2", "李镇长", ["赵一", "钱二"], None),
    ("I10", "2025-02-15", "E8", None, ["李四"], None),
]
# name, found, unit, level, deadline, steps: (date, "fix" | "pass" | "fail")
HAZARDS = [
    (
        "H1",
        "2024-08-05",
        "E1",
        "一般",
        "2024-08-20",
        [("2024-08-18", "fix"), ("2024-08-25", "pass")],
    ),
    (
        "H2",
        "2024-09-10",
        "E3",
        "重大",
        "2024-10-10",
        [
            ("2024-10-05", "fix"),
            ("2024-10-12", "fail"),
            ("2024-11-10", "fix"),
            ("2024-11-15", "pass"),
        ],
    ),
    ("H3", "2024-09-10", "E3", "一般", "2024-09-30", []),
    (
        "H4",
        "2024-10-08",
        "E1",
        "一般",
        "2024-10-30",
        [("2024-10-25", "fix"), ("2024-11-01", "pass")],
    ),
    ("H5", "2024-10-15", "E3", "重大", "2024-12-15", [("2024-12-10", "fix")]),
    ("H6", "2024-11-05", "E5", "一般", "2024-11-20", []),
    (
        "H7",
        "2024-11-20",
        "E7",
        "一般",
        "2025-01-20",
        [
            ("2024-12-05", "fix"),
            ("2024-12-15", "fail"),
            ("2025-01-10", "fix"),
            ("2025-01-15", "pass"),
        ],
    ),
    ("H8", "2024-12-03", "E1", "重大", "2024-12-31", []),
    ("H9", "2025-01-10", "E2", "一般", "2025-02-10", [("2025-02-01", "fix")]),
    ("H10", "2025-02-15", "E8", "一般", "2025-03-01", []),
]
ACTIVITIES = [
    ("W1", "2024-10-10", ActivityKind.MEETING, "张书记", 2, None),
    ("W2", "2024-10-20", ActivityKind.DEPLOY, "张书记", 1, None),
    ("W3", "2024-11-08", ActivityKind.LED_INSPECTION, "张书记", 3, None),
    ("W4", "2024-12-01", ActivityKind.RESEARCH, "李镇长", 1, None),
    ("W5", "2024-12-05", ActivityKind.LED_INSPECTION, "李镇长", 1, None),
    ("W6", "2024-09-01", ActivityKind.MEETING, "李镇长", 1, None),
    ("W7", "2024-11-16", ActivityKind.TRAINING, None, 1, 60),
]
PLANS = [
    ("经发办", "2024-10", 2),
    ("经发办", "2024-11", 2),
    ("经发办", "2024-12", 2),
    ("经发办", "2025-01", 3),
    ("应急办", "2024-10", 1),
    ("应急办", "2024-11", 1),
    ("应急办", "2024-12", 1),
]


def _hazard(
    name: str, found: str, unit: str, level: str, deadline: str, steps: list[tuple[str, str]]
) -> Hazard:
    office = "应急办"
    hazard = Hazard(
        id=_new_id(name, RecordKind.HAZARD, d(found), office),
        enterprise=ID[unit],
        found=d(found),
        description=f"{name} 隐患",
        level=Level(level),
        deadline=d(deadline),
        measures="限期整改",
        responsible="负责人",
        history=[found_step(d(found), office)],
    )
    for day, action in steps:
        if action == "fix":
            hazard = rectify(hazard, d(day), by="负责人")
        else:
            hazard = verify(hazard, d(day), by="孙三", passed=action == "pass", note="复查")
    return hazard


def records() -> list[Record]:
    """Every record of the hand-counted ledger (IDs are fixed by the order built)."""
    ID.clear()
    _taken.clear()
    made: list[Record] = []
    for name, title, sector, subtype, village, office, attributes in UNITS:
        made.append(
            Enterprise(
                id=_new_id(name, RecordKind.ENTERPRISE, d("2024-01-01"), office),
                name=title,
                sector=sector,
                subtype=subtype,
                village=village,
                office=office,
                attributes=attributes,
                status=UnitStatus.SUSPENDED if name == "E8" else UnitStatus.ACTIVE,
            )
        )
    for name, day, unit, leader, inspectors, by in VISITS:
        office = by or ("经发办" if unit in ("E1", "E2", "E3", "E4") else "应急办")
        made.append(
            Inspection(
                id=_new_id(name, RecordKind.INSPECTION, d(day), office),
                enterprise=ID[unit],
                date=d(day),
                leader=leader,
                inspectors=inspectors,
                office=office,
            )
        )
    made.extend(_hazard(*row) for row in HAZARDS)
    made.append(
        Penalty(
            id=_new_id("P1", RecordKind.PENALTY, d("2024-11-10"), "应急办"),
            enterprise=ID["E3"],
            date=d("2024-11-10"),
            fine=Decimal("15600"),
            hazard=ID["H5"],
        )
    )
    made.append(
        Penalty(
            id=_new_id("P2", RecordKind.PENALTY, d("2025-01-20"), "应急办"),
            enterprise=ID["E2"],
            date=d("2025-01-20"),
            fine=Decimal("2000"),
        )
    )
    made.append(
        Accident(
            id=_new_id("A1", RecordKind.ACCIDENT, d("2024-12-12"), "应急办"),
            date=d("2024-12-12"),
            domain="道路运输",
            place="清河镇路口",
            deaths=1,
            injuries=2,
        )
    )
    for name, day, kind, leader, count, people in ACTIVITIES:
        made.append(
            Activity(
                id=_new_id(name, RecordKind.ACTIVITY, d(day), "应急办"),
                date=d(day),
                kind=kind,
                leader=leader,
                count=count,
                people=people,
            )
        )
    for index, (office, month, planned) in enumerate(PLANS, 1):
        made.append(
            Plan(
                id=_new_id(f"J{index}", RecordKind.PLAN, d(f"{month}-01"), "应急办"),
                office=office,
                month=month,
                inspections=planned,
            )
        )
    return made


def write(root: Path) -> Path:
    """Write the ledger's files into root (no git), the way the store writes new records."""
    write_atomic(root / SETTINGS_FILE, dump(plain(SETTINGS_DATA)).encode("utf-8"))
    for kind in RecordKind:
        (root / kind.value).mkdir(parents=True, exist_ok=True)
    for record in records():
        write_atomic(record_path(root, record.id), render_new(record))
    return root
