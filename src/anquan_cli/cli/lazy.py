"""A command group that knows its commands by name and help text until one of them runs.

Building a Typer command reads its function's signature and every option's annotation, and
importing its module imports what the command uses: doing that for every command made
`anquan --help` and `anquan add-hazard` pay for all of them. This group lists its commands
from a table (name → module, one-line help) and imports a command's module, and builds that
one command, only when it is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup

from anquan_cli.cli.chinese import speak_chinese

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter, Parameter


class Listed(TyperCommand):
    """A command known only by its name and the help shown in the group's list."""

    def __init__(self, name: str, module: str, help: str) -> None:
        super().__init__(name=name, help=help)
        self.module = module


class LazyGroup(TyperGroup):
    """A TyperGroup whose commands are `register(app)` functions of modules named in `table`."""

    package = "anquan_cli.cli"
    # name → (module under `package`, first paragraph of the command's help)
    table: Mapping[str, tuple[str, str]] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        speak_chinese(self)
        self._listing = False
        for name, (module, text) in self.table.items():
            self.commands.setdefault(name, Listed(name, module, text))

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        command = self.commands.get(cmd_name)
        if isinstance(command, Listed) and not self._listing:
            command = self.commands[cmd_name] = self.load(command)
        return command

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The group's help lists each command from the table, building none of them."""
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def load(self, listed: Listed) -> Command:
        """The real command (or sub-group) that `listed` stands for, taking the group's
        options too (`anquan export --no-cache` as `anquan --no-cache export`)."""
        return self.also_everywhere(self.build(listed))

    # Commands that do not take the group's options: they make a ledger, not read one.
    apart: frozenset[str] = frozenset()
    # Set while the shell asks for completions: commands then learn what completes their
    # IDs and units (completion.py), which no ordinary run needs to import.
    completing = False

    def shell_complete(self, ctx: Context, incomplete: str) -> list[Any]:
        """The commands (from the table, none built) and the group's options."""
        self._listing = True
        try:
            return list(super().shell_complete(ctx, incomplete))
        finally:
            self._listing = False

    def also_everywhere(self, command: Command) -> Command:
        if command.name in self.apart:
            return command
        if isinstance(command, TyperGroup):
            for sub in command.commands.values():
                self.also_everywhere(sub)
            return command
        declared = {param.name for param in command.params}
        command.params.extend(p for p in _shared_params() if p.name not in declared)
        if self.completing:
            from anquan_cli.cli.completion import attach

            attach(command.params)
        return command

    def build(self, listed: Listed) -> Command:
        module = importlib.import_module(f"{self.package}.{listed.module}")
        host = typer.Typer()
        module.register(host)
        for info in host.registered_commands:
            if info.name == listed.name:
                return speak_chinese(
                    typer.main.get_command_from_info(
                        info, pretty_exceptions_short=True, rich_markup_mode=self.rich_markup_mode
                    )
                )
        for group in host.registered_groups:
            if group.name == listed.name:
                return speak_chinese(
                    typer.main.get_group_from_info(
                        group,
                        pretty_exceptions_short=True,
                        suggest_commands=self.suggest_commands,
                        rich_markup_mode=self.rich_markup_mode,
                    )
                )
        raise LookupError(f"{module.__name__}.register adds no command {listed.name!r}")


_SHARED: list[Parameter] = []


def _shared_params() -> list[Parameter]:
    """options.everywhere's parameters, built by Typer as any command's are, passing no value
    to the command: their callbacks set the run's ledger and cache switch."""
    if not _SHARED:
        from anquan_cli.cli.options import everywhere

        host = typer.Typer()
        host.command()(everywhere)
        built = typer.main.get_command_from_info(
            host.registered_commands[0], pretty_exceptions_short=True, rich_markup_mode=None
        )
        for param in built.params:
            param.expose_value = False
        _SHARED.extend(built.params)
    return _SHARED
