"""Start-up is a feature: commands import only what they use (checked, never timed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run

# Modules that cost tens of milliseconds each and that these commands never need.
DOCUMENTS = ("openpyxl", "xlsxwriter", "docx", "jinja2", "python_calamine", "questionary")
STORE = ("yaml", "ruamel", "pypinyin", "anquan_cli.model.records", "anquan_cli.model.settings")
# Typer itself imports pydantic once a command's parameters are built, not for `anquan --help`.
PYDANTIC = ("pydantic", "pydantic_core")
COMMAND_MODULES = (
    "setup",
    "records",
    "query",
    "check",
    "report",
    "glance",
    "sharing",
    "workbook",
    "completion",
)


def modules_after(*args: str, cwd: Path | None = None) -> set[str]:
    """The modules a fresh interpreter has imported after running `anquan ARGS…`."""
    code = (
        "import sys\n"
        f"sys.argv = ['anquan', *{list(args)!r}]\n"
        "from anquan_cli.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "import json\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "ANQUAN_OFFICE": "应急办"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def heavy(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_help_imports_neither_models_nor_store_nor_documents() -> None:
    modules = modules_after("--help")
    assert "anquan_cli.cli.app" in modules
    assert heavy(modules, (*DOCUMENTS, *STORE, *PYDANTIC)) == []


def test_help_imports_no_command_module() -> None:
    """`anquan --help` lists the commands from app.COMMANDS, importing none of them."""
    modules = modules_after("--help")
    assert heavy(modules, tuple(f"anquan_cli.cli.{m}" for m in COMMAND_MODULES)) == []


def test_a_command_imports_its_own_command_module_only() -> None:
    modules = modules_after("add-hazard", "--help")
    others = tuple(f"anquan_cli.cli.{m}" for m in COMMAND_MODULES if m != "records")
    assert "anquan_cli.cli.records" in modules
    assert heavy(modules, others) == []


@pytest.mark.parametrize("command", ["add-hazard", "list", "check", "report", "export"])
def test_a_command_help_imports_no_store_nor_documents(command: str) -> None:
    modules = modules_after(command, "--help")
    assert heavy(modules, (*DOCUMENTS, *STORE)) == []


def test_adding_a_hazard_imports_no_document_library(run: Run, unit: str, ledger: Path) -> None:
    modules = modules_after("add-hazard", "-e", unit, "-d", "灭火器过期", "--no-commit", cwd=ledger)
    assert "anquan_cli.store.writer" in modules
    assert heavy(modules, (*DOCUMENTS, "pypinyin")) == []


def test_a_command_that_prints_plain_lines_imports_no_rich(ledger: Path, unit: str) -> None:
    modules = modules_after("add-hazard", "-e", unit, "-d", "灭火器过期", "--no-commit", cwd=ledger)
    assert heavy(modules, ("rich",)) == []


def test_a_report_printed_as_json_imports_no_rich_and_no_document_library(
    ledger: Path, unit: str, run: Run
) -> None:
    assert run("add-hazard", "-e", unit, "-d", "灭火器过期", "--found", "2024-10-08").code == 0
    modules = modules_after("report", "--year", "2024", "--format", "json", cwd=ledger)
    assert "anquan_cli.cli.report" in modules
    assert heavy(modules, ("rich", *DOCUMENTS)) == []
