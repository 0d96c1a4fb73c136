"""A period's figures: the one path every command, template and workbook reads them through.

Remembered per state of the ledger (store/memo.py), else counted afresh: a district from its
towns' tallies (api/rollup.py), a town (or a district whose towns cross codes) from its loaded
records. `summarize` reads nothing but the records and the settings, which the scan digest
covers; the question adds the period (with its as-of day) and today's date. So an unchanged
ledger asked the same question again gets the same figures without a record being read.

A figure is never given from a ledger that fails `check` unless the caller allows it: the
check's outcome is remembered per state of the ledger too, and worked out while the records
are loaded for counting, so asking it costs no second reading.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from anquan_cli.errors import AnquanError, Problem
from anquan_cli.store import memo

if TYPE_CHECKING:
    from anquan_cli.api.handle import OpenLedger
    from anquan_cli.stats.periods import Period
    from anquan_cli.store.scan import ProgressFn, Scan

_NAME = "figures"
SHOWN_PROBLEMS = 10
"""Problems a refusal names; `anquan check` lists them all."""


class Figures:
    """A period's figures as `report --format json` prints them, and the errors `check` finds
    in the ledger they were counted from (empty unless the caller allowed them).

    `data` keeps the ledger's order (templates list sectors and leaders in it); `text` is the
    JSON printed, keys sorted. Both are remembered: a district's text runs to megabytes and
    Python's indenting encoder takes seconds over it. Remembered data stays JSON text until a
    template or a closed period asks for it: `report --format json` prints the text alone.
    """

    def __init__(
        self,
        text: str,
        unreadable: int,
        data: dict[str, Any] | None = None,
        data_json: str | None = None,
    ) -> None:
        self.text = text
        self.unreadable = unreadable
        self.problems: list[Problem] = []
        self._data = data
        self._data_json = data_json

    @cached_property
    def data(self) -> dict[str, Any]:
        if self._data is not None:
            return self._data
        return cast(dict[str, Any], json.loads(self._data_json or "{}"))

    def data_json(self) -> str:
        """The data as compact JSON in the ledger's order, as the memo keeps it (made for the
        memo and let go: a district's runs to megabytes)."""
        if self._data_json is not None:
            return self._data_json
        return json.dumps(self._data, ensure_ascii=False, separators=(",", ":"))


class FailsCheck(AnquanError):
    """The ledger fails `check`: no figure is given from it (unless errors are allowed)."""

    def __init__(self, problems: list[Problem]) -> None:
        shown = "\n".join(p.render() for p in problems[:SHOWN_PROBLEMS])
        more = (
            f"\n……另有 {len(problems) - SHOWN_PROBLEMS} 个错误"
            if len(problems) > SHOWN_PROBLEMS
            else ""
        )
        super().__init__(
            f"台账未通过检查（{len(problems)} 个错误），不出统计数字：\n{shown}{more}\n"
            "请运行 anquan check 查看并修正；确需先出数字的，加 --allow-errors（文中会注明）"
        )
        self.problems = problems


def count(
    ledger: OpenLedger,
    period: Period,
    *,
    today: date,
    allow_errors: bool = False,
    progress: ProgressFn | None = None,
) -> Figures:
    """The period's figures: remembered if the ledger has not changed, else counted afresh;
    FailsCheck if the ledger fails `check` and errors are not allowed."""
    scanned = ledger.scanned
    asked = question(period, today)
    figures = recall(scanned, asked)
    if figures is None:
        figures = _counted(ledger, period, asked, progress)
        remember(scanned, asked, figures)
    errors = [p for p in ledger.outcome(progress).problems if p.is_error]
    if errors and not allow_errors:
        raise FailsCheck(errors)
    figures.problems = errors
    return figures


def _counted(
    ledger: OpenLedger, period: Period, asked: dict[str, Any], progress: ProgressFn | None
) -> Figures:
    if ledger.scanned.towns and not ledger.is_loaded:
        from anquan_cli.api.rollup import district_summary

        found = district_summary(
            ledger.scanned,
            period,
            asked,
            use_cache=ledger.use_cache,
            progress=progress,
            checked=ledger.towns_checked,
        )
        if found is not None:
            summary, unread = found
            data = summary.to_dict()
            return Figures(to_json(data), unread, data=data)
    from anquan_cli.stats.summary import summarize

    book = ledger.load(progress)
    records = [entry.record for entry in book.entries]
    summary = summarize(records, period, settings=book.settings, town_of=book.town_of or None)
    data = summary.to_dict()
    return Figures(to_json(data), sum(1 for p in book.problems if p.is_error), data=data)


def recall(scanned: Scan, asked: dict[str, Any]) -> Figures | None:
    found = memo.recall(scanned, _NAME, asked)
    if not isinstance(found, dict):
        return None
    data, text, unreadable = found.get("data"), found.get("json"), found.get("unreadable")
    if not isinstance(data, str) or not isinstance(text, str) or not isinstance(unreadable, int):
        return None
    return Figures(text, unreadable, data_json=data)


def remember(scanned: Scan, asked: dict[str, Any], figures: Figures) -> None:
    value = {"data": figures.data_json(), "json": figures.text, "unreadable": figures.unreadable}
    memo.remember(scanned, _NAME, asked, value)


def to_json(data: dict[str, Any]) -> str:
    """The figures as `report --format json` prints them: sorted keys, indented."""
    from anquan_cli.stats.jsontext import dumps

    return dumps(data)


def question(period: Period, today: date) -> dict[str, Any]:
    return {"period": period.to_dict(), "today": today.isoformat()}
