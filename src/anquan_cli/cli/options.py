"""Options shared by many commands, and the converters that read their values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.errors import UsageError
from anquan_cli.model.dates import parse_date

LedgerOption = Annotated[
    Path | None,
    typer.Option(
        "--ledger",
        help="台账目录（默认：$ANQUAN_LEDGER，或向上查找 anquan.yaml）",
        show_default=False,
    ),
]
NoCommitOption = Annotated[bool, typer.Option("--no-commit", help="写入文件但不提交 git")]


def _no_cache(value: bool) -> bool:
    """--no-cache takes effect as it is parsed, whichever command declares it."""
    if value:
        from anquan_cli.store import cache

        cache.enabled = False
    return value


NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="不使用缓存，重新读取每个文件", callback=_no_cache)
]


def to_date(value: str | None, flag: str) -> date | None:
    """A date option in any accepted spelling; a bad one is a usage error naming the flag."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise UsageError(f"{flag}：{error}") from None


def to_money(value: str | None, flag: str) -> Decimal | None:
    """An amount option, read as a record's amount is (model/fields.py: in 元, to the fen)."""
    if value is None:
        return None
    from anquan_cli.model.fields import to_money as money

    try:
        return money(value)
    except ValueError as error:
        raise UsageError(f"{flag}：{error}") from None


def output_path(output: Path | None, default_name: str) -> Path:
    """Where -o says to write: a file as given, or `default_name` inside a folder.

    A path without a suffix (``-o 报送/``) or an existing folder is a folder, made if missing;
    no -o means the default name in the current folder.
    """
    if output is None:
        return Path(default_name)
    if output.is_dir() or not output.suffix:
        output.mkdir(parents=True, exist_ok=True)
        return output / default_name
    return output
