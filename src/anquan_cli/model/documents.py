"""执法文书 numbers (文号): 东溪应急〔2024〕整改12号 — the office's prefix, the year, the word of
the document's kind and a number counted per office, per kind and per year.

Each office writes its own documents with its own prefix, and no two offices listed in
anquan.yaml may share one: clones of different offices never give two documents one number,
as they never give two records one ID (model/ids.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anquan_cli.model.enums import DocumentKind
from anquan_cli.model.settings import Settings

_TOWN_ENDING = re.compile(r"(街道办事处|街道|镇|乡)$")
_OFFICE_ENDING = re.compile(r"(办公室|中心|办|所|站)$")


def default_prefix(town: str, office: str) -> str:
    """东溪镇 + 应急办 → 东溪应急; 规划自然资源所 → 东溪规划自然资源."""
    stem = _TOWN_ENDING.sub("", town) or town
    word = _OFFICE_ENDING.sub("", office) or office
    return f"{stem}{word}"


def _prefix_of(settings: Settings, office: str) -> str:
    listed = settings.office_named(office)
    if listed is not None and listed.doc_prefix:
        return listed.doc_prefix
    return default_prefix(settings.name, office)


def office_prefix(settings: Settings, office: str) -> str:
    """What the office's 文号 begin with; ValueError (in Chinese) when another office listed
    in anquan.yaml would begin its own the same way, so that the two would clash."""
    prefix = _prefix_of(settings, office)
    for other in settings.offices or ():
        if other.name != office and _prefix_of(settings, other.name) == prefix:
            raise ValueError(
                f"办所“{office}”与“{other.name}”的文书文号都以“{prefix}”开头，会重号："
                "请在 anquan.yaml 的 offices 中为其中一个写明 doc_prefix"
            )
    return prefix


def doc_number(prefix: str, year: int, kind: DocumentKind, number: int) -> str:
    """东溪应急〔2024〕整改12号."""
    return f"{prefix}〔{year}〕{kind.word}{number}号"


def next_number(taken: Iterable[str], prefix: str, year: int, kind: DocumentKind) -> int:
    """The number after the highest of this office's, kind's and year's among `taken` (every
    文号 the ledger's records hold, typed by hand or given by anquan); 1 for the first."""
    pattern = re.compile(
        rf"^{re.escape(prefix)}[〔\[(（]{year}[〕\])）]{re.escape(kind.word)}(\d+)号$"
    )
    found = [int(m.group(1)) for text in taken if (m := pattern.match(text.strip()))]
    return max(found, default=0) + 1


def office_of_number(settings: Settings, number: str) -> str | None:
    """The office listed in anquan.yaml whose 文号 begin as this one does (the office that
    gave it), or None when no listed office's do."""
    head = re.split(r"[〔\[(（]", number.strip(), maxsplit=1)[0]
    for office in settings.offices or ():
        if _prefix_of(settings, office.name) == head:
            return office.name
    return None
