"""A district's figures as the sum of its towns' tallies, counted town by town.

Each town is opened, checked and counted on its own and let go before the next, so a district
report holds one town's records at a time. Each town's tally is remembered per state of that
town (store/memo.py): after one town changes, only that town is read again. Each town's check
is worked out while it is open and remembered too, so the check a figure waits on
(api/figuring.py) finds it there instead of reading the town a second time.

The sum is exactly what counting the whole district at once gives (stats/summary.py's Tally),
because a unit, and every record about it, is in one town only: every ID carries its town's
code. A town holding a record (or a reference to a unit) with another code breaks that, and
the whole district is then loaded at once instead, which also names an ID two towns hold.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING, Any

from anquan_cli.store import memo

if TYPE_CHECKING:
    from pathlib import Path

    from anquan_cli.api.checking import Outcome
    from anquan_cli.model.records import Record
    from anquan_cli.stats.periods import Period
    from anquan_cli.stats.summary import Summary, Tally
    from anquan_cli.store.scan import ProgressFn, Scan

_NAME = "town-tally"


@dataclass(frozen=True)
class TownCount:
    """A town's tally for the period, with what the roll-up needs to know of the town."""

    name: str
    tally: Tally
    unreadable: int
    """Record files that could not be read (not counted)."""
    foreign: bool
    """Whether a record or a unit it names carries another town's code."""


def district_summary(
    scanned: Scan,
    period: Period,
    question: dict[str, Any],
    *,
    use_cache: bool = True,
    progress: ProgressFn | None = None,
    campaign: str | None = None,
    checked: dict[Path, Outcome] | None = None,
) -> tuple[Summary, int] | None:
    """The district's Summary from its towns' tallies, and how many record files could not be
    read (not counted); None when a town holds a record of another town's code. The check of
    each town read for it goes into `checked`, by folder."""
    from anquan_cli.stats.summary import finish
    from anquan_cli.store.district import within
    from anquan_cli.store.settings_file import read_settings

    towns: list[TownCount] = []
    total = sum(town.files for town in scanned.towns)
    done = 0
    for town in scanned.towns:
        counted = _recall(town, period, question)
        if counted is None:
            heard = None if progress is None else within(progress, done, total)
            counted = _count(town, period, question, use_cache, heard, checked, campaign)
        if counted.foreign:
            return None
        towns.append(counted)
        done += town.files
        if progress is not None:
            progress(done, total)
    if not towns:
        return None
    summed = reduce(operator.add, (t.tally for t in towns))
    summary = finish(summed, read_settings(scanned.root), by_town=True)
    stray = scanned.files  # record files kept in the district folder itself: not counted
    return summary, sum(t.unreadable for t in towns) + stray


def _count(
    town: Scan,
    period: Period,
    question: dict[str, Any],
    use_cache: bool,
    progress: ProgressFn | None,
    checked: dict[Path, Outcome] | None = None,
    campaign: str | None = None,
) -> TownCount:
    """Open, check and count one town (a campaign's records alone, if one is given), and
    remember its count (and its check); the question names the campaign."""
    from anquan_cli.api.checking import check_ledger
    from anquan_cli.stats.accountability import FirstFindingRule
    from anquan_cli.stats.figures import campaign_records
    from anquan_cli.stats.summary import tally
    from anquan_cli.stats.tallies import to_data
    from anquan_cli.store.ledger import Ledger

    book = Ledger.open(town.root, use_cache=use_cache, progress=progress, scanned=town)
    outcome = check_ledger(book)  # worked out while the town is open, for the figure's check
    if checked is not None:
        checked[town.root] = outcome
    name = book.settings.name
    records = [entry.record for entry in book.entries]
    foreign = _other_codes(records, book.settings.code)
    counted_records = records if campaign is None else campaign_records(records, campaign)
    counted = TownCount(
        name,
        tally(
            counted_records,
            period,
            dict.fromkeys((r.id for r in counted_records), name),
            rule=FirstFindingRule.of(book.settings),
        ),
        sum(1 for p in book.problems if p.is_error),
        foreign,
    )
    value = {
        "name": name,
        "tally": to_data(counted.tally),
        "unreadable": counted.unreadable,
        "foreign": foreign,
    }
    memo.remember(town, _NAME, question, value)
    return counted


def _other_codes(records: list[Record], code: str) -> bool:
    """Whether a record's ID, or the unit it names, carries a code other than the town's."""
    own = f"{code}-"
    return any(
        not record.id.startswith(own)
        or not (getattr(record, "enterprise", None) or own).startswith(own)
        for record in records
    )


def _recall(town: Scan, period: Period, question: dict[str, Any]) -> TownCount | None:
    from anquan_cli.stats.tallies import from_data

    found: Any = memo.recall(town, _NAME, question)
    if not isinstance(found, dict):
        return None
    try:
        name, unread, foreign = found["name"], found["unreadable"], found["foreign"]
        if not (isinstance(name, str) and type(unread) is int):
            return None
        return TownCount(name, from_data(found["tally"], period), unread, foreign is True)
    except (KeyError, TypeError, ValueError):
        return None
