"""`anquan init`: a new ledger folder with its settings, record folders and git repository."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.settings import Settings
from anquan_cli.model.text import line_problem
from anquan_cli.store import git
from anquan_cli.store.atomic import write_atomic
from anquan_cli.store.office import set_office, town_code
from anquan_cli.store.paths import SETTINGS_FILE, STATE_DIR
from anquan_cli.store.settings_file import read_settings
from anquan_cli.store.yamlwrite import dump, plain

_HEADER = """\
# anquan 台账设置。可手工编辑：sectors（行业领域及计量单位）、villages（村居）、
# offices（办所及编号代码）、leaders（带队领导）可替换默认值；towns 用于区级汇总。
"""


def _settings(name: str, code: str | None) -> Settings:
    """The new ledger's settings; a name or code they cannot hold is the user's mistake."""
    from pydantic import ValidationError

    from anquan_cli.store.validation import messages

    try:
        return Settings(name=name, code=code or town_code(name))
    except ValidationError as error:
        raise UsageError("；".join(m for _, m in messages(error, Settings))) from None


def _enclosing_ledger(folder: Path) -> Path | None:
    """The town ledger the folder would sit inside, if any. A district's folder holds no
    records of its own, so its towns may be kept inside it."""
    for parent in folder.resolve().parents:
        if (parent / SETTINGS_FILE).is_file():
            try:
                if read_settings(parent).is_district:
                    return None
            except AnquanError:
                pass  # a broken settings file is still a ledger's
            return parent
    return None


_Before = tuple[dict[Path, bytes | None], list[Path]]


def _as_it_was(files: list[Path], folders: list[Path]) -> _Before:
    """The files' bytes (None: not there) and the folders not there yet, before init."""
    contents = {path: path.read_bytes() if path.is_file() else None for path in files}
    return contents, [path for path in folders if not os.path.lexists(path)]


def _take_back(before: _Before) -> None:
    """Put back what init found: files restored or removed, folders it made removed."""
    contents, new_folders = before
    for path, data in contents.items():
        with contextlib.suppress(OSError):
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_atomic(path, data)
    for folder in reversed(new_folders):  # the ledger's own folder last
        with contextlib.suppress(OSError):
            if folder.name in (".git", STATE_DIR):
                shutil.rmtree(folder)
            else:
                folder.rmdir()


def create_ledger(folder: Path, name: str, office: str, code: str | None = None) -> Path:
    """Make a new ledger in folder (created if needed); refuses to touch an existing one."""
    if (folder / SETTINGS_FILE).exists():
        raise UsageError(f"{folder} 已经是台账目录")
    outer = _enclosing_ledger(folder)
    if outer is not None:
        raise UsageError(
            f"{folder} 在台账 {outer} 之中：台账里不能再建台账（外面台账的 check 和 git 会把它"
            "当作自己的文件）；请换一个不在任何台账里的目录"
        )
    git.require_git()  # before anything is written: a ledger is a git repository
    settings = _settings(name, code)
    why = line_problem(office)  # as set_office refuses it, but before anything is written
    if why is not None:
        raise UsageError(f"办所名称{why}")
    data = {"name": settings.name, "code": settings.code}
    written = [folder / SETTINGS_FILE, folder / ".gitattributes", folder / ".gitignore"]
    made = [folder, *(folder / kind.value for kind in RecordKind), folder / ".git"]
    made.append(folder / STATE_DIR)
    before = _as_it_was(written, made)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(written[0], (_HEADER + dump(plain(data))).encode("utf-8"))
        write_atomic(written[1], git.GITATTRIBUTES.encode())
        write_atomic(written[2], git.GITIGNORE.encode())
        for kind in RecordKind:
            (folder / kind.value).mkdir(exist_ok=True)
        if not git.is_repository(folder):
            git.init(folder)
        set_office(folder, office, settings)
        git.commit(folder, written, f"新建台账：{name}", office)
    except BaseException:
        _take_back(before)  # a failed init (git cannot commit, a full disk) leaves no half ledger
        raise
    return folder.resolve()
