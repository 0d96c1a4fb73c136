"""Each figure of domain.md as one predicate over records: the single definition of every number.

`summarize` counts with these and `explain` lists with these; neither has its own copy.
A hazard is replayed once, to its state on the as-of date (`Seen`, with model/lifecycle's
`state_on`, the one replay), before any figure looks at it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from anquan_cli.model.enums import HazardSource, Level, RecordKind, Status
from anquan_cli.model.lifecycle import is_late
from anquan_cli.model.records import (
    Accident,
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


GROUPS = ("by_sector", "by_village", "by_office", "by_town")


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
    """(sector, village, office, town) a record counts under: those of its unit.

    An accident with no unit counts under its own 领域, a hazard at a place under its own
    village, 领域 and office (the one that recorded it). A patrol counts under its own village and office, and under its point's
    领域. The town comes from `town_of`, by the unit's ID, else by the record's own (an
    accident with no unit). A village belongs to one town, so where towns are told apart the
    village is named with its town (东溪镇东溪村): two towns' 东溪村 are two villages.
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
        sector = inner.domain if isinstance(inner, Accident) else None
        village = office = None
    town = None
    if town_of is not None:
        town = (town_of.get(unit.id) if unit is not None else None) or town_of.get(inner.id)
        if town is not None and village:
            village = town + village
    return (sector or UNKNOWN, village or UNKNOWN, office or UNKNOWN, town or UNKNOWN)


def plan_office_of(visit: Inspection, units: Mapping[str, Enterprise]) -> str:
    """The office an inspection counts for against plans: its own, else its unit's."""
    if visit.office:
        return visit.office
    unit = units.get(visit.enterprise)
    return unit.office if unit is not None and unit.office else UNKNOWN


class Places:
    """`place_of` for many records, worked out once per unit."""

    def __init__(
        self, units: Mapping[str, Enterprise], town_of: Mapping[str, str] | None = None
    ) -> None:
        self.units = units
        self.town_of = town_of
        self._known: dict[str, tuple[str, str, str, str]] = {}

    def of(self, record: Counted) -> tuple[str, str, str, str]:
        target = (
            record.hazard.enterprise
            if type(record) is Seen
            else getattr(record, "enterprise", None)
        )
        known = self._known.get(target) if isinstance(target, str) else None
        if known is not None:
            return known
        place = place_of(record, self.units, self.town_of)
        if (
            isinstance(target, str)
            and target in self.units
            and (self.town_of is None or target in self.town_of)
        ):
            self._known[target] = place
        return place
