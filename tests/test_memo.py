"""Remembered answers (a report's figures, check's problems) are never stale: any change to a
record file, the settings or anquan itself asks afresh, and an unchanged ledger is not read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from anquan_cli.errors import Problem
from anquan_cli.model.enums import RecordKind
from anquan_cli.store import cache, loader, memo
from anquan_cli.store.ledger import Ledger
from tests.conftest import Run
from tests.sharing.test_district import make_district, make_town

EXAMPLE = Path(__file__).parent.parent / "examples" / "dongxi"
REPORT = ("report", "--quarter", "4", "--year", "2024", "--format", "json")


pytestmark = pytest.mark.usefixtures("trust_fresh_files")


class Reads:
    """Counts the ledger loads (cached or not) a command makes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.loads = 0
        real = loader.load_entries

        def counting(*args: object, **kwargs: object) -> object:
            self.loads += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(loader, "load_entries", counting)
        monkeypatch.setattr("anquan_cli.store.ledger.load_entries", counting)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    return Reads(monkeypatch)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example ledger, the working directory beside it (html is written there)."""
    copy = tmp_path / "example"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".anquan"))
    monkeypatch.chdir(tmp_path)
    return copy


def figures(run: Run, root: Path, *extra: str) -> dict[str, object]:
    outcome = run(*REPORT, "--ledger", root, *extra)
    assert outcome.code == 0, outcome.err
    found = json.loads(outcome.out)
    assert isinstance(found, dict)
    return found


def totals(run: Run, root: Path, *extra: str) -> dict[str, int]:
    found = figures(run, root, *extra)["totals"]
    assert isinstance(found, dict)
    return found


def hazard_files(root: Path) -> list[Path]:
    return sorted((root / "hazards").rglob("*.yaml"))


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_a_remembered_report_is_the_report_counted_afresh(
    run: Run, example: Path, reads: Reads, fmt: str
) -> None:
    args = ("report", "--quarter", "4", "--year", "2024", "--format", fmt, "--ledger", example)
    fresh = run(*args, "--no-cache")
    first = run(*args)
    loads = reads.loads
    again = run(*args)
    assert fresh.code == first.code == again.code == 0
    assert fresh.out == first.out == again.out
    assert reads.loads == loads  # the second time, not one record was read


def test_a_rectify_is_seen_at_once(
    run: Run, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANQUAN_OFFICE", "应急办")
    before = totals(run, example)
    open_one = next(
        path.stem
        for path in hazard_files(example)
        if "status: 整改中" in path.read_text(encoding="utf-8") and "/2024/DX-H-241" in str(path)
    )
    outcome = run("rectify", open_one, "--date", "2024-12-20", "--ledger", example)
    assert outcome.code == 0, outcome.err
    after = totals(run, example)
    assert after["hazards_rectified"] == before["hazards_rectified"] + 1


def test_a_hand_edit_keeping_size_and_mtime_is_seen(run: Run, example: Path) -> None:
    before = totals(run, example)
    path = next(p for p in hazard_files(example) if "found: 2024-11-" in p.read_text("utf-8"))
    stat = path.stat()
    path.write_text(
        path.read_text("utf-8").replace("found: 2024-11-", "found: 2024-08-"), encoding="utf-8"
    )
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    # the edit leaves the hazard found before its inspection: check fails, figures only allowed
    assert totals(run, example, "--allow-errors")["hazards_found"] == before["hazards_found"] - 1


def test_a_deleted_and_a_restored_file_are_seen(run: Run, example: Path) -> None:
    subprocess.run(["git", "init", "-q", str(example)], check=True)
    subprocess.run(["git", "-C", str(example), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(example), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
        check=True,
    )  # fmt: skip
    before = totals(run, example)
    path = next(p for p in hazard_files(example) if "/2024/DX-H-241" in str(p))
    path.unlink()
    assert totals(run, example)["hazards_found"] == before["hazards_found"] - 1
    subprocess.run(["git", "-C", str(example), "checkout", "--", "."], check=True)
    assert totals(run, example) == before


def test_a_changed_setting_is_seen(run: Run, example: Path) -> None:
    before = figures(run, example)
    settings = example / "anquan.yaml"
    settings.write_text(
        settings.read_text("utf-8").replace("name: 东溪镇", "name: 东溪乡"), encoding="utf-8"
    )
    assert figures(run, example)["ledger"] == "东溪乡" != before["ledger"]


def test_a_memo_from_other_code_or_corrupt_is_not_trusted(
    run: Run, example: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = figures(run, example)
    (memo_file,) = (example / ".anquan" / "cache" / "memo").glob("figures-*.json")
    raw = memo_file.read_bytes()
    memo_file.write_bytes(raw.replace(b"hazards_found", b"hazards_fOund", 1))
    loads = reads.loads
    assert figures(run, example) == first
    assert reads.loads == loads + 1
    monkeypatch.setattr(memo, "source_hash", lambda: b"other code")
    assert figures(run, example) == first
    assert reads.loads == loads + 2


def test_no_cache_neither_reads_nor_writes_memos(run: Run, example: Path, reads: Reads) -> None:
    figures(run, example, "--no-cache")
    assert not (example / ".anquan" / "cache" / "memo").exists()
    figures(run, example)
    loads = reads.loads
    figures(run, example, "--no-cache")
    assert reads.loads == loads + 1


def test_files_changed_just_before_the_walk_are_not_remembered(
    run: Run, example: Path, monkeypatch: pytest.MonkeyPatch, reads: Reads
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 3600 * 10**9)
    os.utime(hazard_files(example)[0])
    figures(run, example)
    figures(run, example)
    assert reads.loads == 2
    assert not list((example / ".anquan" / "cache").glob("memo/figures-*"))


def test_check_remembers_its_problems_until_a_file_changes(
    run: Run, example: Path, reads: Reads
) -> None:
    clean = run("check", "--ledger", example)
    loads = reads.loads
    again = run("check", "--ledger", example)
    assert clean.code == again.code == 0 and clean.out == again.out and clean.err == again.err
    assert reads.loads == loads
    path = hazard_files(example)[0]
    path.write_text(path.read_text("utf-8") + "bogus: 1\n", encoding="utf-8")
    broken = run("check", "--ledger", example)
    assert broken.code == 1 and path.name in broken.out
    strict = run("check", "--strict", "--ledger", example)
    assert strict.code == 1 and "警告" not in strict.out


def test_a_district_rechecks_only_the_town_that_changed(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    east = make_town(run, tmp_path / "towns" / "dongxi", "东溪镇", 2)
    make_town(run, tmp_path / "towns" / "xiling", "西岭镇", 1)
    root = make_district(tmp_path / "district", ["../towns/dongxi", "../towns/xiling"])
    assert run(*REPORT, "--ledger", root).code == 0
    checked: list[str] = []
    from anquan_cli.checks import rules

    real = rules.RULES

    def counting(ledger: Ledger) -> list[Problem]:
        checked.append(ledger.settings.name)
        return []

    monkeypatch.setattr(rules, "RULES", (*real, counting))
    assert run("rectify", east[1], "--date", "2024-10-20", "--ledger", tmp_path / "towns" / "dongxi").code == 0  # fmt: skip
    outcome = run(*REPORT, "--ledger", root)
    assert outcome.code == 0, outcome.err
    assert checked == ["东溪镇"]
    assert json.loads(outcome.out)["totals"]["hazards_rectified"] == 1
    assert (root / ".anquan" / "cache" / ".gitignore").read_text() == "*\n"


def test_record_kinds_are_part_of_the_digest(example: Path) -> None:
    from anquan_cli.store.scan import scan

    assert scan(example).digest != scan(example, (RecordKind.HAZARD,)).digest
    assert scan(example).digest == scan(example).digest


def test_only_the_newest_memos_are_kept_by_number_and_by_size(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anquan_cli.store.scan import scan

    scanned = scan(example)
    folder = cache.cache_dir(example) / memo.MEMO_DIR
    monkeypatch.setattr(memo, "MEMO_LIMIT", 3)
    for n in range(5):
        memo.remember(scanned, "test", {"n": n}, {"n": n})
        time.sleep(0.02)  # past the file system's clock tick: each memo newer than the last
    assert [memo.recall(scanned, "test", {"n": n}) for n in range(5)] == [
        None,
        None,
        *({"n": n} for n in (2, 3, 4)),
    ]
    monkeypatch.setattr(memo, "MEMO_LIMIT", 64)
    big = "隐" * 100_000
    monkeypatch.setattr(
        memo, "MEMO_BYTES", 2 * len(json.dumps(big, ensure_ascii=False).encode()) + 1000
    )
    for n in range(5, 9):
        memo.remember(scanned, "test", {"n": n}, big)
        time.sleep(0.02)
    assert len(list(folder.glob("*.json"))) == 2
    assert memo.recall(scanned, "test", {"n": 8}) == big
    monkeypatch.setattr(memo, "MEMO_BYTES", 10)
    memo.remember(scanned, "test", {"n": 9}, big)
    assert memo.recall(scanned, "test", {"n": 9}) == big  # the newest is kept whatever its size
