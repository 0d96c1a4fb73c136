"""A clerk's day through the command line alone: a 九小场所 walked from its checklist, its
整改通知书 printed under its 文号, photos before and after 整改, the 复查 refused without the
整改后 photo and then passed, and the 复查意见书 printed with both photos side by side."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document
from PIL import Image

from tests.conftest import Outcome, Run

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _ok(outcome: Outcome) -> str:
    assert outcome.code == 0, outcome.err
    return outcome.out


def _photo(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (640, 480), colour).save(path, "JPEG")
    return path


def _text(document: Any) -> str:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _pictures(document: Any) -> list[tuple[int, int, int]]:
    """The colour of each picture in the document's body, in order."""
    part = document.part
    colours = []
    for blip in document.element.body.iter(f"{_A}blip"):
        blob = part.related_parts[blip.get(f"{_R}embed")].blob
        colours.append(Image.open(io.BytesIO(blob)).convert("RGB").getpixel((10, 10)))
    return colours


def _near(found: tuple[int, int, int], wanted: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 24 for a, b in zip(found, wanted, strict=True))


def test_a_clerks_day_from_checklist_to_review(run: Run, ledger: Path, tmp_path: Path) -> None:
    settings = ledger / "anquan.yaml"
    settings.write_text(settings.read_text() + "require_after_photo: true\n")
    unit = _ok(
        run(
            "add-enterprise", "--name", "老街小吃店", "--sector", "九小场所", "--subtype", "小餐馆",
            "--address", "东溪镇新街社区8号", "--legal-rep", "赵六", "--phone", "13900000000",
        )
    ).strip()  # fmt: skip
    answers = tmp_path / "答案.yaml"
    answers.write_text(
        "1: 合格\n2: 不合格 灭火器仅1具\n5: 不合格 疏散通道堆放杂物\n", encoding="utf-8"
    )
    walked = _ok(
        run(
            "inspect", "-e", unit, "--checklist", "九小场所消防", "--date", "2024-10-15",
            "--inspectors", "张伟,李娜", "--answers", answers, "--deadline", "2024-10-30",
        )
    ).split()  # fmt: skip
    inspection, hazards = walked[0], walked[1:]
    assert len(hazards) == 2
    for hazard in hazards:
        shown = _ok(run("show", hazard, "--format", "json"))
        assert '"basis"' in shown and inspection in shown

    # the 整改通知书, numbered; its hazards with their 依据
    notice = tmp_path / "整改通知书.docx"
    printed = run("doc", "整改通知书", inspection, "-o", notice)
    _ok(printed)
    assert "东溪应急〔2024〕整改1号" in printed.err
    text = _text(Document(str(notice)))
    assert "东溪应急〔2024〕整改1号" in text and "老街小吃店" in text
    assert "灭火器仅1具" in text and "疏散通道堆放杂物" in text
    assert "《建筑灭火器配置设计规范》（GB 50140-2005）第6.1.1条" in text  # item 2's 依据
    assert "《中华人民共和国消防法》第二十八条" in text  # item 5's
    record = _text(
        Document(str(Path(_ok(run("doc", "现场检查记录", inspection, "-o", tmp_path)).strip())))
    )
    assert "九小场所消防" in record and "不合格" in record and "合格" in record
    assert "按规定配置灭火器，每个计算单元不少于2具" in record and "灭火器仅1具" in record
    assert "灭火器压力正常" not in record  # item 3 was not checked

    # photos before; the fix; the 复查 refused without the 整改后 photo, then passed
    first = hazards[0]
    red, green = (200, 30, 30), (30, 160, 60)
    _ok(
        run(
            "attach",
            first,
            _photo(tmp_path / "前.jpg", red),
            "--as",
            "整改前",
            "--date",
            "2024-10-15",
        )
    )
    _ok(run("rectify", first, "--date", "2024-10-25", "--note", "增配灭火器2具"))
    refused = run("verify", first, "--date", "2024-10-28", "--by", "张伟")
    assert refused.code != 0 and "整改后" in refused.err
    _ok(
        run(
            "attach",
            first,
            _photo(tmp_path / "后.jpg", green),
            "--as",
            "整改后",
            "--date",
            "2024-10-25",
        )
    )
    assert "已销号" in _ok(run("verify", first, "--date", "2024-10-28", "--by", "张伟"))

    # the 复查意见书 with both photos
    review = tmp_path / "复查意见书.docx"
    printed = run("doc", "复查意见书", first, "-o", review)
    _ok(printed)
    assert "东溪应急〔2024〕复查1号" in printed.err
    document = Document(str(review))
    text = _text(document)
    assert "验收合格，予以销号" in text and "增配灭火器2具" in text
    assert "东溪应急〔2024〕整改1号" in text  # the notice it follows
    colours = _pictures(document)
    assert len(colours) == 2
    assert _near(colours[0], red) and _near(colours[1], green)  # 整改前, then 整改后
