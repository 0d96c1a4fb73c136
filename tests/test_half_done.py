"""No failure leaves work half-done (issue 18): a failed commit takes back what it wrote, a
killed import is finished or undone by the next command, init refuses a folder inside a
ledger, a ledger whose .git is gone is named as such, a prompt cancelled exits 130."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import Run


def _files(root: Path) -> dict[str, bytes]:
    """Every file of the ledger but its local state (.anquan: cache, lock) and git's."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).parts[0] not in (".anquan", ".git")
    }


GONE = " 已不是 git 仓库：.git 文件夹不见了"


def test_a_ledger_whose_git_is_gone_is_named_as_such(
    run: Run, unit: str, ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(ledger / ".git")
    before = _files(ledger)
    checked = run("check")
    assert checked.code == 0  # the records are all there: the missing history is a warning
    assert f".git: 警告：台账 {ledger}{GONE}" in checked.out
    assert "git clone" in checked.out and "git init" in checked.out
    for args in (
        ("add-enterprise", "--name", "东溪饭店", "--sector", "九小场所"),
        ("office", "set", "应急办"),
    ):
        outcome = run(*args)
        assert outcome.code == 2
        assert GONE in outcome.err
        assert "office set 办所名称，或设置环境变量" not in outcome.err
    monkeypatch.setenv("ANQUAN_OFFICE", "应急办")  # an office named, writes still refused
    outcome = run("add-enterprise", "--name", "东溪饭店", "--sector", "九小场所")
    assert outcome.code == 2
    assert GONE in outcome.err
    assert _files(ledger) == before


@pytest.mark.parametrize("inner", ["西岭镇台账", "hazards/2024", "notes/旧台账"])
def test_init_refuses_a_folder_inside_a_ledger(
    run: Run, unit: str, ledger: Path, inner: str
) -> None:
    before = _files(ledger)
    outcome = run("init", ledger / inner, "--name", "西岭镇")
    assert outcome.code == 2
    assert f"在台账 {ledger} 之中" in outcome.err
    assert not (ledger / inner / "anquan.yaml").exists()
    assert _files(ledger) == before
    assert run("check").code == 0


def test_towns_may_be_kept_inside_a_district_folder(run: Run, tmp_path: Path) -> None:
    district = tmp_path / "某区"
    district.mkdir()
    (district / "anquan.yaml").write_text(
        "name: 某区\ncode: MQ\ntowns:\n  - 东溪镇\n", encoding="utf-8"
    )
    assert run("init", district / "东溪镇", "--name", "东溪镇").code == 0
    assert run("check", "--ledger", district).code == 0
