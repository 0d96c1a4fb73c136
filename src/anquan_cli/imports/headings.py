"""Which sheet holds which records, and which column holds which field, found by words.

Real 台账 put their headings anywhere in the first rows, under a title, sometimes in two rows
(五落实 over its five columns), and name the same column many ways. A heading is compared after
folding full-width characters, dropping spaces, brackets' contents and marks like * and ：.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from anquan_cli.imports.values import Cell, clean, fold


class SheetKind(StrEnum):
    ENTERPRISES = "enterprises"
    INSPECTIONS = "inspections"
    HAZARDS = "hazards"
    MAJOR_HAZARDS = "major_hazards"
    PENALTIES = "penalties"
    ACCIDENTS = "accidents"
    ACTIVITIES = "activities"
    PLANS = "plans"


UNIT_WORDS = (
    "单位名称",
    "企业名称",
    "生产经营单位名称",
    "生产经营单位",
    "被检查单位",
    "单位",
    "企业",
    "场所名称",
    "名称",
)
VILLAGE_WORDS = (
    "所属村",
    "所属村社区",
    "所属村居",
    "村居",
    "村社区",
    "所在村",
    "所在村社区",
    "村",
    "社区",
    "属地",
)
SECTOR_WORDS = ("行业领域", "行业", "领域", "所属行业", "行业类别")

_HAZARD_FIELDS: dict[str, tuple[str, ...]] = {
    "unit": UNIT_WORDS,
    "village": VILLAGE_WORDS,
    "sector": SECTOR_WORDS,
    "found": ("发现日期", "检查日期", "排查日期", "排查时间", "检查时间", "发现时间"),
    "description": (
        "隐患描述",
        "存在问题",
        "隐患内容",
        "隐患问题",
        "主要问题",
        "存在的问题",
        "隐患情况",
        "发现问题",
        "隐患",
        "问题描述",
    ),
    "level": ("隐患等级", "隐患级别", "等级", "级别"),
    "category": ("隐患类别", "隐患类型"),
    "measures": ("整改措施", "措施"),
    "responsible": ("整改责任人", "责任人"),
    "deadline": ("整改期限", "整改时限", "限期", "完成时限", "时限", "整改期限日期"),
    "funds": ("整改资金", "资金", "整改资金元", "投入资金"),
    "plan": ("应急预案", "预案"),
    "status": ("整改情况", "整改状态", "状态", "是否整改", "整改结果", "整改进度"),
    "rectified": ("整改完成日期", "完成日期", "完成时间", "整改完成时间", "整改日期"),
    "verifier": ("验收人", "复查人", "验收人员", "复查验收人"),
    "closed": ("销号日期", "销号时间", "验收销号日期"),
    "story": ("整改验收记录",),
    "supervision_level": ("督办级别", "挂牌督办级别"),
    "supervision_doc": ("督办文号", "挂牌督办文号"),
    "supervision_date": ("挂牌日期", "挂牌时间"),
    "campaign": ("专项行动",),
    "note": ("备注",),
}

FIELDS: dict[SheetKind, dict[str, tuple[str, ...]]] = {
    SheetKind.ENTERPRISES: {
        "unit": UNIT_WORDS,
        "credit_code": ("统一社会信用代码", "信用代码", "社会信用代码", "统一代码"),
        "sector": SECTOR_WORDS,
        "subtype": ("类别", "场所类别", "类型", "场所类型"),
        "village": VILLAGE_WORDS,
        "address": ("地址", "详细地址", "经营地址", "单位地址", "地点"),
        "principal": ("主要负责人", "负责人", "法定代表人", "法人代表", "法人"),
        "phone": ("联系电话", "电话", "联系方式", "手机", "手机号码"),
        "risk_level": ("风险等级", "风险级别"),
        "status": ("状态", "经营状态", "生产状态"),
        "status_date": ("状态日期", "停产日期", "关闭日期"),
        "office": ("监管责任单位", "监管单位", "责任单位", "监管部门", "监管责任办所"),
        "note": ("备注",),
    },
    SheetKind.INSPECTIONS: {
        "date": ("检查日期", "日期", "检查时间"),
        "unit": UNIT_WORDS,
        "village": VILLAGE_WORDS,
        "sector": SECTOR_WORDS,
        "type": ("检查类型", "检查方式", "检查形式", "检查类别"),
        "campaign": ("专项行动", "专项"),
        "leader": ("带队领导", "带队人", "带队"),
        "inspectors": ("检查人员", "检查人", "执法人员"),
        "found_count": ("发现隐患数", "隐患数", "发现隐患"),
        "doc_no": ("文书编号", "文书号", "执法文书编号", "检查文书编号"),
        "office": ("检查单位", "检查部门", "检查办所"),
        "partners": ("联合检查单位", "联合检查部门", "配合单位"),
        "note": ("备注",),
    },
    SheetKind.HAZARDS: _HAZARD_FIELDS,
    SheetKind.MAJOR_HAZARDS: _HAZARD_FIELDS,
    SheetKind.PENALTIES: {
        "date": ("处罚日期", "决定日期", "立案日期", "日期", "处罚时间"),
        "unit": UNIT_WORDS,
        "village": VILLAGE_WORDS,
        "sector": SECTOR_WORDS,
        "reason": ("案由", "违法行为", "违法事实", "处罚事由"),
        "doc_no": ("处罚决定书文号", "文书编号", "决定书文号", "文号", "处罚文书号"),
        "fine": ("罚款金额", "罚款", "罚款数额", "罚没金额", "罚款金额元"),
        "note": ("备注",),
    },
    SheetKind.ACCIDENTS: {
        "date": ("事故日期", "发生日期", "发生时间", "事故时间", "日期"),
        "unit": ("事故单位", "事故单位地点", "发生地点", "地点", "单位名称", "事故地点"),
        "domain": SECTOR_WORDS,
        "grade": ("事故等级", "等级", "事故级别"),
        "deaths": ("死亡人数", "死亡"),
        "injuries": ("受伤人数", "受伤"),
        "loss": ("直接经济损失", "经济损失"),
        "summary": ("简要经过", "事故经过", "事故简况", "基本情况", "事故概况"),
    },
    SheetKind.ACTIVITIES: {
        "date": ("日期", "活动日期", "时间"),
        "kind": ("活动类型", "类型", "类别"),
        "leader": ("领导", "带队领导", "参加领导"),
        "count": ("次数",),
        "people": ("参加人数", "人数"),
        "what": ("事项", "数量事项"),
        "quantity": ("数量",),
        "measure": ("计量单位", "单位（量词）"),
        "campaign": ("专项行动", "专项整治"),
        "office": ("办所", "牵头办所", "责任办所"),
        "note": ("内容", "活动内容", "主要内容"),
    },
    SheetKind.PLANS: {
        "month": ("月份", "计划月份"),
        "office": ("办所", "责任办所", "科室"),
        "sector": SECTOR_WORDS,
        "inspections": ("计划检查家次", "计划检查", "计划家次", "计划检查数"),
    },
}

REQUIRED: dict[SheetKind, tuple[str, ...]] = {
    SheetKind.ENTERPRISES: ("unit",),
    SheetKind.INSPECTIONS: ("unit", "date"),
    SheetKind.HAZARDS: ("unit", "description"),
    SheetKind.MAJOR_HAZARDS: ("unit", "description"),
    SheetKind.PENALTIES: ("unit", "date", "fine"),
    SheetKind.ACCIDENTS: ("date", "domain"),
    SheetKind.ACTIVITIES: ("date", "kind"),
    SheetKind.PLANS: ("month", "office", "inspections"),
}

# The field holding the date each kind of record is filed under: the column a list of records
# has and a summary table does not.
DATE_FIELDS: dict[SheetKind, str] = {
    SheetKind.INSPECTIONS: "date",
    SheetKind.HAZARDS: "found",
    SheetKind.MAJOR_HAZARDS: "found",
    SheetKind.PENALTIES: "date",
    SheetKind.ACCIDENTS: "date",
    SheetKind.ACTIVITIES: "date",
}

# Sheet names say what a sheet holds before its headings do; the first word found wins.
_NAME_WORDS: tuple[tuple[str, SheetKind | None], ...] = (
    ("汇总", None),
    ("统计", None),
    ("重大隐患", SheetKind.MAJOR_HAZARDS),
    ("隐患", SheetKind.HAZARDS),
    ("处罚", SheetKind.PENALTIES),
    ("事故", SheetKind.ACCIDENTS),
    ("活动", SheetKind.ACTIVITIES),
    ("计划", SheetKind.PLANS),
    ("检查", SheetKind.INSPECTIONS),
    ("企业", SheetKind.ENTERPRISES),
    ("单位", SheetKind.ENTERPRISES),
    ("场所", SheetKind.ENTERPRISES),
)

_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_MARKS = re.compile(r"[*:：、.。#№\-_]")
HEADER_SCAN = 30
ATTRIBUTES = "属性"  # a unit sheet's heading over columns of the units' own attributes
ATTRIBUTE = "属性:"  # the field name of one such column: 属性:燃气报警装置


def heading_key(text: str) -> str:
    """A heading as compared: half-width, no spaces, no bracketed part, no marks."""
    return _MARKS.sub("", _BRACKETS.sub("", fold(text)))


_LOOKUP: dict[SheetKind, dict[str, str]] = {
    kind: {heading_key(word): name for name, words in fields.items() for word in words}
    for kind, fields in FIELDS.items()
}


def kind_by_name(sheet_name: str) -> SheetKind | bool | None:
    """The kind a sheet's name says; None for a summary sheet; False when the name says nothing."""
    for word, kind in _NAME_WORDS:
        if word in sheet_name:
            return kind
    return False


@dataclass(frozen=True)
class Layout:
    """Where a sheet's headings are and which column holds which field."""

    kind: SheetKind
    header_row: int  # index of the (last) heading row
    columns: dict[str, int]  # field → column index
    in_wan: frozenset[str]  # money fields whose heading says 万元
    headings: frozenset[str] = frozenset()  # the heading cells' own text, to spot them again

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1


def _match_row(
    kind: SheetKind, cells: list[Cell], above: list[Cell] | None
) -> tuple[dict[str, int], set[str]]:
    lookup = _LOOKUP[kind]
    found: dict[str, int] = {}
    wan: set[str] = set()
    caption: str | None = None  # the heading above this column, as far as it spans
    attributes: dict[str, int] = {}
    lower_half = True  # every other cell blank or as above: the lower row of a two-row heading
    for col, value in enumerate(cells):
        text = clean(value)
        upper = clean(above[col]) if above is not None and col < len(above) else None
        if upper is not None or text is None:  # without merge information a caption
            caption = upper  # is written over its first column only
        if kind is SheetKind.ENTERPRISES and caption == ATTRIBUTES and text is not None:
            attributes.setdefault(ATTRIBUTE + text, col)
            continue
        if text is not None and text != upper:
            lower_half = False
        if (
            (text is None or heading_key(text) not in lookup)
            and above is not None
            and col < len(above)
        ):
            text = clean(above[col]) or text
        if text is None:
            continue
        name = lookup.get(heading_key(text))
        if name is not None and name not in found:
            found[name] = col
            if "万元" in fold(text):
                wan.add(name)
    if lower_half:  # not a data row under a column headed 属性
        found |= attributes
    return found, wan


def find_layout(kind: SheetKind, rows: list[list[Cell]]) -> Layout | None:
    """The heading row with most known headings that has every required one; None if none does."""
    best: Layout | None = None
    best_score = 0
    for index, cells in enumerate(rows[:HEADER_SCAN]):
        above = rows[index - 1] if index > 0 else None
        found, wan = _match_row(kind, cells, above)
        if not all(name in found for name in REQUIRED[kind]):
            continue
        if len(found) > best_score:
            # Both heading rows' texts: without merge information (.csv, .ods) a heading
            # over two rows (单位名称 beside 五落实 over 责任人 …) has its text only above.
            texts = frozenset(
                t for c in (*(above or ()), *cells) if isinstance(c, str) and (t := c.strip())
            )
            best, best_score = Layout(kind, index, found, frozenset(wan), texts), len(found)
    return best


def guess_layout(rows: list[list[Cell]]) -> Layout | None:
    """For a sheet whose name says nothing: the kind whose headings fit best."""
    best: Layout | None = None
    for kind in SheetKind:
        if kind is SheetKind.MAJOR_HAZARDS:
            continue
        layout = find_layout(kind, rows)
        if layout is not None and (best is None or len(layout.columns) > len(best.columns)):
            best = layout
    return best


def listing_layout(sheet_name: str, rows: list[list[Cell]]) -> Layout | None:
    """A sheet its name calls a summary (2024年隐患排查整改统计表) that lists records after
    all: the kind the rest of its name says, with a heading for each field those records
    need and for their date. None for a summary table (or a unit list: it has no date)."""
    kind = next((k for word, k in _NAME_WORDS if k is not None and word in sheet_name), None)
    if kind is None or kind not in DATE_FIELDS:
        return None
    layout = find_layout(kind, rows)
    return layout if layout is not None and DATE_FIELDS[kind] in layout.columns else None


def is_repeated_header(layout: Layout, cells: list[Cell]) -> bool:
    """A heading row again (a printed 台账 pasted back repeats them on every page): half its
    filled cells under the fields, two at least, are heading texts. Half of the filled ones,
    not of all fields: the upper row of a heading over two rows fills only some columns.

    `cells` as a Table holds them, text trimmed."""
    if layout.headings.isdisjoint(cells):
        return False
    filled = [cells[col] for col in layout.columns.values() if col < len(cells)]
    filled = [value for value in filled if value is not None]
    hits = sum(1 for value in filled if value in layout.headings)
    return hits >= max(2, len(filled) / 2)
