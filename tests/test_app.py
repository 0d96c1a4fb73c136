"""The command table that `anquan --help` lists from stays true to the commands themselves."""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import re

import pytest
import typer

import anquan_cli
from anquan_cli.cli.app import COMMANDS, app
from tests.conftest import Run


def registered_by(module: str) -> list[str]:
    """The names that `anquan_cli.cli.MODULE.register` adds to an app."""
    host = typer.Typer()
    importlib.import_module(f"anquan_cli.cli.{module}").register(host)
    return [info.name or "" for info in host.registered_commands] + [
        info.name or "" for info in host.registered_groups
    ]


def test_the_table_names_every_command_and_the_module_that_registers_it() -> None:
    modules = {module for module, _ in COMMANDS.values()}
    found = {name: module for module in modules for name in registered_by(module)}
    assert found == {name: module for name, (module, _) in COMMANDS.items()}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_listed_help_is_the_first_paragraph_of_the_commands_own(name: str) -> None:
    group = typer.main.get_group(app)
    with typer.Context(group) as ctx:
        command = group.get_command(ctx, name)
    assert command is not None and command.name == name
    own = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
    assert COMMANDS[name][1] == own


def test_a_mistyped_command_is_answered_in_chinese_with_a_suggestion(run: Run) -> None:
    outcome = run("add-hazrd")
    assert outcome.code == 2
    assert "没有这个命令“add-hazrd”，是否为：add-hazard" in outcome.err


def test_a_mistyped_option_is_answered_in_chinese_with_a_suggestion(run: Run) -> None:
    outcome = run("report", "--quater", "4")
    assert outcome.code == 2
    assert "没有这个选项：--quater，可能是：--quarter" in outcome.err


def test_an_extra_argument_is_named_in_chinese(run: Run) -> None:
    outcome = run("report", "--quarter", "4", "多余")
    assert outcome.code == 2
    assert "多余的参数：多余" in outcome.err


def test_version_is_the_installed_one(run: Run) -> None:
    outcome = run("--version")
    assert outcome.code == 0
    assert outcome.out.strip() == f"anquan {anquan_cli.__version__}"
    assert anquan_cli.__version__ == importlib.metadata.version("anquan")


ENGLISH_FRAME = ("Usage", "Options", "Arguments", "Commands", "[required]", "Show this", "<bool>")


def test_help_pages_are_framed_in_chinese(run: Run) -> None:
    report = run("report", "--help")
    assert report.code == 0
    assert "用法：" in report.out  # then the program's name, which pytest changes
    assert "report [选项]" in report.out
    assert "─ 选项 ─" in report.out
    assert "显示本帮助并退出" in report.out
    assert "<文字>" in report.out
    office = run("office", "set", "--help")
    assert "office set [选项] {办所}" in office.out
    assert "─ 参数 ─" in office.out
    assert "[必填]" in office.out
    for page in (report.out, office.out, run("--help").out):
        assert not [word for word in ENGLISH_FRAME if word in page]


def test_anquan_alone_shows_its_help_and_no_error(run: Run) -> None:
    outcome = run()
    assert outcome.code == 2
    assert "用法：" in outcome.out
    assert "[选项] 命令 [参数]..." in outcome.out
    assert outcome.err == ""


def test_a_missing_argument_is_named_in_chinese(run: Run) -> None:
    outcome = run("list")
    assert outcome.code == 2
    assert "缺少参数“种类”，可选：enterprises、inspections、hazards、" in outcome.err


def test_help_lists_every_command(run: Run) -> None:
    outcome = run("--help")
    assert outcome.code == 0
    for name in COMMANDS:
        assert f" {name} " in outcome.out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("report", "--format", "pdf"), "--format：pdf 无效，可选 md、docx、html、json"),
        (("export", "--year", "明年"), "--year：应为整数"),
        (("report", "--quarter"), "选项 --quarter 需要一个值"),
        (("list", "hazards", "多", "余"), "多余的参数：多 余"),
        (("repot",), "没有这个命令“repot”，是否为：report、export"),
        (("add-accident", "--deaths", "-1"), "--deaths：应大于或等于 0"),
        (("add-activity", "--count", "0"), "--count：应大于或等于 1"),
        (("add-activity", "--people", "-3"), "--people：应大于或等于 0"),
        (("add-plan", "--inspections", "-1"), "--inspections：应大于或等于 0"),
    ],
)
def test_command_line_mistakes_are_told_in_chinese_words_and_punctuation(
    run: Run, args: tuple[str, ...], said: str
) -> None:
    outcome = run(*args)
    assert outcome.code == 2
    assert said in outcome.err
    assert not re.search(r"[A-Za-z]{3,} [a-z]{2,}|'|\.$", outcome.err.split("（用法见")[0])
