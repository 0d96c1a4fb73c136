"""`anquan report` writing documents: formats, file names, templates, notes and masking."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run

EXAMPLE = Path(__file__).parents[1] / "examples" / "dongxi"
Q4 = ("report", "--quarter", "4", "--year", "2024")


def test_template_list_works_outside_any_ledger(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = run("report", "--template", "list")
    assert outcome.code == 0, outcome.err
    names = [line.split("\t")[0] for line in outcome.out.splitlines()]
    assert names == ["季度工作汇报", "综合检查督查通报", "隐患排查整治情况", "隐患排查治理统计表"]
    assert "存在问题" in outcome.out


def test_md_goes_to_stdout_and_docx_to_a_file_named_for_town_and_period(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    md = run(*Q4, "--ledger", EXAMPLE)
    assert md.code == 0, md.err
    assert md.out.startswith("# 东溪镇2024年第四季度安全生产工作汇报\n")
    docx = run(*Q4, "--ledger", EXAMPLE, "--format", "docx")
    assert docx.code == 0, docx.err
    assert docx.value == "东溪镇2024年第四季度安全生产工作汇报.docx"
    assert (tmp_path / docx.value).read_bytes()[:2] == b"PK"


def test_output_suffix_chooses_the_format(run: Run, tmp_path: Path) -> None:
    outcome = run(*Q4, "--ledger", EXAMPLE, "-o", tmp_path / "汇报.html")
    assert outcome.code == 0, outcome.err
    assert (tmp_path / "汇报.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def write_template(ledger: Path, name: str, text: str) -> None:
    (ledger / "templates").mkdir(exist_ok=True)
    (ledger / "templates" / f"{name}.md.j2").write_text(text, encoding="utf-8")


def test_a_ledgers_own_template_overrides_the_bundled_one(run: Run, ledger: Path) -> None:
    write_template(
        ledger,
        "季度工作汇报",
        "{# 本镇格式 #}\n# {{ town }}{{ period.label }}简报\n\n排查隐患{{ totals.hazards_found }}处。\n",
    )
    outcome = run(*Q4)
    assert outcome.code == 0, outcome.err
    assert outcome.out == "# 东溪镇2024年第四季度简报\n\n排查隐患0处。\n"
    listed = run("report", "--template", "list")
    assert "本镇格式（templates/季度工作汇报.md.j2，替代内置模板）" in listed.out


def test_a_template_reaching_for_the_shell_writes_nothing(run: Run, ledger: Path) -> None:
    write_template(ledger, "恶意", "{# 看似无害 #}\n正文\n{{ os.popen('id').read() }}\n")
    outcome = run(*Q4, "--template", "恶意", "-o", ledger / "out.md")
    assert outcome.code == 1
    assert outcome.err.startswith("错误：templates/恶意.md.j2:3: 出于安全原因已拒绝")
    assert "Traceback" not in outcome.err
    assert not (ledger / "out.md").exists()


def test_a_template_reaching_for_python_internals_is_refused(run: Run, ledger: Path) -> None:
    write_template(ledger, "恶意", "{# x #}\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    outcome = run(*Q4, "--template", "恶意")
    assert outcome.code == 1
    assert "templates/恶意.md.j2:2: 出于安全原因已拒绝：不能访问 __class__" in outcome.err
    assert "subclasses" not in outcome.out and outcome.out == ""


def test_a_broken_template_names_file_and_line(run: Run, ledger: Path) -> None:
    write_template(ledger, "坏", "{# x #}\n\n{% if totals %}\n")
    outcome = run(*Q4, "--template", "坏")
    assert outcome.code == 1
    assert (
        outcome.err.strip() == "错误：templates/坏.md.j2:3: 模板语法错误：模板意外结束，缺少 endif"
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--template", "不存在"), "没有名为 不存在 的模板"),
        (("--template", "季度工作汇报", "--format", "json"), "--template 只用于"),
        (("--format", "pdf"), "--format：pdf 无效，可选 md、docx、html、json"),
    ],
)
def test_bad_template_or_format_is_one_line_and_exit_2(
    run: Run, ledger: Path, args: tuple[str, ...], words: str
) -> None:
    outcome = run(*Q4, *args)
    assert outcome.code == 2
    assert words in outcome.err
    assert len(outcome.err.strip().splitlines()) == 1


def test_missing_notes_are_marked_and_named(run: Run, ledger: Path) -> None:
    outcome = run(*Q4)
    assert outcome.code == 0, outcome.err
    assert "【待填写：存在问题】" in outcome.out
    assert "【待填写：下步打算】" in outcome.out
    assert "notes/2024-Q4.yaml" in outcome.err


def test_notes_fill_the_paragraphs(run: Run, ledger: Path) -> None:
    (ledger / "notes").mkdir()
    (ledger / "notes" / "2024-Q4.yaml").write_text(
        "存在问题:\n  - （一）巡查记录不全。\n下步打算: 1.加强巡查。\n安全生产形势: 总体平稳。\n",
        encoding="utf-8",
    )
    outcome = run(*Q4)
    assert outcome.code == 0, outcome.err
    assert "【待填写" not in outcome.out
    assert "## 三、存在问题\n\n（一）巡查记录不全。\n" in outcome.out


def test_an_empty_period_reports_zeros_and_dashes(run: Run, ledger: Path) -> None:
    outcome = run(*Q4, "--template", "隐患排查整治情况")
    assert outcome.code == 0, outcome.err
    assert "总计检查企业(单位)0家，排查隐患0处，其中已整改完毕0处，整改中0处" in outcome.out
    assert "整改率—" in outcome.out
    report = run(*Q4)
    assert "台账中尚未登记安全生产监管对象。" in report.out
    assert "本季度各行业领域均无检查记录。" in report.out
    assert "其中。" not in report.out
    for fmt in ("docx", "html"):
        assert run(*Q4, "--template", "综合检查督查通报", "--format", fmt).code == 0


@pytest.fixture
def hazard_with_phone(run: Run, ledger: Path, unit: str) -> str:
    found = run(
        "add-hazard", "--enterprise", unit, "--description",
        "业主王五（13912345678，身份证450102199001011234）拒不清理通道",
        "--found", "2024-10-10", "--deadline", "2024-10-20",
    )  # fmt: skip
    assert found.code == 0, found.err
    return found.value


def test_documents_mask_personal_numbers_but_the_ledger_keeps_them(
    run: Run, ledger: Path, hazard_with_phone: str
) -> None:
    report = run(*Q4, "--template", "隐患排查整治情况")
    assert report.code == 0, report.err
    assert "业主王五（139****5678，身份证4501**********1234）" in report.out
    assert "13912345678" not in report.out and "450102199001011234" not in report.out
    kept = run("list", "hazards", "--format", "csv")
    assert "13912345678" in kept.out and "450102199001011234" in kept.out


def test_no_mask_keeps_the_numbers_when_asked(
    run: Run, ledger: Path, hazard_with_phone: str, tmp_path: Path
) -> None:
    outcome = run(
        *Q4, "--template", "隐患排查整治情况", "--no-mask", "--format", "html", "-o", tmp_path
    )
    assert outcome.code == 0, outcome.err
    page = Path(outcome.value).read_text(encoding="utf-8")
    assert "13912345678" in page


def test_a_street_office_is_written_as_such(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "dongcheng"
    assert run("init", root, "--name", "东城街道").code == 0
    outcome = run(*Q4, "--ledger", root)
    assert outcome.code == 0, outcome.err
    assert "现将我街道2024年第四季度安全生产工作情况汇报如下：" in outcome.out
    assert "第四季度，全街道未发生生产安全事故。" in outcome.out
    assert "> 东城街道办事处\n" in outcome.out
    assert "全镇" not in outcome.out and "我镇" not in outcome.out
