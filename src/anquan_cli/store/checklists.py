"""Checklists on disk: the bundled ones (package data) and a ledger's own `checklists/NAME.yaml`,
which overrides a bundled one of the same name or adds one, as a ledger's templates do.

A checklist file is validated as a whole; the first thing wrong with it is an AnquanError
naming the file, the line and the reason in Chinese (`checklists/九小场所消防.yaml:14: 第3项：
缺少必填字段 basis（依据）`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from anquan_cli.errors import AnquanError, UsageError, os_reason
from anquan_cli.model.checklist import Checklist
from anquan_cli.store.validation import first_message
from anquan_cli.store.yamlread import YamlProblem, decode, line_of, parse_text

LEDGER_DIR = "checklists"
SUFFIX = ".yaml"
BUNDLED_LABEL = "内置检查表"
MAX_CHECKLIST_BYTES = 256 * 1024
_NAME = re.compile(r"^[^/\\\x00]+$")


@dataclass(frozen=True)
class Found:
    """A checklist and where it came from: 内置检查表, or the ledger's checklists/NAME.yaml."""

    checklist: Checklist
    source: str
    overrides: bool = False
    """A ledger's checklist that replaces a bundled one of the same name."""

    @property
    def bundled(self) -> bool:
        return self.source == BUNDLED_LABEL


def _bundled_folder() -> resources.abc.Traversable:
    return resources.files("anquan_cli.checklists")


def bundled_names() -> list[str]:
    """The names of the checklists shipped in the package."""
    return sorted(
        entry.name.removesuffix(SUFFIX)
        for entry in _bundled_folder().iterdir()
        if entry.name.endswith(SUFFIX) and not entry.name.startswith(("_", "."))
    )


def _ledger_names(root: Path | None) -> list[str]:
    folder = root / LEDGER_DIR if root is not None else None
    if folder is None or not folder.is_dir():
        return []
    return sorted(
        path.name.removesuffix(SUFFIX)
        for path in folder.iterdir()
        if path.name.endswith(SUFFIX) and not path.name.startswith(("_", "."))
    )


def _ledger_file(root: Path | None, name: str) -> Path | None:
    if root is None:
        return None
    folder = root / LEDGER_DIR
    path = folder / (name + SUFFIX)
    if not path.is_file():
        return None
    resolved = path.resolve()
    if not (resolved.is_relative_to(folder.resolve()) and resolved.is_relative_to(root.resolve())):
        raise AnquanError(
            "检查表文件指向 checklists/ 目录之外，已拒绝", f"{LEDGER_DIR}/{path.name}"
        )
    return path


def parse_checklist(raw: bytes, shown: str, name: str) -> Checklist:
    """A checklist file's bytes as a Checklist; AnquanError naming `shown`, the line and why."""
    if len(raw) > MAX_CHECKLIST_BYTES:
        raise AnquanError(f"检查表文件过大（超过 {MAX_CHECKLIST_BYTES // 1024} KB）", shown)
    try:
        text = decode(raw)
        data = parse_text(text)
    except YamlProblem as problem:
        raise AnquanError(problem.message, shown, problem.line) from None
    try:
        checklist = Checklist.model_validate(data)
    except ValidationError as error:
        loc, message = first_message(error, Checklist)
        if loc and isinstance(loc[-1], int):  # a rule over a whole item: its own words
            message = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise AnquanError(_item_prefix(data, loc) + message, shown, line_of(text, loc)) from None
    if checklist.name != name:
        raise AnquanError(
            f"检查表名称“{checklist.name}”与文件名“{name}{SUFFIX}”不一致",
            shown,
            line_of(text, ["name"]),
        )
    return checklist


def _item_prefix(data: object, loc: tuple[str | int, ...]) -> str:
    """`第3项：` for a problem inside an item (by its number when it has one, else its place)."""
    if len(loc) < 2 or loc[0] != "items" or not isinstance(loc[1], int):
        return ""
    items = data.get("items") if isinstance(data, dict) else None
    item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
    number = item.get("number") if isinstance(item, dict) else None
    if isinstance(number, int) and not isinstance(number, bool):
        return f"第{number}项："
    return f"检查项（第{loc[1] + 1}个）："


def _read(root: Path | None, name: str) -> Found | None:
    if not _NAME.match(name) or name in (".", ".."):
        return None
    path = _ledger_file(root, name)
    if path is not None:
        shown = f"{LEDGER_DIR}/{path.name}"
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise AnquanError(f"无法读取：{os_reason(error)}", shown) from None
        checklist = parse_checklist(raw, shown, name)
        return Found(checklist, shown, overrides=name in bundled_names())
    entry = _bundled_folder().joinpath(name + SUFFIX)
    if not entry.is_file():
        return None
    shown = f"{BUNDLED_LABEL} {name}{SUFFIX}"
    return Found(parse_checklist(entry.read_bytes(), shown, name), BUNDLED_LABEL)


def find_checklist(root: Path | None, name: str) -> Found:
    """The checklist of that name: the ledger's own first, else the bundled one; an unknown
    name is a UsageError listing those there are."""
    found = _read(root, name.strip())
    if found is None:
        names = "、".join(sorted(set(bundled_names()) | set(_ledger_names(root))))
        raise UsageError(f"找不到检查表“{name}”；可选：{names}（anquan checklist list）")
    return found


def list_checklists(root: Path | None) -> tuple[list[Found], list[AnquanError]]:
    """Every checklist an inspection can use, by name: the ledger's own and the bundled ones;
    and what is wrong with each of the ledger's files that cannot be read."""
    found: list[Found] = []
    broken: list[AnquanError] = []
    for name in sorted(set(bundled_names()) | set(_ledger_names(root))):
        try:
            entry = _read(root, name)
        except AnquanError as error:
            broken.append(error)
            continue
        if entry is not None:
            found.append(entry)
    return found, broken
