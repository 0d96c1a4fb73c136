"""An amount a spreadsheet stored as a float (1234.5600000001) is that many fen; a third
decimal a person typed (100.555) is still refused. One rule: model/fields.py's money, used by
add-*, set, the import and the model reading a file."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from anquan_cli.imports.plan import plan_import
from anquan_cli.imports.reader import Table
from anquan_cli.model.fields import to_money
from anquan_cli.model.records import Penalty
from anquan_cli.store.atomic import write_atomic
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.office import Office
from anquan_cli.store.paths import SETTINGS_FILE
from tests.conftest import Run


@pytest.mark.parametrize(
    ("stored", "meant"),
    [
        (1234.5600000001, Decimal("1234.56")),
        (1234.5599999999, Decimal("1234.56")),
        (0.30000000000000004, Decimal("0.3")),
        ("2000.1000000004", Decimal("2000.1")),
        (1200.5, Decimal("1200.5")),
        (Decimal("99.99"), Decimal("99.99")),
    ],
)
def test_float_noise_within_a_millionth_of_a_fen_is_that_fen(
    stored: object, meant: Decimal
) -> None:
    assert to_money(stored) == meant


@pytest.mark.parametrize("typed", [100.555, "100.555", "0.001", 1234.5600011])
def test_a_third_decimal_is_still_refused(typed: object) -> None:
    with pytest.raises(ValueError, match="金额精确到分"):
        to_money(typed)


def test_a_workbook_cell_holding_float_noise_imports_as_the_fen(tmp_path: Path) -> None:
    root = tmp_path / "台账"
    root.mkdir()
    write_atomic(root / SETTINGS_FILE, "name: 东溪镇\ncode: DX\ncommit: false\n".encode())
    rows: list[list[object]] = [
        ["处罚日期", "单位名称", "罚款金额(元)"],
        [date(2024, 10, 20), "兴源化工", 1234.5600000001],
        [date(2024, 10, 21), "兴源化工", 100.555],
    ]
    table = Table("行政处罚台账", rows)  # type: ignore[arg-type]
    plan = plan_import(Ledger.open(root), [table], Office("应急办", "YJB"), date(2024, 12, 31), "x")
    (case,) = (r for r in plan.records if isinstance(r, Penalty))
    assert case.fine == Decimal("1234.56")
    assert [p.render() for p in plan.problems] == [
        "行政处罚台账!C3：罚款(元)：金额 100.555 元有两位以上的小数，金额精确到分"
    ]


def test_add_penalty_takes_the_same_rule(run: Run, ledger: Path, unit: str) -> None:
    made = run("add-penalty", "-e", unit, "--date", "2024-10-20", "--fine", "1234.5600000001")
    assert made.code == 0, made.err
    shown = json.loads(run("show", made.out.strip(), "--format", "json").out)
    assert shown["fine"] == 1234.56
    refused = run("add-penalty", "-e", unit, "--date", "2024-10-20", "--fine", "100.555")
    assert refused.code != 0 and "金额精确到分" in refused.err
