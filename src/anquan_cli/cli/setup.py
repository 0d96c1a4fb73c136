"""`init` and `office set`: making a ledger and naming this clone's office."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.context import ledger_root
from anquan_cli.cli.options import LedgerOption
from anquan_cli.cli.prompts import require

office_app = typer.Typer(help="本台账副本所属的办所（不提交到 git）。", no_args_is_help=True)


def init(
    directory: Annotated[
        Path, typer.Argument(metavar="目录", help="台账目录（默认当前目录）")
    ] = Path(),
    name: Annotated[str | None, typer.Option("--name", help="镇（街道）名称，如 东溪镇")] = None,
    office: Annotated[
        str | None,
        typer.Option("--office", help="本副本所属办所（默认 应急办）", show_default=False),
    ] = None,
    code: Annotated[
        str | None, typer.Option("--code", help="编号代码（默认取名称拼音首字母，如 DX）")
    ] = None,
) -> None:
    """新建台账：设置文件、记录目录和 git 仓库。"""
    from anquan_cli.model.settings import DEFAULT_OFFICE
    from anquan_cli.store.create import create_ledger

    office = office or DEFAULT_OFFICE
    town = require(name, "--name", "镇（街道）名称")
    root = create_ledger(directory, town, office, code.upper() if code else None)
    note(f"已新建台账“{town}”，本副本办所：{office}")
    result(str(root))


def office_set(
    name: Annotated[str, typer.Argument(metavar="办所", help="办所名称，如 经发办")],
    ledger: LedgerOption = None,
) -> None:
    """设置本副本所属的办所（保存在本地 git 配置中，不会提交）。"""
    from anquan_cli.store.office import set_office
    from anquan_cli.store.settings_file import read_settings

    root = ledger_root(ledger)
    settings = read_settings(root)
    set_office(root, name.strip(), settings)
    listed = settings.offices
    if listed and all(o.name != name.strip() for o in listed):
        note(
            f"提示：{name.strip()} 不在 anquan.yaml 的 offices 列表中"
            f"（{'、'.join(o.name for o in listed)}）；按办所登记计划或监管责任单位前，请把它加入列表"
        )
    result(name.strip())


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    office_app.command("set")(office_set)
    app.add_typer(office_app, name="office")
