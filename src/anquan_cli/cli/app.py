"""The anquan command: a Typer app whose commands live one group per module."""

from __future__ import annotations

import atexit
import gc
import os
import sys
from typing import Annotated, NoReturn

import typer

from anquan_cli.cli.console import fail, survive_narrow_encodings
from anquan_cli.cli.lazy import LazyGroup
from anquan_cli.cli.options import COMPLETE_VAR, PROG, LedgerOption, NoCacheOption, use_ledger

# Every command: the module whose register(app) adds it, and the first paragraph of its help,
# which `anquan --help` lists without importing the module (tests/test_app.py keeps the two
# equal). The order is the order of `anquan --help`.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("setup", "新建台账：设置文件、记录目录和 git 仓库。"),
    "add-enterprise": ("records", "登记生产经营单位（企业、场所、自建房等），输出新编号。"),
    "add-inspection": ("records", "登记一次检查（可写检查单位和联合检查单位），输出新编号。"),
    "add-hazard": ("records", "登记隐患（状态：整改中），输出新编号。"),
    "rectify": ("records", "登记隐患已整改，输出新状态。"),
    "verify": ("records", "复查验收：通过即销号，--fail 退回整改中。输出新状态。"),
    "add-penalty": ("records", "登记行政处罚（对单位，或用 --person 对个人），输出新编号。"),
    "add-accident": ("records", "登记生产安全事故，输出新编号。"),
    "add-activity": (
        "records",
        "登记领导和办所的工作活动（会议、部署、带队检查、宣传、劝导……），输出新编号。",
    ),
    "add-plan": ("records", "登记办所的月度检查计划，输出新编号。"),
    "set": ("records", "修改一条记录的字段（与 add- 命令同样的规则），提交 git；输出改动。"),
    "attach": (
        "evidence",
        "给记录附上照片或扫描的文书（按内容存一份，照片缩小、去掉位置信息），输出所存文件。",
    ),
    "add-patrol": (
        "office_work",
        "登记一次村居或办所的巡查（走山走水、守卡守点、防汛等，不计入检查），输出新编号。",
    ),
    "add-self-check": (
        "office_work",
        "登记单位的一次企业自查（班组日查、部门周查、厂长月查），输出新编号。",
    ),
    "inspect": (
        "inspecting",
        "按检查表逐项检查一个单位：登记一次检查及各项结论，每个不合格项登记一处隐患；"
        "输出检查编号和隐患编号。",
    ),
    "checklist": (
        "inspecting",
        "检查表：列出可用的检查表，或显示一张检查表的各项（含依据和整改措施）。",
    ),
    "list": ("query", "列出记录，可按状态、逾期、等级、行业领域、村居、日期、专项行动筛选。"),
    "show": ("query", "显示一条记录及其历程。"),
    "check": ("check", "检查每个文件和每处引用；有错误时退出码为 1。"),
    "fix-encoding": (
        "check",
        "把 GBK/GB18030、UTF-16 编码（或带 BOM、CRLF）的记录文件转为 UTF-8，并提交 git。",
    ),
    "report": (
        "report",
        "统计期报告：工作汇报、通报等文稿（md/docx/html），各项数字（json），"
        "或 --explain 列出某个数字背后的记录。",
    ),
    "stats": (
        "glance",
        "一览：本季度（或指定统计期）的总数、分领域情况、逾期隐患和未销号的重大隐患。",
    ),
    "due": (
        "due",
        "待办：逾期和临期的隐患、挂牌督办隐患、落后的本月计划、到期应检查和本月未自查的单位。",
    ),
    "submit": (
        "accountability",
        "登记办所或村(社区)向应急办报送了某月的台账（报送），输出新编号。",
    ),
    "status": (
        "accountability",
        "各办所、村(社区)某月的台账记录、报送和计划完成情况（默认本月）；--year 给出全年逐月报送情况。",
    ),
    "sync": (
        "sharing",
        "与共享的远程仓库同步：先取回并合并其他办所的更改（merge），再推送本副本的更改。",
    ),
    "log": ("sharing", "一条记录在 git 中的改动历史：何时、哪个办所、改了哪些字段。"),
    "close": (
        "sharing",
        "报送：记下统计期的数字（提交并打标签）；以后的报告会指出与报送数的差异。",
    ),
    "export": (
        "workbook",
        "导出台账工作簿：企业、检查、隐患、重大隐患、处罚、事故、工作活动台账、检查计划、巡查记录、"
        "企业自查记录和汇总表；"
        "不给期间则导出全部记录（截至 --as-of 或今天）。",
    ),
    "import": (
        "workbook",
        "导入已有的 Excel/WPS 台账：按表头识别各列，合并单元格、合计行、各种日期写法均可读。",
    ),
    "doc": (
        "papers",
        "执法文书：现场检查记录、整改通知书、复查意见书（docx），文号按办所、种类、年度编排并写回记录。",
    ),
    "office": ("setup", "本台账副本所属的办所（不提交到 git）。"),
    "completion": (
        "completion",
        "打印命令行补全脚本（命令、选项、记录种类、编号和单位名称），安装方法见 README。",
    ),
}


# What a command built lives until the process ends: frozen at exit, it is spared the
# interpreter's last garbage collection, a walk over every object (0.1–0.2 s after add-hazard).
atexit.register(gc.freeze)


class Commands(LazyGroup):
    table = COMMANDS
    apart = frozenset({"init"})


app = typer.Typer(
    name="anquan",
    cls=Commands,
    help="安全生产台账：隐患排查治理、检查、处罚、事故与工作活动的台账和报告。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from anquan_cli import __version__

        typer.echo(f"anquan {__version__}")
        raise typer.Exit()


@app.callback()
def _everywhere(
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="显示 anquan 的版本号", callback=_show_version, is_eager=True
        ),
    ] = False,
) -> None:
    """安全生产台账：隐患排查治理、检查、处罚、事故与工作活动的台账和报告。"""
    from anquan_cli.store import cache

    cache.enabled = not no_cache
    use_ledger(ledger)


def main() -> None:
    """Entry point: run the app; anquan's own errors become one Chinese line and an exit code."""
    from anquan_cli.errors import AnquanError, os_reason

    survive_narrow_encodings()
    if os.environ.get(COMPLETE_VAR):
        _prepare_completion()
    try:
        code = app(prog_name=PROG, standalone_mode=False)
    except AnquanError as error:
        fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        _cancelled()
    except OSError as error:
        where = f"（{error.filename}）" if error.filename else ""
        fail(f"文件读写失败：{os_reason(error)}{where}；台账文件保持原样", 1)
    except (typer.Exit, SystemExit) as done:
        code = done.exit_code if isinstance(done, typer.Exit) else done.code
        sys.exit(code if isinstance(code, int) else 0)
    except Exception as error:
        _click_or_internal(error)
    if code == _INTERRUPTED:  # Typer turns Ctrl-C into this code when not standalone
        _cancelled()
    if isinstance(code, int) and code:
        sys.exit(code)


_INTERRUPTED = 130


def _cancelled() -> NoReturn:
    """Ctrl-C, or Ctrl-D at a prompt: one Chinese word and the shell's code for an interrupt."""
    from anquan_cli.cli.console import note

    note("已取消")
    sys.exit(_INTERRUPTED)


def _prepare_completion() -> None:
    """The shell is asking for completions: Typer's completion classes (which read the
    command line the way its scripts pass it) and the completers of IDs and units."""
    from typer._completion_classes import completion_init

    completion_init()
    Commands.completing = True


def _click_or_internal(error: Exception) -> None:
    """Typer's parser errors (click's, vendored or not) become one Chinese line and exit 2."""
    if isinstance(error, typer.Abort):
        _cancelled()
    format_message = getattr(error, "format_message", None)
    if type(error).__name__ == "NoArgsIsHelpError" and callable(format_message):
        page = str(format_message())  # rich help has printed itself; plain help comes back
        if page:
            typer.echo(page)
        sys.exit(2)
    if callable(format_message) and isinstance(getattr(error, "exit_code", None), int):
        fail(_translate_usage(str(format_message()), getattr(error, "ctx", None)), 2)
    raise error


def _translate_usage(text: str, ctx: object) -> str:
    from anquan_cli.cli.usage import in_chinese

    text = in_chinese(text)
    path = getattr(ctx, "command_path", None)
    return f"{text}（用法见 {path} --help）" if path else text
