"""The district: anquan.yaml lists towns; reading it reads them all, and names any bad one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anquan_cli.store.ledger import Ledger
from tests.conftest import Run


def make_town(run: Run, folder: Path, name: str, hazards: int) -> list[str]:
    assert run("init", folder, "--name", name).code == 0
    unit = run("add-enterprise", "--name", f"{name}化工厂", "--sector", "工贸", "--ledger", folder)
    ids = [unit.value]
    for n in range(hazards):
        ids.append(
            run(
                "add-hazard",
                "-e",
                unit.value,
                "-d",
                f"隐患{n}",
                "--found",
                "2024-10-15",
                "--deadline",
                "2024-11-30",
                "--ledger",
                folder,
            ).value
        )
    return ids


def make_district(folder: Path, towns: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    listed = "".join(f"  - {t}\n" for t in towns)
    (folder / "anquan.yaml").write_text(f"name: 某区\ncode: MQ\ntowns:\n{listed}", encoding="utf-8")
    return folder


@pytest.fixture
def district(tmp_path: Path, run: Run) -> tuple[Path, list[str], list[str]]:
    east = make_town(run, tmp_path / "towns" / "dongxi", "东溪镇", 3)
    west = make_town(run, tmp_path / "towns" / "xiling", "西岭镇", 2)
    root = make_district(
        tmp_path / "district", ["../towns/dongxi", str(tmp_path / "towns" / "xiling")]
    )
    return root, east, west


def test_a_district_reads_as_the_union_of_its_towns(
    district: tuple[Path, list[str], list[str]], run: Run
) -> None:
    root, east, west = district
    listed = json.loads(run("list", "hazards", "--format", "json", "--ledger", root).out)
    assert sorted(h["id"] for h in listed) == sorted(east[1:] + west[1:])
    book = Ledger.open(root)
    assert [p.settings.name for p in book.parts] == ["东溪镇", "西岭镇"]
    assert {book.town_of[i] for i in east} == {"东溪镇"}
    assert {book.town_of[i] for i in west} == {"西岭镇"}
    assert book.path_of[east[1]] == f"../towns/dongxi/hazards/2024/{east[1]}.yaml"
    assert book.locate(west[1]) == (book.parts[1].root, f"hazards/2024/{west[1]}.yaml")
    shown = run("show", east[0], "--ledger", root)
    assert shown.code == 0 and "新增单位" in shown.out  # its history read from the town's git


def test_stats_and_export_work_across_the_towns(
    district: tuple[Path, list[str], list[str]], run: Run, tmp_path: Path
) -> None:
    root, _, _ = district
    glance = run("stats", "--quarter", "4", "--year", "2024", "--ledger", root)
    assert glance.code == 0, glance.err
    book = tmp_path / "区台账.xlsx"
    exported = run("export", "--ledger", root, "-o", book)
    assert exported.code == 0, exported.err
    from openpyxl import load_workbook

    hazards = next(s for s in load_workbook(book).worksheets if "隐患" in s.title)
    text = "\n".join(str(c.value) for row in hazards.iter_rows() for c in row if c.value)
    assert "东溪镇化工厂" in text and "西岭镇化工厂" in text


def test_check_on_a_district_checks_each_town_and_names_the_file(
    district: tuple[Path, list[str], list[str]], run: Run
) -> None:
    root, east, _ = district
    assert run("check", "--ledger", root).code == 0
    broken = root.parent / "towns" / "dongxi" / "hazards" / "2024" / f"{east[1]}.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("2024-10-15", "2024-02-30", 1))
    checked = run("check", "--ledger", root)
    assert checked.code == 1
    assert f"../towns/dongxi/hazards/2024/{east[1]}.yaml" in checked.out

    listed = run("list", "hazards", "--ledger", root)
    assert listed.code == 1
    assert "东溪镇（../towns/dongxi）1 个错误" in listed.err
    assert len(listed.err.strip().splitlines()) == 1


def test_a_missing_town_is_named_with_its_line_in_anquan_yaml(
    district: tuple[Path, list[str], list[str]], run: Run, tmp_path: Path
) -> None:
    root, _, _ = district
    make_district(root, ["../towns/dongxi", "../towns/nanshan"])
    for command in (("list", "hazards"), ("check",)):
        outcome = run(*command, "--ledger", root)
        assert outcome.code == 1
        assert outcome.err.strip() == (
            "错误：anquan.yaml:5: 镇街台账 ../towns/nanshan 不存在"
            f"（找不到 {tmp_path / 'towns' / 'nanshan' / 'anquan.yaml'}）"
        )


def test_two_towns_with_one_code_are_refused_naming_both(run: Run, tmp_path: Path) -> None:
    make_town(run, tmp_path / "a", "东溪镇", 1)
    make_town(run, tmp_path / "b", "东西镇", 1)
    root = make_district(tmp_path / "d", ["../a", "../b"])
    outcome = run("list", "hazards", "--ledger", root)
    assert outcome.code == 1
    assert "“东溪镇”（../a）与“东西镇”（../b）的编号代码都是 DX" in outcome.err


def test_records_are_not_written_into_a_district(
    district: tuple[Path, list[str], list[str]], run: Run
) -> None:
    root, _, _ = district
    outcome = run("add-enterprise", "--name", "某厂", "--ledger", root)
    assert outcome.code == 2 and "区级台账" in outcome.err
    assert not (root / "enterprises").exists()


def test_a_district_closes_a_period_and_later_names_the_town_records_changed(
    district: tuple[Path, list[str], list[str]], run: Run
) -> None:
    import time

    from tests.sharing.conftest import git_in

    root, east, _ = district
    git_in(root, "init", "-q")
    git_in(root, "add", "anquan.yaml")
    git_in(root, "commit", "-q", "-m", "区级台账")
    assert run("office", "set", "区安委办", "--ledger", root).code == 0
    closed = run("close", "--quarter", "4", "--year", "2024", "--ledger", root)
    assert closed.code == 0, closed.err
    filed = json.loads((root / "closed" / "2024-Q4.json").read_text(encoding="utf-8"))
    assert filed["figures"]["by_town"]["西岭镇"]["hazards_found"] == 2

    time.sleep(1.1)  # git dates are in seconds: the town's change must come after the close
    town = root.parent / "towns" / "dongxi"
    assert run("rectify", east[1], "--date", "2024-12-01", "--ledger", town).code == 0
    report = run("report", "--quarter", "4", "--year", "2024", "--format", "json", "--ledger", root)
    assert report.code == 0, report.err
    assert "已整改 0→1" in report.err and f"{east[1]}（修改）" in report.err


def test_a_district_load_reports_progress_over_all_its_towns_files(
    district: tuple[Path, list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from anquan_cli.store import cache

    monkeypatch.setattr(cache, "RACY_NS", 0)
    root, east, west = district
    heard: list[tuple[int, int]] = []
    Ledger.open(root, progress=lambda done, total: heard.append((done, total)))
    files = len(east) + len(west)
    assert heard[-1] == (files, files)
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    heard.clear()
    Ledger.open(root, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(len(east), files), (files, files)]  # from the cache: town by town
