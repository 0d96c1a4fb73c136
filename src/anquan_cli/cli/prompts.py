"""Asking for missing values at a terminal (never when stdin is not one)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from anquan_cli.cli.console import stdin_is_terminal
from anquan_cli.errors import UsageError


def require(value: str | None, flag: str, question: str, choices: Sequence[str] = ()) -> str:
    """The option's value, asked for at a terminal when it was not given."""
    if value is not None and value.strip():
        return value
    if not stdin_is_terminal():
        raise UsageError(f"缺少必填选项 {flag}")
    return ask_text(question, choices=choices)


def ask_text(
    question: str, choices: Sequence[str] = (), hints: Mapping[str, str] | None = None
) -> str:
    """One line of input; completes on choices (and their hints, such as pinyin initials)."""
    import questionary

    def filled(text: str) -> bool | str:
        """An empty answer is not taken: the question stays, saying why."""
        return bool(text.strip()) or f"{question}不能为空"

    if hints:
        from collections.abc import Iterator

        from prompt_toolkit.completion import CompleteEvent, Completer, Completion
        from prompt_toolkit.document import Document

        known = dict(hints)

        class _UnitCompleter(Completer):
            def get_completions(
                self, document: Document, complete_event: CompleteEvent
            ) -> Iterator[Completion]:
                typed = document.text_before_cursor.strip().lower()
                for name, hint in known.items():
                    if typed in name.lower() or any(
                        h.startswith(typed) for h in hint.lower().split()
                    ):
                        yield Completion(
                            name,
                            start_position=-len(document.text_before_cursor),
                            display_meta=hint,
                        )

        answer = questionary.text(
            f"{question}：", completer=_UnitCompleter(), validate=filled
        ).ask()
    elif choices:
        answer = questionary.autocomplete(
            f"{question}：", choices=list(choices), validate=filled
        ).ask()
    else:
        answer = questionary.text(f"{question}：", validate=filled).ask()
    if answer is None:
        raise KeyboardInterrupt
    return str(answer).strip()
