"""Converting a record file saved by an old editor (GBK/GB18030, UTF-16) to UTF-8."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.errors import AnquanError
from anquan_cli.store import git
from anquan_cli.store.atomic import write_atomic
from anquan_cli.store.lock import write_lock
from anquan_cli.store.yamlread import utf16_codec

if TYPE_CHECKING:
    from anquan_cli.store.writer import Writer


def to_utf8(path: Path) -> tuple[str, bool]:
    """Rewrite the file as UTF-8 (without BOM, LF line ends); return the encoding it had and
    whether the file changed."""
    raw = path.read_bytes()
    wide = utf16_codec(raw)
    if wide is not None:
        fixed = raw.decode(wide).removeprefix("\ufeff").replace("\r\n", "\n").encode("utf-8")
        write_atomic(path, fixed)
        return "UTF-16", True
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


def convert(writer: Writer, paths: Sequence[Path]) -> list[str]:
    """Rewrite the files as UTF-8 under the ledger's write lock, and commit those that changed
    as the writer commits its records; return each file's old encoding."""
    encodings, changed = [], []
    with write_lock(writer.root):
        for path in paths:
            was, rewritten = to_utf8(path)
            encodings.append(was)
            if rewritten:
                changed.append(path)
        if writer.commits:
            kept = _differing_from_git(writer.root, changed)
            if kept:
                shown = "、".join(path.name for path in kept)
                writer.commit_files(kept, f"转为 UTF-8 编码：{shown}")
    return encodings


def _differing_from_git(root: Path, changed: list[Path]) -> list[Path]:
    """The rewritten files that now differ from git's (a file converted back to what was last
    committed has nothing to commit)."""
    names = [path.relative_to(root).as_posix() for path in changed]
    if not names:
        return []
    listed = git.run(root, ["status", "--porcelain", "-z", "--", *names]).stdout
    differing = {entry[3:] for entry in listed.split("\0") if len(entry) > 3}
    return [path for path, name in zip(changed, names, strict=True) if name in differing]
