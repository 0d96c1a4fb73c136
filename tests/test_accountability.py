"""首查必罚 and 月月清零 on a ledger counted by hand.

Offices 应急办, 经发办, 规划所. Units U1 (应急办), U2 (经发办). I1 2024-10-08 U1 by 应急办 · I2
2024-10-10 U2 by 经发办.

HA U1 重大 found 10-08 (I1), deadline 10-31, never fixed; P1 cites HA on 11-07 (day 30): punished.
HB U2 重大 found 10-10 (I2), deadline 11-15, fixed 11-20; P2 cites I2 on 11-10 (day 31): not.
HC U2 一般 found 10-10 (I2), deadline 10-20, fixed 11-05.
HD U1 重大 found 12-10, deadline 12-20, never fixed: its 30 days run past 12-31 (not yet due).

首查未罚 in Q4 (as of 12-31): HB alone, under 经发办.
月月清零: 应急办 10: HA · 11: HA · 12: HA, HD; 经发办 10: HC · 11: 0 (HB fixed 11-20 after its
11-15 deadline, but before the month's end) · 12: 0; 规划所 nothing: cleared every month.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

REPORT = ("report", "--quarter", "4", "--year", "2024", "--format", "json")


def _ok(run: Run, *args: str) -> str:
    outcome = run(*args)
    assert outcome.code == 0, outcome.err
    return outcome.value


@pytest.fixture
def ids(run: Run, ledger: Path) -> dict[str, str]:
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("offices: [应急办, 经发办, 规划所]\n")
    made: dict[str, str] = {}
    made["U1"] = _ok(run, "add-enterprise", "--name", "甲机械厂", "--sector", "工贸", "--office", "应急办")  # fmt: skip
    made["U2"] = _ok(run, "add-enterprise", "--name", "乙化工厂", "--sector", "危险化学品", "--office", "经发办")  # fmt: skip
    made["I1"] = _ok(run, "add-inspection", "-e", made["U1"], "--date", "2024-10-08", "--office", "应急办")  # fmt: skip
    made["I2"] = _ok(run, "add-inspection", "-e", made["U2"], "--date", "2024-10-10", "--office", "经发办")  # fmt: skip
    made["HA"] = _ok(run, "add-hazard", "-e", made["U1"], "--inspection", made["I1"], "--found", "2024-10-08", "--level", "重大", "--description", "配电柜无防护", "--deadline", "2024-10-31")  # fmt: skip
    made["HB"] = _ok(run, "add-hazard", "-e", made["U2"], "--inspection", made["I2"], "--found", "2024-10-10", "--level", "重大", "--description", "储罐无泄漏报警", "--deadline", "2024-11-15")  # fmt: skip
    made["HC"] = _ok(run, "add-hazard", "-e", made["U2"], "--inspection", made["I2"], "--found", "2024-10-10", "--description", "灭火器过期", "--deadline", "2024-10-20")  # fmt: skip
    made["HD"] = _ok(run, "add-hazard", "-e", made["U1"], "--found", "2024-12-10", "--level", "重大", "--description", "吊装设备无检验", "--deadline", "2024-12-20")  # fmt: skip
    _ok(run, "rectify", made["HB"], "--date", "2024-11-20")
    _ok(run, "rectify", made["HC"], "--date", "2024-11-05")
    made["P1"] = _ok(run, "add-penalty", "-e", made["U1"], "--date", "2024-11-07", "--fine", "5000", "--hazard", made["HA"])  # fmt: skip
    made["P2"] = _ok(run, "add-penalty", "-e", made["U2"], "--date", "2024-11-10", "--fine", "3000", "--inspection", made["I2"])  # fmt: skip
    return made


def _report(run: Run, *more: str) -> dict[str, Any]:
    outcome = run(*REPORT, *more)
    assert outcome.code == 0, outcome.err
    data: dict[str, Any] = json.loads(outcome.out)
    return data


def test_a_major_finding_unpunished_after_30_days_is_counted(run: Run, ids: dict[str, str]) -> None:
    data = _report(run)
    assert data["totals"]["first_findings_unpunished"] == 1
    assert data["by_office"]["经发办"]["first_findings_unpunished"] == 1
    assert data["by_office"]["应急办"]["first_findings_unpunished"] == 0
    explained = json.loads(run(*REPORT, "--explain", "first_findings_unpunished").out)
    assert [row["id"] for row in explained["records"]] == [ids["HB"]]


def test_a_penalty_on_day_30_follows_the_finding_and_day_31_does_not(
    run: Run, ids: dict[str, str], ledger: Path
) -> None:
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("penalty_within_days: 31\n")
    assert _report(run)["totals"]["first_findings_unpunished"] == 0


def test_the_ledger_chooses_which_findings_must_be_punished(
    run: Run, ids: dict[str, str], ledger: Path
) -> None:
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("penalize_on_first_finding: [一般]\n")
    explained = json.loads(run(*REPORT, "--explain", "first_findings_unpunished").out)
    assert [row["id"] for row in explained["records"]] == [ids["HC"]]


def test_a_finding_not_yet_30_days_old_is_not_counted(run: Run, ids: dict[str, str]) -> None:
    # As of 2024-11-08 HB's 30 days (to 11-09) have not passed; HA was punished on 11-07.
    data = _report(run, "--as-of", "2024-11-08")
    assert data["totals"]["first_findings_unpunished"] == 0
    assert _report(run, "--as-of", "2024-11-09")["totals"]["first_findings_unpunished"] == 1


def test_monthly_clearance_counts_what_each_office_left_open(run: Run, ids: dict[str, str]) -> None:
    data = _report(run)
    assert data["monthly_clearance"] == {
        "应急办": {"2024-10": 1, "2024-11": 1, "2024-12": 2},
        "经发办": {"2024-10": 1, "2024-11": 0, "2024-12": 0},
        "规划所": {"2024-10": 0, "2024-11": 0, "2024-12": 0},
    }
    assert data["offices_cleared"] == ["规划所"]
    explained = json.loads(run(*REPORT, "--explain", "monthly_clearance.应急办.2024-12").out)
    assert sorted(row["id"] for row in explained["records"]) == sorted([ids["HA"], ids["HD"]])


def test_a_month_is_judged_only_once_it_has_ended(run: Run, ids: dict[str, str]) -> None:
    data = _report(run, "--as-of", "2024-11-20")
    assert data["monthly_clearance"]["经发办"] == {"2024-10": 1}
    wrong = run(*REPORT, "--as-of", "2024-11-20", "--explain", "monthly_clearance.经发办.2024-11")
    assert wrong.code == 2 and "2024-10" in wrong.err
