"""The figure commands' side of api.count: the --allow-errors flag, progress bars, and the
problems of a ledger allowed to fail `check` said on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from anquan_cli.cli.console import note

if TYPE_CHECKING:
    from anquan_cli.api import Figures, OpenLedger
    from anquan_cli.errors import Problem
    from anquan_cli.stats.periods import Period

AllowErrorsOption = Annotated[
    bool,
    typer.Option(
        "--allow-errors",
        help="台账未通过检查时仍出数字：文中注明，错误列在屏幕上（默认不出数字，退出码 1）",
    ),
]
SHOWN_PROBLEMS = 10


def open_for_figures(ledger: Path | None, no_cache: bool = False) -> OpenLedger:
    """The ledger (town or district), scanned, with a bar over a district's towns."""
    from anquan_cli import api
    from anquan_cli.cli.context import say_undone_imports
    from anquan_cli.cli.progress import progress

    say_undone_imports()
    with progress("查看各镇街台账") as report:
        book = api.open_ledger(ledger, use_cache=not no_cache, progress=report)
        book.scanned  # noqa: B018  (scanned now, under the bar)
        book.progress = None
    return book


def figures_of(book: OpenLedger, period: Period, allow_errors: bool) -> Figures:
    """The period's figures through the api; a ledger failing `check` stops the command
    (api.FailsCheck, exit 1) unless --allow-errors, and then its errors are said here."""
    from anquan_cli import api
    from anquan_cli.cli.progress import progress

    with progress("读取台账") as report:
        figures = api.count(book, period, allow_errors=allow_errors, progress=report)
    say_errors(figures.problems)
    return figures


def say_errors(problems: list[Problem]) -> None:
    """The errors of a ledger whose figures were given anyway (--allow-errors), on stderr."""
    if not problems:
        return
    note(
        f"警告：台账未通过检查（{len(problems)} 个错误），按 --allow-errors 仍出数字，"
        "文中已注明未经核实："
    )
    for problem in problems[:SHOWN_PROBLEMS]:
        note(problem.render())
    if len(problems) > SHOWN_PROBLEMS:
        note(f"……另有 {len(problems) - SHOWN_PROBLEMS} 个错误；请运行 anquan check 查看")


def gate(book: OpenLedger, allow_errors: bool) -> None:
    """A command that shows figures without counting them (report --explain): stop on a
    ledger failing `check`, as api.count does, unless --allow-errors."""
    from anquan_cli import api

    errors = [p for p in api.check(book) if p.is_error]
    if errors and not allow_errors:
        raise api.FailsCheck(errors)
    say_errors(errors)
