"""Values a ledger's anquan.yaml restricts to its lists: one definition for `check`, `set` and
the commands that add records."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from anquan_cli.model.records import (
    Accident,
    Activity,
    Enterprise,
    Filing,
    Hazard,
    Inspection,
    Patrol,
    Penalty,
    Plan,
    Record,
)
from anquan_cli.model.settings import Settings


def outside_lists(record: Record, settings: Settings) -> Iterator[tuple[str, str]]:
    """(field, Chinese message) for each value of the record its ledger's lists do not allow."""
    # an empty sector list is the settings' own error, not one for every record
    sectors = [s.name for s in settings.sectors] or None
    offices = [o.name for o in settings.offices] if settings.offices else None
    checks: list[tuple[str, str | None, Sequence[str] | None, str]] = []
    match record:
        case Enterprise():
            checks = [
                ("sector", record.sector, sectors, "行业领域"),
                ("village", record.village, settings.villages, "村(社区)"),
                ("office", record.office, offices, "监管责任单位"),
            ]
        case Accident():
            checks = [("domain", record.domain, sectors, "行业领域")]
        case Penalty():
            checks = [
                ("domain", record.domain, sectors, "行业领域"),
                ("village", record.village, settings.villages, "村(社区)"),
            ]
        case Inspection():
            checks = [("leader", record.leader, settings.leaders, "带队领导")]
        case Activity():
            checks = [
                ("leader", record.leader, settings.leaders, "领导"),
                ("kind", record.kind, settings.activity_kinds, "活动类型"),
                ("measure", record.measure, settings.measures, "计量单位"),
            ]
        case Plan():
            checks = [
                ("office", record.office, offices, "办所"),
                ("sector", record.sector, sectors, "行业领域"),
                ("village", record.village, settings.villages, "村(社区)"),
            ]
        case Patrol():
            checks = [
                ("village", record.village, settings.villages, "村(社区)"),
                ("kind", record.kind, settings.patrol_kinds, "巡查类型"),
            ]
        case Hazard():
            checks = [
                ("village", record.village, settings.villages, "村(社区)"),
                ("sector", record.sector, sectors, "行业领域"),
                ("office", record.office, offices, "办所"),
            ]
        case Filing():
            checks = [
                ("item", record.item, settings.archive_items or None, "专卷项目"),
                ("office", record.office, offices, "办所"),
                ("village", record.village, settings.villages, "村(社区)"),
            ]
    for key, value, allowed, what in checks:
        if value is not None and allowed is not None and value not in allowed:
            yield key, f"{what}“{value}”不在台账设置的列表中（可选：{'、'.join(allowed)}）"
