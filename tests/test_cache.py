"""The read cache never gives a stale figure: every way a file can change is seen at once."""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anquan_cli.errors import Problem
from anquan_cli.model.enums import RecordKind
from anquan_cli.model.records import Accident, Hazard, Penalty, Record
from anquan_cli.store import cache, loader
from anquan_cli.store.ledger import Ledger
from tests.conftest import Run
from tests.test_yaml_fast import records

EXAMPLE = Path(__file__).parent.parent / "examples" / "dongxi"


pytestmark = pytest.mark.usefixtures("trust_fresh_files")


class Parses:
    """Counts the files the loader parses, so a test can tell a cache hit from a miss."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: list[str] = []
        real = loader.parse_record

        def counting(kind: RecordKind, raw: bytes, shown: str) -> tuple[object, list[Problem]]:
            self.files.append(shown)
            return real(kind, raw, shown)

        monkeypatch.setattr(loader, "parse_record", counting)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Parses:
    return Parses(monkeypatch)


@pytest.fixture
def hazard(run: Run, unit: str) -> str:
    outcome = run(
        "add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-08",
        "--deadline", "2024-10-20",
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    return outcome.value


def hazard_file(root: Path, hazard_id: str) -> Path:
    return next(root.glob(f"hazards/*/{hazard_id}.yaml"))


def status(root: Path, hazard_id: str) -> str:
    return str(Ledger.open(root).get_as(hazard_id, Hazard).status)


def test_a_warm_load_parses_nothing(ledger: Path, unit: str, hazard: str, parses: Parses) -> None:
    first = Ledger.open(ledger)
    # add-hazard found its unit through the name index, not the record cache: both are new
    assert parses.files == [f"enterprises/{unit}.yaml", f"hazards/2024/{hazard}.yaml"]
    parses.files.clear()
    second = Ledger.open(ledger)
    assert parses.files == []
    assert second.entries == first.entries
    assert (ledger / ".anquan" / "cache").is_dir()


def test_a_rectify_is_seen_at_once(run: Run, ledger: Path, hazard: str, parses: Parses) -> None:
    assert status(ledger, hazard) == "整改中"
    assert run("rectify", hazard, "--date", "2024-10-15").code == 0
    parses.files.clear()
    assert status(ledger, hazard) == "已整改"
    assert parses.files == [f"hazards/2024/{hazard}.yaml"]


def test_a_hand_edit_keeping_size_and_mtime_is_seen(ledger: Path, hazard: str) -> None:
    path = hazard_file(ledger, hazard)
    assert Ledger.open(ledger).get_as(hazard, Hazard).description == "配电箱未接地"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("配电箱未接地", "配电箱未接零"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert Ledger.open(ledger).get_as(hazard, Hazard).description == "配电箱未接零"


def test_a_deleted_file_is_gone_at_once(ledger: Path, hazard: str) -> None:
    assert len(Ledger.open(ledger).hazards) == 1
    hazard_file(ledger, hazard).unlink()
    assert Ledger.open(ledger).hazards == []


def test_an_added_file_is_seen_at_once(ledger: Path, hazard: str) -> None:
    Ledger.open(ledger)
    path = hazard_file(ledger, hazard)
    twin = path.with_name(path.name.replace("01.yaml", "02.yaml"))
    twin.write_text(path.read_text(encoding="utf-8").replace(hazard, twin.stem), encoding="utf-8")
    assert sorted(h.id for h in Ledger.open(ledger).hazards) == [hazard, twin.stem]


def test_a_git_checkout_restore_is_seen(run: Run, ledger: Path, hazard: str) -> None:
    assert run("rectify", hazard, "--date", "2024-10-15").code == 0
    assert status(ledger, hazard) == "已整改"
    path = hazard_file(ledger, hazard).relative_to(ledger).as_posix()
    git = ["git", "-C", str(ledger)]
    subprocess.run([*git, "checkout", "HEAD~1", "--", path], check=True, capture_output=True)
    assert status(ledger, hazard) == "整改中"
    subprocess.run([*git, "checkout", "HEAD", "--", path], check=True, capture_output=True)
    assert status(ledger, hazard) == "已整改"


def shards(root: Path) -> list[Path]:
    return sorted((root / ".anquan" / "cache").glob("*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"\x80\x81garbage\n" * 3,
        lambda raw: raw.replace("配电箱未接地".encode(), "配电箱未接零".encode()),
        lambda raw: raw.replace(b"anquan-cache", b"anquan-cachf", 1),
    ],
    ids=["empty", "truncated", "garbage", "edited-without-checksum", "foreign"],
)
def test_a_corrupt_cache_is_rebuilt_not_trusted(
    ledger: Path, hazard: str, parses: Parses, damage: object
) -> None:
    first = Ledger.open(ledger)
    for shard in shards(ledger):
        shard.write_bytes(damage(shard.read_bytes()))  # type: ignore[operator]
    parses.files.clear()
    again = Ledger.open(ledger)
    assert again.entries == first.entries
    assert again.get_as(hazard, Hazard).description == "配电箱未接地"
    assert f"hazards/2024/{hazard}.yaml" in parses.files
    parses.files.clear()
    Ledger.open(ledger)
    assert parses.files == []


def test_a_cache_from_other_code_is_not_trusted(
    ledger: Path, hazard: str, parses: Parses, monkeypatch: pytest.MonkeyPatch
) -> None:
    Ledger.open(ledger)
    monkeypatch.setattr(cache, "signature", lambda: "another-version")
    parses.files.clear()
    Ledger.open(ledger)
    assert len(parses.files) == 2


def test_no_cache_reads_every_file_and_leaves_the_cache_alone(
    run: Run, ledger: Path, hazard: str, parses: Parses
) -> None:
    Ledger.open(ledger)
    written = {p: p.stat().st_mtime_ns for p in shards(ledger)}
    parses.files.clear()
    assert run("--no-cache", "list", "hazards", "--format", "json").code == 0
    assert len(parses.files) == 2
    assert run("list", "hazards", "--no-cache").code == 0
    assert len(parses.files) == 4
    assert run("report", "--year", "2024", "--format", "json", "--no-cache").code == 0
    assert len(parses.files) == 6
    assert {p: p.stat().st_mtime_ns for p in shards(ledger)} == written
    parses.files.clear()
    assert run("list", "hazards").code == 0
    assert parses.files == []
    assert cache.enabled


def test_files_changed_just_before_reading_are_not_cached(
    ledger: Path, hazard: str, parses: Parses, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change within the file system's timestamp tick could hide behind an equal stamp."""
    monkeypatch.setattr(cache, "RACY_NS", 3600 * 10**9)
    Ledger.open(ledger)
    parses.files.clear()
    Ledger.open(ledger)
    assert f"hazards/2024/{hazard}.yaml" in parses.files
    shutil.rmtree(ledger / ".anquan" / "cache")
    Ledger.open(ledger)
    parses.files.clear()
    Ledger.open(ledger)
    assert len(parses.files) == 2


def test_problems_are_cached_with_their_lines(ledger: Path, hazard: str, parses: Parses) -> None:
    path = hazard_file(ledger, hazard)
    path.write_text(path.read_text(encoding="utf-8") + "deadline_x: 1\n", encoding="utf-8")
    first = Ledger.open(ledger)
    assert [p.path for p in first.problems] == [f"hazards/2024/{hazard}.yaml"]
    parses.files.clear()
    second = Ledger.open(ledger)
    assert parses.files == []
    assert second.problems == first.problems


@pytest.fixture
def example(tmp_path: Path) -> Path:
    copy = tmp_path / "example"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".anquan"))
    return copy


def test_cached_parallel_and_fresh_loads_agree(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = Ledger.open(example, use_cache=False)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    parallel = Ledger.open(example)
    warm = Ledger.open(example)
    assert fresh.entries == parallel.entries == warm.entries
    assert fresh.problems == parallel.problems == warm.problems == []
    assert len(warm.hazards) == 160


def test_a_partial_load_keeps_the_other_kinds_cached(example: Path, parses: Parses) -> None:
    Ledger.open(example)
    entries, _ = loader.load_entries(example, (RecordKind.ENTERPRISE,))
    assert len(entries) == 40
    parses.files.clear()
    Ledger.open(example)
    assert parses.files == []


def test_progress_hears_how_a_cold_load_goes(example: Path) -> None:
    heard: list[tuple[int, int]] = []
    Ledger.open(example, progress=lambda done, total: heard.append((done, total)))
    files = sum(1 for kind in RecordKind for _ in (example / kind.value).rglob("*.yaml"))
    assert heard[-1][0] == heard[-1][1] == files
    heard.clear()
    Ledger.open(example, progress=lambda done, total: heard.append((done, total)))
    assert heard == []


amounts = st.one_of(  # an amount is to the fen (model/fields.py)
    st.decimals(min_value=0, max_value=10**12 - 1, places=2, allow_nan=False),
    st.floats(min_value=0, max_value=10**12 - 1).map(lambda f: Decimal(repr(round(f, 2)))),
    st.integers(min_value=0, max_value=10**12 - 1).map(Decimal),
)


@settings(max_examples=300, deadline=None)
@given(records(), amounts)
def test_a_record_is_cached_exactly_when_its_json_brings_it_back(
    record: Record, amount: Decimal
) -> None:
    money = {Hazard: "funds", Penalty: "fine", Accident: "loss_yuan"}.get(type(record))
    if money is not None:
        record = record.model_copy(update={money: amount})
    shard = cache.adapter(type(record))
    back = shard.validate_json(shard.dump_json([record]))[0]
    assert cache.keeps(record) == (back == record)


def test_an_amount_beyond_the_fen_is_the_files_problem_not_a_record(
    ledger: Path, hazard: str
) -> None:
    """An amount is to the fen, so every amount comes back from the cache's JSON; one with
    more decimals (typed by hand) makes the file unreadable, as add-hazard refuses it."""
    path = hazard_file(ledger, hazard)
    path.write_text(path.read_text("utf-8") + 'funds: "1234.123456789012345678"\n', "utf-8")
    book = Ledger.open(ledger)
    assert hazard not in book.by_id
    assert [p.message for p in book.problems] == [
        "整改资金(元)：金额 1234.123456789012345678 元有两位以上的小数，金额精确到分"
    ]
