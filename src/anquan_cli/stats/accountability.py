"""Who did what they had to: 首查必罚 and 月月清零 (domain.md), each defined once here.

`summarize` counts with these and `explain` lists with these. A hazard's state is always the
replay of model/lifecycle (`state_on`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from anquan_cli.model.enums import HazardSource, Status
from anquan_cli.model.lifecycle import state_of, state_on
from anquan_cli.model.records import Filing, Hazard, Penalty
from anquan_cli.model.reporting import month_end
from anquan_cli.model.settings import DEFAULT_PENALTY_WITHIN_DAYS, Settings
from anquan_cli.stats.periods import Period

_OPEN = Status.OPEN
_SELF_CHECK = HazardSource.SELF_CHECK


# 首查必罚 ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FirstFindingRule:
    """首查必罚: which findings must be followed by a penalty, and within how many days."""

    names: frozenset[str] = frozenset({"重大"})
    """Hazard levels (一般, 重大) or categories (隐患类别) the ledger lists."""
    days: int = DEFAULT_PENALTY_WITHIN_DAYS

    @classmethod
    def of(cls, settings: Settings) -> FirstFindingRule:
        return cls(frozenset(settings.penalize_on_first_finding), settings.penalty_within_days)

    def applies(self, hazard: Hazard) -> bool:
        """A finding that must be punished: of a listed level or a listed category."""
        return hazard.level.value in self.names or (
            hazard.category is not None and hazard.category in self.names
        )

    def last_day(self, hazard: Hazard) -> date:
        """The last day a penalty can be dated and still follow the finding: day N after it."""
        return hazard.found + timedelta(days=self.days)


def unpunished(
    hazards: Iterable[Hazard], penalties: Iterable[Penalty], rule: FirstFindingRule, day: date
) -> frozenset[str]:
    """首查未罚 on that day: the IDs of the findings that had to be punished, whose N days had
    passed by the end of that day, and that no penalty dated on or before their N-th day cites
    (by the hazard, or by the inspection that found it)."""
    if not rule.names:
        return frozenset()
    cited: dict[str, date] = {}
    """Earliest penalty date per cited hazard ID and per cited inspection ID."""
    for case in penalties:
        for target in (case.hazard, case.inspection):
            if target and (target not in cited or case.date < cited[target]):
                cited[target] = case.date
    out: set[str] = set()
    for hazard in hazards:
        if hazard.source is _SELF_CHECK or not rule.applies(hazard):
            continue
        last = rule.last_day(hazard)
        if last > day:
            continue  # its N days have not all passed yet
        dates = [cited[k] for k in (hazard.id, hazard.inspection) if k and k in cited]
        if not any(when <= last for when in dates):
            out.add(hazard.id)
    return frozenset(out)


def penalties_citing(hazard: Hazard, penalties: Iterable[Penalty]) -> list[Penalty]:
    """The penalties that cite the hazard or the inspection that found it (for explain)."""
    return [
        case
        for case in penalties
        if case.hazard == hazard.id or (hazard.inspection and case.inspection == hazard.inspection)
    ]


# 月月清零 ----------------------------------------------------------------------------------------


def cleared_months(period: Period) -> list[str]:
    """The months of the period that 月月清零 judges: those that ended by the as-of date
    (a month is judged at its end)."""
    return [m for m in period.months() if month_end(m) <= period.as_of]


def is_uncleared_at(hazard: Hazard, end: date) -> bool:
    """Not 清零 at a month's end: a hazard the town found (not a unit's own 自查 finding) whose
    deadline fell on or before that day and that is still 整改中 at its end."""
    deadline = hazard.deadline
    return (
        deadline is not None
        and deadline <= end
        and hazard.source is not _SELF_CHECK
        and state_on(hazard, end) is _OPEN
    )


MonthEnds = Sequence[tuple[str, date]]
"""Months (2024-11) with their last days, in order: what 月月清零 judges."""


def month_ends(months: Iterable[str]) -> list[tuple[str, date]]:
    return [(month, month_end(month)) for month in months]


def uncleared_months(hazard: Hazard, ends: MonthEnds) -> list[str]:
    """The months (of those given, in order) at whose end the hazard kept its office from
    清零 (`is_uncleared_at`), its state replayed once per month at most: from its last step on,
    its state is where its whole history leads (`state_of`)."""
    deadline = hazard.deadline
    if deadline is None or hazard.source is _SELF_CHECK or not ends:
        return []
    history = hazard.history
    settled = history[-1].date if history else hazard.found
    open_at_last = state_of(hazard) is _OPEN
    if not open_at_last and settled <= ends[0][1]:
        return []  # done for good before the first month ended
    due = max(deadline, hazard.found)
    out = []
    for month, end in ends:
        if end < due:
            continue
        if end >= settled:
            if open_at_last:
                out.append(month)
        elif state_on(hazard, end) is _OPEN:
            out.append(month)
    return out


def cleared_every_month(clearance: dict[str, dict[str, int]]) -> list[str]:
    """The offices that cleared every month judged (none when no month was judged)."""
    return [
        office for office, by_month in clearance.items() if by_month and not any(by_month.values())
    ]


# 安全专卷 ----------------------------------------------------------------------------------------


def archive_year(period: Period) -> int:
    """The year whose 专卷 a period's figures judge: the year the period ends in."""
    return period.end.year


def is_filed_for(filing: Filing, period: Period) -> bool:
    """A filing that counts for the period: of the period's year, filed by the as-of date."""
    return filing.year == archive_year(period) and filing.date <= period.as_of


def archive_gaps(
    items: Iterable[str], holders: Iterable[str], filed: dict[str, list[str]]
) -> dict[str, dict[str, list[str]]]:
    """Per office or village (those that must file, then any other that did): the items filed
    and the items missing, each in the ledger's order of archive_items."""
    items = list(items)
    out: dict[str, dict[str, list[str]]] = {}
    for holder in dict.fromkeys([*holders, *sorted(filed)]):
        done = set(filed.get(holder, ()))
        out[holder] = {
            "filed": [i for i in items if i in done],
            "missing": [i for i in items if i not in done],
        }
    return out
