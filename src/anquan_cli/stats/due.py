"""`anquan due`: what each office and village has to do, as seen on one day.

Every list is taken from the rule that already defines it, never worked out again here:
a hazard's state and lateness from model/lifecycle.py (through the report's own overdue
predicate, so `due` and the report's 逾期 list agree), plans from the report's plan counts,
the month's self-checks from `list enterprises --no-self-check`, units' supervision from
`counts_as_unit`. What is new here is when each thing falls due:

- 逾期未整改: open on the day and past its deadline (the report's `overdue` list);
- 临期: open, deadline from the day to `days` days later;
- 挂牌督办临期: a supervised hazard due after that window but within SUPERVISED_DAYS;
- 计划落后: done < ⌊planned × (day of the month) / (days in the month)⌋, for the day's month;
- 到期未检查: the last inspection (any office's) plus the unit's cycle by 风险等级 falls on or
  before the window's end, or the unit was never inspected; units 关闭 by the day are left
  out, units 停产 stay in and are marked so;
- 本月未自查: units of self_check_sectors with no self-check in the day's month;
- 报送: a month of the day's year (in January, last December too) still 未报送 on the day, or
  未到期 but due within the window
  (the marks of model/reporting.py through stats/submissions.grid; a ledger with no
  submission at all keeps no 报送, as the report's figures say).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from anquan_cli.errors import Problem
from anquan_cli.model.enums import Status
from anquan_cli.model.records import Enterprise, Record
from anquan_cli.model.settings import Settings
from anquan_cli.stats.figures import (
    Places,
    Seen,
    is_overdue_now,
    is_period_or_earlier,
    place_of,
)
from anquan_cli.stats.filters import known_places, without_self_check
from anquan_cli.stats.periods import Period, month
from anquan_cli.stats.submissions import Mark, grid
from anquan_cli.stats.summary import (
    _ordered,
    _Records,
    counts_as_unit,
    patrol_plan_counts,
    patrol_rounds,
    plan_counts,
    seen_hazards,
    split_records,
)

DEFAULT_DAYS = 7
SUPERVISED_DAYS = 30
"""挂牌督办 hazards are listed this many days ahead: the office that supervises them must be
asked to verify and strike them off before the deadline, which takes time."""

SECTIONS = (
    "overdue",
    "due_soon",
    "supervised",
    "plans_behind",
    "units_due_inspection",
    "units_without_self_check",
    "submissions_due",
)
"""The lists of each office's and village's entry, in the order they are shown."""

OFFICE, VILLAGE = "office", "village"


@dataclass(frozen=True)
class HazardDue:
    """An open hazard whose deadline has passed or is near."""

    id: str
    enterprise: str | None
    unit: str
    village: str
    office: str
    description: str
    level: str
    found: date
    deadline: date
    days_left: int
    """Days from the as-of day to the deadline; negative when overdue (by that many days)."""
    responsible: str | None
    supervision: dict[str, str | None] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "found": self.found.isoformat(),
            "deadline": self.deadline.isoformat(),
        }


@dataclass(frozen=True)
class PlanBehind:
    """A month's inspection plan of an office, or patrol plan of a village, behind schedule."""

    kind: str
    """inspections or patrols."""
    name: str
    month: str
    planned: int
    done: int
    expected: int
    due: date
    """The month's last day."""

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "due": self.due.isoformat()}


@dataclass(frozen=True)
class UnitDue:
    """A unit whose inspection cycle has run out, or runs out within the window."""

    id: str
    name: str
    village: str
    office: str
    sector: str
    risk_level: str
    status: str
    cycle_months: int
    last_inspected: date | None
    next_due: date | None
    """None when never inspected: it is due now."""
    days_left: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "last_inspected": _iso(self.last_inspected),
            "next_due": _iso(self.next_due),
        }


@dataclass(frozen=True)
class UnitWithoutSelfCheck:
    """A unit that must inspect itself monthly and has not, this month."""

    id: str
    name: str
    village: str
    office: str
    sector: str
    month: str
    due: date

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "due": self.due.isoformat()}


@dataclass(frozen=True)
class SubmissionDue:
    """A month's 台账 an office or a village has not handed in (未报送), or must hand in
    within the window (未到期)."""

    kind: str
    """office or village."""
    name: str
    month: str
    mark: str
    due: date
    days_left: int

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "due": self.due.isoformat()}


Item = HazardDue | PlanBehind | UnitDue | UnitWithoutSelfCheck | SubmissionDue


@dataclass
class Entry:
    """What one office or one village has due."""

    kind: str
    name: str
    overdue: list[HazardDue] = field(default_factory=list)
    due_soon: list[HazardDue] = field(default_factory=list)
    supervised: list[HazardDue] = field(default_factory=list)
    plans_behind: list[PlanBehind] = field(default_factory=list)
    units_due_inspection: list[UnitDue] = field(default_factory=list)
    units_without_self_check: list[UnitWithoutSelfCheck] = field(default_factory=list)
    submissions_due: list[SubmissionDue] = field(default_factory=list)

    def lists(self) -> dict[str, list[Any]]:
        return {name: getattr(self, name) for name in SECTIONS}

    @property
    def is_empty(self) -> bool:
        return not any(self.lists().values())

    def to_dict(self) -> dict[str, Any]:
        return {name: [item.to_dict() for item in items] for name, items in self.lists().items()}


@dataclass
class DueList:
    """Everything due on the as-of day, by office and by village."""

    ledger: str
    as_of: date
    days: int
    entries: list[Entry]
    problems: list[Problem] = field(default_factory=list)
    """The errors of a ledger allowed to fail `check` (api.due, allow_errors)."""

    @property
    def until(self) -> date:
        return self.as_of + timedelta(days=self.days)

    @property
    def month(self) -> str:
        return f"{self.as_of:%Y-%m}"

    def totals(self) -> dict[str, int]:
        return {name: sum(len(entry.lists()[name]) for entry in self.entries) for name in SECTIONS}

    def to_dict(self) -> dict[str, Any]:
        """The object `due --format json` prints (README lists its keys)."""
        return {
            "ledger": self.ledger,
            "as_of": self.as_of.isoformat(),
            "days": self.days,
            "until": self.until.isoformat(),
            "month": self.month,
            "supervised_days": max(self.days, SUPERVISED_DAYS),
            "totals": self.totals(),
            "by_office": {e.name: e.to_dict() for e in self.entries if e.kind == OFFICE},
            "by_village": {e.name: e.to_dict() for e in self.entries if e.kind == VILLAGE},
        }


def due(
    records: Iterable[Record],
    settings: Settings,
    as_of: date,
    days: int = DEFAULT_DAYS,
    *,
    office: str | None = None,
    village: str | None = None,
    town_of: Mapping[str, str] | None = None,
) -> DueList:
    """What each office (and each village, for its own plans) has due on `as_of`, looking
    `days` days ahead. With `office`, that office's entry alone; with `village`, everything
    of that village (its units' and places' hazards and units too), as one entry."""
    book = split_records(records)
    period = month(as_of.year, as_of.month, as_of)
    until = as_of + timedelta(days=days)
    found = _Found()
    seen = seen_hazards(book.hazards, period)
    for line in _hazard_lines(seen, book.units, town_of, period, until, days):
        found.add(line, line.office, line.village)
    places = Places(book.units, town_of, book.inspections)
    for plan in _plans_behind(book, seen, places, period):
        if plan.kind == "inspections":
            found.add(plan, plan.name, None)
        else:
            found.add(plan, None, plan.name)
    for unit in _units_due(book, settings, as_of, until, town_of):
        found.add(unit, unit.office, unit.village)
    for missing in _without_self_check(book, settings, period, town_of):
        found.add(missing, missing.office, missing.village)
    for owed in _submissions_due(book, settings, as_of, until):
        if owed.kind == OFFICE:
            found.add(owed, owed.name, None)
        else:
            found.add(owed, None, owed.name)
    entries = found.entries(settings, days, office=office, village=village)
    return DueList(settings.name, as_of, days, entries)


def refusal(
    records: Iterable[Record], settings: Settings, office: str | None, village: str | None
) -> str | None:
    """Why `--office`/`--village` cannot be answered, as a Chinese sentence; None if it can.
    A name nobody uses would list nothing and look like "nothing due": it is named instead."""
    if office is not None and village is not None:
        return "--office 与 --village 只能给一个"
    if office is None and village is None:
        return None
    book = split_records(records)
    others = [*book.hazards, *book.patrols]
    _, villages = known_places(settings, book.units.values(), book.accidents, book.plans, others)
    offices = [o.name for o in settings.offices or ()]
    offices += [u.office for u in book.units.values() if u.office]
    offices += [p.office for p in book.plans if p.office]
    offices += [h.office for h in book.hazards if h.office]
    for flag, value, known, what in (
        ("--office", office, offices, "办所"),
        ("--village", village, villages, "村(社区)"),
    ):
        if value is not None and value not in known:
            named = "、".join(dict.fromkeys(known)) or "（无）"
            return f"{flag}：台账中没有{what}“{value}”；现有：{named}"
    return None


class _Found:
    """Each item once, under its office (or, for a village's own plan, its village); the
    village of every item too, for `--village`."""

    def __init__(self) -> None:
        self.by_office: dict[str, list[Item]] = defaultdict(list)
        self.by_village: dict[str, list[Item]] = defaultdict(list)
        self.village_own: dict[str, list[Item]] = defaultdict(list)

    def add(self, item: Item, office: str | None, village: str | None) -> None:
        if office is not None:
            self.by_office[office].append(item)
        elif village is not None:
            self.village_own[village].append(item)
        if village is not None:
            self.by_village[village].append(item)

    def entries(
        self, settings: Settings, days: int, *, office: str | None, village: str | None
    ) -> list[Entry]:
        if office is not None:
            return [_entry(OFFICE, office, self.by_office.get(office, []), days)]
        if village is not None:
            return [_entry(VILLAGE, village, self.by_village.get(village, []), days)]
        offices = [o.name for o in settings.offices or ()]
        made = [
            _entry(OFFICE, name, self.by_office[name], days)
            for name in _ordered(self.by_office, offices)
        ]
        made += [
            _entry(VILLAGE, name, self.village_own[name], days)
            for name in _ordered(self.village_own, settings.villages or ())
        ]
        return made


def _entry(kind: str, name: str, items: list[Item], days: int) -> Entry:
    entry = Entry(kind, name)
    for item in items:
        match item:
            case HazardDue() if item.days_left < 0:  # is_overdue_now chose it late
                entry.overdue.append(item)
            case HazardDue() if item.days_left <= days:
                entry.due_soon.append(item)
            case HazardDue():  # 挂牌督办, due within the longer window
                entry.supervised.append(item)
            case PlanBehind():
                entry.plans_behind.append(item)
            case UnitDue():
                entry.units_due_inspection.append(item)
            case UnitWithoutSelfCheck():
                entry.units_without_self_check.append(item)
            case SubmissionDue():
                entry.submissions_due.append(item)
    entry.overdue.sort(key=lambda h: (h.days_left, h.id))
    entry.due_soon.sort(key=lambda h: (h.deadline, h.id))
    entry.supervised.sort(key=lambda h: (h.deadline, h.id))
    entry.plans_behind.sort(key=lambda p: (p.kind, p.name))
    entry.units_due_inspection.sort(key=lambda u: (u.next_due or date.min, u.id))
    entry.units_without_self_check.sort(key=lambda u: u.id)
    entry.submissions_due.sort(key=lambda m: (m.due, m.kind, m.name))
    return entry


def _hazard_lines(
    seen: Iterable[Seen],
    units: Mapping[str, Enterprise],
    town_of: Mapping[str, str] | None,
    period: Period,
    until: date,
    days: int,
) -> list[HazardDue]:
    """Open hazards (of the sources 排查 counts) late on the day, due by `until`, or — under
    挂牌督办 — due within the longer supervised window."""
    as_of = period.as_of
    horizon = as_of + timedelta(days=max(days, SUPERVISED_DAYS))
    lines = []
    for item in seen:
        hazard = item.hazard
        deadline = hazard.deadline
        if item.status is not Status.OPEN or deadline is None:
            continue
        if not is_period_or_earlier(item, period):
            continue
        late = is_overdue_now(item, period)
        limit = horizon if hazard.supervision is not None else until
        if not late and deadline > limit:
            continue
        unit = units.get(hazard.enterprise) if hazard.enterprise else None
        _, village, office, _ = place_of(item, units, town_of)
        listed = hazard.supervision
        lines.append(
            HazardDue(
                id=hazard.id,
                enterprise=hazard.enterprise,
                unit=unit.name if unit else (hazard.enterprise or hazard.place or ""),
                village=village,
                office=office,
                description=hazard.description,
                level=str(hazard.level),
                found=hazard.found,
                deadline=deadline,
                days_left=(deadline - as_of).days,
                responsible=hazard.responsible,
                supervision=(
                    {"level": listed.level, "doc_no": listed.doc_no} if listed is not None else None
                ),
            )
        )
    return lines


def _plans_behind(
    book: _Records, seen: list[Seen], places: Places, period: Period
) -> list[PlanBehind]:
    """The day's month's plans, inspections by office and patrols by village, whose done
    count is below the share of the month gone by: ⌊planned × day / days in the month⌋."""
    as_of = period.as_of
    length = calendar.monthrange(as_of.year, as_of.month)[1]
    last = period.end
    which = f"{as_of:%Y-%m}"
    planned, done = plan_counts(book.plans, book.inspections, book.units, period)
    rounds = patrol_rounds(book.patrols, seen)
    patrols_planned, patrols_done = patrol_plan_counts(book.plans, rounds, places, period)
    behind = []
    for kind, plans, made in (
        ("inspections", planned, done),
        ("patrols", patrols_planned, patrols_done),
    ):
        for name, count in plans.items():
            expected = count * as_of.day // length
            if made.get(name, 0) < expected:
                behind.append(
                    PlanBehind(kind, name, which, count, made.get(name, 0), expected, last)
                )
    return behind


def add_months(day: date, months: int) -> date:
    """The same day so many months later, the month's last day where it has no such day
    (2024-01-31 + 1 month = 2024-02-29)."""
    index = day.year * 12 + day.month - 1 + months
    year, number = divmod(index, 12)
    last = calendar.monthrange(year, number + 1)[1]
    return date(year, number + 1, min(day.day, last))


def _units_due(
    book: _Records,
    settings: Settings,
    as_of: date,
    until: date,
    town_of: Mapping[str, str] | None,
) -> list[UnitDue]:
    """Units still supervised on the day whose 风险等级 has a cycle, not inspected since the
    cycle before the window's end (or never): their last inspection (by any office, dated by
    the day) plus the cycle falls on or before `until`."""
    cycle = settings.inspection_cycle
    last: dict[str, date] = {}
    for visit in book.inspections:
        if visit.date <= as_of and visit.date > last.get(visit.enterprise, date.min):
            last[visit.enterprise] = visit.date
    found = []
    for unit in book.units.values():
        months = cycle.get(unit.risk_level) if unit.risk_level is not None else None
        if months is None or not counts_as_unit(unit, as_of):
            continue
        previous = last.get(unit.id)
        next_due = add_months(previous, months) if previous is not None else None
        if next_due is not None and next_due > until:
            continue
        sector, village, office, _ = place_of(unit, book.units, town_of)
        found.append(
            UnitDue(
                id=unit.id,
                name=unit.name,
                village=village,
                office=office,
                sector=sector,
                risk_level=str(unit.risk_level),
                status=str(unit.status_on(as_of)),
                cycle_months=months,
                last_inspected=previous,
                next_due=next_due,
                days_left=(next_due - as_of).days if next_due is not None else None,
            )
        )
    return found


def _without_self_check(
    book: _Records, settings: Settings, period: Period, town_of: Mapping[str, str] | None
) -> list[UnitWithoutSelfCheck]:
    """`list enterprises --no-self-check` for the day's month (none when the ledger names no
    self_check_sectors)."""
    as_of = period.as_of
    which = f"{as_of:%Y-%m}"
    by_then = (c for c in book.self_checks if c.date <= as_of)
    missing = without_self_check(book.units.values(), by_then, which, settings.self_check_sectors)
    found = []
    for unit in missing:
        sector, village, office, _ = place_of(unit, book.units, town_of)
        found.append(
            UnitWithoutSelfCheck(unit.id, unit.name, village, office, sector, which, period.end)
        )
    return found


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _submissions_due(
    book: _Records, settings: Settings, as_of: date, until: date
) -> list[SubmissionDue]:
    """Months of the day's year (in January, last December too) still 未报送 on the day, and
    months 未到期 but due by `until`, of every party that must hand in."""
    if not book.submissions:  # as the report's figures: a ledger keeping no 报送 owes none
        return []
    months = [f"{as_of.year}-{m:02d}" for m in range(1, as_of.month + 1)]
    if as_of.month == 1:  # last December's 台账 is due this January
        months.insert(0, f"{as_of.year - 1}-12")
    found = []
    for (kind, name), row in grid(book.submissions, settings, months, as_of).items():
        for marked in row:
            due = date.fromisoformat(marked.due)
            if marked.mark is Mark.MISSING or (marked.mark is Mark.NOT_DUE and due <= until):
                found.append(
                    SubmissionDue(
                        kind, name, marked.month, marked.mark.value, due, (due - as_of).days
                    )
                )
    return found
