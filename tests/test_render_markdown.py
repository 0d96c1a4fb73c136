"""Reading rendered Markdown back as the parts of an official document."""

from __future__ import annotations

from anquan_cli.render.markdown import PageBreak, Paragraph, Role, Table, parse

DOC = """\
# 关于2024年第四季度安全生产
# 综合检查督查情况的通报

各村（居）、镇属相关职能办所：

第四季度，镇安委会进行了检查督查。

## 一、本季度安全生产形势

### （一）领导带队情况

#### 1.危险化学品领域

正文**加粗**，配电箱\\*未接地
第二行

特此通报。

附件：1.汇总表一
　　　2.汇总表二

> 东溪镇安全生产委员会办公室
> 2024年12月31日

---

附件1

# 东溪镇2024年第四季度
# 村（居）考核汇总表

| 序号 | 村（居） | 整改率 |
|:-:|:--|:-:|
| 1 | 东溪村 | 57.1% |
| 合计 | | 65.7% |

1. 列表一
2. 列表二
"""


def roles(blocks: list[object]) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.role.value)
        elif isinstance(block, Table):
            out.append("table")
        elif isinstance(block, PageBreak):
            out.append("page")
    return out


def test_a_document_reads_as_its_official_parts() -> None:
    blocks = parse(DOC)
    assert roles(blocks) == [
        "title", "addressee", "body", "h1", "h2", "h3", "body", "body",
        "attachment-note", "signature", "page", "label", "attachment-title", "table",
        "body", "body",
    ]  # fmt: skip
    title = blocks[0]
    assert isinstance(title, Paragraph)
    assert title.text == "关于2024年第四季度安全生产\n综合检查督查情况的通报"


def test_an_opening_paragraph_ending_in_a_colon_is_not_an_addressee() -> None:
    blocks = parse("# 标题\n\n第四季度，我镇扎实开展工作。现将有关情况汇报如下：\n")
    assert roles(blocks) == ["title", "body"]


def test_a_one_sentence_opening_ending_in_a_colon_is_not_an_addressee() -> None:
    blocks = parse("# 标题\n\n现将我镇2024年第四季度安全生产工作情况汇报如下：\n")
    assert roles(blocks) == ["title", "body"]


def test_runs_keep_bold_escapes_and_line_breaks() -> None:
    body = next(b for b in parse(DOC) if isinstance(b, Paragraph) and b.text.startswith("正文"))
    assert [(r.text, r.bold) for r in body.runs] == [
        ("正文", False),
        ("加粗", True),
        ("，配电箱*未接地\n第二行", False),
    ]


def test_tables_keep_cells_and_alignment() -> None:
    table = next(b for b in parse(DOC) if isinstance(b, Table))
    assert table.header == ["序号", "村（居）", "整改率"]
    assert table.rows == [["1", "东溪村", "57.1%"], ["合计", "", "65.7%"]]
    assert table.align == ["center", "left", "center"]


def test_list_items_keep_their_numbers_as_text() -> None:
    items = [b.text for b in parse(DOC) if isinstance(b, Paragraph) and "列表" in b.text]
    assert items == ["1.列表一", "2.列表二"]


def test_raw_html_and_links_stay_text() -> None:
    blocks = parse("正文<script>alert(1)</script>[链接](http://example.com)\n")
    paragraph = blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.role is Role.BODY
    assert "<script>" in paragraph.text and "(http://example.com)" in paragraph.text
