"""The smaller cases of issue 18: each was accepted, miscounted or silent before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (("--year", "1900"), "年份 1900 不在 2000—2099 之间"),
        (("--year", "2100", "--quarter", "4"), "年份 2100 不在 2000—2099 之间"),
        (("--month", "1999-12"), "年份 1999 不在 2000—2099 之间"),
        (("--from", "1999-01-01", "--to", "2024-01-01"), "年份 1999 不在 2000—2099 之间"),
        (("--year", "99999"), "99999 不是有效年份"),
    ],
)
def test_a_report_year_outside_2000_to_2099_is_refused(
    run: Run, ledger: Path, flags: tuple[str, ...], named: str
) -> None:
    for command in ("report", "stats"):
        outcome = run(command, *flags)
        assert outcome.code == 2, outcome
        assert named in outcome.err
        assert outcome.out == ""


def test_check_counts_files_not_problems(run: Run, ledger: Path) -> None:
    folder = ledger / "hazards" / "2024"
    folder.mkdir(parents=True)
    for n in (1, 2, 3):
        # each file has several problems: unknown fields and every required field missing
        (folder / f"DX-H-2410-YJB0{n}.yaml").write_text(
            f"id: DX-H-2410-YJB0{n}\nfoo: 1\nbar: 2\n", encoding="utf-8"
        )
    for _ in range(2):  # the second time from the remembered outcome
        outcome = run("check")
        assert outcome.code == 1
        assert "检查了 3 个文件" in outcome.err, outcome.err


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named_as_utf16_and_fix_encoding_converts_it(
    run: Run, unit: str, ledger: Path, codec: str
) -> None:
    path = ledger / "enterprises" / f"{unit}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode(codec))
    outcome = run("check")
    assert outcome.code == 1
    assert f"enterprises/{unit}.yaml:1: 文件是 UTF-16 编码" in outcome.out
    assert "fix-encoding" in outcome.out
    converted = run("fix-encoding", path)
    assert converted.code == 0, converted.err
    assert "原为 UTF-16" in converted.err
    assert path.read_text(encoding="utf-8") == text
    assert run("check").code == 0


def test_a_folder_linked_out_of_the_ledger_is_named_not_skipped_silently(
    run: Run, unit: str, ledger: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "别处"
    outside.mkdir()
    (outside / "DX-H-2410-YJB01.yaml").write_text("id: 机密\n", encoding="utf-8")
    (ledger / "hazards" / "2024").symlink_to(outside, target_is_directory=True)
    outcome = run("check")
    assert outcome.code == 0  # a warning: the records in it are not read
    assert "hazards/2024: 警告：文件夹是链接，指向台账目录之外的" in outcome.out
    assert "机密" not in outcome.out + outcome.err
    assert "1 个警告" in outcome.err


def test_a_record_folder_linked_out_of_the_ledger_is_not_read(
    run: Run, unit: str, ledger: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "别处"
    (outside / "2024").mkdir(parents=True)
    (outside / "2024" / "DX-W-2410-YJB01.yaml").write_text("id: 机密\n", encoding="utf-8")
    shutil.rmtree(ledger / "activities")
    (ledger / "activities").symlink_to(outside, target_is_directory=True)
    outcome = run("check")
    assert "activities: 警告：文件夹是链接，指向台账目录之外的" in outcome.out
    assert "机密" not in outcome.out + outcome.err


def test_a_hazard_in_the_penalties_folder_is_told_its_folder(
    run: Run, unit: str, ledger: Path
) -> None:
    hazard_id = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    (ledger / "penalties" / "2024").mkdir(parents=True)
    moved = ledger / "penalties" / "2024" / f"{hazard_id}.yaml"
    (ledger / "hazards" / "2024" / f"{hazard_id}.yaml").rename(moved)
    outcome = run("check")
    assert outcome.code == 1
    assert outcome.out.splitlines() == [
        f"penalties/2024/{hazard_id}.yaml:1: {hazard_id} 是隐患编号，不是行政处罚编号："
        f"文件放错了文件夹，应放在 hazards/2024/{hazard_id}.yaml"
    ]


def test_ledger_may_name_the_settings_file(
    run: Run, unit: str, ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = run("list", "enterprises", "--format", "csv", "--ledger", ledger / "anquan.yaml")
    assert outcome.code == 0, outcome.err
    assert unit in outcome.out
    assert run("check", "--ledger", ledger / "anquan.yaml").code == 0
    assert run("check", "--ledger", ledger / "hazards").code == 2
