"""报送: who must hand in a month's 台账, by when, and how each month stands.

One definition of each rule: `due_date` and `mark_of` decide 按时 / 迟报 / 未报送 for `status`,
the report's figures (submissions_late, submissions_missing), `--explain` and the 考核;
`second_submission` refuses a party's second of a month (for `submit` and `check`; a
submission's other rules are model/rules.py's).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from anquan_cli.model.records import Submission
from anquan_cli.model.settings import Settings


class Mark(StrEnum):
    """How a party's month stands on a given day."""

    ON_TIME = "按时"
    LATE = "迟报"
    MISSING = "未报送"
    NOT_DUE = "未到期"
    """Not handed in yet, and the day it is due has not passed."""


OFFICE = "office"
VILLAGE = "village"
Party = tuple[str, str]
"""(OFFICE or VILLAGE, name): who hands in a month's 台账."""


def month_start(month: str) -> date:
    return date(int(month[:4]), int(month[5:7]), 1)


def month_end(month: str) -> date:
    """The last day of a month written 2024-11 (报送, 月月清零 and their explanations)."""
    first = month_start(month)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - timedelta(days=1)


def due_date(month: str, by_day: int) -> date:
    """The last day a month's 台账 is on time: `by_day` of the next month (2024-11 → 12-05)."""
    after = month_end(month) + timedelta(days=1)
    return after.replace(day=by_day)


def mark_of(handed_in: date | None, month: str, by_day: int, as_of: date) -> Mark:
    """按时 when handed in by the due date; 迟报 when after it; 未报送 when not handed in by
    the as-of date and the due date has passed; 未到期 otherwise. A submission dated after the
    as-of date had not happened on it."""
    due = due_date(month, by_day)
    if handed_in is not None and handed_in <= as_of:
        return Mark.ON_TIME if handed_in <= due else Mark.LATE
    return Mark.MISSING if due < as_of else Mark.NOT_DUE


def expected(settings: Settings) -> list[Party]:
    """Who must hand in every month: the offices anquan.yaml lists (but the one handed to,
    `submit_to`) and the villages it lists, in its order."""
    offices = [(OFFICE, o.name) for o in settings.offices or () if o.name != settings.submit_to]
    return offices + [(VILLAGE, v) for v in settings.villages or ()]


def party_of(submission: Submission) -> Party:
    if submission.office is not None:
        return (OFFICE, submission.office)
    return (VILLAGE, submission.village or "")


def first_handed_in(submissions: Iterable[Submission]) -> dict[tuple[Party, str], Submission]:
    """Each party's submission of each month: the earliest, should a hand-written file add a
    second."""
    found: dict[tuple[Party, str], Submission] = {}
    for item in sorted(submissions, key=lambda s: (s.date, s.id)):
        found.setdefault((party_of(item), item.month), item)
    return found


def parties(settings: Settings, submissions: Iterable[Submission]) -> list[Party]:
    """The expected parties, then any other that handed something in, by name."""
    listed = expected(settings)
    others = sorted({party_of(s) for s in submissions} - set(listed))
    return listed + [p for p in others if p != (OFFICE, settings.submit_to)]


def second_submission(submission: Submission, others: Iterable[Submission]) -> str | None:
    """Why a submission is refused as its party's second of the month, or None (the rest of
    a submission's rules are model/rules.py's, as every record's)."""
    mine = party_of(submission)
    for other in others:
        if (
            other.id != submission.id
            and party_of(other) == mine
            and other.month == submission.month
        ):
            return (
                f"{submission.party}{submission.month}的台账已于 {other.date} 报送（{other.id}），"
                "不能重复报送"
            )
    return None
