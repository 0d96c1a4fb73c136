"""A clerk's first session, end to end through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run


def hazard_file(hazard_id: str) -> Path:
    return next(Path("hazards").rglob(f"{hazard_id}.yaml"))


def test_init_makes_a_ledger_with_its_own_git_repository(run: Run, ledger: Path) -> None:
    assert (ledger / "anquan.yaml").read_text(encoding="utf-8").count("name: 东溪镇") == 1
    assert (ledger / ".git").is_dir()
    assert "*.yaml text eol=lf" in (ledger / ".gitattributes").read_text()
    assert ".anquan/" in (ledger / ".gitignore").read_text()


def test_init_refuses_an_existing_ledger(run: Run, ledger: Path) -> None:
    outcome = run("init", ledger, "--name", "东溪镇")
    assert outcome.code == 2
    assert "已经是台账目录" in outcome.err


def test_a_command_outside_any_ledger_says_so_in_one_line(
    run: Run, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = run("list", "hazards")
    assert outcome.code == 2
    assert (
        outcome.err.strip()
        == "错误：当前目录不在任何台账中：请先 anquan init，或用 --ledger 指定台账目录"
    )


def test_a_wrong_check_character_is_refused(run: Run, ledger: Path) -> None:
    outcome = run("add-enterprise", "--name", "甲公司", "--credit-code", "91350100M000100Y3A")
    assert outcome.code == 2
    assert "第18位应为 0，实为 A" in outcome.err
    assert outcome.out == ""
    assert list((ledger / "enterprises").iterdir()) == []


def test_a_sector_outside_the_list_names_the_allowed_ones(run: Run, ledger: Path) -> None:
    outcome = run("add-enterprise", "--name", "甲公司", "--sector", "化工")
    assert outcome.code == 2
    assert "--sector：行业领域“化工”不在台账设置的列表中（可选：非煤矿山、危险化学品" in outcome.err


def test_the_clerks_first_session(run: Run, unit: str) -> None:
    visit = run(
        "add-inspection",
        "-e",
        "xyhg",
        "--date",
        "2024.10.15",
        "--leader",
        "陈波",
        "--inspectors",
        "张伟,李娜",
    )
    assert visit.code == 0, visit.err
    assert visit.value.startswith("DX-I-2410-YJB")
    by_initials = run(
        "add-hazard",
        "-e",
        "xyhg",
        "--inspection",
        visit.value,
        "-d",
        "配电箱未接地",
        "--deadline",
        "2024-10-30",
    )
    by_name = run(
        "add-hazard",
        "-e",
        "兴源化工有限公司",
        "-d",
        "储罐区无警示标识",
        "--found",
        "2024年10月16日",
        "--level",
        "重大",
        "--responsible",
        "王五",
    )
    assert by_initials.code == by_name.code == 0
    assert "五落实”尚缺 措施、资金、时限、预案" in by_name.err
    first = by_initials.value
    assert (by_initials.value, by_name.value) == ("DX-H-2410-YJB01", "DX-H-2410-YJB02")

    path = hazard_file(first)
    path.write_text("# 区里转办，请优先处理\n" + path.read_text(encoding="utf-8"), encoding="utf-8")

    assert run("rectify", first, "--date", "2024-10-25", "--note", "已重新接地").value == "已整改"
    assert path.read_text(encoding="utf-8").startswith("# 区里转办，请优先处理\n")
    assert run("verify", first, "--date", "2024/10/28", "--by", "张伟").value == "已销号"

    listed = json.loads(run("list", "hazards", "--format", "json").out)
    assert [h["id"] for h in listed] == [first, by_name.value]
    assert listed[0]["status"] == "已销号"
    assert listed[0]["inspection"] == visit.value

    shown = json.loads(run("show", first, "--format", "json").out)
    assert [(s["date"], s["action"]) for s in shown["history"]] == [
        ("2024-10-15", "发现"),
        ("2024-10-25", "整改"),
        ("2024-10-28", "验收通过"),
        ("2024-10-28", "销号"),
    ]
    assert run("check").code == 0


def test_every_change_is_committed_with_a_chinese_message(
    run: Run, unit: str, ledger: Path
) -> None:
    from anquan_cli.store import git

    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    run("rectify", hazard, "--date", "2024-10-20")
    log = git.run(ledger, ["log", "--format=%s"]).stdout.splitlines()
    assert log[:3] == [
        f"隐患 {hazard} 已整改",
        f"新增隐患 {hazard}：配电箱未接地",
        f"新增单位 {unit}：兴源化工有限公司",
    ]
    assert git.run(ledger, ["status", "--porcelain"]).stdout == ""


def test_no_commit_leaves_the_change_uncommitted(run: Run, unit: str, ledger: Path) -> None:
    from anquan_cli.store import git

    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--no-commit").value
    assert hazard in git.run(ledger, ["status", "--porcelain", "-uall"]).stdout


def test_illegal_steps_are_refused_with_a_reason(run: Run, unit: str) -> None:
    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    early = run("verify", hazard, "--date", "2024-10-20", "--by", "张伟")
    assert (early.code, early.err.strip()) == (
        2,
        f"错误：隐患 {hazard} 尚未整改，不能验收；请先 anquan rectify {hazard}",
    )
    before = run("rectify", hazard, "--date", "2024-10-01")
    assert "早于隐患发现日期" in before.err
    run("rectify", hazard, "--date", "2024-10-20")
    run("verify", hazard, "--date", "2024-10-21", "--by", "张伟")
    again = run("rectify", hazard, "--date", "2024-10-22")
    assert again.code == 2
    assert "已销号，不能再整改" in again.err


def test_a_failed_verification_returns_the_hazard(run: Run, unit: str) -> None:
    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    run("rectify", hazard, "--date", "2024-10-20")
    assert (
        run(
            "verify", hazard, "--date", "2024-10-21", "--by", "张伟", "--fail", "--note", "未接地"
        ).value
        == "整改中"
    )
    assert run("list", "hazards", "--status", "整改中", "--format", "json").out.count(hazard) == 1


def test_unknown_or_ambiguous_units_list_candidates_and_exit_2(run: Run, unit: str) -> None:
    run("add-enterprise", "--name", "兴旺化工有限公司")
    outcome = run("add-hazard", "-e", "化工", "-d", "x")
    assert outcome.code == 2
    assert "兴源化工有限公司" in outcome.err and "兴旺化工有限公司" in outcome.err
    assert run("add-hazard", "-e", "不存在", "-d", "x").code == 2


def test_a_missing_required_value_without_a_terminal_is_an_error(run: Run, unit: str) -> None:
    outcome = run("add-hazard", "-e", unit)
    assert (outcome.code, outcome.err.strip()) == (2, "错误：缺少必填选项 --description")


def test_bad_dates_and_unknown_flags_are_one_chinese_line(run: Run, unit: str) -> None:
    bad_date = run("add-inspection", "-e", unit, "--date", "2024-02-30")
    assert bad_date.code == 2
    assert bad_date.err.startswith("错误：--date：2024-02-30 不是有效日期")
    flag = run("add-inspection", "--bogus")
    assert flag.code == 2
    assert "没有这个选项" in flag.err
    assert "Traceback" not in flag.err + bad_date.err


def test_list_filters_and_csv_for_excel(run: Run, unit: str) -> None:
    run(
        "add-hazard",
        "-e",
        unit,
        "-d",
        '=HYPERLINK("http://x")',
        "--found",
        "2024-10-15",
        "--deadline",
        "2024-10-20",
    )
    run("add-hazard", "-e", unit, "-d", "灭火器过期", "--found", "2024-12-01", "--level", "重大")
    overdue = json.loads(run("list", "hazards", "--overdue", "--format", "json").out)
    assert [h["description"] for h in overdue] == ['=HYPERLINK("http://x")']
    december = json.loads(
        run("list", "hazards", "--from", "2024-12-01", "--to", "2024-12-31", "--format", "json").out
    )
    assert [h["level"] for h in december] == ["重大"]
    assert json.loads(
        run("list", "hazards", "--level", "重大", "--sector", "危险化学品", "--format", "json").out
    )
    assert (
        len(json.loads(run("list", "hazards", "--village", "东溪村", "--format", "json").out)) == 2
    )
    csv_text = run("list", "hazards", "--format", "csv").out
    assert csv_text.startswith("\ufeff编号,发现日期")
    assert "'=HYPERLINK" in csv_text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("hazards", "--status", "已完成"),
            "--status：已完成 无效，可选 整改中、已整改、已销号、逾期",
        ),
        (("enterprises", "--status", "整改中"), "--status：整改中 无效，可选 在营、停产、关闭"),
        (("penalties", "--status", "已销号"), "--status 只用于隐患、企业，不用于行政处罚"),
        (("enterprises", "--level", "重大"), "--level 只用于隐患，不用于企业"),
        (("inspections", "--overdue"), "--overdue 只用于隐患，不用于检查"),
        (
            ("hazards", "--sector", "危化"),
            "--sector：台账中没有行业领域“危化”；现有：非煤矿山、危险化学品",
        ),
        (("hazards", "--village", "火星村"), "--village：台账中没有村(社区)“火星村”；现有："),
    ],
)
def test_a_filter_nothing_could_pass_is_named_not_listed_empty(
    run: Run, unit: str, args: tuple[str, ...], said: str
) -> None:
    outcome = run("list", *args)
    assert outcome.code == 2
    assert outcome.out == ""
    assert said in outcome.err


def test_a_place_the_units_use_is_listed_even_when_nothing_matches(run: Run, unit: str) -> None:
    shown = json.loads(run("show", unit, "--format", "json").out)
    outcome = run("list", "hazards", "--village", shown["village"], "--format", "json")
    assert outcome.code == 0
    assert json.loads(outcome.out) == []


def test_show_of_an_id_outside_the_ledger_reads_nothing(run: Run, ledger: Path) -> None:
    for bad in ("../../etc/passwd", "/etc/passwd", "DX-H-2410-YJB01/../../x"):
        shown = run("show", bad)
        fixed = run("rectify", bad, "--date", "2024-10-01")
        assert shown.code == fixed.code == 2
        assert "root:" not in shown.out + shown.err + fixed.err


def test_a_broken_settings_file_is_named_with_its_line(run: Run, ledger: Path) -> None:
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("villages: 东溪村\nleaderz: [陈波]\n")
    outcome = run("list", "hazards")
    assert outcome.code == 1
    assert outcome.err.startswith("错误：anquan.yaml:")
    assert "Traceback" not in outcome.err


def test_a_new_ledger_leaves_its_offices_open_and_keeps_each_clones_code(
    run: Run, unit: str, ledger: Path
) -> None:
    assert "\noffices:" not in (ledger / "anquan.yaml").read_text(encoding="utf-8")
    switched = run("office", "set", "经发办")
    assert switched.code == 0 and "提示" not in switched.err
    assert git_config(ledger, "anquan.officecode") == "JFB"
    added = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15")
    assert added.code == 0, added.err
    assert added.value.endswith("-JFB01")


def git_config(folder: Path, key: str) -> str:
    import subprocess

    done = subprocess.run(
        ["git", "-C", str(folder), "config", "--local", "--get", key],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_an_id_of_another_kind_is_named_as_such_not_blamed_on_its_file(run: Run, unit: str) -> None:
    visit = run("add-inspection", "-e", unit, "--date", "2024-10-15").value
    for args in (
        ("rectify", unit, "--date", "2024-10-20"),
        ("verify", visit, "--date", "2024-10-20", "--by", "张伟"),
        ("add-penalty", "-e", unit, "--date", "2024-10-20", "--fine", "500", "--hazard", visit),
    ):
        outcome = run(*args)
        assert outcome.code == 2, args
        wrong = unit if args[1] == unit else visit
        label = "企业" if wrong == unit else "检查"
        assert outcome.err.strip() == f"错误：{wrong} 是{label}编号，不是隐患编号"
    visit_as_unit = run("add-hazard", "-e", unit, "-d", "x", "--inspection", unit)
    assert (visit_as_unit.code, visit_as_unit.err.strip()) == (
        2,
        f"错误：{unit} 是企业编号，不是检查编号",
    )


def test_an_unknown_hazard_id_is_a_usage_error(run: Run, unit: str) -> None:
    outcome = run("rectify", "DX-H-2499-XXX01", "--date", "2024-10-20")
    assert (outcome.code, outcome.err.strip()) == (2, "错误：找不到编号为 DX-H-2499-XXX01 的记录")


def committed_files(ledger: Path) -> str:
    from anquan_cli.store import git

    return git.run(ledger, ["ls-files"]).stdout + git.run(ledger, ["status", "--porcelain"]).stdout


def test_a_deadline_before_the_hazard_was_found_is_refused_and_nothing_written(
    run: Run, unit: str, ledger: Path
) -> None:
    before = committed_files(ledger)
    outcome = run(
        "add-hazard",
        "-e",
        unit,
        "-d",
        "配电箱未接地",
        "--found",
        "2024-10-15",
        "--deadline",
        "2024-10-01",
    )
    assert (outcome.code, outcome.err.strip()) == (
        2,
        "错误：--deadline：整改期限 2024-10-01 早于发现日期 2024-10-15",
    )
    assert committed_files(ledger) == before


def test_a_penalty_cannot_cite_another_units_hazard_or_inspection(
    run: Run, unit: str, ledger: Path
) -> None:
    other = run("add-enterprise", "--name", "东溪石材加工厂").value
    visit = run("add-inspection", "-e", other, "--date", "2024-10-15").value
    hazard = run("add-hazard", "-e", other, "-d", "边坡未支护", "--inspection", visit).value
    before = committed_files(ledger)
    for flag, cited, label in (("--inspection", visit, "检查"), ("--hazard", hazard, "隐患")):
        outcome = run(
            "add-penalty", "-e", unit, "--date", "2024-10-20", "--fine", "5000", flag, cited
        )
        assert (outcome.code, outcome.err.strip()) == (
            2,
            f"错误：{flag}：引用的{label} {cited} 属于单位 {other}，而本记录的单位是 {unit}",
        )
    assert committed_files(ledger) == before
    own = run(
        "add-penalty",
        "-e",
        other,
        "--date",
        "2024-10-20",
        "--fine",
        "5000",
        "--inspection",
        visit,
        "--hazard",
        hazard,
    )
    assert own.code == 0, own.err


def test_a_step_dated_after_today_is_refused(run: Run, unit: str, ledger: Path) -> None:
    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    file = next(ledger.glob(f"hazards/*/{hazard}.yaml"))
    found = file.read_bytes()
    later = run("rectify", hazard, "--date", "2099-06-01")
    assert later.code == 2
    assert later.err.startswith("错误：--date：2099-06-01 晚于今天（")
    assert file.read_bytes() == found
    assert run("rectify", hazard, "--date", "2024-10-20").value == "已整改"
    rectified = file.read_bytes()
    assert run("verify", hazard, "--date", "2099-06-01", "--by", "张伟").code == 2
    assert file.read_bytes() == rectified


@pytest.mark.parametrize(
    "args",
    [
        ("add-inspection", "--date", "2204-10-05"),
        ("add-inspection", "--date", "1999-10-05"),
        ("add-inspection", "--date", "2099-10-05"),
        ("add-hazard", "-d", "x", "--found", "2099-10-05"),
        ("add-penalty", "--date", "2099-10-05", "--fine", "500"),
    ],
)
def test_a_record_of_something_done_cannot_be_dated_in_the_future_or_out_of_id_range(
    run: Run, unit: str, ledger: Path, args: tuple[str, ...]
) -> None:
    before = committed_files(ledger)
    outcome = run(args[0], "-e", unit, *args[1:])
    assert outcome.code == 2
    assert "晚于今天" in outcome.err or "不在 2000—2099 之间" in outcome.err
    assert committed_files(ledger) == before


def test_an_accident_or_activity_in_the_future_is_refused(run: Run, ledger: Path) -> None:
    accident = run("add-accident", "--date", "2099-10-05", "--domain", "工贸")
    activity = run("add-activity", "--date", "2099-10-05", "--kind", "培训")
    assert (accident.code, activity.code) == (2, 2)


def test_a_plan_may_be_for_a_future_month_but_within_the_id_years(run: Run, ledger: Path) -> None:
    ahead = run("add-plan", "--office", "应急办", "--month", "2099-11", "--inspections", "3")
    assert ahead.code == 0, ahead.err
    for month in ("2204-11", "0000-11"):
        typo = run("add-plan", "--office", "应急办", "--month", month, "--inspections", "3")
        assert typo.code == 2
        assert typo.err.startswith("错误：--month：")


@pytest.mark.parametrize(
    "spelling", ["兴源化工有限公司", "兴源化工 有限公司", " 兴源化工有限公司　"]
)
def test_a_unit_registered_again_under_another_spacing_is_refused_naming_it(
    run: Run, unit: str, ledger: Path, spelling: str
) -> None:
    before = committed_files(ledger)
    again = run("add-enterprise", "--name", spelling)
    assert (again.code, again.err.strip()) == (
        2,
        f"错误：单位“兴源化工有限公司”已登记，编号 {unit}",
    )
    assert committed_files(ledger) == before
    assert run("add-hazard", "-e", "兴源化工有限公司", "-d", "x", "--found", "2024-10-15").code == 0


def test_a_unit_in_full_width_letters_is_the_same_unit(run: Run, ledger: Path) -> None:
    ktv = run("add-enterprise", "--name", "金嗓子KTV").value
    again = run("add-enterprise", "--name", "金嗓子ＫＴＶ")
    assert (again.code, again.err.strip()) == (2, f"错误：单位“金嗓子KTV”已登记，编号 {ktv}")


def test_a_supervision_document_alone_lists_the_hazard_under_the_default_level(
    run: Run, unit: str, ledger: Path
) -> None:
    hazard = run(
        "add-hazard",
        "-e",
        unit,
        "-d",
        "储罐区防火堤破损",
        "--found",
        "2024-10-15",
        "--level",
        "重大",
        "--supervision-doc",
        "东安委办〔2024〕12号",
    ).value
    shown = json.loads(run("show", hazard, "--format", "json").out)
    assert shown["supervision"] == {"level": "挂牌督办", "doc_no": "东安委办〔2024〕12号"}


def test_an_attribute_given_twice_is_refused_not_overwritten(run: Run, ledger: Path) -> None:
    before = committed_files(ledger)
    outcome = run("add-enterprise", "--name", "老街小餐馆", "--attr", "a=1", "--attr", "a=2")
    assert (outcome.code, outcome.err.strip()) == (2, "错误：--attr：属性“a”给了两次（1、2）")
    assert committed_files(ledger) == before


def test_an_accident_domain_outside_the_list_names_the_domain_flag(run: Run, ledger: Path) -> None:
    outcome = run("add-accident", "--date", "2024-10-15", "--domain", "火星")
    assert outcome.code == 2
    assert outcome.err.startswith("错误：--domain：行业领域“火星”不在台账设置的列表中")


def test_init_over_an_existing_file_says_why_in_chinese(run: Run, tmp_path: Path) -> None:
    taken = tmp_path / "t5"
    taken.write_text("")
    outcome = run("init", taken, "--name", "东溪镇")
    assert outcome.code == 1
    assert outcome.err.strip() == f"错误：文件读写失败：文件已存在（{taken}）；台账文件保持原样"


def test_a_read_only_ledger_says_so_in_chinese(
    run: Run, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from anquan_cli.store import transaction

    def read_only(path: Path, data: bytes) -> bool:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(transaction, "create_atomic", read_only)
    outcome = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15")
    assert outcome.code == 1
    assert outcome.err.startswith("错误：文件读写失败：文件系统为只读（")


def test_the_id_of_another_record_given_for_a_unit_is_named_as_such(run: Run, unit: str) -> None:
    visit = run("add-inspection", "-e", unit, "--date", "2024-10-15").value
    outcome = run("add-hazard", "-e", visit, "-d", "配电箱未接地")
    assert (outcome.code, outcome.err.strip()) == (2, f"错误：{visit} 是检查编号，不是企业编号")


def test_a_deadline_typed_two_centuries_ahead_is_refused(run: Run, unit: str) -> None:
    outcome = run(
        "add-hazard",
        "-e",
        unit,
        "-d",
        "配电箱未接地",
        "--found",
        "2024-10-15",
        "--deadline",
        "2204-10-30",
    )
    assert (outcome.code, outcome.err.strip()) == (
        2,
        "错误：--deadline：年份 2204 不在 2000—2099 之间，请核对是否写错",
    )
    ahead = run(
        "add-hazard",
        "-e",
        unit,
        "-d",
        "储罐区防火堤破损",
        "--found",
        "2024-10-15",
        "--deadline",
        "2026-06-30",
    )
    assert ahead.code == 0, ahead.err
