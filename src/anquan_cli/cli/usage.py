"""click's command-line errors (wrong option, missing argument, bad choice …) in Chinese.

click writes them in English with its own punctuation, for example
``No such command 'repot'. Did you mean 'report', 'export'?``. Each known form is rewritten
whole, with Chinese punctuation and lists joined by 、; a form not known keeps click's
sentence with its English words replaced.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_QUOTED = re.compile(r"'([^']*)'")


def _names(text: str) -> str:
    """click's list of names ('md', 'docx' or "\n\tenterprises,\n\tinspections") as md、docx."""
    quoted = _QUOTED.findall(text)
    items = quoted or [item.strip() for item in text.split(",")]
    return "、".join(item for item in items if item)


def _quote(text: str) -> str:
    """'--output' / '-o' as “--output” / “-o”."""
    return _QUOTED.sub(r"“\1”", text)


def _hint(match: re.Match[str], group: int, lead: str) -> str:
    return f"{lead}{_names(match[group])}" if match[group] else ""


_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"No such command '(.*)'\.(?: Did you mean (.+)\?)?", re.DOTALL),
        lambda m: f"没有这个命令“{m[1]}”" + _hint(m, 2, "，是否为："),
    ),
    (
        re.compile(
            r"No such option: (\S+)(?: Did you mean (.+)\?)?(?: \(Possible options: (.+)\))?",
            re.DOTALL,
        ),
        lambda m: f"没有这个选项：{m[1]}" + _hint(m, 2, "，是否为：") + _hint(m, 3, "，可能是："),
    ),
    (
        re.compile(r"Option '(.+)' requires an argument\.?"),
        lambda m: f"选项 {m[1]} 需要一个值",
    ),
    (
        re.compile(
            r"Missing (?:argument|option|parameter) (.+?)\.(?: Choose from:(.+))?", re.DOTALL
        ),
        lambda m: (
            f"缺少{'选项 ' if _bare(m[1])[:1] == '-' else '参数'}{_bare(m[1])}"
            + _hint(m, 2, "，可选：")
        ),
    ),
    (
        re.compile(r"Invalid value for (.+?): (?:Value error, )?(.+)", re.DOTALL),
        lambda m: f"{_bare(m[1])}：{_reason(m[2])}",
    ),
    (
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", re.DOTALL),
        lambda m: f"多余的参数：{m[1]}",
    ),
)

_REASONS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"'(.*)' is not one of (.+?)\.?", re.DOTALL),
        lambda m: f"{m[1]} 无效，可选 {_names(m[2])}",
    ),
    (
        re.compile(r"Input should be a valid integer.*|'(.*)' is not a valid integer\.?"),
        lambda m: "应为整数",
    ),
    (
        re.compile(r"Input should be a valid number.*|'(.*)' is not a valid float\.?"),
        lambda m: "应为数字",
    ),
    (
        re.compile(r"Input should be (greater|less) than( or equal to)? (\S+?)\.?"),
        lambda m: f"应{'大' if m[1] == 'greater' else '小'}于{'或等于' if m[2] else ''} {m[3]}",
    ),
)


def _reason(text: str) -> str:
    """Why a value was refused: click's or Pydantic's words, or ours (already Chinese)."""
    for pattern, rewrite in _REASONS:
        match = pattern.fullmatch(text.strip())
        if match is not None:
            return rewrite(match)
    return _quote(text)


def _bare(hint: str) -> str:
    """'--format' as --format, '种类' as “种类”, '-o' / '--output' as -o / --output."""
    if hint.lstrip("'")[:1] == "-":
        return hint.replace("'", "")
    return _quote(hint)


_WORDS = {"Invalid value": "取值无效", "Value error, ": "", "Option": "选项"}


def in_chinese(text: str) -> str:
    """One of click's error messages as a Chinese sentence."""
    for pattern, rewrite in _FORMS:
        match = pattern.fullmatch(text.strip())
        if match is not None:
            return rewrite(match)
    for english, chinese in _WORDS.items():
        text = text.replace(english, chinese)
    return _quote(text)
