"""`export` and `import`: the 台账 workbook out, other people's spreadsheets in."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.context import writer_for
from anquan_cli.cli.figures import AllowErrorsOption
from anquan_cli.cli.options import (
    FormatOption,
    LedgerOption,
    NoCommitOption,
    TextOrJson,
    is_dash,
    output_path,
    to_date,
    write_stdout,
)
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
from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.model.enums import HazardSource

if TYPE_CHECKING:
    from collections.abc import Sequence

    from anquan_cli.imports.plan import Plan, RowProblem, SheetReport
    from anquan_cli.stats.periods import Period


class Form(StrEnum):
    QUARTERLY = "季报"


def export(
    quarter: QuarterOption = None,
    month: MonthOption = None,
    half: HalfOption = None,
    start: FromOption = None,
    end: ToOption = None,
    year: YearOption = None,
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="<路径>",
            help="输出文件 .xlsx（默认按镇名和期间命名）；- 为标准输出",
        ),
    ] = None,
    form: Annotated[
        Form | None,
        typer.Option(
            "--form",
            help="导出上报报表而非台账：季报 为按行业领域的隐患排查治理统计表（一张表，"
            "统计期默认本季度，也可用 --month 出月报）",
        ),
    ] = None,
    allow_errors: AllowErrorsOption = False,
    ledger: LedgerOption = None,
) -> None:
    """导出台账工作簿：企业、检查、隐患、重大隐患、处罚、事故、工作活动台账、检查计划、巡查记录、企业自查记录和汇总表；不给期间则导出全部记录（截至 --as-of 或今天）。--form 季报 导出上报的隐患排查治理统计表。"""
    from anquan_cli.api.documents import workbook_name, write_workbook
    from anquan_cli.cli.figures import open_for_figures, say_errors
    from anquan_cli.cli.progress import progress

    today = date.today()
    given = any(v is not None for v in (year, quarter, month, half, start, end))
    if output is not None and output.suffix and output.suffix.lower() != ".xlsx":
        raise UsageError(f"{output}：输出文件应以 .xlsx 结尾")
    if form is not None:
        chosen = period_from(
            quarter=quarter,
            month=month,
            half=half,
            start=start,
            end=end,
            year=year,
            as_of=as_of,
            today=today,
            default_quarter=True,
        )
        _export_form(chosen, output, ledger, today, allow_errors)
        return
    period = (
        period_from(
            quarter=quarter,
            month=month,
            half=half,
            start=start,
            end=end,
            year=year,
            as_of=as_of,
            today=today,
        )
        if given
        else None
    )
    day = period.as_of if period else to_date(as_of, "--as-of") or today
    book = open_for_figures(ledger)
    name = workbook_name(book, period, day)

    def write(target: Path) -> None:
        with progress("读取台账") as report:
            counts, figures = write_workbook(
                book, target, period, day, today=today, allow_errors=allow_errors, progress=report
            )
        say_errors(figures.problems)
        note("；".join(f"{sheet} {count} 行" for sheet, count in counts.items()))

    if is_dash(output):  # made in a temporary folder, then streamed
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            write(Path(folder) / name)
            write_stdout((Path(folder) / name).read_bytes(), binary=True)
        return
    target = output_path(output, name)
    write(target)
    result(str(target))


def _export_form(
    period: Period, output: Path | None, ledger: Path | None, today: date, allow_errors: bool
) -> None:
    """export --form 季报: the upward 隐患排查治理统计表 of the period, one sheet."""
    from anquan_cli.api.documents import form_name, write_form
    from anquan_cli.cli.figures import open_for_figures, say_errors

    book = open_for_figures(ledger)

    def write(target: Path) -> None:
        figures = write_form(book, target, period, today=today, allow_errors=allow_errors)
        say_errors(figures.problems)

    name = form_name(book, period)
    if is_dash(output):
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            write(Path(folder) / name)
            write_stdout((Path(folder) / name).read_bytes(), binary=True)
        return
    target = output_path(output, name)
    write(target)
    result(str(target))


class ImportKind(StrEnum):
    ENTERPRISES = "enterprises"
    INSPECTIONS = "inspections"
    HAZARDS = "hazards"
    MAJOR_HAZARDS = "major_hazards"
    PENALTIES = "penalties"
    ACCIDENTS = "accidents"
    ACTIVITIES = "activities"
    PLANS = "plans"
    PATROLS = "patrols"
    SELF_CHECKS = "self_checks"


def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="文件", help="要导入的表格：.xlsx、.xls、.ods 或 .csv；- 从标准输入读 CSV"
        ),
    ],
    kind: Annotated[
        ImportKind | None,
        typer.Option("--kind", help="把每张表都当作这类记录读（默认按表名和表头识别）"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="只检查并报告，不写入任何文件")
    ] = False,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="跳过无法读取的行，导入其余各行")
    ] = False,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="表中每一行都属于这个单位（编号、名称或拼音首字母，同 --enterprise）；"
            "用于企业自己的台账",
        ),
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="列名=字段",
            help="指定某列是什么（可重复），如 --map '问题项目=隐患描述'、--map '序号=忽略'",
        ),
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option(
            "--rules", help="读取规则文件（YAML：unit、source、kind、fill_down、map、level_words）"
        ),
    ] = None,
    source: Annotated[
        HazardSource | None,
        typer.Option(
            "--source",
            help="表中隐患的来源：检查（默认）/巡查/企业自查/举报/交办；企业自己的台账用 企业自查",
        ),
    ] = None,
    fill_down: Annotated[
        bool,
        typer.Option("--fill-down", help="单位名称为空的行属于上一行的单位（未合并单元格时）"),
    ] = False,
    output_format: FormatOption = TextOrJson.TEXT,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """导入已有的 Excel/WPS 台账：按表头识别各列，合并单元格、合计行、各种日期写法均可读。

    表头按含义识别（短语、括号、两行表头）；--dry-run 逐表说明每列读成什么、单位从哪里来。"""
    from anquan_cli.api.importing import (
        DISTRICT_IMPORT,
        STDIN,
        import_choices,
        import_workbook,
        read_csv,
        start_reading,
    )

    reading = None if is_dash(file) else start_reading(file)
    writer = writer_for(ledger, no_commit)
    if writer.settings.is_district:
        raise UsageError(DISTRICT_IMPORT)
    choices = import_choices(
        writer,
        rules=rules,
        unit=unit,
        source=source,
        fill_down=fill_down,
        maps=maps or [],
        kind=kind.value if kind else None,
    )
    if reading is None:
        tables, file = read_csv(sys.stdin.buffer.read()), STDIN
    else:
        tables = reading()
    done = import_workbook(writer, tables, file.name, choices, dry_run=dry_run, skip_bad=skip_bad)
    plan = done.plan
    as_json = output_format is TextOrJson.JSON
    if done.unreadable_files:
        note("提示：台账中有无法读取的记录文件，导入时无法与之比对；请先运行 anquan check")
    if done.nothing_read:
        raise AnquanError(_nothing_read(file.name, plan.reports))
    if as_json and (dry_run or done.refused):
        result(_import_json(file.name, plan, written=False))
    elif as_json:
        pass  # printed below, with the IDs made
    elif dry_run:
        for report in plan.reports:
            result("\n".join(report.describe()))
    else:
        for report in plan.reports:
            result(report.render())
    if not dry_run and not as_json:
        _show_problems(plan.problems)
    elif any("不在台账设置的列表中" in p.message for p in plan.problems):
        note(_LISTS_HINT)
    if done.refused:
        raise AnquanError(
            f"{file.name}：有 {len(plan.problems)} 行无法读取，未导入任何记录"
            "（改正后重新导入，或用 --skip-bad 跳过这些行）"
        )
    skipped = f"，跳过 {len(plan.problems)} 行无法读取的行" if plan.problems else ""
    if not plan.records and not plan.problems and plan.is_empty():
        note(f"{file.name}：表中没有数据行（只有表头、示例或说明），未导入任何记录")
        if as_json and not dry_run:
            result(_import_json(file.name, plan, written=False))
        return
    if dry_run:
        note(f"试运行：将新建 {len(plan.records)} 条记录{skipped}，未写入任何文件")
        _exit_if_rejected(plan.problems)
        return
    note(f"已导入 {file.name}：新建 {len(done.written)} 条记录{skipped}")
    if as_json:
        result(_import_json(file.name, plan, written=True))
    _exit_if_rejected(plan.problems)


def _import_json(name: str, plan: Plan, *, written: bool) -> str:
    """What an import read, creates (or would) and could not read, for `--format json`."""
    return json.dumps(plan.as_json(name, written), ensure_ascii=False, indent=2)


def _exit_if_rejected(problems: Sequence[RowProblem]) -> None:
    """Rows left out with --skip-bad still make the import exit 1 (cli.md: import rejected
    rows), so a script sees them; what was written stays written."""
    if problems:
        raise SystemExit(1)


def _nothing_read(name: str, reports: Sequence[SheetReport]) -> str:
    """Why no sheet was read: no heading recognised, or only sheets named as summaries."""
    summaries = [r.name for r in reports if r.is_summary]
    if not summaries:
        return f"{name}：找不到可识别的表头（如 单位名称、隐患描述、检查日期），未导入任何记录"
    listed = "、".join(f"“{s}”" for s in summaries)
    others = "，其余各表找不到可识别的表头" if len(summaries) < len(reports) else ""
    return (
        f"{name}：{listed} 按表名（含“汇总”或“统计”）视为汇总表{others}，未导入任何记录；"
        "如是明细台账，请用 --kind 指定类别（如 --kind hazards）"
    )


SHOWN_PROBLEMS = 30


def _show_problems(problems: Sequence[RowProblem]) -> None:
    """Each unreadable row as Sheet!A12: reason; a long list is cut, with the count left."""
    for problem in problems[:SHOWN_PROBLEMS]:
        note(problem.render())
    if len(problems) > SHOWN_PROBLEMS:
        note(f"……另有 {len(problems) - SHOWN_PROBLEMS} 行无法读取")
    if any("不在台账设置的列表中" in p.message for p in problems):
        note(_LISTS_HINT)


_LISTS_HINT = (
    "提示：这些取值若属实，请先在 anquan.yaml 的 sectors、villages、offices 或 leaders "
    "列表中加入，再重新导入"
)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_command)
