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

from anquan_cli.model.enums import Level, RecordKind, Status
from anquan_cli.model.lifecycle import is_late
from anquan_cli.model.records import Accident, Enterprise, Hazard, Inspection, Penalty, Record
from anquan_cli.stats.periods import Period

UNKNOWN = "未填写"
"""The group a record falls in when its unit has no sector, village, office or town."""

# Enum members read once: looking one up on its class is a Python call in 3.11, and the
# predicates below run for every hazard.
_OPEN, _RECTIFIED, _CLOSED = Status.OPEN, Status.RECTIFIED, Status.CLOSED
_DONE = (_RECTIFIED, _CLOSED)
_NOT_CLOSED = (_OPEN, _RECTIFIED)
_MAJOR = Level.MAJOR


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
    """排查隐患 Y 处: hazards found in the period."""
    return period.contains(item.hazard.found)


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
    """历史遗留未整改: found before the period, not 已整改 or 销号 on the as-of date."""
    return item.hazard.found < period.start and item.status is _OPEN


def is_period_or_earlier(item: Seen, period: Period) -> bool:
    """The period's hazards and those left over from before it; not one found after it."""
    return item.hazard.found <= period.window_end


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
        Figure("backlog_open", "历史遗留未整改", RecordKind.HAZARD, is_backlog_open, before=True),
        Figure("penalties", "行政处罚", RecordKind.PENALTY, is_penalty_in),
        Figure("fines_yuan", "罚款(元)", RecordKind.PENALTY, is_penalty_in, fine_of),
        Figure("accidents", "生产安全事故", RecordKind.ACCIDENT, is_accident_in),
        Figure("deaths", "死亡人数", RecordKind.ACCIDENT, is_accident_in, deaths_in),
        Figure("injuries", "受伤人数", RecordKind.ACCIDENT, is_accident_in, injuries_in),
    )
}
COUNTED = (RecordKind.INSPECTION, RecordKind.HAZARD, RecordKind.PENALTY, RecordKind.ACCIDENT)
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


def unit_of(record: Record | Seen, units: Mapping[str, Enterprise]) -> Enterprise | None:
    """The unit a record counts under (a unit counts under itself)."""
    if isinstance(record, Enterprise):
        return record
    target = getattr(record.hazard if isinstance(record, Seen) else record, "enterprise", None)
    return units.get(target) if isinstance(target, str) else None


def place_of(
    record: Record | Seen,
    units: Mapping[str, Enterprise],
    town_of: Mapping[str, str] | None = None,
) -> tuple[str, str, str, str]:
    """(sector, village, office, town) a record counts under: those of its unit.

    An accident with no unit counts under its own 领域. The town comes from `town_of`, by the
    unit's ID, else by the record's own (an accident with no unit). A village belongs to one
    town, so where towns are told apart the village is named with its town (东溪镇东溪村):
    two towns' 东溪村 are two villages.
    """
    unit = unit_of(record, units)
    if unit is not None:
        sector, village, office = unit.sector, unit.village, unit.office
    else:
        sector = record.domain if isinstance(record, Accident) else None
        village = office = None
    town = None
    if town_of is not None:
        town = (town_of.get(unit.id) if unit is not None else None) or town_of.get(record.id)
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

    def of(self, record: Record | Seen) -> tuple[str, str, str, str]:
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
