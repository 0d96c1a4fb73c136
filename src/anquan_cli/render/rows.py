"""Records as rows for the terminal and CSV, and as JSON objects."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from anquan_cli.model.enums import RecordKind, Status
from anquan_cli.model.lifecycle import state_on
from anquan_cli.model.records import PERSON_MARK, Enterprise, Hazard, Record
from anquan_cli.stats.filters import status_on

Column = tuple[str, Callable[[Any], object]]


def as_json(record: Record, today: date) -> dict[str, Any]:
    """The record's fields as its file holds them, JSON-ready; a hazard's `status` is its state
    today replayed from its history (model/lifecycle), as every figure and list counts it, even
    where a hand-edited file says otherwise (`check` names such a file)."""
    data = record.model_dump(mode="json", exclude_none=True)
    if isinstance(record, Hazard):
        data["status"] = str(state_on(record, today) or Status.OPEN)
    return {k: v for k, v in data.items() if v != [] and v != {}}


def _name(units: Mapping[str, Enterprise]) -> Callable[[Any], object]:
    def name(record: Any) -> object:
        unit = units.get(record.enterprise) if record.enterprise else None
        if unit is not None:
            return unit.name
        place = getattr(record, "place", None)
        village = getattr(record, "village", None)
        person = getattr(record, "person", None)
        if place:
            return record.enterprise or f"{village or ''}{place}"
        return record.enterprise or (person and f"{person}{PERSON_MARK}")

    return name


def _point(units: Mapping[str, Enterprise]) -> Callable[[Any], object]:
    def point(record: Any) -> object:
        unit = units.get(record.point) if record.point else None
        return unit.name if unit else record.point

    return point


def columns(kind: RecordKind, units: Mapping[str, Enterprise], today: date) -> Sequence[Column]:
    """The columns `list` shows for a kind of record."""
    match kind:
        case RecordKind.ENTERPRISE:
            return [
                ("编号", lambda r: r.id),
                ("单位名称", lambda r: r.name),
                ("行业领域", lambda r: r.sector),
                ("类别", lambda r: r.subtype),
                ("所属村(社区)", lambda r: r.village),
                ("主要负责人", lambda r: r.principal),
                ("联系电话", lambda r: r.phone),
                ("风险等级", lambda r: r.risk_level),
                ("状态", lambda r: r.status),
                ("监管责任单位", lambda r: r.office),
            ]
        case RecordKind.INSPECTION:
            return [
                ("编号", lambda r: r.id),
                ("日期", lambda r: r.date),
                ("单位", _name(units)),
                ("检查类型", lambda r: r.type),
                ("专项行动", lambda r: r.campaign),
                ("带队领导", lambda r: r.leader),
                ("检查人员", lambda r: "、".join(r.inspectors)),
                ("检查单位", lambda r: r.office),
                ("联合检查单位", lambda r: "、".join(r.partners)),
                ("文书编号", lambda r: r.doc_no),
            ]
        case RecordKind.HAZARD:
            return [
                ("编号", lambda r: r.id),
                ("发现日期", lambda r: r.found),
                ("单位", _name(units)),
                ("隐患描述", lambda r: r.description),
                ("等级", lambda r: r.level),
                ("来源", lambda r: r.source),
                ("整改期限", lambda r: "当场整改" if r.on_the_spot else r.deadline),
                ("状态", lambda r: status_on(r, today)),
            ]
        case RecordKind.PENALTY:
            return [
                ("编号", lambda r: r.id),
                ("日期", lambda r: r.date),
                ("单位", _name(units)),
                ("罚款(元)", lambda r: r.fine),
                ("文书编号", lambda r: r.doc_no),
                ("案由", lambda r: r.reason),
            ]
        case RecordKind.ACCIDENT:
            return [
                ("编号", lambda r: r.id),
                ("日期", lambda r: r.date),
                ("行业领域", lambda r: r.domain),
                ("单位/地点", _name(units)),
                ("死亡", lambda r: r.deaths),
                ("受伤", lambda r: r.injuries),
                ("简要经过", lambda r: r.summary),
            ]
        case RecordKind.ACTIVITY:
            return [
                ("编号", lambda r: r.id),
                ("日期", lambda r: r.date),
                ("类型", lambda r: r.kind),
                ("领导", lambda r: r.leader),
                ("次数", lambda r: r.count),
                (
                    "数量",
                    lambda r: (
                        f"{r.counted_what}{r.quantity}{r.measure}"
                        if r.quantity is not None
                        else None
                    ),
                ),
                ("专项行动", lambda r: r.campaign),
                ("内容", lambda r: r.note),
            ]
        case RecordKind.PLAN:
            return [
                ("编号", lambda r: r.id),
                ("办所", lambda r: r.office),
                ("村(社区)", lambda r: r.village),
                ("月份", lambda r: r.month),
                ("计划检查家次", lambda r: r.inspections),
                ("计划巡查次数", lambda r: r.patrols),
                ("行业领域", lambda r: r.sector),
            ]
        case RecordKind.PATROL:
            return [
                ("编号", lambda r: r.id),
                ("日期", lambda r: r.date),
                ("村(社区)", lambda r: r.village),
                ("点位", _point(units)),
                ("巡查类型", lambda r: r.kind),
                ("巡查人员", lambda r: "、".join(r.by)),
                ("巡查情况", lambda r: r.note),
            ]
        case RecordKind.SELF_CHECK:
            return [
                ("编号", lambda r: r.id),
                ("日期", lambda r: r.date),
                ("单位", _name(units)),
                ("层级", lambda r: r.level),
                ("自查人", lambda r: r.by),
                ("自查情况", lambda r: r.note),
            ]
        case RecordKind.SUBMISSION:
            return [
                ("编号", lambda r: r.id),
                ("月份", lambda r: r.month),
                ("办所", lambda r: r.office),
                ("村(社区)", lambda r: r.village),
                ("报送日期", lambda r: r.date),
                ("备注", lambda r: r.note),
            ]
    raise ValueError(kind)


def cell(value: object) -> str:
    """A value as text: enums by their Chinese, empty as nothing."""
    if value is None:
        return ""
    return str(getattr(value, "value", value))


def safe_csv_cell(text: str) -> str:
    """Spreadsheets run cells that begin with = + - @ as formulas: store them as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_tsv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Tab-separated lines for a pipe (`list … | grep`, `cut -f`): one record a line, a tab
    or line break inside a cell turned into a space."""

    def line(cells: Sequence[str]) -> str:
        return "\t".join(" ".join(cell.split()) if cell else "" for cell in cells) + "\n"

    return line(header) + "".join(line(row) for row in rows)


def to_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """CSV with a BOM so Excel and WPS read UTF-8 Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[safe_csv_cell(v) for v in row] for row in rows])
    return "\ufeff" + buffer.getvalue()
