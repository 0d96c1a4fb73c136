"""安全专卷: recording that an office or a village filed an item of its year's archive."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from anquan_cli.cli.console import result
from anquan_cli.cli.context import writing_to
from anquan_cli.cli.options import LedgerOption, NoCommitOption, to_date
from anquan_cli.errors import UsageError


def file_archive(
    office: Annotated[str | None, typer.Option("--office", help="归档的办所")] = None,
    village: Annotated[str | None, typer.Option("--village", help="归档的村(社区)")] = None,
    item: Annotated[
        str | None, typer.Option("--item", help="专卷项目，须是 anquan.yaml 中 archive_items 之一")
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="专卷所属年度（默认：归档日期所在年）")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", metavar="<日期>", help="归档日期（默认：今天）")
    ] = None,
    note_: Annotated[str | None, typer.Option("--note", help="备注")] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记办所或村(社区)的一项安全专卷材料已归档（项目见 anquan.yaml 的 archive_items），输出新编号。"""
    from anquan_cli import api

    if (office is None) == (village is None):
        raise UsageError("请用 --office 或 --village 指明归档的办所或村(社区)，且只写一个")
    if not item or not item.strip():
        raise UsageError("请用 --item 写明专卷项目，如 --item 巡查记录")
    today = date.today()
    day = to_date(on, "--date") or today
    writer, book = writing_to(ledger, no_commit)
    record = api.file_archive(
        book,
        day=day,
        item=item.strip(),
        year=year if year is not None else day.year,
        holder_office=office.strip() if office else None,
        village=village.strip() if village else None,
        note=note_,
        using=writer,
        today=today,
    )
    result(record.id)


def register(app: typer.Typer) -> None:
    app.command("file-archive")(file_archive)
