"""Issue 5's done-when, end to end through the command line on real git repositories."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run
from tests.sharing.conftest import Shared, git_in
from tests.sharing.test_district import make_district, make_town


def hazard(shared: Shared, clone: Path, what: str, n: int) -> str:
    return shared.anquan(
        clone,
        "add-hazard",
        "-e",
        shared.unit,
        "-d",
        f"{what}（{n + 1}）",
        "--found",
        f"2024-11-0{n + 1}",
        "--deadline",
        "2024-12-20",
    )


def q4_report(run: Run, ledger: Path) -> dict[str, object]:
    outcome = run(
        "report", "--quarter", "4", "--year", "2024", "--format", "json", "--ledger", ledger
    )
    assert outcome.code == 0, outcome.err
    data: dict[str, object] = json.loads(outcome.out)
    return data


def test_two_offices_share_one_ledger_and_a_district_sums_two_towns(
    shared: Shared, run: Run, tmp_path: Path
) -> None:
    yingji = shared.clone("yingji", "应急办")
    jingfa = shared.clone("jingfa", "经发办")
    ours: list[str] = []
    theirs: list[str] = []
    for n in range(5):  # the two offices write at the same time, neither having synced
        ours.append(hazard(shared, yingji, "配电箱未接地", n))
        theirs.append(hazard(shared, jingfa, "消防通道堵塞", n))
    shared.anquan(yingji, "rectify", ours[0], "--date", "2024-11-10", "--note", "已重新接地")

    for clone in (yingji, jingfa, yingji):
        synced = run("sync", "--ledger", clone)
        assert synced.code == 0, synced.err
        assert "冲突" not in synced.err

    assert len(set(ours) | set(theirs)) == 10
    assert git_in(yingji, "rev-parse", "HEAD") == git_in(jingfa, "rev-parse", "HEAD")
    for clone in (yingji, jingfa):
        checked = run("check", "--ledger", clone)
        assert (checked.code, checked.out) == (0, ""), checked.out
        totals = q4_report(run, clone)["totals"]
        assert isinstance(totals, dict)
        assert (totals["hazards_found"], totals["hazards_rectified"], totals["hazards_open"]) == (
            10,
            1,
            9,
        )

    history = run("log", ours[0], "--ledger", jingfa)
    assert history.code == 0, history.err
    assert f"应急办  隐患 {ours[0]} 已整改" in history.out
    assert "状态：整改中 → 已整改" in history.out

    marked = jingfa / "hazards" / "2024" / f"{theirs[1]}.yaml"
    text = marked.read_text(encoding="utf-8")
    marked.write_text(f"<<<<<<< HEAD\n{text}=======\n{text}>>>>>>> origin/main\n", encoding="utf-8")
    flagged = run("check", "--ledger", jingfa)
    assert flagged.code == 1
    assert flagged.out.startswith(f"hazards/2024/{theirs[1]}.yaml:1: 冲突")

    make_town(run, tmp_path / "xiling", "西岭镇", 2)
    district = make_district(tmp_path / "district", ["../yingji", "../xiling"])
    summed = q4_report(run, district)
    assert summed["totals"]["hazards_found"] == 12  # type: ignore[index]
    by_town = summed["by_town"]
    assert isinstance(by_town, dict)
    assert {town: c["hazards_found"] for town, c in by_town.items()} == {"东溪镇": 10, "西岭镇": 2}
    assert by_town["东溪镇"]["hazards_rectified"] == 1
