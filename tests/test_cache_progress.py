"""Long loads show a bar on a terminal's stderr after a second, and nothing otherwise."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from anquan_cli.cli import console
from anquan_cli.cli.progress import progress, tracked


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def stderr(monkeypatch: pytest.MonkeyPatch, terminal: bool) -> io.StringIO:
    buffer = io.StringIO()
    fake = Console(file=buffer, force_terminal=terminal, width=80)
    monkeypatch.setattr(console, "err", fake)
    return buffer


def test_quick_work_shows_nothing_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = stderr(monkeypatch, terminal=True)
    clock = Clock()
    with progress("读取台账", clock=clock) as report:
        clock.now = 0.5
        report(10, 10)
    assert buffer.getvalue() == ""


def test_long_work_shows_a_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = stderr(monkeypatch, terminal=True)
    clock = Clock()
    with progress("读取台账", clock=clock) as report:
        clock.now = 0.2
        report(100, 1000)
        clock.now = 1.5
        report(500, 1000)
    assert "读取台账" in buffer.getvalue()


def test_long_work_shows_nothing_when_stderr_is_no_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    buffer = stderr(monkeypatch, terminal=False)
    clock = Clock()
    with progress("读取台账", clock=clock) as report:
        clock.now = 5.0
        report(500, 1000)
    assert buffer.getvalue() == ""


def test_tracked_yields_every_item_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr(monkeypatch, terminal=False)
    assert list(tracked(["甲", "乙", "丙"], "汇总")) == ["甲", "乙", "丙"]
