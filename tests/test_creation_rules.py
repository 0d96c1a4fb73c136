"""No command writes what `check` refuses, and `check` refuses what the commands refuse: one set
of creation rules (model/rules.py, model/text.py, model/fields.py) for add-*, import and check.

Each case here was reproduced on 751e700, where a command wrote it (or check passed it)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from anquan_cli.checks.rules import run_checks
from anquan_cli.model.text import LINE_LIMIT, PROSE_LIMIT, text_problem
from anquan_cli.store import git
from anquan_cli.store.ledger import Ledger
from tests.conftest import Run


def files_and_status(ledger: Path) -> str:
    return git.run(ledger, ["ls-files"]).stdout + git.run(ledger, ["status", "--porcelain"]).stdout


def check_errors(ledger: Path) -> list[str]:
    problems = run_checks(Ledger.open(ledger, use_cache=False), today=date.today())
    return [p.render() for p in problems if p.is_error]


def hazard_file(ledger: Path, hazard_id: str) -> Path:
    return next(ledger.glob(f"hazards/*/{hazard_id}.yaml"))


@pytest.fixture
def visit(run: Run, unit: str) -> str:
    outcome = run("add-inspection", "-e", unit, "--date", "2024-10-15")
    assert outcome.code == 0, outcome.err
    return outcome.value


def test_a_hazard_found_before_its_inspection_is_refused(
    run: Run, ledger: Path, visit: str
) -> None:
    before = files_and_status(ledger)
    outcome = run(
        "add-hazard", "--inspection", visit, "-d", "消防通道堵塞", "--found", "2024-10-01"
    )
    assert (outcome.code, outcome.err.strip()) == (
        2,
        f"错误：--found：发现日期 2024-10-01 早于所属检查 {visit} 的日期 2024-10-15",
    )
    assert files_and_status(ledger) == before
    assert check_errors(ledger) == []


def test_a_penalty_dated_before_what_it_cites_is_refused_and_named_by_check(
    run: Run, ledger: Path, unit: str, visit: str
) -> None:
    hazard = run("add-hazard", "--inspection", visit, "-d", "消防通道堵塞").value
    before = files_and_status(ledger)
    for flag, cited, what in (
        ("--inspection", visit, f"早于所引检查 {visit} 的日期 2024-10-15"),
        ("--hazard", hazard, f"早于所引隐患 {hazard} 的发现日期 2024-10-15"),
    ):
        outcome = run(
            "add-penalty", "-e", unit, "--date", "2024-10-01", "--fine", "500", flag, cited
        )
        assert (outcome.code, outcome.err.strip()) == (
            2,
            f"错误：--date：处罚日期 2024-10-01 {what}",
        )
    assert files_and_status(ledger) == before
    # the same penalty written by hand: check names it, as it passed it before
    penalty = run(
        "add-penalty", "-e", unit, "--date", "2024-10-20", "--fine", "500", "--hazard", hazard
    ).value
    path = next(ledger.glob(f"penalties/*/{penalty}.yaml"))
    path.write_text(path.read_text("utf-8").replace("2024-10-20", "2024-10-01"), "utf-8")
    assert check_errors(ledger) == [
        f"{path.relative_to(ledger).as_posix()}:3: "
        f"处罚日期 2024-10-01 早于所引隐患 {hazard} 的发现日期 2024-10-15"
    ]


@pytest.mark.parametrize("flag", ["--fine", "--funds"])
def test_money_beyond_the_fen_is_refused(run: Run, ledger: Path, unit: str, flag: str) -> None:
    before = files_and_status(ledger)
    if flag == "--fine":
        args = ["add-penalty", "-e", unit, "--date", "2024-10-20", "--fine", "100.555"]
    else:
        args = ["add-hazard", "-e", unit, "-d", "灭火器过期", "--funds", "100.555"]
    outcome = run(*args)
    assert (outcome.code, outcome.err.strip()) == (
        2,
        f"错误：{flag}：金额 100.555 元有两位以上的小数，金额精确到分",
    )
    assert files_and_status(ledger) == before
    assert run(*args[:-1], "100.55").code == 0


def test_a_description_over_its_length_is_refused_and_the_file_stays_small(
    run: Run, ledger: Path, unit: str
) -> None:
    long = "隐" * 40_000
    before = files_and_status(ledger)
    outcome = run(
        "add-hazard", "-e", unit, "-d", long, "--measures", long, "--plan", long, "--category", long
    )
    assert outcome.code == 2
    assert "隐患描述过长：40000 字，至多 2000 字" in outcome.err
    assert files_and_status(ledger) == before
    longest = "隐" * PROSE_LIMIT
    made = run("add-hazard", "-e", unit, "-d", longest, "--measures", longest, "--plan", longest)
    assert made.code == 0, made.err
    assert hazard_file(ledger, made.value).stat().st_size < 512 * 1024
    shown = run("show", made.value)
    assert shown.code == 0 and longest in shown.out


def test_a_commit_subject_is_one_short_line(run: Run, ledger: Path, unit: str) -> None:
    text = "配电箱未接地" * 30 + "\n第二行"
    made = run("add-hazard", "-e", unit, "-d", text)
    assert made.code == 0, made.err
    subject = git.run(ledger, ["log", "-1", "--format=%s"]).stdout.strip()
    assert subject.startswith(f"新增隐患 {made.value}：配电箱未接地")
    assert len(subject) == git.SUBJECT_LIMIT and subject.endswith("…")
    body = git.run(ledger, ["log", "-1", "--format=%b"]).stdout
    assert "第二行" not in body and "Anquan-Office: 应急办" in body


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("兴源\x1b[2J化工", "U+001B 转义符（ESC），不能含控制字符或文字方向控制符"),
        ("兴源\u202e化工", "U+202E 从右至左覆盖，不能含控制字符或文字方向控制符"),
        ("兴源\u2066化工", "U+2066 从左至右隔离，不能含控制字符或文字方向控制符"),
        ("兴源\n化工", "U+000A 换行符，此项只能写一行"),
        ("兴源\x07化工", "U+0007 响铃符，不能含控制字符或文字方向控制符"),
    ],
)
def test_a_name_with_a_hidden_character_is_refused_naming_it(
    run: Run, ledger: Path, text: str, named: str
) -> None:
    before = files_and_status(ledger)
    outcome = run("add-enterprise", "--name", text)
    assert (outcome.code, outcome.err.strip()) == (2, f"错误：--name：单位名称含有 {named}")
    assert files_and_status(ledger) == before


def test_a_description_may_run_over_lines_but_holds_no_escape(
    run: Run, ledger: Path, unit: str
) -> None:
    refused = run("add-hazard", "-e", unit, "-d", "灭火器\x1b[2J过期")
    assert refused.code == 2
    assert "隐患描述含有 U+001B 转义符（ESC）" in refused.err
    made = run("add-hazard", "-e", unit, "-d", "灭火器过期\n配电箱未接地")
    assert made.code == 0, made.err
    assert check_errors(ledger) == []


def test_a_rectify_note_with_an_escape_is_refused_without_a_traceback(
    run: Run, ledger: Path, unit: str
) -> None:
    hazard = run("add-hazard", "-e", unit, "-d", "灭火器过期", "--found", "2024-10-15").value
    outcome = run("rectify", hazard, "--date", "2024-10-20", "--by", "张\u202e伟")
    assert (outcome.code, outcome.err.strip()) == (
        2,
        "错误：--by：经办人含有 U+202E 从右至左覆盖，不能含控制字符或文字方向控制符",
    )


@pytest.mark.parametrize("name", ["", "  ", "经发\x1b[2J办", "经发\n办", "办" * (LINE_LIMIT + 1)])
def test_office_set_refuses_an_empty_or_hidden_name(run: Run, ledger: Path, name: str) -> None:
    outcome = run("office", "set", name)
    assert outcome.code == 2
    assert outcome.err.startswith("错误：办所名称")
    assert git.config_get(ledger, git.OFFICE_KEY) == "应急办"


def test_a_hand_edited_escape_is_check_s_problem_and_shown_safely(
    run: Run, ledger: Path, unit: str
) -> None:
    """A file edited by hand may hold what no command writes: check names it (an error, as the
    commands refuse it), while the record still counts, and every listing shows it escaped."""
    hazard = run("add-hazard", "-e", unit, "-d", "灭火器过期").value
    path = hazard_file(ledger, hazard)
    path.write_text(
        path.read_text("utf-8").replace("灭火器过期", '"灭火器\\e[2J过期\\u202e"'), "utf-8"
    )
    checked = run("check")
    assert checked.code == 1
    line = path.read_text("utf-8").splitlines().index('description: "灭火器\\e[2J过期\\u202e"') + 1
    assert checked.out.startswith(
        f"{path.relative_to(ledger).as_posix()}:{line}: "
        "隐患描述含有 U+001B 转义符（ESC），不能含控制字符或文字方向控制符"
    )
    piped = run("list", "hazards")  # to a pipe: tab-separated, the text as it is
    assert "灭火器\x1b[2J过期\u202e" in piped.out
    shown = run("show", hazard)
    assert "隐患描述：灭火器\\u001b[2J过期\\u202e" in shown.out
    as_json = json.loads(run("list", "hazards", "--format", "json").out)
    assert as_json[0]["description"] == "灭火器\x1b[2J过期\u202e"
    for outcome in (checked, shown, run("stats", "--year", "2026")):
        assert "\x1b" not in outcome.out + outcome.err and "\u202e" not in outcome.out + outcome.err


def test_what_a_hand_edited_file_holds_is_shown_safely(run: Run, ledger: Path, unit: str) -> None:
    """A unit reference is an ID, not text the model holds to the text rules: a hand-edited
    one reaches check's messages, list and show, which print it escaped."""
    hazard = run("add-hazard", "-e", unit, "-d", "灭火器过期").value
    path = hazard_file(ledger, hazard)
    path.write_text(
        path.read_text("utf-8").replace(f"enterprise: {unit}", 'enterprise: "X\\e[2J\\u202eY"'),
        "utf-8",
    )
    checked = run("check")
    assert "引用的企业 X\\u001b[2J\\u202eY 不存在" in checked.out
    for args in (  # list to a pipe is tab-separated data, kept as it is
        ("show", hazard),
        ("check",),
        ("list", "hazards", "--format", "json"),
    ):
        outcome = run(*args)
        assert outcome.code in (0, 1), outcome.err
        for stream in (outcome.out, outcome.err):
            assert "\x1b" not in stream and "\u202e" not in stream, (args, stream)
    shown = json.loads(run("list", "hazards", "--format", "json").out)
    assert shown[0]["enterprise"] == "X\x1b[2J\u202eY"


def test_check_refuses_a_record_dated_after_today_as_add_refuses_it(
    run: Run, ledger: Path, unit: str
) -> None:
    later = date.today().replace(year=date.today().year + 1).isoformat()
    refused = run("add-hazard", "-e", unit, "-d", "灭火器过期", "--found", later)
    assert refused.code == 2 and f"--found：{later} 晚于今天" in refused.err
    hazard = run("add-hazard", "-e", unit, "-d", "灭火器过期", "--found", "2024-10-15").value
    path = hazard_file(ledger, hazard)
    path.write_text(path.read_text("utf-8").replace("2024-10-15", later), "utf-8")
    assert any(f"{later} 晚于今天" in error for error in check_errors(ledger))


def test_one_rule_names_one_character() -> None:
    assert text_problem("a\tb") == "含有 U+0009 制表符，请改为空格"
    assert text_problem("a\tb", multiline=True) is None
    assert text_problem("a\rb", multiline=True) == (
        "含有 U+000D 回车符，不能含控制字符或文字方向控制符"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--name", "东溪\x1b镇"),
            "错误：台账名称含有 U+001B 转义符（ESC），不能含控制字符或文字方向控制符",
        ),
        (
            ("--name", "东溪镇", "--office", "经\n发办"),
            "错误：办所名称含有 U+000A 换行符，此项只能写一行",
        ),
        (("--name", "镇" * 300), "错误：台账名称过长：300 字，至多 200 字"),
    ],
)
def test_init_refuses_a_name_records_could_not_hold_and_writes_nothing(
    run: Run, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    outcome = run("init", tmp_path / "new", *args)
    assert (outcome.code, outcome.err.strip()) == (2, said)
    assert not (tmp_path / "new").exists()


def test_an_accident_of_a_unit_has_no_place_of_its_own_in_add_and_check(
    run: Run, ledger: Path, unit: str
) -> None:
    args = ("add-accident", "--date", "2024-10-20", "--domain", "消防", "-e", unit)
    refused = run(*args, "--place", "东溪村")
    assert (refused.code, refused.err.strip()) == (
        2,
        "错误：--place：事故单位与地点只能给一个（有单位时不另写地点）",
    )
    accident = run(*args).value
    path = next(ledger.glob(f"accidents/*/{accident}.yaml"))
    path.write_text(path.read_text("utf-8") + "place: 东溪村\n", "utf-8")
    assert [e.split(": ", 1)[1] for e in check_errors(ledger)] == [
        "事故单位与地点只能给一个（有单位时不另写地点）"
    ]


def test_a_table_in_a_terminal_shows_hidden_characters_escaped_and_whole() -> None:
    import io

    from rich.table import Table

    from anquan_cli.cli.console import _safe_console

    screen = io.StringIO()
    console = _safe_console()(file=screen, width=200, color_system=None)
    table = Table()
    table.add_column("隐患描述")
    table.add_row("灭火器\x1b[2J过期\u202e")
    console.print(table)
    console.print("单位：东溪\x1b[2J村")
    assert "\x1b" not in screen.getvalue() and "\u202e" not in screen.getvalue()
    assert "│ 灭火器\\u001b[2J过期\\u202e │" in screen.getvalue()
    assert "单位：东溪\\u001b[2J村" in screen.getvalue()
