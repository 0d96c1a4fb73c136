"""Choosing records for `list`: by status, overdue, level, sector, village and date range."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

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


@dataclass(frozen=True)
class Filter:
    status: str | None = None
    overdue: bool = False
    level: str | None = None
    sector: str | None = None
    village: str | None = None
    start: date | None = None
    end: date | None = None


def record_date(record: Record) -> date | None:
    """The date a record is filed under in a period."""
    match record:
        case Hazard():
            return record.found
        case Inspection() | Penalty() | Accident() | Activity():
            return record.date
        case Plan():
            return date(int(record.month[:4]), int(record.month[5:]), 1)
        case _:
            return None


def unit_of(record: Record, units: Mapping[str, Enterprise]) -> Enterprise | None:
    """The unit a record counts under (an enterprise counts under itself)."""
    if isinstance(record, Enterprise):
        return record
    target = getattr(record, "enterprise", None)
    return units.get(target) if isinstance(target, str) else None


def sector_of(record: Record, units: Mapping[str, Enterprise]) -> str | None:
    """行业领域 of the record's unit; an accident with no unit counts under its own 领域."""
    unit = unit_of(record, units)
    if unit is not None and unit.sector:
        return unit.sector
    return record.domain if isinstance(record, Accident) else None


def _status(record: Record) -> str | None:
    value = getattr(record, "status", None)
    return str(value.value) if value is not None else None


def select(
    records: Iterable[Record], units: Mapping[str, Enterprise], chosen: Filter, today: date
) -> list[Record]:
    """The records that pass every given filter, in ID order."""
    kept = []
    for record in records:
        when = record_date(record)
        unit = unit_of(record, units)
        if (
            chosen.status
            and _status(record) != chosen.status
            and not (
                chosen.status == "逾期"
                and isinstance(record, Hazard)
                and record.is_overdue_on(today)
            )
        ):
            continue
        if chosen.overdue and not (isinstance(record, Hazard) and record.is_overdue_on(today)):
            continue
        if chosen.level and getattr(record, "level", None) != chosen.level:
            continue
        if chosen.sector and sector_of(record, units) != chosen.sector:
            continue
        if chosen.village and (unit is None or unit.village != chosen.village):
            continue
        if chosen.start and (when is None or when < chosen.start):
            continue
        if chosen.end and (when is None or when > chosen.end):
            continue
        kept.append(record)
    return sorted(kept, key=lambda r: r.id)
