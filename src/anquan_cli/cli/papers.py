"""`doc`: 执法文书 printed from the records as Word files, numbered and the numbers kept."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.options import LedgerOption, NoCacheOption, NoCommitOption, deliver, to_date
from anquan_cli.errors import UsageError


def doc(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="文书", help="现场检查记录、整改通知书 或 复查意见书", show_default=False
        ),
    ] = None,
    record_id: Annotated[
        str | None,
        typer.Argument(
            metavar="编号",
            help="检查编号（复查意见书也可给隐患编号）",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="<路径>",
            help="写入文件（或目录，用默认文件名）；- 为标准输出",
            show_default=False,
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option("--day", metavar="<日期>", help="打印这一天的全部文书（与 --office 同用）"),
    ] = None,
    office: Annotated[
        str | None,
        typer.Option(
            "--office", help="与 --day 同用：打印哪个办所当天的文书（默认：本副本的办所）"
        ),
    ] = None,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
    no_commit: NoCommitOption = False,
) -> None:
    """执法文书：现场检查记录、整改通知书、复查意见书（docx），文号按办所、种类、年度编排并写回记录。

    现场检查记录和整改通知书给检查编号；复查意见书给隐患编号（一处隐患）或检查编号（该次检查的
    全部隐患）。首次打印时给出文号（如 东溪应急〔2024〕整改12号），写回记录并提交 git；再次打印
    沿用原文号。文书以本副本的办所出具。--day D [--office O] 把该办所当天的全部文书打印在一个
    文件中。
    """
    from anquan_cli import api
    from anquan_cli.api.paperwork import print_day, print_document
    from anquan_cli.cli.context import ledger_root, office_for, say_undone_imports

    say_undone_imports()
    root = ledger_root(ledger)
    book = api.open_ledger(root, use_cache=not no_cache)
    if day is None and office is not None:
        raise UsageError("--office 与 --day 同用；单份文书以本副本的办所出具")
    if day is not None:
        if kind is not None or record_id is not None:
            raise UsageError("--day 打印一天的全部文书，不再给文书种类和编号")
        on = to_date(day, "--day")
        assert on is not None
        own = office_for(book.root, book.settings).name
        paper = print_day(book, on, office or own, office=own, commit=not no_commit)
    else:
        if kind is None or record_id is None:
            raise UsageError(
                "请给出文书种类和编号，如 anquan doc 整改通知书 DX-I-2411-YJB01；"
                "或用 --day 日期 --office 办所 打印一天的文书"
            )
        paper = print_document(book, kind, record_id, commit=not no_commit)
    target = deliver(output, paper.file_name, paper.data, binary=True)
    for doc_no in dict.fromkeys(paper.doc_nos):
        note(f"文号：{doc_no}")
    if target is not None:
        result(str(target))


def register(app: typer.Typer) -> None:
    app.command("doc")(doc)
