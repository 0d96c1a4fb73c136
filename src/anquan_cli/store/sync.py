"""`anquan sync`: merge the other offices' work in, then push ours. git does the work.

A pull is always a merge, never a rebase: every office's commits stay as they were made. When
two offices changed the same lines of one record, git stops; so do we. The merge is left in
place (the files hold both versions between conflict markers) so the person can see and keep
what is right, and nothing is dropped behind their back; `sync` run again finishes the merge
once no markers are left, and `sync --abort` puts the clone back as it was before the pull.

When one office changed a record the other deleted, there are no markers to look for: the file
stays unmerged until the person says which side wins (`git add` keeps it, `git rm` deletes it),
and sync refuses to finish the merge until then.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from anquan_cli.errors import AnquanError, Problem, Severity, UsageError
from anquan_cli.model.ids import ID_PATTERN
from anquan_cli.store import git
from anquan_cli.store.office import Office, refuse_clash
from anquan_cli.store.yamlread import conflict_line


@dataclass(frozen=True)
class Conflict:
    """One file git could not merge; record_id when the file is a record, and deleted_by
    ("本副本" or "远程") when one side deleted the file the other changed."""

    path: str
    record_id: str | None
    deleted_by: str | None = None

    @property
    def label(self) -> str:
        name = f"{self.record_id}（{self.path}）" if self.record_id else self.path
        if self.deleted_by is None:
            return name
        changed = "远程" if self.deleted_by == "本副本" else "本副本"
        return f"{name}：{self.deleted_by}删除了此文件，{changed}改动了它"


class SyncConflict(AnquanError):
    """The merge stopped on conflicts; the merge state is left for the person to resolve."""

    def __init__(self, conflicts: list[Conflict], still: bool = False) -> None:
        names = "、".join(c.record_id or c.path for c in conflicts)
        lead = "冲突仍未解决" if still else "冲突：本副本和远程都改动了同一记录，git 无法自动合并"
        super().__init__(f"{lead}：{names}")
        self.conflicts = conflicts

    @property
    def advice(self) -> str:
        """How to resolve these conflicts, in the person's words."""
        steps = []
        if any(c.deleted_by is None for c in self.conflicts):
            steps.append(MARKER_ADVICE)
        if any(c.deleted_by is not None for c in self.conflicts):
            steps.append(DELETE_ADVICE)
        return (
            "；".join(steps)
            + "；然后再运行 anquan sync 完成合并；放弃这次合并请运行 anquan sync --abort"
        )


MARKER_ADVICE = (
    "解决办法：打开上面的文件，在 <<<<<<< 与 >>>>>>> 之间保留正确的内容，删去 <<<<<<<、=======、"
    ">>>>>>> 标记行"
)
DELETE_ADVICE = (
    "一方删除、另一方改动的文件没有冲突标记，须说明取哪一方：保留该文件（连同改动）请运行"
    " git add 文件，接受删除请运行 git rm 文件"
)


@dataclass(frozen=True)
class SyncResult:
    remote: str
    branch: str
    received: int
    sent: int
    merged: bool


def conflict_of(path: str, stages: set[str] | None = None) -> Conflict:
    """The conflict on that path; stages are the index stages git holds for it (1 base,
    2 ours, 3 theirs): one side missing means that side deleted the file."""
    stem = PurePosixPath(path).stem
    record_id = stem if path.endswith(".yaml") and ID_PATTERN.match(stem) else None
    deleted_by = None
    if stages is not None and "2" not in stages:
        deleted_by = "本副本"
    elif stages is not None and "3" not in stages:
        deleted_by = "远程"
    return Conflict(path, record_id, deleted_by)


def unmerged(root: Path) -> list[Conflict]:
    """Every path git still lists as unmerged, sorted (paths relative to the ledger folder)."""
    listed = git.run(root, ["ls-files", "-u", "-z"], check=False)
    stages: dict[str, set[str]] = {}
    for entry in listed.stdout.split("\0"):
        if "\t" in entry:
            info, path = entry.split("\t", 1)
            stages.setdefault(path, set()).add(info.split()[-1])
    return [conflict_of(path, stages[path]) for path in sorted(stages)]


def merge_problems(root: Path) -> list[Problem]:
    """A merge left half done in the ledger's own repository, as check problems: each file
    still unmerged, or the merge itself when every file is resolved but not yet committed."""
    if git.repository_gone(root):
        return [Problem(".git", 0, git.gone_message(root), Severity.WARNING)]
    if not git.is_repository(root):
        return []
    conflicts = unmerged(root)
    if conflicts:
        return [
            Problem(c.path, 0, f"合并冲突未解决：{c.label}；解决后请运行 anquan sync")
            for c in conflicts
        ]
    if git.merge_in_progress(root):
        return [Problem(".", 0, "台账正在合并（anquan sync 未完成）：请运行 anquan sync 完成合并")]
    return []


def _upstream(root: Path, branch: str) -> tuple[str, str]:
    """The remote and the branch on it that this branch tracks (origin/<branch> by default)."""
    remote = git.config_get(root, f"branch.{branch}.remote")
    merge = git.config_get(root, f"branch.{branch}.merge")
    if remote and merge and remote != ".":
        return remote, merge.removeprefix("refs/heads/")
    remotes = git.run(root, ["remote"]).stdout.split()
    if not remotes:
        raise UsageError(
            "本台账没有设置共享的远程仓库：请先运行 git remote add origin 仓库地址，再运行 anquan sync"
        )
    return ("origin" if "origin" in remotes else remotes[0]), branch


def _count(root: Path, span: str) -> int:
    return int(git.run(root, ["rev-list", "--count", span]).stdout.strip() or 0)


def _exists(root: Path, ref: str) -> bool:
    return git.run(root, ["rev-parse", "-q", "--verify", ref], check=False).returncode == 0


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def _ready(root: Path) -> str:
    git.require_repository(root)
    branch = git.current_branch(root)
    if branch is None:
        raise AnquanError(
            "台账的 git 仓库处于分离头指针（detached HEAD）状态，无法同步：请先运行 git switch main"
        )
    return branch


def sync(root: Path, writer: Office) -> SyncResult:
    """Pull (merge) from the shared remote, then push; raises SyncConflict on a real conflict.
    Stops before merging when another office's new records carry this office's ID code."""
    office = writer.name
    branch = _ready(root)
    remote, remote_branch = _upstream(root, branch)
    finished = False
    if git.merge_in_progress(root):
        finish_merge(root, office)
        finished = True
    changed = git.changed_tracked_paths(root)
    if changed:
        raise AnquanError(
            f"有未提交的改动：{'、'.join(changed)}；请先提交（git commit）或撤销后再同步"
        )
    fetched = git.run(root, ["fetch", "-q", remote], check=False)
    if fetched.returncode != 0:
        raise AnquanError(f"无法从远程仓库 {remote} 取回：{_last_line(fetched.stderr)}")
    tracking = f"refs/remotes/{remote}/{remote_branch}"
    received = 0
    if _exists(root, tracking):
        received = _count(root, f"HEAD..{tracking}")
        if received:
            refuse_clash(root, writer, [f"HEAD..{tracking}"])
            _merge(root, office, tracking, f"{remote}/{remote_branch}")
    sent = _count(root, f"{tracking}..HEAD") if _exists(root, tracking) else _count(root, "HEAD")
    if sent or not _exists(root, tracking):
        _push(root, remote, branch, remote_branch)
    return SyncResult(remote, branch, received, sent, finished)


def _merge(root: Path, office: str, ref: str, shown: str) -> None:
    message = git.signed(f"同步：合并远程 {shown} 中其他办所的更改", office)
    merged = git.run(
        root,
        [*git.identity(root, office), "merge", "-q", "--no-edit", "-m", message, ref],
        check=False,
    )
    if merged.returncode == 0:
        return
    conflicts = unmerged(root)
    if conflicts:
        raise SyncConflict(conflicts)
    raise AnquanError(
        f"合并远程更改失败，台账保持原样：{_last_line(merged.stderr or merged.stdout)}"
    )


def _push(root: Path, remote: str, branch: str, remote_branch: str) -> None:
    pushed = git.run(
        root,
        ["push", "-q", "--follow-tags", "-u", remote, f"HEAD:refs/heads/{remote_branch}"],
        check=False,
    )
    if pushed.returncode == 0:
        return
    said = pushed.stderr
    if "rejected" in said or "fetch first" in said or "non-fast-forward" in said:
        raise AnquanError(
            f"推送被拒绝：远程仓库 {remote} 在此期间有了新的更改，请再运行一次 anquan sync"
        )
    raise AnquanError(f"推送到远程仓库 {remote} 失败：{_last_line(said)}")


def remaining_markers(root: Path, paths: list[str]) -> list[str]:
    """Those of the files that still hold conflict markers."""
    left = []
    for path in paths:
        file = root / path
        if file.exists():
            text = file.read_bytes().decode("utf-8", errors="replace")
            if conflict_line(text) is not None:
                left.append(path)
    return left


def finish_merge(root: Path, office: str) -> None:
    """Commit a merge whose conflicts the person has resolved; refuse while markers remain or
    a file one side deleted is still unmerged (only the person can say which side wins)."""
    pending = unmerged(root)
    deleted = [c for c in pending if c.deleted_by is not None]
    left = remaining_markers(root, [c.path for c in pending if c.deleted_by is None])
    if deleted or left:
        raise SyncConflict([*deleted, *(conflict_of(p) for p in left)], still=True)
    for path in (c.path for c in pending):
        git.run(root, ["add", "--", path] if (root / path).exists() else ["rm", "-q", "--", path])
    message = git.signed("同步：解决冲突，完成合并", office)
    git.run(root, [*git.identity(root, office), "commit", "-q", "--no-verify", "-m", message])


def abort(root: Path) -> None:
    """Give up a merge that stopped on conflicts: the clone returns to its state before the pull."""
    _ready(root)
    if not git.merge_in_progress(root):
        raise UsageError("没有正在进行的合并，无需放弃")
    git.run(root, ["merge", "--abort"])
