"""Build the bundled 执法文书 templates (templates/文书/*.docx) with python-docx.

    python tools/make_doc_templates.py          # writes templates/文书/现场检查记录.docx …

Each is a Word file with docxtpl's Jinja tags ({{ unit.name }}, {%p for h in hazards %} …) that
`anquan doc` fills from the records; a clerk may open one in Word or WPS, change the wording or
the layout, and save it in the ledger as templates/现场检查记录.docx (etc.) to override it.
The names a template can use are listed in README (执法文书).

Layout, as printed 执法文书 are: A4; the office and the document's name in 2号 小标宋, the 文号
under them on the right; the body in 4号 仿宋; tables in 小4号 宋体; blank signature and date
lines for the inspectors and for the unit; the record's ID and the page in the footer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from anquan_cli.render.docx import BODY_FONT, SONGTI, TITLE_FONT, set_fonts

OUT = Path(__file__).resolve().parents[1] / "templates" / "文书"
BODY_SIZE = 14.0  # 4号
TABLE_SIZE = 12.0  # 小4号
TITLE_SIZE = 22.0  # 2号
LINE = 24.0  # pt, exact
TEXT_WIDTH_MM = 210 - 28 - 26
BLANK = "\u3000" * 7  # a signature line's width, underlined


def _styles(document: Any) -> None:
    normal = document.styles["Normal"]
    set_fonts(normal.element, BODY_FONT, BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE)
    fmt.widow_control = False
    footer = document.styles["Footer"]
    set_fonts(footer.element, SONGTI, 9.0, latin=SONGTI)


def _page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(12)
    for grid in section._sectPr.findall(qn("w:docGrid")):
        section._sectPr.remove(grid)
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")  # each document counts its own pages in a day's file
    later = section._sectPr.find(qn("w:cols"))  # the schema's order: pgNumType before cols
    if later is not None:
        later.addprevious(numbering)
    else:
        section._sectPr.find(qn("w:pgMar")).addnext(numbering)
    paragraph = section.footer.paragraphs[0]
    paragraph.style = "Footer"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "记录编号：{{ record_id }}　　{{ doc_no }}　　第 ", SONGTI, 9.0)
    _field(paragraph, "PAGE", "1")
    _run(paragraph, " 页", SONGTI, 9.0)


def _run(
    paragraph: Any, text: str, font: str = BODY_FONT, size: float = BODY_SIZE, **how: Any
) -> Any:
    run = paragraph.add_run(text)
    set_fonts(run._element, font, size, hint=True)
    if how.get("bold"):
        run.bold = True
    if how.get("underline"):
        run.underline = True
    return run


def _field(paragraph: Any, code: str, shown: str) -> None:
    def part(kind: str | None = None, instr: str | None = None, text: str = "") -> None:
        run = _run(paragraph, text, SONGTI, 9.0)
        if kind is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._element.append(mark)
        if instr is not None:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instr} "
            run._element.append(element)

    part("begin")
    part(instr=code)
    part("separate")
    part(text=shown)
    part("end")


def _para(
    document: Any,
    *pieces: str | tuple[str, dict[str, Any]],
    align: str = "left",
    indent: bool = False,
    before: float = 0,
    size: float = BODY_SIZE,
    font: str = BODY_FONT,
) -> Any:
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    if indent:
        fmt.first_line_indent = Pt(size * 2)
        fmt.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")
    if before:
        fmt.space_before = Pt(before)
    for piece in pieces:
        text, how = (piece, {}) if isinstance(piece, str) else piece
        _run(paragraph, text, font, size, **how)
    return paragraph


def _tag(document: Any, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}): it leaves no line."""
    _para(document, tag)


def _heading(document: Any, title: str) -> None:
    for text in ("{{ office.full }}", title):
        paragraph = _para(document, text, align="center", size=TITLE_SIZE, font=TITLE_FONT)
        paragraph.paragraph_format.line_spacing = Pt(36)
    _para(document, "{{ doc_no }}", align="right", before=6)
    _para(document, "")


def _unit_lines(document: Any, who: str) -> None:
    _para(document, f"{who}：{{{{ unit.name }}}}")
    _para(document, "地址：{{ unit.address }}")
    _para(document, "法定代表人（负责人）：{{ unit.representative }}　　联系电话：{{ unit.phone }}")
    _tag(document, "{%p if unit.credit_code %}")
    _para(document, "统一社会信用代码：{{ unit.credit_code }}")
    _tag(document, "{%p endif %}")


def _cell(
    cell: Any, text: str, align: str = "left", bold: bool = False, exact: bool = True
) -> None:
    """A cell's text; a cell that holds a picture has no fixed line height (it would clip it)."""
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.alignment = (
        WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    )
    if exact:
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(20)
    else:
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _run(paragraph, text, SONGTI, TABLE_SIZE, bold=bold)


def _table(
    document: Any,
    heads: list[str],
    widths: list[float],
    loop: str,
    cells: list[str],
    end: str = "{%tr endfor %}",
    pictures: bool = False,
) -> None:
    """A bordered table: its heading row, then one row per item of the loop."""
    table = document.add_table(rows=4, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (head, width) in enumerate(zip(heads, widths, strict=True)):
        table.columns[index].width = Mm(width)
        for row in table.rows:
            row.cells[index].width = Mm(width)
        _cell(table.rows[0].cells[index], head, "center", bold=True)
        align = "center" if index == 0 or (pictures and index) else "left"
        _cell(table.rows[2].cells[index], cells[index], align, exact=not (pictures and index))
    _cell(table.rows[1].cells[0], loop)
    _cell(table.rows[3].cells[0], end)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(round(width * 1440 / 25.4)))


def _signatures(document: Any, ours: str, theirs: str) -> None:
    _para(document, "")
    for who in (ours, theirs):
        paragraph = _para(
            document, f"{who}（签名）：", (BLANK, {"underline": True}), "\t年　　月　　日", before=8
        )
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)


def _stamp(document: Any) -> None:
    _para(document, "")
    seal = _para(document, "{{ office.full }}（印章）", align="right")
    seal.paragraph_format.keep_with_next = True  # the seal and its date on one page
    _para(document, "{{ date }}", align="right")


def record(document: Any) -> None:
    """现场检查记录: who was inspected, when and by whom; the items checked; the problems."""
    _heading(document, "现场检查记录")
    _unit_lines(document, "被检查单位")
    _para(document, "检查时间：{{ inspection.date }}　　检查类型：{{ inspection.type }}")
    _tag(document, "{%p if inspection.campaign %}")
    _para(document, "专项行动：{{ inspection.campaign }}")
    _tag(document, "{%p endif %}")
    _para(
        document,
        "检查单位：{{ inspection.office }}{% if inspection.partners %}（会同{{ inspection.partners }}）{% endif %}",
    )
    _para(
        document,
        "检查人员：{{ inspection.inspectors }}{% if inspection.leader %}　　带队领导：{{ inspection.leader }}{% endif %}",
    )
    _para(document, "检查情况：", ("", {}), before=6)
    _tag(document, "{%p if items %}")
    _para(
        document,
        "依据《{{ checklist.name }}》（{{ checklist.version }}）逐项检查，结果如下：",
        indent=True,
    )
    _table(
        document,
        ["序号", "检查内容", "结果", "说明"],
        [15, 95, 20, 26],
        "{%tr for item in items %}",
        ["{{ item.no }}", "{{ item.text }}", "{{ item.result }}", "{{ item.note }}"],
    )
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if hazards %}")
    _para(document, "检查发现下列问题：", indent=True)
    _tag(document, "{%p for h in hazards %}")
    _para(
        document,
        "{{ h.no }}. {{ h.description }}{% if h.major %}（重大隐患）{% endif %}",
        indent=True,
    )
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p else %}")
    _para(document, "未发现安全生产问题。", indent=True)
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if inspection.note %}")
    _para(document, "备注：{{ inspection.note }}", indent=True)
    _tag(document, "{%p endif %}")
    _signatures(document, "检查人员", "被检查单位负责人")


def notice(document: Any) -> None:
    """隐患整改通知书: the inspection's hazards with their 依据, measures and deadlines."""
    _heading(document, "隐患整改通知书")
    _para(document, "{{ unit.name }}：")
    _para(
        document,
        "{{ inspection.date }}，{{ office.full }}检查人员对你单位进行安全生产检查，"
        "发现存在下列安全隐患：",
        indent=True,
    )
    _table(
        document,
        ["序号", "隐患描述", "依据", "整改措施", "整改期限"],
        [15, 48, 40, 33, 20],
        "{%tr for h in hazards %}",
        [
            "{{ h.no }}",
            "{{ h.description }}{% if h.major %}（重大隐患）{% endif %}",
            "{{ h.basis }}",
            "{{ h.measures }}",
            "{{ h.deadline }}",
        ],
    )
    _para(
        document,
        "请你单位按上述措施于期限前整改完毕，达到有关法律法规、规章和标准规定的要求，"
        "并将整改情况书面报告。整改期间，应当采取措施，确保安全生产。"
        "逾期未整改或者整改不符合要求的，将依法处理。",
        indent=True,
        before=6,
    )
    _signatures(document, "检查人员", "被检查单位负责人")
    _stamp(document)


def review(document: Any) -> None:
    """整改复查意见书: each hazard's 整改 and 验收 outcome, with its photos before and after."""
    _heading(document, "整改复查意见书")
    _para(document, "{{ unit.name }}：")
    _para(
        document,
        "{{ office.full }}于{{ found }}{% if notice_no %}以《隐患整改通知书》（{{ notice_no }}）"
        "{% endif %}责令你单位整改下列安全隐患。经于{{ reviewed }}复查，意见如下：",
        indent=True,
    )
    _table(
        document,
        ["序号", "隐患描述", "整改情况", "复查结果"],
        [15, 57, 42, 42],
        "{%tr for h in hazards %}",
        ["{{ h.no }}", "{{ h.description }}", "{{ h.rectified }}", "{{ h.outcome }}"],
    )
    _tag(document, "{%p if photos %}")
    _para(document, "整改前后照片：", before=6)
    _table(
        document,
        ["隐患", "整改前", "整改后"],
        [30, 63, 63],
        "{%tr for p in photos %}",
        ["{{ p.no }}. {{ p.description }}", "{{ p.before }}", "{{ p.after }}"],
        pictures=True,
    )
    _tag(document, "{%p endif %}")
    _para(document, "复查意见：{{ conclusion }}", indent=True, before=6)
    _signatures(document, "复查人员", "被复查单位负责人")
    _stamp(document)


LAYOUTS: dict[str, Callable[[Any], None]] = {
    "现场检查记录": record,
    "整改通知书": notice,
    "复查意见书": review,
}


def build(name: str) -> Any:
    document = Document()
    _styles(document)
    _page(document)
    LAYOUTS[name](document)
    core = document.core_properties
    core.title, core.author, core.comments = name, "anquan", "anquan doc 的执法文书模板"
    core.created = core.modified = datetime(2024, 1, 1)  # no build date in the template
    core.last_modified_by, core.revision = "anquan", 1
    return document


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in LAYOUTS:
        target = OUT / f"{name}.docx"
        build(name).save(str(target))
        print(target)


if __name__ == "__main__":
    main()
