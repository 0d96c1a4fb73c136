"""Shell completion: the scripts, and what they complete from the ledger without reading it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from anquan_cli.model.enums import RecordKind
from anquan_cli.store.completion import record_ids, unit_names
from tests.conftest import Run

BIN = Path(sys.executable).parent


def completions(cwd: Path, *words: str, shell: str = "bash") -> list[str]:
    """What `anquan` answers the bash script for a command line ending in words[-1]."""
    env = {
        **os.environ,
        "_ANQUAN_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": " ".join(("anquan", *words)),
        "COMP_CWORD": str(len(words)),
    }
    done = subprocess.run(
        [sys.executable, "-m", "anquan_cli"], cwd=cwd, env=env, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8").split()


@pytest.fixture
def cached(run: Run, unit: str, ledger: Path, trust_fresh_files: None) -> str:
    """The unit, its name in the ledger's cache as any full read leaves it."""
    assert run("list", "enterprises").code == 0
    return unit


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_each_shells_script_asks_anquan_for_candidates(run: Run, shell: str) -> None:
    outcome = run("completion", shell)
    assert outcome.code == 0, outcome.err
    assert "_ANQUAN_COMPLETE" in outcome.out and "anquan" in outcome.out


def test_an_unknown_shell_is_refused_with_the_choices(run: Run) -> None:
    outcome = run("completion", "tcsh")
    assert outcome.code == 2 and "bash" in outcome.err and "powershell" in outcome.err


def test_commands_options_and_record_kinds_complete(ledger: Path) -> None:
    assert completions(ledger, "rec") == ["rectify"]
    assert "completion" in completions(ledger, "")
    assert completions(ledger, "list", "haz") == ["hazards"]
    assert completions(ledger, "import", "x.csv", "--kind", "pe") == ["penalties"]
    assert "--no-cache" in completions(ledger, "export", "--no")


def test_a_unit_completes_by_name_short_name_or_id(run: Run, cached: str, ledger: Path) -> None:
    assert run("add-enterprise", "--name", "兴隆超市", "--short-name", "兴隆").code == 0
    assert completions(ledger, "add-hazard", "-e", "兴源") == ["兴源化工有限公司"]
    assert completions(ledger, "add-hazard", "--enterprise", cached.lower()) == [cached]


def test_ids_complete_for_the_kind_the_parameter_takes(run: Run, cached: str, ledger: Path) -> None:
    hazard = run("add-hazard", "-e", cached, "-d", "配电箱未接地", "--found", "2024-10-08").value
    inspection = run("add-inspection", "-e", cached, "--date", "2024-10-08").value
    assert completions(ledger, "rectify", "DX") == [hazard]
    assert completions(ledger, "add-penalty", "--inspection", "") == [inspection]
    assert sorted(completions(ledger, "show", "DX-")) == sorted([cached, hazard, inspection])


def test_the_ledger_named_before_the_command_is_the_one_completed(
    cached: str, ledger: Path, tmp_path: Path
) -> None:
    assert completions(tmp_path, "show", "DX") == []  # outside any ledger: nothing, no error
    assert completions(tmp_path, "--ledger", str(ledger), "show", "DX") == [cached]
    assert completions(tmp_path, "show", "--ledger", str(ledger), "DX") == [cached]


def test_a_name_whose_file_changed_since_it_was_cached_is_not_offered(
    cached: str, ledger: Path
) -> None:
    path = ledger / "enterprises" / f"{cached}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("兴源化工有限公司", "兴源新材料有限公司"),
        encoding="utf-8",
    )
    assert unit_names(ledger) == []
    assert record_ids(ledger, [RecordKind.ENTERPRISE]) == [cached]
    assert completions(ledger, "add-hazard", "-e", "兴源") == []
    assert completions(ledger, "add-hazard", "-e", "DX") == [cached]  # IDs still complete


def test_a_name_looked_up_by_a_command_completes_from_the_name_index(
    run: Run, unit: str, ledger: Path, trust_fresh_files: None
) -> None:
    assert run("add-hazard", "-e", "兴源", "-d", "配电箱未接地", "--no-commit").code == 0
    for shard in (ledger / ".anquan" / "cache").glob("enterprises*.json"):
        shard.unlink()
    assert [u.name for u in unit_names(ledger)] == ["兴源化工有限公司"]


def test_completing_reads_no_record_file_and_no_yaml_library(cached: str, ledger: Path) -> None:
    code = (
        "import sys, json\n"
        "sys.argv = ['anquan']\n"
        "from anquan_cli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {
        **os.environ,
        "_ANQUAN_COMPLETE": "complete_bash",
        "COMP_WORDS": "anquan add-hazard -e 兴源",
        "COMP_CWORD": "3",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ledger, env=env, capture_output=True, check=False
    )
    assert done.stdout.decode().split() == ["兴源化工有限公司"]
    modules = set(json.loads(done.stderr.decode().splitlines()[-1]))
    loaded = {m for m in modules if m.split(".")[0] in ("yaml", "ruamel", "pypinyin")}
    assert loaded == set()
    assert not modules & {"anquan_cli.store.loader", "anquan_cli.model.records"}


def test_bash_completes_a_unit_name_at_the_prompt(
    run: Run, cached: str, ledger: Path, tmp_path: Path
) -> None:
    """A real bash, driven through a pseudo-terminal: the script as README installs it."""
    script = tmp_path / "anquan.bash"
    script.write_text(run("completion", "bash").out, encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PS1": "$ ",
        "INPUTRC": str(tmp_path / "no-inputrc"),
    }
    bash = pexpect.spawn(
        "bash", ["--norc", "--noprofile"], cwd=str(ledger), env=env, encoding="utf-8", timeout=30
    )
    try:
        bash.sendline(f"source {script}; echo READY")
        bash.expect_exact("READY\r\n")
        bash.send("anquan add-hazard -e 兴源\t")
        bash.expect_exact("兴源化工有限公司")
        bash.send("\x15")  # clear the line
        bash.send("anquan rect\t")
        bash.expect_exact("rectify")
    finally:
        bash.sendcontrol("c")
        bash.close(force=True)
