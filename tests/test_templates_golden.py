"""Each bundled template over the example ledger, 2024 Q4, against its reviewed golden file.

After a deliberate change, regenerate with `ANQUAN_UPDATE_GOLDEN=1 python -m pytest
tests/test_templates_golden.py`, then read the new files before committing them: they must
read like the seeds in shared/seeds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from anquan_cli.render.templates import bundled_names
from tests.conftest import Run

EXAMPLE = Path(__file__).parents[1] / "examples" / "dongxi"
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", bundled_names())
def test_bundled_template_renders_the_example_quarter_as_reviewed(run: Run, name: str) -> None:
    outcome = run(
        "report", "--quarter", "4", "--year", "2024", "--template", name, "--ledger", EXAMPLE
    )
    assert outcome.code == 0, outcome.err
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("ANQUAN_UPDATE_GOLDEN"):
        golden.write_text(outcome.out, encoding="utf-8")
    assert outcome.out == golden.read_text(encoding="utf-8")
    assert "【待填写" not in outcome.out  # the example ledger has every note its reports use
    assert "13812345678" not in outcome.out


def test_the_three_seed_shapes_are_bundled() -> None:
    assert {"季度工作汇报", "综合检查督查通报", "隐患排查整治情况"} <= set(bundled_names())


def test_the_contact_number_in_a_note_is_masked() -> None:
    text = (GOLDEN / "综合检查督查通报.md").read_text(encoding="utf-8")
    assert "（联系人张伟，138****5678）" in text


def test_the_hazard_sentence_reads_as_in_seed_002() -> None:
    text = (GOLDEN / "隐患排查整治情况.md").read_text(encoding="utf-8")
    assert (
        "总计检查企业(单位)21家，排查隐患38处，其中已整改完毕26处，整改中12处，"
        "实施行政处罚4起，罚款1.32万元。"
    ) in text


def test_the_office_work_reads_as_in_the_seeds() -> None:
    """宣传资料20000份 and 1家停产 (seed 001), departments that came to inspect (seed 000),
    a campaign's figures and an attribute's 占比 (seed 002)."""
    report = (GOLDEN / "季度工作汇报.md").read_text(encoding="utf-8")
    assert "发放宣传资料20000份，悬挂横幅50条" in report
    assert "劝导驾乘人员980人次" in report
    assert "非煤矿山2家（1家停产）" in report
    assert "共有监管对象2家，其中停产1家" in report
    assert "实施行政处罚4起（其中对个人1起）" in report
    assert "燃气报警装置已安装7家，占70.0%；未安装3家，占30.0%" in report
    bulletin = (GOLDEN / "综合检查督查通报.md").read_text(encoding="utf-8")
    assert "区应急局（检查1家次）到我镇督促检查" in bulletin
    hazards = (GOLDEN / "隐患排查整治情况.md").read_text(encoding="utf-8")
    assert "“燃气安全专项整治”检查2家、2家次，排查隐患3处，已整改1处，整改率33.3%" in hazards
    assert "燃气报警装置已安装7家，占70.0%" in hazards
