"""Bringing a photo or a scanned document in as evidence: what the file really is (by its
content, not its name), and a photo reduced to what a report needs.

A photo is turned upright by its EXIF orientation, reduced to LONG_SIDE pixels on its long
side and saved as JPEG at QUALITY; nothing of its EXIF is kept but its date, so the place it
was taken (GPS) and the phone's other notes do not travel with the ledger. A PDF is kept byte
for byte. Anything else, or a file over the ledger's limit, is refused with one line saying why.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.errors import AnquanError
from anquan_cli.model.attachments import MediaType

if TYPE_CHECKING:
    from PIL.Image import Exif
    from PIL.Image import Image as Picture

LONG_SIDE = 1600
QUALITY = 85
THUMB_SIDE = 240
THUMB_QUALITY = 70

_EXIF_IFD = 0x8769
_DATE_TIME = 0x0132
_DATE_TIME_ORIGINAL = 0x9003


@dataclass(frozen=True)
class Prepared:
    """A file as the ledger will store it."""

    data: bytes
    media: MediaType
    taken: str | None = None
    width: int | None = None
    height: int | None = None

    @property
    def suffix(self) -> str:
        return ".pdf" if self.media is MediaType.PDF else ".jpg"


def prepare(path: Path, max_mb: int) -> Prepared:
    """The file ready to store: a PDF as it is, a photo reduced; refused (AnquanError naming
    the file) when it is missing, over `max_mb`, or neither an image nor a PDF."""
    shown = str(path)
    try:
        size = os.stat(path).st_size
        if not path.is_file():
            raise AnquanError("不是文件", shown)
    except FileNotFoundError:
        raise AnquanError("找不到此文件", shown) from None
    if size > max_mb * 1024 * 1024:
        raise AnquanError(
            f"文件 {size / 1024 / 1024:.1f} MB，超过台账的附件上限 {max_mb} MB"
            "（anquan.yaml 的 attachment_max_mb），未保存",
            shown,
        )
    raw = path.read_bytes()
    if raw.startswith(b"%PDF-"):
        return Prepared(raw, MediaType.PDF)
    return _photo(raw, shown)


def _photo(raw: bytes, shown: str) -> Prepared:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(raw)) as opened:
            opened.load()
            taken = exif_date(opened.getexif())
            upright = ImageOps.exif_transpose(opened)
    except Image.DecompressionBombError:
        raise AnquanError("图片像素过多（疑为压缩炸弹），未保存", shown) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise AnquanError(f"不是图片或 PDF（{_what_it_is(raw)}），未保存", shown) from None
    picture = _flattened(upright)
    picture.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    exif = Image.Exif()
    if taken is not None:
        stamp = taken.replace("-", ":", 2)
        exif[_DATE_TIME] = stamp
        exif[_EXIF_IFD] = {_DATE_TIME_ORIGINAL: stamp}
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=QUALITY, exif=exif)
    return Prepared(out.getvalue(), MediaType.JPEG, taken, picture.width, picture.height)


def _flattened(picture: Picture) -> Picture:
    """RGB, a transparent picture laid on white (JPEG has no transparency)."""
    from PIL import Image

    if picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return picture.convert("RGB")


def exif_date(exif: Exif) -> str | None:
    """When the photo was taken, as its EXIF says (DateTimeOriginal, else DateTime), written
    2024-10-25 09:31:00; None when it says nothing readable."""
    found = exif.get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL) or exif.get(_DATE_TIME)
    if not isinstance(found, str):
        return None
    text = found.strip().rstrip("\x00")
    day, _, time = text.partition(" ")
    parts = day.split(":")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or parts[0] in ("0000", ""):
        return None
    return f"{'-'.join(parts)} {time}".strip()


def _what_it_is(raw: bytes) -> str:
    """A few words on what a refused file holds, for the refusal."""
    head = raw[:4096]
    if not head:
        return "文件是空的"
    if head.startswith(b"PK\x03\x04"):
        return "内容是压缩包或 Office 文档"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("gb18030")
        except UnicodeDecodeError:
            return "无法识别的文件内容"
    return "内容是文本"


def thumbnail(data: bytes) -> bytes:
    """A small JPEG of a stored photo, for a gallery: THUMB_SIDE on its long side."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as opened:
        picture = opened.convert("RGB")
    picture.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=THUMB_QUALITY)
    return out.getvalue()
