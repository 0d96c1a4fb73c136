"""The terminal: stdout carries results, stderr carries messages; one place prints errors.

`out` and `err`, the rich consoles, are made on first use: rich takes tens of milliseconds to
import, and a command that only prints an ID or a plain line never needs it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from rich.console import Console

    out: Console
    err: Console


def __getattr__(name: str) -> Console:
    if name not in ("out", "err"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _console(name)


def _console(name: str) -> Console:
    """`out` or `err` (whichever was set, or a new one kept as a module attribute)."""
    made: Console | None = globals().get(name)
    if made is None:
        from rich.console import Console

        made = globals()[name] = Console(stderr=name == "err", soft_wrap=True, highlight=False)
    return made


def _may_be_terminal(stream: TextIO) -> bool:
    """False only where rich's Console.is_terminal is False too, asked without importing rich."""
    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def fail(message: str, code: int) -> NoReturn:
    """Say what went wrong in one line on stderr and leave with the exit code."""
    if _may_be_terminal(sys.stderr) and _console("err").is_terminal:
        from rich.markup import escape

        _console("err").print(f"[bold red]错误：[/]{escape(message)}")
    else:
        print(f"错误：{message}", file=sys.stderr)
    sys.exit(code)


def note(message: str) -> None:
    """A message for the person, on stderr, so stdout stays clean for scripts."""
    if _may_be_terminal(sys.stderr) and _console("err").is_terminal:
        _console("err").print(message, markup=False)
    else:
        print(message, file=sys.stderr)


def result(text: str) -> None:
    """A value scripts capture: printed plainly on stdout."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal a person reads (else a pipe or file a program reads)."""
    return _may_be_terminal(sys.stdout)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
