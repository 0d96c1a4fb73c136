"""安全专卷: the rules a new filing must pass beyond model/rules.py's (which holds its item,
office and village to the ledger's lists and its date to today): the ledger must name its
archive_items, and a holder files an item once a year. file-archive asks `filing_refusal`;
check asks `earlier_twin` of the files."""

from __future__ import annotations

from collections.abc import Iterable

from anquan_cli.model.records import Filing
from anquan_cli.model.settings import Settings

NO_ITEMS = (
    "台账未设置安全专卷项目：请在 anquan.yaml 中写 archive_items，"
    "如 archive_items: [责任书, 隐患排查台账, 巡查记录, 会议记录, 宣传资料]"
)


def filing_refusal(filing: Filing, settings: Settings, filed: Iterable[Filing]) -> str | None:
    """Why the ledger cannot take this filing besides model/rules (no archive_items, or the
    same item filed already), in Chinese; None when it can."""
    if not settings.archive_items:
        return NO_ITEMS
    twin = earlier_twin(filing, filed)
    if twin is not None:
        return (
            f"{filing.holder} {filing.year} 年度的“{filing.item}”已于 {twin.date} 归档"
            f"（{twin.id}），不重复登记"
        )
    return None


def earlier_twin(filing: Filing, filed: Iterable[Filing]) -> Filing | None:
    """Another filing of the same item, year and office or village, if there is one."""
    key = (filing.office, filing.village, filing.item, filing.year)
    for other in filed:
        if other.id != filing.id and (other.office, other.village, other.item, other.year) == key:
            return other
    return None
