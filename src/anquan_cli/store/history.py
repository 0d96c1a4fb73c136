"""A record file's change history, read from git log."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anquan_cli.store import git


@dataclass(frozen=True)
class Change:
    when: str
    office: str
    message: str
    commit: str


def file_history(root: Path, shown: str) -> list[Change]:
    """Commits that touched the file, oldest first (empty outside a git repository)."""
    if not git.is_repository(root):
        return []
    completed = git.run(
        root,
        [
            "log",
            "--follow",
            "--format=%H%x1f%aI%x1f%(trailers:key=Anquan-Office,valueonly,separator=)%x1f%s",
            "--",
            shown,
        ],
        check=False,
    )
    changes = []
    for line in completed.stdout.replace("\n\x1f", "\x1f").splitlines():
        parts = line.split("\x1f")
        if len(parts) == 4:
            changes.append(
                Change(when=parts[1], office=parts[2], message=parts[3], commit=parts[0][:10])
            )
    return changes[::-1]
