"""The hand-counted ledger's figures reach the md and the docx exactly as counted on paper."""

from __future__ import annotations

import io
from datetime import date

from docx import Document

from anquan_cli.render.document import render_report
from anquan_cli.stats.periods import Period, quarter
from anquan_cli.stats.summary import summarize
from anquan_cli.store.notes import Notes
from tests import handcount


def render(period: Period, template: str, fmt: str) -> bytes:
    summary = summarize(handcount.records(), period, settings=handcount.SETTINGS)
    return render_report(
        summary,
        template=template,
        fmt=fmt,
        ledger_root=None,
        settings=handcount.SETTINGS,
        notes=Notes(),
    )


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


Q4_SENTENCE = (
    "第四季度，全镇共检查企业（单位）5家、6家次，出动检查人员9人次，排查隐患5处，其中重大隐患2处；"
    "已整改2处，整改中3处（其中逾期未整改1处），整改率40.0%，已验收销号1处。"
    "实施行政处罚1起，罚款1.56万元。此前排查的隐患尚有1处未整改完毕。"
)


def test_the_quarterly_report_quotes_the_hand_counted_figures_in_md_and_docx() -> None:
    md = render(quarter(2024, 4), "季度工作汇报", "md").decode("utf-8")
    assert Q4_SENTENCE in md
    assert "全镇发生生产安全事故1起，死亡1人，受伤2人" in md
    assert Q4_SENTENCE in docx_text(render(quarter(2024, 4), "季度工作汇报", "docx"))


def test_the_hazard_report_reads_as_seed_002_with_hand_counted_figures() -> None:
    sentence = (
        "总计检查企业(单位)5家，排查隐患5处，其中已整改完毕2处，整改中3处，"
        "实施行政处罚1起，罚款1.56万元。"
    )
    assert sentence in render(quarter(2024, 4), "隐患排查整治情况", "md").decode("utf-8")
    assert sentence in docx_text(render(quarter(2024, 4), "隐患排查整治情况", "docx"))


def test_as_of_mid_quarter_changes_the_words_as_it_changes_the_figures() -> None:
    md = render(quarter(2024, 4, date(2024, 11, 15)), "季度工作汇报", "md").decode("utf-8")
    assert (
        "排查隐患3处，其中重大隐患1处；已整改1处，整改中2处（其中逾期未整改0处），整改率33.3%" in md
    )
    assert "截至2024年11月15日" in md


def test_the_leaders_counts_reach_the_circular() -> None:
    summary = summarize(handcount.records(), quarter(2024, 4), settings=handcount.SETTINGS)
    led = summary.leaders["张书记"]["带队检查"]
    md = render(quarter(2024, 4), "综合检查督查通报", "md").decode("utf-8")
    assert "张书记" in md and f"带队检查安全生产工作{led}次" in md


def test_a_district_report_breaks_the_totals_down_by_town() -> None:
    records = handcount.records()
    town_of = {r.id: ("东溪镇" if i % 2 else "西岭镇") for i, r in enumerate(records)}
    summary = summarize(records, quarter(2024, 4), settings=handcount.SETTINGS, town_of=town_of)
    md = render_report(
        summary,
        template="隐患排查整治情况",
        fmt="md",
        ledger_root=None,
        settings=handcount.SETTINGS,
        notes=Notes(),
    ).decode("utf-8")
    assert "各镇（街道）排查整治情况如下：" in md
    by_town = summary.to_dict()["by_town"]
    for index, (name, v) in enumerate(by_town.items(), start=1):
        assert f"| {index} | {name} | {v['enterprises_inspected']} | {v['inspections']} |" in md
    assert "| 合计 | | 5 | 6 | 5 | 2 | 3 | 1 | 40.0% | 1 | 1.56 |" in md
