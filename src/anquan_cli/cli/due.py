"""`due`: what each office and village has due, as a table, JSON, a calendar or messages."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from anquan_cli.cli import console
from anquan_cli.cli.figures import AllowErrorsOption
from anquan_cli.cli.options import LedgerOption, NoCacheOption, to_date
from anquan_cli.errors import UsageError

DEFAULT_DAYS = 7  # stats/due.py DEFAULT_DAYS; repeated here so --help imports no stats


class DueFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    ICS = "ics"
    TEXT = "text"


def due(
    days: Annotated[
        int,
        typer.Option("--days", min=0, max=366, help="列出今后多少天内到期的隐患和检查"),
    ] = DEFAULT_DAYS,
    office: Annotated[
        str | None, typer.Option("--office", help="只列这个办所（监管责任单位）的事项")
    ] = None,
    village: Annotated[
        str | None,
        typer.Option("--village", help="只列这个村(社区)的事项（含位于该村的单位和隐患）"),
    ] = None,
    chosen: Annotated[
        DueFormat | None,
        typer.Option(
            "--format",
            help="输出格式：table 表格（默认），json 供脚本读取，ics 日历文件，text 可直接发到微信群"
            "的文字；给 -o 文件名时按后缀（.ics/.json/.txt）",
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="<路径>",
            help="写入文件（或目录，用默认文件名）；- 为标准输出。表格只打印到屏幕",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="<日期>", help="按哪一天看（默认：今天）"),
    ] = None,
    allow_errors: AllowErrorsOption = False,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """待办：逾期和临期的隐患、挂牌督办隐患、落后的本月计划、到期应检查和本月未自查的单位。

    每个办所（按监管责任单位）一段，村(社区)的巡查计划按村(社区)列出。--format ics 写出日历文件（用任何日历程序打开或导入），--format text 每个办所或村(社区)一段文字，可直接粘贴到微信群。
    """
    from anquan_cli import api
    from anquan_cli.cli.figures import open_for_figures, say_errors
    from anquan_cli.cli.progress import progress

    day = to_date(as_of, "--as-of") or date.today()
    output = chosen or _format_of(target)
    if output is DueFormat.TABLE and target is not None:
        raise UsageError(
            "表格只打印到屏幕；写文件请用 --format json、ics 或 text（或 -o 待办.ics）"
        )
    book = open_for_figures(ledger, no_cache)
    with progress("读取台账") as report:
        listing = api.due(
            book,
            as_of=day,
            days=days,
            office=office.strip() if office else None,
            village=village.strip() if village else None,
            allow_errors=allow_errors,
            progress=report,
        )
    say_errors(listing.problems)
    data = listing.to_dict()
    if listing.problems:
        data["check_errors"] = len(listing.problems)
    if output is DueFormat.TABLE:
        show(data)
        return
    name = f"{data['ledger']}安全生产待办{data['as_of']}.{_SUFFIXES[output]}"
    if output is DueFormat.ICS:
        from anquan_cli.render.calendar import calendar

        _deliver(calendar(data), target, name)
        return
    if output is DueFormat.JSON:
        from anquan_cli.stats.jsontext import dumps

        text = dumps(data)
    else:
        from anquan_cli.render.due import message

        text = message(data)
    if target is None:
        console.result(text)
    else:
        _deliver((text + "\n").encode("utf-8"), target, name)


_SUFFIXES = {DueFormat.JSON: "json", DueFormat.ICS: "ics", DueFormat.TEXT: "txt"}


def _format_of(target: Path | None) -> DueFormat:
    """The format a file name asks for (待办.ics), else the table."""
    suffix = target.suffix.lower().lstrip(".") if target is not None else ""
    found = [f for f, known in _SUFFIXES.items() if known == suffix]
    return found[0] if found else DueFormat.TABLE


def _deliver(data: bytes, target: Path | None, name: str) -> None:
    """The bytes on stdout (no -o, or -o -), else written atomically where -o says. A
    calendar keeps its CRLF line ends either way; a file also survives PowerShell, whose `>`
    would re-encode the output."""
    from anquan_cli.cli.options import deliver, is_dash

    if target is None or is_dash(target):
        _write_bytes(data)
        return
    written = deliver(target, name, data, binary=False)
    if written is not None:
        console.note(f"已写入 {written}")


def _write_bytes(data: bytes) -> None:
    """The calendar as its bytes: CRLF line ends that a text stream on Windows would double."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stream of text alone (tests capture stdout so)
        sys.stdout.write(data.decode("utf-8"))
        return
    buffer.write(data)
    buffer.flush()


def show(data: dict[str, Any]) -> None:
    """The terminal's view: per office and village, one table per list that has anything."""
    from rich.rule import Rule

    from anquan_cli.render.due import entry_title
    from anquan_cli.render.numbers import cn_date

    out = console.out
    if data.get("check_errors"):
        from anquan_cli.render.document import unchecked_warning

        out.print(unchecked_warning(data["check_errors"]).replace("本文", "以下"), markup=False)
    entries = [
        (kind, name, entry)
        for kind in ("by_office", "by_village")
        for name, entry in data[kind].items()
    ]
    head = (
        f"{data['ledger']}安全生产待办（截至 {cn_date(data['as_of'])}，临期按 {data['days']} 日内）"
    )
    out.print(head, markup=False)
    if not entries:
        out.print("没有逾期、临期或落后的事项。", markup=False)
        return
    for kind, name, entry in entries:
        out.print(Rule(entry_title(kind, name)))
        if not any(entry.values()):
            out.print("没有逾期、临期或落后的事项。", markup=False)
        for section, items in entry.items():
            if items:
                out.print(_table(section, items, data))


_FOLDED = ("单位或地点", "隐患", "单位", "办所或村(社区)", "所属村(社区)")
"""Columns of free text, folded when the terminal is narrow; the others are kept whole."""


def _table(section: str, items: list[dict[str, Any]], data: dict[str, Any]) -> object:
    from rich.table import Table

    from anquan_cli.render.due import (
        PLAN_WORDS,
        SECTION_WORDS,
        hazard_state,
        section_title,
    )
    from anquan_cli.render.numbers import short_date

    title = f"{section_title(section, data)}（{len(items)} {SECTION_WORDS[section]}）"
    table = Table(title=title, title_justify="left")
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    if section in ("overdue", "due_soon", "supervised"):
        headers = ("编号", "单位或地点", "隐患", "整改期限", "状态", "责任人")
        rows = [
            (
                h["id"],
                h["unit"],
                _marked(h),
                short_date(h["deadline"]),
                hazard_state(h["days_left"]),
                h["responsible"] or "—",
            )
            for h in items
        ]
    elif section == "plans_behind":
        headers = ("计划", "办所或村(社区)", "月份", "计划数", "按进度应完成", "已完成")
        rows = [
            (
                PLAN_WORDS[p["kind"]]["what"],
                p["name"],
                p["month"],
                f"{p['planned']}{PLAN_WORDS[p['kind']]['unit']}",
                str(p["expected"]),
                str(p["done"]),
            )
            for p in items
        ]
    elif section == "units_due_inspection":
        headers = ("编号", "单位", "风险等级", "周期", "上次检查", "应检查日期", "状态")
        rows = [
            (
                u["id"],
                u["name"],
                u["risk_level"],
                f"{u['cycle_months']}个月",
                short_date(u["last_inspected"]) or "无记录",
                short_date(u["next_due"]) or "尽快",
                (hazard_state(u["days_left"]) if u["days_left"] is not None else "从未检查")
                + ("·停产" if u["status"] == "停产" else ""),
            )
            for u in items
        ]
    else:
        headers = ("编号", "单位", "行业领域", "所属村(社区)")
        rows = [(u["id"], u["name"], u["sector"], u["village"]) for u in items]
    for header in headers:
        folded = header in _FOLDED
        # a folded column keeps room for a few characters: rich would squeeze it to nothing
        table.add_column(
            header, overflow="fold", no_wrap=not folded, min_width=8 if folded else None
        )
    for row in rows:
        table.add_row(*row)
    return table


def _marked(hazard: dict[str, Any]) -> str:
    """The description, with 重大 and 挂牌督办 said before it."""
    marks = [
        word
        for word, on in (("重大", hazard["level"] == "重大"), ("挂牌督办", hazard["supervision"]))
        if on
    ]
    return (f"【{'·'.join(marks)}】" if marks else "") + str(hazard["description"])


def register(app: typer.Typer) -> None:
    app.command("due")(due)
