"""One rule, four doors: the same bad value is refused for the same reason by its add-
command, by `set`, by `import` and by `check` (a hand-edited file), each in its own place
(a flag, a field's title, a sheet's cell, a file's line). The rules are model/rules.py's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import xlsxwriter

from anquan_cli.checks.rules import run_checks
from anquan_cli.model.dates import check_past
from anquan_cli.model.text import text_problem
from anquan_cli.store import git
from anquan_cli.store.ledger import Ledger
from tests.conftest import Run

FUTURE = date.today() + timedelta(days=40)
UNIT = "兴源化工有限公司"


def _future_reason() -> str:
    try:
        check_past(FUTURE, date.today())
    except ValueError as error:
        return str(error)
    raise AssertionError("a date after today must be refused")


@dataclass(frozen=True)
class Case:
    """A bad value and the four ways to write it."""

    name: str
    reason: str
    add: Callable[[Run, str], list[str]]  # args of the add- command, given the unit
    field: str  # for set: field=value
    value: str
    target: Callable[[Run, str], str]  # the record set and check work on, given the unit
    sheet: tuple[str, list[list[object]]]  # a sheet holding the bad value, for import
    edit: tuple[str, str]  # in the target's file: text replaced by text


def _hazard(run: Run, unit: str) -> str:
    outcome = run("add-hazard", "-e", unit, "-d", "消防通道堵塞", "--found", "2024-10-08")
    assert outcome.code == 0, outcome.err
    return outcome.value


CASES = [
    Case(
        "a village not on the ledger's list",
        "村(社区)“火星村”不在台账设置的列表中（可选：东溪村、西岭村）",
        lambda run, unit: ["add-enterprise", "--name", "火星加油站", "--village", "火星村"],
        "village",
        "火星村",
        lambda run, unit: unit,
        ("企业台账", [["单位名称", "所属村(社区)"], ["火星加油站", "火星村"]]),
        ("village: 东溪村", "village: 火星村"),
    ),
    Case(
        "a right-to-left override in a name",
        str(text_problem("兴源\u202e化工")),
        lambda run, unit: ["add-enterprise", "--name", "兴源\u202e化工"],
        "name",
        "兴源\u202e化工",
        lambda run, unit: unit,
        ("企业台账", [["单位名称", "所属村(社区)"], ["兴源\u202e化工", "东溪村"]]),
        (f"name: {UNIT}", "name: 兴源\u202e化工"),
    ),
    Case(
        "a hazard found after today",
        _future_reason(),
        lambda run, unit: ["add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", str(FUTURE)],
        "found",
        str(FUTURE),
        _hazard,
        (
            "隐患台账",
            [["单位名称", "隐患描述", "发现日期"], [UNIT, "配电箱未接地", FUTURE.isoformat()]],
        ),
        ("found: 2024-10-08", f"found: {FUTURE}"),
    ),
    Case(
        "a deadline before the hazard was found",
        "整改期限 2024-10-01 早于发现日期 2024-10-08",
        lambda run, unit: [
            "add-hazard",
            "-e",
            unit,
            "-d",
            "配电箱未接地",
            "--found",
            "2024-10-08",
            "--deadline",
            "2024-10-01",
        ],
        "deadline",
        "2024-10-01",
        _hazard,
        (
            "隐患台账",
            [
                ["单位名称", "隐患描述", "发现日期", "整改期限"],
                [UNIT, "配电箱未接地", "2024-10-08", "2024-10-01"],
            ],
        ),
        ("found: 2024-10-08", "found: 2024-10-08\ndeadline: 2024-10-01"),
    ),
]


def _penalty(run: Run, unit: str) -> str:
    outcome = run("add-penalty", "-e", unit, "--date", "2024-10-20", "--fine", "100.55")
    assert outcome.code == 0, outcome.err
    return outcome.value


CASES.append(
    Case(
        "money past the fen",
        "金额 100.555 元有两位以上的小数，金额精确到分",
        lambda run, unit: ["add-penalty", "-e", unit, "--date", "2024-10-20", "--fine", "100.555"],
        "fine",
        "100.555",
        _penalty,
        (
            "行政处罚台账",
            [["单位名称", "处罚日期", "罚款金额"], [UNIT, "2024-10-20", "100.555"]],
        ),
        ("fine: 100.55", "fine: 100.555"),
    )
)


@pytest.fixture
def listed_ledger(ledger: Path) -> Path:
    settings = ledger / "anquan.yaml"
    settings.write_text(settings.read_text("utf-8") + "villages: [东溪村, 西岭村]\n", "utf-8")
    return ledger


def _record_file(ledger: Path, record_id: str) -> Path:
    return next(p for p in ledger.rglob(f"{record_id}.yaml") if ".anquan" not in p.parts)


def _tree(ledger: Path) -> str:
    return git.run(ledger, ["ls-files"]).stdout + git.run(ledger, ["status", "--porcelain"]).stdout


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_bad_value_is_refused_alike_by_add_set_import_and_check(
    case: Case, run: Run, listed_ledger: Path, unit: str, tmp_path: Path
) -> None:
    ledger = listed_ledger
    target = case.target(run, unit)
    before = _tree(ledger)

    added = run(*case.add(run, unit))
    assert added.code == 2 and case.reason in added.err, added.err

    changed = run("set", target, f"{case.field}={case.value}")
    assert changed.code == 2 and case.reason in changed.err, changed.err

    name, rows = case.sheet
    book = xlsxwriter.Workbook(str(tmp_path / "台账.xlsx"))
    sheet = book.add_worksheet(name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    imported = run("import", tmp_path / "台账.xlsx")
    cell = next(line for line in imported.err.splitlines() if line.startswith(f"{name}!"))
    assert imported.code == 1 and case.reason in cell, imported.err
    assert _tree(ledger) == before  # none of the three wrote anything

    path = _record_file(ledger, target)
    text = path.read_text("utf-8")
    old, new = case.edit
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    problems = run_checks(Ledger.open(ledger, use_cache=False), today=date.today())
    shown = path.relative_to(ledger).as_posix()
    assert any(p.path == shown and p.is_error and case.reason in p.message for p in problems), [
        p.render() for p in problems
    ]


def test_a_found_date_after_a_later_step_is_refused_by_set_as_check_names_it(
    run: Run, ledger: Path, unit: str
) -> None:
    hazard = _hazard(run, unit)
    assert run("rectify", hazard, "--date", "2024-10-12").code == 0
    reason = "日期顺序颠倒：整改 2024-10-12 早于 发现 2024-10-20"
    before = _tree(ledger)
    changed = run("set", hazard, "found=2024-10-20")
    assert changed.code == 2 and reason in changed.err, changed.err
    assert _tree(ledger) == before
    path = _record_file(ledger, hazard)
    path.write_text(path.read_text("utf-8").replace("2024-10-08", "2024-10-20"), "utf-8")
    problems = run_checks(Ledger.open(ledger, use_cache=False), today=date.today())
    assert [p.message for p in problems if p.is_error] == [reason]


def _visit_and_its_hazard(run: Run, unit: str) -> tuple[str, str]:
    visit = run("add-inspection", "-e", unit, "--date", "2024-10-08")
    assert visit.code == 0, visit.err
    hazard = run(
        "add-hazard", "-e", unit, "-d", "消防通道堵塞", "--found", "2024-10-08",
        "--inspection", visit.value,
    )  # fmt: skip
    assert hazard.code == 0, hazard.err
    return visit.value, hazard.value


def _passes_check(ledger: Path) -> bool:
    problems = run_checks(Ledger.open(ledger, use_cache=False), today=date.today())
    return not [p for p in problems if p.is_error]


def test_set_refuses_moving_an_inspection_past_the_hazards_it_found(
    run: Run, ledger: Path, unit: str
) -> None:
    visit, hazard = _visit_and_its_hazard(run, unit)
    before = _tree(ledger)
    changed = run("set", visit, "date=2024-10-12")
    assert changed.code == 2, changed.err
    assert f"引用本记录的隐患 {hazard}：发现日期 2024-10-08 早于所属检查 {visit}" in changed.err
    assert _tree(ledger) == before and _passes_check(ledger)
    assert run("set", visit, "date=2024-10-05").code == 0  # earlier: its hazard still fits
    assert _passes_check(ledger)


def test_set_refuses_giving_an_inspection_another_unit_than_its_hazards(
    run: Run, ledger: Path, unit: str
) -> None:
    visit, hazard = _visit_and_its_hazard(run, unit)
    other = run("add-enterprise", "--name", "东溪加油站", "--sector", "危险化学品")
    assert other.code == 0, other.err
    changed = run("set", visit, f"enterprise={other.value}")
    assert changed.code == 2, changed.err
    assert f"引用本记录的隐患 {hazard}：引用的检查 {visit} 属于单位 {other.value}" in changed.err
    assert _passes_check(ledger)


def test_set_refuses_moving_a_hazard_past_the_penalty_that_cites_it(
    run: Run, ledger: Path, unit: str
) -> None:
    hazard = _hazard(run, unit)
    penalty = run(
        "add-penalty", "-e", unit, "--date", "2024-10-10", "--fine", "3000", "--hazard", hazard
    )
    assert penalty.code == 0, penalty.err
    before = _tree(ledger)
    changed = run("set", hazard, "found=2024-10-11")
    assert changed.code == 2, changed.err
    assert f"引用本记录的行政处罚 {penalty.value}：处罚日期 2024-10-10 早于所引隐患" in changed.err
    assert _tree(ledger) == before and _passes_check(ledger)
