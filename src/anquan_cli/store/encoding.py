"""Converting a record file saved by an old editor (GBK/GB18030, UTF-16) to UTF-8."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.errors import AnquanError
from anquan_cli.store.journal import Change
from anquan_cli.store.lock import write_lock
from anquan_cli.store.paths import relative
from anquan_cli.store.yamlread import utf16_codec

if TYPE_CHECKING:
    from anquan_cli.store.writer import Writer


def utf8_bytes(raw: bytes) -> tuple[str, bytes]:
    """The file's bytes as UTF-8 (without BOM, LF line ends), and the encoding it had."""
    wide = utf16_codec(raw)
    if wide is not None:
        text = raw.decode(wide).removeprefix("\ufeff")
        return "UTF-16", text.replace("\r\n", "\n").encode("utf-8")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        was = "UTF-8" if encoding == "utf-8-sig" else "GB18030/GBK"
        return was, text.replace("\r\n", "\n").encode("utf-8")
    raise ValueError("既不是 UTF-8 也不是 GBK/GB18030 编码，无法自动转换")


def convert(writer: Writer, paths: Sequence[Path]) -> list[str]:
    """Rewrite the files as UTF-8 under the ledger's write lock, and commit those that changed
    as the writer commits its records (all or none); return each file's old encoding."""
    encodings, changes = [], []
    with write_lock(writer.root):
        for path in paths:
            raw = path.read_bytes()
            try:
                was, fixed = utf8_bytes(raw)
            except ValueError as error:
                raise AnquanError(str(error), path) from None
            encodings.append(was)
            if fixed != raw:
                changes.append(Change(relative(writer.root, path), fixed, raw))
        if changes:
            shown = "、".join(Path(change.name).name for change in changes)
            writer.rewrite(changes, f"转为 UTF-8 编码：{shown}")
    return encodings
