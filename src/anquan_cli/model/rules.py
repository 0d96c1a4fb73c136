"""The rules a record must meet in its ledger, beyond its own fields: one definition that the
add-* commands, the import and `check` all apply.

A record's fields alone are the model's to check as it is read (types, money to the fen); its
text's length and characters (model/text.py) are checked here, where a record that breaks them
is still counted and shown, its problem named. What needs more is here too, over a `Context`: the ledger's settings (its lists of sectors, villages, offices
and leaders), today (a date of something done cannot lie ahead; every date fits an ID's
2000–2099), and the records a record cites (a hazard is not found before the inspection that
found it, nor a penalty dated before what it punishes, and both are of the record's unit).

Why functions over a record, not validators run by `model_validate(..., context=…)`: check
holds these rules against records it already has (from the cache, never validated again), and a
record that breaks one is still counted and shown, with its problem named, rather than lost
as an unreadable file. A command, the import and check call `refusals` on the record they
have, and each says the reason in its own place (flag, cell, file:line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from anquan_cli.model.dates import check_past, check_year
from anquan_cli.model.enums import Action
from anquan_cli.model.ids import ID_YEARS
from anquan_cli.model.records import (
    Accident,
    Activity,
    Enterprise,
    Filing,
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
from anquan_cli.model.text import text_refusals

R = TypeVar("R", bound=Record)
Loc = tuple[str | int, ...]
Refusal = tuple[Loc, str]
"""Where in the record (a field, or a step of its history) and why, in Chinese."""


def _none(_record_id: str) -> Record | None:
    return None


_FIRST = date(ID_YEARS[0], 1, 1)
_LAST = date(ID_YEARS[-1], 12, 31)


@dataclass(frozen=True)
class Context:
    """What the rules hold a record against: the ledger's settings; today, or None to leave
    dates against today unchecked; and how to find a record the record cites by its ID."""

    settings: Settings
    today: date | None = None
    cited: Callable[[str], Record | None] = _none
    # each kind's fields held to a list (_LISTED) that the settings give: field, list, name
    listed: dict[type[Record], tuple[tuple[str, tuple[str, ...], str], ...]] = field(
        init=False, repr=False, compare=False
    )
    last_done: date = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        settings = self.settings
        lists = {
            # an empty sector list is anquan.yaml's own problem, not one for every record
            "sectors": tuple(s.name for s in settings.sectors) or None,
            "villages": settings.villages,
            "offices": tuple(o.name for o in settings.offices) if settings.offices else None,
            "leaders": settings.leaders,
            "patrol_kinds": settings.patrol_kinds,
            "activity_kinds": settings.activity_kinds,
            "measures": settings.measures,
            # none listed: file-archive says so; a filing kept from then is not refused here
            "archive_items": settings.archive_items or None,
        }
        listed = {
            kind: tuple(
                (name, allowed, what)
                for name, which, what in fields
                if (allowed := lists[which]) is not None
            )
            for kind, fields in _LISTED.items()
        }
        object.__setattr__(self, "listed", listed)
        # the last day a date of something done may be: a comparison decides most dates
        last = _LAST if self.today is None else min(self.today, _LAST)
        object.__setattr__(self, "last_done", last)


_LISTED: dict[type[Record], tuple[tuple[str, str, str], ...]] = {
    # field, the settings list it must be on, its name in the message
    Enterprise: (
        ("sector", "sectors", "行业领域"),
        ("village", "villages", "村(社区)"),
        ("office", "offices", "监管责任单位"),
    ),
    Inspection: (("leader", "leaders", "带队领导"),),
    Activity: (
        ("leader", "leaders", "领导"),
        ("kind", "activity_kinds", "活动类型"),
        ("measure", "measures", "计量单位"),
    ),
    Accident: (("domain", "sectors", "行业领域"),),
    Penalty: (("domain", "sectors", "行业领域"), ("village", "villages", "村(社区)")),
    Plan: (
        ("office", "offices", "办所"),
        ("sector", "sectors", "行业领域"),
        ("village", "villages", "村(社区)"),
    ),
    Patrol: (("village", "villages", "村(社区)"), ("kind", "patrol_kinds", "巡查类型")),
    Hazard: (
        ("village", "villages", "村(社区)"),
        ("sector", "sectors", "行业领域"),
        ("office", "offices", "办所"),
    ),
    Filing: (
        ("item", "archive_items", "专卷项目"),
        ("office", "offices", "办所"),
        ("village", "villages", "村(社区)"),
    ),
    Submission: (("office", "offices", "办所"), ("village", "villages", "村(社区)")),
}


NOT_LISTED = "不在台账设置的列表中"
"""What every refusal of a value outside its anquan.yaml list says (a hint follows it)."""


def listed_refusal(value: str | None, allowed: tuple[str, ...] | None, what: str) -> str | None:
    """Why a value its anquan.yaml list does not hold is refused, or None."""
    if value is None or allowed is None or value in allowed:
        return None
    return f"{what}“{value}”{NOT_LISTED}（可选：{'、'.join(allowed)}）"


def refusals(record: Record, context: Context) -> list[Refusal]:
    """Every rule of its ledger the record breaks, in the order of its fields.

    check runs this over every record of a ledger (120,000 hazards in a district's town): the
    common case, a record that breaks nothing, costs a few comparisons."""
    found: list[Refusal] = text_refusals(record)  # a new list
    kind = type(record)
    for name, allowed, what in context.listed.get(kind, ()):
        why = listed_refusal(getattr(record, name), allowed, what)
        if why is not None:
            found.append(((name,), why))
    dates = _DATES.get(kind)
    if dates is not None:
        dates(record, context, found)
    return found


def _done(day: date, context: Context) -> str | None:
    """Why the date of something done is refused: after today, or outside 2000–2099."""
    if _FIRST <= day <= context.last_done:
        return None
    try:
        if context.today is None:
            check_year(day)
        else:
            check_past(day, context.today)
    except ValueError as error:
        return str(error)
    return None


def _year(day: date) -> str | None:
    if _FIRST <= day <= _LAST:
        return None
    try:
        check_year(day)
    except ValueError as error:
        return str(error)
    return None


def _dated(record: Record, context: Context, found: list[Refusal]) -> None:
    """An inspection, accident or activity: its date is of something done."""
    if why := _done(record.date, context):  # type: ignore[attr-defined]
        found.append((("date",), why))


def _enterprise(unit: Enterprise, context: Context, found: list[Refusal]) -> None:
    """A unit's status date (停产、关闭 since) is of something done."""
    if unit.status_date is not None and (why := _done(unit.status_date, context)):
        found.append((("status_date",), why))


def _accident(accident: Accident, context: Context, found: list[Refusal]) -> None:
    _dated(accident, context, found)
    if accident.enterprise is not None and accident.place is not None:
        found.append((("place",), "事故单位与地点只能给一个（有单位时不另写地点）"))


def _plan(plan: Plan, context: Context, found: list[Refusal]) -> None:
    if why := _year(date(int(plan.month[:4]), 1, 1)):
        found.append((("month",), why))


def _submission(handed: Submission, context: Context, found: list[Refusal]) -> None:
    """报送: handed in on a day done, not before its month began (a month's 台账 cannot be
    handed in before the month starts), and not by the office it is handed to."""
    _dated(handed, context, found)
    first = date(int(handed.month[:4]), int(handed.month[5:7]), 1)
    if handed.date < first:
        why = f"报送日期 {handed.date} 早于 {handed.month} 月初，本月台账尚不能报送"
        found.append((("date",), why))
    if handed.office is not None and handed.office == context.settings.submit_to:
        found.append((("office",), f"{handed.office}是接收报送的办所，不向自己报送"))


def _hazard(hazard: Hazard, context: Context, found: list[Refusal]) -> None:
    if why := _done(hazard.found, context):
        found.append((("found",), why))
    for key, model in _HAZARD_CITES:
        if getattr(hazard, key) is None:  # most cite one record, or none
            continue
        cited = _cited(hazard, key, model, context)
        if cited is None:
            continue
        if hazard.found < cited.date:
            what = "所属检查" if key == "inspection" else f"所引{cited.KIND.label}"
            why = f"发现日期 {hazard.found} 早于{what} {cited.id} 的日期 {cited.date}"
            found.append((("found",), why))
        if not isinstance(cited, Patrol):  # a patrol is of a village, not of a unit
            _same_unit(hazard, key, cited, found)
    if hazard.deadline is not None:
        if hazard.deadline < hazard.found:
            why = f"整改期限 {hazard.deadline} 早于发现日期 {hazard.found}"
            found.append((("deadline",), why))
        elif why := _year(hazard.deadline):
            found.append((("deadline",), why))
    listed = hazard.supervision.date if hazard.supervision is not None else None
    if listed is not None and (why := _done(listed, context)):
        found.append((("supervision", "date"), why))
    history = hazard.history
    if history and history[0].action is Action.FOUND and history[0].date != hazard.found:
        why = f"“发现”日期应与发现日期 {hazard.found} 一致"
        found.append((("history", 0, "date"), why))
    last = context.last_done
    for index, step in enumerate(history):
        if not _FIRST <= step.date <= last and (why := _done(step.date, context)):
            found.append((("history", index, "date"), why))
        if index and step.date < (before := history[index - 1]).date:
            why = f"日期顺序颠倒：{step.action} {step.date} 早于 {before.action} {before.date}"
            found.append((("history", index, "date"), why))


_HAZARD_CITES: tuple[tuple[str, type[Inspection | Patrol | SelfCheck]], ...] = (
    ("inspection", Inspection),
    ("patrol", Patrol),
    ("self_check", SelfCheck),
)


CITED_FIELDS = frozenset({"date", "found", "enterprise"})
"""The fields of a cited record that the rules of a record citing it read (its date or 发现日期,
and its unit): a change to one of them may break a rule of the records citing it."""

CITERS: dict[type[Record], tuple[tuple[type[Record], str], ...]] = {
    Inspection: ((Hazard, "inspection"), (Penalty, "inspection")),
    Patrol: ((Hazard, "patrol"),),
    SelfCheck: ((Hazard, "self_check"),),
    Hazard: ((Penalty, "hazard"),),
}
"""The records whose rules (_hazard, _penalty) read a record of each kind, and the field by
which each cites it."""


def _penalty(penalty: Penalty, context: Context, found: list[Refusal]) -> None:
    if why := _done(penalty.date, context):
        found.append((("date",), why))
    # a penalty on a person (上路执法) may cite any unit's inspection or hazard
    on_unit = penalty.enterprise is not None
    visit = _cited(penalty, "inspection", Inspection, context)
    if visit is not None:
        if penalty.date < visit.date:
            why = f"处罚日期 {penalty.date} 早于所引检查 {visit.id} 的日期 {visit.date}"
            found.append((("date",), why))
        if on_unit:
            _same_unit(penalty, "inspection", visit, found)
    hazard = _cited(penalty, "hazard", Hazard, context)
    if hazard is not None:
        if penalty.date < hazard.found:
            why = f"处罚日期 {penalty.date} 早于所引隐患 {hazard.id} 的发现日期 {hazard.found}"
            found.append((("date",), why))
        if on_unit:
            _same_unit(penalty, "hazard", hazard, found)


def _cited(record: Record, key: str, model: type[R], context: Context) -> R | None:
    """The record of that kind this one cites under `key`, if the ledger has it (a missing
    one is check's `references` rule's to name)."""
    target_id = getattr(record, key)
    if target_id is None:
        return None
    target = context.cited(target_id)
    return target if isinstance(target, model) else None


def _same_unit(
    record: Hazard | Penalty,
    key: str,
    target: Inspection | Hazard | SelfCheck,
    found: list[Refusal],
) -> None:
    """The inspection and hazard a record cites must be of the record's own unit."""
    if target.enterprise != record.enterprise:
        why = (
            f"引用的{target.KIND.label} {target.id} 属于单位 {target.enterprise}，"
            f"而本记录的单位是 {record.enterprise}"
        )
        found.append(((key,), why))


_DATES: dict[type[Record], Callable[[Any, Context, list[Refusal]], None]] = {
    Enterprise: _enterprise,
    Hazard: _hazard,
    Penalty: _penalty,
    Inspection: _dated,
    Accident: _accident,
    Activity: _dated,
    Patrol: _dated,
    SelfCheck: _dated,
    Filing: _dated,
    Plan: _plan,
    Submission: _submission,
}
