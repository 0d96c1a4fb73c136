"""Output for pipes and scripts: tab-separated lists, `-o -`, `import -`, JSON, and the
top level's options on every command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from anquan_cli.cli.app import COMMANDS
from anquan_cli.model.enums import RecordKind
from anquan_cli.render.rows import columns
from tests.conftest import Run

BOX = set("─│┃┏┓┗┛┡┩━╇╈┼├┤┌┐└┘")


def anquan(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The real program in a child process, its stdout a pipe, as a shell pipeline has it."""
    env = {**os.environ, "ANQUAN_OFFICE": "应急办"}
    env.pop("FORCE_COLOR", None)
    env.pop("TTY_COMPATIBLE", None)
    return subprocess.run(
        [sys.executable, "-m", "anquan_cli", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        check=False,
    )


def hazard(run: Run, unit: str, text: str) -> str:
    outcome = run("add-hazard", "-e", unit, "-d", text, "--found", "2024-10-08")
    assert outcome.code == 0, outcome.err
    return outcome.value


def test_a_piped_list_is_tab_separated_with_the_table_headings_and_ids_whole(
    run: Run, unit: str, ledger: Path
) -> None:
    ids = [hazard(run, unit, "消防通道被货物堵塞，疏散指示标志损坏，应急照明灯不亮" * 3)]
    ids.append(hazard(run, unit, "配电箱未接地"))
    done = anquan("list", "hazards", cwd=ledger)
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode("utf-8").splitlines()
    headings = [heading for heading, _ in columns(RecordKind.HAZARD, {}, date.today())]
    assert lines[0].split("\t") == headings  # the table's own headings, in its order
    assert headings[:3] == ["编号", "发现日期", "单位"]
    assert not BOX & set(done.stdout.decode("utf-8"))
    assert len(lines) == 3  # no wrapping: one line per hazard, however long
    for hazard_id in ids:
        found = [line for line in lines if hazard_id in line]  # what `grep ID` finds
        assert len(found) == 1 and found[0].split("\t")[0] == hazard_id
        assert found[0].split("\t")[2] == "兴源化工有限公司"


def test_on_a_terminal_list_still_draws_its_table_and_tsv_can_be_asked_for(
    run: Run, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hazard_id = hazard(run, unit, "配电箱未接地")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich and anquan both take stdout as a terminal
    drawn = run("list", "hazards")
    assert BOX & set(drawn.out) and hazard_id in drawn.out
    asked = run("list", "hazards", "--format", "tsv")
    assert asked.out.splitlines()[1].startswith(f"{hazard_id}\t")


def test_a_report_docx_on_stdout_opens_with_python_docx(
    run: Run, unit: str, ledger: Path, tmp_path: Path
) -> None:
    import docx

    hazard(run, unit, "配电箱未接地")
    done = anquan("report", "--year", "2024", "--format", "docx", "-o", "-", cwd=ledger)
    assert done.returncode == 0, done.stderr.decode()
    assert not (ledger / "-").exists()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(done.stdout)).paragraphs)
    assert "排查" in text and "东溪镇" in text


def test_an_exported_workbook_on_stdout_opens_with_every_sheet(
    run: Run, unit: str, ledger: Path
) -> None:
    import openpyxl

    hazard(run, unit, "配电箱未接地")
    done = anquan("export", "--year", "2024", "-o", "-", cwd=ledger)
    assert done.returncode == 0, done.stderr.decode()
    assert not (ledger / "-").exists()
    book = openpyxl.load_workbook(io.BytesIO(done.stdout))
    sheet = book["隐患排查整改台账"]
    assert any("配电箱未接地" in str(c.value) for row in sheet.iter_rows() for c in row)


def test_a_json_report_goes_to_stdout_with_dash(run: Run, unit: str) -> None:
    hazard(run, unit, "配电箱未接地")
    outcome = run("report", "--year", "2024", "--format", "json", "-o", "-")
    assert outcome.code == 0, outcome.err
    assert json.loads(outcome.out)["totals"]["hazards_found"] == 1


def test_a_binary_document_is_not_written_to_a_terminal(
    run: Run, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    outcome = run("report", "--year", "2024", "--format", "docx", "-o", "-")
    assert outcome.code == 2 and "请重定向到文件" in outcome.err and outcome.out == ""


def test_import_dash_reads_csv_from_stdin(ledger: Path) -> None:
    table = "单位名称,行业领域,所属村\n兴源化工有限公司,危险化学品,东溪村\n"
    done = anquan("import", "-", cwd=ledger, stdin=table.encode("gbk"))
    assert done.returncode == 0, done.stderr.decode()
    assert "已导入 标准输入.csv：新建 1 条记录" in done.stderr.decode()
    listed = anquan("list", "enterprises", cwd=ledger).stdout.decode()
    assert "兴源化工有限公司\t危险化学品" in listed


def test_import_dry_run_as_json_says_what_would_be_made_and_writes_nothing(
    run: Run, ledger: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "单位.csv"
    sheet.write_text(
        "单位名称,行业领域,所属村,成立日期\n兴源化工有限公司,危险化学品,东溪村,\n,,,\n"
        "东溪石材厂,不存在的领域,东溪村,\n",
        encoding="utf-8",
    )
    outcome = run("import", sheet, "--dry-run", "--skip-bad", "--format", "json")
    data = json.loads(outcome.out)
    assert outcome.code == 1  # a row was rejected
    assert data["written"] is False and data["records"] == 1 and data["file"] == "单位.csv"
    assert data["sheets"][0]["kind"] == "enterprises" and data["sheets"][0]["created"] == 1
    assert [(p["cell"], p["row"]) for p in data["problems"]] == [("B4", 4)]
    assert not list((ledger / "enterprises").glob("*.yaml"))


def test_check_as_json_gives_path_line_severity_and_message(
    run: Run, unit: str, ledger: Path
) -> None:
    path = ledger / "enterprises" / f"{unit}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("91350100M000100Y30", "91350100M000100Y3A"),
        encoding="utf-8",
    )
    outcome = run("check", "--format", "json")
    assert outcome.code == 1
    [problem] = json.loads(outcome.out)
    assert problem["path"] == f"enterprises/{unit}.yaml"
    assert problem["severity"] == "error" and isinstance(problem["line"], int)
    assert "校验位错误" in problem["message"]
    assert set(problem) == {"path", "line", "severity", "message"}


def test_stats_as_json_is_the_period_summary(run: Run, unit: str) -> None:
    hazard(run, unit, "配电箱未接地")
    outcome = run("stats", "--year", "2024", "--format", "json")
    assert outcome.code == 0, outcome.err
    data = json.loads(outcome.out)
    assert data["period"]["from"] == "2024-01-01" and data["totals"]["hazards_found"] == 1
    assert (
        data["totals"]["hazards_found"]
        == json.loads(run("report", "--year", "2024", "--format", "json").out)["totals"][
            "hazards_found"
        ]
    )


def test_status_takes_format_json(run: Run, unit: str) -> None:
    data = json.loads(run("status", "--format", "json").out)
    assert set(data) == {"month", "as_of", "offices"}


GROUPS = {"checklist": ("checklist list", "checklist show")}
"""Command groups: their subcommands take the options."""


@pytest.mark.parametrize(
    "command",
    sorted(set(COMMANDS) - {"init", "office", *GROUPS}) + [c for g in GROUPS.values() for c in g],
)
def test_every_command_takes_the_top_levels_options(run: Run, command: str) -> None:
    shown = run(*command.split(), "--help").out
    assert "--no-cache" in shown and "--ledger" in shown


def test_export_takes_no_cache_and_the_top_level_takes_ledger(
    run: Run, unit: str, ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hazard_id = hazard(run, unit, "配电箱未接地")
    target = tmp_path / "台账.xlsx"
    assert run("export", "--no-cache", "-o", target).code == 0
    assert target.is_file()
    monkeypatch.chdir(tmp_path)
    outcome = run("--ledger", ledger, "show", hazard_id)
    assert outcome.code == 0, outcome.err
    assert hazard_id in outcome.out
    assert run("rectify", hazard_id, "--date", "2024-10-20", "--ledger", ledger).code == 0
    nowhere = run("--ledger", tmp_path / "无此台账", "list", "hazards")
    assert nowhere.code == 2 and "不是台账目录" in nowhere.err


def test_a_commands_own_ledger_wins_over_the_top_levels(
    run: Run, unit: str, ledger: Path, tmp_path: Path
) -> None:
    other = tmp_path / "xixi"
    assert run("init", other, "--name", "西溪镇").code == 0
    outcome = run("--ledger", other, "list", "enterprises", "--ledger", ledger)
    assert outcome.code == 0 and "兴源化工有限公司" in outcome.out


def test_an_html_report_goes_to_stdout_and_no_folder_named_dash_is_made(
    run: Run, unit: str, ledger: Path
) -> None:
    outcome = run("report", "--year", "2024", "--format", "html", "-o", "-")
    assert outcome.code == 0, outcome.err
    assert outcome.out.lstrip().lower().startswith("<!doctype html") and not (ledger / "-").exists()


def test_a_writer_that_cannot_stream_refuses_dash_rather_than_make_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anquan_cli.cli.options import output_path
    from anquan_cli.errors import UsageError

    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="标准输出"):
        output_path(Path("-"), "台账.xlsx")
    assert not (tmp_path / "-").exists()
