"""anquan.yaml: the ledger's name, ID code and the lists that replace the defaults."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from anquan_cli.model.enums import DEFAULT_MEASURES, ActivityKind, Level

DEFAULT_OFFICE = "应急办"


class Sector(BaseModel):
    """行业领域 with the measure word its units are counted in (家, 栋, 处, 个 …)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    unit: str = "家"


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
DEFAULT_PENALTY_WITHIN_DAYS = 30


class Office(BaseModel):
    """办所中心: a functional office and the short code it puts in IDs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    code: str | None = None


class Settings(BaseModel):
    """The contents of anquan.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    code: str = Field(min_length=1, max_length=6, pattern=r"^[A-Z][A-Z0-9]*$")
    sectors: tuple[Sector, ...] = DEFAULT_SECTORS
    villages: tuple[str, ...] | None = None
    offices: tuple[Office, ...] | None = None
    leaders: tuple[str, ...] | None = None
    campaigns: tuple[str, ...] | None = None
    activity_kinds: tuple[str, ...] = tuple(kind.value for kind in ActivityKind)
    measures: tuple[str, ...] = DEFAULT_MEASURES
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

    patrol_kinds: tuple[str, ...] = Field(default=DEFAULT_PATROL_KINDS, min_length=1)
    patrol_quiet_after: int = Field(default=DEFAULT_PATROL_QUIET_AFTER, ge=1)
    """A village whose patrols in a period, at least this many, all found nothing is named
    (巡查记录均为无隐患)."""
    self_check_sectors: tuple[str, ...] = ()
    """The sectors whose units must inspect themselves every month (企业自查)."""
    penalize_on_first_finding: tuple[str, ...] = (Level.MAJOR.value,)
    """首查必罚: the hazard levels (一般, 重大) or categories (隐患类别) whose finding must be
    followed by a penalty; an empty list turns the rule off."""
    penalty_within_days: int = Field(default=DEFAULT_PENALTY_WITHIN_DAYS, ge=1)
    """首查必罚: the days after the finding within which a penalty must cite it."""
    archive_items: tuple[str, ...] = ()
    """安全专卷: what each office and village must file each year (责任书, 巡查记录 …)."""

    @field_validator("penalize_on_first_finding", "archive_items")
    @classmethod
    def _no_blank_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        names = tuple(v.strip() for v in value)
        if any(not name for name in names):
            raise ValueError("列表中的名称不能为空")
        if len(set(names)) != len(names):
            raise ValueError("列表中有重复的名称")
        return names

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
