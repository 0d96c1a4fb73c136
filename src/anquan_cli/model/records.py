"""The records of a ledger, one Pydantic model per kind, as plain immutable data."""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from anquan_cli.model.checklist import ItemAnswer
from anquan_cli.model.enums import (
    AccidentGrade,
    Action,
    DocumentKind,
    HazardSource,
    Level,
    RecordKind,
    RiskLevel,
    SelfCheckLevel,
    Status,
    UnitStatus,
)
from anquan_cli.model.fields import Count, CreditCode, Day, Money, Month, Phone, Prose, Text

_NAME_SEPARATORS = re.compile(r"[\s,，、;；/／]+")


def split_names(value: object) -> object:
    """Names typed in one line, apart by commas, 、, semicolons, slashes or spaces.

    "张伟 李娜" and "张伟/李娜" are two people; 买买提·艾力 stays one.
    """
    if isinstance(value, str):
        return [name for name in _NAME_SEPARATORS.split(value) if name]
    return value


def once_each(names: list[str]) -> list[str]:
    """A name written twice is one person: 人次 counts people, not spellings."""
    return list(dict.fromkeys(names))


_DOCUMENT_KINDS = tuple(kind.value for kind in DocumentKind)


def known_documents(value: dict[str, str]) -> dict[str, str]:
    """A record's 文书 are named by their kind: 现场检查记录, 整改通知书 or 复查意见书."""
    for name in value:
        if name not in _DOCUMENT_KINDS:
            kinds = "、".join(_DOCUMENT_KINDS)
            raise ValueError(f"没有名为 {name} 的文书（应为 {kinds}）")
    return value


class Record(BaseModel):
    """Common base: every record has an ID and forbids keys it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    KIND: ClassVar[RecordKind]
    QUIET: ClassVar[frozenset[str]] = frozenset()
    """Fields left out of the record's file while they hold their default (a file written
    before the field existed reads the same as one written since)."""

    id: str = Field(title="编号")

    @property
    def office_code(self) -> str:
        """The code of the office that created this record, read from its ID."""
        parts = self.id.split("-")
        return parts[3].rstrip("0123456789") if len(parts) >= 4 else ""


class Enterprise(Record):
    """生产经营单位: any supervised unit, from a factory to a 自建房."""

    KIND: ClassVar[RecordKind] = RecordKind.ENTERPRISE

    name: Text = Field(title="单位名称", min_length=1)
    short_name: Text | None = Field(default=None, title="简称")
    credit_code: CreditCode | None = Field(default=None, title="统一社会信用代码")
    sector: Text | None = Field(default=None, title="行业领域")
    subtype: Text | None = Field(default=None, title="类别")
    village: Text | None = Field(default=None, title="所属村(社区)")
    address: Text | None = Field(default=None, title="地址")
    principal: Text | None = Field(default=None, title="主要负责人")
    legal_rep: Text | None = Field(default=None, title="法定代表人")
    phone: Phone | None = Field(default=None, title="联系电话")
    risk_level: RiskLevel | None = Field(default=None, title="风险等级")
    status: UnitStatus = Field(default=UnitStatus.ACTIVE, title="状态")
    status_date: Day | None = Field(default=None, title="状态日期")
    office: Text | None = Field(default=None, title="监管责任单位")
    attributes: dict[Text, Text] = Field(default_factory=dict, title="属性")
    note: Prose | None = Field(default=None, title="备注")

    def status_on(self, day: date) -> UnitStatus:
        """The unit's state on that day: its status from its status date on (from always, when
        no date is kept), 在营 before it."""
        if self.status_date is not None and self.status_date > day:
            return UnitStatus.ACTIVE
        return self.status


class Inspection(Record):
    """检查: one visit to one unit on one date."""

    KIND: ClassVar[RecordKind] = RecordKind.INSPECTION

    enterprise: str = Field(title="单位")
    date: Day = Field(title="检查日期")
    type: Text = Field(default="日常检查", title="检查类型")
    campaign: Text | None = Field(default=None, title="专项行动")
    leader: Text | None = Field(default=None, title="带队领导")
    inspectors: list[Text] = Field(default_factory=list, title="检查人员")
    office: Text | None = Field(default=None, title="检查单位")
    partners: list[Text] = Field(default_factory=list, title="联合检查单位")
    doc_no: Text | None = Field(default=None, title="文书编号")
    documents: dict[str, Text] = Field(default_factory=dict, title="执法文书")
    """The 文号 each 执法文书 printed from this record was given (`anquan doc`)."""
    note: Prose | None = Field(default=None, title="备注")
    checklist: Text | None = Field(default=None, title="检查表")
    checklist_version: Text | None = Field(default=None, title="检查表版本")
    answers: list[ItemAnswer] = Field(default_factory=list, title="检查项结论")

    _split_names = field_validator("inspectors", "partners", mode="before")(split_names)
    _once_each = field_validator("inspectors", "partners")(once_each)
    _documents = field_validator("documents")(known_documents)

    @field_validator("answers")
    @classmethod
    def _answers_of_a_checklist(
        cls, answers: list[ItemAnswer], info: ValidationInfo
    ) -> list[ItemAnswer]:
        """Answers belong to a named checklist of a version, each item answered once. (A field
        validator: it runs only for a file that has answers, not for every inspection.)"""
        if answers and not info.data.get("checklist"):
            raise ValueError("有检查项结论（answers）的检查应写明检查表（checklist）")
        if answers and not info.data.get("checklist_version"):
            raise ValueError("有检查项结论（answers）的检查应写明检查表版本（checklist_version）")
        numbers = [a.item for a in answers]
        if len(set(numbers)) != len(numbers):
            twice = sorted({n for n in numbers if numbers.count(n) > 1})
            raise ValueError(f"检查项 {'、'.join(map(str, twice))} 的结论写了两次")
        return answers


class Step(BaseModel):
    """One dated step in a hazard's life."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    date: Day = Field(title="日期")
    action: Action = Field(title="环节")
    by: Text | None = Field(default=None, title="经办人")
    note: Prose | None = Field(default=None, title="说明")


PLACE_MARK = "地点："
"""How a 台账 sheet's 单位名称 cell names a hazard's place where the hazard has no unit
(地点：马家湾村后山公路边坡), so the workbook reads back as a place, not as a new unit."""

DEFAULT_SUPERVISION_LEVEL = "挂牌督办"
"""The level of a supervised listing whose level was not given, only its document."""


class Supervision(BaseModel):
    """挂牌督办: a 重大隐患 listed under a higher office's named supervision."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    level: Text = Field(title="督办级别")
    doc_no: Text | None = Field(default=None, title="督办文号")
    date: Day | None = Field(default=None, title="挂牌日期")

    @model_validator(mode="before")
    @classmethod
    def _default_level(cls, data: object) -> object:
        """A listing given by its document or date alone (add-hazard --supervision-doc, an
        import's 督办文号 column without 督办级别) takes DEFAULT_SUPERVISION_LEVEL."""
        given = isinstance(data, dict) and (data.get("doc_no") or data.get("date"))
        if given and isinstance(data, dict) and data.get("level") is None:
            return {**data, "level": DEFAULT_SUPERVISION_LEVEL}
        return data


FIVE_ASSURANCES: dict[str, str] = {
    "responsible": "责任人",
    "measures": "措施",
    "funds": "资金",
    "deadline": "时限",
    "plan": "预案",
}


class Hazard(Record):
    """隐患: a defect found at a unit, followed through 整改 → 验收 → 销号."""

    KIND: ClassVar[RecordKind] = RecordKind.HAZARD
    QUIET: ClassVar[frozenset[str]] = frozenset({"source", "on_the_spot"})

    enterprise: str | None = Field(default=None, title="单位")
    village: Text | None = Field(default=None, title="所属村(社区)")
    place: Text | None = Field(default=None, title="地点")
    sector: Text | None = Field(default=None, title="行业领域")
    office: Text | None = Field(default=None, title="办所")
    found: Day = Field(title="发现日期")
    description: Prose = Field(title="隐患描述", min_length=1)
    basis: Prose | None = Field(default=None, title="依据")
    level: Level = Field(default=Level.GENERAL, title="隐患等级")
    category: Text | None = Field(default=None, title="隐患类别")
    inspection: str | None = Field(default=None, title="检查记录")
    patrol: str | None = Field(default=None, title="巡查记录")
    self_check: str | None = Field(default=None, title="企业自查记录")
    campaign: Text | None = Field(default=None, title="专项行动")
    measures: Prose | None = Field(default=None, title="整改措施")
    responsible: Text | None = Field(default=None, title="整改责任人")
    deadline: Day | None = Field(default=None, title="整改期限")
    funds: Money | None = Field(default=None, title="整改资金(元)")
    plan: Prose | None = Field(default=None, title="应急预案")
    supervision: Supervision | None = Field(default=None, title="挂牌督办")
    source: HazardSource = Field(default=HazardSource.INSPECTION, title="隐患来源")
    on_the_spot: bool = Field(default=False, title="当场整改")
    status: Status = Field(default=Status.OPEN, title="状态")
    history: list[Step] = Field(default_factory=list, title="历程")
    documents: dict[str, Text] = Field(default_factory=dict, title="执法文书")
    """The 文号 each 执法文书 printed from this hazard was given (`anquan doc`)."""
    note: Prose | None = Field(default=None, title="备注")

    _documents = field_validator("documents")(known_documents)

    @model_validator(mode="after")
    def _where_and_whence(self) -> Hazard:
        """A hazard is at a unit, or at a place of a village (a slope, a river bank); a patrol
        or a self-check it cites sets its source."""
        if self.enterprise is None and not self.place:
            raise ValueError("隐患应有单位（enterprise），或写明地点（place）")
        if self.enterprise is not None and (self.village or self.sector or self.office):
            raise ValueError(
                "单位的隐患按单位的村(社区)、行业领域和监管办所统计，不另写 village、sector、office"
            )
        if self.patrol and self.self_check:
            raise ValueError("隐患只能出自一次巡查或一次企业自查，不能两者都引用")
        if self.patrol and self.source is not HazardSource.PATROL:
            raise ValueError(f"引用巡查记录的隐患，来源应为巡查，而不是{self.source}")
        if self.self_check and self.source is not HazardSource.SELF_CHECK:
            raise ValueError(f"引用企业自查记录的隐患，来源应为企业自查，而不是{self.source}")
        return self

    def steps_until(self, day: date) -> list[Step]:
        """The history as it stood at the end of that day, in recorded order."""
        return [s for s in self.history if s.date <= day]

    def fixed_on_spot(self) -> bool:
        """Whether the history rectifies it on the day it was found (当场整改)."""
        return any(s.action is Action.RECTIFIED and s.date == self.found for s in self.history)

    def missing_assurances(self) -> list[str]:
        """五落实 items a 重大隐患 lacks (empty for 一般隐患)."""
        if self.level is not Level.MAJOR:
            return []
        return [
            label for name, label in FIVE_ASSURANCES.items() if getattr(self, name) in (None, "")
        ]


PERSON_MARK = "（个人）"
"""How a 台账 names a person where a unit's name stands: 黄某（个人）."""


class Penalty(Record):
    """行政处罚: an enforcement case with its fine in 元, on a unit or on a person."""

    KIND: ClassVar[RecordKind] = RecordKind.PENALTY

    enterprise: str | None = Field(default=None, title="单位")
    person: Text | None = Field(default=None, title="当事人")
    domain: Text | None = Field(default=None, title="行业领域")
    village: Text | None = Field(default=None, title="所属村(社区)")
    date: Day = Field(title="处罚日期")
    fine: Money = Field(title="罚款(元)")
    doc_no: Text | None = Field(default=None, title="文书编号")
    reason: Prose | None = Field(default=None, title="案由")
    inspection: str | None = Field(default=None, title="检查记录")
    hazard: str | None = Field(default=None, title="隐患")
    note: Prose | None = Field(default=None, title="备注")

    @model_validator(mode="after")
    def _one_party(self) -> Penalty:
        """A case is against a unit or against a person (上路执法), exactly one of them; the
        行业领域 and 村(社区) of a person's case are its own, a unit's are the unit's."""
        if (self.enterprise is None) == (self.person is None):
            raise ValueError("须有单位（enterprise）或当事人（person），且只能有一个")
        if self.enterprise is not None and (self.domain or self.village):
            raise ValueError("单位的处罚按单位的行业领域和村(社区)计，不另写 domain、village")
        return self

    @property
    def on_person(self) -> bool:
        """A case against a person, not a unit."""
        return self.person is not None


class Accident(Record):
    """生产安全事故."""

    KIND: ClassVar[RecordKind] = RecordKind.ACCIDENT

    date: Day = Field(title="事故日期")
    domain: Text = Field(title="行业领域")
    enterprise: str | None = Field(default=None, title="单位")
    place: Text | None = Field(default=None, title="地点")
    person: Text | None = Field(default=None, title="当事人")
    deaths: Count = Field(default=0, title="死亡人数")
    injuries: Count = Field(default=0, title="受伤人数")
    grade: AccidentGrade | None = Field(default=None, title="事故等级")
    loss_yuan: Money | None = Field(default=None, title="直接经济损失(元)")
    summary: Prose | None = Field(default=None, title="简要经过")


class Activity(Record):
    """工作活动: meetings, deployments, led inspections, training … counted per leader."""

    KIND: ClassVar[RecordKind] = RecordKind.ACTIVITY

    date: Day = Field(title="日期")
    kind: Text = Field(title="类型", min_length=1)
    leader: Text | None = Field(default=None, title="领导")
    count: Count = Field(default=1, title="次数")
    people: Count | None = Field(default=None, title="参加人数")
    what: Text | None = Field(default=None, title="事项")
    quantity: Count | None = Field(default=None, title="数量")
    measure: Text | None = Field(default=None, title="计量单位")
    campaign: Text | None = Field(default=None, title="专项行动")
    office: Text | None = Field(default=None, title="办所")
    note: Prose | None = Field(default=None, title="内容")

    @model_validator(mode="after")
    def _quantity_with_measure(self) -> Activity:
        """宣传资料20000份: a quantity is said in its measure word, and a measure word counts
        something; the thing counted (`what`) defaults to the kind of activity."""
        if (self.quantity is None) != (self.measure is None):
            raise ValueError("数量（quantity）与计量单位（measure）应同时填写")
        if self.what is not None and self.quantity is None:
            raise ValueError("事项（what）是数量所计的对象，须同时填写数量和计量单位")
        return self

    @property
    def counted_what(self) -> str:
        """What the quantity counts: 发放宣传资料, or the kind itself (劝导980次)."""
        return self.what or self.kind


class Plan(Record):
    """A month's plan: an office's inspections, or a village's patrols."""

    KIND: ClassVar[RecordKind] = RecordKind.PLAN

    office: Text | None = Field(default=None, title="办所")
    village: Text | None = Field(default=None, title="村(社区)")
    month: Month = Field(title="月份")
    inspections: Count | None = Field(default=None, title="计划检查家次")
    patrols: Count | None = Field(default=None, title="计划巡查次数")
    sector: Text | None = Field(default=None, title="行业领域")

    @model_validator(mode="after")
    def _one_kind(self) -> Plan:
        """An inspection plan names an office and its 家次; a patrol plan a village and its
        patrols. Patrols never count toward an inspection plan, nor inspections toward a
        patrol plan."""
        inspection_plan = self.office is not None or self.inspections is not None
        patrol_plan = self.village is not None or self.patrols is not None
        if inspection_plan and patrol_plan:
            raise ValueError("计划只能是办所的检查计划或村(社区)的巡查计划，不能两者兼有")
        if patrol_plan and (self.village is None or self.patrols is None):
            raise ValueError("巡查计划应写明村(社区)（village）和计划巡查次数（patrols）")
        if not patrol_plan and (self.office is None or self.inspections is None):
            raise ValueError("检查计划应写明办所（office）和计划检查家次（inspections）")
        if patrol_plan and self.sector is not None:
            raise ValueError("巡查计划不分行业领域")
        return self


class Patrol(Record):
    """巡查: a village's or office's round of an area or a point (走山走水, 守卡守点 …).

    Not an inspection of a unit: it never counts as one. A patrol no hazard cites found
    nothing."""

    KIND: ClassVar[RecordKind] = RecordKind.PATROL

    date: Day = Field(title="巡查日期")
    village: Text = Field(title="村(社区)", min_length=1)
    point: str | None = Field(default=None, title="巡查点位")
    kind: Text = Field(default="日常巡查", title="巡查类型")
    by: list[Text] = Field(title="巡查人员", min_length=1)
    office: Text | None = Field(default=None, title="办所")
    note: Text | None = Field(default=None, title="巡查情况")

    _split_names = field_validator("by", mode="before")(split_names)
    _once_each = field_validator("by")(once_each)


class SelfCheck(Record):
    """企业自查: a unit inspecting itself (班组日查, 部门周查, 厂长月查)."""

    KIND: ClassVar[RecordKind] = RecordKind.SELF_CHECK

    enterprise: str = Field(title="单位")
    date: Day = Field(title="自查日期")
    level: SelfCheckLevel | None = Field(default=None, title="自查层级")
    by: Text | None = Field(default=None, title="自查人")
    office: Text | None = Field(default=None, title="登记办所")
    note: Text | None = Field(default=None, title="自查情况")


class Filing(Record):
    """安全专卷: one item (责任书, 巡查记录 …) an office or a village filed for a year."""

    KIND: ClassVar[RecordKind] = RecordKind.FILING

    office: Text | None = Field(default=None, title="办所")
    village: Text | None = Field(default=None, title="村(社区)")
    item: Text = Field(title="专卷项目", min_length=1)
    year: int = Field(title="年度", ge=2000, le=2099)
    date: Day = Field(title="归档日期")
    note: Text | None = Field(default=None, title="备注")

    @model_validator(mode="after")
    def _one_holder(self) -> Filing:
        """Filed by an office or by a village, exactly one of them."""
        if (self.office is None) == (self.village is None):
            raise ValueError("须写明办所（office）或村(社区)（village），且只能写一个")
        return self

    @property
    def holder(self) -> str:
        """Who filed it: the office or the village."""
        return self.office or self.village or ""


class Submission(Record):
    """报送: an office or a village handing in its month's 台账 to the 应急办."""

    KIND: ClassVar[RecordKind] = RecordKind.SUBMISSION

    month: Month = Field(title="月份")
    office: Text | None = Field(default=None, title="办所")
    village: Text | None = Field(default=None, title="村(社区)")
    date: Day = Field(title="报送日期")
    note: Text | None = Field(default=None, title="备注")

    @model_validator(mode="after")
    def _one_party(self) -> Submission:
        """One office or one village hands in its own month's 台账."""
        if (self.office is None) == (self.village is None):
            raise ValueError("报送须写明办所（office）或村(社区)（village），且只能有一个")
        return self

    @property
    def party(self) -> str:
        """Who handed it in: the office or the village."""
        return self.office or self.village or ""


MODELS: dict[RecordKind, type[Record]] = {
    model.KIND: model
    for model in (
        Enterprise,
        Inspection,
        Hazard,
        Penalty,
        Accident,
        Activity,
        Plan,
        Patrol,
        SelfCheck,
        Filing,
        Submission,
    )
}
