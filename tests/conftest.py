"""Shared fixtures: run the real command line in-process against ledgers in tmp_path."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from anquan_cli.cli.app import main


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def value(self) -> str:
        return self.out.strip()


Run = Callable[..., Outcome]


@pytest.fixture(autouse=True)
def quiet_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's git configuration or office setting."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("ANQUAN_OFFICE", raising=False)
    monkeypatch.delenv("ANQUAN_LEDGER", raising=False)


def runner(patch: pytest.MonkeyPatch) -> Run:
    """Run `anquan ARGS…` in this process, patching sys.argv through `patch`."""

    def invoke(*args: str | Path) -> Outcome:
        out, err = io.StringIO(), io.StringIO()
        patch.setattr(sys, "argv", ["anquan", *map(str, args)])
        code = 0
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main()
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else 1
        return Outcome(code, out.getvalue(), err.getvalue())

    return invoke


@pytest.fixture
def trust_fresh_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written a moment ago are normally neither cached nor remembered (racily clean);
    tests that write and read at once want the cache and memos used, on."""
    from anquan_cli.store import cache

    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(cache, "enabled", True)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run `anquan ARGS…` in this process; return exit code, stdout and stderr."""
    return runner(monkeypatch)


@pytest.fixture
def ledger(tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ledger 东溪镇, with the working directory inside it."""
    root = tmp_path / "dongxi"
    outcome = run("init", root, "--name", "东溪镇")
    assert outcome.code == 0, outcome.err
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def unit(run: Run, ledger: Path) -> str:
    """One registered unit, 兴源化工有限公司."""
    outcome = run(
        "add-enterprise",
        "--name",
        "兴源化工有限公司",
        "--sector",
        "危险化学品",
        "--credit-code",
        "91350100M000100Y30",
        "--village",
        "东溪村",
    )
    assert outcome.code == 0, outcome.err
    return outcome.value
