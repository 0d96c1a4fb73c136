"""`anquan check`: every problem in the ledger, one `path:line: 问题` per line."""

from __future__ import annotations

from typing import Annotated

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.context import open_ledger
from anquan_cli.cli.options import LedgerOption, NoCacheOption


def check(
    strict: Annotated[
        bool, typer.Option("--strict", help="警告也算错误（如重大隐患五落实不全）")
    ] = False,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """检查每个文件和每处引用；有错误时退出码为 1。"""
    from anquan_cli.checks.rules import run_checks

    book = open_ledger(ledger)
    problems = run_checks(book, strict=strict)
    for problem in problems:
        result(problem.render())
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    note(
        f"检查了 {len(book.entries) + len(book.problems)} 个文件：{errors} 个错误，{warnings} 个警告"
    )
    if errors:
        raise SystemExit(1)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
