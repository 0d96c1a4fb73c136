"""The anquan command: a Typer app whose commands live one group per module."""

from __future__ import annotations

import sys

import typer

from anquan_cli.cli import (
    check,
    glance,
    query,
    records,
    report,
    setup,
    sharing,
    workbook,
)
from anquan_cli.cli.console import fail
from anquan_cli.cli.options import NoCacheOption

app = typer.Typer(
    name="anquan",
    help="安全生产台账：隐患排查治理、检查、处罚、事故与工作活动的台账和报告。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

for module in (
    setup,
    records,
    query,
    check,
    report,
    glance,
    sharing,
    workbook,
):
    module.register(app)


@app.callback()
def _everywhere(no_cache: NoCacheOption = False) -> None:
    """安全生产台账：隐患排查治理、检查、处罚、事故与工作活动的台账和报告。"""
    from anquan_cli.store import cache

    cache.enabled = not no_cache


def main() -> None:
    """Entry point: run the app; anquan's own errors become one Chinese line and an exit code."""
    from anquan_cli.errors import AnquanError

    try:
        code = app(standalone_mode=False)
    except AnquanError as error:
        fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        fail("已取消", 130)
    except OSError as error:
        where = f"（{error.filename}）" if error.filename else ""
        fail(f"文件读写失败：{error.strerror or error}{where}；台账文件保持原样", 1)
    except (typer.Exit, SystemExit) as done:
        code = done.exit_code if isinstance(done, typer.Exit) else done.code
        sys.exit(code if isinstance(code, int) else 0)
    except Exception as error:
        _click_or_internal(error)


def _click_or_internal(error: Exception) -> None:
    """Typer's parser errors (click's, vendored or not) become one Chinese line and exit 2."""
    if isinstance(error, typer.Abort):
        fail("已取消", 130)
    format_message = getattr(error, "format_message", None)
    if callable(format_message) and isinstance(getattr(error, "exit_code", None), int):
        fail(_translate_usage(str(format_message()), getattr(error, "ctx", None)), 2)
    raise error


_USAGE_WORDS = {
    "No such command": "没有这个命令",
    "No such option": "没有这个选项",
    "Missing option": "缺少选项",
    "Missing argument": "缺少参数",
    "Invalid value for": "取值无效",
    "Got unexpected extra arguments": "多余的参数",
    "Got unexpected extra argument": "多余的参数",
    "requires an argument": "需要一个值",
    "is not a valid integer": "不是整数",
    "is not one of": "不是以下之一",
    "is not in the range": "超出范围",
    "Value error, ": "",
    "Option": "选项",
    "Did you mean": "是否为",
}


def _translate_usage(text: str, ctx: object) -> str:
    for english, chinese in _USAGE_WORDS.items():
        text = text.replace(english, chinese)
    path = getattr(ctx, "command_path", None)
    return f"{text}（用法见 {path} --help）" if path else text
