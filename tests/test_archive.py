"""安全专卷: file-archive records one item as filed; the report names what is missing.

Hand count (2024, as of 2024-12-31): items 责任书, 巡查记录, 会议记录. Offices 应急办, 经发办,
供销社; villages 东溪村, 白云寺村. 应急办 files all three; 经发办 files 责任书 only; 供销社
nothing; 东溪村 files 责任书 and 巡查记录; 白云寺村 files 会议记录 for 2023 only (not this year)
and 巡查记录 on 2025-01-05 (after the as-of date).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

REPORT = ("report", "--year", "2024", "--format", "json")


@pytest.fixture
def filed(run: Run, ledger: Path) -> Path:
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write(
            "offices: [应急办, 经发办, 供销社]\n"
            "villages: [东溪村, 白云寺村]\n"
            "archive_items: [责任书, 巡查记录, 会议记录]\n"
        )
    for args in (
        ("--office", "应急办", "--item", "责任书"),
        ("--office", "应急办", "--item", "巡查记录"),
        ("--office", "应急办", "--item", "会议记录"),
        ("--office", "经发办", "--item", "责任书"),
        ("--village", "东溪村", "--item", "责任书"),
        ("--village", "东溪村", "--item", "巡查记录"),
    ):
        outcome = run("file-archive", *args, "--year", "2024", "--date", "2024-06-30")
        assert outcome.code == 0, outcome.err
    old = run("file-archive", "--village", "白云寺村", "--item", "会议记录", "--year", "2023", "--date", "2024-01-10")  # fmt: skip
    assert old.code == 0, old.err
    late = run("file-archive", "--village", "白云寺村", "--item", "巡查记录", "--year", "2024", "--date", "2025-01-05")  # fmt: skip
    assert late.code == 0, late.err
    return ledger


def _report(run: Run) -> dict[str, Any]:
    outcome = run(*REPORT)
    assert outcome.code == 0, outcome.err
    data: dict[str, Any] = json.loads(outcome.out)
    return data


def test_the_report_names_what_each_office_and_village_has_not_filed(run: Run, filed: Path) -> None:
    data = _report(run)
    assert data["archive"]["year"] == 2024
    assert data["archive"]["items"] == ["责任书", "巡查记录", "会议记录"]
    assert data["archive"]["by_office"]["应急办"] == {
        "filed": ["责任书", "巡查记录", "会议记录"],
        "missing": [],
    }
    assert data["archive_missing"] == {
        "by_office": {
            "经发办": ["巡查记录", "会议记录"],
            "供销社": ["责任书", "巡查记录", "会议记录"],
        },
        "by_village": {"东溪村": ["会议记录"], "白云寺村": ["责任书", "巡查记录", "会议记录"]},
    }
    assert list(data["archive_missing"]["by_village"]) == ["东溪村", "白云寺村"]


def test_explain_lists_the_items_filed_and_missing(run: Run, filed: Path) -> None:
    outcome = run(*REPORT, "--explain", "archive.by_office.经发办")
    assert outcome.code == 0, outcome.err
    explained = json.loads(outcome.out)
    assert explained["value"] == 2
    assert [(r["text"], r["status"]) for r in explained["records"]] == [
        ("责任书", "已归档"),
        ("巡查记录", "未归档"),
        ("会议记录", "未归档"),
    ]


def test_file_archive_refuses_what_the_ledger_does_not_know(run: Run, filed: Path) -> None:
    unknown_item = run("file-archive", "--office", "经发办", "--item", "照片", "--year", "2024")
    assert unknown_item.code == 2 and "专卷项目“照片”不在台账设置的列表中" in unknown_item.err
    unknown_office = run("file-archive", "--office", "公房站", "--item", "责任书", "--year", "2024")
    assert unknown_office.code == 2 and "办所“公房站”不在台账设置的列表中" in unknown_office.err
    unknown_village = run("file-archive", "--village", "西村", "--item", "责任书", "--year", "2024")
    assert unknown_village.code == 2 and "村(社区)“西村”" in unknown_village.err
    twice = run("file-archive", "--office", "应急办", "--item", "责任书", "--year", "2024")
    assert twice.code == 2 and "已于 2024-06-30 归档" in twice.err
    both = run("file-archive", "--office", "应急办", "--village", "东溪村", "--item", "责任书")
    assert both.code == 2 and "只写一个" in both.err
    assert "Traceback" not in twice.err + both.err
    listed = json.loads(run("list", "archive", "--format", "json").out)
    assert len(listed) == 8


def test_without_archive_items_nothing_can_be_filed(run: Run, ledger: Path) -> None:
    refused = run("file-archive", "--office", "应急办", "--item", "责任书")
    assert refused.code == 2 and "archive_items" in refused.err
    data = _report(run)
    assert data["archive_missing"] == {"by_office": {}, "by_village": {}}


def test_check_names_an_item_filed_twice_by_hand(run: Run, filed: Path) -> None:
    folder = filed / "archive" / "2024"
    first = sorted(folder.glob("*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    copy_id = first.stem[:-2] + "99"
    (folder / f"{copy_id}.yaml").write_text(text.replace(first.stem, copy_id), encoding="utf-8")
    outcome = run("check")
    assert outcome.code == 1
    assert f"{copy_id}.yaml" in outcome.out + outcome.err
    assert "重复登记" in outcome.out + outcome.err
