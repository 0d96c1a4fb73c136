"""`anquan stats` writes its numbers as the reports do."""

from __future__ import annotations

from tests.conftest import Run

Q4 = ("--quarter", "4", "--year", "2024")


def test_stats_rounds_the_rectification_rate_as_the_report_does(run: Run, unit: str) -> None:
    found = [
        run("add-hazard", "-e", unit, "-d", f"消防通道堵塞{n}", "--found", "2024-10-15").value
        for n in range(16)
    ]
    assert run("rectify", found[0], "--date", "2024-10-20").code == 0
    glance = run("stats", *Q4)
    assert glance.code == 0, glance.err
    report = run("report", *Q4)
    assert "整改率6.3%" in report.out  # 1/16 = 6.25%, rounded half up
    assert "整改率 6.3%" in glance.out


def test_a_fine_of_49_yuan_is_not_reported_as_none(run: Run, unit: str) -> None:
    assert run("add-penalty", "-e", unit, "--date", "2024-12-05", "--fine", "49").code == 0
    assert "罚款 49元" in run("stats", *Q4).out
    report = run("report", *Q4)
    assert "实施行政处罚1起，罚款49元。" in report.out
    assert "罚款0万元" not in report.out
