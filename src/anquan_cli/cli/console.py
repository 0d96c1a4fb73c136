"""The terminal: stdout carries results, stderr carries messages; one place prints errors."""

from __future__ import annotations

import sys
from typing import NoReturn

from rich.console import Console
from rich.markup import escape

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


def fail(message: str, code: int) -> NoReturn:
    """Say what went wrong in one line on stderr and leave with the exit code."""
    if err.is_terminal:
        err.print(f"[bold red]错误：[/]{escape(message)}")
    else:
        print(f"错误：{message}", file=sys.stderr)
    sys.exit(code)


def note(message: str) -> None:
    """A message for the person, on stderr, so stdout stays clean for scripts."""
    if err.is_terminal:
        err.print(message, markup=False)
    else:
        print(message, file=sys.stderr)


def result(text: str) -> None:
    """A value scripts capture: printed plainly on stdout."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
