"""explain lists exactly the records behind every figure summarize reports."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from anquan_cli.errors import UsageError
from anquan_cli.model.records import Record
from anquan_cli.model.settings import Settings
from anquan_cli.stats.explain import explain
from anquan_cli.stats.figures import FIGURES
from anquan_cli.stats.periods import Period, quarter
from anquan_cli.stats.summary import summarize
from anquan_cli.store.ledger import Ledger
from tests import handcount

EXAMPLE = Path(__file__).parents[1] / "examples" / "dongxi"


def every_key(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Each explainable key of a summary and the value the summary gives it."""
    for key in FIGURES:
        yield key, data["totals"][key]
    for group in ("by_sector", "by_village", "by_office", "by_town"):
        for name, counts in data.get(group, {}).items():
            for key in FIGURES:
                yield f"{group}.{name}.{key}", counts[key]
    for leader, kinds in data["leaders"].items():
        for kind, count in kinds.items():
            yield f"leaders.{leader}.{kind}", count
    for office, plan in data["plans"].items():
        yield f"plans.{office}.done", plan["done"]
        yield f"plans.{office}.planned", plan["planned"]
    for kind, counts in data["activities"].items():
        yield f"activities.{kind}", counts["count"]
    yield "overdue", len(data["overdue"])
    yield "open_major", len(data["open_major"])


def agree(records: list[Record], period: Period, settings: Settings) -> int:
    data = summarize(records, period, settings=settings).to_dict()
    checked = 0
    for key, value in every_key(data):
        found = explain(key, records, period, settings=settings)
        assert found.value == value, key
        assert len({r.id for r in found.records}) == len(found.records), key
        checked += 1
    return checked


@pytest.mark.parametrize(
    "period",
    [
        quarter(2024, 3),
        quarter(2024, 4),
        quarter(2024, 4, date(2024, 10, 31)),
        quarter(2024, 4, date(2024, 11, 15)),
        quarter(2025, 1),
        quarter(2023, 1),
    ],
    ids=str,
)
def test_every_hand_counted_figure_has_its_records(period: Period) -> None:
    assert agree(handcount.records(), period, handcount.SETTINGS) > 100


def test_every_figure_of_the_example_has_its_records() -> None:
    book = Ledger.open(EXAMPLE)
    records = [e.record for e in book.entries]
    assert agree(records, quarter(2024, 4), book.settings) > 300


def test_explained_hazards_are_the_hand_counted_ones() -> None:
    records = handcount.records()
    ids = {v: k for k, v in handcount.ID.items()}

    def names(key: str, period: Period) -> list[str]:
        found = explain(key, records, period, settings=handcount.SETTINGS)
        return [ids[r.id] for r in found.records]

    q4 = quarter(2024, 4)
    mid = quarter(2024, 4, date(2024, 10, 31))
    assert names("hazards_found", q4) == ["H4", "H5", "H6", "H7", "H8"]
    assert names("hazards_rectified", q4) == ["H4", "H5"]
    assert names("hazards_overdue", q4) == ["H6"]
    assert names("backlog_open", q4) == ["H3"]
    assert names("backlog_open", mid) == ["H2", "H3"]
    assert names("enterprises_inspected", q4) == ["E1", "E3", "E5", "E6", "E7"]
    assert names("leaders.张书记.带队检查", q4) == ["I3", "W3", "I6"]
    assert names("plans.应急办.done", q4) == ["I5", "I6", "I7", "I8"]
    assert names("by_village.东村.hazards_major", q4) == ["H5", "H8"]


@pytest.mark.parametrize(
    "key",
    ["nope", "by_sector.工贸", "by_sector.矿.hazards_found", "leaders.张书记.喝茶", "plans.x.y",
     "fines_wan", "by_office.经发办.nope"],
)  # fmt: skip
def test_unknown_keys_are_usage_errors(key: str) -> None:
    with pytest.raises(UsageError):
        explain(key, handcount.records(), quarter(2024, 4), settings=handcount.SETTINGS)
