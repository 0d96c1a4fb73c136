"""The 台账 sheets as data: which columns each sheet has and the row each record gives.

Nothing here writes a file; render/workbook.py lays these sheets out in xlsx. The column
headings are the ones imports/headings.py reads back, so an exported workbook imports exactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from anquan_cli.model.enums import (
    AccidentGrade,
    Action,
    ActivityKind,
    HazardSource,
    Level,
    RiskLevel,
    SelfCheckLevel,
    Status,
    UnitStatus,
)
from anquan_cli.model.lifecycle import is_done_on, is_late, state_on, story_of
from anquan_cli.model.records import (
    PERSON_MARK,
    PLACE_MARK,
    Accident,
    Activity,
    Enterprise,
    Hazard,
    Inspection,
    Patrol,
    Penalty,
    Plan,
    SelfCheck,
)
from anquan_cli.stats.periods import Period

Value = str | int | Decimal | date | None


class CellKind(StrEnum):
    """How a column's cells are stored and formatted."""

    SEQ = "seq"  # 序号: a number, centred
    TEXT = "text"  # wrapped text, always stored as a string (never a formula)
    SHORT = "short"  # short centred text (status, level, names)
    DATE = "date"  # a real Excel date shown 2024-10-08
    MONEY = "money"  # a number with two decimals
    COUNT = "count"  # a whole number
    RATE = "rate"  # a share shown as a percentage, "—" when there is none


@dataclass(frozen=True)
class Column:
    header: str
    kind: CellKind
    width: float
    choices: tuple[str, ...] = ()
    group: str | None = None  # a heading above several columns (五落实, 挂牌督办)


@dataclass(frozen=True)
class Row:
    values: tuple[Value, ...]
    highlight: bool = False  # 逾期未整改


@dataclass(frozen=True)
class Sheet:
    name: str
    title: str
    note: str
    columns: tuple[Column, ...]
    rows: Iterator[Row] | Sequence[Row]
    has_groups: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "has_groups", any(c.group for c in self.columns))


@dataclass(frozen=True)
class Scope:
    """What the workbook covers: the town, the period (None: every record), the as-of day."""

    town: str
    period: Period | None
    as_of: date

    @property
    def label(self) -> str:
        return self.period.label if self.period else ""

    @property
    def start(self) -> date | None:
        return self.period.start if self.period else None

    def covers(self, day: date) -> bool:
        """Dated in the period as seen on the as-of day (later records do not count yet)."""
        return self.period.contains(day) if self.period else day <= self.as_of

    def title(self, sheet: str) -> str:
        return f"{self.town}{self.label}{sheet}"


SEQ = Column("序号", CellKind.SEQ, 6)
UNIT = Column("单位名称", CellKind.TEXT, 22)
RECORD_ID = Column("编号", CellKind.SHORT, 18)
"""Each record's anquan ID, last in its row: the import links records by it (a hazard's 检查记录,
a penalty's 隐患编号), and gives the records it creates IDs of its own."""
VILLAGE = Column("所属村(社区)", CellKind.SHORT, 12)
SECTOR = Column("行业领域", CellKind.SHORT, 12)
NOTE = Column("备注", CellKind.TEXT, 16)

STATUS_CHOICES = tuple(s.value for s in Status)
LEVEL_CHOICES = tuple(level.value for level in Level)
YES = "是"  # a yes/no column's yes (当场整改); no is left blank


def documents_text(documents: Mapping[str, str]) -> str | None:
    """A record's 执法文书 and their 文号 in one cell: 整改通知书：东应急责改〔2024〕3号, a line each."""
    return "\n".join(f"{kind}：{number}" for kind, number in documents.items()) or None


def _enum(value: StrEnum | None) -> str | None:
    return value.value if value is not None else None


class _Units:
    """Looking up a record's unit for its name, village and sector columns."""

    def __init__(self, units: Mapping[str, Enterprise]) -> None:
        self.units = units

    def name(self, unit_id: str | None) -> str | None:
        unit = self.units.get(unit_id) if unit_id else None
        return unit.name if unit else unit_id

    def village(self, unit_id: str | None) -> str | None:
        unit = self.units.get(unit_id) if unit_id else None
        return unit.village if unit else None

    def sector(self, unit_id: str | None) -> str | None:
        unit = self.units.get(unit_id) if unit_id else None
        return unit.sector if unit else None


ENTERPRISE_COLUMNS = (
    SEQ,
    UNIT,
    Column("简称", CellKind.SHORT, 10),
    Column("统一社会信用代码", CellKind.SHORT, 21),
    SECTOR,
    Column("类别", CellKind.SHORT, 10),
    VILLAGE,
    Column("地址", CellKind.TEXT, 20),
    Column("主要负责人", CellKind.SHORT, 10),
    Column("法定代表人", CellKind.SHORT, 10),
    Column("联系电话", CellKind.SHORT, 14),
    Column("风险等级", CellKind.SHORT, 9, tuple(r.value for r in RiskLevel)),
    Column("状态", CellKind.SHORT, 8, tuple(s.value for s in UnitStatus)),
    Column("状态日期", CellKind.DATE, 12),
    Column("监管责任单位", CellKind.SHORT, 12),
    NOTE,
    RECORD_ID,
)


ATTRIBUTES = "属性"  # the heading over the units' own attributes (燃气报警装置 …)


def attribute_names(units: Sequence[Enterprise]) -> list[str]:
    """Every attribute any unit has, sorted: one column each, under 属性."""
    return sorted({name for unit in units for name in unit.attributes})


def enterprise_columns(attributes: Sequence[str]) -> tuple[Column, ...]:
    """The unit sheet's columns: the fixed ones, then one per attribute before 备注."""
    named = tuple(Column(name, CellKind.SHORT, 10, group=ATTRIBUTES) for name in attributes)
    return (*ENTERPRISE_COLUMNS[:-2], *named, NOTE, RECORD_ID)


def enterprise_rows(units: Sequence[Enterprise], attributes: Sequence[str]) -> Iterator[Row]:
    for number, unit in enumerate(units, 1):
        yield Row(
            (
                number,
                unit.name,
                unit.short_name,
                unit.credit_code,
                unit.sector,
                unit.subtype,
                unit.village,
                unit.address,
                unit.principal,
                unit.legal_rep,
                unit.phone,
                _enum(unit.risk_level),
                unit.status.value,
                unit.status_date,
                unit.office,
                *(unit.attributes.get(name) for name in attributes),
                unit.note,
                unit.id,
            )
        )


INSPECTION_COLUMNS = (
    SEQ,
    Column("检查日期", CellKind.DATE, 12),
    UNIT,
    VILLAGE,
    SECTOR,
    Column("检查类型", CellKind.SHORT, 10),
    Column("专项行动", CellKind.TEXT, 16),
    Column("带队领导", CellKind.SHORT, 10),
    Column("检查人员", CellKind.TEXT, 16),
    Column("发现隐患数", CellKind.COUNT, 9),
    Column("文书编号", CellKind.SHORT, 16),
    Column("检查单位", CellKind.SHORT, 12),
    Column("联合检查单位", CellKind.SHORT, 16),
    Column("执法文书", CellKind.TEXT, 22),
    NOTE,
    RECORD_ID,
)


def inspection_rows(
    visits: Sequence[Inspection], units: _Units, found: Mapping[str, int]
) -> Iterator[Row]:
    for number, visit in enumerate(visits, 1):
        yield Row(
            (
                number,
                visit.date,
                units.name(visit.enterprise),
                units.village(visit.enterprise),
                units.sector(visit.enterprise),
                visit.type,
                visit.campaign,
                visit.leader,
                "、".join(visit.inspectors) or None,
                found.get(visit.id, 0),
                visit.doc_no,
                visit.office,
                "、".join(visit.partners) or None,
                documents_text(visit.documents),
                visit.note,
                visit.id,
            )
        )


@dataclass(frozen=True)
class HazardState:
    """A hazard as it stood on the as-of day: the columns 整改情况 … 销号日期 show this."""

    status: Status
    rectified: date | None
    verifier: str | None
    closed: date | None
    overdue: bool
    history: str | None  # every step to the as-of day (整改验收记录), as the import reads it


def hazard_state(hazard: Hazard, as_of: date) -> HazardState:
    """The hazard as it stood on the as-of day: its state and 逾期 from the one replay
    (model/lifecycle), the dates and the 验收人 of the steps that brought it there."""
    status = state_on(hazard, as_of) or Status.OPEN
    rectified = closed = None
    verifier = None
    steps = hazard.steps_until(as_of)
    for step in steps:
        action = step.action
        if action is Action.RECTIFIED:
            rectified = step.date
        elif action is Action.PASSED:
            verifier = step.by
        elif action is Action.CLOSED:
            closed = step.date
    return HazardState(
        status=status,
        rectified=rectified if status is not Status.OPEN else None,
        verifier=verifier if status is Status.CLOSED else None,
        closed=closed if status is Status.CLOSED else None,
        overdue=is_late(status, hazard.deadline, as_of) and as_of >= hazard.found,
        history=story_of(steps) or None,
    )


HAZARD_COLUMNS = (
    SEQ,
    UNIT,
    VILLAGE,
    SECTOR,
    Column("发现日期", CellKind.DATE, 12),
    Column("隐患描述", CellKind.TEXT, 30),
    Column("隐患等级", CellKind.SHORT, 8, LEVEL_CHOICES),
    Column("整改措施", CellKind.TEXT, 22),
    Column("整改责任人", CellKind.SHORT, 10),
    Column("整改期限", CellKind.DATE, 12),
    Column("整改资金(元)", CellKind.MONEY, 11),
    Column("整改情况", CellKind.SHORT, 9, STATUS_CHOICES),
    Column("整改完成日期", CellKind.DATE, 12),
    Column("验收人", CellKind.SHORT, 9),
    Column("销号日期", CellKind.DATE, 12),
    Column("整改验收记录", CellKind.TEXT, 30),
    Column("隐患类别", CellKind.SHORT, 10),
    Column("应急预案", CellKind.TEXT, 12),
    Column("隐患来源", CellKind.SHORT, 9, tuple(s.value for s in HazardSource)),
    Column("当场整改", CellKind.SHORT, 8, (YES,)),
    Column("专项行动", CellKind.SHORT, 12),
    Column("发现记录", CellKind.SHORT, 18),  # the inspection, patrol or self-check, by 编号
    Column("登记办所", CellKind.SHORT, 10),
    Column("执法文书", CellKind.TEXT, 22),
    NOTE,
    RECORD_ID,
)


PHOTOS = "照片"
PHOTO_COLUMNS = (
    Column("整改前(张)", CellKind.COUNT, 9, group=PHOTOS),
    Column("整改后(张)", CellKind.COUNT, 9, group=PHOTOS),
)
"""On the hazard sheet of a ledger with photos: how many each hazard has (anquan show lists them)."""


def _where(hazard: Hazard, units: _Units) -> tuple[str | None, str | None, str | None]:
    """A hazard's 单位名称, 村 and 领域 cells: its unit's, or its place (地点：…) and its own."""
    if hazard.enterprise:
        unit = hazard.enterprise
        return units.name(unit), units.village(unit), units.sector(unit)
    return PLACE_MARK + (hazard.place or ""), hazard.village, hazard.sector


def hazard_rows(
    hazards: Sequence[Hazard],
    units: _Units,
    as_of: date,
    photos: Mapping[str, tuple[int, int]] | None = None,
) -> Iterator[Row]:
    for number, hazard in enumerate(hazards, 1):
        row = _hazard_row(number, hazard, units, as_of)
        if photos is not None:
            before, after = photos.get(hazard.id, (0, 0))
            row = Row((*row.values[:-2], before, after, *row.values[-2:]), row.highlight)
        yield row


def _hazard_row(number: int, hazard: Hazard, units: _Units, as_of: date) -> Row:
    state = hazard_state(hazard, as_of)
    return Row(
        (
            number,
            *_where(hazard, units),
            hazard.found,
            hazard.description,
            hazard.level.value,
            hazard.measures,
            hazard.responsible,
            hazard.deadline,
            hazard.funds,
            state.status.value,
            state.rectified,
            state.verifier,
            state.closed,
            state.history,
            hazard.category,
            hazard.plan,
            hazard.source.value,
            YES if hazard.on_the_spot else None,
            hazard.campaign,
            hazard.inspection or hazard.patrol or hazard.self_check,
            hazard.office,
            documents_text(hazard.documents),
            hazard.note,
            hazard.id,
        ),
        state.overdue,
    )


FIVE = "五落实"
LISTED = "挂牌督办"
MAJOR_COLUMNS = (
    SEQ,
    UNIT,
    VILLAGE,
    SECTOR,
    Column("发现日期", CellKind.DATE, 12),
    Column("隐患描述", CellKind.TEXT, 28),
    Column("整改责任人", CellKind.SHORT, 10, group=FIVE),
    Column("整改措施", CellKind.TEXT, 22, group=FIVE),
    Column("整改资金(元)", CellKind.MONEY, 11, group=FIVE),
    Column("整改期限", CellKind.DATE, 12, group=FIVE),
    Column("应急预案", CellKind.TEXT, 14, group=FIVE),
    Column("督办级别", CellKind.SHORT, 9, group=LISTED),
    Column("督办文号", CellKind.SHORT, 14, group=LISTED),
    Column("挂牌日期", CellKind.DATE, 12, group=LISTED),
    Column("整改情况", CellKind.SHORT, 9, STATUS_CHOICES),
    Column("整改完成日期", CellKind.DATE, 12),
    Column("验收人", CellKind.SHORT, 9),
    Column("销号日期", CellKind.DATE, 12),
    Column("整改验收记录", CellKind.TEXT, 30),
    NOTE,
    RECORD_ID,
)


def major_rows(hazards: Sequence[Hazard], units: _Units, as_of: date) -> Iterator[Row]:
    majors = [h for h in hazards if h.level is Level.MAJOR]
    for number, hazard in enumerate(majors, 1):
        state = hazard_state(hazard, as_of)
        listed = hazard.supervision
        yield Row(
            (
                number,
                *_where(hazard, units),
                hazard.found,
                hazard.description,
                hazard.responsible,
                hazard.measures,
                hazard.funds,
                hazard.deadline,
                hazard.plan,
                listed.level if listed else None,
                listed.doc_no if listed else None,
                listed.date if listed else None,
                state.status.value,
                state.rectified,
                state.verifier,
                state.closed,
                state.history,
                hazard.note,
                hazard.id,
            ),
            state.overdue,
        )


PENALTY_COLUMNS = (
    SEQ,
    Column("处罚日期", CellKind.DATE, 12),
    UNIT,
    VILLAGE,
    SECTOR,
    Column("案由", CellKind.TEXT, 28),
    Column("处罚决定书文号", CellKind.SHORT, 18),
    Column("罚款金额(元)", CellKind.MONEY, 12),
    Column("检查记录", CellKind.SHORT, 18),
    Column("隐患编号", CellKind.SHORT, 18),
    NOTE,
    RECORD_ID,
)


def penalty_rows(cases: Sequence[Penalty], units: _Units) -> Iterator[Row]:
    for number, case in enumerate(cases, 1):
        yield Row(
            (
                number,
                case.date,
                units.name(case.enterprise) if case.enterprise else f"{case.person}{PERSON_MARK}",
                units.village(case.enterprise) if case.enterprise else case.village,
                units.sector(case.enterprise) if case.enterprise else case.domain,
                case.reason,
                case.doc_no,
                case.fine,
                case.inspection,
                case.hazard,
                case.note,
                case.id,
            )
        )


ACCIDENT_COLUMNS = (
    SEQ,
    Column("事故日期", CellKind.DATE, 12),
    Column("事故单位", CellKind.TEXT, 22),
    Column("事故地点", CellKind.TEXT, 18),
    Column("当事人", CellKind.SHORT, 10),
    Column("行业领域", CellKind.SHORT, 12),
    Column("事故等级", CellKind.SHORT, 11, tuple(g.value for g in AccidentGrade)),
    Column("死亡人数", CellKind.COUNT, 8),
    Column("受伤人数", CellKind.COUNT, 8),
    Column("直接经济损失(元)", CellKind.MONEY, 13),
    Column("简要经过", CellKind.TEXT, 36),
    RECORD_ID,
)


def accident_rows(accidents: Sequence[Accident], units: _Units) -> Iterator[Row]:
    for number, accident in enumerate(accidents, 1):
        yield Row(
            (
                number,
                accident.date,
                units.name(accident.enterprise),
                accident.place,
                accident.person,
                accident.domain,
                _enum(accident.grade),
                accident.deaths,
                accident.injuries,
                accident.loss_yuan,
                accident.summary,
                accident.id,
            )
        )


ACTIVITY_COLUMNS = (
    SEQ,
    Column("日期", CellKind.DATE, 12),
    Column("活动类型", CellKind.SHORT, 10, tuple(k.value for k in ActivityKind)),
    Column("领导", CellKind.SHORT, 10),
    Column("次数", CellKind.COUNT, 7),
    Column("参加人数", CellKind.COUNT, 9),
    Column("计数对象", CellKind.SHORT, 14),
    Column("数量", CellKind.COUNT, 9),
    Column("计量单位", CellKind.SHORT, 8),
    Column("专项行动", CellKind.SHORT, 14),
    Column("办所", CellKind.SHORT, 12),
    Column("内容", CellKind.TEXT, 40),
    RECORD_ID,
)


def activity_rows(activities: Sequence[Activity]) -> Iterator[Row]:
    for number, work in enumerate(activities, 1):
        yield Row(
            (
                number,
                work.date,
                work.kind,
                work.leader,
                work.count,
                work.people,
                work.what,
                work.quantity,
                work.measure,
                work.campaign,
                work.office,
                work.note,
                work.id,
            )
        )


PLAN_COLUMNS = (
    SEQ,
    Column("月份", CellKind.SHORT, 10),
    Column("办所", CellKind.SHORT, 14),
    Column("行业领域", CellKind.SHORT, 12),
    Column("计划检查家次", CellKind.COUNT, 12),
    Column("村(社区)", CellKind.SHORT, 12),
    Column("计划巡查次数", CellKind.COUNT, 12),
    RECORD_ID,
)


def plan_rows(plans: Sequence[Plan]) -> Iterator[Row]:
    for number, plan in enumerate(plans, 1):
        yield Row(
            (
                number,
                plan.month,
                plan.office,
                plan.sector,
                plan.inspections,
                plan.village,
                plan.patrols,
                plan.id,
            )
        )


PATROL_COLUMNS = (
    SEQ,
    Column("巡查日期", CellKind.DATE, 12),
    Column("村(社区)", CellKind.SHORT, 12),
    Column("巡查点位", CellKind.TEXT, 20),
    Column("巡查类型", CellKind.SHORT, 12),
    Column("巡查人员", CellKind.TEXT, 16),
    Column("发现隐患数", CellKind.COUNT, 9),
    Column("办所", CellKind.SHORT, 12),
    Column("巡查情况", CellKind.TEXT, 30),
    RECORD_ID,
)


def patrol_rows(
    patrols: Sequence[Patrol], units: _Units, found: Mapping[str, int]
) -> Iterator[Row]:
    for number, patrol in enumerate(patrols, 1):
        yield Row(
            (
                number,
                patrol.date,
                patrol.village,
                units.name(patrol.point),
                patrol.kind,
                "、".join(patrol.by),
                found.get(patrol.id, 0),
                patrol.office,
                patrol.note,
                patrol.id,
            )
        )


SELF_CHECK_COLUMNS = (
    SEQ,
    Column("自查日期", CellKind.DATE, 12),
    UNIT,
    VILLAGE,
    SECTOR,
    Column("自查层级", CellKind.SHORT, 9, tuple(level.value for level in SelfCheckLevel)),
    Column("自查人", CellKind.SHORT, 10),
    Column("发现隐患数", CellKind.COUNT, 9),
    Column("登记办所", CellKind.SHORT, 12),
    Column("自查情况", CellKind.TEXT, 30),
    RECORD_ID,
)


def self_check_rows(
    checks: Sequence[SelfCheck], units: _Units, found: Mapping[str, int]
) -> Iterator[Row]:
    for number, check in enumerate(checks, 1):
        yield Row(
            (
                number,
                check.date,
                units.name(check.enterprise),
                units.village(check.enterprise),
                units.sector(check.enterprise),
                _enum(check.level),
                check.by,
                found.get(check.id, 0),
                check.office,
                check.note,
                check.id,
            )
        )


def month_start(month: str) -> date:
    """The first day of a plan's month (2024-11)."""
    return date(int(month[:4]), int(month[5:7]), 1)


def _by_date(records: Sequence[Any], when: Callable[[Any], date]) -> list[Any]:
    return sorted(records, key=lambda r: (when(r), r.id))


def hazards_in_scope(hazards: Sequence[Hazard], scope: Scope) -> list[Hazard]:
    """Hazards found in the period, and earlier ones still open on the as-of day (历史遗留)."""
    chosen = [
        h
        for h in hazards
        if h.found <= scope.as_of
        and (
            scope.covers(h.found)
            or (
                scope.start is not None and h.found < scope.start and not is_done_on(h, scope.as_of)
            )
        )
    ]
    return _by_date(chosen, lambda h: h.found)


def record_sheets(
    scope: Scope,
    enterprises: Sequence[Enterprise],
    inspections: Sequence[Inspection],
    hazards: Sequence[Hazard],
    penalties: Sequence[Penalty],
    accidents: Sequence[Accident],
    activities: Sequence[Activity],
    plans: Sequence[Plan] = (),
    patrols: Sequence[Patrol] = (),
    self_checks: Sequence[SelfCheck] = (),
    photos: Mapping[str, tuple[int, int]] | None = None,
) -> list[Sheet]:
    """Every record sheet of the workbook, in the order the office files them. `photos`: each
    hazard's 整改前 and 整改后 photo counts, for a ledger that has photos (else no such columns)."""
    units = _Units({u.id: u for u in enterprises})
    visits = _by_date([i for i in inspections if scope.covers(i.date)], lambda i: i.date)
    chosen = hazards_in_scope(hazards, scope)
    found: Counter[str] = Counter()  # hazards each inspection, patrol or self-check found
    for hazard in hazards:
        if hazard.found <= scope.as_of and (
            whence := hazard.inspection or hazard.patrol or hazard.self_check
        ):
            found[whence] += 1
    cases = _by_date([p for p in penalties if scope.covers(p.date)], lambda p: p.date)
    events = _by_date([a for a in accidents if scope.covers(a.date)], lambda a: a.date)
    works = _by_date([a for a in activities if scope.covers(a.date)], lambda a: a.date)
    months = sorted(
        (p for p in plans if scope.covers(month_start(p.month))),
        key=lambda p: (p.month, p.office or "", p.village or "", p.sector or "", p.id),
    )
    rounds = _by_date([p for p in patrols if scope.covers(p.date)], lambda p: p.date)
    own = _by_date([c for c in self_checks if scope.covers(c.date)], lambda c: c.date)
    attributes = attribute_names(enterprises)
    overdue_note = f"截至{scope.as_of.isoformat()}；底色标红的为逾期未整改隐患"
    as_of_note = f"截至{scope.as_of.isoformat()}"
    sheets = [
        (
            "企业台账",
            as_of_note,
            enterprise_columns(attributes),
            enterprise_rows(enterprises, attributes),
        ),
        ("检查台账", as_of_note, INSPECTION_COLUMNS, inspection_rows(visits, units, found)),
        (
            "隐患排查整改台账",
            overdue_note,
            HAZARD_COLUMNS
            if not photos
            else (*HAZARD_COLUMNS[:-2], *PHOTO_COLUMNS, *HAZARD_COLUMNS[-2:]),
            hazard_rows(chosen, units, scope.as_of, photos or None),
        ),
        ("重大隐患台账", overdue_note, MAJOR_COLUMNS, major_rows(chosen, units, scope.as_of)),
        ("行政处罚台账", as_of_note, PENALTY_COLUMNS, penalty_rows(cases, units)),
        ("事故台账", as_of_note, ACCIDENT_COLUMNS, accident_rows(events, units)),
        ("工作活动台账", as_of_note, ACTIVITY_COLUMNS, activity_rows(works)),
        ("检查计划", as_of_note, PLAN_COLUMNS, plan_rows(months)),
        ("巡查记录", as_of_note, PATROL_COLUMNS, patrol_rows(rounds, units, found)),
        ("企业自查记录", as_of_note, SELF_CHECK_COLUMNS, self_check_rows(own, units, found)),
    ]
    return [
        Sheet(name, scope.title(name), note, columns, rows) for name, note, columns, rows in sheets
    ]


# 汇总: the report's figures, as api.count gives them (never counted here).
SUMMARY_FIGURES: tuple[tuple[str, str, CellKind], ...] = (
    ("检查企业(家)", "enterprises_inspected", CellKind.COUNT),
    ("检查(家次)", "inspections", CellKind.COUNT),
    ("出动检查人员(人次)", "inspector_visits", CellKind.COUNT),
    ("排查隐患(处)", "hazards_found", CellKind.COUNT),
    ("其中重大隐患(处)", "hazards_major", CellKind.COUNT),
    ("已整改(处)", "hazards_rectified", CellKind.COUNT),
    ("整改中(处)", "hazards_open", CellKind.COUNT),
    ("逾期未整改(处)", "hazards_overdue", CellKind.COUNT),
    ("已验收销号(处)", "hazards_closed", CellKind.COUNT),
    ("整改率", "rectification_rate", CellKind.RATE),
    ("历史遗留未整改(处)", "backlog_open", CellKind.COUNT),
    ("行政处罚(起)", "penalties", CellKind.COUNT),
    ("罚款(万元)", "fines_wan", CellKind.MONEY),
    ("事故(起)", "accidents", CellKind.COUNT),
    ("死亡(人)", "deaths", CellKind.COUNT),
    ("受伤(人)", "injuries", CellKind.COUNT),
)

SummaryValue = int | Decimal | float | str | None


@dataclass(frozen=True)
class Section:
    caption: str  # 一、按行业领域
    columns: tuple[Column, ...]
    rows: tuple[tuple[SummaryValue, ...], ...]
    total: tuple[SummaryValue, ...]


@dataclass(frozen=True)
class SummarySheet:
    name: str
    title: str
    note: str
    sections: tuple[Section, ...]


Counts = Mapping[str, Any]
"""One group's figures as `report --format json` has them (`totals`, each `by_*` entry)."""


def _figures(name: str, counts: Counts) -> tuple[SummaryValue, ...]:
    return (name, *(counts[key] for _, key, _ in SUMMARY_FIGURES))


def _section(caption: str, heading: str, groups: Mapping[str, Counts], totals: Counts) -> Section:
    columns = (
        Column(heading, CellKind.SHORT, 14),
        *(
            Column(label, kind, 9 if kind is not CellKind.MONEY else 10)
            for label, _, kind in SUMMARY_FIGURES
        ),
    )
    rows = tuple(_figures(name, counts) for name, counts in groups.items())
    return Section(caption, columns, rows, _figures("合计", totals))


def summary_sheet(scope: Scope, figures: Mapping[str, Any], unchecked: str = "") -> SummarySheet:
    """汇总: the period's figures (as `report --format json` has them) by 行业领域 and by
    村(居), each with its 合计 row; `unchecked`, the warning of a ledger that failed `check`,
    leads the note under the title."""
    period = figures["period"]
    note = (
        f"统计期：{period['from']}至{period['to']}，截至{period['as_of']}；整改率＝已整改÷排查隐患"
    )
    if unchecked:
        note = f"{unchecked} {note}"
    totals = figures["totals"]
    sections = [
        _section("一、按行业领域", "行业领域", figures["by_sector"], totals),
        _section("二、按村(居)", "村(居)", figures["by_village"], totals),
    ]
    if figures.get("by_town") is not None:
        sections.append(_section("三、按镇街", "镇街", figures["by_town"], totals))
    return SummarySheet("汇总", scope.title("安全生产工作汇总表"), note, tuple(sections))
