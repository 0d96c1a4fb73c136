"""考核: the year's scores of each 村(居), 站/办 and assessed 企事业单位, from the year's figures.

Always over the year of the period, to the as-of date, whatever the document's own period: a
Q4 通报 carries the year's tables. Every item reads a figure the year's summary already holds
(one definition of each number); this module only turns figures into points:

- a rate item scores points × the rate (at most 1); where nothing was asked (no plan, no
  hazard found, no month due, no item to file) it scores its full points;
- a count item (首查必罚, 月月清零) loses `per` points a case (by default all of them), never
  below 0;
- 扣分 from anquan.yaml's `assessment.deductions` (a judgement, with its reason) come off the
  total. A row's total is its items' points less its 扣分; the 合计 row adds the rows up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from anquan_cli.model.records import Enterprise
from anquan_cli.model.settings import ASSESSMENT_ITEMS, Assessment, AssessmentItem, Settings
from anquan_cli.stats.figures import UNKNOWN
from anquan_cli.stats.periods import Period

GROUPS = ("by_village", "by_office", "by_unit")
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Measure:
    """What an item measured for one row: a rate (part of whole) or a count of cases."""

    part: int
    whole: int | None = None
    """None for a count item."""
    words: str = ""

    def text(self) -> str:
        if self.whole is None:
            return f"{self.words}{self.part}"
        if not self.whole:
            return "—"
        return f"{self.words}{self.part}/{self.whole}"


def points_of(item: AssessmentItem, measure: Measure) -> Decimal:
    """The points an item scores for what it measured (see the module's docstring)."""
    full = Decimal(str(item.points))
    if measure.whole is None:
        per = Decimal(str(item.per)) if item.per is not None else full
        return max(Decimal(0), full - per * measure.part).quantize(_TENTH, ROUND_HALF_UP)
    if not measure.whole:
        return full.quantize(_TENTH, ROUND_HALF_UP)
    share = min(Decimal(1), Decimal(measure.part) / Decimal(measure.whole))
    return (full * share).quantize(_TENTH, ROUND_HALF_UP)


def _entry(table: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    found = table.get(name)
    return found if isinstance(found, Mapping) else {}


@dataclass(frozen=True)
class Basis:
    """What the items read besides the year's figures: each unit's hazards (found,
    rectified), and each office's and village's plans month by month, summed as (done within
    each month's plan, planned)."""

    units: Mapping[str, tuple[int, int]]
    plans: Mapping[str, tuple[int, int]]
    patrol_plans: Mapping[str, tuple[int, int]]


def measure(item: str, group: str, name: str, year: Mapping[str, Any], basis: Basis) -> Measure:
    """What an item measures for one row, read from the year's figures (`year` is the year's
    `report --format json` data) and `basis`."""
    entry = _entry(year.get(group, {}), name)
    match item:
        case "检查计划完成率":
            done, planned = basis.plans.get(name, (0, 0))
            return Measure(done, planned, "完成")
        case "巡查计划完成率":
            done, planned = basis.patrol_plans.get(name, (0, 0))
            return Measure(done, planned, "完成")
        case "隐患整改率":
            if group == "by_unit":
                found, done = basis.units.get(name, (0, 0))
                return Measure(done, found, "整改")
            return Measure(
                int(entry.get("hazards_rectified", 0)), int(entry.get("hazards_found", 0)), "整改"
            )
        case "按时报送":
            on_time = int(entry.get("submissions_on_time", 0))
            asked = on_time + int(entry.get("submissions_late", 0))
            asked += int(entry.get("submissions_missing", 0))
            return Measure(on_time, asked, "按时")
        case "安全专卷":
            kept = _entry(_entry(year.get("archive", {}), group), name)
            filed = len(kept.get("filed", ()))
            return Measure(filed, filed + len(kept.get("missing", ())), "齐全")
        case "首查必罚":
            return Measure(int(entry.get("first_findings_unpunished", 0)), None, "首查未罚")
        case "月月清零":
            months = _entry(year.get("monthly_clearance", {}), name)
            return Measure(sum(1 for n in months.values() if n), None, "未清零月数")
    raise ValueError(item)


def rows_of(
    settings: Settings, year: Mapping[str, Any], units: Iterable[Enterprise]
) -> dict[str, list[str]]:
    """Who is scored: the villages and offices anquan.yaml lists (else those the year's figures
    name, but 未填写), but the office that assesses them (`submit_to`, the one they hand their
    台账 to), and the units `assessment.units` names, by name."""
    offices = [o.name for o in settings.offices or ()]
    if not offices:
        offices = [n for n in year.get("by_supervisor", {}) if n != UNKNOWN]
    offices = [n for n in offices if n != settings.submit_to]
    villages = list(settings.villages or ()) or [
        n for n in year.get("by_village", {}) if n != UNKNOWN
    ]
    assessed = settings.assessment.units if settings.assessment else ()
    by_id = {u.id: u for u in units}
    by_name = {u.name: u for u in by_id.values()}
    chosen = [by_id.get(key) or by_name.get(key) for key in assessed]
    return {
        "by_village": villages,
        "by_office": offices,
        "by_unit": [u.name for u in chosen if u is not None],
    }


def _deducted(rules: Assessment, year: int, group: str, name: str, unit_id: str | None) -> Decimal:
    total = Decimal(0)
    for cut in rules.deductions:
        if cut.year != year:
            continue
        who = {"by_office": cut.office, "by_village": cut.village, "by_unit": cut.unit}[group]
        if who is not None and who in (name, unit_id):
            total += Decimal(str(cut.points))
    return total.quantize(_TENTH, ROUND_HALF_UP)


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def assess(
    settings: Settings,
    period: Period,
    year: Mapping[str, Any],
    units: Iterable[Enterprise],
    basis: Basis,
) -> dict[str, Any] | None:
    """The 考核 of the year `period` covers (to its as-of date) from that year's figures and
    `basis`; None when anquan.yaml sets no `assessment:`."""
    rules = settings.assessment
    if rules is None:
        return None
    unit_list = list(units)
    ids = {u.name: u.id for u in unit_list}
    who = rows_of(settings, year, unit_list)
    out: dict[str, Any] = {
        "year": period.start.year,
        "from": period.start.isoformat(),
        "as_of": period.window_end.isoformat(),
        "items": [
            {
                "name": i.name,
                "points": i.points,
                "per": i.per,
                "groups": list(ASSESSMENT_ITEMS[i.name]),
            }
            for i in rules.items
        ],
        "deductions": [
            {
                "group": g,
                "name": n,
                "points": number(Decimal(str(c.points))),
                "reason": c.reason,
            }
            for c in rules.deductions
            if c.year == period.start.year
            for g, n in (
                ("by_office", c.office),
                ("by_village", c.village),
                ("by_unit", c.unit),
            )
            if n is not None
        ],
        "points": {i.name: number(Decimal(str(i.points))) for i in rules.items},
        "columns": {
            group: [i.name for i in rules.items if group in ASSESSMENT_ITEMS[i.name]]
            for group in GROUPS
        },
        "basis": {},
        "totals": {},
    }
    out["columns"]["offices_and_units"] = [
        i.name for i in rules.items if {"by_office", "by_unit"} & set(ASSESSMENT_ITEMS[i.name])
    ]
    running: dict[str, dict[str, Decimal]] = {}
    for group in GROUPS:
        items = [i for i in rules.items if group in ASSESSMENT_ITEMS[i.name]]
        table: dict[str, dict[str, int | float]] = {}
        shown: dict[str, dict[str, str]] = {}
        sums: dict[str, Decimal] = {i.name: Decimal(0) for i in items}
        sums |= {"deductions": Decimal(0), "total": Decimal(0)}
        for name in who[group]:
            row: dict[str, Decimal] = {}
            shown[name] = {}
            for item in items:
                measured = measure(item.name, group, name, year, basis)
                row[item.name] = points_of(item, measured)
                shown[name][item.name] = measured.text()
            row["deductions"] = _deducted(rules, period.start.year, group, name, ids.get(name))
            row["total"] = sum((row[i.name] for i in items), Decimal(0)) - row["deductions"]
            for key, value in row.items():
                sums[key] += value
            table[name] = {key: number(value) for key, value in row.items()}
        out[group] = table
        out["basis"][group] = shown
        out["totals"][group] = {key: number(value) for key, value in sums.items()}
        running[group] = sums
    joined: dict[str, Decimal] = {}
    for group in ("by_office", "by_unit"):
        for key, value in running[group].items():
            joined[key] = joined.get(key, Decimal(0)) + value
    out["totals"]["offices_and_units"] = {key: number(value) for key, value in joined.items()}
    return out
