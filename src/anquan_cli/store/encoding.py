"""Converting a record file saved by an old editor (GBK/GB18030) to UTF-8."""

from __future__ import annotations

from pathlib import Path

from anquan_cli.errors import AnquanError
from anquan_cli.store.atomic import write_atomic


def to_utf8(path: Path) -> str:
    """Rewrite the file as UTF-8 (without BOM, LF line ends); return the encoding it had."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        fixed = text.replace("\r\n", "\n").encode("utf-8")
        if fixed != raw:
            write_atomic(path, fixed)
        return "UTF-8" if encoding == "utf-8-sig" else "GB18030/GBK"
    raise AnquanError("既不是 UTF-8 也不是 GBK/GB18030 编码，无法自动转换", path)
