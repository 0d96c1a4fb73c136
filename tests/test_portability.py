"""Windows is a supported platform: what can be kept working from here.

The main suite runs these on Linux. The portability job (.ci/run) runs them again, with
tests/portability/ first on PYTHONPATH: POSIX-only modules unimportable, os as bare as
Windows' and anquan's Windows code paths chosen (see tests/portability/sitecustomize.py).
"""

from __future__ import annotations

import ast
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import xlsxwriter

from anquan_cli import portable
from anquan_cli.store import atomic, git
from anquan_cli.store.ledger import Ledger
from tests.conftest import Run

HERE = Path(__file__).parent
SRC = HERE.parent / "src" / "anquan_cli"
POSIX_ONLY = ("fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "syslog")


def simulated_windows_env() -> dict[str, str]:
    paths = [str(HERE / "portability"), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def test_no_anquan_module_imports_a_posix_only_module() -> None:
    script = (
        "import importlib, pkgutil, sys, anquan_cli\n"
        "names = [m.name for m in pkgutil.walk_packages(anquan_cli.__path__, 'anquan_cli.')]\n"
        "for name in names:\n"
        "    if name != 'anquan_cli.__main__':\n"
        "        importlib.import_module(name)\n"
        f"print(len(names), sorted(set(sys.modules) & set({POSIX_ONLY!r})))\n"
        "import anquan_cli.portable as p; print(p.WINDOWS)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=simulated_windows_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    count, loaded = done.stdout.splitlines()[0].split(" ", 1)
    assert int(count) > 80
    assert loaded == "[]"
    assert done.stdout.splitlines()[1] == "True"


def test_the_simulated_windows_refuses_what_windows_refuses() -> None:
    script = (
        "import os\n"
        "try:\n    import fcntl\nexcept ImportError:\n    print('no fcntl')\n"
        "print(hasattr(os, 'fchmod'), hasattr(os, 'sync'), hasattr(os, 'O_NOFOLLOW'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=simulated_windows_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.splitlines() == ["no fcntl", "False False False"], done.stderr


def written_files(root: Path) -> list[Path]:
    return [
        p
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(root).parts[:1] and p.suffix != ".xlsx"
    ]


def test_the_core_commands_from_init_to_import(run: Run, tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "东溪镇台账"
    assert run("init", root, "--name", "东溪镇").code == 0
    monkeypatch.chdir(root)
    unit = run(
        "add-enterprise", "--name", "兴源化工有限公司", "--sector", "危险化学品",
        "--village", "东溪村",
    ).value  # fmt: skip
    assert unit.startswith("DX-E-")
    visit = run("add-inspection", "-e", "xyhg", "--date", "2024-10-15", "--leader", "陈波").value
    hazard = run(
        "add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15",
        "--deadline", "2024-10-30", "--inspection", visit,
    ).value  # fmt: skip
    other = run("add-hazard", "-e", unit, "-d", "通道堵塞", "--found", "2024-11-02").value
    assert run("rectify", hazard, "--date", "2024-10-20").value == "已整改"
    assert run("verify", hazard, "--date", "2024-10-28", "--by", "张伟").value == "已销号"
    for args in (
        ("add-penalty", "-e", unit, "--date", "2024-11-05", "--fine", "500", "--hazard", other),
        ("add-accident", "--date", "2024-10-15", "--domain", "工贸"),
        ("add-activity", "--date", "2024-10-15", "--kind", "培训"),
        ("add-plan", "--office", "应急办", "--month", "2024-11", "--inspections", "3"),
    ):
        outcome = run(*args)
        assert outcome.code == 0, (args, outcome.err)

    listed = run("list", "hazards", "--format", "csv")
    assert listed.code == 0 and hazard in listed.out and other in listed.out
    assert run("check").code == 0
    figures = json.loads(run("report", "--quarter", "4", "--year", "2024", "--format", "json").out)
    assert figures["totals"]["hazards_found"] == 2
    assert figures["totals"]["hazards_closed"] == 1
    assert figures["totals"]["penalties"] == 1

    out = tmp_path / "报送材料"
    report = run("report", "--quarter", "4", "--year", "2024", "--format", "docx", "-o", out)
    assert report.code == 0, report.err
    from docx import Document

    (docx_file,) = out.glob("*.docx")
    assert "排查隐患2处" in "".join(p.text for p in Document(str(docx_file)).paragraphs)
    exported = run("export", "--quarter", "4", "--year", "2024", "-o", out)
    assert exported.code == 0, exported.err
    (workbook,) = out.glob("*.xlsx")
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name("隐患排查整改台账")
    assert sum("通道堵塞" in map(str, row) for row in sheet.to_python()) == 1

    book = xlsxwriter.Workbook(str(tmp_path / "旧台账.xlsx"))
    rows = [["单位名称", "发现日期", "隐患描述"], ["兴源化工有限公司", "2024-10-08", "电线老化"]]
    sheet_out = book.add_worksheet("隐患排查整改台账")
    for index, row in enumerate(rows):
        sheet_out.write_row(index, 0, row)
    book.close()
    imported = run("import", tmp_path / "旧台账.xlsx")
    assert imported.code == 0, imported.err
    assert sorted(h.description for h in Ledger.open(root).hazards) == [
        "电线老化", "通道堵塞", "配电箱未接地",
    ]  # fmt: skip
    assert run("check").code == 0
    # every file anquan wrote, the import's and the journal's included, has \n line ends
    assert [p for p in written_files(root) if b"\r" in p.read_bytes()] == []
    assert git.run(root, ["status", "--porcelain"]).stdout == ""


def test_a_record_with_windows_line_ends_is_read_and_rewritten_with_newlines(
    run: Run, unit: str, ledger: Path
) -> None:
    hazard = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15").value
    (path,) = ledger.glob(f"hazards/*/{hazard}.yaml")
    text = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(b"# \xe5\xa4\x87\xe6\xb3\xa8\r\n" + text)  # "# 备注" as a person typed it
    assert run("check").code == 0
    assert run("rectify", hazard, "--date", "2024-10-20").value == "已整改"
    written = path.read_bytes()
    assert b"\r" not in written
    assert written.startswith("# 备注\n".encode())


def test_a_new_ledger_keeps_its_records_lf_under_core_autocrlf(
    run: Run, unit: str, ledger: Path, tmp_path: Path
) -> None:
    attributes = (ledger / ".gitattributes").read_text(encoding="utf-8")
    assert "*.yaml text eol=lf" in attributes
    assert {"*.xlsx binary", "*.docx binary", "*.jpg binary"} <= set(attributes.splitlines())
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "-c", "core.autocrlf=true", "clone", "-q", str(ledger), str(clone)], check=True
    )
    records = list(clone.rglob("*.yaml"))
    assert len(records) == 2  # anquan.yaml and the unit
    assert [p for p in records if b"\r\n" in p.read_bytes()] == []


def test_output_survives_a_gbk_console(
    run: Run, ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows writes a pipe, a file or an old console in code page 936."""
    unit = run("add-enterprise", "--name", "兴源化工🔥有限公司", "--sector", "危险化学品").value
    from anquan_cli.cli.app import main

    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="gbk", errors="strict", newline="\n")
    monkeypatch.setattr(sys, "stdout", console)
    monkeypatch.setattr(sys, "argv", ["anquan", "show", unit])
    main()  # returns: a UnicodeEncodeError would have been raised
    console.flush()
    shown = raw.getvalue().decode("gbk")
    assert "兴源化工?有限公司" in shown


def test_a_narrow_console_writes_lookalikes_for_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    from anquan_cli.cli import console

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    console.survive_narrow_encodings()
    print("✓ 已整改 — ✗ 未整改 😀", file=stream, end="")
    stream.flush()
    assert raw.getvalue().decode("gbk") == "√ 已整改 — × 未整改 ?"


def test_a_replace_refused_while_the_target_is_open_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = tmp_path / "folder"
    tmp_path.mkdir()
    target = tmp_path / "DX-H-2410-YJB01.yaml"
    target.write_bytes(b"id: old\n")
    real_replace, refusals = os.replace, [PermissionError(13, "拒绝访问")] * 3

    def replace(source: str, dest: str) -> None:
        if refusals:
            raise refusals.pop()
        real_replace(source, dest)

    monkeypatch.setattr(portable, "WINDOWS", True)
    monkeypatch.setattr(portable.os, "replace", replace)
    monkeypatch.setattr(portable.time, "sleep", lambda seconds: None)
    atomic.write_atomic(target, b"id: new\n")
    assert target.read_bytes() == b"id: new\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_replace_refused_for_long_fails_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = tmp_path / "folder"
    tmp_path.mkdir()
    target = tmp_path / "DX-H-2410-YJB01.yaml"
    target.write_bytes(b"id: old\n")
    tries: list[str] = []

    def replace(source: str, dest: str) -> None:
        tries.append(dest)
        raise PermissionError(13, "拒绝访问")

    monkeypatch.setattr(portable, "WINDOWS", True)
    monkeypatch.setattr(portable.os, "replace", replace)
    monkeypatch.setattr(portable.time, "sleep", lambda seconds: None)
    with pytest.raises(PermissionError):
        atomic.write_atomic(target, b"id: new\n")
    assert len(tries) == portable._REPLACE_TRIES
    assert target.read_bytes() == b"id: old\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_new_file_never_overwrites_a_name_already_taken(tmp_path: Path) -> None:
    tmp_path = tmp_path / "folder"
    tmp_path.mkdir()
    target = tmp_path / "DX-H-2410-YJB01.yaml"
    assert atomic.create_atomic(target, b"id: first\n")
    assert not atomic.create_atomic(target, b"id: second\n")
    assert target.read_bytes() == b"id: first\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_the_write_lock_shuts_out_a_second_holder(tmp_path: Path) -> None:
    first = os.open(tmp_path / "lock", os.O_RDWR | os.O_CREAT | portable.BINARY)
    second = os.open(tmp_path / "lock", os.O_RDWR | portable.BINARY)
    try:
        assert portable.try_lock(first)
        assert not portable.try_lock(second)
        portable.unlock(first)
        assert portable.try_lock(second)
    finally:
        os.close(first)
        os.close(second)


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) == name
    ]


def test_text_is_written_with_newlines_on_every_system() -> None:
    """Python writes text files with the system's line end (\\r\\n on Windows) unless told."""
    careless = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _calls(tree, "write_text") + _calls(tree, "open"):
            mode = next(
                (a.value for a in call.args[1:2] if isinstance(a, ast.Constant)),
                next((k.value.value for k in call.keywords if k.arg == "mode"), "r"),
            )
            func = call.func
            if isinstance(func, ast.Attribute) and getattr(func.value, "id", None) == "os":
                continue  # os.open takes flags, not a mode: portable.BINARY, checked by the job
            writes_text = call.func.__dict__.get("attr") == "write_text" or (
                isinstance(mode, str) and set(mode) & set("wax") and "b" not in mode
            )
            if writes_text and not any(k.arg == "newline" for k in call.keywords):
                careless.append(f"{path.relative_to(SRC)}:{call.lineno}")
    assert careless == []
