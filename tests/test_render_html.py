"""The HTML report is one self-contained file with the figures, tables and an SVG chart."""

from __future__ import annotations

import re
from pathlib import Path

from anquan_cli.render.html import bar_chart, chart_rows
from tests.conftest import Run

EXAMPLE = Path(__file__).parents[1] / "examples" / "dongxi"


def test_html_report_is_self_contained_with_figures_chart_and_tables(
    run: Run, tmp_path: Path
) -> None:
    outcome = run(
        "report", "--quarter", "4", "--year", "2024", "--ledger", EXAMPLE,
        "--template", "综合检查督查通报", "--format", "html", "-o", tmp_path,
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    path = Path(outcome.value)
    assert path.name == "东溪镇关于2024年第四季度安全生产综合检查督查情况的通报.html"
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?://", page), "no reference to the network"
    assert not re.search(r"<(script|link|iframe)\b", page)
    # the example's photos are in the file itself, never fetched from a path or the network
    sources = re.findall(r'<img\b[^>]*\bsrc="([^"]*)"', page)
    assert len(sources) == page.count("<img") == 6
    assert all(s.startswith("data:image/jpeg;base64,") for s in sources)
    assert "<svg" in page and "<rect" in page
    assert ">工贸</text>" in page
    assert "68.4%" in page and "整改率" in page  # the key figures
    assert page.count("<table>") == 2
    assert '<td colspan="2">合计</td>' in page
    assert "<th>隐患整改率<br>（30分）</th>" in page  # the year's 考核 tables
    assert '<h1 class="title">关于2024年第四季度安全生产<br>综合检查督查情况的通报</h1>' in page
    assert "138****5678" in page and "13812345678" not in page


def test_chart_has_a_bar_pair_per_sector_with_findings_in_ledger_order() -> None:
    by_sector = {
        "工贸": {"hazards_found": 5, "hazards_rectified": 3},
        "消防": {"hazards_found": 0, "hazards_rectified": 0},
        "危险化学品": {"hazards_found": 4, "hazards_rectified": 4},
    }
    rows = chart_rows(by_sector, ["危险化学品", "消防", "工贸"])
    assert rows == [("危险化学品", 4, 4), ("工贸", 5, 3)]
    svg = bar_chart(rows)
    assert svg.count("<rect") == 2 + 2 * 2  # legend swatches and two bars per sector
    assert 'width="420.0"' in svg  # the largest value spans the full bar width


def test_empty_period_draws_no_chart() -> None:
    assert "<svg" not in bar_chart([])
