"""The office's paragraphs of judgement come from notes/, or show as 【待填写】."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from anquan_cli.errors import AnquanError
from anquan_cli.model.settings import Settings
from anquan_cli.render.context import build_context
from anquan_cli.store.notes import Notes, notes_key, read_notes


@pytest.mark.parametrize(
    ("start", "end", "key"),
    [
        (date(2024, 10, 1), date(2024, 12, 31), "2024-Q4"),
        (date(2024, 1, 1), date(2024, 3, 31), "2024-Q1"),
        (date(2024, 11, 1), date(2024, 11, 30), "2024-11"),
        (date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        (date(2024, 1, 1), date(2024, 6, 30), "2024-H1"),
        (date(2024, 7, 1), date(2024, 12, 31), "2024-H2"),
        (date(2024, 1, 1), date(2024, 12, 31), "2024"),
        (date(2024, 10, 1), date(2024, 12, 15), "2024-10-01_2024-12-15"),
        (date(2024, 11, 1), date(2025, 1, 31), "2024-11-01_2025-01-31"),
    ],
)
def test_each_kind_of_period_has_its_notes_file(start: date, end: date, key: str) -> None:
    assert notes_key(start, end) == key


def write(root: Path, name: str, text: str) -> None:
    folder = root / "notes"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_period_notes_override_common_ones(tmp_path: Path) -> None:
    write(tmp_path, "common.yaml", "存在问题: 共用的问题\n发文机关: 东溪镇人民政府\n")
    write(tmp_path, "2024-Q4.yaml", "存在问题:\n  - （一）本季度的问题\n  - （二）另一个问题\n")
    notes = read_notes(tmp_path, "2024-Q4")
    assert notes.get("存在问题") == ("（一）本季度的问题", "（二）另一个问题")
    assert notes.get("发文机关") == ("东溪镇人民政府",)
    assert notes.sources["存在问题"] == "notes/2024-Q4.yaml"
    assert notes.get("下步打算") is None


def test_lines_are_paragraphs_and_folded_text_has_no_stray_spaces(tmp_path: Path) -> None:
    write(
        tmp_path,
        "2024-Q4.yaml",
        "下步打算: |\n  1.继续落实责任制。\n\n  2.持续排查隐患。\n"
        "安全生产形势: >-\n  全镇形势总体平稳，\n  但仍有薄弱环节。\n"
        "领域:\n  工贸: 工贸企业 复工复产\n",
    )
    notes = read_notes(tmp_path, "2024-Q4")
    assert notes.get("下步打算") == ("1.继续落实责任制。", "2.持续排查隐患。")
    assert notes.get("安全生产形势") == ("全镇形势总体平稳，但仍有薄弱环节。",)
    assert notes.get("领域.工贸") == ("工贸企业复工复产",)


def test_no_notes_folder_means_no_notes(tmp_path: Path) -> None:
    assert read_notes(tmp_path, "2024-Q4").keys() == []


def test_a_note_that_is_not_text_is_named_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, "2024-Q4.yaml", "存在问题:\n  - 第一条\n  - {a: 1}\n")
    # a mapping inside a list is not a paragraph
    with pytest.raises(AnquanError) as caught:
        read_notes(tmp_path, "2024-Q4")
    assert str(caught.value) == "notes/2024-Q4.yaml:3: 段落 存在问题 应为文字或文字列表"


def test_a_broken_notes_file_is_named(tmp_path: Path) -> None:
    write(tmp_path, "2024-Q4.yaml", "存在问题: [未闭合\n")
    with pytest.raises(AnquanError, match=r"notes/2024-Q4.yaml:\d+"):
        read_notes(tmp_path, "2024-Q4")


def test_a_missing_note_is_marked_to_fill_in_never_invented() -> None:
    context = build_context(
        {"period": {"label": "2024年第四季度"}}, Settings(name="东溪镇", code="DX"), Notes()
    )
    note = context.functions["note"]
    assert note("存在问题") == ["【待填写：存在问题】"]
    assert note("领域.工贸", optional=True) == []
    assert context.notebook.missing == ["存在问题"]
