"""Options shared by many commands, and the converters that read their values."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.errors import UsageError
from anquan_cli.model.dates import parse_date

PROG = "anquan"
COMPLETE_VAR = "_ANQUAN_COMPLETE"
"""Set by the shell's completion scripts (completion.py) when they ask `anquan` for
candidates; click reads it by this name, made from the program's name."""


class TextOrJson(StrEnum):
    """`--format` of a command that prints for people, or JSON for scripts."""

    TEXT = "text"
    JSON = "json"


FormatOption = Annotated[
    TextOrJson, typer.Option("--format", help="输出格式：text 供人阅读，json 供脚本读取")
]

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


def use_ledger(path: Path | None) -> None:
    """`anquan --ledger PATH …`, or --ledger on a command that has no parameter of its own
    for it: the ledger every lookup of this run starts from."""
    from anquan_cli.store import paths

    paths.default_ledger = path


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


def is_dash(path: Path | None) -> bool:
    """Whether a file argument is `-`: standard output for -o, standard input for import."""
    return path is not None and path.as_posix() == "-"


def write_stdout(data: bytes, *, binary: bool) -> None:
    """A document or workbook on stdout, for `-o - > file` or a pipe. A binary one (docx,
    xlsx) is refused on a terminal, where it would only be noise."""
    from anquan_cli.cli.console import stdout_is_terminal

    if binary and stdout_is_terminal():
        raise UsageError("-o - 把文件写到标准输出：请重定向到文件或管道，如 -o - > 报告.docx")
    if not binary:  # text (md, html, json) goes through the text stream, as results do
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def deliver(output: Path | None, default_name: str, data: bytes, *, binary: bool) -> Path | None:
    """Write a document where -o says: standard output for `-o -` (then None), else the file
    (`default_name` inside a folder), atomically; the path written is returned."""
    if is_dash(output):
        write_stdout(data, binary=binary)
        return None
    from anquan_cli.store.atomic import write_atomic

    target = output_path(output, default_name)
    write_atomic(target, data)
    return target


def output_path(output: Path | None, default_name: str) -> Path:
    """Where -o says to write: a file as given, or `default_name` inside a folder.

    A path without a suffix (``-o 报送/``) or an existing folder is a folder, made if missing;
    no -o means the default name in the current folder.
    """
    if output is None:
        return Path(default_name)
    if is_dash(output):  # a writer that cannot stream must say so, not make a folder "-"
        raise UsageError("此命令不能把文件写到标准输出（-o -），请给出文件名或目录")
    if output.is_dir() or not output.suffix:
        output.mkdir(parents=True, exist_ok=True)
        return output / default_name
    return output


def _ledger_given(value: Path | None) -> Path | None:
    if value is not None:
        use_ledger(value)
    return value


def everywhere(
    ledger: Annotated[
        Path | None,
        typer.Option(
            "--ledger",
            help="台账目录（默认：$ANQUAN_LEDGER，或向上查找 anquan.yaml）",
            show_default=False,
            callback=_ledger_given,
        ),
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """The options `anquan` takes before any command, which every command takes as well
    (lazy.py adds the ones a command does not declare itself)."""
