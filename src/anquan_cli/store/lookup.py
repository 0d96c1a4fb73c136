"""Finding a unit from what a clerk types: an ID, a name, part of it, or pinyin initials."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol, TypeVar

from anquan_cli.errors import UsageError
from anquan_cli.model.ids import normalize_id
from anquan_cli.store.office import initials

MAX_LISTED = 10


class Unit(Protocol):
    """What a unit is found by: an Enterprise record, or its entry in the name index."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def short_name(self) -> str | None: ...


U = TypeVar("U", bound=Unit)


@lru_cache(maxsize=8192)
def fold_name(text: str) -> str:
    """Full-width to half-width (NFKC), no spaces, lower case: how unit names are compared,
    by the commands and by the import alike.

    Two names that fold alike are one unit's: "兴源化工 有限公司" is 兴源化工有限公司, and
    金嗓子ＫＴＶ is 金嗓子KTV."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def find_enterprise(
    units: Sequence[U], query: str, initials_of: Callable[[str], str] = initials
) -> U:
    """The one unit the query names; none or several is a UsageError listing candidates.

    `initials_of` gives a name's pinyin initials (office.initials, or a memo of it).
    """
    text = query.strip()
    if not text:
        raise UsageError("请提供单位名称、编号或拼音首字母")
    by_id = {u.id: u for u in units}
    if normalize_id(text) in by_id:
        return by_id[normalize_id(text)]
    folded = fold_name(text)
    for matcher in (_exact, _contains, _pinyin):
        found = matcher(units, folded, initials_of)
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(f"“{query}”对应多个单位，请写得更具体：{_listing(found)}")
    raise UsageError(f"找不到单位“{query}”{_hint(units)}")


def _exact(units: Sequence[U], folded: str, _initials_of: Callable[[str], str]) -> list[U]:
    return [u for u in units if folded in (fold_name(u.name), fold_name(u.short_name or ""))]


def _contains(units: Sequence[U], folded: str, _initials_of: Callable[[str], str]) -> list[U]:
    return [
        u
        for u in units
        if folded in fold_name(u.name) or (u.short_name and folded in fold_name(u.short_name))
    ]


def _pinyin(units: Sequence[U], folded: str, initials_of: Callable[[str], str]) -> list[U]:
    if not folded.isascii() or not folded.isalpha():
        return []
    return [u for u in units if initials_of(u.name).lower().startswith(folded)]


def _listing(found: Sequence[U]) -> str:
    shown = "、".join(f"{u.name}（{u.id}）" for u in found[:MAX_LISTED])
    more = f" 等{len(found)}个" if len(found) > MAX_LISTED else ""
    return shown + more


def _hint(units: Sequence[U]) -> str:
    if not units:
        return "：台账中还没有单位，请先 anquan add-enterprise"
    return "；可用 anquan list enterprises 查看全部单位"


def completions(units: Sequence[U]) -> dict[str, str]:
    """Name → hint (ID and pinyin initials) for the terminal's completing prompt."""
    return {u.name: f"{u.id} {initials(u.name).lower()}" for u in units}
