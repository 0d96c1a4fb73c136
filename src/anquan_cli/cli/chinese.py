"""The frame of every help page in Chinese: 用法, 选项, 参数, 命令, [必填] and the -h line.

Typer and its click print that frame in English whatever the commands' own texts say. Each
command's context is a ChineseContext; only when a help page is about to be shown does it
import Typer's help renderer, set its panel titles and mark its parameters in Chinese, so
commands that show no help pay nothing for it.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from typer.core import TyperGroup

try:  # newer Typer carries its own copy of click
    from typer._click import Command, Context, HelpFormatter
except ImportError:  # older Typer, on click itself
    from click import Command, Context, HelpFormatter  # type: ignore[import-not-found, no-redef]

USAGE = "用法："
OPTIONS = "[选项]"
SUBCOMMAND = "命令 [参数]..."
HELP_OPTION = "显示本帮助并退出"
PANELS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
}
# How Typer names a value's type after an option, and what a clerk reads there instead.
BASE_TYPES = {
    "bool": "",
    "str": "文字",
    "int": "整数",
    "float": "数字",
    "decimal": "数字",
    "path": "路径",
    "date": "日期",
    "datetime": "日期",
}
_LIST = re.compile(r"list\[(\w+)\]")


def chinese_type(label: str) -> str | None:
    """`<int range>` → `<整数>`, `<list[str]>` → `<文字>...`; None for a label that is not a
    Python type (a choice such as `<md|docx>`, or one already in Chinese)."""
    inner = label.strip("<>")
    many = _LIST.fullmatch(inner)
    base = (many[1] if many else inner).removesuffix(" range").lower()
    if base not in BASE_TYPES:
        return None
    word = BASE_TYPES[base]
    if not word:
        return ""
    return f"<{word}>..." if many else f"<{word}>"


class ChineseFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE if prefix is None else prefix)


class ChineseContext(Context):
    formatter_class = ChineseFormatter

    def get_help(self) -> str:
        _panels_in_chinese()
        params = list(self.command.params)
        option = self.command.get_help_option(self)
        if option is not None:
            option.help = HELP_OPTION
            params.append(option)
        for param in params:
            _type_in_chinese(param, self)
        if not self.command.epilog:
            from anquan_cli.cli.examples import epilog

            self.command.epilog = epilog(" ".join(self.command_path.split()[1:]))
        return super().get_help()


def _panels_in_chinese() -> None:
    from typer import rich_utils

    for name, text in PANELS.items():
        setattr(rich_utils, name, text)
    made = rich_utils.Table  # type: ignore[attr-defined]
    if not getattr(made, "folds", False):
        rich_utils.Table = _folding_table(made)  # type: ignore[attr-defined]
    helps = getattr(rich_utils, "_get_parameter_help", None)
    if helps is not None and not getattr(helps, "folds", False):
        rich_utils._get_parameter_help = _folding_help(helps)


def _folding_help(make: Any) -> Any:
    """Typer's help text of an option, each of its pieces folded as the tables' cells are."""

    def folded(*args: Any, **kwargs: Any) -> Any:
        made = make(*args, **kwargs)
        for piece in getattr(made, "renderables", ()):
            if getattr(piece, "overflow", "") is None:
                piece.overflow = "fold"
        return made

    folded.folds = True  # type: ignore[attr-defined]
    return folded


def _folding_table(table: type[Any]) -> type[Any]:
    """Typer's help tables, their cells folded rather than cut.

    Rich wraps a cell at spaces and cuts a longer run with "…"; Chinese has no spaces, so
    a summary or an option's help wider than the terminal lost its end. Folding breaks the
    run between characters, as Chinese is written."""

    class Folding(table):  # type: ignore[misc]
        folds = True

        def add_column(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("overflow", "fold")
            super().add_column(*args, **kwargs)

        def add_row(self, *cells: Any, **kwargs: Any) -> None:
            while len(self.columns) < len(cells):  # rich would add plain (cutting) columns
                self.add_column()
            super().add_row(*cells, **kwargs)

    return Folding


def _type_in_chinese(param: Any, ctx: Context) -> None:
    """The type label beside a parameter: none for a flag, Chinese for text, numbers, paths."""
    show = getattr(param, "display_type_rich", None)
    if show is None:  # older Typer labels types its own way
        return
    label = chinese_type(show(ctx=ctx))
    if label is not None:
        param.display_type_rich = _Label(label)


class _Label:
    """What a parameter's display_type_rich gives once its label is in Chinese."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, ctx: Context) -> str:
        return self.text


C = TypeVar("C", bound=Command)


def speak_chinese(command: C) -> C:
    """Give a command (and a group's commands, however deep) the Chinese help frame."""
    command.context_class = ChineseContext
    command.options_metavar = OPTIONS
    if isinstance(command, TyperGroup):
        command.subcommand_metavar = SUBCOMMAND
        for sub in command.commands.values():
            speak_chinese(sub)
    return command
