"""Who did what: `submit` (报送) and `status` (each office's and village's month or year)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.context import open_ledger
from anquan_cli.cli.options import (
    FormatOption,
    LedgerOption,
    NoCommitOption,
    TextOrJson,
    to_date,
)
from anquan_cli.errors import UsageError

MonthFlag = Annotated[
    str | None, typer.Option("--month", metavar="<月份>", help="月份，如 2024-11")
]


def _month(text: str) -> str:
    from anquan_cli.model.dates import check_year, parse_month

    try:
        which = parse_month(text)
        check_year(date(int(which[:4]), int(which[5:]), 1))
    except ValueError as error:
        raise UsageError(f"--month：{error}") from None
    return which


def submit(
    month: MonthFlag = None,
    office: Annotated[str | None, typer.Option("--office", help="报送的办所")] = None,
    village: Annotated[str | None, typer.Option("--village", help="报送的村(社区)")] = None,
    on: Annotated[
        str | None, typer.Option("--date", metavar="<日期>", help="报送日期（默认今天）")
    ] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """登记办所或村(社区)向应急办报送了某月的台账（报送），输出新编号。"""
    from anquan_cli import api
    from anquan_cli.cli.context import writing_to

    if month is None:
        raise UsageError("缺少必填选项 --month（如 2024-11）")
    today = date.today()
    day = to_date(on, "--date") or today
    writer, book = writing_to(ledger, no_commit)
    record = api.submit(
        book,
        month=_month(month),
        day=day,
        submitter_office=office,
        village=village,
        using=writer,
        today=today,
    )
    result(record.id)


def status(
    month: MonthFlag = None,
    year: Annotated[
        int | None, typer.Option("--year", help="年份：各办所、村(社区)逐月的报送情况")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="<日期>", help="按哪天的情况（默认今天）")
    ] = None,
    output: FormatOption = TextOrJson.TEXT,
    ledger: LedgerOption = None,
) -> None:
    """各办所、村(社区)某月的台账记录、报送和计划完成情况（默认本月）；--year 给出全年逐月报送情况。"""
    from anquan_cli.api import accountability

    if month is not None and year is not None:
        raise UsageError("--month 与 --year 只能给一个")
    today = date.today()
    day = to_date(as_of, "--as-of") or today
    book = open_ledger(ledger)
    if book.parts:
        raise UsageError("区级台账请在各镇街台账中查看 anquan status")
    if year is not None:
        if not 2000 <= year <= 2099:
            raise UsageError(f"--year：年份 {year} 不在 2000—2099 之间")
        data = accountability.year_status(book, year, day)
        if output is TextOrJson.JSON:
            result(_dump(data))
        else:
            _year_table(data)
        return
    which = _month(month) if month is not None else f"{day:%Y-%m}"
    data = accountability.month_status(book, which, day)
    if output is TextOrJson.JSON:
        result(_dump(data))
        return
    _month_table(data)


def _dump(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2)


def _month_table(data: dict[str, Any]) -> None:
    from rich.table import Table

    from anquan_cli.cli.console import out

    year, number = data["month"].split("-")
    table = Table(title=f"{year}年{int(number)}月各办所、村(社区)台账（截至 {data['as_of']}）")
    for header in ("名称", "本月记录", "最近记录", "报送", "计划完成"):
        table.add_column(header, overflow="fold", no_wrap=header in ("最近记录", "报送"))
    for row in data["offices"]:
        handed = row["submission"]
        plan = row["plan"]
        if handed is None:
            shown = "接收报送"
        elif handed["date"]:
            shown = f"{handed['mark']} {handed['date']}"
        else:
            shown = handed["mark"]
        table.add_row(
            row["office"],
            f"{row['records_this_month']}条" if row["updated_this_month"] else "无",
            row["last_change"] or "—",
            shown,
            "—"
            if plan is None
            else f"{plan['done']}/{plan['planned']}"
            + ("" if plan["rate"] is None else f" {plan['rate']:.1%}"),
        )
    out.print(table)
    quiet = [r["office"] for r in data["offices"] if not r["updated_this_month"]]
    if quiet:
        note(f"本月没有记录：{'、'.join(quiet)}")
    for mark in ("未报送", "迟报"):
        named = [
            r["office"] for r in data["offices"] if (r["submission"] or {}).get("mark") == mark
        ]
        if named:
            note(f"{mark}：{'、'.join(named)}")


SHORT_MARKS = {"按时": "按", "迟报": "迟", "未报送": "未", "未到期": "—"}


def _year_table(data: dict[str, Any]) -> None:
    from rich import box
    from rich.table import Table

    from anquan_cli.cli.console import out

    table = Table(
        title=f"{data['year']}年台账报送情况（截至 {data['as_of']}）",
        box=box.SIMPLE_HEAD,
        padding=(0, 0),
        collapse_padding=True,
    )
    table.add_column("名称", no_wrap=True)
    for number in range(1, 13):
        table.add_column(f"{number:>2}", no_wrap=True, justify="center", min_width=3)
    table.add_column(" 迟报", justify="right", no_wrap=True)
    table.add_column(" 未报", justify="right", no_wrap=True)
    for row in data["offices"]:
        table.add_row(
            row["office"],
            *(SHORT_MARKS[m["mark"]] for m in row["months"].values()),
            str(row["submissions_late"]),
            str(row["submissions_missing"]),
        )
    out.print(table)
    note("1—12 为月份。按：按时报送；迟：迟报；未：未报送；—：未到报送截止日")


def register(app: typer.Typer) -> None:
    app.command("submit")(submit)
    app.command("status")(status)
