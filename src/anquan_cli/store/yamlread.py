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


def decode(raw: bytes) -> str:
    """UTF-8, with or without BOM; anything else is refused with the fix named."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
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


def _translate(error: yaml.YAMLError, text: str) -> YamlProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = str(getattr(error, "problem", "") or error)
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return YamlProblem("含有制表符（Tab），YAML 只能用空格缩进", line)
    if "mapping values are not allowed" in problem:
        return YamlProblem("冒号位置不对：值里含有“: ”时请给整个值加引号", line)
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return YamlProblem("缩进或格式不对：每行应为“字段: 值”", line)
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return YamlProblem("不允许使用 YAML 锚点和别名（& 和 *）", line)
    if "could not determine a constructor" in problem:
        return YamlProblem("不允许使用 YAML 标签（!!python 等）", line)
    return YamlProblem(f"YAML 格式错误：{problem}", line)


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
    loader = _Loader(text)
    loader.notes = []
    try:
        value = loader.get_single_data()
    except YamlProblem:
        raise
    except yaml.YAMLError as error:
        raise _translate(error, text) from None
    except RecursionError:
        raise YamlProblem("嵌套层数过深") from None
    finally:
        loader.dispose()
    if value is None:
        raise YamlProblem("文件为空")
    if not isinstance(value, dict):
        raise YamlProblem("文件内容应为“字段: 值”的映射")
    _refuse_shared_nodes(value)
    return value, loader.notes


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
