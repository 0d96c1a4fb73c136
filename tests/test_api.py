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


def test_records_added_and_changed_through_the_api_are_the_commands_records(
    ledger: Path, run: Run
) -> None:
    from datetime import date

    from anquan_cli import api

    book = api.open_ledger(ledger)
    unit = api.add_enterprise(book, name="兴源化工有限公司", sector="危险化学品")
    hazard = api.add_hazard(
        book,
        enterprise=unit.id,
        description="消防通道堵塞",
        found=date(2024, 10, 8),
        deadline=date(2024, 10, 20),
    )
    assert api.rectify(book, hazard.id, date(2024, 10, 12), by="王五").status.value == "已整改"
    assert api.verify(book, hazard.id, date(2024, 10, 15), "张伟").status.value == "已销号"
    assert api.check(api.open_ledger(ledger)) == []
    shown = json.loads(run("show", hazard.id, "--format", "json").out)
    assert [step["action"] for step in shown["history"]] == ["发现", "整改", "验收通过", "销号"]
    totals = api.figures(api.open_ledger(ledger), year=2024, quarter=4)["totals"]
    assert (totals["hazards_found"], totals["hazards_closed"]) == (1, 1)
    with pytest.raises(api.UsageError, match="已销号"):
        api.rectify(book, hazard.id, date(2024, 10, 16))
    with pytest.raises(api.UsageError):
        api.add_hazard(book, enterprise=unit.id, description="", found=date(2024, 10, 8))


def test_the_readme_writing_example_adds_what_the_commands_add(ledger: Path, run: Run) -> None:
    """README's second Python block: records added through the api, as add- writes them."""
    from datetime import date

    from anquan_cli import api

    text = (ROOT / "README.md").read_text(encoding="utf-8").split("## Python", 1)[1]
    block = re.findall(r"```python\n(.*?)```", text, re.DOTALL)[1]
    scope: dict[str, object] = {"api": api, "date": date, "ledger": api.open_ledger(ledger)}
    exec(block, scope)
    hazard = scope["hazard"]
    shown = json.loads(run("show", hazard.id, "--format", "json").out)  # type: ignore[attr-defined]
    assert (shown["description"], shown["deadline"]) == ("消防通道堵塞", "2024-10-20")
    assert run("check").code == 0
    with pytest.raises(api.UsageError, match="已登记"):
        exec(block, scope)  # the same unit twice


def test_a_workbook_is_planned_and_imported_through_the_api(
    example: Path, ledger: Path, run: Run, tmp_path: Path
) -> None:
    """The api exports, plans and imports as `export` and `import` do: a dry run writes
    nothing, the import writes every record in one go, and again finds them all there."""
    from datetime import date

    from anquan_cli import api

    book = api.open_ledger(example)
    target = tmp_path / "台账.xlsx"
    api.write_workbook(book, target, None, date(2024, 12, 31), today=date(2024, 12, 31))
    tables = api.read_workbook(target)
    writer = api.writer(api.open_ledger(ledger), commit=False)
    files = sorted(ledger.rglob("*.yaml"))
    tried = api.import_workbook(writer, tables, target.name, dry_run=True)
    assert tried.written == [] and len(tried.plan.records) > 400
    assert sorted(ledger.rglob("*.yaml")) == files
    done = api.import_workbook(writer, tables, target.name)
    assert len(done.written) == len(tried.plan.records) == len(done.plan.records)
    again = api.plan_import(writer, tables, target.name)
    assert again.records == [] and again.problems == []
    shown = json.loads(
        run(
            "report",
            "--as-of",
            "2024-12-31",
            "--year",
            "2024",
            "--format",
            "json",
            "--ledger",
            ledger,
        ).out
    )
    original = json.loads(
        run(
            "report",
            "--as-of",
            "2024-12-31",
            "--year",
            "2024",
            "--format",
            "json",
            "--ledger",
            example,
        ).out
    )
    # the 台账 workbook carries no 报送 records and no checklist answers (README, 工作簿)
    not_carried = {
        "checklist_items",
        "checklist_items_failed",
        "submissions_on_time",
        "submissions_late",
        "submissions_missing",
    }
    assert original["totals"]["checklist_items"] > 0 and original["totals"]["submissions_late"] > 0
    kept = {k: v for k, v in original["totals"].items() if k not in not_carried}
    assert {k: v for k, v in shown["totals"].items() if k not in not_carried} == kept
