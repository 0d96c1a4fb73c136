"""`stats`: the current quarter (or any period) at a glance in the terminal."""

from __future__ import annotations

from datetime import date
from typing import Any

import typer

from anquan_cli.cli import console
from anquan_cli.cli.figures import AllowErrorsOption
from anquan_cli.cli.options import FormatOption, LedgerOption, NoCacheOption, TextOrJson
from anquan_cli.cli.periods import (
    AsOfOption,
    FromOption,
    HalfOption,
    MonthOption,
    QuarterOption,
    ToOption,
    YearOption,
    period_from,
)
from anquan_cli.render.numbers import fine, percent

SHOWN = 20
"""Rows of each hazard list shown; the rest are counted, and `list hazards` shows them all."""


def stats(
    quarter: QuarterOption = None,
    month: MonthOption = None,
    half: HalfOption = None,
    start: FromOption = None,
    end: ToOption = None,
    year: YearOption = None,
    as_of: AsOfOption = None,
    allow_errors: AllowErrorsOption = False,
    output: FormatOption = TextOrJson.TEXT,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """一览：本季度（或指定统计期）的总数、分领域情况、逾期隐患和未销号的重大隐患。"""
    from anquan_cli.cli.figures import figures_of, open_for_figures

    today = date.today()
    flags = (quarter, month, half, start, end, year)
    period = period_from(
        quarter=quarter,
        month=month,
        half=half,
        start=start,
        end=end,
        year=year,
        # the current quarter is seen as of today; a named period as of its last day
        as_of=as_of or (today.isoformat() if all(f is None for f in flags) else None),
        today=today,
        default_quarter=True,
    )
    book = open_for_figures(ledger, no_cache)
    figures = figures_of(book, period, allow_errors)
    if output is TextOrJson.JSON:  # the same object as `report --format json`
        console.result(figures.text)
        return
    show(figures.data, unchecked=len(figures.problems))


def show(data: dict[str, Any], *, unchecked: int = 0) -> None:
    """Print the period's figures (as `report --format json` has them) as the terminal's
    one-screen overview."""
    from rich.panel import Panel

    period = data["period"]
    title = f"{data['ledger']} {period['label']}（截至 {period['as_of']}）"
    if unchecked:
        from anquan_cli.render.document import unchecked_warning

        console.out.print(unchecked_warning(unchecked).replace("本文", "以下"), markup=False)
    console.out.print(Panel(_totals_text(data["totals"]), title=title, expand=False))
    if data["quiet_villages"]:
        named = "；".join(
            f"{village}巡查{times}次，均未发现隐患"
            for village, times in data["quiet_villages"].items()
        )
        console.out.print(f"巡查记录均为无隐患的村(社区)：{named}")
    if "by_town" in data:
        console.out.print(_group_table("分镇街", "镇街", data["by_town"]))
    console.out.print(_group_table("分行业领域", "行业领域", data["by_sector"]))
    _hazard_table("逾期未整改隐患（含此前排查的）", data["overdue"], overdue=True)
    _hazard_table("未销号的重大隐患", data["open_major"], overdue=False)


def _totals_text(t: dict[str, Any]) -> str:
    more = []
    if t["patrols"]:
        more.append(
            f"巡查 {t['patrols']} 次，{t['patrol_visits']} 人次，"
            f"其中未发现隐患 {t['patrols_without_findings']} 次"
        )
    if t["self_checks"] or t["self_check_hazards"]:
        more.append(
            f"企业自查 {t['self_checks']} 次（{t['units_self_checked']} 家），自查发现隐患 "
            f"{t['self_check_hazards']} 处，已整改 {t['self_check_hazards_rectified']} 处"
        )
    if t["hazards_fixed_on_spot"]:
        more.append(f"其中当场整改 {t['hazards_fixed_on_spot']} 处")
    return "\n".join(
        (
            f"检查企业(单位) {t['enterprises_inspected']} 家，检查 {t['inspections']} 家次，"
            f"出动检查人员 {t['inspector_visits']} 人次",
            f"排查隐患 {t['hazards_found']} 处（重大 {t['hazards_major']} 处），"
            f"已整改 {t['hazards_rectified']} 处，整改中 {t['hazards_open']} 处",
            f"逾期 {t['hazards_overdue']} 处，已销号 {t['hazards_closed']} 处，"
            f"整改率 {percent(t['rectification_rate'])}",
            f"历史遗留未整改 {t['backlog_open']} 处",
            f"行政处罚 {t['penalties']} 起，罚款 {fine(t['fines_yuan'])}",
            f"生产安全事故 {t['accidents']} 起，死亡 {t['deaths']} 人，受伤 {t['injuries']} 人",
            *more,
        )
    )


def _group_table(title: str, heading: str, groups: dict[str, dict[str, Any]]) -> object:
    """One row per group (a sector, a town) with anything to show."""
    from rich.table import Table

    table = Table(title=title)
    for header in (
        heading,
        "检查",
        "隐患",
        "已整改",
        "整改中",
        "逾期",
        "整改率",
        "遗留",
        "事故",
    ):
        table.add_column(header, justify="left" if header == heading else "right")
    for name, c in groups.items():
        if not (c["inspections"] or c["hazards_found"] or c["backlog_open"] or c["accidents"]):
            continue
        table.add_row(
            name,
            *(
                str(c[key])
                for key in (
                    "inspections",
                    "hazards_found",
                    "hazards_rectified",
                    "hazards_open",
                    "hazards_overdue",
                )
            ),
            percent(c["rectification_rate"]),
            str(c["backlog_open"]),
            str(c["accidents"]),
        )
    return table


def _hazard_table(title: str, lines: list[dict[str, Any]], *, overdue: bool) -> None:
    from rich.table import Table

    if not lines:
        console.out.print(f"{title}：无")
        return
    more = f"，显示前 {SHOWN} 处" if len(lines) > SHOWN else ""
    table = Table(title=f"{title}（共 {len(lines)} 处{more}）")
    headers = ["编号", "单位", "隐患", "整改期限", "逾期天数" if overdue else "状态"]
    for header in headers:
        table.add_column(header, overflow="fold", no_wrap=header in ("编号", "整改期限"))
    for line in lines[:SHOWN]:
        last = str(line["days_overdue"]) if overdue else line["status"]
        table.add_row(line["id"], line["unit"], line["description"], line["deadline"] or "—", last)
    console.out.print(table)


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
