"""`summarize`: every figure of a period in one pass, the object `report --format json` prints."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter
from typing import Any, Protocol

from anquan_cli.model.enums import (
    ActivityKind,
    HazardSource,
    RecordKind,
    UnitStatus,
    Verdict,
)
from anquan_cli.model.lifecycle import state_on
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
from anquan_cli.stats import jsontext
from anquan_cli.stats.figures import (
    FIGURES,
    FIGURES_BEFORE,
    FIGURES_OF,
    FIGURES_WITHIN,
    GROUPS,
    UNKNOWN,
    Amount,
    Figure,
    Place,
    Places,
    Round,
    Seen,
    campaigns_of,
    days_overdue,
    has_failed_item_in,
    is_accident_in,
    is_any_found_in,
    is_inspection_in,
    is_major_not_closed,
    is_overdue_now,
    is_patrol_in,
    is_quiet,
    one,
    plan_office_of,
)
from anquan_cli.stats.periods import Period

_CENT = Decimal("0.01")
_WAN = Decimal(10000)


def number(value: Amount) -> int | float:
    """A count or an amount of money as a JSON number (whole yuan stay integers)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def rate(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide by (shown as "—")."""
    return part / whole if whole else None


@dataclass(frozen=True)
class Counts:
    """The figures of one group (the totals, a sector, a village, an office or a town)."""

    enterprises_inspected: int = 0
    inspections: int = 0
    inspector_visits: int = 0
    checklist_items: int = 0
    checklist_items_failed: int = 0
    hazards_found: int = 0
    hazards_major: int = 0
    hazards_rectified: int = 0
    hazards_open: int = 0
    hazards_overdue: int = 0
    hazards_closed: int = 0
    hazards_fixed_on_spot: int = 0
    self_check_hazards: int = 0
    self_check_hazards_rectified: int = 0
    backlog_open: int = 0
    penalties: int = 0
    fines_yuan: Decimal = Decimal(0)
    penalties_on_persons: int = 0
    accidents: int = 0
    deaths: int = 0
    injuries: int = 0
    patrols: int = 0
    patrol_visits: int = 0
    patrols_without_findings: int = 0
    self_checks: int = 0
    units_self_checked: int = 0

    @property
    def rectification_rate(self) -> float | None:
        """整改率 Z / Y; None when nothing was found."""
        return rate(self.hazards_rectified, self.hazards_found)

    @property
    def fines_wan(self) -> Decimal:
        """罚款 in 万元, two decimals at most."""
        return (self.fines_yuan / _WAN).quantize(_CENT, rounding=ROUND_HALF_UP)

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{key: getattr(self, key) + getattr(other, key) for key in FIGURES})

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {key: number(getattr(self, key)) for key in FIGURES}
        data["rectification_rate"] = self.rectification_rate
        data["fines_wan"] = number(self.fines_wan)
        return data


@dataclass
class _Tally:
    """Running sums of one cell; distinct units kept as a set so cells can be merged."""

    sums: dict[str, Amount] = field(default_factory=lambda: defaultdict(int))
    units: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def merge(self, other: _Tally) -> None:
        for key, value in other.sums.items():
            self.sums[key] += value
        for key, ids in other.units.items():
            self.units[key] |= ids

    def counts(self) -> Counts:
        values: dict[str, Any] = {}
        for key, figure in FIGURES.items():
            if figure.distinct_units:
                values[key] = len(self.units.get(key, ()))
            elif key == "fines_yuan":
                values[key] = Decimal(self.sums.get(key, 0))
            else:
                values[key] = self.sums.get(key, 0)
        return Counts(**values)


@dataclass(frozen=True)
class HazardLine:
    """One hazard as a report lists it (逾期 or 未销号重大隐患)."""

    id: str
    enterprise: str
    unit: str
    sector: str
    village: str
    description: str
    level: str
    found: str
    deadline: str | None
    status: str
    days_overdue: int
    supervision: str | None
    missing_assurances: list[str]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PlanProgress:
    """An office's plan for the period against the inspections it made."""

    planned: int
    done: int

    @property
    def rate(self) -> float | None:
        return rate(self.done, self.planned)

    def to_dict(self) -> dict[str, Any]:
        return {"planned": self.planned, "done": self.done, "rate": self.rate}


@dataclass(frozen=True)
class SectorUnits:
    """The units of one sector: how many, in which measure word, by sub-type and attribute."""

    count: int
    unit: str
    suspended: int
    """其中停产: units 停产 on the as-of date."""
    by_subtype: dict[str, int]
    attributes: dict[str, dict[str, int]]

    @property
    def attribute_shares(self) -> dict[str, dict[str, float | None]]:
        """占比 of each attribute value among the units with that attribute recorded
        (已安装7家，占70.0%)."""
        return {
            name: {value: rate(n, sum(values.values())) for value, n in values.items()}
            for name, values in self.attributes.items()
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "attribute_shares": self.attribute_shares}


@dataclass(frozen=True)
class Summary:
    """Every figure of one period, as `report --format json` prints it (see cli.md)."""

    ledger: str
    period: Period
    totals: Counts
    by_sector: dict[str, Counts]
    by_village: dict[str, Counts]
    by_office: dict[str, Counts]
    """By the office that did the work (the office that inspected; see figures.Places)."""
    by_supervisor: dict[str, Counts]
    """By the unit's 监管单位, whoever inspected."""
    by_town: dict[str, Counts] | None
    by_campaign: dict[str, Counts]
    """The figures of each 专项行动's own records."""
    leaders: dict[str, dict[str, int]]
    activities: dict[str, dict[str, Any]]
    """Per activity kind: times held, people taking part, and `quantities` (what, measure word,
    quantity: 发放宣传资料 20000 份)."""
    leader_quantities: dict[str, dict[str, list[dict[str, Any]]]]
    """Per leader and activity kind, the quantities of their activities, as in `activities`."""
    accidents_by_domain: dict[str, Counts]
    accident_list: list[dict[str, Any]]
    plans: dict[str, PlanProgress]
    patrol_plans: dict[str, PlanProgress]
    """Per village with a patrol plan in the period: patrols planned against patrols made."""
    by_source: dict[str, dict[str, int]]
    """The period's hazards by source (检查, 巡查, 企业自查 …): found and rectified."""
    checklist_failures: dict[str, list[dict[str, Any]]]
    """Per sector, the checklist items answered 不合格 in the period, most often first."""
    quiet_villages: dict[str, int]
    """Villages whose patrols, at least the ledger's patrol_quiet_after of them, all found
    nothing: village → patrols."""
    units_total: int
    units_by_sector: dict[str, SectorUnits]
    units_by_village: dict[str, int]
    overdue: list[HazardLine]
    """Every hazard open and past its deadline on the as-of date, most overdue first."""
    open_major: list[HazardLine]
    """重大隐患 not yet 销号 on the as-of date, oldest first."""
    submissions: tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]] = ({}, {})
    """submissions_late and submissions_missing by office and by village."""
    assessment: dict[str, Any] | None = None
    """考核 of the year to the as-of date (stats/assessment.py); None when not set."""

    @property
    def plans_total(self) -> PlanProgress | None:
        """The offices with a plan, together: planned against done; None when none planned."""
        if not self.plans:
            return None
        return PlanProgress(
            sum(p.planned for p in self.plans.values()), sum(p.done for p in self.plans.values())
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data; maps keep the ledger's order (settings first, then by name)."""
        data: dict[str, Any] = {
            "ledger": self.ledger,
            "period": self.period.to_dict(),
            "totals": self.totals.to_dict(),
            "by_sector": _dicts(self.by_sector),
            "by_village": _dicts(self.by_village),
            "by_office": _dicts(self.by_office),
            "by_supervisor": _dicts(self.by_supervisor),
            "by_campaign": _dicts(self.by_campaign),
            "leaders": self.leaders,
            "leader_quantities": self.leader_quantities,
            "activities": self.activities,
            "accidents": {
                "by_domain": {
                    name: {k: c.to_dict()[k] for k in ("accidents", "deaths", "injuries")}
                    for name, c in self.accidents_by_domain.items()
                },
                "items": self.accident_list,
            },
            "plans": _dicts(self.plans),
            "plans_total": self.plans_total.to_dict() if self.plans_total else None,
            "patrol_plans": _dicts(self.patrol_plans),
            "by_source": self.by_source,
            "quiet_villages": self.quiet_villages,
            "checklist_failures": self.checklist_failures,
            "units": {
                "total": self.units_total,
                "suspended": sum(s.suspended for s in self.units_by_sector.values()),
                "by_sector": _dicts(self.units_by_sector),
                "by_village": self.units_by_village,
            },
            "overdue": [line.to_dict() for line in self.overdue],
            "open_major": [line.to_dict() for line in self.open_major],
        }
        if self.by_town is not None:
            data["by_town"] = _dicts(self.by_town)
        _with_submissions(data, self.submissions)
        data["assessment"] = self.assessment
        return data

    def to_json(self) -> str:
        """Deterministic JSON: sorted keys, money as numbers, dates as 2024-12-31."""
        return jsontext.dumps(self.to_dict())


def _with_submissions(
    data: dict[str, Any], counted: tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]
) -> None:
    """Put the 报送 figures into `totals`, `by_office` and `by_village` (0 where none): an
    office or village that must hand in is listed even where nothing else counts."""
    from anquan_cli.stats.submissions import FIGURES as SUBMISSION_FIGURES

    totals = dict.fromkeys(SUBMISSION_FIGURES, 0)
    for group, found in zip(("by_office", "by_village"), counted, strict=True):
        table = data[group]
        for name in found:
            table.setdefault(name, Counts().to_dict())
        for name, entry in table.items():
            for key in SUBMISSION_FIGURES:
                entry[key] = found.get(name, {}).get(key, 0)
                totals[key] += entry[key]
    data["totals"].update(totals)


def _dicts(items: Mapping[str, Any]) -> dict[str, Any]:
    return {name: value.to_dict() for name, value in items.items()}


def _ordered(names: Iterable[str], first: Iterable[str]) -> list[str]:
    """The configured names in their order, then the others by name, 未填写 last."""
    names = set(names)
    head = [n for n in dict.fromkeys(first) if n in names]
    rest = sorted(names - set(head) - {UNKNOWN})
    return head + rest + ([UNKNOWN] if UNKNOWN in names and UNKNOWN not in head else [])


@dataclass
class _Records:
    units: dict[str, Enterprise] = field(default_factory=dict)
    inspections: list[Inspection] = field(default_factory=list)
    hazards: list[Hazard] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)
    accidents: list[Accident] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    patrols: list[Patrol] = field(default_factory=list)
    self_checks: list[SelfCheck] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)


def split_records(records: Iterable[Record]) -> _Records:
    """Records of every kind, split by kind (in the order given: no figure depends on it)."""
    out = _Records()
    lists: dict[type, list[Any]] = {
        Inspection: out.inspections,
        Hazard: out.hazards,
        Penalty: out.penalties,
        Accident: out.accidents,
        Activity: out.activities,
        Plan: out.plans,
        Patrol: out.patrols,
        SelfCheck: out.self_checks,
        Submission: out.submissions,
    }
    for record in records:
        # by exact type first: one dict lookup instead of a row of isinstance tests
        if type(record) is Enterprise:
            out.units[record.id] = record
            continue
        same = lists.get(type(record))
        if same is not None:
            same.append(record)
            continue
        match record:
            case Enterprise():
                out.units[record.id] = record
            case Inspection():
                out.inspections.append(record)
            case Hazard():
                out.hazards.append(record)
            case Penalty():
                out.penalties.append(record)
            case Accident():
                out.accidents.append(record)
            case Activity():
                out.activities.append(record)
            case Plan():
                out.plans.append(record)
            case Patrol():
                out.patrols.append(record)
            case SelfCheck():
                out.self_checks.append(record)
            case Submission():
                out.submissions.append(record)
    return out


def seen_hazards(hazards: Iterable[Hazard], period: Period) -> list[Seen]:
    """Every hazard found by the as-of date, replayed once to its state on that day."""
    as_of = period.as_of
    return [Seen(h, state_on(h, as_of)) for h in hazards if h.found <= as_of]


def patrol_rounds(patrols: Iterable[Patrol], hazards: Iterable[Seen]) -> list[Round]:
    """Every patrol with whether a hazard found by the as-of date cites it."""
    cited = {item.hazard.patrol for item in hazards if item.hazard.patrol}
    return [Round(p, p.id in cited) for p in patrols]


def summarize(
    records: Iterable[Record],
    period: Period,
    *,
    settings: Settings,
    town_of: Mapping[str, str] | None = None,
) -> Summary:
    """Every figure of the period from the ledger's records, each hazard replayed once.

    `town_of` (record ID → 镇街, from a district ledger) adds the breakdown by town.
    """
    records = list(records)
    summary = finish(
        tally(records, period, town_of, settings if town_of is None else None),
        settings,
        by_town=town_of is not None,
    )
    if settings.assessment is None or town_of is not None:
        return summary  # a district's towns are assessed each in its own ledger
    return replace(summary, assessment=_assessment(records, period, settings, summary))


def _assessment(
    records: list[Record], period: Period, settings: Settings, summary: Summary
) -> dict[str, Any] | None:
    """The 考核 of the period's year to its as-of date, from that year's figures."""
    from anquan_cli.stats.assessment import Basis, assess
    from anquan_cli.stats.figures import is_found_in, is_rectified
    from anquan_cli.stats.periods import month, whole_year

    year = whole_year(period.end.year, as_of=period.as_of)
    same = (year.start, year.end, year.as_of) == (period.start, period.end, period.as_of)
    figures = summary if same else finish(tally(records, year, None, settings), settings)
    book = split_records(records)
    hazards = seen_hazards(book.hazards, year)
    unit_hazards: dict[str, tuple[int, int]] = {}
    for item in hazards:
        unit = book.units.get(item.hazard.enterprise or "")
        if unit is not None and is_found_in(item, year):
            found, fixed = unit_hazards.get(unit.name, (0, 0))
            unit_hazards[unit.name] = (found + 1, fixed + is_rectified(item, year))
    # plans month by month: a month's inspections beyond its plan make up no other month's
    places = Places(book.units, None, book.inspections)
    rounds = patrol_rounds(book.patrols, hazards)
    plans: dict[str, tuple[int, int]] = {}
    patrol_plans: dict[str, tuple[int, int]] = {}
    for number in range(1, year.window_end.month + 1):
        one_month = month(year.start.year, number, as_of=year.as_of)
        for table, (planned, done) in (
            (plans, plan_counts(book.plans, book.inspections, book.units, one_month)),
            (patrol_plans, patrol_plan_counts(book.plans, rounds, places, one_month)),
        ):
            for name, wanted in planned.items():
                made, asked = table.get(name, (0, 0))
                table[name] = (made + min(done.get(name, 0), wanted), asked + wanted)
    basis = Basis(unit_hazards, plans, patrol_plans)
    return assess(settings, year, figures.to_dict(), book.units.values(), basis)


@dataclass
class Tally:
    """What a period's figures are counted from, before a ledger's settings name and order
    them. Towns' tallies add up (`+`) to their district's: every number is a sum over records,
    and a unit is in one town only (its ID carries the town's code), so distinct units add too.
    """

    period: Period
    totals: Counts
    groups: tuple[dict[str, Counts], ...]
    """The counts by sector, village, office, town and 监管单位 (the parts of a record's
    place, figures.GROUPS)."""
    unit_places: tuple[set[str], ...]
    """The sectors, villages, offices and 监管单位 the units are in (listed even when nothing
    counts)."""
    towns: list[str]
    """The towns counted, in the district's order."""
    leaders: dict[str, dict[str, int]]
    activities: dict[str, dict[str, int]]
    quantities: dict[Quantity, int]
    """Activities' quantities summed by (leader or "", kind, what, measure word)."""
    failures: dict[Failure, int]
    """Checklist items answered 不合格 in the period, by (sector, checklist, item, text)."""
    accidents_by_domain: dict[str, Counts]
    campaigns: dict[str, Counts]
    """The counts of each 专项行动's records (figures.campaigns_of)."""
    accident_list: list[dict[str, Any]]
    planned: dict[str, int]
    done: dict[str, int]
    patrols_planned: dict[str, int]
    patrols_done: dict[str, int]
    by_source: dict[str, dict[str, int]]
    units_total: int
    units: dict[str, int]
    """Units still supervised, by sector; with their sub-types and attributes below."""
    suspended: dict[str, int]
    """Of those, units 停产 on the as-of date, by sector."""
    subtypes: dict[str, dict[str, int]]
    attributes: dict[str, dict[str, dict[str, int]]]
    units_by_village: dict[str, int]
    overdue: list[HazardLine]
    open_major: list[HazardLine]
    submissions: tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]] = ({}, {})
    """报送 figures (submissions_late, submissions_missing) of each office and each village
    (stats/submissions.py); counted only where the ledger's settings are known."""

    def __add__(self, other: Tally) -> Tally:
        if other.period != self.period:
            raise ValueError("tallies of different periods do not add up")
        overdue = sorted(self.overdue + other.overdue, key=_most_overdue)
        return Tally(
            period=self.period,
            totals=self.totals + other.totals,
            groups=tuple(_add(a, b) for a, b in zip(self.groups, other.groups, strict=True)),
            unit_places=tuple(
                a | b for a, b in zip(self.unit_places, other.unit_places, strict=True)
            ),
            towns=list(dict.fromkeys(self.towns + other.towns)),
            leaders={
                name: _add(self.leaders.get(name, {}), other.leaders.get(name, {}))
                for name in self.leaders | other.leaders
            },
            activities=_add_nested(self.activities, other.activities),
            quantities=_add(self.quantities, other.quantities),
            failures=_add(self.failures, other.failures),
            accidents_by_domain=_add(self.accidents_by_domain, other.accidents_by_domain),
            campaigns=_add(self.campaigns, other.campaigns),
            accident_list=sorted(self.accident_list + other.accident_list, key=_accident_order),
            planned=_add(self.planned, other.planned),
            done=_add(self.done, other.done),
            patrols_planned=_add(self.patrols_planned, other.patrols_planned),
            patrols_done=_add(self.patrols_done, other.patrols_done),
            by_source=_add_nested(self.by_source, other.by_source),
            units_total=self.units_total + other.units_total,
            units=_add(self.units, other.units),
            suspended=_add(self.suspended, other.suspended),
            subtypes=_add_nested(self.subtypes, other.subtypes),
            attributes={
                sector: _add_nested(
                    self.attributes.get(sector, {}), other.attributes.get(sector, {})
                )
                for sector in self.attributes | other.attributes
            },
            units_by_village=_add(self.units_by_village, other.units_by_village),
            overdue=overdue,
            open_major=sorted(self.open_major + other.open_major, key=_oldest),
            submissions=(
                _add_nested(self.submissions[0], other.submissions[0]),
                _add_nested(self.submissions[1], other.submissions[1]),
            ),
        )


def _add(a: dict[Any, Any], b: dict[Any, Any]) -> dict[Any, Any]:
    """Two maps of numbers (or Counts) added key by key; a key of either is kept."""
    return {
        key: a[key] + b[key] if key in a and key in b else a.get(key, b.get(key)) for key in a | b
    }


def _add_nested(
    a: dict[str, dict[str, int]], b: dict[str, dict[str, int]]
) -> dict[str, dict[str, int]]:
    return {key: _add(a.get(key, {}), b.get(key, {})) for key in a | b}


def tally(
    records: Iterable[Record],
    period: Period,
    town_of: Mapping[str, str] | None = None,
    settings: Settings | None = None,
) -> Tally:
    """Count the period's figures from the records, each hazard replayed once; with the
    ledger's settings, its 报送 figures too (who must hand in comes from them)."""
    book = split_records(records)
    units = book.units
    hazards = seen_hazards(book.hazards, period)
    cells: dict[Place, _Tally] = defaultdict(_Tally)
    places = Places(units, town_of, book.inspections)
    _count(cells, RecordKind.INSPECTION, book.inspections, _DATE, period, places)
    _count(cells, RecordKind.HAZARD, hazards, _FOUND, period, places)
    _count(cells, RecordKind.PENALTY, book.penalties, _DATE, period, places)
    _count(cells, RecordKind.ACCIDENT, book.accidents, _DATE, period, places)
    rounds = patrol_rounds(book.patrols, hazards)
    _count(cells, RecordKind.PATROL, rounds, _PATROL_DATE, period, places)
    _count(cells, RecordKind.SELF_CHECK, book.self_checks, _DATE, period, places)

    totals = _Tally()
    groups: list[dict[str, _Tally]] = [defaultdict(_Tally) for _ in GROUPS]
    for place, cell in cells.items():
        totals.merge(cell)
        for index, name in enumerate(place):
            groups[index][name].merge(cell)
    supervised = [u for u in units.values() if counts_as_unit(u, period.as_of)]
    overdue, open_major = hazard_lists(hazards, places, period)
    planned, done = plan_counts(book.plans, book.inspections, units, period)
    patrols_planned, patrols_done = patrol_plan_counts(book.plans, rounds, places, period)
    subtypes, attributes = unit_kinds(supervised)
    return Tally(
        period=period,
        totals=totals.counts(),
        groups=tuple({name: t.counts() for name, t in group.items()} for group in groups),
        unit_places=(
            {u.sector or UNKNOWN for u in units.values()},
            {places.of(u)[1] for u in units.values()},
            {u.office or UNKNOWN for u in units.values()},
            {u.office or UNKNOWN for u in units.values()},
        ),
        towns=list(dict.fromkeys(town_of.values())) if town_of is not None else [],
        leaders=leader_counts(book.inspections, book.activities, period),
        activities=activity_counts(book.activities, period),
        quantities=activity_quantities(book.activities, period),
        failures=checklist_failures(book.inspections, places, period),
        accidents_by_domain=accidents_by_domain(book.accidents, places, period),
        campaigns=campaign_counts(book, hazards, period),
        accident_list=accident_list(book.accidents, units, period),
        planned=planned,
        done=done,
        patrols_planned=patrols_planned,
        patrols_done=patrols_done,
        by_source=source_counts(hazards, period),
        units_total=len(supervised),
        units=_counted(u.sector or UNKNOWN for u in supervised),
        suspended=_counted(
            u.sector or UNKNOWN for u in supervised if is_suspended(u, period.as_of)
        ),
        subtypes=subtypes,
        attributes=attributes,
        units_by_village=_counted(places.of(u)[1] for u in supervised),
        overdue=overdue,
        open_major=open_major,
        submissions=_submission_counts(book.submissions, settings, period, town_of),
    )


def _submission_counts(
    submissions: list[Submission],
    settings: Settings | None,
    period: Period,
    town_of: Mapping[str, str] | None,
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """submissions_late and submissions_missing of each office and each village (a village
    named with its town where towns are told apart, as places name it). A ledger with no
    submission at all does not keep 报送: nothing is counted missing."""
    if settings is None or not submissions:
        return {}, {}
    from anquan_cli.stats import submissions as reporting

    found = reporting.counts(submissions, settings, period)
    town = settings.name if town_of is not None else ""
    return (
        reporting.by_group(found, reporting.OFFICE),
        {town + name: v for name, v in reporting.by_group(found, reporting.VILLAGE).items()},
    )


def finish(counted: Tally, settings: Settings, *, by_town: bool = False) -> Summary:
    """The Summary of a tally, with the ledger's settings: its name, its lists (sectors,
    villages, offices, leaders) first and in their order, every configured one shown."""
    groups = counted.groups
    sector_names = _ordered(
        counted.unit_places[0] | set(groups[0]), (s.name for s in settings.sectors)
    )
    village_names = _ordered(
        counted.unit_places[1] | set(groups[1]) | set(settings.villages or ()),
        settings.villages or (),
    )
    offices = [o.name for o in settings.offices or ()]
    office_names = _ordered(counted.unit_places[2] | set(groups[2]) | set(offices), offices)
    supervisor_names = _ordered(counted.unit_places[3] | set(groups[4]) | set(offices), offices)

    def table(index: int, names: Iterable[str]) -> dict[str, Counts]:
        return {name: groups[index].get(name, _NONE) for name in names}

    leaders: dict[str, dict[str, int]] = {name: {} for name in settings.leaders or ()}
    leaders |= counted.leaders
    kinds = activity_kinds(settings, counted)
    return Summary(
        ledger=settings.name,
        period=counted.period,
        totals=counted.totals,
        by_sector=table(0, sector_names),
        by_village=table(1, village_names),
        by_office=table(2, office_names),
        by_supervisor=table(4, supervisor_names),
        by_campaign={
            name: counted.campaigns.get(name, _NONE)
            for name in _ordered(
                set(counted.campaigns) | set(settings.campaigns or ()), settings.campaigns or ()
            )
        },
        by_town=table(3, _ordered({*counted.towns, *groups[3]}, counted.towns))
        if by_town
        else None,
        leaders={
            name: {kind: leaders[name].get(kind, 0) for kind in kinds}
            for name in _ordered(leaders, settings.leaders or ())
        },
        activities={
            kind: {
                **counted.activities.get(kind, {"count": 0, "people": 0}),
                "quantities": quantity_rows(counted.quantities, kind),
            }
            for kind in kinds
        },
        leader_quantities=leader_quantities(counted.quantities),
        checklist_failures=failure_rows(counted.failures, sector_names),
        accidents_by_domain={
            name: counted.accidents_by_domain[name] for name in sorted(counted.accidents_by_domain)
        },
        accident_list=counted.accident_list,
        plans={
            office: PlanProgress(counted.planned[office], counted.done.get(office, 0))
            for office in sorted(counted.planned)
        },
        patrol_plans={
            village: PlanProgress(
                counted.patrols_planned[village], counted.patrols_done.get(village, 0)
            )
            for village in _ordered(counted.patrols_planned, settings.villages or ())
        },
        by_source={
            str(source): counted.by_source.get(str(source), dict.fromkeys(SOURCE_FIGURES, 0))
            for source in HazardSource
        },
        quiet_villages={
            name: counts.patrols
            for name in village_names
            if is_quiet(
                (counts := groups[1].get(name, _NONE)).patrols,
                counts.patrols_without_findings,
                settings.patrol_quiet_after,
            )
        },
        units_total=counted.units_total,
        units_by_sector={
            name: SectorUnits(
                count=counted.units[name],
                unit=settings.unit_word(name),
                suspended=counted.suspended.get(name, 0),
                by_subtype=dict(sorted(counted.subtypes.get(name, {}).items())),
                attributes={
                    a: dict(sorted(v.items()))
                    for a, v in sorted(counted.attributes.get(name, {}).items())
                },
            )
            for name in _ordered(counted.units, (s.name for s in settings.sectors))
        },
        units_by_village={
            name: counted.units_by_village[name]
            for name in _ordered(counted.units_by_village, settings.villages or ())
        },
        overdue=counted.overdue,
        open_major=counted.open_major,
        submissions=counted.submissions,
    )


_NONE = Counts()


def _counted(names: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for name in names:
        counts[name] += 1
    return dict(counts)


_DATE = attrgetter("date")
_FOUND = attrgetter("hazard.found")
_PATROL_DATE = attrgetter("patrol.date")
"""The date that places a record in a period (a hazard's: when it was found), read without a
Python call."""


def _by_predicate(
    figures: Iterable[Figure],
) -> list[tuple[Callable[[Any, Period], bool], list[Figure]]]:
    """The figures grouped by the predicate that chooses for them, so each is asked once."""
    grouped: dict[Callable[[Any, Period], bool], list[Figure]] = {}
    for figure in figures:
        grouped.setdefault(figure.chosen, []).append(figure)
    return list(grouped.items())


class _Placer(Protocol):
    def of(self, record: Any) -> Hashable: ...


def _count(
    cells: dict[Any, _Tally],
    kind: RecordKind,
    items: Iterable[Any],
    day_of: Callable[[Any], date],
    period: Period,
    places: _Placer,
) -> None:
    """Add each record of one kind to the cell of its place, under every figure that chooses it.

    A record dated in the period can only be chosen by the figures within it (FIGURES_WITHIN),
    one dated before by those looking back, one dated after by none; the predicates decide.
    """
    within = _by_predicate(FIGURES_WITHIN[kind])
    before = _by_predicate(FIGURES_BEFORE[kind])
    start, end = period.start, period.window_end
    place_of = places.of
    for item in items:
        day = day_of(item)
        if day < start:
            choosers = before
        elif day <= end:
            choosers = within
        else:
            continue
        tally = None
        for chosen, figures in choosers:
            if not chosen(item, period):
                continue
            if tally is None:
                tally = cells[place_of(item)]
            for figure in figures:
                if figure.distinct_units:
                    tally.units[figure.key].add(item.enterprise)
                elif figure.amount is one:
                    tally.sums[figure.key] += 1
                else:
                    tally.sums[figure.key] += figure.amount(item)


# Campaigns ---------------------------------------------------------------------------------------


class _Campaigns:
    """Places a campaign's record under its campaign (for `_count`)."""

    def __init__(self, campaigns: Mapping[str, str]) -> None:
        self.campaigns = campaigns

    def of(self, record: Any) -> Hashable:
        return self.campaigns.get(record.id)


def campaign_counts(book: _Records, hazards: list[Seen], period: Period) -> dict[str, Counts]:
    """Every figure of each 专项行动, counted from its own records (figures.campaigns_of)."""
    tagged = campaigns_of([*book.inspections, *hazards, *book.penalties])
    if not tagged:
        return {}
    placer = _Campaigns(tagged)
    cells: dict[Any, _Tally] = defaultdict(_Tally)
    kinds: tuple[tuple[RecordKind, list[Any], Callable[[Any], date]], ...] = (
        (RecordKind.INSPECTION, book.inspections, _DATE),
        (RecordKind.HAZARD, hazards, _FOUND),
        (RecordKind.PENALTY, book.penalties, _DATE),
    )
    for kind, items, day_of in kinds:
        chosen = [item for item in items if item.id in tagged]
        _count(cells, kind, chosen, day_of, period, placer)
    return {name: cell.counts() for name, cell in cells.items() if isinstance(name, str)}


# Checklists ------------------------------------------------------------------------------------

Failure = tuple[str, str, int, str]
"""(sector, checklist, item number, item text): a checklist item as failures are counted."""


def checklist_failures(
    inspections: Iterable[Inspection], places: Places, period: Period
) -> dict[Failure, int]:
    """Each checklist item answered 不合格 by the inspections counted in `checklist_items_failed`,
    under the sector of the unit inspected: how many times."""
    counts: dict[Failure, int] = defaultdict(int)
    for visit in inspections:
        if not has_failed_item_in(visit, period) or visit.checklist is None:
            continue
        sector = places.of(visit)[0]
        for answer in visit.answers:
            if answer.result is Verdict.FAILED:
                counts[(sector, visit.checklist, answer.item, answer.text or "")] += 1
    return dict(counts)


def failure_rows(
    failures: Mapping[Failure, int], sectors: Iterable[str]
) -> dict[str, list[dict[str, Any]]]:
    """Per sector (in the ledger's order), its failed items, most often first, then by checklist
    and item number."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for (sector, checklist, item, text), n in failures.items():
        row = {"checklist": checklist, "item": item, "text": text, "failed": n}
        rows.setdefault(sector, []).append(row)
    order = list(sectors)
    return {
        sector: sorted(rows[sector], key=lambda r: (-r["failed"], r["checklist"], r["item"]))
        for sector in _ordered(rows, order)
    }


# Leaders and activities ------------------------------------------------------------------------


def is_led_inspection(visit: Inspection, period: Period, leader: str | None = None) -> bool:
    """An inspection in the period led by a leader (by that one, if named): 带队检查."""
    return (
        bool(visit.leader)
        and (leader is None or visit.leader == leader)
        and (is_inspection_in(visit, period))
    )


def is_activity_in(activity: Activity, period: Period) -> bool:
    return period.contains(activity.date)


def leader_counts(
    inspections: Iterable[Inspection], activities: Iterable[Activity], period: Period
) -> dict[str, dict[str, int]]:
    """Per leader with work in the period, counts by activity kind; 带队检查 adds the
    inspections they led. (`finish` adds the configured leaders with none.)"""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for visit in inspections:
        if visit.leader and is_led_inspection(visit, period):
            counts[visit.leader][ActivityKind.LED_INSPECTION] += 1
    for activity in activities:
        if activity.leader and is_activity_in(activity, period):
            counts[activity.leader][activity.kind] += activity.count
    return {name: {str(k): n for k, n in kinds.items()} for name, kinds in counts.items()}


def activity_counts(activities: Iterable[Activity], period: Period) -> dict[str, dict[str, int]]:
    """Every activity of the period by kind, led or not: times held and people taking part."""
    counts: dict[str, dict[str, int]] = {}
    for activity in activities:
        if is_activity_in(activity, period):
            kind = counts.setdefault(activity.kind, {"count": 0, "people": 0})
            kind["count"] += activity.count
            kind["people"] += activity.people or 0
    return counts


Quantity = tuple[str, str, str, str]
"""(leader or "", activity kind, what is counted, measure word)."""


def has_quantity_in(activity: Activity, period: Period) -> bool:
    """An activity of the period that records a quantity (宣传资料20000份)."""
    return activity.quantity is not None and is_activity_in(activity, period)


def activity_quantities(activities: Iterable[Activity], period: Period) -> dict[Quantity, int]:
    """The period's quantities summed by leader, kind, what is counted and measure word."""
    sums: dict[Quantity, int] = defaultdict(int)
    for activity in activities:
        if has_quantity_in(activity, period):
            assert activity.quantity is not None and activity.measure is not None
            key = (activity.leader or "", activity.kind, activity.counted_what, activity.measure)
            sums[key] += activity.quantity
    return dict(sums)


def quantity_rows(
    quantities: Mapping[Quantity, int], kind: str, leader: str | None = None
) -> list[dict[str, Any]]:
    """One kind's quantities (of everyone's activities, or one leader's), summed by what and
    measure word and sorted by them: [{what: 发放宣传资料, measure: 份, quantity: 20000}]."""
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for (who, of_kind, what, measure), n in quantities.items():
        if of_kind == kind and (leader is None or who == leader):
            sums[(what, measure)] += n
    return [
        {"what": what, "measure": measure, "quantity": n}
        for (what, measure), n in sorted(sums.items())
    ]


def leader_quantities(
    quantities: Mapping[Quantity, int],
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Per leader with quantities in the period, per kind, their quantities."""
    named = sorted({(who, kind) for who, kind, _, _ in quantities if who})
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for who, kind in named:
        out.setdefault(who, {})[kind] = quantity_rows(quantities, kind, who)
    return out


def activity_kinds(settings: Settings, counted: Tally) -> list[str]:
    """The ledger's activity kinds in their order, then any other kind a record uses."""
    used = set(counted.activities) | {kind for _, kind, _, _ in counted.quantities}
    for kinds in counted.leaders.values():
        used |= set(kinds)
    listed = list(settings.activity_kinds)
    return listed + sorted(used - set(listed))


# Accidents ---------------------------------------------------------------------------------------


def accidents_by_domain(
    accidents: Iterable[Accident], places: Places, period: Period
) -> dict[str, Counts]:
    """Accidents of the period by 领域, as every figure counts by sector: under their unit's
    sector, and an accident with no unit under its own 领域 (domain.md)."""
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for accident in accidents:
        for figure in FIGURES_OF[RecordKind.ACCIDENT]:
            if figure.chosen(accident, period):
                tallies[places.of(accident)[0]].sums[figure.key] += figure.amount(accident)
    return {name: tallies[name].counts() for name in sorted(tallies)}


def accident_list(
    accidents: Iterable[Accident], units: Mapping[str, Enterprise], period: Period
) -> list[dict[str, Any]]:
    items = []
    for accident in accidents:
        if not is_accident_in(accident, period):
            continue
        unit = units.get(accident.enterprise) if accident.enterprise else None
        items.append(
            {
                "id": accident.id,
                "date": accident.date.isoformat(),
                "domain": accident.domain,
                "unit": unit.name if unit else None,
                "place": accident.place,
                "deaths": accident.deaths,
                "injuries": accident.injuries,
                "grade": str(accident.grade) if accident.grade else None,
                "summary": accident.summary,
            }
        )
    return sorted(items, key=_accident_order)


def _accident_order(item: Mapping[str, Any]) -> tuple[str, str]:
    return (item["date"], item["id"])


# Plans -------------------------------------------------------------------------------------------


def is_plan_in(plan: Plan, period: Period) -> bool:
    """A month's plan counts when the period touches that month."""
    return plan.month in period.months()


def plan_counts(
    plans: Iterable[Plan],
    inspections: Iterable[Inspection],
    units: Mapping[str, Enterprise],
    period: Period,
) -> tuple[dict[str, int], dict[str, int]]:
    """Inspections planned for the period by office, and inspections made by office."""
    planned: dict[str, int] = defaultdict(int)
    for plan in plans:
        if plan.office is not None and plan.inspections is not None and is_plan_in(plan, period):
            planned[plan.office] += plan.inspections
    done: dict[str, int] = defaultdict(int)
    for visit in inspections:
        if is_inspection_in(visit, period):
            done[plan_office_of(visit, units)] += 1
    return dict(planned), dict(done)


def is_patrol_plan_in(plan: Plan, period: Period) -> bool:
    """A village's patrol plan for a month the period touches."""
    return plan.village is not None and plan.patrols is not None and is_plan_in(plan, period)


def plan_village(plan: Plan, places: Places) -> str:
    """The village a patrol plan is for, named as patrols name it (with its town in a
    district)."""
    village = plan.village or UNKNOWN
    town = places.town_of.get(plan.id) if places.town_of is not None else None
    return town + village if town and plan.village else village


def patrol_plan_counts(
    plans: Iterable[Plan], rounds: Iterable[Round], places: Places, period: Period
) -> tuple[dict[str, int], dict[str, int]]:
    """Patrols planned for the period by village, and patrols made by village. Inspections
    never count toward a patrol plan, nor patrols toward an inspection plan."""
    planned: dict[str, int] = defaultdict(int)
    for plan in plans:
        if is_patrol_plan_in(plan, period) and plan.patrols is not None:
            planned[plan_village(plan, places)] += plan.patrols
    done: dict[str, int] = defaultdict(int)
    for item in rounds:
        if is_patrol_in(item, period):
            done[places.of(item)[1]] += 1
    return dict(planned), dict(done)


SOURCE_FIGURES = ("hazards", "hazards_rectified")


def source_counts(hazards: Iterable[Seen], period: Period) -> dict[str, dict[str, int]]:
    """The period's hazards of every source, by source: found, and of those 已整改 or 销号 on
    the as-of date. Their sum is hazards_found + self_check_hazards."""
    counts: dict[str, dict[str, int]] = {}
    for item in hazards:
        if is_any_found_in(item, period):
            cell = counts.setdefault(str(item.hazard.source), dict.fromkeys(SOURCE_FIGURES, 0))
            cell["hazards"] += 1
            cell["hazards_rectified"] += item.is_done
    return counts


def plan_progress(
    plans: Iterable[Plan],
    inspections: Iterable[Inspection],
    units: Mapping[str, Enterprise],
    period: Period,
) -> dict[str, PlanProgress]:
    """Per office with a plan in the period: inspections planned against inspections made."""
    planned, done = plan_counts(plans, inspections, units, period)
    return {
        office: PlanProgress(planned[office], done.get(office, 0)) for office in sorted(planned)
    }


# Units -------------------------------------------------------------------------------------------


def counts_as_unit(unit: Enterprise, day: date) -> bool:
    """Units still supervised on that day: every unit not 关闭 by then (a closed unit leaves
    the 监管对象 from its closing date)."""
    return unit.status_on(day) is not UnitStatus.CLOSED


def is_suspended(unit: Enterprise, day: date) -> bool:
    """其中停产: a unit 停产 on that day."""
    return unit.status_on(day) is UnitStatus.SUSPENDED


def unit_kinds(
    supervised: Iterable[Enterprise],
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, dict[str, int]]]]:
    """The units' sub-types, and their attributes' values, counted by sector."""
    subtypes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    attributes: dict[str, dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for unit in supervised:
        sector = unit.sector or UNKNOWN
        if unit.subtype:
            subtypes[sector][unit.subtype] += 1
        for name, value in unit.attributes.items():
            attributes[sector][name][value] += 1
    return (
        {sector: dict(kinds) for sector, kinds in subtypes.items()},
        {
            sector: {name: dict(values) for name, values in named.items()}
            for sector, named in attributes.items()
        },
    )


# Hazard lists ------------------------------------------------------------------------------------


def hazard_lines(
    hazards: Iterable[Seen],
    places: Places,
    period: Period,
    *,
    overdue_only: bool,
) -> list[HazardLine]:
    """Overdue hazards (most overdue first), or 重大隐患 not yet 销号 (oldest first)."""
    chosen = is_overdue_now if overdue_only else is_major_not_closed
    lines = [hazard_line(item, places, period) for item in hazards if chosen(item, period)]
    return sorted(lines, key=_most_overdue if overdue_only else _oldest)


def hazard_lists(
    hazards: Iterable[Seen], places: Places, period: Period
) -> tuple[list[HazardLine], list[HazardLine]]:
    """`hazard_lines` both ways in one pass, each hazard's line written once for both lists."""
    overdue: list[HazardLine] = []
    major: list[HazardLine] = []
    for item in hazards:
        late = is_overdue_now(item, period)
        open_major = is_major_not_closed(item, period)
        if not (late or open_major):
            continue
        line = hazard_line(item, places, period)
        if late:
            overdue.append(line)
        if open_major:
            major.append(line)
    overdue.sort(key=_most_overdue)
    major.sort(key=_oldest)
    return overdue, major


def _most_overdue(line: HazardLine) -> tuple[int, str]:
    return (-line.days_overdue, line.id)


def _oldest(line: HazardLine) -> tuple[str, str]:
    return (line.found, line.id)


def hazard_line(item: Seen, places: Places, period: Period) -> HazardLine:
    hazard = item.hazard
    unit = places.units.get(hazard.enterprise) if hazard.enterprise else None
    sector, village, *_ = places.of(item)
    return HazardLine(
        id=hazard.id,
        enterprise=hazard.enterprise or "",
        unit=unit.name if unit else (hazard.enterprise or hazard.place or ""),
        sector=sector,
        village=village,
        description=hazard.description,
        level=str(hazard.level),
        found=hazard.found.isoformat(),
        deadline=hazard.deadline.isoformat() if hazard.deadline else None,
        status=str(item.status),
        days_overdue=days_overdue(item, period),
        supervision=hazard.supervision.level if hazard.supervision else None,
        missing_assurances=hazard.missing_assurances(),
    )
