"""A district is read town by town: its report sums its towns' tallies, its check joins its
towns' problems. The figures must be exactly those of counting the whole district at once, and
after one town changes only that town is read."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from anquan_cli.api import rollup
from anquan_cli.api.figuring import question
from anquan_cli.stats.periods import Period, half, month, quarter, whole_year
from anquan_cli.stats.summary import summarize
from anquan_cli.stats.tallies import from_data, to_data
from anquan_cli.store import loader
from anquan_cli.store.district import scan_ledger
from anquan_cli.store.ledger import Ledger
from tests.conftest import Run
from tests.sharing.test_district import make_district, make_town

GENERATE = Path(__file__).parent.parent / "bench" / "generate.py"
SIZES = ("--inspections", "270", "--hazards", "540", "--seed", "5", "--patrols", "120")
REPORT = ("report", "--quarter", "4", "--year", "2024", "--format", "json")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three generated towns (units, inspections, hazards in every state, penalties, accidents,
    activities, plans), under a district whose settings list other villages and leaders."""
    root = tmp_path_factory.mktemp("rollup") / "district"
    subprocess.run(
        [sys.executable, GENERATE, root, "--towns", "3", "--enterprises", "90", *SIZES],
        check=True,
        capture_output=True,
    )
    with (root / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("villages: [新村, 东溪村]\nleaders: [区长甲, 区长乙]\n")
    return root


@pytest.mark.parametrize(
    "period",
    [
        quarter(2024, 4),
        quarter(2024, 1, as_of=date(2024, 2, 10)),
        half(2024, 2),
        whole_year(2023),
        month(2024, 6),
        quarter(2030, 1),
    ],
    ids=lambda period: f"{period.label}-{period.as_of}",
)
def test_the_sum_of_the_towns_is_the_whole_district_counted_at_once(
    generated: Path, period: Period
) -> None:
    book = Ledger.open(generated, use_cache=False)
    whole = summarize(
        [e.record for e in book.entries], period, settings=book.settings, town_of=book.town_of
    )
    scanned = scan_ledger(generated, book.settings)
    found = rollup.district_summary(
        scanned, period, question(period, date.today()), use_cache=False
    )
    assert found is not None
    summed = SimpleNamespace(data=found[0].to_dict())
    assert summed.data == whole.to_dict()
    assert list(summed.data["by_village"])[:2] == ["新村", "东溪村"]
    assert list(summed.data["by_town"]) == [
        "东溪镇",
        "西岭镇",
        "白云乡",
    ]  # as anquan.yaml lists them
    assert summed.data["leaders"]["区长乙"] == {
        kind: 0 for kind in summed.data["leaders"]["区长乙"]
    }


def test_a_town_tally_reads_back_as_it_was(generated: Path) -> None:
    from anquan_cli.stats.summary import tally

    book = Ledger.open(generated / "towns" / "dx", use_cache=False)
    counted = tally([e.record for e in book.entries], quarter(2024, 4), {"x": "东溪镇"})
    again = from_data(json.loads(json.dumps(to_data(counted))), quarter(2024, 4))
    assert again == counted
    with pytest.raises(ValueError):
        from_data({**to_data(counted), "units_total": "12"}, quarter(2024, 4))


@pytest.fixture
def district(tmp_path: Path, run: Run) -> tuple[Path, list[str], list[str]]:
    east = make_town(run, tmp_path / "towns" / "dongxi", "东溪镇", 2)
    west = make_town(run, tmp_path / "towns" / "xiling", "西岭镇", 1)
    return make_district(tmp_path / "district", ["../towns/dongxi", "../towns/xiling"]), east, west


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders of the ledgers loaded (through the cache or not), in order."""
    loaded: list[str] = []
    real = loader.load_entries

    def counting(town: Path, *args: object, **kwargs: object) -> object:
        loaded.append(town.name)
        return real(town, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("anquan_cli.store.ledger.load_entries", counting)
    return loaded


def test_a_district_report_reads_each_town_once_for_figures_and_check(
    district: tuple[Path, list[str], list[str]], run: Run, read: list[str]
) -> None:
    """With --no-cache nothing is remembered: the check the figures wait on is the one worked
    out while each town was loaded for its tally."""
    root, _, _ = district
    outcome = run(*REPORT, "--ledger", root, "--no-cache")
    assert outcome.code == 0, outcome.err
    assert sorted(read) == ["dongxi", "xiling"]


@pytest.mark.usefixtures("trust_fresh_files")
def test_after_one_town_changes_only_that_town_is_read(
    district: tuple[Path, list[str], list[str]], run: Run, read: list[str]
) -> None:
    root, east, _ = district
    first = run(*REPORT, "--ledger", root)
    assert first.code == 0, first.err
    assert read == ["dongxi", "xiling"]
    fixed = run("rectify", east[1], "--date", "2024-10-20", "--ledger", root.parent / "towns" / "dongxi")  # fmt: skip
    assert fixed.code == 0
    read.clear()
    again = run(*REPORT, "--ledger", root)
    assert again.code == 0, again.err
    assert read == ["dongxi"]
    before, after = json.loads(first.out), json.loads(again.out)
    assert (before["totals"]["hazards_rectified"], after["totals"]["hazards_rectified"]) == (0, 1)
    assert after["by_town"]["西岭镇"] == before["by_town"]["西岭镇"]


def test_a_town_failing_check_stops_the_report_naming_it(
    district: tuple[Path, list[str], list[str]], run: Run
) -> None:
    root, east, _ = district
    town = root.parent / "towns" / "dongxi"
    hazard = next((town / "hazards").rglob(f"{east[1]}.yaml"))
    hazard.write_text(hazard.read_text("utf-8").replace(east[0], "DX-E-2401-YJB99"), "utf-8")
    outcome = run(*REPORT, "--ledger", root)
    assert outcome.code == 1
    assert outcome.out == ""
    assert "台账未通过检查（1 个错误），不出统计数字" in outcome.err
    assert f"../towns/dongxi/{hazard.relative_to(town).as_posix()}:" in outcome.err
    assert "--allow-errors" in outcome.err


def test_a_record_two_towns_hold_is_named_not_counted_twice(
    district: tuple[Path, list[str], list[str]], run: Run
) -> None:
    root, east, _ = district
    source = next((root.parent / "towns" / "dongxi" / "hazards").rglob(f"{east[1]}.yaml"))
    copy = root.parent / "towns" / "xiling" / source.relative_to(root.parent / "towns" / "dongxi")
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, copy)
    outcome = run(*REPORT, "--ledger", root)
    assert outcome.code != 0
    assert f"记录编号 {east[1]} 同时出现在镇街" in outcome.err


@pytest.mark.usefixtures("trust_fresh_files")
def test_check_after_one_town_changes_reads_only_that_town(
    district: tuple[Path, list[str], list[str]], run: Run, read: list[str]
) -> None:
    root, _, _ = district
    assert run("check", "--ledger", root).code == 0
    assert read == ["dongxi", "xiling"]
    town = root.parent / "towns" / "xiling"
    hazard = next((town / "hazards").rglob("*.yaml"))
    hazard.write_text(hazard.read_text("utf-8") + "bogus: 1\n", "utf-8")
    read.clear()
    checked = run("check", "--ledger", root)
    assert read == ["xiling"]
    assert checked.code == 1
    assert f"../towns/xiling/{hazard.relative_to(town).as_posix()}:" in checked.out
    assert "bogus" in checked.out


def test_check_names_a_record_two_towns_hold_and_one_kept_in_the_district(
    district: tuple[Path, list[str], list[str]], run: Run
) -> None:
    root, east, _ = district
    towns = root.parent / "towns"
    source = next((towns / "dongxi" / "hazards").rglob(f"{east[1]}.yaml"))
    copy = towns / "xiling" / source.relative_to(towns / "dongxi")
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, copy)
    stray = root / source.relative_to(towns / "dongxi")
    stray.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, stray)
    checked = run("check", "--ledger", root)
    assert checked.code == 1
    shown = source.relative_to(towns / "dongxi").as_posix()
    assert (
        f"../towns/xiling/{shown}: 记录编号 {east[1]} 同时出现在镇街 ../towns/dongxi 和 ../towns/xiling 中"
        in checked.out.splitlines()
    )
    assert (
        f"{shown}: 区级台账不直接存放记录（不计入汇总）：请把它移到所属镇街的台账中" in checked.out
    )


def test_stats_of_a_district_is_the_same_summed_as_counted_whole(
    generated: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("stats", "--quarter", "4", "--year", "2024", "--ledger", generated, "--no-cache")
    summed = run(*args)
    monkeypatch.setattr(rollup, "district_summary", lambda *_, **__: None)
    whole = run(*args)
    assert summed.code == whole.code == 0
    assert "青山区 2024年第四季度" in summed.out
    towns = summed.out.split("分镇街", 1)[1].split("分行业领域", 1)[0]
    assert all(name in towns for name in ("东溪镇", "西岭镇", "白云乡"))
    assert summed.out == whole.out


@pytest.mark.usefixtures("trust_fresh_files")
def test_a_town_tally_memo_that_is_not_a_tally_is_counted_afresh(
    district: tuple[Path, list[str], list[str]], run: Run, read: list[str]
) -> None:
    import zlib

    root, _, _ = district
    first = run(*REPORT, "--ledger", root)
    assert first.code == 0, first.err
    (kept,) = (root.parent / "towns" / "xiling" / ".anquan" / "cache" / "memo").glob("town-tally-*")
    head, body = kept.read_bytes().split(b"\n", 1)
    value = json.loads(body)
    value["tally"]["totals"] = {"hazards_found": "很多"}
    body = json.dumps(value, ensure_ascii=False).encode()
    magic, key, _ = head.split(b" ")
    kept.write_bytes(b" ".join((magic, key, str(zlib.crc32(body)).encode())) + b"\n" + body)
    for memo in root.glob(".anquan/cache/memo/figures-*"):
        memo.unlink()
    read.clear()
    again = run(*REPORT, "--ledger", root)
    assert again.code == 0, again.err
    assert read == ["xiling"]
    assert again.out == first.out


def test_two_towns_villages_of_the_same_name_stay_apart_in_the_district(
    run: Run, tmp_path: Path
) -> None:
    for folder, town, hazards in (("dongxi", "东溪镇", 2), ("nanshan", "南山镇", 1)):
        ledger = tmp_path / "towns" / folder
        assert run("init", ledger, "--name", town).code == 0
        unit = run(
            "add-enterprise", "--name", f"{town}石材厂", "--sector", "工贸",
            "--village", "东溪村", "--ledger", ledger,
        )  # fmt: skip
        for n in range(hazards):
            found = run(
                "add-hazard", "-e", unit.value, "-d", f"隐患{n}", "--found", "2024-10-15",
                "--ledger", ledger,
            )  # fmt: skip
            assert found.code == 0, found.err
    root = make_district(tmp_path / "district", ["../towns/dongxi", "../towns/nanshan"])
    district = json.loads(run(*REPORT, "--ledger", root).out)
    found = {name: c["hazards_found"] for name, c in district["by_village"].items()}
    assert found == {"东溪镇东溪村": 2, "南山镇东溪村": 1}
    assert district["units"]["by_village"] == {"东溪镇东溪村": 1, "南山镇东溪村": 1}
    town = json.loads(run(*REPORT, "--ledger", tmp_path / "towns" / "nanshan").out)
    assert list(town["by_village"]) == ["东溪村"]
