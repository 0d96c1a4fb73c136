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
        "总计检查企业(单位)20家，排查隐患38处，其中已整改完毕26处，整改中12处，"
        "实施行政处罚3起，罚款1.3万元。"
    ) in text
