"""How to read one workbook: --unit, --map, --fill-down …, or the rules file a ledger keeps
for a sheet it imports every month (as hledger keeps CSV rules).

A rules file is YAML; every key is optional:

    unit: 东溪加油站          # every row belongs to this unit (ID, name or pinyin)
    source: 企业自查           # where the hazards came from (检查/巡查/企业自查/举报/交办)
    kind: hazards             # read every sheet as this kind
    fill_down: true           # a blank unit cell belongs to the unit above
    map:                      # heading → field (隐患描述 or description; 忽略 to ignore)
      问题项目: 隐患描述
      序号: 忽略
    level_words:              # more level words, over anquan.yaml's
      较大隐患: 重大

Flags given on the command line win over the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from anquan_cli.errors import AnquanError, UsageError, os_reason
from anquan_cli.imports.headings import FIELD_TITLES, FIELDS, Overrides, SheetKind, heading_key
from anquan_cli.model.enums import HazardSource, Level
from anquan_cli.store.validation import first_message
from anquan_cli.store.yamlread import YamlProblem, line_of, parse_bytes

IGNORE_WORDS = ("忽略", "ignore", "-")


def _a_field(text: str) -> str:
    field_named(text)
    return text


class Rules(BaseModel):
    """A rules file's contents."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: str | None = Field(default=None, title="单位")
    source: HazardSource | None = Field(default=None, title="隐患来源")
    kind: SheetKind | None = Field(default=None, title="类别")
    fill_down: bool = Field(default=False, title="向下填充单位")
    map: dict[str, Annotated[str, AfterValidator(_a_field)]] = Field(
        default_factory=dict, title="列对应"
    )
    level_words: dict[str, Level] = Field(default_factory=dict, title="等级用词")


@dataclass(frozen=True)
class ImportOptions:
    """Everything besides the file that says how to read it."""

    unit: str | None = None
    source: HazardSource | None = None
    fill_down: bool = False
    overrides: Overrides = field(default_factory=dict)
    level_words: dict[str, Level] = field(default_factory=dict)


def _field_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for fields in FIELDS.values():
        for name, spelled in fields.items():
            if name.startswith("属性"):
                continue
            words.setdefault(name, name)
            for word in spelled:
                words.setdefault(heading_key(word), name)
    for name, title in FIELD_TITLES.items():
        words[heading_key(title)] = name
        words[name] = name
    return words


_FIELD_WORDS = _field_words()


def field_named(text: str) -> str:
    """The field a --map or rules file names, by its English name or Chinese heading; "" for
    忽略. Anything else is a ValueError listing the names."""
    text = text.strip()
    if text in IGNORE_WORDS:
        return ""
    name = _FIELD_WORDS.get(text) or _FIELD_WORDS.get(heading_key(text))
    if name is None:
        listed = "、".join(dict.fromkeys(FIELD_TITLES.values()))
        raise ValueError(f"字段“{text}”无法识别（可用：{listed}，或 忽略）")
    return name


def parse_maps(given: list[str]) -> dict[str, str]:
    """--map '列名=字段' (repeatable) as heading → field text."""
    maps: dict[str, str] = {}
    for item in given:
        heading, sep, target = item.partition("=")
        if not sep or not heading.strip() or not target.strip():
            raise UsageError(f"--map “{item}” 应写成 列名=字段，如 --map '问题项目=隐患描述'")
        try:
            field_named(target)
        except ValueError as error:
            raise UsageError(f"--map “{item}”：{error}") from None
        maps[heading.strip()] = target.strip()
    return maps


def read_rules(path: Path) -> Rules:
    """A rules file; a broken one is an AnquanError naming the file and line."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise AnquanError(f"{path}：无法读取规则文件：{os_reason(error)}") from None
    try:
        return Rules.model_validate(parse_bytes(raw))
    except YamlProblem as problem:
        raise AnquanError(problem.message, path.name, problem.line) from None
    except ValidationError as error:
        loc, message = first_message(error, Rules)
        raise AnquanError(message, path.name, line_of(raw.decode("utf-8-sig"), loc)) from None


def combine(
    rules: Rules | None,
    unit: str | None,
    source: HazardSource | None,
    fill_down: bool,
    maps: dict[str, str],
    ledger_words: dict[str, Level],
) -> ImportOptions:
    """The flags over the rules file over the ledger's settings."""
    from anquan_cli.imports.rows import level_word

    base = rules or Rules()
    given = {**base.map, **maps}
    words = {level_word(w): level for w, level in {**ledger_words, **base.level_words}.items()}
    return ImportOptions(
        unit=unit or base.unit,
        source=source or base.source,
        fill_down=fill_down or base.fill_down,
        overrides={heading_key(h): field_named(t) for h, t in given.items()},
        level_words=words,
    )
