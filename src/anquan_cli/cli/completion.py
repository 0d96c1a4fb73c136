"""`anquan completion SHELL`, and what the shell completes: commands, options and their
choices (record kinds, formats, levels) from the commands themselves, record IDs and unit
names from the ledger (store/completion.py: file names and the cache, never a record file).

The scripts are Typer's: each asks `anquan` itself for the candidates (with the variable
_ANQUAN_COMPLETE set), so they stay right as commands change. Which parameters complete
record IDs or units is said once here, by parameter name, and attached to each command as
the lazy group builds it (lazy.py), so no command module has to know about completion.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from anquan_cli.cli.options import COMPLETE_VAR, PROG
from anquan_cli.model.enums import RecordKind

if TYPE_CHECKING:
    from typer._click import Context, Parameter


class Shell(StrEnum):
    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"
    POWERSHELL = "powershell"


def completion(
    shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="bash、zsh、fish 或 powershell")],
) -> None:
    """打印命令行补全脚本（命令、选项、记录种类、编号和单位名称），安装方法见 README。"""
    from typer._completion_shared import get_completion_script

    from anquan_cli.cli.console import result

    result(get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell.value))


Completer = Callable[["Context", "Parameter", str], list[Any]]


def _ids(*kinds: RecordKind) -> Completer:
    """Completes the IDs of records of these kinds (all kinds when none is named)."""

    def complete(ctx: Context, param: Parameter, incomplete: str) -> list[Any]:
        from anquan_cli.store.completion import record_ids

        root = _ledger(ctx)
        if root is None:
            return []
        wanted = incomplete.upper()
        found = record_ids(root, kinds or tuple(RecordKind))
        return [_item(i, "") for i in found if i.startswith(wanted)]

    return complete


def _units(ctx: Context, param: Parameter, incomplete: str) -> list[Any]:
    """Completes a unit's name, short name or ID, each with the other as its help."""
    from anquan_cli.store.completion import unit_names

    root = _ledger(ctx)
    if root is None:
        return []
    items: dict[str, str] = {}
    for unit in unit_names(root):
        for value, hint in (
            (unit.name, unit.id),
            (unit.short_name, f"{unit.name} {unit.id}"),
            (unit.id, unit.name),
        ):
            if value and value.upper().startswith(incomplete.upper()):
                items.setdefault(value, hint)
    if not items:  # no name in the cache yet (a fresh clone): the units' IDs still complete
        return _ids(RecordKind.ENTERPRISE)(ctx, param, incomplete)
    return [_item(value, hint) for value, hint in items.items()]


def _item(value: str, hint: str) -> Any:
    """One candidate, with the help zsh, fish and PowerShell show beside it."""
    try:  # newer Typer carries its own copy of click
        from typer._click.shell_completion import CompletionItem
    except ImportError:  # older Typer, on click itself
        from click.shell_completion import CompletionItem  # type: ignore[import-not-found, no-redef]
    return CompletionItem(value, help=hint or None)


# Parameter name → what completes it. Every command naming a parameter so gets it.
BY_PARAMETER: dict[str, Completer] = {
    "enterprise": _units,
    "point": _units,
    "inspection": _ids(RecordKind.INSPECTION),
    "hazard": _ids(RecordKind.HAZARD),
    "hazard_id": _ids(RecordKind.HAZARD),
    "record_id": _ids(),
}


def attach(params: list[Parameter]) -> None:
    """Give each parameter its completer, if its name has one."""
    for param in params:
        found = BY_PARAMETER.get(param.name or "")
        if found is not None and getattr(param, "_custom_shell_complete", None) is None:
            param._custom_shell_complete = found


def _ledger(ctx: Context) -> Path | None:
    """The ledger this command line names (--ledger on the command or before it), else the
    one the working folder is in; None outside any ledger."""
    from anquan_cli.errors import AnquanError
    from anquan_cli.store.paths import find_root

    given = None
    here: Context | None = ctx
    while here is not None and given is None:
        given = here.params.get("ledger")
        here = here.parent
    try:
        return find_root(Path(given) if given else None, Path.cwd())
    except AnquanError:
        return None


def register(app: typer.Typer) -> None:
    app.command("completion")(completion)
