"""Which office is writing: $ANQUAN_OFFICE, else this clone's own git config setting.

An office not listed in anquan.yaml takes its pinyin initials as its ID code, and two names
can share them: 东溪村 and 大溪村 are both DXC. Each clone numbers its own records, so the two
would write the same IDs. Every commit anquan makes names its office (the Anquan-Office
trailer), so the history tells which office added which record file: a record with this
office's code added by another office stops `office set`, and `sync` before it merges.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.model.ids import ID_PATTERN
from anquan_cli.model.settings import Settings
from anquan_cli.model.text import line_problem
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
    """The writing office, or None when neither the environment nor this clone names one.
    A ledger whose git repository is gone (where the clone keeps its office) stops here."""
    git.refuse_if_gone(root)
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
    """Keep the office, and its ID code, in this clone's own git config (never committed).
    The name is one line of text, as every record that names the office holds it."""
    why = line_problem(name)
    if why is not None:
        raise UsageError(f"办所名称{why}")
    git.refuse_if_gone(root)
    code = office_code(settings, name)  # refuses a code another listed office has
    refuse_clash(root, Office(name, code), ["--all"])
    git.config_set(root, git.OFFICE_KEY, name)
    git.config_set(root, git.OFFICE_CODE_KEY, code)


_COMMIT = "\x1e"


@dataclass(frozen=True)
class Clash:
    """A record file another office added with this office's code."""

    office: str
    record_id: str


def clash(root: Path, office: Office, revisions: list[str]) -> Clash | None:
    """The first record file, added by the commits `git log revisions` lists, whose ID carries
    this office's code but whose commit names another office; None when there is none."""
    listed = git.run(
        root,
        [
            "log",
            "--no-merges",
            "--diff-filter=A",
            "--name-only",
            f"--format={_COMMIT}%(trailers:key={git.OFFICE_TRAILER},valueonly,separator=%x2C)",
            *revisions,
            "--",
        ],
        check=False,
    )
    if listed.returncode != 0:
        return None
    for block in listed.stdout.split(_COMMIT)[1:]:
        author, _, files = block.partition("\n")
        author = author.strip()
        if not author or author == office.name:
            continue  # a commit made without anquan, or by this office itself
        for name in files.split():
            match = ID_PATTERN.match(name.rpartition("/")[2].removesuffix(".yaml"))
            if match and match.group(4) == office.code:
                return Clash(author, match.group(0))
    return None


def refuse_clash(root: Path, office: Office, revisions: list[str]) -> None:
    """Stop when another office's records in these revisions carry this office's code."""
    found = clash(root, office, revisions)
    if found is not None:
        raise AnquanError(
            f"办所“{found.office}”新建的记录（如 {found.record_id}）也使用编号代码 "
            f"{office.code}，与本副本的办所“{office.name}”相同，两边新建的记录会重号。"
            f"请在 anquan.yaml 的 offices 中为这两个办所分别写明不同的 code（如 {office.code} "
            f"与 {office.code}A），提交后再继续"
        )
