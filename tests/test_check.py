"""`anquan check`: each rule names the file and the line of the offending key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.fixture
def hazard(run: Run, unit: str) -> Path:
    outcome = run(
        "add-hazard",
        "-e",
        unit,
        "-d",
        "配电箱未接地",
        "--found",
        "2024-10-15",
        "--deadline",
        "2024-10-30",
    )
    assert outcome.code == 0, outcome.err
    return next(Path().glob(f"hazards/*/{outcome.value}.yaml"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def test_a_clean_ledger_passes(run: Run, hazard: Path) -> None:
    outcome = run("check")
    assert outcome.code == 0
    assert outcome.out == ""


def test_an_impossible_date_is_named_at_its_line(run: Run, hazard: Path) -> None:
    edit(hazard, "deadline: 2024-10-30", "deadline: 2024-02-30")
    outcome = run("check")
    assert outcome.code == 1
    assert (
        f"{hazard.as_posix()}:{line_of(hazard, 'deadline')}: 整改期限：2024-02-30 不是有效日期"
        in outcome.out
    )


def test_broken_yaml_is_named_at_its_line(run: Run, hazard: Path) -> None:
    edit(hazard, "level: 一般", "level: 一般: 重大")
    outcome = run("check")
    assert outcome.code == 1
    assert f"{hazard.as_posix()}:{line_of(hazard, 'level')}:" in outcome.out


def test_a_dangling_unit_is_reported_through_its_hazards(run: Run, unit: str, hazard: Path) -> None:
    next(Path("enterprises").glob(f"{unit}.yaml")).unlink()
    outcome = run("check")
    assert outcome.code == 1
    assert (
        f"{hazard.as_posix()}:{line_of(hazard, 'enterprise')}: 引用的企业 {unit} 不存在"
        in outcome.out
    )


def test_a_duplicate_id_is_named(run: Run, hazard: Path) -> None:
    copy = hazard.with_name("DX-H-2410-YJB99.yaml")
    copy.write_bytes(hazard.read_bytes())
    outcome = run("check")
    assert outcome.code == 1
    assert "编号 DX-H-2410-YJB01 重复" in outcome.out
    assert f"{copy.as_posix()}:" in outcome.out


def test_a_file_name_that_is_not_its_id_is_named(run: Run, hazard: Path) -> None:
    hazard.rename(hazard.with_name("renamed.yaml"))
    outcome = run("check")
    assert "hazards/2024/renamed.yaml:1: 文件名与编号 DX-H-2410-YJB01 不符" in outcome.out


def test_a_status_that_contradicts_history_is_named(run: Run, hazard: Path) -> None:
    edit(hazard, "status: 整改中", "status: 已销号")
    outcome = run("check")
    assert (
        f"{hazard.as_posix()}:{line_of(hazard, 'status')}: 状态 已销号 与历程不符（按历程应为 整改中；各项统计、列表和台账均按历程计）"
        in outcome.out
    )


def test_steps_out_of_order_are_named(run: Run, hazard: Path) -> None:
    text = hazard.read_text(encoding="utf-8") + "  - date: 2024-10-10\n    action: 整改\n"
    hazard.write_text(text.replace("status: 整改中", "status: 已整改"), encoding="utf-8")
    outcome = run("check")
    assert "日期顺序颠倒：整改 2024-10-10 早于 发现 2024-10-15" in outcome.out


def test_major_hazard_without_five_assurances_warns_and_fails_when_strict(
    run: Run, hazard: Path
) -> None:
    edit(hazard, "level: 一般", "level: 重大")
    relaxed = run("check")
    assert relaxed.code == 0
    assert "警告：重大隐患“五落实”不全，缺少：责任人、措施、资金、预案" in relaxed.out
    assert run("check", "--strict").code == 1


def test_a_wrong_credit_code_is_named_with_the_expected_character(
    run: Run, unit: str, hazard: Path
) -> None:
    path = Path("enterprises") / f"{unit}.yaml"
    edit(path, "91350100M000100Y30", "91350100M000100Y3A")
    outcome = run("check")
    assert (
        f"enterprises/{unit}.yaml:{line_of(path, 'credit_code')}: 统一社会信用代码 91350100M000100Y3A 校验位错误：第18位应为 0，实为 A"
        in outcome.out
    )


def test_values_outside_the_ledgers_own_lists_are_named(run: Run, unit: str, hazard: Path) -> None:
    with Path("anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("villages: [西岭村, 白云寺村]\n")
    outcome = run("check")
    assert outcome.code == 1
    assert "村(社区)“东溪村”不在台账设置的列表中（可选：西岭村、白云寺村）" in outcome.out


def test_conflict_markers_are_named_as_conflict(run: Run, hazard: Path) -> None:
    edit(
        hazard,
        "status: 整改中\n",
        "<<<<<<< HEAD\nstatus: 整改中\n=======\nstatus: 已整改\n>>>>>>> theirs\n",
    )
    outcome = run("check")
    assert outcome.code == 1
    assert f"{hazard.as_posix()}:{line_of(hazard, '<<<<<<<')}: 冲突" in outcome.out


def test_every_problem_is_reported_at_once_and_sorted(run: Run, unit: str, hazard: Path) -> None:
    edit(hazard, "deadline: 2024-10-30", "deadline: 2024-02-30")
    Path("hazards/2024/empty.yaml").write_text("", encoding="utf-8")
    outcome = run("check")
    lines = outcome.out.splitlines()
    assert len(lines) == 2
    assert lines == sorted(lines)
    assert "hazards/2024/empty.yaml:1: 文件为空" in lines


def append_steps(hazard: Path, status: str, *steps: tuple[str, str]) -> None:
    text = hazard.read_text(encoding="utf-8")
    text += "".join(f"  - date: {day}\n    action: {action}\n" for day, action in steps)
    hazard.write_text(text.replace("status: 整改中", f"status: {status}"), encoding="utf-8")


@pytest.mark.parametrize(
    ("status", "steps", "wrong"),
    [
        ("已销号", [("2024-10-16", "销号")], "“销号”（2024-10-16）不合整改验收顺序"),
        ("已整改", [("2024-10-16", "验收通过")], "“验收通过”（2024-10-16）不合整改验收顺序"),
        ("整改中", [("2024-10-16", "发现")], "“发现”只能是历程的第一步"),
        ("整改中", [("2024-10-16", "验收退回")], "尚未整改，不能验收"),
        (
            "已整改",
            [
                ("2024-10-16", "整改"),
                ("2024-10-17", "验收通过"),
                ("2024-10-17", "销号"),
                ("2024-10-18", "整改"),
            ],
            "已销号，不能再整改",
        ),
    ],
)
def test_steps_the_hazards_cycle_does_not_allow_are_named(
    run: Run, hazard: Path, status: str, steps: list[tuple[str, str]], wrong: str
) -> None:
    append_steps(hazard, status, *steps)
    outcome = run("check")
    assert outcome.code == 1
    last = len(hazard.read_text(encoding="utf-8").splitlines())
    [problem] = outcome.out.splitlines()
    assert problem.startswith(f"{hazard.as_posix()}:{last}: ") and wrong in problem


def test_a_rectified_and_closed_out_history_passes(run: Run, hazard: Path) -> None:
    steps = [("2024-10-20", "整改"), ("2024-10-21", "验收退回"), ("2024-10-25", "整改")]
    append_steps(hazard, "已销号", *steps, ("2024-10-28", "验收通过"), ("2024-10-28", "销号"))
    outcome = run("check")
    assert outcome.code == 0, outcome.out


def test_a_file_holding_another_files_id_is_the_one_blamed(run: Run, unit: str) -> None:
    first = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    second = run("add-hazard", "-e", unit, "-d", "消防通道堵塞", "--found", "2024-10-15").value
    wrong = Path(f"hazards/2024/{first}.yaml")
    edit(wrong, f"id: {first}", f"id: {second}")
    edit(wrong, f"enterprise: {unit}", "enterprise: DX-E-2401-YJB99")
    outcome = run("check")
    assert f"{wrong.as_posix()}:1: 文件名与编号 {second} 不符" in outcome.out
    assert f"{wrong.as_posix()}:2: 引用的企业 DX-E-2401-YJB99 不存在" in outcome.out
    assert f"hazards/2024/{second}.yaml:1: 编号 {second} 重复" in outcome.out
    right = [line for line in outcome.out.splitlines() if line.startswith(f"hazards/2024/{second}")]
    assert not any("不符" in line or "不存在" in line for line in right), right


def test_a_unit_copied_under_another_name_warns_in_both_files(run: Run, unit: str) -> None:
    original = Path(f"enterprises/{unit}.yaml")
    copy = original.with_name("兴源化工副本.yaml")
    copy.write_bytes(original.read_bytes())
    outcome = run("check")
    for path in (original, copy):
        line = line_of(path, "credit_code")
        assert (
            f"{path.as_posix()}:{line}: 警告：统一社会信用代码 91350100M000100Y30 与其他单位重复"
            in outcome.out
        )


def test_a_hazard_of_an_unreadable_unit_points_at_the_units_file(
    run: Run, unit: str, hazard: Path
) -> None:
    path = Path(f"enterprises/{unit}.yaml")
    edit(path, "sector: 危险化学品", "sector：危险化学品")
    outcome = run("check")
    assert outcome.code == 1
    assert (
        f"{hazard.as_posix()}:{line_of(hazard, 'enterprise')}: 引用的企业 {unit} 的文件 "
        f"{path.as_posix()} 无法读取，请先修正该文件" in outcome.out
    )
    assert "不存在" not in outcome.out


def test_two_offices_with_one_id_code_are_named_in_the_settings(run: Run, hazard: Path) -> None:
    with Path("anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write(
            "offices:\n  - name: 应急办\n    code: YJB\n  - name: 经发办\n    code: yjb\n"
        )
    outcome = run("check")
    assert outcome.code == 1
    assert (
        f"anquan.yaml:{line_of(Path('anquan.yaml'), '    code: yjb')}: "
        "办所“经发办”与“应急办”的编号代码都是 YJB" in outcome.out
    )


def test_an_empty_sector_list_is_one_error_in_the_settings(run: Run, hazard: Path) -> None:
    with Path("anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("sectors: []\n")
    outcome = run("check")
    assert outcome.code == 1
    assert outcome.out == (
        f"anquan.yaml:{line_of(Path('anquan.yaml'), 'sectors')}: "
        "行业领域列表 sectors 为空：请列出本台账的行业领域，或删去 sectors 以使用默认列表\n"
    )


@pytest.fixture
def other_unit(run: Run, ledger: Path) -> str:
    outcome = run("add-enterprise", "--name", "东溪加油站", "--sector", "危险化学品")
    assert outcome.code == 0, outcome.err
    return outcome.value


@pytest.fixture
def inspection(run: Run, unit: str) -> str:
    outcome = run("add-inspection", "-e", unit, "--date", "2024-10-15")
    assert outcome.code == 0, outcome.err
    return outcome.value


def test_a_hazard_naming_another_units_inspection_is_named(
    run: Run, unit: str, other_unit: str, inspection: str, hazard: Path
) -> None:
    edit(hazard, f"enterprise: {unit}", f"enterprise: {other_unit}\ninspection: {inspection}")
    outcome = run("check")
    assert outcome.code == 1
    assert (
        f"{hazard.as_posix()}:{line_of(hazard, 'inspection')}: 引用的检查 {inspection} "
        f"属于单位 {unit}，而本记录的单位是 {other_unit}" in outcome.out
    )


def test_a_penalty_for_another_units_hazard_is_named(
    run: Run, unit: str, other_unit: str, hazard: Path
) -> None:
    hazard_id = hazard.stem
    added = run("add-penalty", "-e", other_unit, "--date", "2024-10-20", "--fine", "5000")
    assert added.code == 0, added.err
    penalty = next(Path("penalties").glob(f"*/{added.value}.yaml"))
    with penalty.open("a", encoding="utf-8") as file:
        file.write(f"hazard: {hazard_id}\n")
    outcome = run("check")
    assert outcome.code == 1
    assert (
        f"{penalty.as_posix()}:{line_of(penalty, 'hazard')}: 引用的隐患 {hazard_id} "
        f"属于单位 {unit}，而本记录的单位是 {other_unit}" in outcome.out
    )


def test_a_hazard_found_before_its_inspection_is_named(
    run: Run, inspection: str, hazard: Path
) -> None:
    edit(hazard, "found: 2024-10-15", f"found: 2024-10-15\ninspection: {inspection}")
    edit(Path(f"inspections/2024/{inspection}.yaml"), "date: 2024-10-15", "date: 2024-10-16")
    outcome = run("check")
    assert outcome.code == 1
    assert (
        f"{hazard.as_posix()}:{line_of(hazard, 'found')}: 发现日期 2024-10-15 早于所属检查 "
        f"{inspection} 的日期 2024-10-16" in outcome.out
    )


def test_a_record_in_another_years_folder_is_named(run: Run, hazard: Path) -> None:
    moved = Path("hazards/2023") / hazard.name
    moved.parent.mkdir()
    hazard.rename(moved)
    outcome = run("check")
    assert outcome.code == 1
    assert (
        f"{moved.as_posix()}:1: 编号 {hazard.stem} 的记录应放在 hazards/2024/ 目录下" in outcome.out
    )
