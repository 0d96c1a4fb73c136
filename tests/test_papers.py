"""执法文书 (`anquan doc`): what each document says, its 文号, and the number kept on the record."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from anquan_cli.model.documents import default_prefix, doc_number, next_number, office_prefix
from anquan_cli.model.enums import DocumentKind
from anquan_cli.model.settings import Settings
from tests.conftest import Run


def _text(path: Path) -> str:
    """Every paragraph's text, the tables' cells included, one a line."""
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _footers(path: Path) -> list[str]:
    return [
        "".join(p.text for p in section.footer.paragraphs)
        for section in Document(str(path)).sections
    ]


def _ok(outcome: Any) -> str:
    assert outcome.code == 0, outcome.err
    return str(outcome.value)


@pytest.fixture
def visit(run: Run, ledger: Path) -> dict[str, str]:
    """A unit with its 法定代表人 and address, an inspection of it, and two hazards it found."""
    unit = _ok(
        run(
            "add-enterprise", "--name", "东溪镇好运来餐馆", "--address", "东溪镇新街社区12号",
            "--principal", "李四", "--legal-rep", "王五", "--phone", "13800000000",
            "--sector", "九小场所",
        )
    )  # fmt: skip
    inspection = _ok(
        run(
            "add-inspection", "--enterprise", unit, "--date", "2024-11-06",
            "--inspectors", "张伟,李娜", "--leader", "陈立新",
        )
    )  # fmt: skip
    first = _ok(
        run(
            "add-hazard", "--enterprise", unit, "--inspection", inspection, "--found",
            "2024-11-06", "--description", "灭火器过期未更换", "--measures", "更换合格灭火器",
            "--deadline", "2024-11-20",
        )
    )  # fmt: skip
    second = _ok(
        run(
            "add-hazard", "--enterprise", unit, "--inspection", inspection, "--found",
            "2024-11-06", "--description", "疏散通道堆放杂物", "--measures", "清理通道",
            "--deadline", "2024-11-13",
        )
    )  # fmt: skip
    return {"unit": unit, "inspection": inspection, "first": first, "second": second}


def _log(root: Path) -> list[str]:
    return subprocess.run(
        ["git", "log", "--format=%s"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.splitlines()


def test_notice_lists_each_hazard_with_its_measures_and_deadline(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    done = run("doc", "整改通知书", visit["inspection"], "-o", tmp_path / "out")
    path = Path(_ok(done))
    assert path.name == f"{visit['inspection']}_整改通知书.docx"
    assert "文号：东溪应急〔2024〕整改1号" in done.err
    text = _text(path)
    assert "东溪镇应急办" in text and "隐患整改通知书" in text
    assert "东溪镇好运来餐馆：" in text
    assert "2024年11月6日" in text
    for words in ("灭火器过期未更换", "更换合格灭火器", "2024年11月20日", "疏散通道堆放杂物"):
        assert words in text
    assert "东溪应急〔2024〕整改1号" in text
    assert "检查人员（签名）" in text and "被检查单位负责人（签名）" in text
    assert "{{" not in text and "{%" not in text
    assert visit["inspection"] in _footers(path)[0]


def test_the_number_is_written_back_committed_and_reused(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    run("doc", "整改通知书", visit["inspection"], "-o", tmp_path)
    record = next((ledger / "inspections").rglob(f"{visit['inspection']}.yaml")).read_text()
    assert "整改通知书: 东溪应急〔2024〕整改1号" in record
    assert _log(ledger)[0] == f"{visit['inspection']} 出具整改通知书 东溪应急〔2024〕整改1号"
    commits = len(_log(ledger))
    again = run("doc", "整改通知书", visit["inspection"], "-o", tmp_path / "again.docx")
    assert "东溪应急〔2024〕整改1号" in again.err
    assert "东溪应急〔2024〕整改1号" in _text(tmp_path / "again.docx")
    assert len(_log(ledger)) == commits  # nothing new to record
    assert run("check").code == 0


def test_numbers_count_per_kind_and_go_past_a_number_typed_by_hand(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    other = _ok(
        run(
            "add-inspection", "--enterprise", visit["unit"], "--date", "2024-12-02",
            "--doc-no", "东溪应急〔2024〕整改7号",
        )
    )  # fmt: skip
    run("add-hazard", "--enterprise", visit["unit"], "--inspection", other, "--found",
        "2024-12-02", "--description", "燃气软管老化")  # fmt: skip
    assert "整改8号" in run("doc", "整改通知书", visit["inspection"], "-o", tmp_path).err
    assert "整改9号" in run("doc", "整改通知书", other, "-o", tmp_path).err
    assert "检查1号" in run("doc", "现场检查记录", other, "-o", tmp_path).err


def test_inspection_record_names_the_unit_its_legal_rep_and_the_problems(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    path = Path(_ok(run("doc", "现场检查记录", visit["inspection"], "-o", tmp_path)))
    text = _text(path)
    assert "法定代表人（负责人）：王五" in text  # the 法定代表人 before the 主要负责人
    assert "地址：东溪镇新街社区12号" in text
    assert "检查人员：张伟、李娜" in text and "带队领导：陈立新" in text
    assert "1. 灭火器过期未更换" in text and "2. 疏散通道堆放杂物" in text
    assert "东溪应急〔2024〕检查1号" in text


def test_review_states_each_hazards_outcome_from_its_history(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    refused = run("doc", "复查意见书", visit["inspection"], "-o", tmp_path)
    assert refused.code == 2
    assert "尚未复查验收" in refused.err and "Traceback" not in refused.err
    run("rectify", visit["first"], "--date", "2024-11-15", "--note", "已更换4具灭火器")
    run("verify", visit["first"], "--date", "2024-11-18", "--by", "张伟")
    run("rectify", visit["second"], "--date", "2024-11-12")
    run("verify", visit["second"], "--date", "2024-11-18", "--by", "张伟", "--fail",
        "--note", "仍有纸箱堆放")  # fmt: skip
    run("doc", "整改通知书", visit["inspection"], "-o", tmp_path)
    path = Path(_ok(run("doc", "复查意见书", visit["inspection"], "-o", tmp_path)))
    text = _text(path)
    assert "2024年11月15日整改完成：已更换4具灭火器" in text
    assert "验收合格，予以销号" in text
    assert "整改不到位，退回整改（仍有纸箱堆放）" in text
    assert "第2项隐患未整改到位" in text
    assert "东溪应急〔2024〕整改1号" in text  # the notice it follows
    assert "东溪应急〔2024〕复查1号" in text
    assert "2024年11月18日" in text


def test_review_of_one_hazard_is_numbered_on_the_hazard(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    run("rectify", visit["first"], "--date", "2024-11-15")
    run("verify", visit["first"], "--date", "2024-11-18", "--by", "张伟")
    path = Path(_ok(run("doc", "复查意见书", visit["first"], "-o", tmp_path)))
    assert "疏散通道堆放杂物" not in _text(path)
    record = next((ledger / "hazards").rglob(f"{visit['first']}.yaml")).read_text()
    assert "复查意见书: 东溪应急〔2024〕复查1号" in record


def test_a_notice_needs_an_inspection_id(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    refused = run("doc", "整改通知书", visit["first"], "-o", tmp_path)
    assert refused.code == 2 and "应给出检查编号" in refused.err
    unknown = run("doc", "处罚决定书", visit["inspection"], "-o", tmp_path)
    assert unknown.code == 2 and "现场检查记录、整改通知书、复查意见书" in unknown.err


def test_a_day_prints_every_document_in_one_file_each_with_its_footer(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    done = run("doc", "--day", "2024-11-06", "-o", tmp_path)
    path = Path(_ok(done))
    assert path.name == "2024-11-06_应急办_执法文书.docx"
    text = _text(path)
    assert "现场检查记录" in text and "隐患整改通知书" in text
    assert "东溪应急〔2024〕检查1号" in text and "东溪应急〔2024〕整改1号" in text
    footers = _footers(path)
    assert len(footers) == 2
    assert all(visit["inspection"] in footer for footer in footers)
    assert "检查1号" in footers[0] and "整改1号" in footers[1]
    nothing = run("doc", "--day", "2024-11-07", "-o", tmp_path)
    assert nothing.code == 2 and "无文书可打印" in nothing.err


def _template(path: Path, *lines: str) -> None:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def test_a_ledgers_own_template_overrides_the_bundled_one(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    _template(
        ledger / "templates" / "整改通知书.docx",
        "责令限期整改指令书 {{ doc_no }}",
        "{%p for h in hazards %}",
        "{{ h.no }}、{{ h.description }}（{{ h.deadline }}前）",
        "{%p endfor %}",
    )
    path = Path(_ok(run("doc", "整改通知书", visit["inspection"], "-o", tmp_path)))
    text = _text(path)
    assert "责令限期整改指令书 东溪应急〔2024〕整改1号" in text
    assert "1、灭火器过期未更换（2024年11月20日前）" in text
    assert "隐患整改通知书" not in text


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("{{ unit.name ", "模板语法错误"),
        ("{{ unit.__class__ }}", "出于安全原因已拒绝"),
    ],
)
def test_a_bad_template_is_one_chinese_line_naming_it(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path, line: str, said: str
) -> None:
    _template(ledger / "templates" / "整改通知书.docx", line)
    outcome = run("doc", "整改通知书", visit["inspection"], "-o", tmp_path)
    assert outcome.code == 1
    assert said in outcome.err and "templates/整改通知书.docx" in outcome.err
    assert "Traceback" not in outcome.err and len(outcome.err.strip().splitlines()) == 1
    record = next((ledger / "inspections").rglob(f"{visit['inspection']}.yaml")).read_text()
    assert "documents" not in record  # no number given for a document never made


def test_a_template_that_is_no_word_file_is_refused(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    (ledger / "templates").mkdir(exist_ok=True)
    (ledger / "templates" / "现场检查记录.docx").write_text("not a zip")
    outcome = run("doc", "现场检查记录", visit["inspection"], "-o", tmp_path)
    assert outcome.code == 1 and "不是有效的 Word" in outcome.err


def test_prefix_is_the_town_and_the_office_without_their_endings() -> None:
    assert default_prefix("东溪镇", "应急办") == "东溪应急"
    assert default_prefix("城关街道", "规划自然资源所") == "城关规划自然资源"
    assert doc_number("东溪应急", 2024, DocumentKind.NOTICE, 12) == "东溪应急〔2024〕整改12号"


def test_next_number_counts_one_office_kind_and_year() -> None:
    taken = [
        "东溪应急〔2024〕整改3号",
        "东溪应急〔2024〕整改11号",
        "东溪应急〔2023〕整改40号",
        "东溪平安〔2024〕整改50号",
        "东溪应急〔2024〕复查9号",
        "东溪应急[2024]整改12号",  # typed with ASCII brackets
    ]
    assert next_number(taken, "东溪应急", 2024, DocumentKind.NOTICE) == 13
    assert next_number(taken, "东溪应急", 2025, DocumentKind.NOTICE) == 1
    assert next_number(taken, "东溪应急", 2024, DocumentKind.RECORD) == 1


def test_two_offices_sharing_a_prefix_are_refused() -> None:
    settings = Settings.model_validate(
        {"name": "东溪镇", "code": "DX", "offices": ["应急办", {"name": "应急所", "code": "YJS"}]}
    )
    with pytest.raises(ValueError, match="doc_prefix"):
        office_prefix(settings, "应急办")
    fixed = Settings.model_validate(
        {
            "name": "东溪镇",
            "code": "DX",
            "offices": ["应急办", {"name": "应急所", "code": "YJS", "doc_prefix": "东溪应急所"}],
        }
    )
    assert office_prefix(fixed, "应急办") == "东溪应急"


EXAMPLE = Path(__file__).parents[1] / "examples" / "dongxi"


def test_a_numbered_document_prints_again_without_an_office(run: Run, tmp_path: Path) -> None:
    """README's main command: the example's 整改通知书 is printed under the number it has,
    in the name of the office whose 文号 begin that way, with nothing written."""
    before = (EXAMPLE / "inspections" / "2024" / "DX-I-2410-PAB01.yaml").read_bytes()
    done = run("doc", "整改通知书", "DX-I-2410-PAB01", "--ledger", EXAMPLE, "-o", tmp_path / "out")
    path = Path(_ok(done))
    text = _text(path)
    assert "东溪镇平安办" in text and "东溪平安〔2024〕整改1号" in text
    assert "东溪镇敬老院：" in text
    assert (EXAMPLE / "inspections" / "2024" / "DX-I-2410-PAB01.yaml").read_bytes() == before
    unnumbered = run("doc", "现场检查记录", "DX-I-2410-PAB01", "--ledger", EXAMPLE, "-o", tmp_path)
    assert unnumbered.code == 2 and "尚未设置本台账副本所属办所" in unnumbered.err


def _png(colour: tuple[int, int, int]) -> bytes:
    """A 4×4 PNG of one colour, written by hand (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes(colour) * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_joining_documents_keeps_each_ones_pictures_and_footer(tmp_path: Path) -> None:
    import io

    from docx.shared import Mm

    from anquan_cli.render.official import join

    parts = []
    for name, colour in (("甲", (255, 0, 0)), ("乙", (0, 0, 255))):
        document = Document()
        document.add_paragraph(f"文书{name}")
        document.add_picture(io.BytesIO(_png(colour)), width=Mm(10))
        document.sections[0].footer.paragraphs[0].text = f"记录编号：{name}"
        out = io.BytesIO()
        document.save(out)
        parts.append(out.getvalue())
    joined = tmp_path / "joined.docx"
    joined.write_bytes(join(parts))
    document = Document(str(joined))
    assert [s.footer.paragraphs[0].text for s in document.sections] == [
        "记录编号：甲",
        "记录编号：乙",
    ]
    pictures = [
        document.part.related_parts[blip.get(qn_embed)].blob
        for blip in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
        )
        for qn_embed in [
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
        ]
    ]
    assert pictures == [_png((255, 0, 0)), _png((0, 0, 255))]


def test_check_warns_of_a_number_two_documents_hold(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    run("doc", "整改通知书", visit["inspection"], "-o", tmp_path)
    path = next((ledger / "hazards").rglob(f"{visit['first']}.yaml"))
    path.write_text(
        path.read_text(encoding="utf-8") + "documents:\n  复查意见书: 东溪应急〔2024〕整改1号\n",
        encoding="utf-8",
    )
    outcome = run("check")
    assert outcome.code == 0  # a warning: the figures are not touched
    said = outcome.out + outcome.err
    assert f"文号 东溪应急〔2024〕整改1号 与 {visit['inspection']} 的文书重复" in said
    assert f"文号 东溪应急〔2024〕整改1号 与 {visit['first']} 的文书重复" in said


def test_review_shows_the_photos_before_and_after_side_by_side(
    run: Run, ledger: Path, visit: dict[str, str], tmp_path: Path
) -> None:
    from PIL import Image

    red, green = (200, 30, 30), (30, 160, 60)
    Image.new("RGB", (640, 480), red).save(tmp_path / "前.jpg", "JPEG")
    Image.new("RGB", (480, 640), green).save(tmp_path / "后.jpg", "JPEG")
    first = visit["first"]
    _ok(run("attach", first, tmp_path / "前.jpg", "--as", "整改前", "--date", "2024-11-06"))
    _ok(run("rectify", first, "--date", "2024-11-15"))
    _ok(run("attach", first, tmp_path / "后.jpg", "--as", "整改后", "--date", "2024-11-15"))
    _ok(run("verify", first, "--date", "2024-11-18", "--by", "张伟"))
    path = Path(_ok(run("doc", "复查意见书", first, "-o", tmp_path)))
    document = Document(str(path))
    photos = document.tables[1]
    assert [c.text for c in photos.rows[0].cells] == ["隐患", "整改前", "整改后"]
    row = photos.rows[1]
    colours = []
    for cell in row.cells[1:]:
        blips = list(cell._tc.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
        assert len(blips) == 1
        rel = blips[0].get(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
        )
        image = Image.open(io.BytesIO(document.part.related_parts[rel].blob)).convert("RGB")
        colours.append(image.getpixel((5, 5)))
    for found, wanted in zip(colours, (red, green), strict=True):
        assert all(abs(a - b) < 24 for a, b in zip(found, wanted, strict=True))
