"""The hand-counted ledger of tests/handcount.py: every figure as counted on paper."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from anquan_cli.stats.periods import Period, quarter
from anquan_cli.stats.summary import Summary, summarize
from tests import handcount

FIGURE_ORDER = (
    "enterprises_inspected",
    "inspections",
    "inspector_visits",
    "hazards_found",
    "hazards_major",
    "hazards_rectified",
    "hazards_open",
    "hazards_overdue",
    "hazards_closed",
    "backlog_open",
)


def summary(period: Period) -> Summary:
    return summarize(handcount.records(), period, settings=handcount.SETTINGS)


def figures(counts: dict[str, Any]) -> tuple[int, ...]:
    return tuple(counts[key] for key in FIGURE_ORDER)


@pytest.mark.parametrize(
    ("period", "expected", "rate"),
    [
        (quarter(2024, 3), (2, 2, 5, 3, 1, 1, 2, 0, 1, 0), 1 / 3),
        (quarter(2024, 4), (5, 6, 9, 5, 2, 2, 3, 1, 1, 1), 0.4),
        (quarter(2025, 1), (2, 2, 3, 2, 0, 1, 1, 1, 0, 3), 0.5),
        # mid-quarter: H5 still open (fixed 12-10), H6 not yet due, H2 closed that very day
        (quarter(2024, 4, date(2024, 11, 15)), (3, 3, 6, 3, 1, 1, 2, 0, 1, 1), 1 / 3),
        # H4 fixed but not yet verified; H2 sent back on 10-12, so back in the backlog
        (quarter(2024, 4, date(2024, 10, 31)), (2, 2, 5, 2, 1, 1, 1, 0, 0, 2), 0.5),
    ],
)
def test_totals_as_counted_by_hand(period: Period, expected: tuple[int, ...], rate: float) -> None:
    totals = summary(period).to_dict()["totals"]
    assert figures(totals) == expected
    assert totals["rectification_rate"] == pytest.approx(rate)


def test_the_same_hazard_counts_as_open_mid_quarter_and_rectified_at_its_end() -> None:
    mid = summary(quarter(2024, 4, date(2024, 11, 15))).by_sector["危险化学品"]
    end = summary(quarter(2024, 4)).by_sector["危险化学品"]
    assert (mid.hazards_found, mid.hazards_rectified, mid.hazards_open) == (1, 0, 1)
    assert (end.hazards_found, end.hazards_rectified, end.hazards_open) == (1, 1, 0)


def test_money_and_accidents_in_the_fourth_quarter() -> None:
    totals = summary(quarter(2024, 4)).to_dict()["totals"]
    assert (totals["penalties"], totals["fines_yuan"], totals["fines_wan"]) == (1, 15600, 1.56)
    assert (totals["accidents"], totals["deaths"], totals["injuries"]) == (1, 1, 2)
    q1 = summary(quarter(2025, 1)).to_dict()["totals"]
    assert (q1["penalties"], q1["fines_yuan"], q1["fines_wan"]) == (1, 2000, 0.2)


def test_breakdowns_by_sector_village_and_office() -> None:
    data = summary(quarter(2024, 4)).to_dict()
    by_sector = {name: figures(c) for name, c in data["by_sector"].items()}
    assert by_sector == {
        "危险化学品": (1, 1, 3, 1, 1, 1, 0, 0, 0, 1),
        "工贸": (1, 2, 3, 2, 1, 1, 1, 0, 1, 0),
        "道路运输": (0,) * 10,
        "自建房": (1, 1, 2, 1, 0, 0, 1, 0, 0, 0),
        "九小场所": (2, 2, 1, 1, 0, 0, 1, 1, 0, 0),
    }
    assert data["by_sector"]["道路运输"]["accidents"] == 1
    by_village = {name: figures(c) for name, c in data["by_village"].items()}
    assert by_village == {
        "东村": (3, 4, 8, 4, 2, 2, 2, 0, 1, 1),
        "西村": (1, 1, 1, 1, 0, 0, 1, 1, 0, 0),
        "南村": (1, 1, 0, 0, 0, 0, 0, 0, 0, 0),
        "未填写": (0,) * 10,
    }
    assert data["by_village"]["未填写"]["deaths"] == 1
    by_supervisor = {name: figures(c) for name, c in data["by_supervisor"].items()}
    assert by_supervisor == {
        "应急办": (3, 3, 3, 2, 0, 0, 2, 1, 0, 0),
        "经发办": (2, 3, 6, 3, 2, 2, 1, 0, 1, 1),
        "未填写": (0,) * 10,
    }
    # by the office that inspected: 应急办's one inspection of a unit 经发办 supervises moves
    # to 应急办 (with its one inspector); no hazard cites it, so the hazards stay
    by_office = {name: figures(c) for name, c in data["by_office"].items()}
    assert by_office == {
        "应急办": (4, 4, 4, 2, 0, 0, 2, 1, 0, 0),
        "经发办": (2, 2, 5, 3, 2, 2, 1, 0, 1, 1),
        "未填写": (0,) * 10,
    }
    assert data["by_sector"]["九小场所"]["rectification_rate"] == 0.0
    assert data["by_sector"]["自建房"]["rectification_rate"] == 0.0
    assert data["by_village"]["南村"]["rectification_rate"] is None


def test_leaders_count_their_activities_and_the_inspections_they_led() -> None:
    leaders = summary(quarter(2024, 4)).to_dict()["leaders"]
    assert leaders["张书记"] == {
        "专题会议": 2,
        "部署": 1,
        "带队检查": 5,
        "调研": 0,
        "培训": 0,
        "宣传": 0,
        "演练": 0,
        **dict.fromkeys(("会商", "值班", "劝导", "约谈", "通报批评", "执法"), 0),
    }
    assert leaders["李镇长"]["带队检查"] == 2
    assert leaders["李镇长"]["调研"] == 1
    assert leaders["李镇长"]["专题会议"] == 0
    assert list(leaders) == ["张书记", "李镇长"]
    q3 = summary(quarter(2024, 3)).to_dict()["leaders"]
    assert q3["李镇长"]["专题会议"] == 1
    assert q3["张书记"]["带队检查"] == 1


def test_activities_without_a_leader_still_count_for_the_office() -> None:
    activities = summary(quarter(2024, 4)).to_dict()["activities"]
    assert activities["培训"] == {"count": 1, "people": 60, "quantities": []}
    assert activities["带队检查"]["count"] == 4


def test_plans_against_inspections_made_by_each_office() -> None:
    data = summary(quarter(2024, 4)).to_dict()
    plans = data["plans"]
    assert plans["经发办"] == {"planned": 6, "done": 2, "rate": pytest.approx(1 / 3)}
    assert plans["应急办"] == {"planned": 3, "done": 4, "rate": pytest.approx(4 / 3)}
    assert data["plans_total"] == {"planned": 9, "done": 6, "rate": pytest.approx(6 / 9)}
    q1 = summary(quarter(2025, 1)).to_dict()["plans"]
    assert q1 == {"经发办": {"planned": 3, "done": 1, "rate": pytest.approx(1 / 3)}}


def test_units_by_sector_subtype_and_attribute() -> None:
    units = summary(quarter(2024, 4)).to_dict()["units"]
    assert units["total"] == 8
    assert units["by_sector"]["自建房"]["count"] == 2
    assert units["by_sector"]["自建房"]["unit"] == "栋"
    small = units["by_sector"]["九小场所"]
    assert small["by_subtype"] == {"小商店": 1, "小餐馆": 1}
    assert small["attributes"] == {"燃气报警装置": {"已安装": 1, "未安装": 1}}
    assert units["by_village"] == {"东村": 3, "西村": 2, "南村": 3}


def test_an_accident_with_no_unit_counts_under_its_own_domain() -> None:
    accidents = summary(quarter(2024, 4)).to_dict()["accidents"]
    assert accidents["by_domain"] == {"道路运输": {"accidents": 1, "deaths": 1, "injuries": 2}}
    assert [a["id"] for a in accidents["items"]] == [handcount.ID["A1"]]


def test_overdue_and_open_major_lists() -> None:
    data = summary(quarter(2024, 4)).to_dict()
    overdue = {line["id"]: line["days_overdue"] for line in data["overdue"]}
    # H3 due 09-30, H6 due 11-20; H8 is due on the as-of day itself, not yet overdue
    assert overdue == {handcount.ID["H3"]: 92, handcount.ID["H6"]: 41}
    assert [line["id"] for line in data["overdue"]] == [handcount.ID["H3"], handcount.ID["H6"]]
    major = [(line["id"], line["status"]) for line in data["open_major"]]
    assert major == [(handcount.ID["H5"], "已整改"), (handcount.ID["H8"], "整改中")]


def test_a_report_written_later_lists_no_hazard_found_after_its_period() -> None:
    q3 = summary(quarter(2024, 3, date(2024, 12, 31))).to_dict()
    # H6 (found 11-05) is overdue and H5, H8 are open 重大 by then, but none is Q3's
    assert [line["id"] for line in q3["overdue"]] == [handcount.ID["H3"]]
    assert q3["open_major"] == []
    q4 = summary(quarter(2024, 4, date(2025, 3, 31))).to_dict()
    # H3 is left over from Q3 and stays listed; H10 (found 2025-02-15, due 03-01) does not
    overdue = [line["id"] for line in q4["overdue"]]
    assert overdue == [handcount.ID[name] for name in ("H3", "H6", "H8")]


def test_an_empty_period_reports_zeros_and_no_rate() -> None:
    data = summary(quarter(2023, 2)).to_dict()
    assert all(v == 0 for k, v in data["totals"].items() if not k.endswith("rectification_rate"))
    assert data["totals"]["rectification_rate"] is None
    assert all(c["rectification_rate"] is None for c in data["by_sector"].values())
    assert data["plans"] == {}
    assert data["plans_total"] is None


def test_json_has_the_contract_keys_and_is_deterministic() -> None:
    first = summary(quarter(2024, 4))
    text = first.to_json()
    data = json.loads(text)
    assert {"period", "totals", "by_sector", "by_village", "by_office", "leaders", "accidents"} <= (
        set(data)
    )
    assert "by_town" not in data
    assert data["period"] == {
        "from": "2024-10-01",
        "to": "2024-12-31",
        "as_of": "2024-12-31",
        "kind": "quarter",
        "label": "2024年第四季度",
        "part": "第四季度",
    }
    reversed_records = list(reversed(handcount.records()))
    again = summarize(reversed_records, quarter(2024, 4), settings=handcount.SETTINGS)
    assert again.to_json() == text


def test_by_town_when_a_district_maps_records_to_towns() -> None:
    records = handcount.records()
    town_of = {
        r.id: "甲镇" if handcount.ID["E1"] in (r.id, getattr(r, "enterprise", None)) else "乙镇"
        for r in records
    }
    data = summarize(records, quarter(2024, 4), settings=handcount.SETTINGS, town_of=town_of)
    towns = data.to_dict()["by_town"]
    assert list(towns) == list(dict.fromkeys(town_of.values()))  # the district's order
    assert sorted(towns) == ["乙镇", "甲镇"]
    assert towns["甲镇"]["inspections"] == 2
    assert towns["甲镇"]["hazards_found"] == 2
    assert towns["乙镇"]["inspections"] == 4
    assert towns["乙镇"]["accidents"] == 1


def test_a_stored_status_the_history_does_not_bear_out_is_not_counted() -> None:
    """The history decides (model/lifecycle): a file saying 已销号 with no step after 发现 is
    counted 整改中, as `list`, `show` and the workbook show it; `check` names the file."""
    from anquan_cli.model.enums import Status
    from anquan_cli.model.lifecycle import found_step, state_on
    from anquan_cli.model.records import Hazard

    edited = Hazard(
        id="QH-H-2410-YJB09",
        enterprise=handcount.ID["E1"],
        found=date(2024, 10, 2),
        description="手工改过状态的隐患",
        status=Status.CLOSED,
        history=[found_step(date(2024, 10, 2))],
    )
    assert state_on(edited, date(2024, 10, 1)) is None
    assert state_on(edited, date(2024, 12, 31)) is Status.OPEN
    before = summarize(handcount.records(), quarter(2024, 4), settings=handcount.SETTINGS).totals
    records = [*handcount.records(), edited]
    totals = summarize(records, quarter(2024, 4), settings=handcount.SETTINGS).totals
    assert totals.hazards_found == before.hazards_found + 1
    assert totals.hazards_open == before.hazards_open + 1
    assert (totals.hazards_rectified, totals.hazards_closed) == (
        before.hazards_rectified,
        before.hazards_closed,
    )
