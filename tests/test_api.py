"""anquan_cli.api: the Python library the command line is a client of."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import Run

ROOT = Path(__file__).parents[1]


def readme_example() -> str:
    """The Python block of README's "Python" section, exactly as printed there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found is not None
    return found.group(1)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of examples/dongxi, with the working directory where README's example runs."""
    shutil.copytree(ROOT / "examples" / "dongxi", tmp_path / "examples" / "dongxi")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "examples" / "dongxi"


def test_the_readme_example_runs_and_gives_what_report_json_prints(example: Path, run: Run) -> None:
    from anquan_cli.errors import Problem

    scope: dict[str, object] = {}
    exec(readme_example(), scope)
    fig, problems = scope["fig"], scope["problems"]
    printed = run(
        "report", "--year", "2024", "--quarter", "4", "--format", "json", "--ledger", example
    )
    assert printed.code == 0, printed.err
    assert fig == json.loads(printed.out)
    assert isinstance(problems, list)
    assert all(isinstance(p, Problem) for p in problems)
    checked = run("check", "--ledger", example)
    assert [p.render() for p in problems] == checked.out.splitlines()


def test_figures_of_a_ledger_failing_check_are_refused_as_a_value(example: Path) -> None:
    from anquan_cli import api

    hazard = next((example / "hazards").rglob("*.yaml"))
    hazard.write_text(
        hazard.read_text("utf-8").replace("description:", "describe:"), encoding="utf-8"
    )
    ledger = api.open_ledger(example)
    with pytest.raises(api.FailsCheck) as refused:
        api.figures(ledger, year=2024, quarter=4)
    assert refused.value.problems == [p for p in api.check(ledger) if p.is_error]
    assert refused.value.problems[0].path == hazard.relative_to(example).as_posix()
    allowed = api.count(ledger, api.period(year=2024, quarter=4), allow_errors=True)
    assert allowed.problems == refused.value.problems
    assert allowed.data["totals"]["hazards_found"] >= 0


def test_progress_is_a_callback_and_nothing_is_printed(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anquan_cli import api

    heard: list[tuple[int, int]] = []
    ledger = api.open_ledger(example, use_cache=False)
    api.count(ledger, api.period(year=2024, quarter=4), progress=lambda d, t: heard.append((d, t)))
    assert heard and heard[-1][0] == heard[-1][1]
    assert capsys.readouterr() == ("", "")
