"""One ID allocator (store/ids.py) for add-* and the import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from anquan_cli.model.enums import RecordKind
from anquan_cli.store.ids import IdAllocator, highest_sequence


def test_an_id_follows_the_highest_on_disk_and_a_given_back_one_is_reused(tmp_path: Path) -> None:
    folder = tmp_path / "hazards" / "2024"
    folder.mkdir(parents=True)
    for name in ("DX-H-2410-YJB01", "DX-H-2410-YJB07", "DX-H-2410-JFB09", "DX-H-2411-YJB12"):
        (folder / f"{name}.yaml").write_text("id: x\n", "utf-8")
    assert highest_sequence(tmp_path, "DX-H-2410-YJB") == 7
    ids = IdAllocator(tmp_path, "DX", "YJB")
    october = date(2024, 10, 5)
    assert ids.allocate(RecordKind.HAZARD, october) == "DX-H-2410-YJB08"
    assert ids.allocate(RecordKind.HAZARD, october) == "DX-H-2410-YJB09"
    ids.give_back("DX-H-2410-YJB09")
    assert ids.allocate(RecordKind.HAZARD, october) == "DX-H-2410-YJB09"
    ids.give_back("DX-H-2410-YJB08")  # not the last one: kept taken
    assert ids.allocate(RecordKind.HAZARD, october) == "DX-H-2410-YJB10"
    assert ids.allocate(RecordKind.ENTERPRISE, october) == "DX-E-2410-YJB01"


def test_add_and_import_number_on_from_each_other(run, ledger: Path, unit: str) -> None:
    """A hazard added after an import's hazards of the same month takes the next number, and
    an import after it the one after that: the two never make the same ID."""
    from openpyxl import Workbook

    first = run("add-hazard", "-e", unit, "-d", "灭火器过期", "--found", "2024-10-15").value
    assert first.endswith("YJB01")
    book = Workbook()
    sheet = book.active
    sheet.title = "隐患排查整改台账"
    sheet.append(["序号", "单位名称", "发现日期", "隐患描述"])
    sheet.append([1, "兴源化工有限公司", "2024-10-16", "配电箱未接地"])
    book.save(ledger / "in.xlsx")
    outcome = run("import", ledger / "in.xlsx")
    assert outcome.code == 0, outcome.err
    assert next(ledger.glob("hazards/2024/*YJB02.yaml"))
    second = run("add-hazard", "-e", unit, "-d", "疏散指示灯损坏", "--found", "2024-10-17").value
    assert second.endswith("YJB03")
