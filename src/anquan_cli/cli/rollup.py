"""A district's figures as the sum of its towns' tallies, counted town by town.

Each town is opened, checked and counted on its own and let go before the next, so a district
report holds one town's records at a time. Each town's tally is remembered per state of that
town (store/memo.py): after one town changes, only that town is read again.

The sum is exactly what counting the whole district at once gives (stats/summary.py's Tally),
because a unit, and every record about it, is in one town only: every ID carries its town's
code. A town holding a record (or a reference to a unit) with another code breaks that, and
the whole district is then loaded at once instead, which also names an ID two towns hold.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date
from functools import reduce
from typing import TYPE_CHECKING, Any

from anquan_cli.cli.context import stop_failing_towns, unreadable
from anquan_cli.cli.figures import Figures, question, to_json
from anquan_cli.cli.progress import ProgressFn, progress
from anquan_cli.store import memo

if TYPE_CHECKING:
    from anquan_cli.model.records import Record
    from anquan_cli.stats.periods import Period
    from anquan_cli.stats.summary import Summary, Tally
    from anquan_cli.store.scan import Scan

_NAME = "town-tally"


@dataclass(frozen=True)
class TownCount:
    """A town's tally for the period, with what the roll-up needs to know of the town."""

    name: str
    tally: Tally
    errors: int
    """Errors `check` finds in the town: a town with any is not rolled up."""
    unreadable: int
    """Record files that could not be read (not counted)."""
    foreign: bool
    """Whether a record or a unit it names carries another town's code."""


def district_figures(scanned: Scan, period: Period, today: date, no_cache: bool) -> Figures | None:
    """The district's figures from its towns' tallies; None when a town holds a record of
    another town's code (the caller then loads the whole district)."""
    found = district_summary(scanned, period, today, no_cache)
    if found is None:
        return None
    summary, unread = found
    data = summary.to_dict()
    return Figures(to_json(data), unread, data=data)


def district_summary(
    scanned: Scan, period: Period, today: date, no_cache: bool
) -> tuple[Summary, int] | None:
    """The district's Summary from its towns' tallies, and how many record files could not be
    read (not counted); None when a town holds a record of another town's code."""
    from anquan_cli.stats.summary import finish
    from anquan_cli.store.district import within
    from anquan_cli.store.settings_file import read_settings

    towns: list[TownCount] = []
    total = sum(town.files for town in scanned.towns)
    done = 0
    with progress("读取台账") as report:
        for town in scanned.towns:
            counted = _recall(town, period, today)
            if counted is None:
                counted = _count(town, period, today, no_cache, within(report, done, total))
            if counted.foreign:
                return None
            towns.append(counted)
            done += town.files
            report(done, total)
    stop_failing_towns(
        scanned.root,
        [(t.name, town.root, t.errors) for t, town in zip(towns, scanned.towns, strict=True)],
    )
    if not towns:
        return None
    summed = reduce(operator.add, (t.tally for t in towns))
    summary = finish(summed, read_settings(scanned.root), by_town=True)
    stray = scanned.files  # record files kept in the district folder itself: not counted
    return summary, sum(t.unreadable for t in towns) + stray


def _count(
    town: Scan, period: Period, today: date, no_cache: bool, report: ProgressFn
) -> TownCount:
    """Open, check and count one town, and remember its count."""
    from anquan_cli.checks.rules import check_ledger
    from anquan_cli.stats.summary import tally
    from anquan_cli.stats.tallies import to_data
    from anquan_cli.store.ledger import Ledger

    book = Ledger.open(town.root, use_cache=not no_cache, progress=report, scanned=town)
    name = book.settings.name
    records = [entry.record for entry in book.entries]
    foreign = _other_codes(records, book.settings.code)
    counted = TownCount(
        name,
        tally(records, period, dict.fromkeys((r.id for r in records), name)),
        check_ledger(book, today).errors,
        unreadable(book),
        foreign,
    )
    value = {
        "name": name,
        "tally": to_data(counted.tally),
        "errors": counted.errors,
        "unreadable": counted.unreadable,
        "foreign": foreign,
    }
    memo.remember(town, _NAME, question(period, today), value)
    return counted


def _other_codes(records: list[Record], code: str) -> bool:
    """Whether a record's ID, or the unit it names, carries a code other than the town's."""
    own = f"{code}-"
    return any(
        not record.id.startswith(own)
        or not (getattr(record, "enterprise", None) or own).startswith(own)
        for record in records
    )


def _recall(town: Scan, period: Period, today: date) -> TownCount | None:
    from anquan_cli.stats.tallies import from_data

    found: Any = memo.recall(town, _NAME, question(period, today))
    if not isinstance(found, dict):
        return None
    try:
        name, errors, unread, foreign = (
            found["name"],
            found["errors"],
            found["unreadable"],
            found["foreign"],
        )
        if not (isinstance(name, str) and type(errors) is type(unread) is int):
            return None
        return TownCount(name, from_data(found["tally"], period), errors, unread, foreign is True)
    except (KeyError, TypeError, ValueError):
        return None
