"""`anquan check`: every problem in the ledger, one `path:line: 问题` per line."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.context import writer_for
from anquan_cli.cli.options import (
    FormatOption,
    LedgerOption,
    NoCacheOption,
    NoCommitOption,
    TextOrJson,
)


def check(
    strict: Annotated[
        bool, typer.Option("--strict", help="警告也算错误（如重大隐患五落实不全）")
    ] = False,
    output: FormatOption = TextOrJson.TEXT,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """检查每个文件和每处引用；有错误时退出码为 1。"""
    from anquan_cli import api
    from anquan_cli.cli.figures import open_for_figures
    from anquan_cli.cli.progress import progress

    book = open_for_figures(ledger, no_cache)
    book.today = date.today()  # check holds dates of things done to today, as add-* do
    scanned = book.scanned
    with progress("读取台账") as report:
        found = api.checked(book, report)
    from anquan_cli.errors import Problem
    from anquan_cli.store.sync import merge_problems

    # the git state is not part of the remembered outcome: asked afresh each time; nor are
    # attachments, which no figure depends on (remembered apart, by what attachments/ holds)
    attached = api.attachment_problems(book)
    if strict:
        attached = [Problem(p.path, p.line, p.message) for p in attached]
    problems = sorted(
        [
            *merge_problems(scanned.root),
            *(found.strict() if strict else found.problems),
            *attached,
        ]
    )
    if output is TextOrJson.JSON:
        import json

        result(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            result(problem.render())
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    note(f"检查了 {found.files} 个文件：{errors} 个错误，{warnings} 个警告")
    if errors:
        raise SystemExit(1)


def fix_encoding(
    files: Annotated[list[Path], typer.Argument(metavar="文件", help="要转换为 UTF-8 的文件")],
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """把 GBK/GB18030、UTF-16 编码（或带 BOM、CRLF）的记录文件转为 UTF-8，并提交 git。"""
    from anquan_cli.store.encoding import convert
    from anquan_cli.store.paths import inside

    writer = writer_for(ledger, no_commit)
    root = writer.root
    paths = [inside(root, path if path.is_absolute() else Path.cwd() / path) for path in files]
    for path, was in zip(files, convert(writer, paths), strict=True):
        note(f"{path}：原为 {was}，已保存为 UTF-8")


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("fix-encoding")(fix_encoding)
