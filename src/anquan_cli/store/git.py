"""The git command, run as a subprocess; every failure becomes one Chinese line."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from anquan_cli.errors import AnquanError, UsageError

OFFICE_KEY = "anquan.office"
OFFICE_CODE_KEY = "anquan.officecode"

# Records stay byte for byte as anquan wrote them, whatever core.autocrlf a clone has
# (Git for Windows installs with core.autocrlf=true); documents and photos are never diffed.
GITATTRIBUTES = "".join(
    f"{pattern} {how}\n"
    for pattern, how in (
        ("*.yaml", "text eol=lf"),
        ("*.yml", "text eol=lf"),
        ("*.j2", "text eol=lf"),
        ("*.md", "text eol=lf"),
        ("*.csv", "text eol=lf"),
        *((f"*.{kind}", "binary") for kind in ("xlsx", "xls", "docx", "doc", "wps", "et", "pdf")),
        *((f"*.{kind}", "binary") for kind in ("jpg", "jpeg", "png")),
    )
)
GITIGNORE = ".anquan/\n*.tmp\n~$*\n.~lock.*\n__pycache__/\n"


def require_git() -> str:
    """The git command's path; a machine without git stops with how to get it."""
    return _git_binary()


def _git_binary() -> str:
    found = shutil.which("git")
    if found is None:
        raise AnquanError("找不到 git 命令：请先安装 git（https://git-scm.com 或系统软件包）")
    return found


def run(
    root: Path, args: Sequence[str], check: bool = True, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run git in the ledger; a failure raises AnquanError with git's own words."""
    completed = subprocess.run(
        [_git_binary(), "-c", "core.quotepath=off", *args],
        cwd=root,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    if check and completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        raise AnquanError(
            f"git {_subcommand(args)} 失败：{detail[-1] if detail else completed.returncode}"
        )
    return completed


def grep_files(root: Path, pattern: Sequence[str], pathspec: str) -> list[str] | None:
    """The files (posix, relative to the ledger) that `git grep` finds for the pattern
    arguments, tracked or not, in C; None where git cannot search."""
    try:
        found = run(root, ["grep", "--untracked", "-l", *pattern, "--", pathspec], check=False)
    except (AnquanError, OSError):
        return None
    if found.returncode not in (0, 1):  # 1: nothing found
        return None
    return sorted(line for line in found.stdout.splitlines() if line)


def _subcommand(args: Sequence[str]) -> str:
    """The git command run, past the `-c key=value` options before it."""
    index = 0
    while index < len(args) - 1 and args[index] == "-c":
        index += 2
    return args[index] if index < len(args) else ""


def is_repository(root: Path) -> bool:
    """True when the ledger folder is itself the top of a git repository.

    A ledger kept inside some other project's repository (like the bundled example) is not
    committed to: anquan never commits into a repository it does not own.
    """
    if not (root / ".git").exists():
        return False  # the top of a repository always holds .git; no need to run git
    completed = run(root, ["rev-parse", "--show-toplevel"], check=False)
    return completed.returncode == 0 and Path(completed.stdout.strip()).resolve() == root.resolve()


def repository_gone(root: Path) -> bool:
    """A ledger `anquan init` made (its .gitignore keeps .anquan/ out of git) whose .git
    folder is no longer there: deleted, or the folder copied without it."""
    if os.path.lexists(root / ".git"):
        return False
    try:
        ignored = (root / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return ".anquan/" in ignored.split()


def gone_message(root: Path) -> str:
    return (
        f"台账 {root} 已不是 git 仓库：.git 文件夹不见了（版本历史和本副本的办所设置都存在其中）。"
        "请从共享仓库或其他办所的副本重新 git clone 台账；没有副本时，在台账目录运行 "
        "git init -b main 新建仓库（历史从头开始），再运行 anquan office set 办所名称"
    )


def refuse_if_gone(root: Path) -> None:
    """Stop, naming the missing repository, before a write or the clone's settings need it."""
    if repository_gone(root):
        raise UsageError(gone_message(root))


def require_repository(root: Path) -> None:
    """Stop with one line unless the ledger folder is the top of its own git repository."""
    require_git()
    refuse_if_gone(root)
    if not is_repository(root):
        raise UsageError(
            f"{root} 不是 git 仓库：台账需用 anquan init 新建，或在台账目录中运行 git init"
        )


def current_branch(root: Path) -> str | None:
    """The checked-out branch, or None on a detached HEAD."""
    completed = run(root, ["symbolic-ref", "-q", "--short", "HEAD"], check=False)
    if completed.returncode != 0:
        return None
    return completed.stdout.strip() or None


def merge_in_progress(root: Path) -> bool:
    return run(root, ["rev-parse", "-q", "--verify", "MERGE_HEAD"], check=False).returncode == 0


def ensure_can_commit(root: Path) -> None:
    """Refuse, before anything is written, a repository where a commit would go wrong."""
    if merge_in_progress(root):
        raise AnquanError(
            "台账正在合并，尚有冲突未解决：请先解决冲突后运行 anquan sync，或运行 anquan sync --abort 放弃合并"
        )
    if current_branch(root) is None:
        raise AnquanError(
            "台账的 git 仓库处于分离头指针（detached HEAD）状态：请先运行 git switch main 回到主分支"
        )


def changed_tracked_paths(root: Path) -> list[str]:
    """Tracked files changed but not committed (staged or not), sorted."""
    completed = run(root, ["status", "--porcelain", "-z", "--untracked-files=no"])
    return sorted({entry[3:] for entry in completed.stdout.split("\0") if len(entry) > 3})


def identity(root: Path, office: str) -> list[str]:
    """`-c` options naming the office as author where the person has no git identity."""
    options: list[str] = []
    if not run(root, ["config", "--get", "user.name"], check=False).stdout.strip():
        options += ["-c", f"user.name={office}"]
    if not run(root, ["config", "--get", "user.email"], check=False).stdout.strip():
        options += ["-c", "user.email=anquan@localhost"]
    return options


SUBJECT_LIMIT = 72
"""Characters of a commit's subject line: `git log --oneline` and `anquan log` show one line
per commit, and a subject that quotes a record's text must not run to pages."""


def subject_line(message: str) -> str:
    """The message's first line, cut to SUBJECT_LIMIT characters (ending in …)."""
    first = message.split("\n", 1)[0].strip()
    return first if len(first) <= SUBJECT_LIMIT else first[: SUBJECT_LIMIT - 1] + "…"


def signed(message: str, office: str) -> str:
    """A commit message with the office trailer `anquan log` and `status` read; its subject is
    one short line (the record's text it may quote is in the file)."""
    return f"{subject_line(message)}\n\n{OFFICE_TRAILER}: {office}"


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
    commit_names(root, [p.relative_to(root).as_posix() for p in paths], message, office)


def commit_names(root: Path, names: Sequence[str], message: str, office: str) -> None:
    """`commit`, for files named relative to the ledger as git names them (hazards/2024/…)."""
    if not names:
        return
    only_ours = len(names) >= _MANY and _nothing_staged(root)
    listed = "\0".join(names)
    run(root, ["add", *_PATHSPEC_STDIN], stdin=listed)
    args = ["commit", "-q", "--no-verify", "-m", signed(message, office)]
    if only_ours:
        # The index is HEAD plus these files: a plain commit is exactly them, and does not
        # hash every file again into a second index as a commit naming its paths does
        # (1.7 s of an import of 9,000 files; for a few files, asking costs more than it saves).
        run(root, [*identity(root, office), *args])
    else:
        run(root, [*identity(root, office), *args, *_PATHSPEC_STDIN], stdin=listed)


_MANY = 100  # files in a commit from which asking whether anything else is staged pays


def _nothing_staged(root: Path) -> bool:
    """The index is HEAD's tree (nothing staged) and no merge is under way."""
    if run(root, ["rev-parse", "-q", "--verify", "MERGE_HEAD"], check=False).returncode == 0:
        return False
    return run(root, ["diff", "--cached", "--quiet"], check=False).returncode == 0


def unstage_names(root: Path, names: Sequence[str], check: bool = False) -> None:
    """Take these files (named relative to the ledger) back out of the index, as after a
    commit that failed: each as HEAD has it, or gone from the index if HEAD has none."""
    if not names:
        return
    if not head(root):
        # no commit yet to reset to: remove them from the index, keeping the files
        args = ["rm", "-q", "--cached", "--ignore-unmatch", *_PATHSPEC_STDIN]
    else:
        args = ["reset", "-q", *_PATHSPEC_STDIN]
    run(root, args, check=check, stdin="\0".join(names))


def changed_names(root: Path, names: Sequence[str]) -> list[str]:
    """Those of these files (named relative to the ledger) that differ from git's, in order."""
    if not names:
        return []
    listed = run(root, ["status", "--porcelain", "-z", "--", *names]).stdout
    differing = {entry[3:] for entry in listed.split("\0") if len(entry) > 3}
    return [name for name in names if name in differing]


def head(root: Path) -> str:
    """The commit HEAD names, or "" before the first commit."""
    return run(root, ["rev-parse", "-q", "--verify", "HEAD"], check=False).stdout.strip()


# File names go to git on its standard input: an import commits thousands of files, too many
# for one command line, and one `git add` of them all costs half of one per batch of 500.
_PATHSPEC_STDIN = ["--pathspec-from-file=-", "--pathspec-file-nul"]
