"""JSON text exactly as `json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)` writes it.

The standard library only uses its C encoder without `indent`; with it, every value goes through
a chain of Python generators, which takes seconds for a district's summary. This writes the
same text in one recursive pass over the JSON types a summary holds, and hands anything else to
`json.dumps` so the text never differs.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_INDENT = "  "


class _Unusual(Exception):
    """A value this writer leaves to `json.dumps` (a non-string key, a type JSON must convert)."""


def dumps(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)`, faster."""
    parts: list[str] = []
    try:
        _write(value, "\n", parts)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return "".join(parts)


def _write(value: Any, newline: str, parts: list[str]) -> None:
    # the order of tests is json.encoder's: str, None, True, False, int, float, list, dict
    if isinstance(value, str):
        parts.append(encode_basestring(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _Unusual
        parts.append(float.__repr__(value))
    elif isinstance(value, list | tuple):
        if not value:
            parts.append("[]")
            return
        inner = newline + _INDENT
        opening = "[" + inner
        separator = "," + inner
        for index, item in enumerate(value):
            parts.append(separator if index else opening)
            _write(item, inner, parts)
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + _INDENT
        opening = "{" + inner
        separator = "," + inner
        first = True
        for key in sorted(value):
            if not isinstance(key, str):
                raise _Unusual
            parts.append((opening if first else separator) + encode_basestring(key) + ": ")
            first = False
            _write(value[key], inner, parts)
        parts.append(newline + "}")
    else:
        raise _Unusual
