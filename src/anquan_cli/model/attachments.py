"""Files kept as evidence of a record (照片、扫描的文书): what each link says, and the rule a
ledger may set that 验收 needs a photo taken after 整改.

A record's links are not part of its file: they live in a sidecar index under `attachments/`
(store/attachments.py), so that the record files, their cache and every figure read as fast
with ten thousand photos as with none.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from anquan_cli.model.fields import Day


class AttachmentKind(StrEnum):
    """What a file is evidence of."""

    BEFORE = "整改前"
    AFTER = "整改后"
    SITE = "现场"
    SCAN = "文书扫描件"

    @property
    def for_hazards_only(self) -> bool:
        return self in (AttachmentKind.BEFORE, AttachmentKind.AFTER)


class MediaType(StrEnum):
    JPEG = "image/jpeg"
    PDF = "application/pdf"


class Attachment(BaseModel):
    """One file linked to a record: where it is stored (by its content's hash, relative to
    `attachments/`), what it shows, when, and the name it came in under."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    file: str = Field(pattern=r"^files/[0-9a-f]{2}/[0-9a-f]{64}\.(jpg|pdf)$", title="文件")
    kind: AttachmentKind = Field(alias="as", title="类别")
    date: Day = Field(title="日期")
    taken: str | None = Field(default=None, title="拍摄时间")
    """The photo's own EXIF date and time (2024-10-25 09:31:00), as the camera wrote it."""
    name: str = Field(min_length=1, title="原文件名")
    size: int = Field(ge=0, title="大小")
    media: MediaType = Field(title="类型")
    width: int | None = Field(default=None, ge=1)
    height: int | None = Field(default=None, ge=1)

    @property
    def is_photo(self) -> bool:
        return self.media is MediaType.JPEG


class AttachmentIndex(BaseModel):
    """The sidecar of one record: its ID and its files, in the order they were attached."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    record: str = Field(min_length=1)
    files: tuple[Attachment, ...] = ()


def after_photo_refusal(
    hazard_id: str, required: bool, attached: tuple[Attachment, ...]
) -> str | None:
    """Why 验收 may not pass yet: the ledger requires an 整改后 photo (require_after_photo)
    and the hazard has none. None when it may."""
    if not required:
        return None
    if any(a.kind is AttachmentKind.AFTER and a.is_photo for a in attached):
        return None
    return (
        "台账要求验收前须有整改后照片（anquan.yaml 的 require_after_photo），"
        f"此隐患还没有：请先 anquan attach {hazard_id} 照片 --as 整改后"
    )
