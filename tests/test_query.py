"""`list` and `show`: what they say when a filter cannot apply or a file cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.fixture
def hazard(run: Run, unit: str) -> str:
    outcome = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15")
    assert outcome.code == 0, outcome.err
    return outcome.value


def break_level(hazard: str) -> Path:
    path = Path(f"hazards/2024/{hazard}.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("level: 一般", "level：一般"), encoding="utf-8")
    return path


def test_list_warns_that_an_unreadable_record_is_left_out(run: Run, hazard: str) -> None:
    break_level(hazard)
    outcome = run("list", "hazards", "--format", "json")
    assert outcome.out.strip() == "[]"
    assert "警告：台账有 1 处错误，无法读取的记录未列出；请运行 anquan check 查看" in outcome.err


def test_show_names_the_file_of_a_record_that_cannot_be_read(run: Run, hazard: str) -> None:
    path = break_level(hazard)
    outcome = run("show", hazard.lower())
    assert outcome.code == 1
    assert f"{path.as_posix()}:" in outcome.err and "请先修正此文件" in outcome.err
    assert "找不到" not in outcome.err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("enterprises", "--from", "2024-01-01"), "--from 不用于企业：企业记录没有日期"),
        (("enterprises", "--to", "2024-12-31"), "--to 不用于企业：企业记录没有日期"),
        (("activities", "--sector", "工贸"), "--sector 不用于工作活动：工作活动记录没有行业领域"),
        (
            ("activities", "--village", "东溪村"),
            "--village 不用于工作活动：工作活动记录没有所属村(社区)",
        ),
    ],
)
def test_a_filter_the_kind_does_not_carry_is_refused(
    run: Run, unit: str, args: tuple[str, ...], said: str
) -> None:
    outcome = run("list", *args)
    assert outcome.code == 2
    assert outcome.out == ""
    assert said in outcome.err
