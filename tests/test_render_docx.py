"""The Word report is an official document per GB/T 9704-2012, readable in Word and WPS."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.conftest import Run

EXAMPLE = Path(__file__).parents[1] / "examples" / "dongxi"


@pytest.fixture(scope="module")
def tongbao(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The 通报 of the example quarter, rendered once through the command line."""
    import sys
    from contextlib import redirect_stderr, redirect_stdout

    from anquan_cli.cli.app import main

    folder = tmp_path_factory.mktemp("docx")
    argv = sys.argv
    sys.argv = [
        "anquan", "report", "--quarter", "4", "--year", "2024", "--ledger", str(EXAMPLE),
        "--template", "综合检查督查通报", "--format", "docx", "-o", str(folder),
    ]  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err), pytest.raises(SystemExit) as done:
            main()
            raise SystemExit(0)
    finally:
        sys.argv = argv
    assert done.value.code in (0, None), err.getvalue()
    path = Path(out.getvalue().strip())
    assert path.name == "东溪镇关于2024年第四季度安全生产综合检查督查情况的通报.docx"
    return Document(str(path))


def fonts_of(element: Any) -> dict[str, str]:
    fonts = element.find(f".//{qn('w:rFonts')}")
    return {} if fonts is None else {k.split("}")[1]: v for k, v in fonts.attrib.items()}


def test_page_is_a4_with_the_standards_margins(tongbao: Any) -> None:
    section = tongbao.sections[0]

    def mm(length: Any) -> float:
        return round(length.mm, 1)  # Word keeps twips: 210 mm comes back as 210.01 mm

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert mm(section.top_margin) == 37
    assert mm(section.bottom_margin) == 35
    assert mm(section.left_margin) == 28
    assert mm(section.right_margin) == 26


def test_body_is_3hao_fangsong_with_the_east_asian_font_named(tongbao: Any) -> None:
    normal = tongbao.styles["Normal"]
    fonts = fonts_of(normal.element)
    assert fonts["eastAsia"] == "仿宋_GB2312"
    assert not any(k.endswith("Theme") or k == "cstheme" for k in fonts)
    assert normal.font.size == Pt(16)


def test_lines_are_fixed_at_28_95_points(tongbao: Any) -> None:
    from docx.enum.text import WD_LINE_SPACING

    fmt = tongbao.styles["Normal"].paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing == Pt(28.95)


def test_title_is_2hao_xiaobiaosong_centred_on_two_lines(tongbao: Any) -> None:
    title = tongbao.paragraphs[0]
    assert title.style.name == "公文标题"
    assert fonts_of(title.style.element)["eastAsia"] == "方正小标宋简体"
    assert title.style.font.size == Pt(22)
    assert title.text == "关于2024年第四季度安全生产\n综合检查督查情况的通报"


def test_headings_are_heiti_then_kaiti(tongbao: Any) -> None:
    by_text = {p.text: p for p in tongbao.paragraphs}
    level1 = by_text["一、本季度安全生产形势"]
    level2 = by_text["（一）第四季度镇领导带队检查安全生产工作及调研情况"]
    assert fonts_of(level1.style.element)["eastAsia"] == "黑体"
    assert fonts_of(level2.style.element)["eastAsia"] == "楷体_GB2312"
    assert level1.style.font.bold is False
    assert level1.style.font.size == Pt(16)


def test_body_paragraphs_indent_two_characters_and_addressee_does_not(tongbao: Any) -> None:
    by_text = {p.text: p for p in tongbao.paragraphs}
    addressee = by_text["各村（居）、镇属相关职能办所："]
    assert addressee.paragraph_format.first_line_indent == Pt(0)
    body = next(p for p in tongbao.paragraphs if p.text.startswith("第四季度，全镇共出动"))
    assert body.paragraph_format.first_line_indent == Pt(32)
    ind = body._p.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_page_numbers_are_dashed_fields_in_the_footers(tongbao: Any) -> None:
    assert tongbao.settings.odd_and_even_pages_header_footer
    section = tongbao.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert footer.paragraphs[0].text.startswith("— ")
        assert footer.paragraphs[0].text.endswith(" —")
        assert fonts_of(footer.paragraphs[0].runs[0]._element)["eastAsia"] == "宋体"
        sizes = footer._element.findall(f".//{qn('w:sz')}")
        assert {s.get(qn("w:val")) for s in sizes} == {"28"}  # 4号 = 14 pt


def test_attachment_tables_have_borders_and_songti(tongbao: Any) -> None:
    assert len(tongbao.tables) == 2
    for table in tongbao.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders is not None
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            assert borders.find(qn(f"w:{edge}")).get(qn("w:val")) == "single"
        cell_run = table.rows[1].cells[1].paragraphs[0].runs[0]
        assert fonts_of(cell_run._element)["eastAsia"] == "宋体"
        assert cell_run.font.size < Pt(16)
    villages = tongbao.tables[0]
    assert villages.rows[0].cells[1].text == "村\n（居）"
    # the year's 考核 (the example sets assessment:): 巡查计划, 整改, 按时报送, 扣分, 总分
    assert [c.text for c in villages.rows[-1].cells][2:] == [
        "100", "136.5", "109.2", "2", "343.7",
    ]  # fmt: skip


def test_attachments_start_on_a_new_page(tongbao: Any) -> None:
    labels = [p for p in tongbao.paragraphs if p.text in ("附件1", "附件2")]
    assert len(labels) == 2
    assert all(p.paragraph_format.page_break_before for p in labels)


def test_signature_sits_right_with_the_date_last(tongbao: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    by_text = {p.text: p for p in tongbao.paragraphs}
    org = by_text["东溪镇安全生产委员会办公室"]
    day = by_text["2024年12月31日"]
    assert org.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert day.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert org.paragraph_format.keep_with_next


def test_personal_numbers_are_masked_in_the_document(tongbao: Any) -> None:
    text = "\n".join(p.text for p in tongbao.paragraphs)
    assert "138****5678" in text
    assert "13812345678" not in text


def test_same_ledger_gives_the_same_bytes(run: Run, tmp_path: Path) -> None:
    outputs = []
    for name in ("a.docx", "b.docx"):
        outcome = run(
            "report", "--quarter", "4", "--year", "2024", "--ledger", EXAMPLE,
            "-o", tmp_path / name,
        )  # fmt: skip
        assert outcome.code == 0, outcome.err
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert (
        Document(str(tmp_path / "a.docx")).core_properties.title
        == "东溪镇2024年第四季度安全生产工作汇报"
    )


def test_a_wide_attachment_table_turns_its_page_to_landscape(run: Run, tmp_path: Path) -> None:
    from docx.enum.section import WD_ORIENT

    outcome = run(
        "report", "--quarter", "4", "--year", "2024", "--ledger", EXAMPLE,
        "--template", "隐患排查整治情况", "-o", tmp_path / "隐患.docx",
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    document = Document(str(tmp_path / "隐患.docx"))
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    wide = document.sections[1]
    assert round(wide.page_width.mm) == 297 and round(wide.page_height.mm) == 210
    table = document.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats


def test_narrow_tables_stay_portrait_and_fill_the_text_width() -> None:
    from anquan_cli.render.docx import PORTRAIT_TEXT_MM, plan_table
    from anquan_cli.render.markdown import Table

    table = Table(
        ["序号", "村（居）", "检查（家次）", "整改率"],
        [["1", "东溪村", "11", "57.1%"], ["合计", "", "29", "65.7%"]],
        ["center"] * 4,
    )
    plan = plan_table(table)
    assert not plan.landscape
    assert plan.size == 12
    assert abs(sum(plan.widths_mm) - PORTRAIT_TEXT_MM) < 0.01
    assert plan.widths_mm[0] < plan.widths_mm[1]  # 序号 narrower than the names
