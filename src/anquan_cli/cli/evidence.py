"""`anquan attach`: photos and scanned documents kept as a record's evidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.context import writer_for
from anquan_cli.cli.options import LedgerOption, NoCommitOption, to_date
from anquan_cli.model.attachments import AttachmentKind

if TYPE_CHECKING:
    from anquan_cli.api.evidence import Attached


def attach(
    record_id: Annotated[
        str, typer.Argument(metavar="编号", help="记录编号（隐患、检查、单位……）")
    ],
    files: Annotated[
        list[Path], typer.Argument(metavar="文件…", help="照片（JPEG、PNG 等）或 PDF")
    ],
    kind: Annotated[
        AttachmentKind,
        typer.Option("--as", help="类别：整改前、整改后（只用于隐患）、现场、文书扫描件"),
    ] = AttachmentKind.SITE,
    on: Annotated[
        str | None,
        typer.Option("--date", metavar="<日期>", help="日期（默认：照片的拍摄日期，没有则今天）"),
    ] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """给记录附上照片或扫描的文书（按内容存一份，照片缩小、去掉位置信息），输出所存文件。"""
    from anquan_cli import api
    from anquan_cli.api.evidence import attach as store

    writer = writer_for(ledger, no_commit)
    day = to_date(on, "--date")
    book = api.open_ledger(writer.root)
    added, known = store(
        book, record_id, files, kind=kind, day=day, today=date.today(), using=writer
    )
    for link in added:
        result(f"attachments/{link.file}")
    if known:
        note(f"{known} 个文件此前已作为{kind}附在 {record_id.strip().upper()} 上，未重复保存")


def attachment_lines(found: list[Attached]) -> list[str]:
    """`show`'s lines for a record's attachments: kind, date, EXIF date, size, name."""
    if not found:
        return []
    lines = ["  附件："]
    for item in found:
        link = item.link
        taken = f"，拍摄于 {link.taken}" if link.taken else ""
        shape = f"，{link.width}×{link.height}" if link.width and link.height else ""
        missing = "  ！文件不存在" if not item.exists else ""
        lines.append(
            f"    {link.kind}  {link.date}{taken}  {_size(link.size)}{shape}  "
            f"{link.name} → attachments/{link.file}{missing}"
        )
    return lines


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def register(app: typer.Typer) -> None:
    app.command("attach")(attach)
