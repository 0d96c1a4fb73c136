"""`anquan due`: what each office and village has due, on a hand-made ledger seen on
2024-11-20 (20 of November's 30 days gone), with the lists counted by hand."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from anquan_cli.render.calendar import fold
from anquan_cli.stats.due import add_months
from tests.conftest import Run

AS_OF = "2024-11-20"
SETTINGS = """
villages: [东溪村, 西岭村]
offices:
  - {name: 经发办, code: JFB}
  - {name: 应急办, code: YJB}
self_check_sectors: [工贸]
"""


def _write(root: Path, folder: str, record: dict[str, Any]) -> None:
    path = root / folder / f"{record['id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _unit(root: Path, number: int, name: str, **fields: Any) -> str:
    unit_id = f"DX-E-2401-JFB{number:02d}"
    _write(root, "enterprises", {"id": unit_id, "name": name, **fields})
    return unit_id


def _visit(root: Path, number: int, unit: str, day: date, office: str) -> None:
    visit_id = f"DX-I-{day:%y%m}-JFB{number:02d}"
    record = {"id": visit_id, "enterprise": unit, "date": day, "office": office}
    _write(root, f"inspections/{day.year}", record)


def _hazard(root: Path, number: int, found: date, deadline: date, **fields: Any) -> str:
    hazard_id = f"DX-H-{found:%y%m}-JFB{number:02d}"
    history = fields.pop("history", [{"date": found, "action": "发现"}])
    status = fields.pop("status", "整改中")
    record = {
        "id": hazard_id,
        **fields,
        "found": found,
        "description": fields.pop("description", f"隐患{number}"),
        "deadline": deadline,
        "status": status,
        "history": history,
    }
    _write(root, f"hazards/{found.year}", record)
    return hazard_id


@pytest.fixture
def book(ledger: Path) -> dict[str, str]:
    """The hand-made ledger; returns the IDs by their names in the tests."""
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write(SETTINGS)
    d = date
    ids = {
        # 重大, last inspected 10-10: its one-month cycle ran out on 11-10
        "e1": _unit(ledger, 1, "兴源化工有限公司", sector="危险化学品", village="东溪村",
                    risk_level="重大", office="经发办"),
        # 工贸 (must self-check monthly): its only November self-check is after the day
        "e2": _unit(ledger, 2, "东溪五金厂", sector="工贸", village="西岭村",
                    risk_level="一般", office="经发办"),
        # 较大, never inspected; self-checked in November
        "e3": _unit(ledger, 3, "宏达建材有限公司", sector="工贸", village="东溪村",
                    risk_level="较大", office="应急办"),
        # 重大 but closed since September: no longer supervised
        "e4": _unit(ledger, 4, "已关闭化工厂", sector="危险化学品", village="东溪村",
                    risk_level="重大", office="经发办", status="关闭", status_date=d(2024, 9, 1)),
        # 较大 and 停产: still supervised, listed as 停产
        "e5": _unit(ledger, 5, "西岭石材厂", sector="非煤矿山", village="西岭村",
                    risk_level="较大", office="应急办", status="停产", status_date=d(2024, 8, 1)),
        # 低: no cycle
        "e6": _unit(ledger, 6, "东溪小卖部", sector="九小场所", village="东溪村",
                    risk_level="低", office="应急办"),
    }  # fmt: skip
    _visit(ledger, 1, ids["e1"], d(2024, 10, 10), "经发办")
    _visit(ledger, 2, ids["e2"], d(2024, 6, 1), "经发办")
    _visit(ledger, 3, ids["e2"], d(2024, 11, 5), "经发办")
    _visit(ledger, 4, ids["e2"], d(2024, 11, 12), "经发办")
    _visit(ledger, 5, ids["e2"], d(2024, 11, 25), "经发办")  # after the day: not yet made
    _visit(ledger, 6, ids["e5"], d(2024, 7, 1), "应急办")
    _visit(ledger, 7, ids["e6"], d(2024, 11, 6), "应急办")
    _visit(ledger, 8, ids["e6"], d(2024, 11, 7), "应急办")
    for number, unit, day in ((1, ids["e3"], d(2024, 11, 3)), (2, ids["e2"], d(2024, 11, 25))):
        record = {"id": f"DX-Z-2411-JFB{number:02d}", "enterprise": unit, "date": day}
        _write(ledger, "self-checks/2024", record)
    plans = (
        {"id": "DX-J-2411-JFB01", "office": "经发办", "month": "2024-11", "inspections": 6},
        {"id": "DX-J-2411-JFB02", "office": "应急办", "month": "2024-11", "inspections": 3},
        {"id": "DX-J-2411-JFB03", "village": "西岭村", "month": "2024-11", "patrols": 4},
        {"id": "DX-J-2411-JFB04", "village": "东溪村", "month": "2024-11", "patrols": 3},
    )
    for plan in plans:
        _write(ledger, "plans", plan)
    patrols = (("西岭村", d(2024, 11, 2)), ("东溪村", d(2024, 11, 4)), ("东溪村", d(2024, 11, 9)))
    for number, (village, day) in enumerate(patrols, 1):
        record = {"id": f"DX-X-2411-JFB{number:02d}", "date": day, "village": village, "by": ["张三"]}  # fmt: skip
        _write(ledger, "patrols/2024", record)
    found = d(2024, 10, 20)
    supervised = {"level": "市级", "doc_no": "市安委办〔2024〕3号"}
    ids |= {
        "h1": _hazard(ledger, 1, found, d(2024, 11, 10), enterprise=ids["e1"], responsible="何建军"),
        "h2": _hazard(ledger, 2, found, d(2024, 11, 25), enterprise=ids["e1"]),
        "h3": _hazard(ledger, 3, found, d(2024, 11, 28), enterprise=ids["e2"]),  # 8 days: later
        "h4": _hazard(ledger, 4, found, d(2024, 12, 15), enterprise=ids["e3"], level="重大",
                      supervision=supervised),  # 挂牌督办, 25 days ahead
        "h5": _hazard(ledger, 5, found, d(2024, 12, 25), enterprise=ids["e3"], level="重大",
                      supervision=supervised),  # 35 days: beyond the supervised window
        "h6": _hazard(ledger, 6, found, d(2024, 11, 1), enterprise=ids["e1"], status="已整改",
                      history=[{"date": found, "action": "发现"},
                               {"date": d(2024, 10, 30), "action": "整改"}]),
        # rectified, then sent back at 验收: open again, and late
        "h7": _hazard(ledger, 7, found, d(2024, 11, 5), enterprise=ids["e1"],
                      history=[{"date": found, "action": "发现"},
                               {"date": d(2024, 11, 4), "action": "整改"},
                               {"date": d(2024, 11, 10), "action": "验收退回", "by": "张伟"}]),
        # the unit's own finding (企业自查): the town's lists leave it out
        "h8": _hazard(ledger, 8, found, d(2024, 11, 1), enterprise=ids["e2"], source="企业自查"),
        # a place's hazard, due on the day itself: near, not yet late
        "h9": _hazard(ledger, 9, found, d(2024, 11, 20), place="西岭河堤", village="西岭村",
                      office="应急办", sector="地质灾害"),
        # found after the day
        "h10": _hazard(ledger, 10, d(2024, 11, 22), d(2024, 11, 24), enterprise=ids["e1"]),
    }  # fmt: skip
    return ids


def _due(run: Run, *flags: str) -> dict[str, Any]:
    outcome = run("due", "--as-of", AS_OF, "--format", "json", *flags)
    assert outcome.code == 0, outcome.err
    data: dict[str, Any] = json.loads(outcome.out)
    return data


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def test_the_ledger_passes_check(run: Run, book: dict[str, str]) -> None:
    outcome = run("check")
    assert outcome.code == 0, outcome.out + outcome.err


def test_each_office_gets_its_lists(run: Run, book: dict[str, str]) -> None:
    data = _due(run)
    assert (data["as_of"], data["days"], data["until"], data["month"]) == (
        AS_OF,
        7,
        "2024-11-27",
        "2024-11",
    )
    assert set(data["by_office"]) == {"经发办", "应急办"}  # keys sorted, as every JSON is
    assert list(data["by_village"]) == ["西岭村"]
    jfb = data["by_office"]["经发办"]
    assert _ids(jfb["overdue"]) == [book["h7"], book["h1"]]  # most overdue first
    assert [h["days_left"] for h in jfb["overdue"]] == [-15, -10]
    assert _ids(jfb["due_soon"]) == [book["h2"]]
    assert jfb["supervised"] == []
    assert jfb["plans_behind"] == [
        {
            "kind": "inspections",
            "name": "经发办",
            "month": "2024-11",
            "planned": 6,
            "done": 2,
            "expected": 4,
            "due": "2024-11-30",
        }
    ]
    assert _ids(jfb["units_due_inspection"]) == [book["e1"]]
    assert jfb["units_due_inspection"][0] | {} == {
        "id": book["e1"],
        "name": "兴源化工有限公司",
        "village": "东溪村",
        "office": "经发办",
        "sector": "危险化学品",
        "risk_level": "重大",
        "status": "在营",
        "cycle_months": 1,
        "last_inspected": "2024-10-10",
        "next_due": "2024-11-10",
        "days_left": -10,
    }
    assert _ids(jfb["units_without_self_check"]) == [book["e2"]]

    yjb = data["by_office"]["应急办"]
    assert yjb["overdue"] == []
    assert _ids(yjb["due_soon"]) == [book["h9"]]
    assert yjb["due_soon"][0]["days_left"] == 0
    assert _ids(yjb["supervised"]) == [book["h4"]]
    assert yjb["supervised"][0]["supervision"] == {"level": "市级", "doc_no": "市安委办〔2024〕3号"}
    assert yjb["plans_behind"] == []  # 3 planned, 2 expected by the 20th, 2 done
    units = yjb["units_due_inspection"]
    assert _ids(units) == [book["e3"], book["e5"]]  # never inspected first
    assert (units[0]["last_inspected"], units[0]["next_due"], units[0]["days_left"]) == (
        None,
        None,
        None,
    )
    assert (units[1]["status"], units[1]["next_due"]) == ("停产", "2024-10-01")
    assert yjb["units_without_self_check"] == []

    village = data["by_village"]["西岭村"]
    assert [
        (p["kind"], p["planned"], p["done"], p["expected"]) for p in village["plans_behind"]
    ] == [("patrols", 4, 1, 2)]
    assert data["totals"] == {
        "overdue": 2,
        "due_soon": 2,
        "supervised": 1,
        "plans_behind": 2,
        "units_due_inspection": 3,
        "units_without_self_check": 1,
    }


def test_overdue_is_the_reports_overdue_list(run: Run, book: dict[str, str]) -> None:
    report = run("report", "--month", "2024-11", "--as-of", AS_OF, "--format", "json")
    assert report.code == 0, report.err
    listed = json.loads(report.out)["overdue"]
    data = _due(run)
    late = [h for entry in data["by_office"].values() for h in entry["overdue"]]
    assert sorted(_ids(late)) == sorted(_ids(listed)) == sorted([book["h1"], book["h7"]])


def test_a_village_sees_its_units_and_places_too(run: Run, book: dict[str, str]) -> None:
    dongxi = _due(run, "--village", "东溪村")
    assert list(dongxi["by_village"]) == ["东溪村"] and dongxi["by_office"] == {}
    entry = dongxi["by_village"]["东溪村"]
    assert _ids(entry["overdue"]) == [book["h7"], book["h1"]]
    assert _ids(entry["due_soon"]) == [book["h2"]]
    assert _ids(entry["supervised"]) == [book["h4"]]
    assert _ids(entry["units_due_inspection"]) == [book["e3"], book["e1"]]
    assert entry["plans_behind"] == []  # 3 planned, 2 expected, 2 made
    xiling = _due(run, "--village", "西岭村")["by_village"]["西岭村"]
    assert _ids(xiling["due_soon"]) == [book["h9"]]
    assert _ids(xiling["units_due_inspection"]) == [book["e5"]]
    assert _ids(xiling["units_without_self_check"]) == [book["e2"]]
    assert [p["kind"] for p in xiling["plans_behind"]] == ["patrols"]


def test_one_office_and_fewer_days(run: Run, book: dict[str, str]) -> None:
    data = _due(run, "--office", "经发办", "--days", "0")
    assert list(data["by_office"]) == ["经发办"] and data["by_village"] == {}
    entry = data["by_office"]["经发办"]
    assert _ids(entry["overdue"]) == [book["h7"], book["h1"]]
    assert entry["due_soon"] == []  # h2 is 5 days ahead
    wider = _due(run, "--office", "经发办", "--days", "8")["by_office"]["经发办"]
    assert _ids(wider["due_soon"]) == [book["h2"], book["h3"]]


def test_an_unknown_office_or_village_is_named(run: Run, book: dict[str, str]) -> None:
    outcome = run("due", "--office", "财政所", "--as-of", AS_OF)
    assert outcome.code == 2 and "台账中没有办所“财政所”" in outcome.err
    assert "经发办" in outcome.err
    both = run("due", "--office", "经发办", "--village", "东溪村")
    assert both.code == 2 and "只能给一个" in both.err


def test_an_office_with_nothing_due_says_so(run: Run, book: dict[str, str], ledger: Path) -> None:
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("inspection_cycle: {}\n")
    data = _due(run, "--office", "应急办", "--as-of", "2024-11-03", "--days", "0")
    entry = data["by_office"]["应急办"]
    assert not any(entry.values())  # e3 self-checked that day; no plan is behind by the 3rd
    text = run("due", "--office", "应急办", "--as-of", "2024-11-03", "--days", "0", "--format", "text")  # fmt: skip
    assert text.out.strip().splitlines() == [
        "【应急办】安全生产待办事项（截至2024年11月3日）",
        "没有逾期、临期或落后的事项。",
    ]


def test_the_inspection_cycle_comes_from_the_ledger(
    run: Run, book: dict[str, str], ledger: Path
) -> None:
    with (ledger / "anquan.yaml").open("a", encoding="utf-8") as settings:
        settings.write("inspection_cycle: {重大: 2, 低: 1}\n")
    data = _due(run, "--days", "19")
    units = [u for e in data["by_office"].values() for u in e["units_due_inspection"]]
    # e1 (重大, 10-10 + 2 months) is due 12-10, after the window; 较大 has no cycle now;
    # 低 is monthly: e6, last inspected 11-07, falls due within the 19 days
    assert _ids(units) == [book["e6"]]
    assert (units[0]["next_due"], units[0]["days_left"]) == ("2024-12-07", 17)
    (ledger / "anquan.yaml").write_text(
        (ledger / "anquan.yaml").read_text(encoding="utf-8").replace("低: 1", "低: 0"),
        encoding="utf-8",
    )
    wrong = run("due", "--as-of", AS_OF)
    assert wrong.code != 0 and "inspection_cycle" in wrong.err and "Traceback" not in wrong.err


def test_a_ledger_failing_check_gives_no_list(run: Run, book: dict[str, str], ledger: Path) -> None:
    broken = ledger / "hazards" / "2024" / "DX-H-2410-JFB03.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace(book["e2"], "DX-E-2401-JFB99"), encoding="utf-8"
    )
    refused = run("due", "--as-of", AS_OF)
    assert refused.code == 1 and "台账未通过检查" in refused.err and refused.out == ""
    allowed = run("due", "--as-of", AS_OF, "--format", "json", "--allow-errors")
    assert allowed.code == 0 and json.loads(allowed.out)["check_errors"] >= 1


def test_the_calendar_parses_and_keeps_its_uids(run: Run, book: dict[str, str]) -> None:
    icalendar = pytest.importorskip("icalendar")
    outcome = run("due", "--as-of", AS_OF, "--format", "ics")
    assert outcome.code == 0, outcome.err
    raw = outcome.out.encode("utf-8")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(raw)
    events = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    assert len(events) == 11  # the 11 items listed in test_each_office_gets_its_lists
    late = events[f"{book['h1']}.deadline@anquan"]
    assert late.decoded("DTSTART") == date(2024, 11, 10)
    assert late.decoded("DTEND") == date(2024, 11, 11)
    assert str(late["SUMMARY"]) == "隐患整改期限：兴源化工有限公司 隐患1"
    assert "已逾期10天" in str(late["DESCRIPTION"])
    never = events[f"{book['e3']}.inspection@anquan"]
    assert never.decoded("DTSTART") == date(2024, 11, 20)  # never inspected: due now
    supervised = events[f"{book['h4']}.deadline@anquan"]
    assert str(supervised["SUMMARY"]).startswith("【挂牌督办】")
    # a week later the same records keep their UIDs: importing again updates, not duplicates
    later = run("due", "--as-of", "2024-11-27", "--format", "ics")
    again = icalendar.Calendar.from_ical(later.out.encode("utf-8"))
    uids = {str(e["UID"]) for e in again.walk("VEVENT")}
    assert f"{book['h1']}.deadline@anquan" in uids and f"{book['e1']}.inspection@anquan" in uids
    plan_uids = sorted(u for u in events if u.startswith("plan."))
    assert plan_uids == sorted(u for u in uids if u.startswith("plan."))


def test_the_text_is_a_message_per_office_without_table_characters(
    run: Run, book: dict[str, str]
) -> None:
    outcome = run("due", "--as-of", AS_OF, "--format", "text")
    assert outcome.code == 0, outcome.err
    text = outcome.out
    assert not re.search(r"[\u2500-\u257f|+]", text)  # no box drawing, no ASCII table
    messages = text.strip().split("\n\n")
    assert [m.splitlines()[0] for m in messages] == [
        "【经发办】安全生产待办事项（截至2024年11月20日）",
        "【应急办】安全生产待办事项（截至2024年11月20日）",
        "【西岭村】安全生产待办事项（截至2024年11月20日）",
    ]
    assert messages[0].splitlines()[1:4] == [
        "一、逾期未整改隐患2处：",
        "1. 兴源化工有限公司：隐患7（整改期限2024年11月5日，已逾期15天）",
        "2. 兴源化工有限公司：隐患1（整改期限2024年11月10日，已逾期10天，责任人何建军）",
    ]
    assert "经发办检查计划：本月计划检查6家次，按进度应完成4家次，已完成2家次。" in messages[0]
    assert "本月尚未开展企业自查的单位1家：东溪五金厂。" in messages[0]
    assert "宏达建材有限公司（较大风险，每3个月至少检查一次，尚无检查记录）" in messages[1]
    assert "西岭石材厂（较大风险，停产，" in messages[1]
    assert "西岭河堤：隐患9（整改期限2024年11月20日，今日到期）" in messages[1]
    assert "西岭村巡查计划：本月计划巡查4次，按进度应完成2次，已完成1次。" in messages[2]


def test_the_table_names_each_office_and_list(run: Run, book: dict[str, str]) -> None:
    outcome = run("due", "--as-of", AS_OF)
    assert outcome.code == 0, outcome.err
    for words in ("经发办", "逾期未整改隐患（2 处）", "7日内到期隐患（1 处）", "挂牌督办隐患临近整改期限（30日内）（1 处）", "无记录", "西岭村"):  # fmt: skip
        assert words in outcome.out


def test_months_are_added_to_the_last_day_a_month_has() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2024, 10, 10), 6) == date(2025, 4, 10)


def test_folding_never_cuts_a_character() -> None:
    line = "SUMMARY:" + "隐患整改期限" * 20
    folded = fold(line)
    pieces = folded.split(b"\r\n ")
    assert all(len(p) <= 75 for p in pieces[:1]) and all(len(p) <= 74 for p in pieces[1:])
    assert b"".join(pieces).decode("utf-8") == line  # each piece whole UTF-8
    for piece in pieces:
        piece.decode("utf-8")


EXAMPLE = Path(__file__).parents[1] / "examples" / "dongxi"


def test_the_example_ledger_shows_what_was_due(run: Run) -> None:
    """README's main command ends with `anquan due` on the example ledger."""
    outcome = run("due", "--ledger", EXAMPLE, "--as-of", "2024-12-20", "--format", "json")
    assert outcome.code == 0, outcome.err
    data = json.loads(outcome.out)
    assert set(data["by_office"]) == {"经发办", "规划自然资源所", "平安办"}  # 应急办: nothing due
    late = sorted(h["id"] for e in data["by_office"].values() for h in e["overdue"])
    report = run("report", "--ledger", EXAMPLE, "--month", "2024-12", "--year", "2024", "--as-of", "2024-12-20", "--format", "json")  # fmt: skip
    assert report.code == 0, report.err
    assert late == sorted(h["id"] for h in json.loads(report.out)["overdue"])
    assert data["totals"]["plans_behind"] >= 1 and data["totals"]["units_without_self_check"] >= 1
    table = run("due", "--ledger", EXAMPLE, "--as-of", "2024-12-20")
    assert table.code == 0 and "逾期未整改隐患" in table.out


def test_o_writes_the_format_its_suffix_names(
    run: Run, book: dict[str, str], tmp_path: Path
) -> None:
    calendar = tmp_path / "待办.ics"
    outcome = run("due", "--as-of", AS_OF, "-o", calendar)
    assert outcome.code == 0, outcome.err
    raw = calendar.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.count(b"BEGIN:VEVENT") == 11
    folder = run("due", "--as-of", AS_OF, "--format", "text", "-o", tmp_path / "out")
    assert folder.code == 0, folder.err
    written = tmp_path / "out" / "东溪镇安全生产待办2024-11-20.txt"
    assert written.read_text(encoding="utf-8").startswith("【经发办】")
    table = run("due", "--as-of", AS_OF, "-o", tmp_path / "待办.xlsx")
    assert table.code == 2 and "表格只打印到屏幕" in table.err


def test_a_district_is_told_to_ask_its_towns(
    run: Run, book: dict[str, str], tmp_path: Path
) -> None:
    district = tmp_path / "district"
    district.mkdir()
    (district / "anquan.yaml").write_text(
        f"name: 某区\ncode: MQ\ntowns:\n  - {Path.cwd()}\n", encoding="utf-8"
    )
    outcome = run("due", "--ledger", district, "--as-of", AS_OF)
    assert outcome.code == 2 and "请对各镇街的台账分别运行" in outcome.err


def test_the_api_gives_what_the_command_prints(
    run: Run, book: dict[str, str], ledger: Path
) -> None:
    from anquan_cli import api

    listing = api.due(api.open_ledger(ledger), as_of=date(2024, 11, 20))
    assert listing.to_dict() == _due(run)
    assert [(e.kind, e.name) for e in listing.entries] == [
        ("office", "经发办"),
        ("office", "应急办"),
        ("village", "西岭村"),
    ]  # the ledger's order of offices
