"""A shared template reads the figures it is given and nothing else on the machine."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.render.numbers import FILTERS
from anquan_cli.render.templates import list_templates, render_markdown

DATA: dict[str, Any] = {"totals": {"hazards_found": 35}, "town": "东溪镇"}


def notes(key: str, optional: bool = False) -> list[str]:
    return [f"【待填写：{key}】"]


def render(root: Path, text: str, name: str = "试验") -> str:
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.md.j2").write_text(text, encoding="utf-8")
    return render_markdown(name, root, DATA, {"note": notes}, FILTERS)


def test_a_template_reads_the_figures_it_is_given(tmp_path: Path) -> None:
    assert (
        render(tmp_path, "{# 说明 #}\n排查隐患{{ totals.hazards_found }}处\n") == "排查隐患35处\n"
    )


ESCAPES = [
    ("{{ os.popen('id').read() }}", "模板中没有 os"),
    ("{{ __import__('os').popen('id').read() }}", "模板中没有 __import__"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "不能访问 __class__"),
    ("{{ ().__class__.__base__.__subclasses__()[0] }}", "不能访问 __class__"),
    ("{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}", "__class__"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "不能访问 __init__"),
    ("{{ lipsum.__globals__['os'].popen('id').read() }}", "模板中没有 lipsum"),
    ("{{ joiner }}", "模板中没有 joiner"),
    ("{{ self.__init__.__globals__ }}", "不能访问 __init__"),
    ("{{ note.__globals__ }}", "不能访问 __globals__"),
    ("{{ note('x').__class__ }}", "不能访问 __class__"),
    ("{{ namespace.__init__.__globals__ }}", "不能访问 __init__"),
    ("{{ totals|attr('__class__') }}", "__class__"),
    ("{{ '{0.__class__}'.format(totals) }}", "__class__"),
    ("{{ totals.update({'hazards_found': 0}) }}", "模板不能修改数据"),
    ("{{ totals.clear() }}", "模板不能修改数据"),
    ("{{ open('/etc/passwd').read() }}", "模板中没有 open"),
    ("{{ config.items() }}", "模板中没有 config"),
    ("{{ request.application }}", "模板中没有 request"),
    ("{{ 'x' * 100000000 }}", "重复生成的文字过长"),
    ("{{ 9 ** 999999999 }}", "乘方的指数过大"),
    ("{% for i in range(10 ** 9) %}{% endfor %}", "range 范围过大"),
]


@pytest.mark.parametrize(("source", "words"), ESCAPES, ids=[s for s, _ in ESCAPES])
def test_reaching_outside_the_sandbox_is_refused_in_chinese(
    tmp_path: Path, source: str, words: str
) -> None:
    with pytest.raises(AnquanError) as caught:
        render(tmp_path, f"{{# 恶意模板 #}}\n正文\n{source}\n")
    message = str(caught.value)
    assert message.startswith("templates/试验.md.j2:3: "), message
    assert words in message
    assert "出于安全原因已拒绝" in message or "不能修改" in message


@pytest.mark.parametrize(
    "include",
    ["/etc/passwd", "../anquan.yaml", "../../../etc/passwd", "..\\\\anquan.yaml", "templates"],
)
def test_a_template_cannot_include_files_outside_the_templates(
    tmp_path: Path, include: str
) -> None:
    (tmp_path / "anquan.yaml").write_text("name: 秘密\n", encoding="utf-8")
    with pytest.raises(AnquanError) as caught:
        render(tmp_path, f"{{# 说明 #}}\n{{% include '{include}' %}}\n")
    assert "找不到被引用的模板" in str(caught.value)
    assert "秘密" not in str(caught.value)


def test_a_template_may_include_another_template_of_the_ledger(tmp_path: Path) -> None:
    render(tmp_path, "共{{ totals.hazards_found }}处", name="_片段")
    assert render(tmp_path, "{# 说明 #}\n{% include '_片段.md.j2' %}\n") == "共35处"


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_template_linked_from_outside_the_ledger_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md.j2"
    outside.write_text("{{ totals }}", encoding="utf-8")
    root = tmp_path / "ledger"
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "偷看.md.j2").symlink_to(outside)
    with pytest.raises(AnquanError, match="templates/ 目录之外"):
        render_markdown("偷看", root, DATA, {}, FILTERS)


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_templates_folder_linked_from_outside_the_ledger_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "偷看.md.j2").write_text("{{ totals }}", encoding="utf-8")
    root = tmp_path / "ledger"
    root.mkdir()
    (root / "templates").symlink_to(outside)
    with pytest.raises(AnquanError, match="templates/ 目录之外"):
        render_markdown("偷看", root, DATA, {}, FILTERS)


def test_a_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(AnquanError) as caught:
        render(tmp_path, "{# 说明 #}\n第一行\n{% for x in totals %}\n{{ x }}\n")
    assert str(caught.value).startswith("templates/试验.md.j2:")
    assert "模板语法错误" in str(caught.value)
    assert "endfor" in str(caught.value)


def test_an_unknown_tag_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(AnquanError) as caught:
        render(tmp_path, "{# 说明 #}\n\n{% endfo %}\n")
    assert str(caught.value) == "templates/试验.md.j2:3: 模板语法错误：未知的标签 endfo"


def test_a_runtime_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(AnquanError) as caught:
        render(tmp_path, "{# 说明 #}\n一\n二\n{{ totals.hazards_found / 0 }}\n")
    assert str(caught.value).startswith("templates/试验.md.j2:4: 模板运行出错：除数为零")


def test_an_unknown_name_is_named(tmp_path: Path) -> None:
    with pytest.raises(AnquanError) as caught:
        render(tmp_path, "{# 说明 #}\n{{ totalz.hazards_found }}\n")
    assert str(caught.value) == "templates/试验.md.j2:2: 模板中用到了未定义的名称 totalz"


def test_an_unknown_figure_is_named(tmp_path: Path) -> None:
    with pytest.raises(AnquanError) as caught:
        render(tmp_path, "{# 说明 #}\n{{ totals.hazards_lost }}\n")
    assert str(caught.value) == "templates/试验.md.j2:2: 模板中用到的数据没有 hazards_lost 这一项"


def test_an_unknown_template_is_a_usage_error_listing_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="没有名为 不存在 的模板；可用的模板：季度工作汇报"):
        render_markdown("不存在", tmp_path, DATA, {}, FILTERS)


def test_a_template_in_gbk_is_named_with_the_fix(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "旧.md.j2").write_bytes("{# 说明 #}\n正文".encode("gbk"))
    with pytest.raises(AnquanError, match="不是 UTF-8 编码"):
        render_markdown("旧", tmp_path, DATA, {}, FILTERS)


def test_ledger_text_cannot_inject_markdown(tmp_path: Path) -> None:
    DATA_WITH = {**DATA, "unit": "A|B*C*<script>"}
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.md.j2").write_text("| {{ unit }} |\n", encoding="utf-8")
    text = render_markdown("t", tmp_path, DATA_WITH, {}, FILTERS)
    assert text == "| A\\|B\\*C\\*\\<script\\> |\n"


def test_list_shows_bundled_and_the_ledgers_own_templates(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "季度工作汇报.md.j2").write_text(
        "{# 本镇自己的季度汇报 #}\n正文", encoding="utf-8"
    )
    (tmp_path / "templates" / "月报.md.j2").write_text("{# 月度简报 #}\n正文", encoding="utf-8")
    (tmp_path / "templates" / "_片段.md.j2").write_text("片段", encoding="utf-8")
    found = {t.name: t for t in list_templates(tmp_path)}
    assert set(found) == {
        "季度工作汇报",
        "综合检查督查通报",
        "隐患排查整治情况",
        "隐患排查治理统计表",
        "月报",
    }
    assert found["季度工作汇报"].description == "本镇自己的季度汇报"
    assert found["季度工作汇报"].overrides
    assert found["月报"].source == "templates/月报.md.j2"
    assert not found["月报"].overrides
    assert found["综合检查督查通报"].source == "内置模板"
    assert all(t.description != "（无说明）" for t in found.values())
