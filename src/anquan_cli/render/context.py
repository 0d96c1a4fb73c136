"""What a report template sees: the period's figures, the ledger's words and the office's notes.

The figures are the JSON object of `report --format json` (stats computes every one of them);
this module only adds names a template needs to write them down (the town, the sectors in the
ledger's order with their measure words) and the functions that fetch the office's own
paragraphs. A paragraph the office has not written comes out as 【待填写：KEY】, never as text
anquan made up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from anquan_cli.model.settings import Settings
from anquan_cli.render.numbers import FILTERS
from anquan_cli.stats.figures import UNKNOWN

PLACEHOLDER = "【待填写：{key}】"
_THIS_PERIOD = {"quarter": "本季度", "month": "本月", "year": "本年度"}
_LEVELS = ("街道", "镇", "乡", "区", "县", "市")
_NO_SECTOR = "未填写行业领域"
"""What documents call the group of units whose sector was never filled in."""


class Notes(Protocol):
    """The office's paragraphs for a period, as store/notes.py reads them (render is handed
    them; it never reads the ledger itself)."""

    @property
    def period_file(self) -> str: ...

    def get(self, key: str) -> tuple[str, ...] | None: ...

    def __contains__(self, key: object) -> bool: ...


def level_of(name: str, district: bool) -> str:
    """The kind of place a ledger is, from its name: 镇, 乡, 街道, 区 … (东溪镇 → 镇)."""
    found = next((word for word in _LEVELS if name.endswith(word)), None)
    return found or ("区" if district else "镇")


@dataclass
class NoteBook:
    """The notes as templates ask for them, remembering which ones were missing."""

    notes: Notes
    missing: list[str] = field(default_factory=list)

    def note(self, key: str, optional: bool = False) -> list[str]:
        """The paragraphs written for the key; 【待填写：KEY】 (or nothing, if optional) if none."""
        found = self.notes.get(str(key))
        if found is not None:
            return list(found)
        if optional:
            return []
        if key not in self.missing:
            self.missing.append(str(key))
        return [PLACEHOLDER.format(key=key)]

    def has_note(self, key: str) -> bool:
        return str(key) in self.notes


@dataclass(frozen=True)
class Context:
    """Everything one rendering gets: data, functions and filters."""

    data: dict[str, Any]
    functions: dict[str, Callable[..., Any]]
    filters: dict[str, Callable[..., Any]]
    notebook: NoteBook


def summary_data(summary: object) -> dict[str, Any]:
    """The summary as the plain data `report --format json` prints."""
    if isinstance(summary, Mapping):
        return dict(summary)
    to_dict = getattr(summary, "to_dict", None)
    if callable(to_dict):
        data = to_dict()
        if isinstance(data, dict):
            return data
    raise TypeError(f"cannot read figures from {type(summary).__name__}")


def sector_label(name: str) -> str:
    """A sector as a list names it (工贸); units without one are 未填写行业领域."""
    return _NO_SECTOR if name == UNKNOWN else name


def sector_title(name: str) -> str:
    """A sector as a sentence or heading names it (工贸领域); units without one are
    未填写行业领域, not 未填写领域."""
    return _NO_SECTOR if name == UNKNOWN else f"{name}领域"


def sector_list(data: Mapping[str, Any], settings: Settings) -> list[dict[str, str]]:
    """Sectors in the ledger's order (then any others the figures name), with measure words
    and the label a list writes."""
    names = [s.name for s in settings.sectors]
    for group in (data.get("by_sector") or {}, (data.get("units") or {}).get("by_sector") or {}):
        names.extend(n for n in group if n not in names)
    return [{"name": n, "label": sector_label(n), "unit": settings.unit_word(n)} for n in names]


def build_context(summary: object, settings: Settings, notes: Notes) -> Context:
    """The data and functions a template renders with."""
    data = summary_data(summary)
    notebook = NoteBook(notes)
    data.setdefault("ledger", settings.name)
    data["town"] = settings.name
    data["sectors"] = sector_list(data, settings)
    data["is_district"] = settings.is_district
    data["notes_file"] = notes.period_file
    level = level_of(settings.name, settings.is_district)
    data["level"] = level
    data["area"] = "全" + level
    data["we"] = "我" + level
    data["government"] = "办事处" if level == "街道" else "人民政府"
    data["this_period"] = _THIS_PERIOD.get(str((data.get("period") or {}).get("kind")), "本期")
    functions: dict[str, Callable[..., Any]] = {
        "note": notebook.note,
        "has_note": notebook.has_note,
    }
    filters: dict[str, Callable[..., Any]] = {
        **FILTERS,
        "unit_word": settings.unit_word,
        "sector_title": sector_title,
    }
    return Context(data, functions, filters, notebook)
