"""`anquan report` and `anquan stats` on the hand-counted ledger, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import handcount
from tests.conftest import Run


@pytest.fixture
def counted(tmp_path: Path) -> Path:
    return handcount.write(tmp_path / "qinghe")


def test_report_json_prints_the_hand_counted_figures(run: Run, counted: Path) -> None:
    done = run(
        "report", "--ledger", counted, "--quarter", "4", "--year", "2024", "--format", "json"
    )
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert data["period"]["from"] == "2024-10-01"
    assert data["period"]["as_of"] == "2024-12-31"
    totals = data["totals"]
    assert (totals["hazards_found"], totals["hazards_rectified"], totals["hazards_open"]) == (
        5,
        2,
        3,
    )
    assert totals["rectification_rate"] == 0.4
    assert totals["inspector_visits"] == 9
    assert data["leaders"]["张书记"]["带队检查"] == 5


def test_as_of_moves_the_figures(run: Run, counted: Path) -> None:
    done = run(
        "report", "--ledger", counted, "--quarter", "4", "--year", "2024",
        "--as-of", "2024年11月15日", "--format", "json",
    )  # fmt: skip
    assert done.code == 0, done.err
    totals = json.loads(done.out)["totals"]
    assert (totals["hazards_found"], totals["hazards_rectified"], totals["hazards_open"]) == (
        3,
        1,
        2,
    )


def test_output_file_is_written_whole(run: Run, counted: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "q4.json"
    done = run(
        "report", "--ledger", counted, "--quarter", "4", "--year", "2024", "-o", target,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert done.out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["totals"]["penalties"] == 1


def test_an_empty_period_reports_zeros_not_an_error(run: Run, counted: Path) -> None:
    done = run("report", "--ledger", counted, "--month", "2", "--year", "2023", "--format", "json")
    assert done.code == 0, done.err
    totals = json.loads(done.out)["totals"]
    assert totals["hazards_found"] == 0
    assert totals["rectification_rate"] is None


def test_explain_lists_the_records_behind_a_figure(run: Run, counted: Path) -> None:
    done = run(
        "report", "--ledger", counted, "--quarter", "4", "--year", "2024",
        "--explain", "by_sector.工贸.hazards_found",
    )  # fmt: skip
    assert done.code == 0, done.err
    assert handcount.ID["H4"] in done.out and handcount.ID["H8"] in done.out
    assert handcount.ID["H5"] not in done.out
    assert "共 2 条记录" in done.out


def test_explain_as_json(run: Run, counted: Path) -> None:
    done = run(
        "report", "--ledger", counted, "--quarter", "4", "--year", "2024",
        "--explain", "hazards_overdue", "--format", "json",
    )  # fmt: skip
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert data["value"] == 1
    assert [r["id"] for r in data["records"]] == [handcount.ID["H6"]]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--quarter", "5"), "--quarter"),
        (("--from", "2024-12-01", "--to", "2024-11-01"), "晚于"),
        (("--quarter", "4", "--month", "11"), "只能指定一种"),
        (("--quarter", "4", "--explain", "nope"), "未知的指标"),
        (("--quarter", "4", "--explain", "by_village.北村.inspections"), "北村"),
        (("--quarter", "4", "--explain", "rectification_rate"), "hazards_found"),
        (("--quarter", "4", "--as-of", "2024-13-01"), "--as-of"),
        ((), "请指定统计期"),
        (("--year", "2024", "--from", "2024-10-01", "--to", "2024-12-31"), "--year"),
    ],
)
def test_bad_report_flags_say_one_chinese_line(
    run: Run, counted: Path, args: tuple[str, ...], words: str
) -> None:
    done = run("report", "--ledger", counted, *args, "--format", "json")
    assert done.code == 2
    assert words in done.err
    assert "Traceback" not in done.err
    assert len(done.err.strip().splitlines()) == 1


def test_stats_shows_the_quarter_at_a_glance(run: Run, counted: Path) -> None:
    done = run("stats", "--ledger", counted, "--quarter", "4", "--year", "2024")
    assert done.code == 0, done.err
    assert "清河镇 2024年第四季度" in done.out
    assert "排查隐患 5 处（重大 2 处）" in done.out
    assert "整改率 40.0%" in done.out
    assert "九小场所" in done.out
    assert handcount.ID["H3"] in done.out  # overdue since 09-30, 92 days
    assert "92" in done.out
    assert handcount.ID["H8"] in done.out  # 重大, not closed


def test_stats_without_flags_is_this_quarter(run: Run, counted: Path) -> None:
    done = run("stats", "--ledger", counted)
    assert done.code == 0, done.err
    assert "季度" in done.out


def test_a_district_report_adds_by_town(run: Run, counted: Path, tmp_path: Path) -> None:
    west = tmp_path / "xiling"
    assert run("init", west, "--name", "西岭镇").code == 0
    unit = run("add-enterprise", "--name", "西岭化工厂", "--sector", "工贸", "--ledger", west)
    found = run(
        "add-hazard", "-e", unit.value, "-d", "配电箱未接地", "--found", "2024-10-15",
        "--deadline", "2024-11-30", "--ledger", west,
    )  # fmt: skip
    assert found.code == 0, found.err
    district = tmp_path / "district"
    district.mkdir()
    (district / "anquan.yaml").write_text(
        f"name: 某区\ncode: MQ\ntowns:\n  - {counted}\n  - ../xiling\n", encoding="utf-8"
    )
    done = run(
        "report", "--ledger", district, "--quarter", "4", "--year", "2024", "--format", "json"
    )
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert data["totals"]["hazards_found"] == 6
    assert data["by_town"]["清河镇"]["hazards_found"] == 5
    assert data["by_town"]["西岭镇"]["hazards_found"] == 1
    assert data["by_town"]["西岭镇"]["hazards_overdue"] == 1
    explained = run(
        "report", "--ledger", district, "--quarter", "4", "--year", "2024",
        "--explain", "by_town.西岭镇.hazards_found",
    )  # fmt: skip
    assert explained.code == 0, explained.err
    assert found.value in explained.out


def test_an_output_folder_gets_each_file_under_its_default_name(
    run: Run, counted: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "报送"
    period = ("--ledger", counted, "--quarter", "4", "--year", "2024")
    for args in (("--format", "json"), ("--format", "docx")):
        done = run("report", *period, *args, "-o", folder)
        assert done.code == 0, done.err
    assert run("export", *period, "-o", folder).code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 3
    assert all(name.startswith(names[0][:3]) for name in names)
    assert [Path(n).suffix for n in names] == [".json", ".xlsx", ".docx"] or sorted(
        Path(n).suffix for n in names
    ) == [".docx", ".json", ".xlsx"]
    figures = json.loads(next(folder.glob("*.json")).read_text(encoding="utf-8"))
    assert figures["totals"]["hazards_found"] == 5
