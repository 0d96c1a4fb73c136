"""Help that teaches: every help page ends with real examples, names types in Chinese, and
the top-level list fits 80 columns without cutting a summary."""

from __future__ import annotations

import re
import shlex

import pytest
import typer
from rich.cells import cell_len

from anquan_cli.cli.app import COMMANDS, app
from anquan_cli.cli.chinese import chinese_type
from anquan_cli.cli.examples import EXAMPLES
from tests.conftest import Run

PYTHON_TYPE = re.compile(
    r"<[^>]*\b(str|int|float|bool|list|dict|tuple|path|Path|decimal|Decimal|datetime|range)\b"
)
BORDERS = re.compile(r"[\s─│╭╮╰╯┃━]")


def command_paths() -> list[str]:
    """Every command, and each sub-command of a group (office set), by its path."""
    group = typer.main.get_command(app)
    paths = []
    for name in COMMANDS:
        command = group.get_command(None, name)  # type: ignore[attr-defined]
        paths.append(name)
        paths.extend(f"{name} {sub}" for sub in getattr(command, "commands", {}))
    return paths


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.parametrize("path", command_paths())
def test_every_help_page_ends_with_its_examples_and_names_no_python_type(
    run: Run, path: str
) -> None:
    outcome = run(*path.split(), "--help")
    assert outcome.code == 0, outcome.err
    page = outcome.out
    assert "示例：" in page
    after = page.rsplit("示例：", 1)[1]
    shown = BORDERS.sub("", after)
    for example in EXAMPLES[path]:
        assert BORDERS.sub("", example) in shown
    assert PYTHON_TYPE.search(page) is None, PYTHON_TYPE.search(page)
    assert max(cell_len(line) for line in page.splitlines()) <= 80


@pytest.mark.parametrize(
    ("path", "example"), [(p, e) for p in command_paths() for e in EXAMPLES[p]]
)
def test_every_example_is_a_command_line_its_command_accepts(path: str, example: str) -> None:
    words = shlex.split(example.replace("$(", " ").replace(")", " "))
    words = words[words.index("anquan") + 1 :]
    for stop in ("|", "<", ">"):
        if stop in words:
            words = words[: words.index(stop)]
    assert " ".join(words[: len(path.split())]) == path
    command = typer.main.get_command(app)
    for name in path.split():
        command = command.get_command(None, name)  # type: ignore[attr-defined]
    command.make_context(path, words[len(path.split()) :])  # raises on an unknown option


def test_the_top_level_help_fits_80_columns_and_cuts_no_summary(run: Run) -> None:
    page = run("--help").out
    assert max(cell_len(line) for line in page.splitlines()) <= 80
    listed = BORDERS.sub("", page)
    for name, (_, summary) in COMMANDS.items():
        assert name + BORDERS.sub("", summary) in listed, name


@pytest.mark.parametrize(
    ("label", "chinese"),
    [
        ("<str>", "<文字>"),
        ("<int range>", "<整数>"),
        ("<list[str]>", "<文字>..."),
        ("<list[Path]>", "<路径>..."),
        ("<float>", "<数字>"),
        ("<bool>", ""),
        ("<md|docx>", None),
    ],
)
def test_python_types_are_named_in_chinese(label: str, chinese: str | None) -> None:
    assert chinese_type(label) == chinese
