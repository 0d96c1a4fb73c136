"""`report`: a period's report (md, docx, html), its figures as JSON, or the records behind one
figure (--explain)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from anquan_cli.cli import console
from anquan_cli.cli.console import note, result
from anquan_cli.cli.figures import (
    AllowErrorsOption,
    figures_of,
    gate,
    json_text,
    open_for_figures,
)
from anquan_cli.cli.options import LedgerOption, NoCacheOption, deliver
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
from anquan_cli.errors import UsageError

if TYPE_CHECKING:
    from anquan_cli.api import Figures, OpenLedger
    from anquan_cli.model.settings import Settings
    from anquan_cli.stats.explain import Explanation
    from anquan_cli.stats.periods import Period
    from anquan_cli.store.closed import Differences
    from anquan_cli.store.ledger import Ledger
    from anquan_cli.store.scan import Scan


class ReportFormat(StrEnum):
    MD = "md"
    DOCX = "docx"
    HTML = "html"
    JSON = "json"


def report(
    quarter: QuarterOption = None,
    month: MonthOption = None,
    half: HalfOption = None,
    start: FromOption = None,
    end: ToOption = None,
    year: YearOption = None,
    as_of: AsOfOption = None,
    template: Annotated[
        str | None, typer.Option("--template", help="报告模板名称；list 列出全部")
    ] = None,
    output_format: Annotated[
        ReportFormat | None, typer.Option("--format", help="输出格式", show_default=False)
    ] = None,
    explain_key: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="KEY",
            help="列出某个数字背后的记录，如 hazards_overdue、by_sector.工贸.hazards_found",
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
    no_mask: Annotated[
        bool,
        typer.Option("--no-mask", help="不隐去电话号码和身份证号（默认隐去，文件会离开办公室）"),
    ] = False,
    campaign: Annotated[
        str | None,
        typer.Option("--campaign", help="只统计这一专项行动的记录（检查、隐患、处罚、活动）"),
    ] = None,
    allow_errors: AllowErrorsOption = False,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """统计期报告：工作汇报、通报等文稿（md/docx/html），各项数字（json），或 --explain 列出某个数字背后的记录。"""
    if template == "list":
        _list_templates(ledger)
        return
    chosen = output_format or _format_of(output)
    period = period_from(
        quarter=quarter,
        month=month,
        half=half,
        start=start,
        end=end,
        year=year,
        as_of=as_of,
        today=date.today(),
    )
    if template is not None and (explain_key is not None or chosen is ReportFormat.JSON):
        raise UsageError("--template 只用于 md、docx、html 格式的报告")
    book = open_for_figures(ledger, no_cache)
    settings, scanned = book.settings, book.scanned
    if explain_key is not None:
        from anquan_cli.cli.progress import progress

        with progress("读取台账") as report:
            loaded = book.load(report)
        gate(book, allow_errors)
        _explain(explain_key, loaded, period, output_format, output, campaign)
        return

    figures = figures_of(book, period, allow_errors, campaign)
    if campaign is not None and campaign not in figures.data.get("by_campaign", {}):
        note(f"提示：台账中没有专项行动“{campaign}”的记录，各项数字为零")
    differences = closed_differences(scanned, period, figures)
    if chosen is ReportFormat.JSON:
        closed = {"closed": differences.to_dict()} if differences is not None else {}
        text = json_text(figures, **closed)
        _emit(text, output, _json_name(settings, period))
        return
    _document(book, figures, period, template, chosen, output, mask=not no_mask)


def _explain(
    key: str,
    book: Ledger,
    period: Period,
    output_format: ReportFormat | None,
    output: Path | None,
    campaign: str | None = None,
) -> None:
    """The records behind one figure: a table, or JSON with --format json."""
    from anquan_cli.stats.explain import explain
    from anquan_cli.stats.figures import campaign_records

    records = [entry.record for entry in book.entries]
    if campaign is not None:
        records = campaign_records(records, campaign)
    found = explain(key, records, period, settings=book.settings, town_of=book.town_of or None)
    if output_format is ReportFormat.JSON:
        import json

        name = f"{book.settings.name}{period.label}{key}明细.json"
        _emit(json.dumps(found.to_dict(), ensure_ascii=False, indent=2), output, name)
    else:
        _print_explanation(found, period.label)


def _document(
    book: OpenLedger,
    figures: Figures,
    period: Period,
    template: str | None,
    chosen: ReportFormat,
    output: Path | None,
    *,
    mask: bool,
) -> None:
    """Render the report; md goes to stdout unless -o, docx and html to a file named for them."""
    from anquan_cli.api.documents import render_report

    rendered = render_report(book, figures, period, template=template, fmt=chosen.value, mask=mask)
    if rendered.missing_notes:
        from anquan_cli.store.notes import notes_key

        note(
            f"提示：{'、'.join(rendered.missing_notes)} 尚未填写，文中以【待填写】标出；"
            f"可写在台账的 notes/{notes_key(period.start, period.end)}.yaml 或 notes/common.yaml 中"
        )
    if output is None and chosen is ReportFormat.MD:
        console.document(rendered.data.decode("utf-8"))
        return
    target = deliver(output, rendered.file_name, rendered.data, binary=chosen is ReportFormat.DOCX)
    if target is not None:
        result(str(target))


def _list_templates(ledger: Path | None) -> None:
    """Every template by name with its description; the ledger's own marked as such."""
    from anquan_cli.render.templates import list_templates
    from anquan_cli.store.paths import find_root

    try:
        root: Path | None = find_root(ledger, Path.cwd())
    except UsageError:
        if ledger is not None:
            raise
        root = None
    for info in list_templates(root):
        where = (
            ""
            if info.source == "内置模板"
            else f"（{info.source}{'，替代内置模板' if info.overrides else ''}）"
        )
        result(f"{info.name}\t{info.description}{where}")


def closed_differences(scanned: Scan, period: Period, figures: Figures) -> Differences | None:
    """A closed period's submitted figures against today's, said in one line on stderr."""
    from anquan_cli.store.closed import compare, file_of, period_key

    key = period_key(period.kind, period.start, period.end)
    if not file_of(scanned.root, key).is_file():
        return None
    found = compare(scanned, key, figures.data)
    if found is None:
        return None
    where = f"{period.label}已于 {found.closed_on} 由{found.office}报送"
    if found.same:
        note(f"{where}，今天的数字与报送时一致")
        return found
    shown = "，".join(f"{_figure_name(f.key)} {f.submitted}→{f.now}" for f in found.figures[:5])
    more = f" 等 {len(found.figures)} 处" if len(found.figures) > 5 else ""
    changed = "、".join(f"{r.record_id}（{r.change}）" for r in found.records[:10])
    note(
        f"注意：{where}；今天的数字有 {len(found.figures)} 处不同"
        + (f"：{shown}{more}" if found.figures else "")
        + (f"；报送后改动的记录 {len(found.records)} 条：{changed}" if found.records else "")
    )
    return found


def _figure_name(key: str) -> str:
    """by_sector.工贸.hazards_found → 工贸·排查隐患; totals.hazards_found → 排查隐患."""
    from anquan_cli.stats.figures import DERIVED, FIGURES

    parts = key.split(".")
    figure = FIGURES.get(parts[-1])
    label = figure.label if figure else DERIVED.get(parts[-1], parts[-1])
    where = parts[1:-1] if parts[0].startswith("by_") else parts[:-1]
    where = [w for w in where if w != "totals"]
    return "·".join([*where, label])


def _format_of(output: Path | None) -> ReportFormat:
    """The format a file name asks for (东溪镇….docx), else md."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return ReportFormat(suffix) if suffix in {f.value for f in ReportFormat} else ReportFormat.MD


def _json_name(settings: Settings, period: Period) -> str:
    return f"{settings.name}{period.label}安全生产统计.json"


def _emit(text: str, output: Path | None, default_name: str) -> None:
    """Print the text, or write it atomically where -o says (a folder gets default_name)."""
    if output is None:
        result(text)
        return
    target = deliver(output, default_name, (text + "\n").encode("utf-8"), binary=False)
    if target is not None:
        note(f"已写入 {target}")


def _print_explanation(found: Explanation, period_label: str) -> None:
    from rich.table import Table

    table = Table(title=f"{period_label} {found.label}：{found.value}", show_lines=False)
    for header in ("编号", "日期", "单位", "内容", "状态", "计数"):
        table.add_column(header, overflow="fold", no_wrap=header in ("编号", "日期"))
    for row in found.rows:
        table.add_row(row.id, row.date, row.unit, row.text, row.status, str(row.adds))
    console.out.print(table)
    result(f"共 {len(found.rows)} 条记录，合计 {found.value}")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
