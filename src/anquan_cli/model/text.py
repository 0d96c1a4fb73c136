"""What a record's text may hold: its length, and no character that hides or rewrites text.

One-line fields (names, numbers, places, people) hold no line break; multi-line fields
(描述, 措施, 备注 …) may hold line breaks and tabs. Neither holds another control character
(ESC[2J clears the screen of whoever lists the record) nor a bidi override or isolate
(U+202E shows 文件.exe‮txt.doc backwards). A record's fields say which they are by the
TextRule in their annotation (model/fields.py Line, Prose); `text_refusals` holds a record to
them, and `text_problem` names the character for the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

LINE_LIMIT = 200
"""Characters in a one-line field: the longest unit names and addresses are under 100."""
PROSE_LIMIT = 2000
"""Characters in a multi-line field: a page of a report. A hazard's five such fields at the
limit make a file of about 30 KB, far below the 512 KB a record file may have."""

# The characters refused, as regex class ranges both Python's re and pydantic's Rust regex read.
_BIDI = r"\u202a-\u202e\u2066-\u2069"
_CONTROLS_BUT_BREAKS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
_SEPARATORS = r"\u2028\u2029"
_LINE_BREAKS = r"\x0a" + _SEPARATORS
_TAB = r"\x09"

LINE_PATTERN = f"^[^{_CONTROLS_BUT_BREAKS}{_LINE_BREAKS}{_TAB}{_BIDI}]*$"
_LINE_BAD = re.compile(f"[{_CONTROLS_BUT_BREAKS}{_LINE_BREAKS}{_TAB}{_BIDI}]")
_PROSE_BAD = re.compile(f"[{_CONTROLS_BUT_BREAKS}{_SEPARATORS}{_BIDI}]")
UNSAFE_TO_SHOW = _PROSE_BAD
"""What a terminal must not be sent as it is: everything refused in a multi-line field."""

_NAMES = {
    0x00: "空字符",
    0x07: "响铃符",
    0x08: "退格符",
    0x09: "制表符",
    0x0A: "换行符",
    0x0B: "垂直制表符",
    0x0C: "换页符",
    0x0D: "回车符",
    0x1B: "转义符（ESC）",
    0x7F: "删除符",
    0x85: "下一行符",
    0x2028: "行分隔符",
    0x2029: "段分隔符",
    0x202A: "从左至右嵌入",
    0x202B: "从右至左嵌入",
    0x202C: "方向嵌入结束",
    0x202D: "从左至右覆盖",
    0x202E: "从右至左覆盖",
    0x2066: "从左至右隔离",
    0x2067: "从右至左隔离",
    0x2068: "首强隔离",
    0x2069: "方向隔离结束",
}


@dataclass(frozen=True)
class TextRule:
    """What a text field may hold: a marker in its annotation (pydantic ignores it)."""

    multiline: bool
    limit: int


ONE_LINE = TextRule(multiline=False, limit=LINE_LIMIT)
MULTI_LINE = TextRule(multiline=True, limit=PROSE_LIMIT)


def character_name(char: str) -> str:
    """U+202E 从右至左覆盖: a character a clerk cannot see, named so it can be found."""
    code = ord(char)
    return f"U+{code:04X} {_NAMES.get(code, '控制字符')}"


def text_problem(text: str, multiline: bool = False) -> str | None:
    """Why this text cannot be a field's value (its first refused character), or None."""
    found = (_PROSE_BAD if multiline else _LINE_BAD).search(text)
    if found is None:
        return None
    char = found.group()
    if not multiline and char in "\n\u2028\u2029":
        return f"含有 {character_name(char)}，此项只能写一行"
    if char in "\t" and not multiline:
        return f"含有 {character_name(char)}，请改为空格"
    return f"含有 {character_name(char)}，不能含控制字符或文字方向控制符"


def _too_long(text: str, rule: TextRule) -> str | None:
    if len(text) > rule.limit:
        return f"过长：{len(text)} 字，至多 {rule.limit} 字"
    return None


Loc = tuple[str | int, ...]


def text_refusals(record: BaseModel) -> list[tuple[Loc, str]]:
    """Every text of the record (its steps and listing too) that breaks its field's rule:
    (where, "隐患描述含有 U+001B 转义符（ESC），…").

    check runs this over every record: the texts are gathered and searched at once, and only
    a record with something to report is walked field by field. No text is longer than all
    of them joined: only when that is too long is each one measured."""
    lines: list[str] = []
    proses: list[str] = []
    _gather(record, lines, proses)
    line = " ".join(lines)
    prose = " ".join(proses)
    if (
        (len(line) > LINE_LIMIT and max(map(len, lines)) > LINE_LIMIT)
        or (len(prose) > PROSE_LIMIT and max(map(len, proses)) > PROSE_LIMIT)
        or _LINE_BAD.search(line)
        or _PROSE_BAD.search(prose)
    ):
        return list(_walk(record, ()))
    return []


def _gather(record: BaseModel, lines: list[str], proses: list[str]) -> None:
    values = record.__dict__
    for name, multiline, nested in _text_fields(type(record)):
        value = values[name]
        if value is None:
            continue
        if nested:
            for item in value if isinstance(value, list | tuple) else (value,):
                _gather(item, lines, proses)
            continue
        into = proses if multiline else lines
        if type(value) is str:
            into.append(value)
        elif isinstance(value, dict):
            into.extend(value)
            into.extend(value.values())
        else:
            into.extend(value)


def _walk(record: BaseModel, at: Loc) -> Iterator[tuple[Loc, str]]:
    """text_refusals field by field, for a record that has something to report."""
    for name, field in type(record).model_fields.items():
        value = getattr(record, name)
        rule = _rule_in(field.annotation, field.metadata)
        title = field.title or name
        if value is None:
            continue
        if isinstance(value, BaseModel):
            yield from _walk(value, (*at, name))
        elif rule is None:
            if isinstance(value, list | tuple):
                for index, item in enumerate(value):
                    if isinstance(item, BaseModel):
                        yield from _walk(item, (*at, name, index))
        elif isinstance(value, str):
            if why := _problem(value, rule):
                yield (*at, name), f"{title}{why}"
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                if why := _problem(item, rule):
                    yield (*at, name, index), f"{title}{why}"
        elif isinstance(value, dict):
            for key, item in value.items():
                if why := _problem(key, rule) or _problem(item, rule):
                    yield (*at, name, key), f"{title}{why}"


def _problem(text: str, rule: TextRule) -> str | None:
    return _too_long(text, rule) or text_problem(text, rule.multiline)


@cache
def _text_fields(model: type[BaseModel]) -> tuple[tuple[str, bool, bool], ...]:
    """The model's fields that hold text (name, multi-line, False) or models that hold text
    (name, False, True)."""
    found = []
    for name, field in model.model_fields.items():
        rule = _rule_in(field.annotation, field.metadata)
        if rule is not None:
            found.append((name, rule.multiline, False))
        elif _holds_model(field.annotation):
            found.append((name, False, True))
    return tuple(found)


def _rule_in(annotation: Any, metadata: list[Any]) -> TextRule | None:
    for mark in metadata:
        if isinstance(mark, TextRule):
            return mark
    if get_origin(annotation) is Annotated:
        return _rule_in(get_args(annotation)[0], list(annotation.__metadata__))
    for arg in get_args(annotation):
        found = _rule_in(arg, [])
        if found is not None:
            return found
    return None


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in get_args(annotation))


def line_problem(text: str) -> str | None:
    """Why this text cannot be a one-line value such as a name (empty, too long, or a refused
    character), or None; the model's fields say the same (store/validation.py)."""
    if not text.strip():
        return "不能为空"
    return _problem(text, ONE_LINE)


def shown(text: str) -> str:
    """The text as a terminal may show it: each unsafe character written as \\uXXXX (as JSON
    writes it), so a hand-edited file cannot clear a screen or turn text around."""
    if UNSAFE_TO_SHOW.search(text) is None:
        return text
    return UNSAFE_TO_SHOW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
