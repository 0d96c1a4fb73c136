"""Fast, safe YAML reading with libyaml, and mapping errors back to lines.

Bulk reads use PyYAML's C parser (the round-trip parser is several times slower); writes go
through ruamel (see yamlwrite). Record files never need anchors or aliases, so any shared node
is refused: that stops alias bombs without expanding them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import yaml

MAX_FILE_BYTES = 512 * 1024
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    """A file that cannot be read as a record; carries the 1-based line."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that refuses duplicate keys and keeps impossible dates as text.

    Plain scalars that YAML 1.1 (libyaml, which reads) and YAML 1.2 (ruamel, which writes)
    read differently — yes/no/on/off, 010, 12:30 — are kept as the text typed and noted,
    so `check` can ask for quotes; anquan itself always writes them quoted.
    """

    notes: list[tuple[int, str]]


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool | date) or key is None:
            raise YamlProblem("字段名必须是文字", key_node.start_mark.line + 1)
        if key in result:
            raise YamlProblem(f"字段 {key} 重复出现", key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    """A date-looking scalar that is no real date (2024-02-30) stays text for the model to name."""
    try:
        value = yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)
    return value


# What libyaml's YAML 1.1 and ruamel's YAML 1.2 both read as the same bool, int or float.
_AGREED = {
    "tag:yaml.org,2002:bool": re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    "tag:yaml.org,2002:int": re.compile(r"^[-+]?(?:0|[1-9][0-9_]*|0b[01_]+|0x[0-9a-fA-F_]+)$"),
    "tag:yaml.org,2002:float": re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
}


def _agreed_or_text(tag: str) -> Any:
    standard = yaml.constructor.SafeConstructor.yaml_constructors[tag]

    def construct(loader: _Loader, node: yaml.ScalarNode) -> object:
        if not node.style and not _AGREED[tag].match(node.value):
            if hasattr(loader, "notes"):
                loader.notes.append((node.start_mark.line + 1, node.value))
            return node.value
        return standard(loader, node)

    return construct


for _tag in _AGREED:
    _Loader.add_constructor(_tag, _agreed_or_text(_tag))
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def utf16_codec(raw: bytes) -> str | None:
    """The codec of bytes in UTF-16 (what Windows Notepad calls “Unicode”), else None: a BOM,
    or, without one, a NUL byte beside nearly every ASCII character (YAML keys are ASCII)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") and not raw.startswith(b"\xff\xfe\0\0"):
        codec = "utf-16"
    elif len(raw) >= 4 and len(raw) % 2 == 0 and raw[1::2].count(0) * 4 > len(raw):
        codec = "utf-16-le"
    elif len(raw) >= 4 and len(raw) % 2 == 0 and raw[0::2].count(0) * 4 > len(raw):
        codec = "utf-16-be"
    else:
        return None
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec


def decode(raw: bytes) -> str:
    """UTF-8, with or without BOM; anything else is refused with the fix named."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if utf16_codec(raw) is not None:
        raise YamlProblem(
            "文件是 UTF-16 编码（记事本的“Unicode”），不是 UTF-8；"
            "可运行 anquan fix-encoding 转为 UTF-8",
            1,
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "（疑似 GBK/GB18030 编码，可运行 anquan fix-encoding 转为 UTF-8）"
        except UnicodeDecodeError:
            pass
        raise YamlProblem(f"文件不是 UTF-8 编码{hint}", line) from None


def _refuse_shared_nodes(value: object) -> None:
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            if id(item) in seen:
                raise YamlProblem("不允许使用 YAML 锚点和别名（& 和 *）")
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)


def conflict_line(text: str) -> int | None:
    match = _CONFLICT.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


_ANCHORS = "不允许使用 YAML 锚点和别名（& 和 *）"
_LAYOUT = "格式或缩进不对：每行应为“字段: 值”，同一层的字段左端对齐"

# What libyaml (or PyYAML's own parser) says, as a clerk should read it: (words in the
# parser's problem, else in its context, message, whether the line is where the context began).
_PROBLEMS: tuple[tuple[str, str, bool], ...] = (
    ("unexpected end of stream", "引号没有配对：这一行开始的引号到文件末尾都没有结束", True),
    ("mapping values are not allowed", "冒号位置不对：值里含有“: ”时请给整个值加引号", False),
    ("could not find expected ':'", _LAYOUT, False),
    ("expected <block end>", _LAYOUT, False),
    ("did not find expected key", _LAYOUT, False),
    ("did not find expected '-' indicator", "缩进不对：列表的各项应以“- ”开头并左端对齐", False),
    ("expected ',' or ']'", "方括号没有配对：[ 之后缺少 ]", True),
    ("expected ',' or '}'", "花括号没有配对：{ 之后缺少 }", True),
    ("found another document", "一个文件只能有一条记录（文件中出现了第二个 ---）", False),
    ("document start", "格式不对：文档结束标记（...）之后还有内容", False),
    (
        "invalid Unicode character escape",
        "双引号中的 \\u 转义不是有效的字符：请直接写出文字",
        False,
    ),
    (
        "unknown escape character",
        "双引号中的反斜杠（\\）用法不对：请改用单引号，或写成 \\\\",
        False,
    ),
    ("control characters are not allowed", "含有看不见的控制字符，请删除后再保存", False),
    ("found undefined alias", _ANCHORS, False),
    ("found unhashable key", _ANCHORS, False),
    ("an anchor", _ANCHORS, False),
    ("an alias", _ANCHORS, False),
    ("second occurrence", _ANCHORS, False),
    ("could not determine a constructor", "不允许使用 YAML 标签（!!python 等）", False),
    ("tag", "不允许使用 YAML 标签（! 开头的写法）", False),
    ("directive", "不支持 % 开头的 YAML 指令行", False),
    ("block scalar", "“|”或“>”之后同一行不能再有文字", False),
    ("comment or line break", "值之后同一行不能再有文字（值里有“ #”时请给整个值加引号）", False),
)


# `key：value` typed with a full-width colon: YAML reads the whole line as one text, and the
# parser stops only on a later line
_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?\w+\s*：")
_FULL_WIDTH = "全角冒号“：”应改为半角冒号“: ”（冒号后留一个空格）"


def _full_width_colon(lines: list[str], error: yaml.MarkedYAMLError, line: int) -> int | None:
    """The line, at or before the one the parser stopped at, whose key ends in a full-width
    colon and that has no half-width one; None if there is none."""
    context = error.context_mark
    first = context.line + 1 if context is not None else line - 1
    for number in range(min(line, len(lines)), max(first, 1) - 1, -1):
        said = lines[number - 1]
        if _FULL_WIDTH_KEY.match(said) and ": " not in said and not said.rstrip().endswith(":"):
            return number
    return None


def _translate(error: yaml.YAMLError, text: str) -> YamlProblem:
    """The parser's English problem as a Chinese message, at the line a clerk should look at."""
    lines = text.splitlines()
    if isinstance(error, yaml.reader.ReaderError):  # a character libyaml refuses to read
        where = text.find(chr(error.character))  # its position counts bytes in libyaml
        line = text.count("\n", 0, where) + 1
        return YamlProblem("含有看不见的控制字符，请删除后再保存", line)
    assert isinstance(error, yaml.MarkedYAMLError)
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else 1
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return YamlProblem("含有制表符（Tab），YAML 只能用空格缩进", line)
    if (
        "cannot start any token" in (error.problem or "")
        and mark is not None
        and 0 < line <= len(lines)
    ):
        sign = lines[line - 1][mark.column : mark.column + 1]
        return YamlProblem(f"值不能以“{sign}”开头：请给整个值加引号", line)
    full_width = _full_width_colon(lines, error, line)
    if full_width is not None:
        return YamlProblem(_FULL_WIDTH, full_width)
    for said in (error.problem or "", error.context or ""):
        for words, message, at_context in _PROBLEMS:
            if words in said:
                if at_context and error.context_mark is not None:
                    line = error.context_mark.line + 1
                return YamlProblem(message, line)
    return YamlProblem("格式不对，这一行无法读取（请检查引号、冒号和缩进）", line)


def parse_text(text: str) -> dict[str, Any]:
    """Parse one record file's text into a mapping, or raise YamlProblem."""
    return parse_text_noting(text)[0]


def parse_text_noting(text: str) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """Parse as parse_text, and list (line, text) of plain values YAML 1.1 and 1.2 disagree on."""
    conflict = conflict_line(text)
    if conflict is not None:
        raise YamlProblem(
            "冲突：文件中留有 git 合并冲突标记（<<<<<<< ======= >>>>>>>），请先解决", conflict
        )
    if not text.strip():
        raise YamlProblem("文件为空")
    try:
        value, notes = _load(text)
    except YamlProblem:
        raise
    except yaml.YAMLError as error:
        raise _translate(error, text) from None
    except RecursionError:
        raise YamlProblem("嵌套层数过深") from None
    if value is None:
        raise YamlProblem("文件为空")
    if not isinstance(value, dict):
        raise YamlProblem("文件内容应为“字段: 值”的映射")
    if "*" in text:  # a node is shared only through an alias, and an alias starts with *
        _refuse_shared_nodes(value)
    return value, notes


def _load(text: str) -> tuple[Any, list[tuple[int, str]]]:
    loader = _Loader(text)  # PyYAML's own reader refuses control characters already here
    loader.notes = []
    try:
        return loader.get_single_data(), loader.notes
    finally:
        loader.dispose()


def parse_bytes(raw: bytes) -> dict[str, Any]:
    return parse_bytes_noting(raw)[0]


def parse_bytes_noting(raw: bytes) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            f"文件过大（{len(raw) // 1024} KB），记录文件不应超过 {MAX_FILE_BYTES // 1024} KB"
        )
    return parse_text_noting(decode(raw))


def line_of(text: str, loc: Sequence[str | int]) -> int:
    """The 1-based line of the key (or item) a validation error's location points at."""
    try:
        node = yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return 1
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((kv for kv in node.value if kv[0].value == str(part)), None)
            if match is None:
                return line
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
