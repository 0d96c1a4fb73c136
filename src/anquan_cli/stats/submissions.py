"""报送 over a period: each party's months marked 按时 / 迟报 / 未报送 / 未到期, and the figures
submissions_late and submissions_missing counted from those marks (model/reporting.py decides
each mark)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from anquan_cli.model.records import Submission
from anquan_cli.model.reporting import (
    OFFICE,
    VILLAGE,
    Mark,
    Party,
    due_date,
    first_handed_in,
    mark_of,
    month_end,
    parties,
)
from anquan_cli.model.settings import Settings
from anquan_cli.stats.periods import Period

FIGURES = {
    "submissions_on_time": "按时报送（月次）",
    "submissions_late": "迟报（月次）",
    "submissions_missing": "未报送（月次）",
}
"""The 报送 figures of `totals`, `by_office` and `by_village`."""
COUNTED = {
    Mark.ON_TIME: "submissions_on_time",
    Mark.LATE: "submissions_late",
    Mark.MISSING: "submissions_missing",
}


@dataclass(frozen=True)
class MonthMark:
    """How one party's month stands: its mark, and the submission if there is one."""

    party: Party
    month: str
    mark: Mark
    due: str
    submission: Submission | None

    def to_dict(self) -> dict[str, str | None]:
        handed = self.submission
        return {
            "mark": self.mark.value,
            "due": self.due,
            "date": handed.date.isoformat() if handed else None,
            "id": handed.id if handed else None,
        }


def months_counted(period: Period) -> list[str]:
    """The months whose 台账 a period asks for: those ending within it."""
    return [m for m in period.months() if period.start <= month_end(m) <= period.end]


def grid(
    submissions: Iterable[Submission],
    settings: Settings,
    months: Iterable[str],
    as_of_day: date,
) -> dict[Party, list[MonthMark]]:
    """Each party (the expected ones, then any other that handed in) → its months' marks as
    they stood on `as_of_day`."""
    chosen = list(submissions)
    handed = first_handed_in(chosen)
    wanted = list(months)
    by_day = settings.submit_by_day
    table: dict[Party, list[MonthMark]] = {}
    for party in parties(settings, chosen):
        row = []
        for month in wanted:
            found = handed.get((party, month))
            day = found.date if found is not None else None
            mark = mark_of(day, month, by_day, as_of_day)
            shown = found if mark in (Mark.ON_TIME, Mark.LATE) else None
            row.append(MonthMark(party, month, mark, due_date(month, by_day).isoformat(), shown))
        table[party] = row
    return table


def counts(
    submissions: Iterable[Submission], settings: Settings, period: Period
) -> dict[Party, dict[str, int]]:
    """Per party, the period's months handed in late and not handed in, on its as-of date."""
    table = grid(submissions, settings, months_counted(period), period.as_of)
    return {
        party: {key: sum(m.mark is mark for m in row) for mark, key in COUNTED.items()}
        for party, row in table.items()
    }


def chosen_marks(
    submissions: Iterable[Submission],
    settings: Settings,
    period: Period,
    key: str,
    party: Party | None = None,
) -> list[MonthMark]:
    """The months behind one figure (submissions_late or submissions_missing), of one party or
    of all: what `--explain` lists."""
    wanted = next(mark for mark, name in COUNTED.items() if name == key)
    table = grid(submissions, settings, months_counted(period), period.as_of)
    return [
        m
        for p, row in table.items()
        if party is None or p == party
        for m in row
        if m.mark is wanted
    ]


def by_group(found: Mapping[Party, dict[str, int]], kind: str) -> dict[str, dict[str, int]]:
    """The counts of offices (kind OFFICE) or villages (VILLAGE), by name."""
    return {name: value for (k, name), value in found.items() if k == kind}


__all__ = ["FIGURES", "OFFICE", "VILLAGE", "Mark", "MonthMark", "by_group", "counts", "grid"]
