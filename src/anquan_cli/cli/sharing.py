"""Sharing a ledger between offices: `sync`, `log ID` and `close`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from anquan_cli.cli.console import note, result
from anquan_cli.cli.context import ledger_root, office_for, open_ledger
from anquan_cli.cli.figures import AllowErrorsOption
from anquan_cli.cli.options import FormatOption, LedgerOption, TextOrJson
from anquan_cli.cli.periods import HalfOption, MonthOption, QuarterOption, YearOption, period_from
from anquan_cli.errors import UsageError


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def sync(
    abort: Annotated[
        bool, typer.Option("--abort", help="放弃因冲突停下的合并，恢复到同步之前")
    ] = False,
    output: FormatOption = TextOrJson.TEXT,
    ledger: LedgerOption = None,
) -> None:
    """与共享的远程仓库同步：先取回并合并其他办所的更改（merge），再推送本副本的更改。"""
    from anquan_cli.store import sync as sharing

    root = ledger_root(ledger)
    if abort:
        sharing.abort(root)
        note("已放弃本次合并，台账恢复到同步之前的状态")
        if output is TextOrJson.JSON:
            result(_dump({"aborted": True}))
        return
    from anquan_cli.store import git
    from anquan_cli.store.settings_file import read_settings

    git.require_repository(root)
    office = office_for(root, read_settings(root))
    try:
        done = sharing.sync(root, office)
    except sharing.SyncConflict as conflict:
        for item in conflict.conflicts:
            note(f"  冲突：{item.label}")
        note(conflict.advice)
        raise
    where = f"{done.remote}/{done.branch}"
    if done.merged:
        note("已完成冲突解决后的合并")
    if not done.received and not done.sent:
        note(f"已是最新：本副本与 {where} 一致")
    elif not done.sent:
        note(f"已合并 {where} 中的 {done.received} 个提交；本副本没有需要推送的提交")
    elif not done.received:
        note(f"已推送 {done.sent} 个提交到 {where}")
    else:
        note(f"已合并 {where} 中的 {done.received} 个提交，并推送 {done.sent} 个提交")
    errors = _check_after_merge(ledger) if done.received or done.merged else 0
    if output is TextOrJson.JSON:
        result(
            _dump(
                {
                    "aborted": False,
                    "remote": done.remote,
                    "branch": done.branch,
                    "received": done.received,
                    "sent": done.sent,
                    "merged": done.merged,
                    "errors_after_merge": errors,
                }
            )
        )
        return
    result(f"同步完成：收到 {done.received}，推送 {done.sent}")


def _check_after_merge(ledger: Path | None) -> int:
    """Other offices' work just arrived: say at once if the merged ledger has errors, and
    how many."""
    from anquan_cli import api

    errors = [p for p in api.check(api.open_ledger(ledger)) if p.is_error]
    if errors:
        note(
            f"提示：合并后台账有 {len(errors)} 个错误（如 {errors[0].render()}）；"
            "请运行 anquan check 查看并修正"
        )
    return len(errors)


def log(
    record_id: Annotated[str, typer.Argument(metavar="编号", help="记录编号")],
    output: FormatOption = TextOrJson.TEXT,
    ledger: LedgerOption = None,
) -> None:
    """一条记录在 git 中的改动历史：何时、哪个办所、改了哪些字段。"""
    from anquan_cli.store.gitlog import record_log

    book = open_ledger(ledger)
    record = book.get(record_id)
    root, path = book.locate(record.id)
    revisions = record_log(root, path, type(record))
    if output is TextOrJson.JSON:
        result(
            _dump(
                [
                    {
                        "commit": r.commit,
                        "when": r.when,
                        "office": r.office,
                        "author": r.author,
                        "message": r.message,
                        "path": r.path,
                        "created": r.created,
                        "changes": [
                            {"field": c.key, "title": c.title, "before": c.before, "after": c.after}
                            for c in r.changes
                        ],
                    }
                    for r in revisions
                ]
            )
        )
        return
    if not revisions:
        result(f"{record.id} 尚无 git 提交记录（可能是用 --no-commit 写入的）")
        return
    lines = [f"{record.KIND.label} {record.id} 的改动历史（{path}）"]
    for revision in revisions:
        who = revision.office or f"{revision.author}（未注明办所）"
        lines.append(f"{revision.when[:16].replace('T', ' ')}  {who}  {revision.message}")
        if revision.deleted:
            lines.append("    文件被删除")
        elif revision.unreadable:
            lines.append("    此版本文件无法读取")
        elif revision.created:
            lines.append("    新建记录")
        else:
            for change in revision.changes:
                if change.before is None:
                    lines.append(f"    {change.title}：新增 {change.after}")
                elif change.after is None:
                    lines.append(f"    {change.title}：删除（原为 {change.before}）")
                else:
                    lines.append(f"    {change.title}：{change.before} → {change.after}")
    result("\n".join(lines))


def close(
    quarter: QuarterOption = None,
    month: MonthOption = None,
    half: HalfOption = None,
    year: YearOption = None,
    allow_errors: AllowErrorsOption = False,
    output: FormatOption = TextOrJson.TEXT,
    ledger: LedgerOption = None,
) -> None:
    """报送：记下统计期的数字（提交并打标签）；以后的报告会指出与报送数的差异。"""
    from anquan_cli.cli.figures import figures_of, open_for_figures
    from anquan_cli.store import closed, git

    today = date.today()
    if quarter is None and month is None and half is None and year is None:
        raise UsageError("请指定要报送的统计期：--quarter、--month、--half 或 --year")
    period = period_from(
        quarter=quarter,
        month=month,
        half=half,
        start=None,
        end=None,
        year=year,
        as_of=None,
        today=today,
    )
    if period.end >= today:
        raise UsageError(f"{period.label}尚未结束（截止 {period.end}），结束后才能报送")
    book = open_for_figures(ledger)
    git.require_repository(book.root)
    figures = figures_of(book, period, allow_errors)
    office = office_for(book.root, book.settings).name
    key = closed.period_key(period.kind, period.start, period.end)
    closed.record(book.root, key, period.label, figures.data, office, today)
    totals = figures.data["totals"]
    note(
        f"已报送{period.label}：检查 {totals['inspections']} 家次，排查隐患 {totals['hazards_found']} 处，"
        f"已整改 {totals['hazards_rectified']} 处；记入 {closed.CLOSED_DIR}/{key}.json，"
        f"标签 {closed.TAG_PREFIX}{key}（anquan sync 时一并推送）"
    )
    if output is TextOrJson.JSON:
        result(
            _dump(
                {
                    "period": period.to_dict(),
                    "key": key,
                    "file": f"{closed.CLOSED_DIR}/{key}.json",
                    "tag": f"{closed.TAG_PREFIX}{key}",
                    "office": office,
                    "totals": totals,
                }
            )
        )
        return
    result(f"{closed.CLOSED_DIR}/{key}.json")


def register(app: typer.Typer) -> None:
    app.command("sync")(sync)
    app.command("log")(log)
    app.command("close")(close)
