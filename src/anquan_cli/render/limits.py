"""How much a template may do: the same bounds on every operating system.

Templates travel through git, and a ledger's template overrides a bundled one, so one
careless or hostile file must not hang or exhaust the machine of everyone who runs `report`.
No signal or resource limit is used (those are POSIX-only); the sandbox counts instead:

- every loop iteration and every call is a step, and each step checks the clock: at most
  MAX_STEPS steps and MAX_SECONDS seconds of rendering;
- no single string or list a template makes may exceed MAX_TEXT characters or items, and
  all of them together MAX_PRODUCED (what bounds its memory); operations that would make a
  long string (center, ljust, rjust, zfill, indent, replace, join, format, %, wordwrap,
  expandtabs, batch, slice) are checked *before* they run, from their arguments;
- integers stay under MAX_INT_BITS bits.

A template over a bound is stopped with LimitExceeded, which render/templates.py turns into
one Chinese line naming the template file and line.
"""

from __future__ import annotations

import re
import string
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MAX_STEPS = 2_000_000
MAX_SECONDS = 10.0
MAX_TEXT = 1_000_000
MAX_PRODUCED = 20_000_000
MAX_INT_BITS = 10_000


class LimitExceeded(Exception):
    """A template went over one of the bounds; the message says which, in Chinese."""


class Budget:
    """What one render has used so far."""

    def __init__(self, seconds: float | None = None, steps: int | None = None) -> None:
        self.seconds = MAX_SECONDS if seconds is None else seconds
        self.max_steps = MAX_STEPS if steps is None else steps
        self.start()

    def start(self) -> None:
        """Begin counting (again): the clock, the steps and what was produced."""
        self.deadline = time.monotonic() + self.seconds
        self.steps = 0
        self.produced = 0

    def step(self) -> None:
        """One more loop iteration or call; stop when there were too many or time is up."""
        self.steps += 1
        if self.steps > self.max_steps:
            raise LimitExceeded(
                f"模板运行步数超过 {self.max_steps} 步（循环次数或调用次数过多），已停止"
            )
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"模板运行超过 {self.seconds:g} 秒，已停止（循环或计算过多）")

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The iterable, each item a step."""
        for item in iterable:
            self.step()
            yield item

    def sized(self, value: Any) -> Any:
        """The value, once its size is within bounds (strings, lists, tuples, integers)."""
        if isinstance(value, str | list | tuple | dict):
            size = len(value)
            room(size)
            self.produced += size
            if self.produced > MAX_PRODUCED:
                raise LimitExceeded(f"模板累计生成的文字超过 {MAX_PRODUCED} 字，已停止")
        elif isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            raise LimitExceeded(_TOO_BIG)
        return value


def room(size: int) -> None:
    """Refuse a string or list longer than MAX_TEXT."""
    if size > MAX_TEXT:
        raise LimitExceeded(f"模板要生成的文字过长（一段超过 {MAX_TEXT} 字），已停止")


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str) else len(str(value))


def _width(width: Any) -> None:
    if isinstance(width, int):
        room(width)


# Checks made before an operation runs, from its arguments: (value, *args, **kwargs) as the
# filter or the str method receives them (without Jinja's context argument).


def _padded(value: Any, width: Any = 80, *_: Any, **__: Any) -> None:
    _width(width)


def _indented(value: Any, width: Any = 4, *_: Any, **__: Any) -> None:
    text = str(value)
    each = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    room(len(text) + (text.count("\n") + 1) * each)


def _replaced(value: Any, old: Any = "", new: Any = "", count: Any = None, **_: Any) -> None:
    text, old, new = str(value), str(old), str(new)
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    room(len(text) + found * max(len(new) - len(old), 0))


def _joined_size(separator: Any, items: list[Any]) -> None:
    room(sum(_length(item) for item in items) + len(str(separator)) * max(len(items) - 1, 0))


def _wrapped(value: Any, width: Any = 79, *args: Any, **kwargs: Any) -> None:
    wrap = kwargs.get("wrapstring", args[1] if len(args) > 1 else None)
    text = str(value)
    room(len(text) * (1 + len(str(wrap or "\n"))))


def _batched(value: Any, count: Any = 1, *_: Any, **__: Any) -> None:
    _width(count)


def _expanded(value: Any, tabsize: Any = 8, *_: Any, **__: Any) -> None:
    text = str(value)
    if isinstance(tabsize, int):
        room(len(text) + text.count("\t") * tabsize)


_PERCENT = re.compile(r"%[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def percent_format(text: Any) -> None:
    """A `%` format whose widths and precisions are written in it and within bounds."""
    if not isinstance(text, str):
        return
    for width, precision in _PERCENT.findall(text):
        for number in (width, precision):
            if number == "*":
                raise LimitExceeded("格式中的宽度不能用 * 从参数取得，已停止")
            if number:
                room(int(number))


def brace_format(text: Any, *_: Any, **__: Any) -> None:
    """A `{}` format whose widths and precisions are written in it and within bounds."""
    try:
        fields = list(string.Formatter().parse(str(text)))
    except ValueError:
        return  # the format itself will fail, saying why
    for _literal, _field, spec, _conversion in fields:
        if not spec:
            continue
        if "{" in spec:
            raise LimitExceeded("格式说明中不能嵌套 {}，已停止")
        for number in re.findall(r"\d+", spec):
            room(int(number))


def _formatted(value: Any, *args: Any, **kwargs: Any) -> None:
    percent_format(value)


FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": _padded,
    "indent": _indented,
    "replace": _replaced,
    "wordwrap": _wrapped,
    "batch": _batched,
    "slice": _batched,
    "format": _formatted,
}
"""Filters checked from their arguments before they run (`join` is checked on its items)."""

STR_METHOD_CHECKS: dict[str, Callable[..., None]] = {
    "center": _padded,
    "ljust": _padded,
    "rjust": _padded,
    "zfill": _padded,
    "expandtabs": _expanded,
    "replace": _replaced,
    "format": brace_format,
    "format_map": brace_format,
}


def check_str_call(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Check a call of a str method before it runs; its arguments (a join's items made a list,
    so they are counted once and used once)."""
    method = getattr(method, "__wrapped__", method)  # the sandbox wraps str.format
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return args
    name = getattr(method, "__name__", "")
    if name == "join" and args:
        items = list(args[0])
        _joined_size(owner, items)
        return (items, *args[1:])
    check = STR_METHOD_CHECKS.get(name)
    if check is not None:
        check(owner, *args, **kwargs)
    return args


def check_binop(op: str, left: Any, right: Any) -> None:
    """Check `+`, `*`, `**` and `%` before they run."""
    both_int = isinstance(left, int) and isinstance(right, int)
    if op == "%":
        percent_format(left)
    elif (
        op == "**" and both_int and right > 0 and max(left.bit_length(), 1) * right > MAX_INT_BITS
    ) or (op == "*" and both_int and left.bit_length() + right.bit_length() > MAX_INT_BITS):
        raise LimitExceeded(_TOO_BIG)
    elif op == "+":
        sized = (str, list, tuple)
        if isinstance(left, sized) and isinstance(right, sized):
            room(len(left) + len(right))


_TOO_BIG = f"模板算出的数过大（超过 {MAX_INT_BITS} 位二进制），已停止"


def check_join(items: Iterable[Any], separator: Any) -> list[Any]:
    """The join filter's items as a list, once their joined length is within bounds."""
    listed = list(items)
    _joined_size(separator, listed)
    return listed
