"""Converting a record file saved by an old editor (GBK/GB18030) to UTF-8."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from anquan_cli.errors import AnquanError
from anquan_cli.store import git
from anquan_cli.store.atomic import write_atomic
from anquan_cli.store.lock import write_lock


def to_utf8(path: Path) -> tuple[str, bool]:
    """Rewrite the file as UTF-8 (without BOM, LF line ends); return the encoding it had and
    whether the file changed."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        fixed = text.replace("\r\n", "\n").encode("utf-8")
        if fixed != raw:
            write_atomic(path, fixed)
        return ("UTF-8" if encoding == "utf-8-sig" else "GB18030/GBK"), fixed != raw
    raise AnquanError("既不是 UTF-8 也不是 GBK/GB18030 编码，无法自动转换", path)


def convert(root: Path, paths: Sequence[Path], office: str | None) -> list[str]:
    """Rewrite the files as UTF-8 under the ledger's write lock, and commit those that changed
    in the name of the office, unless office is None; return each file's old encoding.

    Like every write, the commit is refused before anything is written where it would go
    wrong (a merge under way, a detached HEAD)."""
    if office is not None:
        git.require_git()
        git.ensure_can_commit(root)
    encodings, changed = [], []
    with write_lock(root):
        for path in paths:
            was, rewritten = to_utf8(path)
            encodings.append(was)
            if rewritten:
                changed.append(path)
        if office is not None:
            _commit(root, changed, office)
    return encodings


def _commit(root: Path, changed: list[Path], office: str) -> None:
    """Commit the rewritten files that now differ from git's (a file converted back to what
    was last committed has nothing to commit)."""
    names = [path.relative_to(root).as_posix() for path in changed]
    if not names:
        return
    listed = git.run(root, ["status", "--porcelain", "-z", "--", *names]).stdout
    differing = {entry[3:] for entry in listed.split("\0") if len(entry) > 3}
    kept = [path for path, name in zip(changed, names, strict=True) if name in differing]
    if kept:
        shown = "、".join(path.name for path in kept)
        git.commit(root, kept, f"转为 UTF-8 编码：{shown}", office)
