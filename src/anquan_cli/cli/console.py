"""The terminal: stdout carries results, stderr carries messages; one place prints errors.

`out` and `err`, the rich consoles, are made on first use: rich takes tens of milliseconds to
import, and a command that only prints an ID or a plain line never needs it.

Everything printed here passes model.text.shown: a record file edited by hand may hold ESC[2J
or U+202E, and listing it must not clear the screen or turn text around; such characters are
printed as \\u001b, \\u202e (as JSON writes them, so JSON output keeps its meaning).
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

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
        made = globals()[name] = _safe_console()(
            stderr=name == "err", soft_wrap=True, highlight=False
        )
    return made


def _safe_console() -> type[Console]:
    """A rich Console whose rendered text is shown safely (its own styles are not text)."""
    from collections.abc import Iterable

    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment
    from rich.text import Text

    from anquan_cli.model.text import UNSAFE_TO_SHOW, shown

    class SafeConsole(Console):
        def render_str(self, text: str, **options: Any) -> Text:
            # before layout, so a table measures the text as it will be shown
            return super().render_str(shown(text), **options)

        def render(
            self, renderable: RenderableType, options: ConsoleOptions | None = None
        ) -> Iterable[Segment]:
            for segment in super().render(renderable, options):  # Text made elsewhere
                if segment.control or UNSAFE_TO_SHOW.search(segment.text) is None:
                    yield segment
                else:
                    yield Segment(shown(segment.text), segment.style)

    return SafeConsole


def _may_be_terminal(stream: TextIO) -> bool:
    """False only where rich's Console.is_terminal is False too, asked without importing rich."""
    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# Characters a console's narrow code page (936, GBK, on Chinese Windows) lacks, and what is
# written for them instead of "?"; anything else it lacks becomes "?".
_LOOKALIKES = {"✓": "√", "✔": "√", "✗": "×", "✘": "×", "•": "·", "–": "-", "\u00a0": " "}
_ERRORS = "anquan-lookalike"


def _lookalike(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for char in error.object[error.start : error.end]:
        instead = _LOOKALIKES.get(char, "?")
        try:
            instead.encode(error.encoding)
        except UnicodeEncodeError:
            instead = "?"
        shown.append(instead)
    return "".join(shown), error.end


def survive_narrow_encodings() -> None:
    """Let stdout and stderr write what their encoding cannot hold.

    Windows writes to a pipe or file (and an old console) in the code page, 936 (GBK) in
    China: a ✓, an emoji or a rare character in someone's record would otherwise stop the
    command with UnicodeEncodeError. Such a character becomes a look-alike or "?"."""
    codecs.register_error(_ERRORS, _lookalike)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors=_ERRORS)


def fail(message: str, code: int) -> NoReturn:
    """Say what went wrong in one line on stderr and leave with the exit code (a line break
    a message quotes from the user's text is written as \\n)."""
    message = message.replace("\n", "\\n")
    if _may_be_terminal(sys.stderr) and _console("err").is_terminal:
        from rich.markup import escape

        _console("err").print(f"[bold red]错误：[/]{escape(message)}")
    else:
        print(f"错误：{_shown(message)}", file=sys.stderr)
    sys.exit(code)


def note(message: str) -> None:
    """A message for the person, on stderr, so stdout stays clean for scripts."""
    if _may_be_terminal(sys.stderr) and _console("err").is_terminal:
        _console("err").print(message, markup=False)
    else:
        print(_shown(message), file=sys.stderr)


def result(text: str) -> None:
    """A value scripts capture: printed plainly on stdout."""
    sys.stdout.write(_shown(text) + "\n")
    sys.stdout.flush()


def document(text: str) -> None:
    """A document or CSV written to stdout: byte for byte into a file or pipe, shown safely
    when stdout is a terminal."""
    sys.stdout.write(_shown(text) if _may_be_terminal(sys.stdout) else text)
    sys.stdout.flush()


def _shown(text: str) -> str:
    from anquan_cli.model.text import shown

    return shown(text)


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal a person reads (else a pipe or file a program reads)."""
    return _may_be_terminal(sys.stdout)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
