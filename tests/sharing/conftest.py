"""Real git repositories in temp folders: a bare remote, clones, one office per clone."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import Run

Git = Callable[..., str]


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh CI machine has no git identity; the tests' own git commands need one."""
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "测试")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "test@example.com")


def git_in(folder: Path, *args: str, check: bool = True) -> str:
    """Run git directly (as a person would), returning stdout."""
    completed = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "core.quotepath=off", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    if check and completed.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {completed.stderr}")
    return completed.stdout


@dataclass
class Shared:
    """A town ledger pushed to a bare remote, with one registered unit."""

    remote: Path
    origin: Path
    unit: str
    tmp: Path
    run: Run

    def clone(self, name: str, office: str) -> Path:
        folder = self.tmp / name
        git_in(self.tmp, "clone", "-q", str(self.remote), str(folder))
        outcome = self.run("office", "set", office, "--ledger", folder)
        assert outcome.code == 0, outcome.err
        return folder

    def anquan(self, folder: Path, *args: str) -> str:
        outcome = self.run(*args, "--ledger", folder)
        assert outcome.code == 0, outcome.err
        return outcome.value


SETTINGS = """\
name: 东溪镇
code: DX
offices:
  - name: 应急办
    code: YJB
  - name: 经发办
"""


@pytest.fixture
def shared(tmp_path: Path, run: Run) -> Shared:
    origin = tmp_path / "origin"
    assert run("init", origin, "--name", "东溪镇").code == 0
    (origin / "anquan.yaml").write_text(SETTINGS, encoding="utf-8")
    git_in(origin, "commit", "-q", "-am", "增加办所 经发办")
    unit = run(
        "add-enterprise", "--name", "兴源化工有限公司", "--sector", "工贸", "--ledger", origin
    ).value
    remote = tmp_path / "remote.git"
    git_in(tmp_path, "init", "-q", "--bare", str(remote))
    git_in(origin, "remote", "add", "origin", str(remote))
    pushed = run("sync", "--ledger", origin)
    assert pushed.code == 0, pushed.err
    return Shared(remote, origin, unit, tmp_path, run)
