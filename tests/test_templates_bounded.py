"""A shared template is bounded in time and memory on every operating system: one that runs
too long or asks for too much is stopped, naming its file and line (render/limits.py)."""

from __future__ import annotations

import re
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from anquan_cli.errors import AnquanError
from anquan_cli.render import limits
from anquan_cli.render.numbers import FILTERS
from anquan_cli.render.templates import render_markdown

DATA: dict[str, Any] = {"totals": {"hazards_found": 35}, "town": "东溪镇"}


def notes(key: str, optional: bool = False) -> list[str]:
    return [f"【待填写：{key}】"]


def render(root: Path, body: str, name: str = "试验") -> str:
    """Render a ledger template whose third line is `body`."""
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.md.j2").write_text(f"{{# 说明 #}}\n前言\n{body}\n", encoding="utf-8")
    return render_markdown(name, root, DATA, {"note": notes}, FILTERS)


def stopped(root: Path, body: str) -> tuple[str, float, int]:
    """The message a template is stopped with, how long it ran and its peak memory (bytes)."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(AnquanError) as raised:
            render(root, body)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return str(raised.value), time.monotonic() - started, peak


def test_nested_loops_of_ten_billion_steps_are_stopped_at_the_step_limit(tmp_path: Path) -> None:
    body = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(AnquanError) as raised:
        render(tmp_path, body)
    # whichever comes first on this machine: two million steps, or ten seconds
    assert re.match(
        r"templates/试验\.md\.j2:3: 模板运行(步数超过 2000000 步|超过 10 秒)", str(raised.value)
    ), raised.value
    assert time.monotonic() - started < 60


def test_a_template_that_runs_too_long_is_stopped_by_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_SECONDS", 0.5)
    body = (
        '{% set big = "ab" * 50000 %}'
        '{% for i in range(100000) %}{% set x = big.count("a") %}{% endfor %}'
    )
    message, seconds, _ = stopped(tmp_path, body)
    assert message.startswith("templates/试验.md.j2:3: 模板运行超过 0.5 秒，已停止")
    assert seconds < 10


TOO_MUCH = [
    '{{ "x"|center(1000000000) }}',
    '{{ "x".center(1000000000) }}',
    '{{ "x".ljust(1000000000) }}',
    '{{ "x".zfill(1000000000) }}',
    '{{ "{:>999999999}".format(1) }}',
    '{{ "%999999999d" % 1 }}',
    '{{ "%s"|format(1) ~ "%999999999s"|format(1) }}',
    '{{ "a\\nb"|indent(1000000000) }}',
    '{{ ("x" * 100000)|replace("x", "y" * 100) }}',
    '{{ "ab"|replace("", "y" * 100000)|replace("y", "zz" * 50) }}',
    '{{ ("x" * 100000)|wordwrap(1, wrapstring="y" * 100) }}',
    '{{ ("x" * 100000)|list|join("y" * 100) }}',
    '{{ ("y" * 100).join("x" * 100000) }}',
    "{{ [1]|batch(1000000000, 0)|list }}",
    '{% set ns = namespace(s="x") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}'
    "{% endfor %}",
    '{% set ns = namespace(s="x" * 1000) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}'
    "{% endfor %}",
    "{% set ns = namespace(l=[0] * 1000) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}"
    "{% endfor %}",
    "{{ ((10 ** 64) ** 64) ** 64 }}",
    "{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
    '{% for i in range(1000) %}{% set x = ("x" * 100000) ~ i ~ ("y" * 100000) %}{% endfor %}'
    '{% for i in range(1000) %}{% set x = ("x" * 100000) ~ i ~ ("y" * 100000) %}{% endfor %}',
]


@pytest.mark.parametrize("body", TOO_MUCH)
def test_a_template_asking_for_too_much_is_stopped_before_it_is_made(
    tmp_path: Path, body: str
) -> None:
    message, seconds, peak = stopped(tmp_path, body)
    assert message.startswith("templates/试验.md.j2:3: 模板"), message
    assert "已停止" in message
    assert "一段文字至多 1000000 字" in message  # the limits are named
    assert seconds < 20
    assert peak < 100_000_000  # before: center(1000000000) took 22 s and 4.9 GB


def test_an_included_template_is_named_at_its_own_line(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "子.md.j2").write_text('{# 子 #}\n{{ "x"|center(1000000000) }}\n', encoding="utf-8")
    message, _, _ = stopped(tmp_path, '{% include "子.md.j2" %}')
    assert message.startswith("templates/子.md.j2:2: 模板要生成的文字过长")


def test_a_template_within_the_limits_renders_as_before(tmp_path: Path) -> None:
    body = (
        '{% set ns = namespace(s="") %}{% for i in range(1000) %}{% set ns.s = ns.s ~ i %}'
        '{% endfor %}{{ ns.s|length }} {{ "x"|center(5) }}|{{ "{:>4}".format(7) }}|'
        '{{ "%3d" % 5 }}|{{ totals.hazards_found * 2 }}|{{ [1, 2] + [3] }}'
    )
    assert render(tmp_path, body) == "前言\n2890   x  |   7|  5|70|\\[1, 2, 3\\]\n"
