"""Where a ledger is and where each record lives inside it; nothing may leave the ledger."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.ids import kind_of_id, year_of_id

SETTINGS_FILE = "anquan.yaml"
STATE_DIR = ".anquan"
FLAT_KINDS = (RecordKind.ENTERPRISE, RecordKind.PLAN)


# The ledger `anquan --ledger PATH COMMAND` names for the whole invocation, set by the CLI
# for each run (like cache.enabled): a command's own --ledger still wins over it.
default_ledger: Path | None = None


def find_root(explicit: Path | None, cwd: Path) -> Path:
    """--ledger, else $ANQUAN_LEDGER, else the nearest folder upwards holding anquan.yaml;
    the first two may name the folder or its anquan.yaml."""
    given = (
        explicit
        or default_ledger
        or (Path(os.environ["ANQUAN_LEDGER"]) if os.environ.get("ANQUAN_LEDGER") else None)
    )
    if given is not None:
        if given.name == SETTINGS_FILE and given.is_file():
            given = given.parent  # --ledger DIR/anquan.yaml names DIR
        if not (given / SETTINGS_FILE).is_file():
            raise UsageError(f"{given} 不是台账目录（找不到 {SETTINGS_FILE}）")
        return given.resolve()
    for folder in (cwd, *cwd.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise UsageError("当前目录不在任何台账中：请先 anquan init，或用 --ledger 指定台账目录")


def record_name(record_id: str) -> str:
    """Where an ID's file lives, relative to the ledger: hazards/2024/DX-H-2410-YJB03.yaml.

    Refuses anything that is not a well-formed ID."""
    kind = kind_of_id(record_id)
    if kind is None:
        raise UsageError(f"{record_id} 不是有效的记录编号（应如 DX-H-2410-YJB03）")
    if kind in FLAT_KINDS:
        return f"{kind.value}/{record_id}.yaml"
    return f"{kind.value}/{year_of_id(record_id)}/{record_id}.yaml"


def record_path(root: Path, record_id: str) -> Path:
    """The file an ID lives in; refuses anything that is not a well-formed ID."""
    return inside(root, root / record_name(record_id))


def record_names(root: Path, record_ids: Iterable[str]) -> list[str]:
    """The files of many new records, relative to the ledger, each folder checked once
    instead of every file (an import names thousands; a Path each costs more than the check).

    A well-formed ID names no folder of its own, so a file stays wherever its folder does;
    a name already taken (even by a symlink) is refused when the new file is created.
    """
    checked: set[str] = set()
    names = []
    for record_id in record_ids:
        name = record_name(record_id)
        folder = name.rpartition("/")[0]
        if folder not in checked:
            inside(root, root / folder)
            checked.add(folder)
        names.append(name)
    return names


def inside(root: Path, path: Path) -> Path:
    """Refuse a path that resolves (through .. or symlinks) outside the ledger."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise AnquanError("路径指向台账目录之外，已拒绝", path)
    return path


def relative(root: Path, path: Path) -> str:
    """A path as messages show it: relative to the ledger, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def held_in_files(record_id: str, files: list[str]) -> str:
    """The refusal of a command given an ID that several files hold (a copied record file)."""
    return (
        f"编号 {record_id} 同时出现在 {'、'.join(files)} 中，不知道指的是哪一条；"
        "请删去多余的一份（anquan check 会列出重复的编号）"
    )
