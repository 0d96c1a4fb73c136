"""Commands for the office's work besides inspections: patrols and units' self-inspections."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from anquan_cli.cli.console import result
from anquan_cli.cli.context import writing_to
from anquan_cli.cli.options import LedgerOption, NoCommitOption
from anquan_cli.cli.prompts import ask_unit, listed, require, required_date
from anquan_cli.model.enums import SelfCheckLevel


def add_patrol(
    on: Annotated[str | None, typer.Option("--date", metavar="<日期>", help="巡查日期")] = None,
    village: Annotated[str | None, typer.Option("--village", help="村(社区)")] = None,
    point: Annotated[
        str | None,
        typer.Option("--point", help="巡查点位（登记为单位的地灾点、山塘、废弃坑口、检查站等）"),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="巡查类型，如 走山走水、守卡守点、防汛巡查（默认：列表第一项）"
        ),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="巡查人员，用逗号、顿号、分号、斜杠或空格分隔")
    ] = None,
    note_: Annotated[str | None, typer.Option("--note", help="巡查情况")] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记一次村居或办所的巡查（走山走水、守卡守点、防汛等，不计入检查），输出新编号。"""
    from anquan_cli import api

    writer, book = writing_to(ledger, no_commit)
    today = date.today()
    day = required_date(on, "--date", "巡查日期", today)
    villages = writer.settings.villages
    where = require(
        village,
        "--village",
        "村(社区)",
        check=lambda text: listed(text, villages, "村(社区)", "--village"),
    )
    record = api.add_patrol(
        book,
        day=day,
        village=where,
        by=require(by, "--by", "巡查人员"),
        kind=kind,
        point=point,
        note=note_,
        using=writer,
        today=today,
    )
    result(record.id)


def add_self_check(
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", "-e", help="单位：编号、名称或拼音首字母")
    ] = None,
    on: Annotated[str | None, typer.Option("--date", metavar="<日期>", help="自查日期")] = None,
    level: Annotated[
        SelfCheckLevel | None, typer.Option("--level", help="自查层级：班组/部门/厂长")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="自查人")] = None,
    note_: Annotated[str | None, typer.Option("--note", help="自查情况")] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记单位的一次企业自查（班组日查、部门周查、厂长月查），输出新编号。"""
    from anquan_cli import api

    writer, book = writing_to(ledger, no_commit)
    unit = ask_unit(writer, enterprise)
    today = date.today()
    record = api.add_self_check(
        book,
        enterprise=unit,
        day=required_date(on, "--date", "自查日期", today),
        level=level,
        by=by,
        note=note_,
        using=writer,
        today=today,
    )
    result(record.id)


def register(app: typer.Typer) -> None:
    app.command("add-patrol")(add_patrol)
    app.command("add-self-check")(add_self_check)
