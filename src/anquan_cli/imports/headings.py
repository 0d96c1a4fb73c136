"""Which sheet holds which records, and which column holds which field, found by words.

Real 台账 put their headings anywhere in the first rows, under a title, sometimes in two rows
(五落实 over its five columns), and name the same column many ways. A heading is compared after
folding full-width characters, dropping spaces, brackets' contents and marks like * and ：.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

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
    PATROLS = "patrols"
    SELF_CHECKS = "self_checks"


UNIT_WORDS = (
    "单位名称",
    "企业名称",
    "生产经营单位名称",
    "生产经营单位",
    "被检查单位",
    "被检查单位名称",
    "被检查企业",
    "检查对象",
    "受检单位",
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
REF_WORDS = ("编号",)  # the record's anquan ID, as export writes it: other rows link by it

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
    "source": ("隐患来源", "来源"),
    "on_the_spot": ("当场整改", "是否当场整改"),
    "found_by": ("发现记录", "发现记录编号"),  # the inspection, patrol or self-check's 编号
    "office": ("登记办所",),
    "documents": ("执法文书",),
    "note": ("备注",),
    "ref": REF_WORDS,
}

FIELDS: dict[SheetKind, dict[str, tuple[str, ...]]] = {
    SheetKind.ENTERPRISES: {
        "unit": UNIT_WORDS,
        "credit_code": ("统一社会信用代码", "信用代码", "社会信用代码", "统一代码"),
        "sector": SECTOR_WORDS,
        "subtype": ("类别", "场所类别", "类型", "场所类型"),
        "village": VILLAGE_WORDS,
        "address": ("地址", "详细地址", "经营地址", "单位地址", "地点"),
        "principal": ("主要负责人", "负责人"),
        "legal_rep": ("法定代表人", "法人代表", "法人"),
        "phone": ("联系电话", "电话", "联系方式", "手机", "手机号码"),
        "risk_level": ("风险等级", "风险级别"),
        "status": ("状态", "经营状态", "生产状态"),
        "status_date": ("状态日期", "停产日期", "关闭日期"),
        "office": ("监管责任单位", "监管单位", "责任单位", "监管部门", "监管责任办所"),
        "short_name": ("简称", "单位简称", "企业简称"),
        "note": ("备注",),
        "ref": REF_WORDS,
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
        "documents": ("执法文书",),
        "note": ("备注",),
        "ref": REF_WORDS,
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
        "inspection_ref": ("检查记录", "检查记录编号"),
        "hazard_ref": ("隐患编号",),
        "note": ("备注",),
        "ref": REF_WORDS,
    },
    SheetKind.ACCIDENTS: {
        "date": ("事故日期", "发生日期", "发生时间", "事故时间", "日期"),
        "unit": ("事故单位", "事故单位地点", "单位名称"),
        "place": ("事故地点", "发生地点", "地点"),
        "person": ("当事人",),
        "domain": SECTOR_WORDS,
        "grade": ("事故等级", "等级", "事故级别"),
        "deaths": ("死亡人数", "死亡"),
        "injuries": ("受伤人数", "受伤"),
        "loss": ("直接经济损失", "经济损失"),
        "summary": ("简要经过", "事故经过", "事故简况", "基本情况", "事故概况"),
        "ref": REF_WORDS,
    },
    SheetKind.ACTIVITIES: {
        "date": ("日期", "活动日期", "时间"),
        "kind": ("活动类型", "类型", "类别"),
        "leader": ("领导", "带队领导", "参加领导"),
        "count": ("次数",),
        "people": ("参加人数", "人数"),
        "what": ("计数对象", "数量对象"),
        "quantity": ("数量",),
        "measure": ("计量单位", "单位（量词）"),
        "campaign": ("专项行动", "专项整治"),
        "office": ("办所", "牵头办所", "责任办所"),
        "note": ("内容", "活动内容", "主要内容"),
        "ref": REF_WORDS,
    },
    SheetKind.PLANS: {
        "month": ("月份", "计划月份"),
        "office": ("办所", "责任办所", "科室"),
        "sector": SECTOR_WORDS,
        "inspections": ("计划检查家次", "计划检查", "计划家次", "计划检查数"),
        "village": ("村", "村社区", "村居"),
        "patrols": ("计划巡查次数", "计划巡查", "计划巡查数"),
        "ref": REF_WORDS,
    },
    SheetKind.PATROLS: {
        "date": ("巡查日期", "巡查时间"),
        "village": VILLAGE_WORDS,
        "point": ("巡查点位", "点位", "巡查点"),
        "patrol_kind": ("巡查类型", "巡查方式", "巡查类别"),
        "by": ("巡查人员", "巡查人"),
        "found_count": ("发现隐患数", "隐患数", "发现隐患"),
        "office": ("办所", "登记办所"),
        "note": ("巡查情况", "巡查内容", "备注"),
        "ref": REF_WORDS,
    },
    SheetKind.SELF_CHECKS: {
        "date": ("自查日期", "自查时间"),
        "unit": UNIT_WORDS,
        "village": VILLAGE_WORDS,
        "sector": SECTOR_WORDS,
        "check_level": ("自查层级", "自查级别", "排查层级"),
        "by": ("自查人", "自查人员"),
        "found_count": ("发现隐患数", "隐患数", "发现隐患"),
        "office": ("登记办所", "办所"),
        "note": ("自查情况", "自查内容", "备注"),
        "ref": REF_WORDS,
    },
}

KIND_TITLES: dict[SheetKind, str] = {
    SheetKind.ENTERPRISES: "企业（单位）台账",
    SheetKind.INSPECTIONS: "检查台账",
    SheetKind.HAZARDS: "隐患台账",
    SheetKind.MAJOR_HAZARDS: "重大隐患台账",
    SheetKind.PENALTIES: "行政处罚台账",
    SheetKind.ACCIDENTS: "事故台账",
    SheetKind.ACTIVITIES: "工作活动台账",
    SheetKind.PLANS: "检查计划",
    SheetKind.PATROLS: "巡查记录",
    SheetKind.SELF_CHECKS: "企业自查记录",
}

FIELD_TITLES: dict[str, str] = {
    "unit": "单位名称",
    "village": "村(社区)",
    "sector": "行业领域",
    "found": "发现日期",
    "description": "隐患描述",
    "level": "隐患等级",
    "category": "隐患类别",
    "measures": "整改措施",
    "responsible": "整改责任人",
    "deadline": "整改期限",
    "funds": "整改资金",
    "plan": "应急预案",
    "status": "整改状态",
    "rectified": "整改完成日期",
    "verifier": "验收(复查)人",
    "closed": "验收(复查)日期",
    "story": "整改验收记录",
    "supervision_level": "督办级别",
    "supervision_doc": "督办文号",
    "supervision_date": "挂牌日期",
    "campaign": "专项行动",
    "source": "隐患来源",
    "note": "备注",
    "credit_code": "统一社会信用代码",
    "subtype": "场所类别",
    "address": "地址",
    "principal": "主要负责人",
    "phone": "联系电话",
    "risk_level": "风险等级",
    "office": "办所(单位)",
    "date": "日期",
    "type": "检查类型",
    "leader": "带队领导",
    "inspectors": "检查人员",
    "found_count": "发现隐患数",
    "doc_no": "文书编号",
    "reason": "案由",
    "fine": "罚款金额",
    "domain": "行业领域",
    "grade": "事故等级",
    "deaths": "死亡人数",
    "injuries": "受伤人数",
    "loss": "直接经济损失",
    "summary": "简要经过",
    "kind": "活动类型",
    "count": "次数",
    "people": "参加人数",
    "month": "月份",
    "inspections": "计划检查家次",
    "patrols": "计划巡查次数",
    "on_the_spot": "当场整改",
    "inspection_ref": "检查记录",
    "found_by": "发现记录",
    "hazard_ref": "隐患编号",
    "short_name": "简称",
    "place": "地点",
    "person": "当事人",
    "point": "巡查点位",
    "patrol_kind": "巡查类型",
    "check_level": "自查层级",
    "by": "巡查(自查)人员",
    "ref": "编号",
    "legal_rep": "法定代表人",
    "documents": "执法文书",
}
"""Each field as the dry run names it, and as --map may name it."""


def field_title(name: str) -> str:
    """A layout's field as a person reads it: 整改状态, 整改状态(2), 属性:燃气报警装置."""
    base, _, more = name.partition(MORE)
    title = FIELD_TITLES.get(base, base)
    return f"{title}({more})" if more else title


REQUIRED: dict[SheetKind, tuple[str, ...]] = {
    SheetKind.ENTERPRISES: ("unit",),
    SheetKind.INSPECTIONS: ("unit", "date"),
    # A hazard sheet without a unit column is one unit's own ledger: its unit comes from
    # --unit or the title block (plan.py), or the sheet is refused there, by name.
    SheetKind.HAZARDS: ("description",),
    SheetKind.MAJOR_HAZARDS: ("description",),
    SheetKind.PENALTIES: ("unit", "date", "fine"),
    SheetKind.ACCIDENTS: ("date", "domain"),
    SheetKind.ACTIVITIES: ("date", "kind"),
    SheetKind.PLANS: ("month",),  # and an office's inspections or a village's patrols (plan.py)
    SheetKind.PATROLS: ("date", "village"),
    SheetKind.SELF_CHECKS: ("unit", "date"),
}

# Kinds that need one of several sets of headings besides REQUIRED: a plan is an office's
# inspections or a village's patrols.
REQUIRED_ONE_OF: dict[SheetKind, tuple[tuple[str, ...], ...]] = {
    SheetKind.PLANS: (("office", "inspections"), ("village", "patrols")),
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
    SheetKind.PATROLS: "date",
    SheetKind.SELF_CHECKS: "date",
}

# Sheet names say what a sheet holds before its headings do; the first word found wins.
_NAME_WORDS: tuple[tuple[str, SheetKind | None], ...] = (
    ("汇总", None),
    ("统计", None),
    ("重大隐患", SheetKind.MAJOR_HAZARDS),
    ("隐患", SheetKind.HAZARDS),
    ("巡查", SheetKind.PATROLS),
    ("自查", SheetKind.SELF_CHECKS),
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
MORE = "·"  # a second column of a field read from several: status·2, status·3 …
_MULTI = frozenset({"status"})  # 隐患状态, 复查结果, 是否消除 … each says something of the state
_HAZARD_KINDS = frozenset({SheetKind.HAZARDS, SheetKind.MAJOR_HAZARDS})
_WITHOUT_UNIT = 3  # a unit's own hazard list: its description and two more fields at least


def heading_key(text: str) -> str:
    """A heading as compared: half-width, no spaces, no bracketed part, no marks."""
    return _folded(text)[1]


@lru_cache(maxsize=4096)
def _folded(text: str) -> tuple[str, str]:
    """The text folded, and its heading_key: once for all the kinds a sheet is tried as."""
    folded = fold(text)
    return folded, _MARKS.sub("", _BRACKETS.sub("", folded))


_LOOKUP: dict[SheetKind, dict[str, str]] = {
    kind: {heading_key(word): name for name, words in fields.items() for word in words}
    for kind, fields in FIELDS.items()
}


def _has(key: str, *words: str) -> bool:
    return any(map(key.__contains__, words))


_VERIFY_WORDS = ("复查", "验收", "核查", "复核", "销号")
_NOT_A_FIELD = ("数", "数量", "率", "合计", "总计", "编号", "序号", "照片", "图片", "附件")
_NOT_THE_UNIT = ("责任单位", "整改单位", "填报单位", "检查单位", "施工班组", "监管单位")


@lru_cache(maxsize=4096)
def _hazard_meaning(key: str) -> str | None:
    """A hazard sheet's heading read by its core word and what stands around it: 复查/验收
    with 日期, 人 or 结果 is the 验收 step; 实际完成/闭环时间 the rectified date; …期限,
    截止, 计划完成 the deadline; …措施/方案 the measures; …描述/内容/问题/事项 the
    description; 状态/情况/是否消除 the state. None for a heading no rule places."""
    if key.isascii():  # a date, a number: the words below are all Chinese
        return None
    if key.endswith(_NOT_A_FIELD) or _has(key, *_NOT_THE_UNIT):
        return None
    if _has(key, *_VERIFY_WORDS):
        if key.endswith(("人", "人员", "签字", "签名", "负责人")):
            return "verifier"
        if _has(key, "日期", "时间"):
            return "closed"
        if _has(key, "结果", "意见", "情况", "结论", "状态"):
            return "status"
        return None
    if _has(key, "期限", "时限", "截止", "计划完成", "限时", "要求完成", "要求闭环", "限期"):
        return "deadline"
    if _has(
        key, "实际完成", "闭环时间", "闭环日期", "完成日期", "完成时间", "消除日期", "消除时间"
    ):
        return "rectified"
    if _has(key, "资金", "费用", "投入"):
        return "funds"
    if _has(key, "整改方式", "整改类型", "处置方式", "处理方式", "整改形式"):
        return "status"  # 当场纠正 / 立即整改 / 限时整改
    if _has(key, "状态", "是否消除", "是否整改", "是否完成", "是否闭环", "闭环情况", "完成情况"):
        return "status"
    if _has(key, "整改情况", "整改结果", "整改进度", "消除情况", "治理情况"):
        return "status"
    if _has(key, "等级", "级别"):
        return "level"
    if _has(key, "类型", "类别", "分类"):
        return "category"
    if _has(key, "描述", "问题", "事项", "不合格项", "隐患名称", "隐患情况") or (
        "内容" in key and _has(key, "隐患", "检查", "排查")
    ):
        return "description"
    if _has(key, "措施", "方案", "建议", "处置", "整改要求", "治理要求"):
        return "measures"
    if key.endswith(("责任人", "整改人")):
        return "responsible"
    if _has(key, "日期", "时间") and _has(key, "检查", "排查", "发现", "巡查", "登记", "上报"):
        return "found"
    if key.endswith(("单位名称", "企业名称", "项目名称")) or key in ("被检查单位", "检查对象"):
        return "unit"
    return None


_LEVEL_IN_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*(一般|重大|较大)[^)）\]】]*[)）\]】]")


def field_of(kind: SheetKind, text: str) -> str | None:
    """The field a heading names: one of the known words, else (hazard sheets) its meaning.
    Brackets say what a column holds: 隐患类别（一般、重大）is the level."""
    folded, key = _folded(text)
    if kind in _HAZARD_KINDS and _LEVEL_IN_BRACKETS.search(folded):
        return "level"
    name = _LOOKUP[kind].get(key)
    if name is not None or kind not in _HAZARD_KINDS or not key or len(key) > 16:
        return name
    return _hazard_meaning(key)


Overrides = dict[str, str]
"""--map and a rules file's map: heading_key of a heading → field ("" ignores the column)."""


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
    top_row: int = -1  # index of the first heading row (header_row - 1 for two rows)
    texts: tuple[tuple[int, str], ...] = ()  # each headed column and its heading, as shown
    ignored: tuple[tuple[int, str], ...] = ()  # headed columns no field was found for

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    @property
    def heading_rows(self) -> tuple[int, int]:
        """The heading's first and last rows, as spreadsheet row numbers."""
        top = self.header_row if self.top_row < 0 else self.top_row
        return top + 1, self.header_row + 1


Texts = tuple[str | None, ...]
"""A row's cells as `clean` reads them: what headings are matched on."""


def _texts(rows: list[list[Cell]]) -> list[Texts]:
    """The rows a heading is looked for in, each cell cleaned once for every kind tried."""
    return [tuple(map(clean, cells)) for cells in rows[:HEADER_SCAN]]


def _match_row(
    kind: SheetKind, cells: Texts, above: Texts | None, names: dict[str, str | None]
) -> tuple[dict[str, int], set[str], bool]:
    """The fields a row heads (`names`: each text's field, as _field finds it)."""
    found: dict[str, int] = {}
    wan: set[str] = set()
    caption: str | None = None  # the heading above this column, as far as it spans
    attributes: dict[str, int] = {}
    lower_half = True  # every other cell blank or as above: the lower row of a two-row heading
    used_above = False
    width = len(above) if above is not None else 0
    for col, text in enumerate(cells):
        upper = above[col] if above is not None and col < width else None
        if upper is not None or text is None:  # without merge information a caption
            caption = upper  # is written over its first column only
        if kind is SheetKind.ENTERPRISES and caption == ATTRIBUTES and text is not None:
            attributes.setdefault(ATTRIBUTE + text, col)
            continue
        if text is not None and text != upper:
            lower_half = False
        name = names[text] if text is not None else None
        if name is None and upper is not None and upper != text:
            name = names[upper]
            text = upper if name else text
            used_above = used_above or bool(name)
        if not name or text is None:  # "": a column --map says to ignore
            continue
        if name in found and name in _MULTI and kind in _HAZARD_KINDS:
            name = f"{name}{MORE}{sum(1 for n in found if n.startswith(name)) + 1}"
        if name not in found:
            found[name] = col
            if "万元" in fold(text):
                wan.add(name)
    if lower_half:  # not a data row under a column headed 属性
        found |= attributes
    return found, wan, used_above


def _field(kind: SheetKind, text: str, extra: Overrides) -> str | None:
    if extra:
        given = extra.get(heading_key(text))
        if given is not None:
            return given
    return field_of(kind, text)


def find_layout(
    kind: SheetKind, rows: list[list[Cell]], extra: Overrides | None = None
) -> Layout | None:
    """The heading row with most known headings that has every required one; None if none does."""
    return _find(kind, rows, _texts(rows), extra or {})


def _find(
    kind: SheetKind, rows: list[list[Cell]], texts: list[Texts], extra: Overrides
) -> Layout | None:
    """find_layout over the rows' texts, cleaned once for all the kinds tried."""
    best: tuple[int, dict[str, int], set[str], bool] | None = None
    distinct = {text for cells in texts for text in cells if text is not None}
    names = {text: _field(kind, text, extra) for text in distinct}
    headings = {text for text, name in names.items() if name}
    for index, cells in enumerate(texts):
        above = texts[index - 1] if index > 0 else None
        if headings.isdisjoint(cells) and (above is None or headings.isdisjoint(above)):
            continue  # no field is headed in this row (nor above it): a row of data
        found, wan, used_above = _match_row(kind, cells, above, names)
        if not all(name in found for name in REQUIRED[kind]):
            continue
        if kind in REQUIRED_ONE_OF and not any(
            all(name in found for name in names) for names in REQUIRED_ONE_OF[kind]
        ):
            continue
        if kind in _HAZARD_KINDS and "unit" not in found and len(found) < _WITHOUT_UNIT:
            continue  # one column headed 问题 (a 说明 sheet's 常见问题) is no hazard list
        if best is None or len(found) > len(best[1]):
            best = index, found, wan, used_above
    if best is None:
        return None
    index, found, wan, used_above = best
    upper = rows[index - 1] if index > 0 else None
    used_above = used_above or (upper is not None and _captions(rows[index], upper))
    # Both heading rows' texts: without merge information (.csv, .ods) a heading
    # over two rows (单位名称 beside 五落实 over 责任人 …) has its text only above.
    heading_texts = frozenset(
        t for c in (*(upper or ()), *rows[index]) if isinstance(c, str) and (t := c.strip())
    )
    shown, ignored = _describe(rows[index], upper if used_above else None, found)
    return Layout(
        kind,
        index,
        found,
        frozenset(wan),
        heading_texts,
        index - 1 if used_above else index,
        shown,
        ignored,
    )


def _captions(cells: list[Cell], above: list[Cell]) -> bool:
    """The row above is the upper row of the heading: captions (整改要求, 整改情况) over
    some columns, others headed once down both rows; not a title over them all."""
    uppers = {t for v in above if (t := clean(v)) is not None}
    if len(uppers) < 2:
        return False
    over = False
    down = False
    for col, value in enumerate(cells):
        lower = clean(value)
        upper = clean(above[col]) if col < len(above) else None
        if upper is not None and lower is not None and upper != lower:
            over = True
        elif upper is not None and (lower is None or lower == upper):
            down = True
    return over and down


def _describe(
    cells: list[Cell], above: list[Cell] | None, found: dict[str, int]
) -> tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]:
    """Each headed column's heading as a person reads it (整改情况/复查人 for two rows), and
    the headed columns no field was found for."""
    used = set(found.values())
    shown: list[tuple[int, str]] = []
    ignored: list[tuple[int, str]] = []
    width = max(len(cells), len(above) if above else 0)
    for col in range(width):
        lower = clean(cells[col]) if col < len(cells) else None
        upper = clean(above[col]) if above is not None and col < len(above) else None
        parts = [t for t in (upper, lower) if t is not None]
        if len(parts) == 2 and parts[0] == parts[1]:
            parts = parts[:1]
        if not parts:
            continue
        text = "/".join(parts)
        shown.append((col, text))
        if col not in used:
            ignored.append((col, text))
    return tuple(shown), tuple(ignored)


def guess_layout(rows: list[list[Cell]], extra: Overrides | None = None) -> Layout | None:
    """The kind whose headings fit best: a sheet's kind is told by its headings."""
    best: Layout | None = None
    texts = _texts(rows)
    for kind in SheetKind:
        if kind is SheetKind.MAJOR_HAZARDS:
            continue
        layout = _find(kind, rows, texts, extra or {})
        if layout is not None and (best is None or len(layout.columns) > len(best.columns)):
            best = layout
    return best


def listing_layout(
    sheet_name: str, rows: list[list[Cell]], extra: Overrides | None = None
) -> Layout | None:
    """A sheet its name calls a summary (汇总清单2020…, 2024年隐患排查整改统计表) that lists
    records after all: the kind its headings (or the rest of its name) say, with a heading
    for each field those records need and for their date. None for a summary table (or a
    unit list: it has no date)."""
    kind = next((k for word, k in _NAME_WORDS if k is not None and word in sheet_name), None)
    layout = find_layout(kind, rows, extra) if kind is not None else None
    if layout is None or layout.kind not in DATE_FIELDS:
        layout = guess_layout(rows, extra)
    if layout is None or layout.kind not in DATE_FIELDS:
        return None
    return layout if DATE_FIELDS[layout.kind] in layout.columns else None


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
