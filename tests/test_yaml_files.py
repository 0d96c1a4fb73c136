"""Reading record files: every malformed file is named with its line, never a traceback."""

from __future__ import annotations

import re

import pytest

from anquan_cli.store.yamlread import YamlProblem, parse_bytes, parse_text
from anquan_cli.store.yamlwrite import dump, load_round_trip, merge, plain


def problem(text: str | bytes) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        parse_bytes(text if isinstance(text, bytes) else text.encode())
    return caught.value


def test_a_duplicate_key_is_named_at_its_second_line() -> None:
    found = problem("id: X\nstatus: 整改中\nstatus: 已整改\n")
    assert (found.line, found.message) == (3, "字段 status 重复出现")


def test_a_tab_is_named() -> None:
    found = problem("id: X\nhistory:\n\t- date: 2024-10-05\n")
    assert found.line == 3
    assert "制表符" in found.message


MALFORMED = [
    ('id: X\ndescription: "没有结束\nfound: 2024-10-05\n', 2, "引号没有配对"),
    ("id: X\nhistory:\n  - date: 2024-10-05\n   action: 发现\n", 4, "缩进"),
    ("id: X\n- 发现\n", 2, "每行应为“字段: 值”"),
    ("id: X\ninspectors: [张三, 李四\nfound: 2024-10-05\n", 2, "方括号没有配对"),
    ("id: X\nsupervision: {level: 挂牌督办\n", 2, "花括号没有配对"),
    ("id: X\nnote: @所有人\n", 2, "值不能以“@”开头"),
    ("id: X\n---\nid: Y\n", 2, "一个文件只能有一条记录"),
    ('id: X\nnote: "C:\\q盘"\n', 2, "反斜杠"),
    ("id: 东溪镇加油站\nnote: 铃\n\nplace: 铃\x07声\n", 4, "控制字符"),
    ("id: X\nnote: *别名\n", 2, "锚点和别名"),
    ("id: X\nnote: |多余\n  文字\n", 2, "之后同一行不能再有文字"),
    ("%YAML 1.1\n%YAML 1.1\n---\nid: X\n", 2, "指令行"),
    ("id: X\nlevel：一般\nfunds: 8000\n", 2, "全角冒号“：”应改为半角冒号“: ”"),
    ("id：X\nlevel: 一般\n", 1, "全角冒号“：”应改为半角冒号“: ”"),
    ("id: X\nhistory:\n  - date：2024-10-07\n    action: 发现\n", 3, "全角冒号"),
]


@pytest.mark.parametrize(("text", "line", "words"), MALFORMED)
@pytest.mark.parametrize("parser", ["libyaml", "python"])
def test_a_malformed_file_is_named_in_chinese_at_its_line(
    text: str, line: int, words: str, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both of PyYAML's parsers (libyaml's, and its own where libyaml is missing) are told in
    Chinese, with no English left from the parser."""
    if parser == "python":
        import yaml

        from anquan_cli.store import yamlread

        own = {k: v for k, v in vars(yamlread._Loader).items() if not k.startswith("__")}
        monkeypatch.setattr(yamlread, "_Loader", type("Loader", (yaml.SafeLoader,), own))
    found = problem(text)
    assert words in found.message
    assert found.line == line
    assert not re.search("[a-z]{3,}", found.message), found.message


def test_an_empty_file_is_named() -> None:
    assert problem("").message == "文件为空"
    assert problem("# 只有注释\n").message == "文件为空"


def test_a_python_tag_constructs_nothing() -> None:
    assert "标签" in problem("id: !!python/object/apply:os.system [echo hi]\n").message


def test_an_alias_bomb_is_refused_without_expanding() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 12):
        levels.append(f"{chr(97 + n)}: &{chr(97 + n)} [{', '.join(['*' + chr(96 + n)] * 9)}]")
    assert "别名" in problem("\n".join(levels) + "\n").message


def test_conflict_markers_are_named_as_conflict() -> None:
    found = problem("id: X\n<<<<<<< HEAD\nstatus: 已整改\n=======\nstatus: 整改中\n>>>>>>> other\n")
    assert found.line == 2
    assert found.message.startswith("冲突")


def test_gbk_text_is_named_with_the_fix() -> None:
    found = problem("id: X\ndescription: 配电箱未接地\n".encode("gbk"))
    assert "GBK" in found.message
    assert "fix-encoding" in found.message


def test_bom_and_crlf_read_as_normal() -> None:
    data = parse_bytes("\ufeffid: X\r\ndescription: 配电箱\r\n".encode())
    assert data == {"id": "X", "description": "配电箱"}


def test_an_impossible_date_stays_text_for_the_model_to_name() -> None:
    assert parse_text("found: 2024-02-30\n") == {"found": "2024-02-30"}


@pytest.mark.parametrize(
    "text", ["yes", "no", "on", "010", "12:30", "13800000000", "1e3", "null", "~", ""]
)
def test_text_that_yaml_could_misread_is_written_quoted(text: str) -> None:
    written = dump(plain({"note": text}))
    assert parse_text(written) == {"note": text}
    assert load_round_trip(written)["note"] == text


def test_a_rewrite_keeps_comments_and_key_order() -> None:
    document = load_round_trip("# 区里转办\nid: X  # 编号\nb: 1\na: 2\n")
    merge(document, {"id": "X", "b": 3, "a": 2})
    assert dump(document) == "# 区里转办\nid: X  # 编号\nb: 3\na: 2\n"


@pytest.mark.parametrize("odd", ["0\x850", "甲\u2028乙", "yes"])
def test_keys_that_yaml_could_misread_are_written_quoted(odd: str) -> None:
    written = dump(plain({"attributes": {odd: odd}}))
    assert parse_text(written) == {"attributes": {odd: odd}}
    assert load_round_trip(written)["attributes"][odd] == odd


@pytest.mark.skipif(not hasattr(__import__("yaml"), "CSafeLoader"), reason="libyaml's own check")
def test_an_escape_that_is_no_character_is_named() -> None:
    found = problem('id: X\nnote: "\\ud800"\n')
    assert (found.line, found.message) == (2, "双引号中的 \\u 转义不是有效的字符：请直接写出文字")
