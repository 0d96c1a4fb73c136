"""`list` and `show`: reading records back as a table, JSON or CSV."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from anquan_cli.cli import console
from anquan_cli.cli.console import result
from anquan_cli.cli.context import open_ledger, unreadable, warn_unreadable
from anquan_cli.cli.options import LedgerOption, NoCacheOption, to_date
from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.model.enums import RecordKind

if TYPE_CHECKING:
    from anquan_cli.model.records import Hazard, Record
    from anquan_cli.store.ledger import Ledger


class Format(StrEnum):
    TABLE = "table"
    TSV = "tsv"
    JSON = "json"
    CSV = "csv"


class ShowFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def list_command(
    kind: Annotated[RecordKind, typer.Argument(metavar="种类", help="记录种类")],
    status: Annotated[
        str | None, typer.Option("--status", help="状态，如 整改中/已整改/已销号/逾期")
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="只列逾期未整改的隐患")] = False,
    level: Annotated[str | None, typer.Option("--level", help="隐患等级：一般/重大")] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="隐患来源：检查/巡查/企业自查/举报/交办")
    ] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="行业领域")] = None,
    village: Annotated[str | None, typer.Option("--village", help="所属村(社区)")] = None,
    start: Annotated[str | None, typer.Option("--from", metavar="<日期>", help="起始日期")] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="<日期>", help="截止日期")] = None,
    campaign: Annotated[
        str | None, typer.Option("--campaign", help="专项行动（检查、隐患、处罚、活动）")
    ] = None,
    no_self_check: Annotated[
        bool,
        typer.Option(
            "--no-self-check",
            help="只列该月没有企业自查的单位（限 anquan.yaml 中 self_check_sectors 的行业领域），"
            "须同时给 --month",
        ),
    ] = False,
    month: Annotated[
        str | None, typer.Option("--month", help="月份，如 2024-11（与 --no-self-check 同用）")
    ] = None,
    output: Annotated[
        Format,
        typer.Option(
            "--format", help="输出格式；table 在终端画表，输出到管道或文件时为 tsv（制表符分隔）"
        ),
    ] = Format.TABLE,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """列出记录，可按状态、逾期、等级、行业领域、村居、日期、专项行动筛选。"""
    from anquan_cli.render.rows import as_json, cell, columns, to_csv
    from anquan_cli.stats.filters import Filter, known_places, refusal, select

    chosen = Filter(
        status,
        overdue,
        level,
        sector,
        village,
        to_date(start, "--from"),
        to_date(end, "--to"),
        campaign=campaign,
        source=source,
    )
    if chosen.start and chosen.end and chosen.start > chosen.end:
        raise UsageError("--from 晚于 --to")
    book = open_ledger(ledger, no_cache)
    record_kind = kind
    today = date.today()
    units = book.enterprise_by_id
    places = known_places(
        book.settings,
        book.enterprises,
        book.accidents,
        book.plans,
        [*book.patrols, *book.hazards],
    )
    why = refusal(record_kind, chosen, *places)
    if why is not None:
        raise UsageError(why)
    if campaign is not None:
        _known_campaign(book, campaign)
    campaigns = None
    if campaign is not None:
        from anquan_cli.stats.figures import campaigns_of

        campaigns = campaigns_of(
            [*book.inspections, *book.hazards, *book.penalties, *book.activities]
        )
    records = select(
        book.of_kind(record_kind, book.model_of(record_kind)), units, chosen, today, campaigns
    )
    if no_self_check or month is not None:
        records = _without_self_check(book, record_kind, records, month, no_self_check)
    warn_unreadable(unreadable(book), "未列出")
    if output is Format.JSON:
        result(_dump([as_json(r, today) for r in records]))
        return
    cols = columns(record_kind, units, today)
    rows = [[cell(get(r)) for _, get in cols] for r in records]
    if output is Format.CSV:
        console.document(to_csv([h for h, _ in cols], rows))
        return
    if output is Format.TSV or not console.stdout_is_terminal():
        from anquan_cli.render.rows import to_tsv

        console.document(to_tsv([h for h, _ in cols], rows))
        return
    from rich.table import Table

    table = Table(title=f"{record_kind.label}（{len(rows)}条）", show_lines=False)
    for index, (header, _) in enumerate(cols):
        # the ID column never folds: an ID split over two lines can't be copied or found
        table.add_column(header, overflow="fold", no_wrap=index == 0)
    for row in rows:
        table.add_row(*row)
    console.out.print(table)


def _known_campaign(book: Ledger, campaign: str) -> None:
    """A campaign no record and no setting names would list nothing: it is named instead."""
    known = list(book.settings.campaigns or ())
    for kind in (RecordKind.INSPECTION, RecordKind.HAZARD, RecordKind.ACTIVITY):
        known += [
            c
            for r in book.of_kind(kind, book.model_of(kind))
            if (c := getattr(r, "campaign", None))
        ]
    known = list(dict.fromkeys(known))
    if campaign not in known:
        raise UsageError(
            f"--campaign：台账中没有专项行动“{campaign}”；现有：{'、'.join(known) or '（无）'}"
        )


def show(
    record_id: Annotated[str, typer.Argument(metavar="编号", help="记录编号")],
    output: Annotated[ShowFormat, typer.Option("--format", help="输出格式")] = ShowFormat.TEXT,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """显示一条记录及其历程。"""
    from anquan_cli import api
    from anquan_cli.api.evidence import attached
    from anquan_cli.cli.evidence import attachment_lines
    from anquan_cli.model.records import Hazard
    from anquan_cli.render.rows import as_json
    from anquan_cli.store.history import file_history

    book = open_ledger(ledger, no_cache)
    record = _record(book, record_id)
    today = date.today()
    data = as_json(record, today)
    where = book.locate(record.id)
    changes = file_history(*where)
    files = attached(api.open_ledger(where[0]), record.id)
    if isinstance(record, Hazard):
        history = data.pop("history", [])
    else:
        history = [{"date": c.when[:10], "action": c.message, "by": c.office} for c in changes]
    if output is ShowFormat.JSON:
        shown = {**data, "history": history}
        if files:
            shown["attachments"] = [
                {**a.link.model_dump(mode="json", by_alias=True, exclude_none=True),
                 "path": f"attachments/{a.link.file}", "exists": a.exists}
                for a in files
            ]  # fmt: skip
        result(_dump(shown))
        return
    model = type(record)
    lines = [f"{record.KIND.label} {record.id}（{book.path_of[record.id]}）"]
    for key, value in data.items():
        field = model.model_fields.get(key)
        title = field.title if field and field.title else key
        unit = book.enterprise_by_id.get(value) if key in ("enterprise", "point") else None
        if key == "answers":
            lines.append(f"  {title}：")
            lines += [_answer_line(answer) for answer in value]
            continue
        lines.append(f"  {title}：{unit.name}（{value}）" if unit else f"  {title}：{_text(value)}")
    if isinstance(record, Hazard):
        lines += _hazard_warnings(record, today)
    lines.append("  历程：")
    for step in history:
        extra = "，".join(str(step[k]) for k in ("by", "note") if step.get(k))
        lines.append(f"    {step['date']}  {step['action']}" + (f"（{extra}）" if extra else ""))
    lines += attachment_lines(files)
    result("\n".join(lines))


def _answer_line(answer: dict[str, object]) -> str:
    """One checklist item as `show` lists it: 2. 不合格  按规定配置灭火器……（灭火器仅1具）."""
    note = f"（{answer['note']}）" if answer.get("note") else ""
    return f"    {answer['item']}. {answer['result']}  {answer.get('text') or ''}{note}"


def _without_self_check(
    book: Ledger, kind: RecordKind, records: list[Record], month: str | None, asked: bool
) -> list[Record]:
    """list enterprises --no-self-check --month M: the units of the sectors the ledger marks
    (self_check_sectors) with no self-check that month."""
    from anquan_cli.model.dates import parse_month
    from anquan_cli.model.records import Enterprise
    from anquan_cli.stats.filters import without_self_check

    if not asked:
        raise UsageError("--month 只与 --no-self-check 同用")
    if kind is not RecordKind.ENTERPRISE:
        raise UsageError(f"--no-self-check 只用于单位（enterprises），不用于{kind.label}")
    if month is None:
        raise UsageError("--no-self-check 须同时给 --month，如 --month 2024-11")
    try:
        which = parse_month(month)
    except ValueError as error:
        raise UsageError(f"--month：{error}") from None
    sectors = book.settings.self_check_sectors
    if not sectors:
        raise UsageError(
            "台账未指定须开展企业自查的行业领域：请在 anquan.yaml 中写 self_check_sectors，"
            "如 self_check_sectors: [危险化学品, 工贸]"
        )
    units = [r for r in records if isinstance(r, Enterprise)]
    return list(without_self_check(units, book.self_checks, which, sectors))


def _hazard_warnings(hazard: Hazard, today: date) -> list[str]:
    """What `show` adds under a hazard: late, and a stored status its history contradicts."""
    from anquan_cli.model.lifecycle import is_overdue_on, state_of

    lines = []
    if is_overdue_on(hazard, today):
        lines.append("  ！已逾期未整改")
    if hazard.status is not state_of(hazard):
        lines.append(
            f"  ！文件中的状态“{hazard.status}”与历程不符，以上按历程显示；"
            "请运行 anquan check 查看并修正"
        )
    return lines


def _record(book: Ledger, record_id: str) -> Record:
    """The record with that ID; one whose file is there but cannot be read names the file and
    its problem, as the write commands do, instead of saying there is no such record."""
    from anquan_cli.model.ids import normalize_id

    name = f"{normalize_id(record_id)}.yaml"
    if normalize_id(record_id) not in book.by_id:
        for problem in book.problems:
            if problem.path.rsplit("/", 1)[-1] == name:
                raise AnquanError(f"{problem.message}；请先修正此文件", problem.path, problem.line)
    return book.get(record_id)


def _text(value: object) -> str:
    if isinstance(value, list):
        return "、".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{k}：{_text(v)}" for k, v in value.items())
    return str(value)


def register(app: typer.Typer) -> None:
    app.command("list")(list_command)
    app.command("show")(show)
