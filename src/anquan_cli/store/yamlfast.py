"""Writing a new record file fast: the very bytes ruamel's round-trip dump would write.

A new file has no comments or layout to keep, so ruamel's general machinery (representer,
serializer, the event-driven emitter: about a millisecond a file) buys nothing there. This
module lays out the few shapes a record takes (scalars; a list of scalars or of small
mappings; a mapping of scalars) with ruamel's indentation, and asks ruamel's own emitter how
to write each text (plain or double-quoted, and its escapes), so the two cannot drift apart.
Anything outside those shapes — a very long text, an empty nested list, a float written with
an exponent, a long or empty key — gives None, and the caller writes through ruamel.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any

from anquan_cli.store.yamlwrite import handler, needs_quotes, surely_plain

# ruamel folds a scalar that runs past column 4096; stay well under it and never fold.
_MAX_LINE = 4000
# ruamel writes a key of 128 characters or more as an explicit `? key` entry; stay under it.
_MAX_KEY = 100
_SEQUENCE_ITEM = "  - "  # indent(mapping=2, sequence=4, offset=2)
_SEQUENCE_REST = "    "


class _Outside(Exception):
    """The value is not one of the shapes this writer lays out."""


# Text whose double-quoted form is itself between quotes: nothing in it to escape, in any
# emitter (phone numbers, codes, times). The commonest quoted text, so spared the emitter.
_QUOTED_AS_IS = re.compile(r"[0-9A-Za-z.:+ -]*")

# An emitter of this module's own, asked only how to write single scalars (its state is reset
# for each): set up as every record file is written. Not for use from several threads at once.
_EMITTER = handler().emitter


@lru_cache(maxsize=1 << 16)
def _text(value: str) -> str:
    """A text scalar as ruamel writes it on one line, for a block mapping or sequence."""
    if surely_plain(value):
        return value
    if needs_quotes(value):
        if _QUOTED_AS_IS.fullmatch(value):
            return f'"{value}"'
        stream = io.StringIO()
        _EMITTER.stream = stream
        _EMITTER.column = 0
        _EMITTER.whitespace = True
        _EMITTER.root_context = False
        _EMITTER.write_double_quoted(value, split=False)
        return stream.getvalue()
    if value.isascii() and value.isalnum():  # a credit code: nothing in it to analyze
        return value
    if not _EMITTER.analyze_scalar(value).allow_block_plain:
        raise _Outside  # ruamel would pick single quotes: rare, left to it
    return value


def _scalar(value: Any, column: int) -> str:
    kind = type(value)
    if kind is str:  # the common cases first: most values are text or dates
        shown = _text(value)
    elif kind is date:
        shown = value.isoformat()
    else:
        shown = _other_scalar(value)
    if column + len(shown) > _MAX_LINE:
        raise _Outside
    return shown


def _other_scalar(value: Any) -> str:
    if isinstance(value, Enum):
        value = str(value.value)
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    match value:
        case bool():
            return "true" if value else "false"
        case int():
            return str(value)
        case float():
            shown = repr(value).lower()
            if not shown.replace(".", "").replace("-", "").isdigit():
                raise _Outside  # exponent, inf or nan
            return shown
        case str():
            return _text(value)
        case datetime():
            raise _Outside
        case date():
            return value.isoformat()
    raise _Outside


@lru_cache(maxsize=1 << 12)
def _key_text(key: str) -> str | None:
    """A key as ruamel writes it, or None where it would write an explicit `? key` entry."""
    if not 0 < len(key) <= _MAX_KEY or _EMITTER.analyze_scalar(key).multiline:
        return None
    try:
        return _scalar(key, 0)
    except _Outside:
        return None


def _key(key: Any) -> str:
    shown = _key_text(key) if type(key) is str else None
    if shown is None:
        raise _Outside
    return shown


_SCALARS = frozenset({str, date, int, float, bool})


def _is_scalar(value: Any) -> bool:
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is dict or kind is list:  # before isinstance: Mapping is an ABC, slow to ask
        return False
    if isinstance(value, Enum | Decimal):  # a level, a state, an amount: before the ABC too
        return True
    return not isinstance(value, Mapping | list | tuple)


# `key: ` as written, by key: a record's few dozen keys recur in every file.
_HEADS: dict[str, str] = {}


def _head(key: Any) -> str:
    head = _HEADS.get(key) if type(key) is str else None
    if head is None:
        head = f"{_key(key)}: "
        if len(_HEADS) < 1 << 12:  # an import's 属性 could name many keys
            _HEADS[key] = head
    return head


def _not_text(value: Any) -> str | None:
    """A scalar other than a text or a date as written; None for a value that is no scalar."""
    if isinstance(value, Enum):  # a level, a state, a step's action: before _is_scalar
        return _text(str(value._value_))
    return _other_scalar(value) if _is_scalar(value) else None


def _shown(value: Any) -> str | None:
    """A scalar as written, the common cases first (text and dates); None for a value that is
    no scalar (a mapping, a list)."""
    kind = type(value)
    if kind is str:
        return _text(value)
    if kind is date:
        day: date = value
        return day.isoformat()
    return _not_text(value)


def _entries(lines: list[str], first: str, indent: str, data: Mapping[Any, Any]) -> None:
    """`key: scalar` lines of a flat mapping: the first starting with `first`, the others
    with indent."""
    start = first
    for key, value in data.items():
        head = (_HEADS.get(key) if type(key) is str else None) or _head(key)
        text = _shown(value)
        if text is None or len(indent) + len(head) + len(text) > _MAX_LINE:
            raise _Outside
        lines.append(f"{start}{head}{text}\n")
        start = indent


def _item(lines: list[str], item: Any) -> None:
    """One sequence item under a top-level key: a scalar or a flat mapping."""
    if type(item) is not dict:
        if _is_scalar(item):
            lines.append(f"{_SEQUENCE_ITEM}{_scalar(item, len(_SEQUENCE_ITEM))}\n")
            return
        if not isinstance(item, Mapping):
            raise _Outside
    if not item:
        raise _Outside
    _entries(lines, _SEQUENCE_ITEM, _SEQUENCE_REST, item)


def emit_new(data: Mapping[str, Any]) -> str | None:
    """The document ruamel's `dump(plain(data))` writes, or None outside the shapes handled."""
    lines: list[str] = []
    try:
        for key, value in data.items():
            head = (_HEADS.get(key) if type(key) is str else None) or _head(key)
            text = _shown(value)
            if text is not None:
                if len(head) + len(text) > _MAX_LINE:
                    raise _Outside
                lines.append(f"{head}{text}\n")
            elif isinstance(value, Mapping) and value:
                lines.append(f"{head[:-1]}\n")
                _entries(lines, "  ", "  ", value)
            elif isinstance(value, list | tuple) and value:
                lines.append(f"{head[:-1]}\n")
                for item in value:
                    _item(lines, item)
            else:
                raise _Outside
    except _Outside:
        return None
    return "".join(lines)
