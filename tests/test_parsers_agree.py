"""Reads use libyaml (YAML 1.1), writes use ruamel (YAML 1.2): they must never disagree.

Every file anquan writes reads back identically through both; a hand-edited plain value
the two would read differently is read as the text typed and reported by `check`.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from anquan_cli.model.enums import RecordKind
from anquan_cli.model.lifecycle import found_step
from anquan_cli.model.records import Enterprise, Hazard
from anquan_cli.store.loader import parse_record
from anquan_cli.store.writer import render_new
from anquan_cli.store.yamlread import parse_bytes_noting
from tests.conftest import Run

ROOT = Path(__file__).parent.parent


def through_ruamel(raw: bytes) -> Any:
    return YAML(typ="safe", pure=True).load(raw.decode("utf-8"))


def agree(raw: bytes) -> dict[str, Any]:
    """Both parsers' readings of a file, asserted equal, with no disagreement noted."""
    ours, notes = parse_bytes_noting(raw)
    assert notes == []
    assert ours == through_ruamel(raw)
    return ours


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


# Text a clerk might put anywhere a record holds one line: CJK, digits, punctuation YAML cares
# about, odd spaces; no control character, line break or bidi control (model/text.py).
TEXT = (
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("隐患整改东溪镇０１：，、（）“”")),
            st.sampled_from(list("0123456789abcxyzYNon:-#&*!|>'\"%@`{}[],.?~=+_ \u3000\xa0")),
            st.characters(
                codec="utf-8",
                exclude_categories=("Cs", "Cc", "Zl", "Zp"),
                exclude_characters=BIDI_CONTROLS,
            ),
        ),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


PROSE = (
    st.lists(st.one_of(TEXT, st.sampled_from(["\n", "\t", "a\n\nb"])), min_size=1, max_size=4)
    .map("".join)
    .map(str.strip)
    .filter(bool)
)
"""Text a multi-line field holds: line breaks and tabs too."""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(description=PROSE, measures=PROSE, responsible=TEXT, note=PROSE)
def test_every_hazard_anquan_writes_reads_back_alike_through_both_parsers(
    description: str, measures: str, responsible: str, note: str
) -> None:
    hazard = Hazard(
        id="DX-H-2410-YJB01",
        enterprise="DX-E-2401-YJB01",
        found=date(2024, 10, 8),
        description=description,
        measures=measures,
        responsible=responsible,
        note=note,
        history=[found_step(date(2024, 10, 8), responsible)],
    )
    raw = render_new(hazard)
    agree(raw)
    back, problems = parse_record(RecordKind.HAZARD, raw, "x.yaml")
    assert problems == []
    assert back == hazard


@settings(max_examples=150, deadline=None)
@given(name=TEXT, address=TEXT, attribute=TEXT)
def test_every_unit_anquan_writes_reads_back_alike(name: str, address: str, attribute: str) -> None:
    unit = Enterprise(
        id="DX-E-2401-YJB01", name=name, address=address, attributes={attribute: attribute}
    )
    raw = render_new(unit)
    agree(raw)
    assert parse_record(RecordKind.ENTERPRISE, raw, "x.yaml") == (unit, [])


def test_every_example_file_reads_alike_through_both_parsers() -> None:
    files = sorted((ROOT / "examples" / "dongxi").rglob("*.yaml"))
    assert len(files) > 300
    for path in files:
        agree(path.read_bytes())


def test_every_generated_file_reads_alike_through_both_parsers(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = generate
    spec.loader.exec_module(generate)
    total = generate.generate(tmp_path / "district", 2, (10, 20, 40), seed=3)
    files = [p for p in (tmp_path / "district").rglob("*.yaml") if p.name != "anquan.yaml"]
    assert len(files) == total
    for path in files:
        agree(path.read_bytes())


@pytest.mark.parametrize("typed", ["yes", "No", "on", "OFF", "010", "-010", "12:30", "1:20:30.5"])
def test_a_hand_typed_value_the_parsers_disagree_on_is_read_as_typed_and_reported(
    run: Run, ledger: Path, unit: str, typed: str
) -> None:
    raw = f"k: {typed}\n".encode()
    assert yaml.safe_load(raw)["k"] != through_ruamel(raw)["k"]
    outcome = run("add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-08")
    path = next(ledger.glob("hazards/2024/*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"note: {typed}\n", encoding="utf-8")
    line = text.count("\n") + 1
    shown = run("show", outcome.value, "--format", "json")
    assert shown.code == 0, shown.err
    assert f'"note": "{typed}"' in shown.out
    checked = run("check")
    assert checked.code == 0
    assert (
        f"{path.relative_to(ledger).as_posix()}:{line}: 警告：值 {typed} 没有加引号" in checked.out
    )


@pytest.mark.parametrize("typed", ["1200.5", "1_200", "0", "+12", "0x1F", "0b101", ".5"])
def test_numbers_both_parsers_read_alike_are_numbers_and_not_reported(typed: str) -> None:
    raw = f"funds: {typed}\n".encode()
    data, notes = parse_bytes_noting(raw)
    assert notes == []
    assert data == yaml.safe_load(raw) == through_ruamel(raw)
    assert isinstance(data["funds"], int | float)
