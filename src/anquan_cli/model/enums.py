"""The ledger's words: each a StrEnum whose value is the Chinese text users see."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """隐患等级."""

    GENERAL = "一般"
    MAJOR = "重大"


class Status(StrEnum):
    """A hazard's state in the 隐患排查治理闭环 (逾期 is derived, never stored)."""

    OPEN = "整改中"
    RECTIFIED = "已整改"
    CLOSED = "已销号"


class Action(StrEnum):
    """One step in a hazard's history."""

    FOUND = "发现"
    RECTIFIED = "整改"
    PASSED = "验收通过"
    SENT_BACK = "验收退回"
    CLOSED = "销号"


class HazardSource(StrEnum):
    """隐患来源: how a hazard came to the ledger. 排查隐患 counts every source but 企业自查."""

    INSPECTION = "检查"
    PATROL = "巡查"
    SELF_CHECK = "企业自查"
    REPORT = "举报"
    ASSIGNED = "交办"


class Verdict(StrEnum):
    """One checklist item's answer at an inspection; 未检查 for an item not answered."""

    PASSED = "合格"
    FAILED = "不合格"
    NOT_APPLICABLE = "不涉及"
    UNCHECKED = "未检查"


class SelfCheckLevel(StrEnum):
    """企业自查 at each level of the unit: 班组日查, 部门周查, 厂长月查."""

    TEAM = "班组"
    DEPARTMENT = "部门"
    DIRECTOR = "厂长"


class RiskLevel(StrEnum):
    """风险等级 = 红/橙/黄/蓝."""

    MAJOR = "重大"
    HIGH = "较大"
    GENERAL = "一般"
    LOW = "低"

    @property
    def colour(self) -> str:
        return {"重大": "红", "较大": "橙", "一般": "黄", "低": "蓝"}[self.value]


class UnitStatus(StrEnum):
    """An enterprise's operating state, the 状态 column of 企业台账."""

    ACTIVE = "在营"
    SUSPENDED = "停产"
    CLOSED = "关闭"


class ActivityKind(StrEnum):
    """Leaders' and office work that 通报 count per leader: the default kinds, which a
    ledger's `activity_kinds` may replace (model/settings.py)."""

    MEETING = "专题会议"
    DEPLOY = "部署"
    LED_INSPECTION = "带队检查"
    RESEARCH = "调研"
    TRAINING = "培训"
    PUBLICITY = "宣传"
    DRILL = "演练"
    CONSULTATION = "会商"
    DUTY = "值班"
    DISSUASION = "劝导"
    INTERVIEW = "约谈"
    CRITICISM = "通报批评"
    ENFORCEMENT = "执法"


DEFAULT_MEASURES = ("份", "条", "次", "人次", "场")
"""The measure words an activity's quantity may be counted in, unless the ledger lists its own."""


class AccidentGrade(StrEnum):
    """生产安全事故等级."""

    GENERAL = "一般事故"
    LARGER = "较大事故"
    MAJOR = "重大事故"
    GRAVE = "特别重大事故"


class DocumentKind(StrEnum):
    """执法文书 printed from the records (`anquan doc`)."""

    RECORD = "现场检查记录"
    NOTICE = "整改通知书"
    REVIEW = "复查意见书"

    @property
    def word(self) -> str:
        """The word a 文号 names the kind by: 东溪应急〔2024〕整改12号."""
        return {"现场检查记录": "检查", "整改通知书": "整改", "复查意见书": "复查"}[self.value]


class RecordKind(StrEnum):
    """Kinds of record; the value is the folder name in the ledger."""

    ENTERPRISE = "enterprises"
    INSPECTION = "inspections"
    HAZARD = "hazards"
    PENALTY = "penalties"
    ACCIDENT = "accidents"
    ACTIVITY = "activities"
    PLAN = "plans"
    PATROL = "patrols"
    SELF_CHECK = "self-checks"
    SUBMISSION = "submissions"

    @property
    def letter(self) -> str:
        """The letter that marks this kind inside an ID."""
        return {
            "enterprises": "E",
            "inspections": "I",
            "hazards": "H",
            "penalties": "P",
            "accidents": "A",
            "activities": "W",
            "plans": "J",
            "patrols": "X",
            "self-checks": "Z",
            "submissions": "S",
        }[self.value]

    @property
    def label(self) -> str:
        return {
            "enterprises": "企业",
            "inspections": "检查",
            "hazards": "隐患",
            "penalties": "行政处罚",
            "accidents": "事故",
            "activities": "工作活动",
            "plans": "检查计划",
            "patrols": "巡查",
            "self-checks": "企业自查",
            "submissions": "报送",
        }[self.value]
