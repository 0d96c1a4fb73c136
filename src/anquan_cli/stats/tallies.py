"""A Tally as plain JSON data and back, for remembering a town's tally (store/memo.py).

Money stays exact (as text); sets become sorted lists, the towns keep their order. Reading back checks every part's type:
data that is not a tally raises ValueError, and the memo is then treated as absent.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal, InvalidOperation
from typing import Any

from anquan_cli.stats.figures import FIGURES
from anquan_cli.stats.periods import Period
from anquan_cli.stats.summary import Counts, HazardLine, Tally

_COUNTS = ("totals",)
_COUNTS_BY_NAME = ("accidents_by_domain", "campaigns")
_LINES = ("overdue", "open_major")


def to_data(counted: Tally) -> dict[str, Any]:
    """The tally as JSON data (its period is not kept: the memo's question holds it)."""
    data: dict[str, Any] = {}
    for field in fields(Tally):
        value = getattr(counted, field.name)
        if field.name == "period":
            continue
        if field.name in _COUNTS:
            value = _counts_data(value)
        elif field.name in _COUNTS_BY_NAME:
            value = {name: _counts_data(c) for name, c in value.items()}
        elif field.name == "groups":
            value = [{name: _counts_data(c) for name, c in group.items()} for group in value]
        elif field.name == "unit_places":
            value = [sorted(names) for names in value]
        elif field.name in _LINES:
            value = [line.to_dict() for line in value]
        elif field.name in ("quantities", "failures"):
            value = [[*key, n] for key, n in sorted(value.items())]
        data[field.name] = value
    return data


def from_data(data: dict[str, Any], period: Period) -> Tally:
    """The tally `to_data` gave; ValueError if the data is not one."""
    try:
        return Tally(
            period=period,
            totals=_counts(data["totals"]),
            groups=tuple(
                {str(name): _counts(c) for name, c in group.items()} for group in data["groups"]
            ),
            unit_places=tuple({str(n) for n in names} for names in data["unit_places"]),
            towns=[str(n) for n in data["towns"]],
            leaders=_nested(data["leaders"]),
            activities=_nested(data["activities"]),
            quantities=_quantities(data["quantities"]),
            failures=_failures(data["failures"]),
            accidents_by_domain={
                str(name): _counts(c) for name, c in data["accidents_by_domain"].items()
            },
            campaigns={str(name): _counts(c) for name, c in data["campaigns"].items()},
            accident_list=[dict(item) for item in data["accident_list"]],
            planned=_numbers(data["planned"]),
            done=_numbers(data["done"]),
            patrols_planned=_numbers(data["patrols_planned"]),
            patrols_done=_numbers(data["patrols_done"]),
            by_source=_nested(data["by_source"]),
            units_total=_number(data["units_total"]),
            units=_numbers(data["units"]),
            suspended=_numbers(data["suspended"]),
            subtypes=_nested(data["subtypes"]),
            attributes={
                str(sector): _nested(named) for sector, named in data["attributes"].items()
            },
            units_by_village=_numbers(data["units_by_village"]),
            overdue=[HazardLine(**line) for line in data["overdue"]],
            open_major=[HazardLine(**line) for line in data["open_major"]],
            submissions=(_nested(data["submissions"][0]), _nested(data["submissions"][1])),
        )
    except (KeyError, TypeError, AttributeError, InvalidOperation) as error:
        raise ValueError(f"not a tally: {error}") from None


def _counts_data(counts: Counts) -> dict[str, Any]:
    return {
        key: str(value) if isinstance(value, Decimal) else value
        for key in FIGURES
        if (value := getattr(counts, key))
    }


def _counts(data: dict[str, Any]) -> Counts:
    values: dict[str, Any] = {
        key: Decimal(value) if key == "fines_yuan" else _number(value)
        for key, value in data.items()
    }
    if not set(values) <= set(FIGURES):
        raise TypeError("unknown figure")
    return Counts(**values)


def _quantities(data: list[Any]) -> dict[tuple[str, str, str, str], int]:
    out: dict[tuple[str, str, str, str], int] = {}
    for leader, kind, what, measure, n in data:
        if not all(isinstance(text, str) for text in (leader, kind, what, measure)):
            raise TypeError("not a quantity")
        out[(leader, kind, what, measure)] = _number(n)
    return out


def _failures(data: list[Any]) -> dict[tuple[str, str, int, str], int]:
    out: dict[tuple[str, str, int, str], int] = {}
    for sector, checklist, item, text, n in data:
        if not all(isinstance(t, str) for t in (sector, checklist, text)):
            raise TypeError("not a checklist item")
        out[(sector, checklist, _number(item), text)] = _number(n)
    return out


def _number(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("not a count")
    return value


def _numbers(data: dict[str, Any]) -> dict[str, int]:
    return {str(name): _number(value) for name, value in data.items()}


def _nested(data: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {str(name): _numbers(inner) for name, inner in data.items()}
