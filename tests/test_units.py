"""--enterprise is resolved from the name index, and the index never hides a change on disk."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pypinyin
import pytest

from anquan_cli.errors import UsageError
from anquan_cli.model.enums import RecordKind
from anquan_cli.store import cache, loader, units
from anquan_cli.store.units import UnitName, find_unit, index_file, unit_names
from tests.conftest import Run

EXAMPLE = Path(__file__).parent.parent / "examples" / "dongxi"


pytestmark = pytest.mark.usefixtures("trust_fresh_files")


def unit_file(root: Path, unit_id: str) -> Path:
    return root / "enterprises" / f"{unit_id}.yaml"


def loaders_names(root: Path) -> list[UnitName]:
    entries, _ = loader.load_entries(root, (RecordKind.ENTERPRISE,), use_cache=False)
    return [UnitName(e.record.id, e.record.name, e.record.short_name) for e in entries]  # type: ignore[attr-defined]


def test_the_index_gives_what_the_loader_gives(tmp_path: Path) -> None:
    root = tmp_path / "dongxi"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".anquan"))
    assert unit_names(root) == loaders_names(root)
    assert index_file(root).is_file()
    assert unit_names(root) == loaders_names(root)


def test_a_warm_lookup_parses_no_unit_file(
    ledger: Path, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit_names(ledger)
    monkeypatch.setattr(loader, "parse_record", None)  # any parse would fail
    assert [u.id for u in unit_names(ledger)] == [unit]


def test_a_unit_renamed_by_hand_is_found_by_its_new_name_only(
    run: Run, ledger: Path, unit: str
) -> None:
    assert run("add-hazard", "-e", "兴源化工", "-d", "配电箱未接地").code == 0
    path = unit_file(ledger, unit)
    path.write_text(path.read_text("utf-8").replace("兴源化工", "兴隆化工"), "utf-8")
    assert run("add-hazard", "-e", "兴隆化工", "-d", "灭火器过期").code == 0
    missing = run("add-hazard", "-e", "兴源化工", "-d", "灭火器过期")
    assert missing.code == 2
    assert "找不到单位“兴源化工”" in missing.err


def test_an_edit_keeping_size_and_mtime_is_seen(ledger: Path, unit: str) -> None:
    assert find_unit(ledger, "兴源化工").id == unit
    path = unit_file(ledger, unit)
    before = path.stat()
    path.write_text(path.read_text("utf-8").replace("兴源化工", "兴隆化工"), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert find_unit(ledger, "兴隆化工").id == unit
    with pytest.raises(UsageError, match="找不到单位"):
        find_unit(ledger, "兴源化工")


def test_a_unit_file_copied_in_by_hand_is_found_and_a_removed_one_is_not(
    ledger: Path, unit: str
) -> None:
    assert [u.id for u in unit_names(ledger)] == [unit]
    other = unit.replace("YJB01", "YJB07")
    text = unit_file(ledger, unit).read_text("utf-8")
    unit_file(ledger, other).write_text(
        text.replace(unit, other).replace("兴源化工有限公司", "东溪加油站"), "utf-8"
    )
    assert find_unit(ledger, "东溪加油站").id == other
    unit_file(ledger, unit).unlink()
    assert unit_names(ledger) == [UnitName(other, "东溪加油站", None)]


def test_a_broken_unit_file_is_left_out_as_the_loader_leaves_it(ledger: Path, unit: str) -> None:
    unit_names(ledger)
    path = unit_file(ledger, unit)
    path.write_text(path.read_text("utf-8").replace("name:", "name: [", 1), "utf-8")
    assert unit_names(ledger) == loaders_names(ledger) == []
    assert unit_names(ledger) == []


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b'{"format": 1, "signature": "other", "files": []}',
        b'{"format": 1, "signature": "SIG", "files": [["enterprises/x.yaml", 1, 2]]}',
        b'{"format": 1, "signature": "SIG", "files": [["a", 1, 2, 3, 4, 5, ["n"], null]]}',
    ],
)
def test_a_corrupt_or_foreign_index_is_ignored(ledger: Path, unit: str, content: bytes) -> None:
    unit_names(ledger)
    index_file(ledger).write_bytes(content.replace(b"SIG", cache.signature().encode()))
    assert [u.id for u in unit_names(ledger)] == [unit]
    assert unit_names(ledger) == loaders_names(ledger)


def test_an_index_naming_another_unit_under_the_same_stamp_is_not_trusted_blindly(
    ledger: Path, unit: str
) -> None:
    """The stamp is what decides: an index saying otherwise for a changed file is ignored."""
    unit_names(ledger)
    index = units.read_index(ledger)
    stamp, _ = index[f"enterprises/{unit}.yaml"]
    changed = (stamp[0] + 1, *stamp[1:])
    units.write_index(ledger, {f"enterprises/{unit}.yaml": (changed, UnitName(unit, "假名", None))})
    assert unit_names(ledger) == loaders_names(ledger)


def test_an_id_is_read_from_its_own_file(
    ledger: Path, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(units, "unit_names", None)  # the whole index is never needed
    assert find_unit(ledger, unit.lower()).name == "兴源化工有限公司"


def test_an_id_whose_file_names_another_unit_is_looked_up_like_any_text(
    ledger: Path, unit: str
) -> None:
    other = unit.replace("YJB01", "YJB07")
    shutil.copy(unit_file(ledger, unit), unit_file(ledger, other))  # its id is still `unit`
    with pytest.raises(UsageError, match="找不到单位"):
        find_unit(ledger, other)
    assert find_unit(ledger, unit).id == unit


def test_without_the_cache_the_index_is_neither_read_nor_written(
    ledger: Path, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "enabled", False)
    assert [u.id for u in unit_names(ledger)] == [unit]
    assert not index_file(ledger).exists()


def test_initials_are_remembered_and_a_second_lookup_converts_no_name(
    ledger: Path, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert find_unit(ledger, "xyhg").id == unit
    assert (cache.cache_dir(ledger) / units.PinyinMemo.FILE).is_file()
    monkeypatch.setattr(pypinyin, "lazy_pinyin", None)  # any conversion would fail
    assert find_unit(ledger, "xyhg").id == unit


def test_a_unit_renamed_by_hand_is_found_by_its_new_initials_only(ledger: Path, unit: str) -> None:
    assert find_unit(ledger, "xyhg").id == unit
    path = unit_file(ledger, unit)
    path.write_text(path.read_text("utf-8").replace("兴源化工", "东溪化工"), "utf-8")
    assert find_unit(ledger, "dxhg").id == unit
    with pytest.raises(UsageError, match="找不到单位"):
        find_unit(ledger, "xyhg")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"[]",
        b'{"format": 1, "key": "KEY", "initials": {"\\u5174\\u6e90\\u5316\\u5de5\\u6709\\u9650\\u516c\\u53f8": 7}}',
    ],
)
def test_a_corrupt_initials_memo_is_ignored(ledger: Path, unit: str, content: bytes) -> None:
    memo = cache.cache_dir(ledger) / units.PinyinMemo.FILE
    memo.parent.mkdir(parents=True, exist_ok=True)
    memo.write_bytes(content.replace(b"KEY", units._pinyin_key().encode()))
    assert find_unit(ledger, "xyhg").id == unit


def test_initials_from_another_pypinyin_are_not_used(
    ledger: Path, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = cache.cache_dir(ledger) / units.PinyinMemo.FILE
    memo.parent.mkdir(parents=True, exist_ok=True)
    body = {"format": 1, "key": "0.0/old", "initials": {"兴源化工有限公司": "ABCD"}}
    memo.write_text(json.dumps(body, ensure_ascii=False), "utf-8")
    with pytest.raises(UsageError, match="找不到单位"):
        find_unit(ledger, "abcd")
    assert find_unit(ledger, "xyhg").id == unit
