"""The period flags shared by report, stats and export, and the Period they name."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from anquan_cli.cli.options import to_date

if TYPE_CHECKING:
    from anquan_cli.stats.periods import Period

QuarterOption = Annotated[
    str | None, typer.Option("--quarter", help="季度：1–4", show_default=False)
]
MonthOption = Annotated[
    str | None, typer.Option("--month", help="月份：1–12 或 2024-11", show_default=False)
]
HalfOption = Annotated[
    str | None, typer.Option("--half", help="半年：1/上 或 2/下", show_default=False)
]
FromOption = Annotated[
    str | None, typer.Option("--from", metavar="<日期>", help="起始日期", show_default=False)
]
ToOption = Annotated[
    str | None, typer.Option("--to", metavar="<日期>", help="截止日期", show_default=False)
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", help="年份（默认今年）；单独使用即全年", show_default=False),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="<日期>", help="统计截止日（默认：统计期最后一天）", show_default=False
    ),
]


def period_from(
    *,
    quarter: str | None,
    month: str | None,
    half: str | None,
    start: str | None,
    end: str | None,
    year: int | None,
    as_of: str | None,
    today: date,
    default_quarter: bool = False,
) -> Period:
    """The period the flags name (see stats.periods.resolve); bad flags are usage errors."""
    from anquan_cli.stats.periods import PeriodChoice, resolve

    choice = PeriodChoice(
        year=year,
        quarter=quarter,
        month=month,
        half=half,
        start=to_date(start, "--from"),
        end=to_date(end, "--to"),
        as_of=to_date(as_of, "--as-of"),
    )
    return resolve(choice, today, default_quarter=default_quarter)
