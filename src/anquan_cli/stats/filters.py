"""Choosing records for `list`: by status, overdue, level, sector, village and date range."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from anquan_cli.model.enums import HazardSource, Level, RecordKind, Status, UnitStatus
from anquan_cli.model.lifecycle import is_overdue_on, state_on
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
    Submission,
)
from anquan_cli.model.settings import Settings
from anquan_cli.stats.summary import counts_as_unit


@dataclass(frozen=True)
class Filter:
    status: str | None = None
    overdue: bool = False
    level: str | None = None
    sector: str | None = None
    village: str | None = None
    start: date | None = None
    end: date | None = None
    campaign: str | None = None
    source: str | None = None


def record_date(record: Record) -> date | None:
    """The date a record is filed under in a period."""
    match record:
        case Hazard():
            return record.found
        case (
            Inspection()
            | Penalty()
            | Accident()
            | Activity()
            | Patrol()
            | SelfCheck()
            | Submission()
        ):
            return record.date
        case Plan():
            return date(int(record.month[:4]), int(record.month[5:]), 1)
        case _:
            return None


def unit_of(record: Record, units: Mapping[str, Enterprise]) -> Enterprise | None:
    """The unit a record counts under (an enterprise counts under itself)."""
    if isinstance(record, Enterprise):
        return record
    target = record.point if isinstance(record, Patrol) else getattr(record, "enterprise", None)
    return units.get(target) if isinstance(target, str) else None


def village_of(record: Record, units: Mapping[str, Enterprise]) -> str | None:
    """村(社区) of the record: a patrol's own, a hazard at a place its own, else its unit's."""
    if isinstance(record, Patrol | Submission):
        return record.village
    if isinstance(record, Hazard) and record.enterprise is None:
        return record.village
    unit = unit_of(record, units)
    return unit.village if unit is not None else None


def sector_of(record: Record, units: Mapping[str, Enterprise]) -> str | None:
    """行业领域 of the record's unit; an accident with no unit counts under its own 领域."""
    if isinstance(record, Plan):
        return record.sector
    unit = unit_of(record, units)
    if unit is not None and unit.sector:
        return unit.sector
    if isinstance(record, Hazard) and record.enterprise is None:
        return record.sector
    return record.domain if isinstance(record, Accident) else None


OVERDUE = "逾期"
_STATUSES = {
    RecordKind.HAZARD: (*(s.value for s in Status), OVERDUE),
    RecordKind.ENTERPRISE: tuple(s.value for s in UnitStatus),
}
_LEVELS = {RecordKind.HAZARD: tuple(level.value for level in Level)}
_SOURCES = {RecordKind.HAZARD: tuple(source.value for source in HazardSource)}
# kinds whose records carry no such value (see record_date, sector_of, unit_of): the filter
# could only ever list nothing
_UNDATED = (RecordKind.ENTERPRISE,)
_WITHOUT_SECTOR = (RecordKind.ACTIVITY, RecordKind.SUBMISSION)
_WITHOUT_VILLAGE = (RecordKind.ACTIVITY,)
_WITHOUT_CAMPAIGN = (
    RecordKind.ENTERPRISE,
    RecordKind.ACCIDENT,
    RecordKind.PLAN,
    RecordKind.SUBMISSION,
)


def known_places(
    settings: Settings,
    units: Iterable[Enterprise],
    accidents: Iterable[Accident],
    plans: Iterable[Plan],
    others: Iterable[Record] = (),
) -> tuple[list[str], list[str]]:
    """Every 行业领域 and every 村(社区) the ledger knows of: its settings' lists first, then any
    other its records use."""
    units = list(units)
    sectors = [s.name for s in settings.sectors]
    sectors += [u.sector for u in units if u.sector]
    sectors += [a.domain for a in accidents] + [p.sector for p in plans if p.sector]
    villages = list(settings.villages or ()) + [u.village for u in units if u.village]
    villages += [p.village for p in plans if p.village]
    villages += [r.village for r in others if isinstance(r, Patrol | Hazard) and r.village]
    sectors += [h.sector for h in others if isinstance(h, Hazard) and h.sector]
    return list(dict.fromkeys(sectors)), list(dict.fromkeys(villages))


def without_self_check(
    units: Iterable[Enterprise],
    self_checks: Iterable[SelfCheck],
    month: str,
    sectors: Iterable[str],
) -> list[Enterprise]:
    """Units of the sectors that must inspect themselves (self_check_sectors), still
    supervised, with no self-check dated in that month (2024-11), by ID."""
    marked = set(sectors)
    done = {c.enterprise for c in self_checks if f"{c.date:%Y-%m}" == month}
    first = date(int(month[:4]), int(month[5:7]), 1)  # a unit closed before the month is not asked
    return sorted(
        (u for u in units if u.sector in marked and counts_as_unit(u, first) and u.id not in done),
        key=lambda u: u.id,
    )


def refusal(
    kind: RecordKind, chosen: Filter, sectors: list[str], villages: list[str]
) -> str | None:
    """Why the filter cannot select anything of this kind, as a Chinese sentence; None if it
    can. A status, level or place nobody uses would list nothing and look like "none found":
    it is named instead. `sectors` and `villages` are every one the ledger knows of."""
    if chosen.overdue and kind is not RecordKind.HAZARD:
        return f"--overdue 只用于隐患，不用于{kind.label}"
    for flag, given, without, what in (
        ("--from", chosen.start, _UNDATED, "日期"),
        ("--to", chosen.end, _UNDATED, "日期"),
        ("--sector", chosen.sector, _WITHOUT_SECTOR, "行业领域"),
        ("--village", chosen.village, _WITHOUT_VILLAGE, "所属村(社区)"),
        ("--campaign", chosen.campaign, _WITHOUT_CAMPAIGN, "专项行动"),
    ):
        if given is not None and kind in without:
            return f"{flag} 不用于{kind.label}：{kind.label}记录没有{what}"
    for flag, value, table in (
        ("--status", chosen.status, _STATUSES),
        ("--level", chosen.level, _LEVELS),
        ("--source", chosen.source, _SOURCES),
    ):
        allowed = table.get(kind)
        if value is None:
            continue
        if allowed is None:
            return f"{flag} 只用于{'、'.join(k.label for k in table)}，不用于{kind.label}"
        if value not in allowed:
            return f"{flag}：{value} 无效，可选 {'、'.join(allowed)}"
    for flag, value, known, what in (
        ("--sector", chosen.sector, sectors, "行业领域"),
        ("--village", chosen.village, villages, "村(社区)"),
    ):
        if value is not None and value not in known:
            return f"{flag}：台账中没有{what}“{value}”；现有：{'、'.join(known) or '（无）'}"
    return None


def _village(record: Record, units: Mapping[str, Enterprise]) -> str | None:
    return record.village if isinstance(record, Plan) else village_of(record, units)


def status_on(record: Record, today: date) -> str | None:
    """The status `list` shows and filters by: a hazard's replayed from its history as of today
    (逾期 when it is late), a unit's as its file says; None for other kinds."""
    if isinstance(record, Hazard):
        if is_overdue_on(record, today):
            return OVERDUE
        return str(state_on(record, today) or Status.OPEN)
    value = getattr(record, "status", None)
    return str(value.value) if value is not None else None


def _late_and_open(shown: str | None, asked: str) -> bool:
    """A late hazard is 整改中 too: `--status 整改中` lists it with the others."""
    return shown == OVERDUE and asked == Status.OPEN.value


def select(
    records: Iterable[Record],
    units: Mapping[str, Enterprise],
    chosen: Filter,
    today: date,
    campaigns: Mapping[str, str] | None = None,
) -> list[Record]:
    """The records that pass every given filter, in ID order. `campaigns` (figures.campaigns_of
    over the whole ledger) gives each record's campaign, for --campaign."""
    kept = []
    for record in records:
        when = record_date(record)
        shown = status_on(record, today) if chosen.status or chosen.overdue else None
        if chosen.status and shown != chosen.status and not _late_and_open(shown, chosen.status):
            continue
        if chosen.overdue and shown != OVERDUE:
            continue
        if chosen.level and getattr(record, "level", None) != chosen.level:
            continue
        if chosen.source and getattr(record, "source", None) != chosen.source:
            continue
        if chosen.sector and sector_of(record, units) != chosen.sector:
            continue
        if chosen.village and _village(record, units) != chosen.village:
            continue
        if chosen.start and (when is None or when < chosen.start):
            continue
        if chosen.end and (when is None or when > chosen.end):
            continue
        if chosen.campaign and (campaigns or {}).get(record.id) != chosen.campaign:
            continue
        kept.append(record)
    return sorted(kept, key=lambda r: r.id)
