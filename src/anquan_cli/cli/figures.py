"""A period's figures for a read command: remembered per state of the ledger (store/memo.py),
else counted afresh.

`summarize` reads nothing but the records and the settings, which the scan digest covers; the
question adds the period (with its as-of day) and today's date. So an unchanged ledger asked
the same question again gets the same figures without a record being read.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from anquan_cli.cli.context import ledger_records, open_ledger, unreadable, warn_unreadable
from anquan_cli.store import memo

if TYPE_CHECKING:
    from anquan_cli.stats.periods import Period
    from anquan_cli.store.scan import Scan

_NAME = "figures"


class Figures:
    """A period's figures as `report --format json` prints them, and the files left uncounted.

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


def period_figures(
    scanned: Scan, period: Period, no_cache: bool, campaign: str | None = None
) -> Figures:
    """The period's figures: remembered if the ledger has not changed, else counted afresh.
    With a campaign, every figure counts that 专项行动's records alone (and the units)."""
    today = date.today()
    figures = recall(scanned, period, today, campaign)
    if figures is not None:
        warn_unreadable(figures.unreadable)
        return figures
    if scanned.towns:
        from anquan_cli.cli.rollup import district_figures

        figures = district_figures(scanned, period, today, no_cache, campaign)
        if figures is not None:
            warn_unreadable(figures.unreadable)
            remember(scanned, period, today, figures, campaign)
            return figures
    from anquan_cli.stats.figures import campaign_records
    from anquan_cli.stats.summary import summarize

    book = open_ledger(scanned.root, no_cache, scanned=scanned)
    records = ledger_records(book)
    if campaign is not None:
        records = campaign_records(records, campaign)
    summary = summarize(records, period, settings=book.settings, town_of=book.town_of or None)
    data = with_campaign(summary.to_dict(), campaign)
    figures = Figures(to_json(data), unreadable(book), data=data)
    remember(scanned, period, today, figures, campaign)
    return figures


def with_campaign(data: dict[str, Any], campaign: str | None) -> dict[str, Any]:
    """The figures, naming the campaign they were restricted to (`report --campaign`)."""
    return data if campaign is None else {**data, "campaign": campaign}


def recall(
    scanned: Scan, period: Period, today: date, campaign: str | None = None
) -> Figures | None:
    found = memo.recall(scanned, _NAME, question(period, today, campaign))
    if not isinstance(found, dict):
        return None
    data, text, unreadable = found.get("data"), found.get("json"), found.get("unreadable")
    if not isinstance(data, str) or not isinstance(text, str) or not isinstance(unreadable, int):
        return None
    return Figures(text, unreadable, data_json=data)


def remember(
    scanned: Scan, period: Period, today: date, figures: Figures, campaign: str | None = None
) -> None:
    value = {"data": figures.data_json(), "json": figures.text, "unreadable": figures.unreadable}
    memo.remember(scanned, _NAME, question(period, today, campaign), value)


def to_json(data: dict[str, Any]) -> str:
    """The figures as `report --format json` prints them: sorted keys, indented."""
    from anquan_cli.stats.jsontext import dumps

    return dumps(data)


def question(period: Period, today: date, campaign: str | None = None) -> dict[str, Any]:
    asked = {"period": period.to_dict(), "today": today.isoformat()}
    return asked if campaign is None else {**asked, "campaign": campaign}
