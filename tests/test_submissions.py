"""报送: `submit`, `status --month/--year` without git, and the figures submissions_late and
submissions_missing, on a ledger counted by hand.

东溪镇 lists 应急办 (handed to), 经发办, 平安办 and the villages 东溪村, 西岭村; 台账 are due by
the 5th of the next month. Handed in: 经发办 10月 on 11-05 (按时, the last day), 11月 on 12-06
(迟报); 东溪村 10月 on 11-01 (按时); 西岭村 12月 on 2025-01-03 (after the Q4 as-of date).
For 2024 Q4 as of 2024-12-31 the months asked are 10月 and 11月 (12月 is due 2025-01-05):
经发办 late 1 missing 0 · 平安办 late 0 missing 2 · 东溪村 late 0 missing 1 · 西岭村 late 0
missing 2 — totals late 1, missing 5.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Run

SETTINGS = """name: 东溪镇
code: DX
villages: [东溪村, 西岭村]
offices:
  - {name: 应急办, code: YJB}
  - {name: 经发办, code: JFB}
  - {name: 平安办, code: PAB}
"""
HANDED = [
    ("--office", "经发办", "2024-10", "2024-11-05"),
    ("--office", "经发办", "2024-11", "2024-12-06"),
    ("--village", "东溪村", "2024-10", "2024-11-01"),
    ("--village", "西岭村", "2024-12", "2025-01-03"),
]


@pytest.fixture
def handed(ledger: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Path:
    (ledger / "anquan.yaml").write_text(SETTINGS, encoding="utf-8")
    monkeypatch.setenv("ANQUAN_OFFICE", "应急办")
    for flag, party, month, day in HANDED:
        outcome = run("submit", "--month", month, flag, party, "--date", day)
        assert outcome.code == 0, outcome.err
        assert outcome.value.startswith(f"DX-S-{day[2:4]}{day[5:7]}-YJB")
    return ledger


def q4(run: Run) -> dict[str, object]:
    outcome = run("report", "--quarter", "4", "--year", "2024", "--format", "json")
    assert outcome.code == 0, outcome.err
    data: dict[str, object] = json.loads(outcome.out)
    return data


def test_late_and_missing_submissions_are_counted_per_office_and_village(
    handed: Path, run: Run
) -> None:
    data = q4(run)
    offices, villages, totals = data["by_office"], data["by_village"], data["totals"]
    assert isinstance(offices, dict) and isinstance(villages, dict) and isinstance(totals, dict)
    late = {n: v["submissions_late"] for n, v in (offices | villages).items()}
    missing = {n: v["submissions_missing"] for n, v in (offices | villages).items()}
    assert late == {"应急办": 0, "经发办": 1, "平安办": 0, "东溪村": 0, "西岭村": 0}
    assert missing == {"应急办": 0, "经发办": 0, "平安办": 2, "东溪村": 1, "西岭村": 2}
    assert (totals["submissions_late"], totals["submissions_missing"]) == (1, 5)


def test_a_later_as_of_sees_a_submission_made_after_the_quarter(handed: Path, run: Run) -> None:
    outcome = run(
        "report", "--quarter", "4", "--year", "2024", "--as-of", "2025-01-10", "--format", "json"
    )
    data = json.loads(outcome.out)
    # 12月 is now due (01-05): 西岭村 handed it in on 01-03, the others did not
    assert data["by_village"]["西岭村"]["submissions_missing"] == 2
    assert data["by_village"]["东溪村"]["submissions_missing"] == 2
    assert data["by_office"]["经发办"]["submissions_missing"] == 1
    assert data["totals"]["submissions_missing"] == 2 + 2 + 1 + 3


def test_explain_lists_the_months_behind_a_submission_figure(handed: Path, run: Run) -> None:
    base = ("report", "--quarter", "4", "--year", "2024", "--format", "json", "--explain")
    shown = json.loads(run(*base, "by_office.平安办.submissions_missing").out)
    assert shown["value"] == 2
    assert [(r["text"], r["status"], r["date"]) for r in shown["records"]] == [
        ("2024-10台账", "未报送", "应于 2024-11-05 前"),
        ("2024-11台账", "未报送", "应于 2024-12-05 前"),
    ]
    late = json.loads(run(*base, "submissions_late").out)
    assert [(r["unit"], r["date"], r["status"]) for r in late["records"]] == [
        ("经发办", "2024-12-06", "迟报")
    ]


def test_submit_refuses_a_second_an_unknown_party_an_early_date_and_the_office_handed_to(
    handed: Path, run: Run
) -> None:
    again = run("submit", "--month", "2024-10", "--office", "经发办", "--date", "2024-11-20")
    assert again.code == 2 and "已于 2024-11-05 报送" in again.err
    unknown = run("submit", "--month", "2024-10", "--office", "财政所")
    assert unknown.code == 2 and "不在台账设置的列表中" in unknown.err
    early = run("submit", "--month", "2024-11", "--village", "西岭村", "--date", "2024-10-31")
    assert early.code == 2 and "早于 2024-11 月初" in early.err
    itself = run("submit", "--month", "2024-11", "--office", "应急办")
    assert itself.code == 2 and "接收报送" in itself.err
    both = run("submit", "--month", "2024-11", "--office", "经发办", "--village", "西岭村")
    assert both.code == 2
    assert len(list((handed / "submissions").rglob("*.yaml"))) == len(HANDED)


def test_check_names_a_hand_copied_second_submission(handed: Path, run: Run) -> None:
    first = sorted((handed / "submissions").rglob("*.yaml"))[0]
    copy = first.with_name(first.name.replace("01.yaml", "09.yaml"))
    copy.write_text(
        first.read_text(encoding="utf-8").replace(first.stem, copy.stem), encoding="utf-8"
    )
    outcome = run("check")
    assert outcome.code == 1
    assert outcome.out.count("不能重复报送") == 2


def test_status_of_a_past_month_works_without_git_from_the_records_own_dates(
    handed: Path, run: Run, unit: str
) -> None:
    # a record back-filled today for November counts for November, not for this month
    run("add-inspection", "-e", unit, "--date", "2024-11-12")
    shutil.rmtree(handed / ".git")
    outcome = run("status", "--month", "2024-11", "--as-of", "2024-12-31", "--format", "json")
    assert outcome.code == 0, outcome.err
    data = json.loads(outcome.out)
    rows = {row["office"]: row for row in data["offices"]}
    assert list(rows) == ["应急办", "经发办", "平安办", "东溪村", "西岭村"]
    assert rows["应急办"]["submission"] is None  # the office handed to
    assert rows["应急办"]["records_this_month"] == 1
    assert rows["应急办"]["last_change"] == "2024-11-12"
    assert rows["经发办"]["submission"] == {
        "mark": "迟报",
        "due": "2024-12-05",
        "date": "2024-12-06",
        "id": rows["经发办"]["submission"]["id"],
    }
    assert rows["平安办"]["submission"]["mark"] == "未报送"
    assert rows["西岭村"]["updated_this_month"] is False
    table = run("status", "--month", "2024-11", "--as-of", "2024-12-31")
    assert table.code == 0
    assert "未报送：平安办、东溪村、西岭村" in table.err
    assert "迟报：经发办" in table.err


def test_status_of_a_year_marks_each_month(handed: Path, run: Run) -> None:
    outcome = run("status", "--year", "2024", "--as-of", "2025-01-04", "--format", "json")
    assert outcome.code == 0, outcome.err
    rows = {row["office"]: row for row in json.loads(outcome.out)["offices"]}
    marks = {name: [m["mark"] for m in row["months"].values()] for name, row in rows.items()}
    assert marks["经发办"] == ["未报送"] * 9 + ["按时", "迟报", "未到期"]
    assert marks["西岭村"] == ["未报送"] * 11 + ["按时"]
    assert (rows["平安办"]["submissions_late"], rows["平安办"]["submissions_missing"]) == (0, 11)
    assert "应急办" not in rows
    table = run("status", "--year", "2024", "--as-of", "2025-01-04")
    assert table.code == 0 and "经发办" in table.out and "迟" in table.out


def test_list_shows_submissions_by_date_and_village(handed: Path, run: Run) -> None:
    listed = json.loads(run("list", "submissions", "--format", "json").out)
    assert [(s["month"], s.get("office") or s.get("village")) for s in listed] == [
        ("2024-10", "经发办"),  # by ID: the month of the day handed in, then the order made
        ("2024-10", "东溪村"),
        ("2024-11", "经发办"),
        ("2024-12", "西岭村"),
    ]
    chosen = run("list", "submissions", "--village", "西岭村", "--from", "2025-01-01")
    assert chosen.code == 0, chosen.err
    assert "2024-12" in chosen.out and "经发办" not in chosen.out


def test_a_ledger_that_records_no_submission_counts_none_missing(
    ledger: Path, run: Run, unit: str
) -> None:
    (ledger / "anquan.yaml").write_text(SETTINGS, encoding="utf-8")
    data = q4(run)
    totals = data["totals"]
    assert isinstance(totals, dict)
    assert (totals["submissions_late"], totals["submissions_missing"]) == (0, 0)
    notice = run("report", "--quarter", "4", "--year", "2024", "--template", "综合检查督查通报")
    assert notice.code == 0, notice.err
    assert "台账报送情况" not in notice.out
