"""Asking for missing values at a terminal (never when stdin is not one)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from anquan_cli.cli.console import stdin_is_terminal
from anquan_cli.errors import AnquanError, UsageError

if TYPE_CHECKING:
    from anquan_cli.store.writer import Writer

Check = Callable[[str], object]
"""Reads an answer as the command will; raises ValueError or UsageError saying why not."""


def require(
    value: str | None,
    flag: str,
    question: str,
    choices: Sequence[str] = (),
    check: Check | None = None,
) -> str:
    """The option's value, asked for at a terminal when it was not given (until `check`
    takes the answer; a value given on the command line is the caller's to check)."""
    if value is not None and value.strip():
        return value
    if not stdin_is_terminal():
        raise UsageError(f"缺少必填选项 {flag}")
    return ask_text(question, choices=choices, check=check)


def ask_text(
    question: str,
    choices: Sequence[str] = (),
    hints: Mapping[str, str] | None = None,
    check: Check | None = None,
) -> str:
    """One line of input; completes on choices (and their hints, such as pinyin initials).

    An answer that is empty, or that `check` refuses, is not taken: the question stays,
    saying why, so one slip does not end the command. Answers are checked on Enter only:
    a date half typed is not yet wrong."""
    import questionary

    def filled(text: str) -> bool | str:
        if not text.strip():
            return f"{question}不能为空"
        if check is not None:
            try:
                check(text.strip())
            except (ValueError, AnquanError) as refused:
                return str(refused)
        return True

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
            f"{question}：",
            completer=_UnitCompleter(),
            validate=filled,
            validate_while_typing=False,
        ).unsafe_ask()
    elif choices:
        answer = questionary.autocomplete(
            f"{question}：", choices=list(choices), validate=filled, validate_while_typing=False
        ).unsafe_ask()
    else:
        answer = questionary.text(
            f"{question}：", validate=filled, validate_while_typing=False
        ).unsafe_ask()
    return str(answer).strip()


def ask_unit(writer: Writer, query: str | None) -> str:
    """--enterprise as given, or asked for on a terminal with name/pinyin completion (the
    unit's ID); the api resolves a name it is given."""
    if query is not None:
        return query
    from anquan_cli.store.lookup import completions
    from anquan_cli.store.units import find_unit, unit_names

    if not stdin_is_terminal():
        raise UsageError("缺少必填选项 --enterprise")
    answer = ask_text(
        "单位（名称、编号或拼音首字母）",
        hints=completions(unit_names(writer.root)),
        check=lambda text: find_unit(writer.root, text),
    )
    return find_unit(writer.root, answer).id


def listed(value: str, allowed: Sequence[str] | None, what: str, flag: str) -> str:
    """A value asked for at a prompt, held to its anquan.yaml list before it is taken (the
    record's rules, model/rules.py, hold it again)."""
    from anquan_cli.model.rules import listed_refusal

    why = listed_refusal(value, tuple(allowed) if allowed else None, what)
    if why is not None:
        raise UsageError(f"{flag}：{why}")
    return value


def required_date(value: str | None, flag: str, question: str, today: date) -> date:
    """A required date (asked for on a terminal until it is one of something done); the
    record's rules hold it to today and 2000–2099 (model/rules.py)."""
    from anquan_cli.cli.options import to_date
    from anquan_cli.model.dates import check_past, parse_date

    text = require(value, flag, question, check=lambda given: check_past(parse_date(given), today))
    parsed = to_date(text, flag)
    assert parsed is not None
    return parsed


def ask_choice(question: str, choices: Sequence[str]) -> str:
    """One of the choices, picked with the arrow keys or typed shortcut (1, 2, 3 …)."""
    import questionary

    answer = questionary.select(
        question,
        choices=list(choices),
        use_shortcuts=True,
        instruction="（数字键或方向键选择，回车确认）",
    ).unsafe_ask()
    return str(answer)


def ask_optional(question: str) -> str | None:
    """One line that may be left empty (None)."""
    import questionary

    answer = str(questionary.text(f"{question}：").unsafe_ask()).strip()
    return answer or None
