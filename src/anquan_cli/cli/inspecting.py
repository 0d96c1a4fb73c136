"""`checklist list|show` and `inspect`: inspecting a unit item by item from a checklist."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.options import FormatOption, LedgerOption, NoCommitOption, TextOrJson, to_date
from anquan_cli.errors import UsageError

if TYPE_CHECKING:
    from anquan_cli.api import OpenLedger
    from anquan_cli.api.inspecting import Answers
    from anquan_cli.model.checklist import Checklist, ItemAnswer
    from anquan_cli.store.checklists import Found

checklist_app = typer.Typer(
    help="检查表：列出可用的检查表，或显示一张检查表的各项（含依据和整改措施）。",
    no_args_is_help=True,
)


def _open(ledger: Path | None) -> OpenLedger:
    from anquan_cli import api
    from anquan_cli.cli.context import ledger_root

    return api.open_ledger(ledger_root(ledger))


def checklist_list(
    output: FormatOption = TextOrJson.TEXT,
    ledger: LedgerOption = None,
) -> None:
    """列出可用的检查表：内置的和本台账 checklists/ 目录中的（同名时以台账的为准）。"""
    from anquan_cli.api.inspecting import checklists

    found, broken = checklists(_open(ledger))
    for problem in broken:
        note(f"错误：{problem}")
    if output is TextOrJson.JSON:
        result(json.dumps([_summary(f) for f in found], ensure_ascii=False, indent=2))
    for entry in found if output is TextOrJson.TEXT else ():
        c = entry.checklist
        majors = sum(i.major for i in c.items)
        source = f"{entry.source}（覆盖内置）" if entry.overrides else entry.source
        result(
            f"{c.name}\t版本 {c.version}\t{c.sector}\t{len(c.items)} 项（重大隐患项 {majors}）"
            f"\t{source}"
        )
    if broken:
        raise SystemExit(1)


def _summary(entry: Found) -> dict[str, object]:
    c = entry.checklist
    return {
        "name": c.name,
        "version": c.version,
        "sector": c.sector,
        "scene": c.scene,
        "items": len(c.items),
        "major_items": sum(i.major for i in c.items),
        "source": entry.source,
        "overrides": entry.overrides,
    }


def checklist_show(
    name: Annotated[str, typer.Argument(metavar="名称", help="检查表名称，如 九小场所消防")],
    output: FormatOption = TextOrJson.TEXT,
    ledger: LedgerOption = None,
) -> None:
    """显示一张检查表：每项的检查内容、依据、整改措施，以及是否属于重大隐患。"""
    from anquan_cli.api.inspecting import checklist

    entry = checklist(_open(ledger), name)
    c = entry.checklist
    if output is TextOrJson.JSON:
        data = {**_summary(entry), "items": c.model_dump(mode="json", exclude_none=True)["items"]}
        result(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lines = [f"{c.name}（版本 {c.version}，{c.sector}，{entry.source}）"]
    if c.description:
        lines.append(c.description)
    for item in c.items:
        lines.append("")
        lines.append(f"{item.number}. {item.text}")
        lines.append(f"   依据：{item.basis}")
        lines.append(f"   整改措施：{item.measures}")
        if item.major:
            lines.append(f"   重大隐患：{item.major_basis}")
    result("\n".join(lines))


def inspect_command(
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", "-e", help="单位：编号、名称或拼音首字母")
    ] = None,
    checklist_name: Annotated[
        str | None, typer.Option("--checklist", "-c", help="检查表名称（anquan checklist list）")
    ] = None,
    on: Annotated[str | None, typer.Option("--date", metavar="<日期>", help="检查日期")] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="<文件>",
            help="答案文件（YAML）：序号: 合格/不合格/不涉及 [备注]，未列出的项为未检查",
        ),
    ] = None,
    leader: Annotated[str | None, typer.Option("--leader", help="带队领导")] = None,
    inspectors: Annotated[
        str | None,
        typer.Option("--inspectors", help="检查人员，用逗号、顿号、分号、斜杠或空格分隔"),
    ] = None,
    type_: Annotated[str, typer.Option("--type", help="检查类型")] = "日常检查",
    campaign: Annotated[str | None, typer.Option("--campaign", help="专项行动")] = None,
    partners: Annotated[
        str | None, typer.Option("--with", help="联合检查的其他单位，如 市场监管所,派出所")
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option("--deadline", metavar="<日期>", help="不合格项所成隐患的整改期限"),
    ] = None,
    note_: Annotated[str | None, typer.Option("--note", help="检查备注")] = None,
    ledger: LedgerOption = None,
    no_commit: NoCommitOption = False,
) -> None:
    """按检查表逐项检查一个单位：登记一次检查及各项结论，每个不合格项登记一处隐患；输出检查编号和隐患编号。"""
    from anquan_cli import api
    from anquan_cli.api.inspecting import checklists, inspect, read_answers_file
    from anquan_cli.cli.console import stdin_is_terminal
    from anquan_cli.cli.context import writer_for
    from anquan_cli.cli.prompts import ask_unit, require, required_date
    from anquan_cli.store.units import find_unit

    writer = writer_for(ledger, no_commit)
    book = api.open_ledger(writer.root)
    unit = find_unit(writer.root, ask_unit(writer, enterprise))
    names = [entry.checklist.name for entry in checklists(book)[0]]
    name = require(checklist_name, "--checklist", "检查表", choices=names)
    chosen = api.checklist(book, name).checklist
    today = date.today()
    day = required_date(on, "--date", "检查日期", today)
    until = to_date(deadline, "--deadline")
    if answers_file is not None:
        answers = read_answers_file(answers_file, chosen)
    elif stdin_is_terminal():
        answers = _walk(chosen, unit.name)
    else:
        raise UsageError("不在终端运行时须用 --answers 给出答案文件")
    done = inspect(
        book,
        enterprise=unit.id,
        checklist=chosen,
        answers=answers,
        day=day,
        deadline=until,
        using=writer,
        today=today,
        leader=leader,
        inspectors=inspectors,
        type=type_,
        campaign=campaign,
        partners=partners,
        note=note_,
    )
    note(_tally_line(chosen, done.inspection.answers, len(done.hazards)))
    result(done.inspection.id)
    for hazard in done.hazards:
        result(hazard.id)
    majors = [h.id for h in done.hazards if h.missing_assurances()]
    if majors:
        note(
            f"提示：重大隐患 {'、'.join(majors)} 的“五落实”（责任人、资金、时限、预案）"
            "尚需补充：anquan set 编号 responsible=… funds=… deadline=… plan=…"
        )


def _tally_line(chosen: Checklist, answers: list[ItemAnswer], hazards: int) -> str:
    from anquan_cli.model.enums import Verdict

    counts = {v: sum(1 for a in answers if a.result is v) for v in Verdict}
    parts = "，".join(f"{v} {counts[v]} 项" for v in Verdict)
    return f"检查表“{chosen.name}”（版本 {chosen.version}）：{parts}；登记隐患 {hazards} 处"


_STOP = "结束（其余各项未检查）"
_SKIP = "未检查（跳过此项）"


def _walk(chosen: Checklist, unit: str) -> Answers:
    """Ask each item at the terminal; Ctrl-C stops before anything is written."""
    from anquan_cli.cli.prompts import ask_choice, ask_optional
    from anquan_cli.model.checklist import ANSWER_WORDS
    from anquan_cli.model.enums import Verdict

    note(
        f"{unit}：按检查表“{chosen.name}”（版本 {chosen.version}）逐项检查，共 {len(chosen.items)}"
        " 项。不合格、不涉及可写备注（直接回车不写）；按 Ctrl-C 放弃，不写入任何记录。"
    )
    given: dict[int, tuple[Verdict, str | None]] = {}
    total = len(chosen.items)
    for place, item in enumerate(chosen.items, 1):
        mark = "【重大隐患项】" if item.major else ""
        note(f"\n第 {item.number} 项（{place}/{total}）{mark}{item.text}\n  依据：{item.basis}")
        picked = ask_choice("结论", [*(str(v) for v in ANSWER_WORDS), _SKIP, _STOP])
        if picked == _STOP:
            break
        if picked == _SKIP:
            continue
        verdict = Verdict(picked)
        remark = None if verdict is Verdict.PASSED else ask_optional("备注（可空）")
        given[item.number] = (verdict, remark)
    return given


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect_command)
    checklist_app.command("list")(checklist_list)
    checklist_app.command("show")(checklist_show)
    app.add_typer(checklist_app, name="checklist")
