"""Bad input for sharing: one Chinese line, a non-zero exit, and the ledger as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.sharing.conftest import Shared, git_in


def files_of(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if ".git" not in p.parts
    )


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_sync_outside_a_git_repository_says_so(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "plain"
    assert run("init", root, "--name", "东溪镇").code == 0
    shutil.rmtree(root / ".git")
    outcome = run("sync", "--ledger", root)
    assert outcome.code == 2
    assert "不是 git 仓库" in one_line(outcome.err)


def test_sync_without_a_remote_says_how_to_add_one(ledger: Path, run: Run) -> None:
    outcome = run("sync")
    assert outcome.code == 2
    assert "git remote add origin" in one_line(outcome.err)


def test_git_missing_stops_a_write_before_anything_is_written(
    run: Run, unit: str, ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_of(ledger)
    empty = tmp_path / "nobin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    outcome = run("add-hazard", "-e", unit, "-d", "配电箱未接地")
    assert outcome.code == 1
    assert "找不到 git 命令" in one_line(outcome.err)
    assert files_of(ledger) == before
    assert run("sync").code == 1
    assert run("log", unit).code == 1


def test_init_without_git_writes_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    outcome = run("init", tmp_path / "new", "--name", "东溪镇")
    assert outcome.code == 1 and "找不到 git 命令" in one_line(outcome.err)
    assert not (tmp_path / "new").exists()


def test_detached_head_refuses_writes_and_sync(run: Run, unit: str, ledger: Path) -> None:
    git_in(ledger, "checkout", "-q", "--detach")
    before = files_of(ledger)
    outcome = run("add-hazard", "-e", unit, "-d", "配电箱未接地")
    assert outcome.code == 1 and "detached HEAD" in one_line(outcome.err)
    assert files_of(ledger) == before
    synced = run("sync")
    assert synced.code == 1 and "detached HEAD" in one_line(synced.err)


def test_a_refused_push_is_one_line_and_keeps_the_local_work(shared: Shared, run: Run) -> None:
    hook = shared.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'denied by policy' >&2\nexit 1\n")
    hook.chmod(0o755)
    hazard = shared.anquan(shared.origin, "add-hazard", "-e", shared.unit, "-d", "配电箱未接地")
    outcome = run("sync", "--ledger", shared.origin)
    assert outcome.code == 1
    assert "推送" in one_line(outcome.err)
    assert hazard in git_in(shared.origin, "log", "-1", "--format=%s")
    assert hazard not in git_in(shared.remote, "log", "-1", "--format=%s")


def test_a_push_overtaken_by_another_office_asks_to_sync_again(
    shared: Shared, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anquan_cli.store import sync

    other = shared.clone("jingfa", "经发办")
    shared.anquan(shared.origin, "add-hazard", "-e", shared.unit, "-d", "配电箱未接地")
    real_push = sync._push

    def overtaken(root: Path, *args: str) -> None:
        shared.anquan(other, "add-hazard", "-e", shared.unit, "-d", "消防通道堵塞")
        git_in(other, "push", "-q", "origin", "HEAD:main")
        real_push(root, *args)

    monkeypatch.setattr(sync, "_push", overtaken)
    outcome = run("sync", "--ledger", shared.origin)
    assert outcome.code == 1
    assert "再运行一次 anquan sync" in one_line(outcome.err)
    monkeypatch.setattr(sync, "_push", real_push)
    assert run("sync", "--ledger", shared.origin).code == 0


def test_uncommitted_changes_stop_sync_and_are_named(shared: Shared, run: Run) -> None:
    hazard = run(
        "add-hazard",
        "-e",
        shared.unit,
        "-d",
        "配电箱未接地",
        "--found",
        "2024-10-15",
        "--ledger",
        shared.origin,
    ).value
    shared.anquan(shared.origin, "rectify", hazard, "--date", "2024-12-01", "--no-commit")
    outcome = run("sync", "--ledger", shared.origin)
    assert outcome.code == 1
    assert hazard in one_line(outcome.err) and "未提交" in outcome.err


def test_abort_without_a_merge_is_a_usage_error(shared: Shared, run: Run) -> None:
    outcome = run("sync", "--abort", "--ledger", shared.origin)
    assert outcome.code == 2 and "没有正在进行的合并" in one_line(outcome.err)


def test_office_setting_lives_in_the_clone_and_is_never_committed(shared: Shared) -> None:
    clone = shared.clone("anjian", "安监站")
    assert git_in(clone, "config", "--local", "anquan.office").strip() == "安监站"
    assert git_in(clone, "status", "--porcelain") == ""
    tracked = git_in(clone, "ls-files").splitlines()
    assert all("安监站" not in (clone / name).read_text(encoding="utf-8") for name in tracked)
    hazard = shared.anquan(clone, "add-hazard", "-e", shared.unit, "-d", "配电箱未接地")
    assert "-AJZ" in hazard
    assert "Anquan-Office: 安监站" in git_in(clone, "log", "-1", "--format=%B")


def test_office_set_warns_when_the_office_is_not_listed(shared: Shared, run: Run) -> None:
    outcome = run("office", "set", "安监站", "--ledger", shared.origin)
    assert outcome.code == 0 and outcome.value == "安监站"
    assert "不在 anquan.yaml 的 offices 列表中（应急办、经发办）" in outcome.err
    listed = run("office", "set", "经发办", "--ledger", shared.origin)
    assert listed.code == 0 and listed.err == ""


def test_two_listed_offices_with_one_code_are_refused_before_writing(
    shared: Shared, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = shared.origin / "anquan.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "  - name: 经费办\n", encoding="utf-8"
    )
    unclashed = run(
        "add-hazard", "-e", shared.unit, "-d", "配电箱未接地", "--ledger", shared.origin
    )
    assert unclashed.code == 0, unclashed.err  # 应急办's own code YJB is unique
    clash = run("office", "set", "经发办", "--ledger", shared.origin)
    assert clash.code == 1
    assert "办所“经发办”与“经费办”的编号代码都是 JFB" in one_line(clash.err)
    monkeypatch.setenv("ANQUAN_OFFICE", "经发办")
    clash = run("add-hazard", "-e", shared.unit, "-d", "配电箱未接地", "--ledger", shared.origin)
    assert clash.code == 1
    assert "办所“经发办”与“经费办”的编号代码都是 JFB" in one_line(clash.err)
    assert [p.stem for p in shared.origin.glob("hazards/*/*.yaml")] == [unclashed.value]


def test_an_unreachable_remote_is_one_line_and_changes_nothing(shared: Shared, run: Run) -> None:
    shutil.rmtree(shared.remote)
    before = git_in(shared.origin, "rev-parse", "HEAD")
    outcome = run("sync", "--ledger", shared.origin)
    assert outcome.code == 1
    assert one_line(outcome.err).startswith("错误：无法从远程仓库 origin 取回")
    assert git_in(shared.origin, "rev-parse", "HEAD") == before
