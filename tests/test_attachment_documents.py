"""Photos in what the office sends out: the html report's gallery by sector (thumbnails in
the file itself), the photos a docx template asks for, and the workbook's count per hazard."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import Run


def picture(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (800, 600), colour).save(path, "JPEG")
    return path


@pytest.fixture
def photographed(run: Run, ledger: Path, tmp_path: Path) -> dict[str, str]:
    """Two hazards in two sectors, each with a photo before and after 整改 in 2024 Q4, and one
    photo of a later quarter."""
    ids = {}
    for name, sector, what, found in (
        ("兴源化工有限公司", "危险化学品", "配电箱未接地", "2024-10-15"),
        ("老街小餐馆", "九小场所", "灭火器过期", "2024-10-16"),
    ):
        unit = run("add-enterprise", "--name", name, "--sector", sector).value
        hazard = run("add-hazard", "-e", unit, "-d", what, "--found", found).value
        ids[sector] = hazard
        before = picture(tmp_path / f"{hazard}-b.jpg", (200, 40, 40))
        after = picture(tmp_path / f"{hazard}-a.jpg", (40, 160, 60 * len(ids)))
        assert run("attach", hazard, before, "--as", "整改前", "--date", found).code == 0
        assert run("attach", hazard, after, "--as", "整改后", "--date", "2024-10-25").code == 0
    later = picture(tmp_path / "later.jpg", (10, 10, 200))
    assert run("attach", ids["九小场所"], later, "--as", "现场", "--date", "2025-01-05").code == 0
    return ids


def test_html_report_shows_the_periods_photos_by_sector_inside_the_file(
    run: Run, ledger: Path, photographed: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    outcome = run("report", "--quarter", "4", "--year", "2024", "--format", "html", "-o", target)
    assert outcome.code == 0, outcome.err
    page = target.read_text(encoding="utf-8")
    gallery = page.split('<section class="gallery">', 1)[1].split("</section>", 1)[0]
    headings = re.findall(r"<h3>([^<]+)</h3>", gallery)
    assert headings == ["危险化学品（2 张）", "九小场所（2 张）"]  # the ledger's sector order
    assert "灭火器过期<br>整改后 2024-10-25" in gallery
    assert "2025-01-05" not in gallery  # a later quarter's photo is not this report's
    sources = re.findall(r'<img src="([^"]+)"', gallery)
    assert len(sources) == 4 and all(s.startswith("data:image/jpeg;base64,") for s in sources)
    with Image.open(io.BytesIO(base64.b64decode(sources[0].split(",", 1)[1]))) as thumb:
        assert max(thumb.size) == 240  # small: the file is mailed
    assert "attachments/" not in page.split('<section class="gallery">')[0]


def test_html_report_without_photos_has_no_gallery(run: Run, ledger: Path, tmp_path: Path):
    target = tmp_path / "report.html"
    outcome = run("report", "--quarter", "4", "--year", "2024", "--format", "html", "-o", target)
    assert outcome.code == 0, outcome.err
    assert 'class="gallery"' not in target.read_text(encoding="utf-8")


TEMPLATE = """# {{ town }}{{ period.label }}隐患整改照片通报

{% for p in photos(kind="整改后") %}
{{ p.unit }}：{{ p.what }}，已整改。

![{{ p.caption }}]({{ p.ref }})

{% endfor %}
![不是本期的照片](attachments/files/00/secret.jpg)
"""


def test_docx_template_that_asks_for_photos_gets_them(
    run: Run, ledger: Path, photographed: dict[str, str], tmp_path: Path
) -> None:
    from docx import Document

    (ledger / "templates").mkdir()
    (ledger / "templates" / "照片通报.md.j2").write_text(TEMPLATE, encoding="utf-8")
    target = tmp_path / "通报.docx"
    args = ("report", "--quarter", "4", "--year", "2024", "--template", "照片通报")
    assert run(*args, "--format", "docx", "-o", target).code == 0
    document = Document(str(target))
    images = [r for r in document.part.rels.values() if "image" in r.reltype]
    assert len(images) == 2  # the two 整改后 photos; a file the period does not list never
    captions = [p.text for t in document.tables for c in t._cells for p in c.paragraphs if p.text]
    assert "兴源化工有限公司　配电箱未接地　整改后 2024-10-25" in captions
    assert "不是本期的照片（照片缺失）" in captions
    with zipfile.ZipFile(target) as packed:
        media = [n for n in packed.namelist() if n.startswith("word/media/")]
        with Image.open(io.BytesIO(packed.read(media[0]))) as photo:
            assert photo.size == (800, 600)  # the stored photo, not a thumbnail
    markdown = run(*args).out
    assert "![老街小餐馆　灭火器过期　整改后 2024-10-25](attachments/files/" in markdown


def test_workbook_counts_each_hazards_photos(
    run: Run, ledger: Path, photographed: dict[str, str], tmp_path: Path
) -> None:
    import openpyxl

    target = tmp_path / "台账.xlsx"
    assert run("export", "--quarter", "4", "--year", "2024", "-o", target).code == 0
    sheet = openpyxl.load_workbook(target)["隐患排查整改台账"]
    rows = list(sheet.iter_rows(values_only=True))
    assert "照片" in rows[2] and rows[3][rows[2].index("照片")] == "整改前(张)"
    before = rows[2].index("照片")
    counted = {row[5]: (row[before], row[before + 1]) for row in rows[4:] if row[0]}
    assert counted == {"配电箱未接地": (1, 1), "灭火器过期": (1, 1)}


def test_workbook_of_a_ledger_without_photos_has_no_photo_columns(
    run: Run, ledger: Path, unit: str, tmp_path: Path
) -> None:
    import openpyxl

    assert run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").code == 0
    target = tmp_path / "台账.xlsx"
    assert run("export", "--quarter", "4", "--year", "2024", "-o", target).code == 0
    header = list(openpyxl.load_workbook(target)["隐患排查整改台账"].iter_rows(values_only=True))[2]
    assert "照片" not in header and header[-2:] == ("备注", "编号")  # 编号: the record ID, last
