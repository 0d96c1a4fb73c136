"""An official document (公文) in Word format, laid out per GB/T 9704-2012.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 2号 方正小标宋简体; body
3号 仿宋_GB2312 at a fixed 28.95 pt line (22 lines a page); 一级标题 黑体, 二级标题 楷体_GB2312;
page numbers 4号 宋体 "— 1 —" below the text, odd pages right and even pages left, one character
in; attachment tables bordered, in 宋体 at a smaller size. Every run names its East Asian font
(w:eastAsia) as well as its Latin one, so Word and WPS both show the Chinese font.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from anquan_cli.render.markdown import Block, PageBreak, Paragraph, Pictures, Role, Table

PHOTO_WIDTH_MM = 72.0
"""Two photos side by side fill the 156 mm text width, with a gap."""

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN_FONT = "Times New Roman"

SIZE_2 = 22.0  # 2号
SIZE_3 = 16.0  # 3号
SIZE_4 = 14.0  # 4号
SIZE_SMALL_4 = 12.0  # 小4号
SIZE_5 = 10.5  # 5号
SIZE_SMALL_5 = 9.0  # 小5号
LINE_PITCH = 28.95  # pt: 22 lines on the 225 mm text area

_STYLE_OF = {
    Role.HEADING1: "Heading 1",
    Role.HEADING2: "Heading 2",
    Role.HEADING3: "Heading 3",
}


def _char_width(text: str) -> float:
    """Width in characters of the East Asian font: CJK, full-width and dashes one, Latin less."""
    return sum(1.0 if ord(c) >= 0x2000 else 0.85 if c in "%@MW" else 0.55 for c in text)


def set_fonts(
    rpr_owner: Any, east_asia: str, size: float | None, latin: str = LATIN_FONT, hint: bool = False
) -> None:
    """Name both fonts on a run or style (themes removed so they cannot win), and the size.

    `hint` sets w:hint="eastAsia": characters both scripts share (the 一字线 —) are then drawn
    full-width in the East Asian font.
    """
    from docx.oxml.ns import qn
    from docx.shared import Pt

    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    if hint:
        fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = rpr.makeelement(qn(tag), {})
                rpr.append(element)
            element.set(qn("w:val"), str(round(Pt(size).pt * 2)))


def _exact(paragraph_format: Any, points: float) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(points)


def _indent_chars(paragraph_format: Any, chars: int, size: float = SIZE_3) -> None:
    """First-line indent in characters, for Word (firstLineChars) and for others (twips)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph_format.first_line_indent = Pt(size * chars)
    ind = paragraph_format.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _style(document: Any) -> None:
    """The document's styles: Normal is the body; headings and tables derive from it."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    set_fonts(normal.element, BODY_FONT, SIZE_3)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = False
    _exact(fmt, LINE_PITCH)

    for role, font in ((Role.HEADING1, HEITI), (Role.HEADING2, KAITI), (Role.HEADING3, BODY_FONT)):
        heading = styles[_STYLE_OF[role]]
        set_fonts(heading.element, font, SIZE_3)
        heading.font.bold = False
        heading.font.italic = False
        heading.font.color.rgb = RGBColor(0, 0, 0)
        hfmt = heading.paragraph_format
        hfmt.space_before = hfmt.space_after = Pt(0)
        hfmt.keep_with_next = True
        hfmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _exact(hfmt, LINE_PITCH)
        _indent_chars(hfmt, 2)

    title = styles.add_style("公文标题", WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = normal
    set_fonts(title.element, TITLE_FONT, SIZE_2)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(title.paragraph_format, 36)
    title.paragraph_format.space_after = Pt(LINE_PITCH)

    attachment = styles.add_style("附件标题", WD_STYLE_TYPE.PARAGRAPH)
    attachment.base_style = title
    attachment.paragraph_format.space_after = Pt(LINE_PITCH / 2)

    label = styles.add_style("附件标识", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = normal
    set_fonts(label.element, HEITI, SIZE_3)
    label.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    cell = styles.add_style("表格文字", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    set_fonts(cell.element, SONGTI, SIZE_SMALL_4)
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(cell.paragraph_format, 18)

    footer = styles["Footer"]
    set_fonts(footer.element, SONGTI, SIZE_4, latin=SONGTI)
    footer.paragraph_format.first_line_indent = Pt(0)


def _page(document: Any) -> None:
    """A4 with GB/T 9704 margins; page numbers in the footers."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(21)
    # no line grid: every paragraph has an exact line height already, and LibreOffice would
    # snap a taller title line to two grid lines
    for grid in section._sectPr.findall(qn("w:docGrid")):
        section._sectPr.remove(grid)

    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _page_number(paragraph: Any, *, odd: bool) -> None:
    """ "— N —": odd pages on the right, even pages on the left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph.style = "Footer"
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        fmt.right_indent = Pt(SIZE_4)
    else:
        fmt.left_indent = Pt(SIZE_4)

    def run(text: str | None = None, field: str | None = None, char: str | None = None) -> None:
        element = paragraph.add_run(text or "")
        set_fonts(element._element, SONGTI, SIZE_4, latin=SONGTI, hint=True)
        if char is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), char)
            element._element.append(mark)
        if field is not None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = field
            element._element.append(instr)

    run("— ")
    run(char="begin")
    run(field=" PAGE ")
    run(char="separate")
    run("1")
    run(char="end")
    run(" —")


def _add_runs(paragraph: Any, block: Paragraph) -> None:
    for part in block.runs:
        pieces = part.text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                paragraph.add_run().add_break()
            if piece:
                run = paragraph.add_run(piece)
                run.bold = part.bold or None
                run.italic = part.italic or None


def _paragraph(document: Any, block: Paragraph, page_break: bool) -> list[Any]:
    """Add the block; return the Word paragraphs it became."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if block.role is Role.SIGNATURE:
        return _signature(document, block, page_break)
    if block.role is Role.ATTACHMENT_NOTE:
        return _attachment_note(document, block)
    style = {
        Role.TITLE: "公文标题",
        Role.ATTACHMENT_TITLE: "附件标题",
        Role.LABEL: "附件标识",
        **_STYLE_OF,
    }.get(block.role, "Normal")
    paragraph = document.add_paragraph(style=style)
    fmt = paragraph.paragraph_format
    if block.role is Role.BODY:
        _indent_chars(fmt, 2)
    elif block.role is Role.ADDRESSEE:
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.first_line_indent = Pt(0)
    if page_break:
        fmt.page_break_before = True
    if "\n" in block.text and block.role not in (Role.TITLE, Role.ATTACHMENT_TITLE):
        # a justified line ending in a manual break is stretched across the page
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _add_runs(paragraph, block)
    return [paragraph]


_ITEM = re.compile(r"^(附件：)?\s*(\d+[.．、])?")


def _attachment_note(document: Any, block: Paragraph) -> list[Any]:
    """附件说明: "附件：1.名称", each attachment a line, wrapped names aligned with the first."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    lines = [line.strip().lstrip("\u3000") for line in block.text.split("\n") if line.strip()]
    added = []
    for index, line in enumerate(lines):
        match = _ITEM.match(line)
        number = (match.group(2) or "") if match else ""
        hang = _char_width("附件：" + number)
        paragraph = document.add_paragraph(style="Normal")
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = Pt(SIZE_3 * (2 + hang))
        if index == 0:
            fmt.first_line_indent = Pt(-SIZE_3 * hang)
            fmt.space_before = Pt(LINE_PITCH)
            paragraph.add_run(line)
        else:
            fmt.first_line_indent = Pt(-SIZE_3 * _char_width(number))
            paragraph.add_run(line)
        added.append(paragraph)
    return added


def _signature(document: Any, block: Paragraph, page_break: bool) -> list[Any]:
    """落款: the issuing body centred over the date, the date four characters from the right."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    if not lines:
        return []
    added = []
    date_width = _char_width(lines[-1])
    widest = max((_char_width(line) for line in lines[:-1]), default=0.0)
    date_in = 4.0 if widest <= date_width else 2.0 + (widest - date_width) / 2
    for index, line in enumerate(lines):
        paragraph = document.add_paragraph(style="Normal")
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if index == len(lines) - 1:
            right = date_in
        else:
            right = date_in + (date_width - _char_width(line)) / 2
        fmt.right_indent = Pt(SIZE_3 * max(right, 0.0))
        if index == 0:
            fmt.space_before = Pt(LINE_PITCH * 2)
            fmt.page_break_before = page_break or None
        fmt.keep_with_next = index < len(lines) - 1
        paragraph.add_run(line)
        added.append(paragraph)
    return added


def _borders(table: Any) -> None:
    """Single black lines on every edge and between all cells (not left to a table style)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    tbl_pr.append(borders)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), "5000")
    width.set(qn("w:type"), "pct")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(width)


def _header_lines(text: str) -> str:
    """A header's unit on a line of its own: 排查隐患（处） → 排查隐患 / （处）."""
    head, bracket, unit = text.partition("（")
    return f"{head}\n{bracket}{unit}" if bracket and head else text


def _fold_header(text: str, room: float) -> str:
    """A header's main words that do not fit its column, broken evenly: 排查 / 隐患 / （处）."""
    head, *units = text.split("\n")
    if _char_width(head) <= room or len(head) < 2:
        return text
    half = (len(head) + 1) // 2
    return "\n".join([head[:half], head[half:], *units])


def _table(document: Any, block: Table, plan: TablePlan) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    columns = max([len(block.header), *(len(r) for r in block.rows)])
    rows = [
        [*r, *[""] * (columns - len(r))]
        for r in [[_header_lines(h) for h in block.header], *block.rows]
    ]
    rows[0] = [
        _fold_header(text, width / (plan.size * PT_MM) - _CELL_MARGINS)
        for text, width in zip(rows[0], plan.widths_mm, strict=False)
    ]
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    size = plan.size
    aligns = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
    }
    repeat = OxmlElement("w:tblHeader")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row_index, values in enumerate(rows):
        total = row_index > 0 and values[0] == "合计"
        for col in range(columns):
            cell = table.cell(row_index, col)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles["表格文字"]
            align = block.align[col] if col < len(block.align) else "center"
            paragraph.paragraph_format.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER if row_index == 0 or total else aligns.get(align)
            )
            for index, piece in enumerate(values[col].split("\n")):
                if index:
                    paragraph.add_run().add_break()
                run = paragraph.add_run(piece)
                set_fonts(run._element, SONGTI, size)
                run.bold = (row_index == 0 or total) or None
        if total and columns > 1 and values[1] == "":
            merged = table.cell(row_index, 0).merge(table.cell(row_index, 1))
            for extra in merged.paragraphs[1:]:
                if not extra.text:
                    extra._element.getparent().remove(extra._element)
    _column_widths(table, plan.widths_mm)


PT_MM = 25.4 / 72
PORTRAIT_TEXT_MM = 210.0 - 28 - 26
LANDSCAPE_TEXT_MM = 297.0 - 37 - 35
_SHORT = 8.0  # a column this many characters wide or less never wraps
_NARROWEST = 6.0  # a long text column is never squeezed below this many characters
_CELL_MARGINS = 1.2  # Word's 0.19 cm either side, in characters
_TABLE_SIZES = (SIZE_SMALL_4, SIZE_5, SIZE_SMALL_5)


@dataclass(frozen=True)
class TablePlan:
    """How a table is set: its font size, its page's orientation and its column widths."""

    size: float
    landscape: bool
    widths_mm: tuple[float, ...]


def _natural_widths(rows: list[list[str]], columns: int, *, fold_headers: bool) -> list[float]:
    """Each column's width in characters: its longest cell and header line, plus margins.

    With `fold_headers` a header's main words may take two lines (排查 / 隐患), its unit not.
    """
    widths = []
    for col in range(columns):
        head, *units = rows[0][col].split("\n") or [""]
        header = max([_char_width(head), *(_char_width(u) for u in units)])
        if fold_headers and _char_width(head) >= 4:
            header = max([(_char_width(head) + 1) // 2, *(_char_width(u) for u in units)])
        cells = [
            max((_char_width(line) for line in row[col].split("\n")), default=0.0)
            for row in rows[1:]
        ]
        widths.append(max([header, 2.0, *cells]) + _CELL_MARGINS)
    return widths


def _fit(natural: list[float], room: float, *, squeeze: bool) -> list[float] | None:
    """Widths in characters filling `room`, or None if the columns do not fit.

    With `squeeze`, wide text columns give way (down to a few characters) before giving up.
    """
    total = sum(natural)
    if total <= room:
        return [w * room / total for w in natural]
    if not squeeze:
        return None
    fixed = sum(w for w in natural if w <= _SHORT)
    long = [w for w in natural if w > _SHORT]
    if not long or fixed + _NARROWEST * len(long) > room:
        return None
    scale = (room - fixed) / sum(long)
    return [w if w <= _SHORT else max(w * scale, _NARROWEST) for w in natural]


def plan_table(block: Table) -> TablePlan:
    """The first layout that fits: portrait before landscape, larger type before smaller,
    headers on one line before two, and only then wide text columns squeezed."""
    columns = max([len(block.header), *(len(r) for r in block.rows)])
    rows = [
        [*r, *[""] * (columns - len(r))]
        for r in [[_header_lines(h) for h in block.header], *block.rows]
    ]
    pages = ((False, PORTRAIT_TEXT_MM), (True, LANDSCAPE_TEXT_MM))
    for squeeze in (False, True):
        for landscape, text_mm in pages:
            for size in _TABLE_SIZES:
                for fold in (False, True):
                    natural = _natural_widths(rows, columns, fold_headers=fold)
                    fitted = _fit(natural, text_mm / (size * PT_MM), squeeze=squeeze)
                    if fitted is not None:
                        widths = tuple(w * size * PT_MM for w in fitted)
                        return TablePlan(size, landscape, widths)
    natural = _natural_widths(rows, columns, fold_headers=True)
    total = sum(natural)
    return TablePlan(SIZE_SMALL_5, True, tuple(LANDSCAPE_TEXT_MM * w / total for w in natural))


def _column_widths(table: Any, widths_mm: Sequence[float]) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    widths = [Mm(w) for w in widths_mm]
    layout = table._tbl.tblPr.makeelement(qn("w:tblLayout"), {qn("w:type"): "fixed"})
    table._tbl.tblPr.append(layout)
    for col, grid in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
        grid.set(qn("w:w"), str(widths[col].twips))
    for row in table.rows:
        for col, cell in enumerate(row.cells):
            cell.width = widths[col] if col < len(widths) else widths[-1]


def _orient(document: Any, landscape: bool) -> None:
    """Start a new page in a section of that orientation (a wide attachment table turns)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)


def _landscape_until_next_break(blocks: Sequence[Block], plans: dict[int, TablePlan]) -> bool:
    for block in blocks:
        if isinstance(block, PageBreak):
            return False
        if isinstance(block, Table) and plans[id(block)].landscape:
            return True
    return False


def _keep_closing_with_signature(written: list[tuple[Role, Any]]) -> None:
    """The 落款 never stands alone on a page: the 附件说明 and the closing line go with it."""
    closing = 0
    for role, paragraph in reversed(written):
        if role is Role.ATTACHMENT_NOTE:
            paragraph.paragraph_format.keep_with_next = True
            continue
        if role is Role.BODY and closing < 1:
            paragraph.paragraph_format.keep_with_next = True
            closing += 1
            continue
        break


def _pictures(
    document: Any, block: Pictures, image: Callable[[str], bytes | None], page_break: bool
) -> None:
    """Photos two to a row in a borderless table, each with its caption under it in 5号 宋体;
    a photo the renderer was not handed is its caption alone."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    if page_break:
        document.add_paragraph(style="Normal").paragraph_format.page_break_before = True
    items = block.items
    columns = min(2, len(items))
    table = document.add_table(rows=-(-len(items) // columns), cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for at, item in enumerate(items):
        cell = table.cell(at // columns, at % columns)
        picture, caption = cell.paragraphs[0], cell.add_paragraph()
        for paragraph in (picture, caption):
            fmt = paragraph.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.first_line_indent = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact 28.95 pt line clips it
        data = image(item.ref)
        if data is not None:
            picture.add_run().add_picture(io.BytesIO(data), width=Mm(PHOTO_WIDTH_MM))
        text = caption.add_run(item.caption if data is not None else f"{item.caption}（照片缺失）")
        set_fonts(text._r, SONGTI, SIZE_5)


def write_docx(
    blocks: Sequence[Block],
    title: str,
    when: date,
    image: Callable[[str], bytes | None] | None = None,
) -> bytes:
    """The blocks as a GB/T 9704 document; title and date go into the file's properties.
    `image`: the bytes of a photo the text names (attachments/files/….jpg)."""
    from docx import Document

    document = Document()
    _style(document)
    _page(document)
    body = document.element.body
    for paragraph in list(body.iterchildren()):
        if paragraph.tag.endswith("}p"):
            body.remove(paragraph)
    page_break = False
    landscape = False
    written: list[tuple[Role, Any]] = []
    plans = {id(b): plan_table(b) for b in blocks if isinstance(b, Table)}
    for index, block in enumerate(blocks):
        if isinstance(block, PageBreak):
            wanted = _landscape_until_next_break(blocks[index + 1 :], plans)
            if wanted != landscape:
                _orient(document, wanted)
                landscape = wanted
            else:
                page_break = True
            continue
        if isinstance(block, Table):
            if page_break:
                document.add_paragraph(style="Normal").paragraph_format.page_break_before = True
            _table(document, block, plans[id(block)])
            written = []
        elif isinstance(block, Pictures):
            _pictures(document, block, image or _no_image, page_break)
            written = []
        else:
            if block.role is Role.SIGNATURE:
                _keep_closing_with_signature(written)
            written += [(block.role, p) for p in _paragraph(document, block, page_break)]
        page_break = False
    properties = document.core_properties
    properties.title = title
    properties.author = ""
    properties.comments = ""
    # the report's date, not the clock: the same ledger and flags give byte-identical files
    properties.created = properties.modified = datetime(when.year, when.month, when.day)
    properties.last_modified_by = ""
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic(buffer.getvalue())


def _no_image(ref: str) -> bytes | None:
    return None


def _deterministic(data: bytes) -> bytes:
    """Re-zip with fixed member timestamps so two runs give the same bytes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
