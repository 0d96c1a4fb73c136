"""Each figure of domain.md as one predicate over records: the single definition of every number.

`summarize` counts with these and `explain` lists with these; neither has its own copy.
A hazard is replayed once, to its state on the as-of date (`Seen`, with model/lifecycle's
`state_on`, the one replay), before any figure looks at it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from anquan_cli.model.enums import HazardSource, Level, RecordKind, Status, Verdict
from anquan_cli.model.lifecycle import is_late
from anquan_cli.model.records import (
    Accident,
    Activity,
    Enterprise,
    Hazard,
    Inspection,
    Patrol,
    Penalty,
    Record,
    SelfCheck,
)
from anquan_cli.stats.periods import Period

UNKNOWN = "未填写"
"""The group a record falls in when its unit has no sector, village, office or town."""

# Enum members read once: looking one up on its class is a Python call in 3.11, and the
# predicates below run for every hazard.
_OPEN, _RECTIFIED, _CLOSED = Status.OPEN, Status.RECTIFIED, Status.CLOSED
_DONE = (_RECTIFIED, _CLOSED)
_NOT_CLOSED = (_OPEN, _RECTIFIED)
_MAJOR = Level.MAJOR
_SELF_CHECK = HazardSource.SELF_CHECK
_FAILED = Verdict.FAILED
_JUDGED = (Verdict.PASSED, Verdict.FAILED)


@dataclass(frozen=True, slots=True)
class Seen:
    """A hazard and its state on the as-of date, replayed once."""

    hazard: Hazard
    status: Status | None

    @property
    def id(self) -> str:
        return self.hazard.id

    @property
    def is_done(self) -> bool:
        """已整改 or 销号 (a fix sent back by then does not count)."""
        return self.status in _DONE


# Inspections ---------------------------------------------------------------------------------


def is_inspection_in(visit: Inspection, period: Period) -> bool:
    """检查 N 家次: inspections dated in the period (up to the as-of date)."""
    return period.contains(visit.date)


def inspectors_on(visit: Inspection) -> int:
    """出动执法(检查)人员 on one inspection: the inspectors named on it."""
    return len(visit.inspectors)


def has_checklist_in(visit: Inspection, period: Period) -> bool:
    """Inspections in the period made with a checklist (anquan inspect)."""
    return bool(visit.answers) and period.contains(visit.date)


def has_failed_item_in(visit: Inspection, period: Period) -> bool:
    """Checklist inspections in the period with an item answered 不合格."""
    return period.contains(visit.date) and any(a.result is _FAILED for a in visit.answers)


def items_judged(visit: Inspection) -> int:
    """检查项 N 项次 of one inspection: its checklist items answered 合格 or 不合格 (不涉及 and
    未检查 are not counted)."""
    return sum(1 for a in visit.answers if a.result in _JUDGED)


def items_failed(visit: Inspection) -> int:
    """不合格项 of one inspection: its checklist items answered 不合格."""
    return sum(1 for a in visit.answers if a.result is _FAILED)


# Hazards -------------------------------------------------------------------------------------


def is_found_in(item: Seen, period: Period) -> bool:
    """排查隐患 Y 处: hazards found in the period, of every source but 企业自查 (a unit's own
    findings are counted apart, as self_check_hazards). Every figure of the town's 排查
    (重大, 已整改, 整改中, 逾期, 销号, 当场整改) is chosen among these."""
    hazard = item.hazard
    return hazard.source is not _SELF_CHECK and period.contains(hazard.found)


def is_any_found_in(item: Seen, period: Period) -> bool:
    """Hazards found in the period, whatever their source (by_source breaks these down)."""
    return period.contains(item.hazard.found)


def is_fixed_on_spot(item: Seen, period: Period) -> bool:
    """当场整改: of those found, rectified the moment they were found."""
    return item.hazard.on_the_spot and is_found_in(item, period)


def is_self_check_hazard(item: Seen, period: Period) -> bool:
    """企业自查发现隐患: hazards a unit found itself in the period."""
    hazard = item.hazard
    return hazard.source is _SELF_CHECK and period.contains(hazard.found)


def is_self_check_rectified(item: Seen, period: Period) -> bool:
    """Of the units' own findings, 已整改 or 销号 on the as-of date."""
    return item.is_done and is_self_check_hazard(item, period)


def is_major_found(item: Seen, period: Period) -> bool:
    """其中重大隐患."""
    return item.hazard.level is _MAJOR and is_found_in(item, period)


def is_rectified(item: Seen, period: Period) -> bool:
    """已整改 Z 处: of those found, 已整改 or 销号 on the as-of date."""
    return item.is_done and is_found_in(item, period)


def is_open(item: Seen, period: Period) -> bool:
    """整改中 W 处 = Y − Z."""
    return not item.is_done and is_found_in(item, period)


def is_overdue(item: Seen, period: Period) -> bool:
    """逾期未整改 V 处: of the W, deadline before the as-of date."""
    return is_late(item.status, item.hazard.deadline, period.as_of) and is_found_in(item, period)


def is_closed(item: Seen, period: Period) -> bool:
    """已验收销号: of those found, closed out on or before the as-of date."""
    return item.status is _CLOSED and is_found_in(item, period)


def is_backlog_open(item: Seen, period: Period) -> bool:
    """历史遗留未整改: found before the period (of the sources 排查 counts), not 已整改 or 销号
    on the as-of date."""
    hazard = item.hazard
    return hazard.found < period.start and item.status is _OPEN and hazard.source is not _SELF_CHECK


def is_period_or_earlier(item: Seen, period: Period) -> bool:
    """The period's hazards and those left over from before it (of the sources 排查 counts);
    not one found after it."""
    hazard = item.hazard
    return hazard.found <= period.window_end and hazard.source is not _SELF_CHECK


def is_overdue_now(item: Seen, period: Period) -> bool:
    """A hazard of the period or from before it, open and past its deadline on the as-of date
    (逾期未整改 together with 历史遗留 past their deadline)."""
    return is_late(item.status, item.hazard.deadline, period.as_of) and is_period_or_earlier(
        item, period
    )


def is_major_not_closed(item: Seen, period: Period) -> bool:
    """A 重大隐患 of the period or from before it, not yet 销号 on the as-of date."""
    return (
        item.hazard.level is _MAJOR
        and item.status in _NOT_CLOSED
        and is_period_or_earlier(item, period)
    )


def days_overdue(item: Seen, period: Period) -> int:
    deadline = item.hazard.deadline
    return (period.as_of - deadline).days if deadline and is_overdue_now(item, period) else 0


# Patrols and self-checks ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Round:
    """A patrol and whether any hazard found by the as-of date cites it."""

    patrol: Patrol
    found_anything: bool

    @property
    def id(self) -> str:
        return self.patrol.id


def is_patrol_in(item: Round, period: Period) -> bool:
    """巡查 N 次: patrols dated in the period. Never an inspection."""
    return period.contains(item.patrol.date)


def patrollers_on(item: Round) -> int:
    """巡查 人次 on one patrol: the people named on it."""
    return len(item.patrol.by)


def is_quiet_patrol(item: Round, period: Period) -> bool:
    """A patrol of the period that no hazard cites: it found nothing."""
    return not item.found_anything and is_patrol_in(item, period)


def is_quiet(patrols: int, without_findings: int, after: int) -> bool:
    """A village whose patrols, at least `after` of them, all found nothing (巡查记录均为无隐患)."""
    return patrols >= after and without_findings == patrols


def is_self_check_in(check: SelfCheck, period: Period) -> bool:
    """企业自查 N 次: self-checks dated in the period."""
    return period.contains(check.date)


# Penalties and accidents ---------------------------------------------------------------------


def is_penalty_in(case: Penalty, period: Period) -> bool:
    """行政处罚 N 起: penalties dated in the period."""
    return period.contains(case.date)


def is_penalty_on_person(case: Penalty, period: Period) -> bool:
    """其中对个人（当事人）的处罚: penalties of the period against a person, not a unit."""
    return case.person is not None and period.contains(case.date)


def fine_of(case: Penalty) -> Decimal:
    return case.fine


def is_accident_in(accident: Accident, period: Period) -> bool:
    """发生生产安全事故 n 起: accidents dated in the period."""
    return period.contains(accident.date)


def deaths_in(accident: Accident) -> int:
    return accident.deaths


def injuries_in(accident: Accident) -> int:
    return accident.injuries


def one(_: object) -> int:
    return 1


# Campaigns -------------------------------------------------------------------------------------


def campaigns_of(records: Iterable[Record | Seen]) -> dict[str, str]:
    """The 专项行动 each record belongs to, by ID (records of none left out): an inspection's
    and an activity's own; a hazard's own, else its inspection's; a penalty's its hazard's,
    else its inspection's. Units, accidents and plans belong to none. `report --campaign`,
    `by_campaign`, `list --campaign` and `explain` all ask this one map."""
    visits: dict[str, str] = {}
    hazards: list[Hazard] = []
    penalties: list[Penalty] = []
    found: dict[str, str] = {}
    for record in records:
        # by exact type: isinstance on a model class is a slow call, and this runs per record
        kind = type(record)
        if kind is Seen:
            hazards.append(record.hazard)  # type: ignore[union-attr]
        elif kind is Hazard:
            hazards.append(record)  # type: ignore[arg-type]
        elif kind is Penalty:
            penalties.append(record)  # type: ignore[arg-type]
        elif kind is Inspection or kind is Activity:
            campaign = record.campaign  # type: ignore[union-attr]
            if campaign:
                (visits if kind is Inspection else found)[record.id] = campaign
    found |= visits
    for hazard in hazards:
        own = hazard.campaign or (visits.get(hazard.inspection) if hazard.inspection else None)
        if own:
            found[hazard.id] = own
    for case in penalties:
        own = (found.get(case.hazard) if case.hazard else None) or (
            visits.get(case.inspection) if case.inspection else None
        )
        if own:
            found[case.id] = own
    return found


def campaign_records(records: Iterable[Record], campaign: str) -> list[Record]:
    """The records `report --campaign` counts: the campaign's own, and every unit (whose number
    and attributes the campaign's report still states)."""
    records = list(records)
    of = campaigns_of(records)
    return [r for r in records if isinstance(r, Enterprise) or of.get(r.id) == campaign]


# The table of figures --------------------------------------------------------------------------


Amount = int | Decimal


@dataclass(frozen=True)
class Figure:
    """One number of a report: which records it selects and what each adds."""

    key: str
    label: str
    kind: RecordKind
    chosen: Callable[[Any, Period], bool]
    amount: Callable[[Any], Amount] = one
    distinct_units: bool = False
    """Counts the distinct units of the chosen records (检查企业 X 家) instead of adding."""
    before: bool = False
    """Chooses among records dated before the period (历史遗留) rather than within it."""


FIGURES: dict[str, Figure] = {
    f.key: f
    for f in (
        Figure(
            "enterprises_inspected",
            "检查企业(单位)",
            RecordKind.INSPECTION,
            is_inspection_in,
            distinct_units=True,
        ),
        Figure("inspections", "检查家次", RecordKind.INSPECTION, is_inspection_in),
        Figure(
            "inspector_visits",
            "出动执法(检查)人次",
            RecordKind.INSPECTION,
            is_inspection_in,
            inspectors_on,
        ),
        Figure(
            "checklist_items",
            "检查表检查项(项次)",
            RecordKind.INSPECTION,
            has_checklist_in,
            items_judged,
        ),
        Figure(
            "checklist_items_failed",
            "检查表不合格项(项次)",
            RecordKind.INSPECTION,
            has_failed_item_in,
            items_failed,
        ),
        Figure("hazards_found", "排查隐患", RecordKind.HAZARD, is_found_in),
        Figure("hazards_major", "其中重大隐患", RecordKind.HAZARD, is_major_found),
        Figure("hazards_rectified", "已整改", RecordKind.HAZARD, is_rectified),
        Figure("hazards_open", "整改中", RecordKind.HAZARD, is_open),
        Figure("hazards_overdue", "逾期未整改", RecordKind.HAZARD, is_overdue),
        Figure("hazards_closed", "已验收销号", RecordKind.HAZARD, is_closed),
        Figure("hazards_fixed_on_spot", "当场整改", RecordKind.HAZARD, is_fixed_on_spot),
        Figure("self_check_hazards", "企业自查隐患", RecordKind.HAZARD, is_self_check_hazard),
        Figure(
            "self_check_hazards_rectified",
            "企业自查隐患已整改",
            RecordKind.HAZARD,
            is_self_check_rectified,
        ),
        Figure("backlog_open", "历史遗留未整改", RecordKind.HAZARD, is_backlog_open, before=True),
        Figure("penalties", "行政处罚", RecordKind.PENALTY, is_penalty_in),
        Figure("fines_yuan", "罚款(元)", RecordKind.PENALTY, is_penalty_in, fine_of),
        Figure(
            "penalties_on_persons", "其中对个人的处罚", RecordKind.PENALTY, is_penalty_on_person
        ),
        Figure("accidents", "生产安全事故", RecordKind.ACCIDENT, is_accident_in),
        Figure("deaths", "死亡人数", RecordKind.ACCIDENT, is_accident_in, deaths_in),
        Figure("injuries", "受伤人数", RecordKind.ACCIDENT, is_accident_in, injuries_in),
        Figure("patrols", "巡查次数", RecordKind.PATROL, is_patrol_in),
        Figure("patrol_visits", "巡查人次", RecordKind.PATROL, is_patrol_in, patrollers_on),
        Figure("patrols_without_findings", "巡查未发现隐患", RecordKind.PATROL, is_quiet_patrol),
        Figure("self_checks", "企业自查次数", RecordKind.SELF_CHECK, is_self_check_in),
        Figure(
            "units_self_checked",
            "开展自查的单位",
            RecordKind.SELF_CHECK,
            is_self_check_in,
            distinct_units=True,
        ),
    )
}
COUNTED = (
    RecordKind.INSPECTION,
    RecordKind.HAZARD,
    RecordKind.PENALTY,
    RecordKind.ACCIDENT,
    RecordKind.PATROL,
    RecordKind.SELF_CHECK,
)
FIGURES_OF: dict[RecordKind, tuple[Figure, ...]] = {
    kind: tuple(f for f in FIGURES.values() if f.kind is kind) for kind in COUNTED
}
"""The figures each kind of record can add to."""
FIGURES_WITHIN: dict[RecordKind, tuple[Figure, ...]] = {
    kind: tuple(f for f in FIGURES_OF[kind] if not f.before) for kind in COUNTED
}
FIGURES_BEFORE: dict[RecordKind, tuple[Figure, ...]] = {
    kind: tuple(f for f in FIGURES_OF[kind] if f.before) for kind in COUNTED
}


DERIVED = {"rectification_rate": "整改率", "fines_wan": "罚款(万元)"}
"""Figures computed from others, not chosen from records."""


# Where a record counts -------------------------------------------------------------------------


GROUPS = ("by_sector", "by_village", "by_office", "by_town", "by_supervisor")
"""The breakdowns, in the order of a record's place (`Places.of`)."""

Place = tuple[str, str, str, str, str]
"""(sector, village, office that did the work, town, the unit's 监管单位)."""


Counted = Record | Seen | Round
"""What a figure counts: a record, a hazard as seen on the as-of date, a patrol with its
findings."""


def _inner(record: Counted) -> Record:
    if isinstance(record, Seen):
        return record.hazard
    if isinstance(record, Round):
        return record.patrol
    return record


def unit_of(record: Counted, units: Mapping[str, Enterprise]) -> Enterprise | None:
    """The unit a record counts under (a unit counts under itself, a patrol under its point)."""
    if isinstance(record, Enterprise):
        return record
    inner = _inner(record)
    target = inner.point if isinstance(inner, Patrol) else getattr(inner, "enterprise", None)
    return units.get(target) if isinstance(target, str) else None


def place_of(
    record: Counted,
    units: Mapping[str, Enterprise],
    town_of: Mapping[str, str] | None = None,
) -> tuple[str, str, str, str]:
    """(sector, village, 监管单位, town) a record counts under: those of its unit.

    An accident or a penalty with no unit (one on a person) counts under its own 领域, and a
    penalty on a person under its own 村(社区); a hazard at a place under its own village,
    领域 and office (the one that recorded it). A patrol counts under its own village and
    office, and under its point's 领域. The town comes from `town_of`, by the unit's ID, else
    by the record's own (an accident with no unit). A village belongs to one town, so where
    towns are told apart the village is named with its town (东溪镇东溪村): two towns' 东溪村
    are two villages.
    """
    unit = unit_of(record, units)
    inner = _inner(record)
    sector: str | None
    village: str | None
    office: str | None
    if isinstance(inner, Patrol):
        sector = unit.sector if unit is not None else None
        village, office = inner.village, inner.office
    elif unit is not None:
        sector, village, office = unit.sector, unit.village, unit.office
    elif isinstance(inner, Hazard):
        sector, village, office = inner.sector, inner.village, inner.office
    else:
        sector = inner.domain if isinstance(inner, Accident | Penalty) else None
        village = inner.village if isinstance(inner, Penalty) else None
        office = None
    town = None
    if town_of is not None:
        town = (town_of.get(unit.id) if unit is not None else None) or town_of.get(inner.id)
        if town is not None and village:
            village = town + village
    return (sector or UNKNOWN, village or UNKNOWN, office or UNKNOWN, town or UNKNOWN)


def plan_office_of(visit: Inspection, units: Mapping[str, Enterprise]) -> str:
    """The office an inspection counts for against plans and in `by_office`: the office that
    inspected (its own `office`), else its unit's 监管单位."""
    if visit.office:
        return visit.office
    unit = units.get(visit.enterprise)
    return unit.office if unit is not None and unit.office else UNKNOWN


class Places:
    """Where records count, worked out once per unit: `of` gives a record's `Place`.

    `by_office` counts a record under the office that did the work: an inspection under the
    office that inspected; a hazard or a penalty under the office of the inspection it cites;
    anything else under its unit's 监管单位. `by_supervisor` counts every record under its
    unit's 监管单位, whoever inspected.
    """

    def __init__(
        self,
        units: Mapping[str, Enterprise],
        town_of: Mapping[str, str] | None = None,
        inspections: Iterable[Inspection] = (),
    ) -> None:
        self.units = units
        self.town_of = town_of
        self.visit_office = {v.id: v.office for v in inspections if v.office}
        self._known: dict[str, Place] = {}

    def of(self, record: Counted) -> Place:
        # by exact type: this runs for every record counted, and isinstance is a call
        kind = type(record)
        acting: str | None = None
        if kind is Seen:
            hazard = record.hazard  # type: ignore[union-attr]
            target = hazard.enterprise
            if hazard.inspection:
                acting = self.visit_office.get(hazard.inspection)
        elif kind is Inspection:
            target = record.enterprise  # type: ignore[union-attr]
            acting = record.office  # type: ignore[union-attr]
        elif kind is Penalty:
            target = record.enterprise  # type: ignore[union-attr]
            if record.inspection:  # type: ignore[union-attr]
                acting = self.visit_office.get(record.inspection)  # type: ignore[union-attr]
        else:
            target = getattr(record, "enterprise", None)
        place = self._known.get(target) if target else None
        if place is None:
            sector, village, supervisor, town = place_of(record, self.units, self.town_of)
            place = (sector, village, supervisor, town, supervisor)
            if (
                isinstance(target, str)
                and target in self.units
                and (self.town_of is None or target in self.town_of)
            ):
                self._known[target] = place
        if acting is None or acting == place[2]:
            return place
        return (place[0], place[1], acting, place[3], place[4])
