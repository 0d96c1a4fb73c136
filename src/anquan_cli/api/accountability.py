"""Who did what: each office's and village's month (records, 报送, plan) for `status`, and the
year's 报送 marks, from the records' own dates and the submissions — never from git, so a
ledger without a repository, or one filled in afterwards, reads the same."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from anquan_cli.errors import AnquanError
from anquan_cli.model.records import Hazard, Patrol, Record, Submission
from anquan_cli.model.reporting import OFFICE, VILLAGE, Party, month_end, month_start
from anquan_cli.stats import submissions as reporting

if TYPE_CHECKING:
    from anquan_cli.store.ledger import Ledger

KIND_LABELS = {OFFICE: "办所", VILLAGE: "村(社区)"}


def record_days(record: Record) -> list[date]:
    """The days a record says something was done: a hazard's finding and each step of its
    history, any other record's own date (a unit or a plan has none)."""
    if isinstance(record, Hazard):
        return [record.found, *(step.date for step in record.history)]
    day = getattr(record, "date", None)
    return [day] if isinstance(day, date) else []


def _parties_of(book: Ledger, codes: dict[str, Party]) -> dict[str, list[Party]]:
    """Each record's parties: the office or village whose code its ID carries, and for a
    patrol its village. A submission is not a record of the 台账 handed in: it has none."""
    found: dict[str, list[Party]] = {}
    for entry in book.entries:
        record = entry.record
        if isinstance(record, Submission):
            found[record.id] = []
            continue
        mine = [codes[record.office_code]] if record.office_code in codes else []
        if isinstance(record, Patrol) and (VILLAGE, record.village) not in mine:
            mine.append((VILLAGE, record.village))
        found[record.id] = mine
    return found


def _codes(book: Ledger, parties: list[Party]) -> dict[str, Party]:
    from anquan_cli.store.office import office_code

    codes: dict[str, Party] = {}
    for party in parties:
        try:
            codes.setdefault(office_code(book.settings, party[1]), party)
        except AnquanError:  # two listed offices share a code: check names them
            continue
    return codes


def month_status(book: Ledger, month: str, as_of: date) -> dict[str, Any]:
    """`status --month`: per office and village, its records dated in the month, its latest
    record by the month's end, its 报送 and its plan."""
    from anquan_cli.stats.figures import Places
    from anquan_cli.stats.periods import date_range
    from anquan_cli.stats.summary import (
        patrol_plan_counts,
        patrol_rounds,
        plan_progress,
        seen_hazards,
    )

    first, last = month_start(month), month_end(month)
    period = date_range(first, last, as_of=max(as_of, first))
    marks = reporting.grid(book.submissions, book.settings, [month], as_of)
    parties = list(marks)
    for o in book.settings.offices or ():
        if (OFFICE, o.name) not in marks:
            parties.insert(0, (OFFICE, o.name))  # the office handed to: listed, never marked
    parties_of = _parties_of(book, _codes(book, parties))
    counts: dict[Party, int] = defaultdict(int)
    latest: dict[Party, date] = {}
    for entry in book.entries:
        days = [d for d in record_days(entry.record) if d <= min(last, as_of)]
        for party in parties_of[entry.record.id]:
            if any(d >= first for d in days):
                counts[party] += 1
            if days:
                latest[party] = max(latest.get(party, days[0]), *days)
    plans = plan_progress(book.plans, book.inspections, book.enterprise_by_id, period)
    rounds = patrol_rounds(book.patrols, seen_hazards(book.hazards, period))
    places = Places(book.enterprise_by_id, None, book.inspections)
    planned, done = patrol_plan_counts(book.plans, rounds, places, period)
    rows = []
    for party in parties:
        kind, name = party
        plan: dict[str, Any] | None = None
        if kind == OFFICE and name in plans:
            plan = plans[name].to_dict()
        elif kind == VILLAGE and name in planned:
            plan = {
                "planned": planned[name],
                "done": done.get(name, 0),
                "rate": done.get(name, 0) / planned[name] if planned[name] else None,
            }
        handed = marks.get(party)
        rows.append(
            {
                "office": name,
                "kind": KIND_LABELS[kind],
                "last_change": latest[party].isoformat() if party in latest else None,
                "records_this_month": counts[party],
                "updated_this_month": counts[party] > 0,
                "submission": handed[0].to_dict() if handed else None,
                "plan": plan,
            }
        )
    return {"month": month, "as_of": as_of.isoformat(), "offices": rows}


def year_status(book: Ledger, year: int, as_of: date) -> dict[str, Any]:
    """`status --year`: per office and village, each month of the year marked 按时 / 迟报 /
    未报送 / 未到期, with its late and missing months counted."""
    months = [f"{year:04d}-{m:02d}" for m in range(1, 13)]
    marks = reporting.grid(book.submissions, book.settings, months, as_of)
    rows = []
    for (kind, name), row in marks.items():
        rows.append(
            {
                "office": name,
                "kind": KIND_LABELS[kind],
                "months": {m.month: m.to_dict() for m in row},
                "submissions_late": sum(m.mark is reporting.Mark.LATE for m in row),
                "submissions_missing": sum(m.mark is reporting.Mark.MISSING for m in row),
            }
        )
    return {"year": year, "as_of": as_of.isoformat(), "offices": rows}
