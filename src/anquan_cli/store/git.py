"""The git command, run as a subprocess; every failure becomes one Chinese line."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from anquan_cli.errors import AnquanError

OFFICE_KEY = "anquan.office"
OFFICE_CODE_KEY = "anquan.officecode"

GITATTRIBUTES = (
    "*.yaml text eol=lf\n*.yml text eol=lf\n*.j2 text eol=lf\n*.xlsx binary\n*.docx binary\n"
)
GITIGNORE = ".anquan/\n*.tmp\n~$*\n.~lock.*\n__pycache__/\n"


def _git_binary() -> str:
    found = shutil.which("git")
    if found is None:
        raise AnquanError("找不到 git 命令：请先安装 git（https://git-scm.com 或系统软件包）")
    return found


def run(root: Path, args: Sequence[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git in the ledger; a failure raises AnquanError with git's own words."""
    completed = subprocess.run(
        [_git_binary(), "-c", "core.quotepath=off", *args],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    if check and completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        raise AnquanError(f"git {args[0]} 失败：{detail[-1] if detail else completed.returncode}")
    return completed


def is_repository(root: Path) -> bool:
    """True when the ledger folder is itself the top of a git repository.

    A ledger kept inside some other project's repository (like the bundled example) is not
    committed to: anquan never commits into a repository it does not own.
    """
    completed = run(root, ["rev-parse", "--show-toplevel"], check=False)
    return completed.returncode == 0 and Path(completed.stdout.strip()).resolve() == root.resolve()


def init(root: Path) -> None:
    run(root, ["init", "-q", "-b", "main"])


def config_get(root: Path, key: str) -> str | None:
    completed = run(root, ["config", "--local", "--get", key], check=False)
    value = completed.stdout.strip()
    return value or None


def config_set(root: Path, key: str, value: str) -> None:
    run(root, ["config", "--local", key, value])


OFFICE_TRAILER = "Anquan-Office"


def commit(root: Path, paths: Sequence[Path], message: str, office: str) -> None:
    """Commit exactly these files (nothing else staged or changed), signed with the office.

    The author is the person's own git identity where one is set, else the office; the
    office always travels in a trailer so `anquan log` can name it.
    """
    if not paths:
        return
    names = [p.relative_to(root).as_posix() for p in paths]
    run(root, ["add", "--", *names])
    identity: list[str] = []
    if not run(root, ["config", "--get", "user.name"], check=False).stdout.strip():
        identity += ["-c", f"user.name={office}"]
    if not run(root, ["config", "--get", "user.email"], check=False).stdout.strip():
        identity += ["-c", "user.email=anquan@localhost"]
    body = f"{message}\n\n{OFFICE_TRAILER}: {office}"
    run(root, [*identity, "commit", "-q", "--no-verify", "-m", body, "--", *names])
