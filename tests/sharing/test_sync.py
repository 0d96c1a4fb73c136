"""Two offices, two clones, one bare remote: sync merges their work and never drops any."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run
from tests.sharing.conftest import Shared, git_in


def add_five_hazards(shared: Shared, clone: Path, what: str) -> list[str]:
    return [
        shared.anquan(
            clone,
            "add-hazard",
            "-e",
            shared.unit,
            "-d",
            f"{what}{n}",
            "--found",
            f"2024-10-1{n}",
            "--deadline",
            "2024-11-30",
        )
        for n in range(5)
    ]


def test_two_offices_work_at_once_and_merge_without_conflict(shared: Shared, run: Run) -> None:
    a = shared.clone("yingji", "应急办")
    b = shared.clone("jingfa", "经发办")
    ours = add_five_hazards(shared, a, "配电箱未接地")
    theirs = add_five_hazards(shared, b, "消防通道堵塞")
    shared.anquan(a, "rectify", ours[0], "--date", "2024-10-20")
    shared.anquan(b, "rectify", theirs[0], "--date", "2024-10-21")

    for clone in (a, b, a):
        outcome = run("sync", "--ledger", clone)
        assert outcome.code == 0, outcome.err

    assert git_in(a, "rev-parse", "HEAD") == git_in(b, "rev-parse", "HEAD")
    assert len(set(ours + theirs)) == 10
    for clone in (a, b):
        listed = json.loads(shared.anquan(clone, "list", "hazards", "--format", "json"))
        assert sorted(h["id"] for h in listed) == sorted(ours + theirs)
        assert sum(h["status"] == "已整改" for h in listed) == 2
        checked = run("check", "--ledger", clone)
        assert checked.code == 0 and checked.out == "", checked.out
        assert git_in(clone, "status", "--porcelain") == ""
    subjects = git_in(a, "log", "--format=%s").splitlines()
    assert any(s.startswith("同步：合并远程 origin/main") for s in subjects)
    assert f"隐患 {theirs[0]} 已整改" in subjects


def test_sync_when_nothing_changed_says_so(shared: Shared, run: Run) -> None:
    outcome = run("sync", "--ledger", shared.origin)
    assert outcome.code == 0
    assert "已是最新" in outcome.err


def rectify_same_hazard_in_two_clones(shared: Shared) -> tuple[Path, Path, str]:
    hazard = shared.anquan(
        shared.origin,
        "add-hazard",
        "-e",
        shared.unit,
        "-d",
        "配电箱未接地",
        "--found",
        "2024-10-15",
        "--deadline",
        "2024-11-30",
    )
    shared.anquan(shared.origin, "sync")
    a = shared.clone("yingji", "应急办")
    b = shared.clone("jingfa", "经发办")
    shared.anquan(a, "rectify", hazard, "--date", "2024-10-20", "--note", "已接地")
    shared.anquan(b, "rectify", hazard, "--date", "2024-10-22", "--note", "更换配电箱")
    shared.anquan(a, "sync")
    return a, b, hazard


def test_a_real_conflict_stops_names_the_record_and_keeps_both_versions(
    shared: Shared, run: Run
) -> None:
    _, b, hazard = rectify_same_hazard_in_two_clones(shared)
    outcome = run("sync", "--ledger", b)
    assert outcome.code == 1
    assert "冲突" in outcome.err and hazard in outcome.err
    assert "anquan sync --abort" in outcome.err
    [path] = list(b.glob(f"hazards/*/{hazard}.yaml"))
    text = path.read_text(encoding="utf-8")
    assert "已接地" in text and "更换配电箱" in text and "<<<<<<<" in text

    checked = run("check", "--ledger", b)
    assert checked.code == 1
    assert f"hazards/2024/{hazard}.yaml" in checked.out and "冲突" in checked.out

    refused = run("add-hazard", "-e", shared.unit, "-d", "新隐患", "--ledger", b)
    assert refused.code == 1 and "冲突" in refused.err
    assert len(list(b.glob("hazards/*/*.yaml"))) == 1

    still = run("sync", "--ledger", b)
    assert still.code == 1 and "仍未解决" in still.err


def test_resolving_the_conflict_then_sync_finishes_the_merge_and_pushes(
    shared: Shared, run: Run
) -> None:
    a, b, hazard = rectify_same_hazard_in_two_clones(shared)
    assert run("sync", "--ledger", b).code == 1
    git_in(b, "checkout", "--theirs", "--", f"hazards/2024/{hazard}.yaml")
    done = run("sync", "--ledger", b)
    assert done.code == 0, done.err
    assert run("sync", "--ledger", a).code == 0
    assert git_in(a, "rev-parse", "HEAD") == git_in(b, "rev-parse", "HEAD")
    assert "已接地" in (a / f"hazards/2024/{hazard}.yaml").read_text(encoding="utf-8")
    assert run("check", "--ledger", b).code == 0


def test_abort_puts_the_clone_back_as_before_the_pull(shared: Shared, run: Run) -> None:
    _, b, hazard = rectify_same_hazard_in_two_clones(shared)
    before = git_in(b, "rev-parse", "HEAD")
    assert run("sync", "--ledger", b).code == 1
    aborted = run("sync", "--abort", "--ledger", b)
    assert aborted.code == 0, aborted.err
    assert git_in(b, "rev-parse", "HEAD") == before
    assert git_in(b, "status", "--porcelain") == ""
    assert "更换配电箱" in (b / f"hazards/2024/{hazard}.yaml").read_text(encoding="utf-8")


def test_sync_says_when_the_merged_ledger_has_errors(shared: Shared, run: Run) -> None:
    other = shared.clone("jingfa", "经发办")
    hazard = shared.anquan(other, "add-hazard", "-e", shared.unit, "-d", "配电箱未接地")
    shared.anquan(other, "sync")
    # meanwhile 应急办 struck the unit out by hand, so the merged hazard points at nothing
    git_in(shared.origin, "rm", "-q", f"enterprises/{shared.unit}.yaml")
    git_in(shared.origin, "commit", "-q", "-m", "删除单位")
    outcome = run("sync", "--ledger", shared.origin)
    assert outcome.code == 0, outcome.err
    assert "提示：合并后台账有 1 个错误" in outcome.err and hazard in outcome.err


def test_two_offices_with_one_id_code_are_stopped_before_their_records_clash(
    shared: Shared, run: Run
) -> None:
    # Neither is listed in anquan.yaml: both take their pinyin initials, DXC, as their code.
    east = shared.clone("dongxi", "东溪村")
    west = shared.clone("daxi", "大溪村")
    found = ("-e", shared.unit, "-d", "配电箱未接地", "--found", "2024-10-05")
    ours = shared.anquan(east, "add-hazard", *found)
    theirs = shared.anquan(west, "add-hazard", *found)
    assert ours == theirs == "DX-H-2410-DXC01"
    assert run("sync", "--ledger", east).code == 0

    stopped = run("sync", "--ledger", west)
    assert stopped.code == 1
    assert (
        f"办所“东溪村”新建的记录（如 {ours}）也使用编号代码 DXC，与本副本的办所“大溪村”相同"
        in stopped.err
    )
    assert git_in(west, "status", "--porcelain") == ""  # nothing merged, nothing lost
    assert theirs in git_in(west, "log", "-1", "--format=%s")  # its own commit, no merge

    third = shared.tmp / "daxi2"
    git_in(shared.tmp, "clone", "-q", str(shared.remote), str(third))
    refused = run("office", "set", "大溪村", "--ledger", third)
    assert refused.code == 1
    assert "也使用编号代码 DXC" in refused.err
    assert git_in(third, "config", "--get", "anquan.office", check=False) == ""


def test_a_record_changed_here_but_deleted_there_is_not_resolved_by_syncing_again(
    shared: Shared, run: Run
) -> None:
    hazard = shared.anquan(
        shared.origin,
        "add-hazard",
        "-e",
        shared.unit,
        "-d",
        "配电箱未接地",
        "--found",
        "2024-10-15",
    )
    shared.anquan(shared.origin, "sync")
    a = shared.clone("yingji", "应急办")
    b = shared.clone("jingfa", "经发办")
    [path] = [p.relative_to(a).as_posix() for p in a.glob(f"hazards/*/{hazard}.yaml")]
    git_in(b, "rm", "-q", path)
    git_in(b, "commit", "-q", "-m", "删除隐患")
    shared.anquan(b, "sync")
    shared.anquan(a, "rectify", hazard, "--date", "2024-10-20")

    stopped = run("sync", "--ledger", a)
    assert stopped.code == 1
    assert f"{hazard}（{path}）：远程删除了此文件，本副本改动了它" in stopped.err
    assert "git add 文件" in stopped.err and "git rm 文件" in stopped.err

    checked = run("check", "--ledger", a)
    assert checked.code == 1
    assert f"{path}: 合并冲突未解决" in checked.out

    again = run("sync", "--ledger", a)
    assert again.code == 1 and "冲突仍未解决" in again.err
    assert git_in(a, "ls-files", "-u") != ""
    assert shared.anquan(b, "sync").startswith("同步完成：收到 0")
    assert not (b / path).exists()

    git_in(a, "rm", "-q", path)
    done = run("sync", "--ledger", a)
    assert done.code == 0, done.err
    assert not (a / path).exists()


def test_sync_as_json_counts_what_was_received_and_sent(shared: Shared, run: Run) -> None:
    a = shared.clone("yingji", "应急办")
    b = shared.clone("jingfa", "经发办")
    add_five_hazards(shared, a, "配电箱未接地")
    sent = run("sync", "--format", "json", "--ledger", a)
    assert sent.code == 0, sent.err
    pushed = json.loads(sent.out)
    assert set(pushed) == {
        "aborted",
        "remote",
        "branch",
        "received",
        "sent",
        "merged",
        "errors_after_merge",
    }
    assert (pushed["remote"], pushed["branch"], pushed["received"]) == ("origin", "main", 0)
    assert pushed["sent"] >= 1 and pushed["merged"] is False and pushed["aborted"] is False
    received = json.loads(run("sync", "--format", "json", "--ledger", b).out)
    assert (received["received"], received["sent"]) == (pushed["sent"], 0)
    assert received["errors_after_merge"] == 0
