"""`explain`: the records behind one figure, chosen by the very predicates that count it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from anquan_cli.errors import UsageError
from anquan_cli.model.enums import ActivityKind, HazardSource, RecordKind
from anquan_cli.model.records import Enterprise, Record, SelfCheck, Submission
from anquan_cli.model.reporting import month_end
from anquan_cli.model.settings import Settings
from anquan_cli.stats.accountability import (
    FirstFindingRule,
    archive_year,
    cleared_months,
    is_filed_for,
    month_ends,
    uncleared_months,
)
from anquan_cli.stats.figures import (
    DERIVED,
    FIGURES,
    GROUPS,
    UNKNOWN,
    Amount,
    Places,
    Round,
    Seen,
    campaigns_of,
    days_overdue,
    is_any_found_in,
    is_inspection_in,
    is_major_not_closed,
    is_overdue_now,
    is_patrol_in,
    is_quiet,
    is_quiet_patrol,
    plan_office_of,
)
from anquan_cli.stats.periods import Period
from anquan_cli.stats.summary import (
    SOURCE_FIGURES,
    counts_as_unit,
    has_quantity_in,
    is_activity_in,
    is_led_inspection,
    is_patrol_plan_in,
    is_plan_in,
    is_suspended,
    number,
    patrol_rounds,
    plan_village,
    seen_book,
    split_records,
)

GROUP_LABELS = {
    "by_sector": "行业领域",
    "by_village": "村(社区)",
    "by_office": "办所",
    "by_town": "镇街",
    "by_supervisor": "监管单位",
}
LISTS = {"overdue": "逾期未整改隐患（不论发现时间）", "open_major": "未销号的重大隐患"}


@dataclass(frozen=True)
class Row:
    """One record behind a figure, as the explanation table shows it."""

    id: str
    date: str
    unit: str
    text: str
    status: str
    adds: int | float
    """What this record adds to the figure (1, its inspectors, its fine …)."""


@dataclass(frozen=True)
class Explanation:
    key: str
    label: str
    value: int | float
    rows: list[Row]
    records: Sequence[Record]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "records": [row.__dict__ for row in self.rows],
        }


def explain(
    key: str,
    records: Iterable[Record],
    period: Period,
    *,
    settings: Settings,
    town_of: Mapping[str, str] | None = None,
) -> Explanation:
    """The records behind the figure KEY: `hazards_overdue`, `by_sector.工贸.hazards_found`,
    `leaders.张三.带队检查`, `plans.经发办.done`, `overdue`, `open_major` …

    An unknown key is a usage error that says which keys exist.
    """
    book = split_records(sorted(records, key=lambda r: r.id))
    units = book.units
    hazards = seen_book(book, period, FirstFindingRule.of(settings))
    items: dict[RecordKind, list[Any]] = {
        RecordKind.INSPECTION: list(book.inspections),
        RecordKind.HAZARD: hazards,
        RecordKind.PENALTY: list(book.penalties),
        RecordKind.ACCIDENT: list(book.accidents),
        RecordKind.PATROL: patrol_rounds(book.patrols, hazards),
        RecordKind.SELF_CHECK: list(book.self_checks),
    }
    places = Places(units, town_of, book.inspections)
    campaign_by_id = campaigns_of([*book.inspections, *hazards, *book.penalties])
    head, _, rest = key.strip().partition(".")

    if head in LISTS and not rest:
        chosen = is_overdue_now if head == "overdue" else is_major_not_closed
        picked = [h for h in hazards if chosen(h, period)]
        return _explained(key, LISTS[head], picked, units, period, lambda _: 1)
    if head == "leaders":
        return _leader(key, rest, book, period, settings)
    if head == "plans":
        return _plan(key, rest, book, units, period)
    if head == "activities":
        return _activities(key, rest, book, period, settings)
    if head == "units":
        return _units(key, rest, units, period)
    if head == "leader_quantities":
        leader, _, kind_and_what = rest.partition(".")
        return _activities(key, kind_and_what, book, period, settings, leader=leader)
    if head == "patrol_plans":
        return _patrol_plan(key, rest, book, items[RecordKind.PATROL], places, period)
    if head in ("archive", "archive_missing"):
        return _archive(key, rest, book, period, settings)
    if head == "monthly_clearance":
        return _clearance(key, rest, hazards, places, period)
    if head == "by_source":
        return _source(key, rest, hazards, units, period)
    if head == "quiet_villages" and not rest:
        rounds = [r for r in items[RecordKind.PATROL] if is_patrol_in(r, period)]
        by_village: dict[str, list[Round]] = {}
        for item in rounds:
            by_village.setdefault(places.of(item)[1], []).append(item)
        quiet = [
            item
            for village in sorted(by_village)
            if is_quiet(
                len(patrols := by_village[village]),
                sum(is_quiet_patrol(p, period) for p in patrols),
                settings.patrol_quiet_after,
            )
            for item in patrols
        ]
        label = f"巡查均未发现隐患的村(社区)（巡查{settings.patrol_quiet_after}次及以上）"
        return _explained(key, label, quiet, units, period, lambda _: 1)

    submitted = _submissions(key, head, rest, book.submissions, settings, period)
    if submitted is not None:
        return submitted
    in_campaign: str | None = None
    if head == "totals" or (head in FIGURES and not rest) or (head in DERIVED and not rest):
        figure_key, where = (rest if head == "totals" else head), None
    elif head == "by_campaign":
        in_campaign, _, figure_key = rest.rpartition(".")
        where = None
        known = set(campaign_by_id.values())
        if in_campaign not in known:
            raise UsageError(
                f"{key}：没有名为“{in_campaign}”的专项行动，可选：{'、'.join(sorted(known)) or '（无）'}"
            )
    elif head in GROUPS:
        name, _, figure_key = rest.rpartition(".")
        if not name:
            raise UsageError(f"{key}：应写成 {head}.名称.指标，如 {head}.某名称.hazards_found")
        where = (GROUPS.index(head), name)
        known = _group_names(items, places, GROUPS.index(head)) | _configured(settings, head)
        if name not in known:
            raise UsageError(
                f"{key}：没有名为“{name}”的{GROUP_LABELS[head]}，可选：{'、'.join(sorted(known))}"
            )
    else:
        raise UsageError(f"未知的指标 {key}；可选：{available()}")
    if figure_key in DERIVED:
        raise UsageError(
            f"{figure_key}（{DERIVED[figure_key]}）由其他指标计算得出，"
            "请分别查看 hazards_rectified 与 hazards_found，或 fines_yuan"
        )
    figure = FIGURES.get(figure_key)
    if figure is None:
        raise UsageError(f"未知的指标 {figure_key}；可选：{'、'.join(FIGURES)}")
    chosen_items: list[Any] = [
        item
        for item in items[figure.kind]
        if figure.chosen(item, period)
        and (where is None or places.of(item)[where[0]] == where[1])
        and (in_campaign is None or campaign_by_id.get(item.id) == in_campaign)
    ]
    label = figure.label if where is None else f"{where[1]} {figure.label}"
    if in_campaign is not None:
        label = f"{in_campaign} {figure.label}"
    if figure.distinct_units:
        unit_ids = sorted({visit.enterprise for visit in chosen_items})
        rows = [_unit_row(i, units, chosen_items) for i in unit_ids]
        shown = [units[i] for i in unit_ids if i in units]
        return Explanation(key, label, len(rows), rows, shown)
    return _explained(key, label, chosen_items, units, period, figure.amount)


def _submissions(
    key: str,
    head: str,
    rest: str,
    handed: list[Submission],
    settings: Settings,
    period: Period,
) -> Explanation | None:
    """submissions_late / submissions_missing, of all or of `by_office.名称` /
    `by_village.名称`: one row per month so marked; None for any other key."""
    from anquan_cli.stats import submissions as reporting

    name, _, figure_key = rest.rpartition(".")
    if head in reporting.FIGURES and not rest:
        figure_key, party = head, None
    elif head == "totals" and rest in reporting.FIGURES:
        figure_key, party = rest, None
    elif head in ("by_office", "by_village") and figure_key in reporting.FIGURES and name:
        kind = reporting.OFFICE if head == "by_office" else reporting.VILLAGE
        party = (kind, name)
    else:
        return None
    marked = reporting.chosen_marks(handed, settings, period, figure_key, party)
    rows = [
        Row(
            m.submission.id if m.submission else "—",
            m.submission.date.isoformat() if m.submission else f"应于 {m.due} 前",
            m.party[1],
            f"{m.month}台账",
            m.mark.value,
            1,
        )
        for m in marked
    ]
    label = reporting.FIGURES[figure_key]
    label = label if party is None else f"{party[1]} {label}"
    records = [m.submission for m in marked if m.submission is not None]
    return Explanation(key, label, len(rows), rows, records)


def available() -> str:
    """The keys explain accepts, as a line for messages and help."""
    groups = "、".join(f"{g}.名称.指标" for g in (*GROUPS, "by_campaign"))
    return (
        f"{'、'.join(FIGURES)}；{groups}；leaders.姓名.活动类型；"
        "plans.办所.done/planned；patrol_plans.村.done/planned；by_source.来源[.hazards_rectified]；"
        "activities.活动类型[.事项.计量单位]；leader_quantities.姓名.活动类型[.事项.计量单位]；"
        "units.total/suspended、units.by_sector.行业领域.count/suspended；overdue；open_major；"
        "quiet_villages；monthly_clearance.办所.2024-11；archive.by_office.办所、archive.by_village.村；"
        "submissions_late、submissions_missing（也可 by_office.办所.…、by_village.村.…）"
    )


def _group_names(items: Mapping[RecordKind, list[Any]], places: Places, index: int) -> set[str]:
    names = {places.of(unit)[index] for unit in places.units.values()}
    for kind_items in items.values():
        names.update(places.of(item)[index] for item in kind_items)
    return names


def _configured(settings: Settings, group: str) -> set[str]:
    """Names a breakdown lists even when nothing counts under them."""
    if group == "by_sector":
        return {s.name for s in settings.sectors}
    if group == "by_village":
        return set(settings.villages or ())
    if group in ("by_office", "by_supervisor"):
        return {o.name for o in settings.offices or ()}
    return set()


def _explained(
    key: str,
    label: str,
    picked: list[Any],
    units: Mapping[str, Enterprise],
    period: Period,
    amount: Callable[[Any], Amount],
) -> Explanation:
    rows = [_row(item, units, period, amount(item)) for item in picked]
    total: Amount = sum((amount(item) for item in picked), start=0)
    value = number(Decimal(total)) if isinstance(total, Decimal) else total
    records = [_record(item) for item in picked]
    return Explanation(key, label, value, rows, records)


def _record(item: Any) -> Record:
    if isinstance(item, Seen):
        return item.hazard
    if isinstance(item, Round):
        return item.patrol
    record: Record = item
    return record


def _unit_name(target: object, units: Mapping[str, Enterprise]) -> str:
    unit = units.get(target) if isinstance(target, str) else None
    return unit.name if unit else (str(target) if target else "")


def _row(item: Any, units: Mapping[str, Enterprise], period: Period, adds: Amount) -> Row:
    if isinstance(item, Seen):
        hazard = item.hazard
        status = str(item.status)
        late = days_overdue(item, period)
        if late:
            status += f"，逾期{late}天"
        text = f"[{hazard.level}] {hazard.description}"
        return Row(
            hazard.id, hazard.found.isoformat(),
            _unit_name(hazard.enterprise, units) or hazard.place or "", text,
            status, number(adds),
        )  # fmt: skip
    record = _record(item)
    day = getattr(record, "date", None)
    when = day.isoformat() if day is not None else getattr(record, "month", "")
    unit = _unit_name(getattr(record, "enterprise", None) or getattr(record, "point", None), units)
    where = getattr(record, "village", None) if isinstance(item, Round) else None
    status = (
        ("发现隐患" if item.found_anything else "未发现隐患") if isinstance(item, Round) else ""
    )
    unit = "".join(part for part in (where, unit) if part)
    party = unit or getattr(record, "place", None) or getattr(record, "person", None) or ""
    return Row(record.id, when, party, _describe(record), status, number(adds))


def _describe(record: Record) -> str:
    parts: list[str] = []
    names = (
        "kind",
        "type",
        "checklist",
        "level",
        "leader",
        "inspectors",
        "by",
        "reason",
        "domain",
        "summary",
    )
    for name in (*names, "note"):
        value = getattr(record, name, None)
        if isinstance(value, list):
            value = "、".join(value)
        if value:
            parts.append(str(value))
    fine = getattr(record, "fine", None)
    if fine is not None:
        parts.append(f"罚款{number(fine)}元")
    for name, word in (("deaths", "死亡"), ("injuries", "受伤")):
        value = getattr(record, name, None)
        if value:
            parts.append(f"{word}{value}人")
    return "；".join(parts)


def _unit_row(unit_id: str, units: Mapping[str, Enterprise], picked: list[Any]) -> Row:
    visits = [v for v in picked if v.enterprise == unit_id]
    unit = units.get(unit_id)
    return Row(
        unit_id,
        "、".join(v.date.isoformat() for v in visits),
        unit.name if unit else unit_id,
        f"{unit.sector or ''} {unit.village or ''}".strip() if unit else "",
        f"{'自查' if isinstance(visits[0], SelfCheck) else '检查'}{len(visits)}次",
        1,
    )


def _kind(key: str, text: str, settings: Settings, book: Any, shape: str) -> str:
    """An activity kind the ledger lists or a record uses; else a usage error naming them."""
    kinds = list(dict.fromkeys([*settings.activity_kinds, *(a.kind for a in book.activities)]))
    if text not in kinds:
        raise UsageError(f"{key}：应写成 {shape}，活动类型为 {'、'.join(kinds)}")
    return text


def _leader(key: str, rest: str, book: Any, period: Period, settings: Settings) -> Explanation:
    name, _, kind_text = rest.rpartition(".")
    kind = _kind(key, kind_text, settings, book, "leaders.姓名.活动类型")
    led = []
    if kind == ActivityKind.LED_INSPECTION:
        led = [v for v in book.inspections if is_led_inspection(v, period, name)]
    done = [
        a
        for a in book.activities
        if a.leader == name and a.kind == kind and is_activity_in(a, period)
    ]
    picked: list[Any] = sorted([*led, *done], key=lambda r: (r.date, r.id))
    return _explained(
        key,
        f"{name} {kind}",
        picked,
        book.units,
        period,
        lambda r: r.count if hasattr(r, "count") else 1,
    )


def _activities(
    key: str, rest: str, book: Any, period: Period, settings: Settings, leader: str | None = None
) -> Explanation:
    """activities.宣传 (times held), activities.宣传.发放宣传资料.份 (a quantity), and
    leader_quantities.姓名.宣传.发放宣传资料.份 (one leader's)."""
    head = "leader_quantities.姓名." if leader is not None else "activities."
    kind_text, _, counted = rest.partition(".")
    kind = _kind(key, kind_text, settings, book, f"{head}活动类型[.事项.计量单位]")
    of_kind = [
        a
        for a in book.activities
        if a.kind == kind and is_activity_in(a, period) and (leader is None or a.leader == leader)
    ]
    if not counted and leader is None:
        return _explained(key, f"{kind}（全部）", of_kind, book.units, period, lambda a: a.count)
    what, _, measure = counted.rpartition(".")
    picked = [
        a
        for a in of_kind
        if has_quantity_in(a, period)
        and (not counted or (a.counted_what == what and a.measure == measure))
    ]
    if counted and not picked:
        known = sorted({f"{a.counted_what}.{a.measure}" for a in of_kind if a.quantity})
        raise UsageError(
            f"{key}：{kind}没有“{what}”以“{measure}”计的数量；"
            f"本期有：{'、'.join(known) or '（无）'}"
        )
    label = f"{leader or ''} {kind}{what}（{measure}）" if counted else f"{leader} {kind}数量"
    return _explained(key, label.strip(), picked, book.units, period, lambda a: a.quantity)


def _units(key: str, rest: str, units: Mapping[str, Enterprise], period: Period) -> Explanation:
    """units.total, units.suspended, units.by_sector.名称.count / .suspended: the units
    supervised (not 关闭) on the as-of date, or those of them 停产."""
    parts = rest.split(".")
    if parts[:1] == ["by_sector"] and len(parts) == 3:
        sector, what = parts[1], parts[2]
    elif len(parts) == 1:
        sector, what = None, {"total": "count"}.get(parts[0], parts[0])
    else:
        sector, what = None, ""
    if what not in ("count", "suspended"):
        raise UsageError(
            f"{key}：应写成 units.total、units.suspended 或 units.by_sector.行业领域.count/suspended"
        )
    day = period.as_of
    picked = [
        u
        for u in sorted(units.values(), key=lambda u: u.id)
        if counts_as_unit(u, day)
        and (sector is None or (u.sector or UNKNOWN) == sector)
        and (what == "count" or is_suspended(u, day))
    ]
    rows = [
        Row(u.id, u.status_date.isoformat() if u.status_date else "", u.name,
            f"{u.sector or ''} {u.village or ''}".strip(), str(u.status_on(day)), 1)
        for u in picked
    ]  # fmt: skip
    label = f"{sector or ''}监管对象" + ("中停产" if what == "suspended" else "")
    return Explanation(key, label, len(rows), rows, picked)


def _plan(
    key: str, rest: str, book: Any, units: Mapping[str, Enterprise], period: Period
) -> Explanation:
    office, _, part = rest.rpartition(".")
    if part not in ("done", "planned") or not office:
        raise UsageError(f"{key}：应写成 plans.办所.done 或 plans.办所.planned")
    if part == "planned":
        plans = [p for p in book.plans if p.office == office and is_plan_in(p, period)]
        rows = [
            Row(
                p.id, p.month, "", f"{p.office} 计划检查{p.inspections}家次", "", p.inspections or 0
            )
            for p in plans
        ]
        return Explanation(
            key, f"{office} 计划检查", sum(p.inspections or 0 for p in plans), rows, plans
        )
    picked = [
        v
        for v in book.inspections
        if is_inspection_in(v, period) and plan_office_of(v, units) == office
    ]
    return _explained(key, f"{office} 完成检查", picked, units, period, lambda _: 1)


def _patrol_plan(
    key: str, rest: str, book: Any, rounds: list[Round], places: Places, period: Period
) -> Explanation:
    village, _, part = rest.rpartition(".")
    if part not in ("done", "planned") or not village:
        raise UsageError(f"{key}：应写成 patrol_plans.村.done 或 patrol_plans.村.planned")
    if part == "planned":
        plans = [
            p
            for p in book.plans
            if is_patrol_plan_in(p, period) and plan_village(p, places) == village
        ]
        rows = [
            Row(p.id, p.month, "", f"{p.village} 计划巡查{p.patrols}次", "", p.patrols or 0)
            for p in plans
        ]
        total = sum(p.patrols or 0 for p in plans)
        return Explanation(key, f"{village} 计划巡查", total, rows, plans)
    picked = [r for r in rounds if is_patrol_in(r, period) and places.of(r)[1] == village]
    return _explained(key, f"{village} 完成巡查", picked, book.units, period, lambda _: 1)


def _source(
    key: str, rest: str, hazards: list[Seen], units: Mapping[str, Enterprise], period: Period
) -> Explanation:
    name, _, part = rest.partition(".")
    sources = [s.value for s in HazardSource]
    if name not in sources or part not in ("", *SOURCE_FIGURES):
        raise UsageError(
            f"{key}：应写成 by_source.来源 或 by_source.来源.hazards_rectified，"
            f"来源为 {'、'.join(sources)}"
        )
    picked = [
        h
        for h in hazards
        if str(h.hazard.source) == name
        and is_any_found_in(h, period)
        and (part != "hazards_rectified" or h.is_done)
    ]
    label = f"来源为{name}的隐患" + ("（已整改）" if part == "hazards_rectified" else "")
    return _explained(key, label, picked, units, period, lambda _: 1)


def _clearance(
    key: str, rest: str, hazards: list[Seen], places: Places, period: Period
) -> Explanation:
    """monthly_clearance.办所.2024-11: the hazards that kept the office from 清零 that month."""
    office, _, month = rest.rpartition(".")
    months = cleared_months(period)
    if not office or month not in months:
        shown = "、".join(months) or "（本期尚无已结束的月份）"
        raise UsageError(f"{key}：应写成 monthly_clearance.办所.月份，月份为 {shown}")
    picked = [
        item
        for item in hazards
        if places.of(item)[2] == office and uncleared_months(item.hazard, month_ends([month]))
    ]
    end = month_end(month)
    label = f"{office} {month} 月末未清零的隐患（整改期限不晚于 {end}，月末仍在整改中）"
    return _explained(key, label, picked, places.units, period, lambda _: 1)


def _archive(key: str, rest: str, book: Any, period: Period, settings: Settings) -> Explanation:
    """archive.by_office.办所 / archive.by_village.村: the 专卷 items that holder filed for the
    period's year, and those missing; the value is the number missing."""
    group, _, name = rest.partition(".")
    if group not in ("by_office", "by_village") or not name:
        raise UsageError(f"{key}：应写成 archive.by_office.办所 或 archive.by_village.村(社区)")
    items = settings.archive_items
    if not items:
        raise UsageError(f"{key}：台账未设置安全专卷项目（anquan.yaml 的 archive_items）")
    field = "office" if group == "by_office" else "village"
    filings = [
        f
        for f in book.filings
        if getattr(f, field) == name and is_filed_for(f, period) and f.item in items
    ]
    done = {f.item for f in filings}
    missing = [item for item in items if item not in done]
    year = archive_year(period)
    rows = [
        Row(f.id, f.date.isoformat(), name, f.item, "已归档", 0)
        for f in sorted(filings, key=lambda f: (items.index(f.item), f.id))
    ]
    rows += [Row("", "", name, item, "未归档", 1) for item in missing]
    label = f"{name} {year}年度安全专卷：已归档{len(done)}项，缺{len(missing)}项"
    return Explanation(key, label, len(missing), rows, filings)
