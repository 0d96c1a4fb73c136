"""Which office is writing: $ANQUAN_OFFICE, else this clone's own git config setting."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from anquan_cli.errors import AnquanError
from anquan_cli.model.settings import Settings
from anquan_cli.store import git

ENV_OFFICE = "ANQUAN_OFFICE"


@dataclass(frozen=True)
class Office:
    name: str
    code: str


def initials(text: str) -> str:
    """Pinyin initials in capitals: 应急办 → YJB, 东溪 → DX."""
    from pypinyin import Style, lazy_pinyin

    letters = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default"))
    return re.sub(r"[^A-Z]", "", letters.upper())


def town_code(name: str) -> str:
    """The ID code of a town: initials of its name without 镇/乡/街道."""
    stem = re.sub(r"(街道办事处|街道|镇|乡|区|县)$", "", name) or name
    return (initials(stem) or "AQ")[:6]


def office_code(settings: Settings, name: str) -> str:
    """The office's code as anquan.yaml gives it, else its pinyin initials.

    Two offices sharing a code would give their clones clashing IDs: that stops here.
    """
    code = _code_of(settings, name)
    for other in settings.offices or ():
        if other.name != name and _code_of(settings, other.name) == code:
            raise AnquanError(
                f"办所“{name}”与“{other.name}”的编号代码都是 {code}，各副本新建的记录会重号："
                "请在 anquan.yaml 的 offices 中为其中一个指定不同的 code"
            )
    return code


def _code_of(settings: Settings, name: str) -> str:
    listed = settings.office_named(name)
    if listed is not None and listed.code:
        return listed.code.upper()
    return (initials(name) or "X")[:5]


def current_office(root: Path, settings: Settings) -> Office | None:
    """The writing office, or None when neither the environment nor this clone names one."""
    saved = git.config_get(root, git.OFFICE_KEY)
    name = os.environ.get(ENV_OFFICE, "").strip() or saved
    if not name:
        return None
    if name == saved and not settings.offices:
        # The code worked out when the office was set: no pinyin lookup (a slow import) per command.
        code = git.config_get(root, git.OFFICE_CODE_KEY)
        if code:
            return Office(name, code)
    return Office(name, office_code(settings, name))


def set_office(root: Path, name: str, settings: Settings) -> None:
    """Keep the office, and its ID code, in this clone's own git config (never committed)."""
    code = office_code(settings, name)  # refuses a code another listed office has
    git.config_set(root, git.OFFICE_KEY, name)
    git.config_set(root, git.OFFICE_CODE_KEY, code)
