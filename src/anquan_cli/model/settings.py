"""anquan.yaml: the ledger's name, ID code and the lists that replace the defaults."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from anquan_cli.model.attachments import DEFAULT_MAX_MB
from anquan_cli.model.enums import DEFAULT_MEASURES, ActivityKind, Level, RiskLevel
from anquan_cli.model.fields import CheckedLine as Line

DEFAULT_OFFICE = "应急办"


class Sector(BaseModel):
    """行业领域 with the measure word its units are counted in (家, 栋, 处, 个 …)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Line
    unit: Line = "家"


DEFAULT_SECTORS: tuple[Sector, ...] = (
    *(
        Sector(name=n)
        for n in (
            "非煤矿山",
            "危险化学品",
            "烟花爆竹",
            "城镇燃气",
            "消防",
            "工贸",
            "建筑施工",
            "道路运输",
        )
    ),
    Sector(name="自建房", unit="栋"),
    Sector(name="九小场所"),
    Sector(name="人员密集场所"),
    Sector(name="特种设备", unit="台"),
    Sector(name="旅游景点"),
    Sector(name="地质灾害", unit="处"),
)

SMALL_VENUES = (
    "小生产加工企业",
    "小商店",
    "小美容院洗浴场所",
    "小旅馆",
    "小诊所",
    "小餐馆",
    "小学校/幼儿园",
    "小网吧",
    "小歌舞娱乐场所",
)


DEFAULT_PATROL_KINDS = (
    "日常巡查",
    "走山走水",
    "守卡守点",
    "防汛巡查",
    "森林防火巡查",
    "巡山护林",
    "地灾巡查",
    "废弃坑口巡查",
)
"""巡查类型 a ledger knows unless its anquan.yaml lists its own (patrol_kinds)."""

DEFAULT_PATROL_QUIET_AFTER = 10

DEFAULT_INSPECTION_CYCLE: dict[RiskLevel, int] = {
    RiskLevel.MAJOR: 1,
    RiskLevel.HIGH: 3,
    RiskLevel.GENERAL: 6,
}
"""Months within which a unit of each 风险等级 is to be inspected again, unless the ledger's
anquan.yaml sets its own (inspection_cycle); a level it leaves out has no cycle."""


class Office(BaseModel):
    """办所中心: a functional office and the short code it puts in IDs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Line
    code: str | None = None
    doc_prefix: str | None = Field(default=None, min_length=1, max_length=20)
    """What its 执法文书's 文号 begin with (东溪应急 in 东溪应急〔2024〕整改12号); by default
    the town's name and the office's, without 镇 and 办 (model/documents.py)."""


ASSESSMENT_ITEMS: dict[str, tuple[str, ...]] = {
    "检查计划完成率": ("by_office",),
    "巡查计划完成率": ("by_village",),
    "隐患整改率": ("by_village", "by_office", "by_unit"),
    "按时报送": ("by_village", "by_office"),
    "安全专卷": ("by_village", "by_office"),
    "首查必罚": ("by_office",),
    "月月清零": ("by_office",),
}
"""The 考核 items anquan computes, and whom each scores (村(居), 站/办, 企事业单位)."""


class AssessmentItem(BaseModel):
    """One 考核 item and its points (stats/assessment.py has each one's formula)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    points: float = Field(gt=0, le=1000)
    per: float | None = Field(default=None, gt=0)
    """For an item counted in cases (首查必罚, 月月清零): the points each case loses; by
    default one case loses them all."""

    @field_validator("name")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in ASSESSMENT_ITEMS:
            raise ValueError(
                f"考核项“{value}”不是可计算的项（可选：{'、'.join(ASSESSMENT_ITEMS)}）"
            )
        return value


class Deduction(BaseModel):
    """扣分: points an office, a village or an assessed unit loses for the year, on a
    judgement written down with its reason."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int = Field(ge=2000, le=2099)
    office: str | None = None
    village: str | None = None
    unit: str | None = None
    points: float = Field(gt=0, le=1000)
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_party(self) -> Deduction:
        if sum(x is not None for x in (self.office, self.village, self.unit)) != 1:
            raise ValueError("扣分须写明 office、village 或 unit 中的一个")
        return self


class Assessment(BaseModel):
    """考核 (anquan.yaml `assessment:`): its items, the 企事业单位 assessed, and 扣分."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    items: tuple[AssessmentItem, ...] = Field(min_length=1)
    units: tuple[str, ...] = ()
    """The 企事业单位 scored (by_unit): IDs or exact names."""
    deductions: tuple[Deduction, ...] = ()


class Settings(BaseModel):
    """The contents of anquan.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Line = Field(min_length=1, title="台账名称")
    code: str = Field(min_length=1, max_length=6, pattern=r"^[A-Z][A-Z0-9]*$", title="编号代码")
    sectors: tuple[Sector, ...] = DEFAULT_SECTORS
    villages: tuple[Line, ...] | None = None
    offices: tuple[Office, ...] | None = None
    leaders: tuple[Line, ...] | None = None
    campaigns: tuple[Line, ...] | None = None
    activity_kinds: tuple[Line, ...] = tuple(kind.value for kind in ActivityKind)
    measures: tuple[Line, ...] = DEFAULT_MEASURES
    towns: tuple[str, ...] = ()
    commit: bool = True
    # The ledger's own words for a hazard's level in the sheets it imports (较大隐患: 重大).
    level_words: dict[str, Level] = Field(default_factory=dict)

    @field_validator("level_words")
    @classmethod
    def _level_words(cls, value: dict[str, Level]) -> dict[str, Level]:
        for word in value:
            if not word.strip():
                raise ValueError("level_words 的词不能为空")
        return value

    patrol_kinds: tuple[Line, ...] = Field(default=DEFAULT_PATROL_KINDS, min_length=1)
    patrol_quiet_after: int = Field(default=DEFAULT_PATROL_QUIET_AFTER, ge=1)
    """A village whose patrols in a period, at least this many, all found nothing is named
    (巡查记录均为无隐患)."""
    self_check_sectors: tuple[str, ...] = ()
    """The sectors whose units must inspect themselves every month (企业自查)."""
    submit_by_day: int = Field(default=5, ge=1, le=28)
    """报送: a month's 台账 handed in by this day of the next month is on time (按时)."""
    submit_to: str = DEFAULT_OFFICE
    """The office the others hand their month's 台账 to; it is never asked to hand in its own."""
    assessment: Assessment | None = None
    """考核: items and points, the units assessed and 扣分 (stats/assessment.py)."""
    attachment_max_mb: int = Field(default=DEFAULT_MAX_MB, ge=1, le=2048)
    """The largest file `attach` takes, in MB (before a photo is reduced)."""
    require_after_photo: bool = False
    """验收 passes only for a hazard with an 整改后 photo attached."""
    inspection_cycle: dict[RiskLevel, int] = Field(
        default_factory=lambda: dict(DEFAULT_INSPECTION_CYCLE)
    )
    """检查周期: a unit of that 风险等级 is to be inspected at least once in so many months
    (`anquan due` lists those it is not); `{}` sets none."""

    @field_validator("inspection_cycle")
    @classmethod
    def _cycle_months(cls, value: dict[RiskLevel, int]) -> dict[RiskLevel, int]:
        for level, months in value.items():
            if not 1 <= months <= 120:
                raise ValueError(
                    f"inspection_cycle 中 {level} 的周期应为 1—120 个月，而不是 {months}"
                )
        return value

    @field_validator("sectors", mode="before")
    @classmethod
    def _sector_names(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return [{"name": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("offices", mode="before")
    @classmethod
    def _office_names(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return [{"name": v} if isinstance(v, str) else v for v in value]
        return value

    @property
    def is_district(self) -> bool:
        return bool(self.towns)

    def sector(self, name: str | None) -> Sector | None:
        return next((s for s in self.sectors if s.name == name), None)

    def unit_word(self, sector: str | None) -> str:
        """The measure word a sector counts its units in; 家 by default."""
        found = self.sector(sector)
        return found.unit if found else "家"

    def office_named(self, name: str) -> Office | None:
        return next((o for o in self.offices or () if o.name == name), None)
