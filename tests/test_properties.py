"""Property tests: files round-trip exactly, and no mutation of a file makes check crash."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anquan_cli.checks.rules import run_checks
from anquan_cli.model.enums import Level, RecordKind
from anquan_cli.model.lifecycle import found_step
from anquan_cli.model.records import Enterprise, Hazard
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.loader import parse_record
from anquan_cli.store.writer import record_data, render_new
from anquan_cli.store.yamlwrite import dump, load_round_trip, merge

text = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
            blacklist_characters="\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
        ),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)

hazards = st.builds(
    lambda description, found, level, funds, measures, deadline: Hazard(
        id="DX-H-2410-YJB01",
        enterprise="DX-E-2401-YJB01",
        found=found,
        description=description,
        level=level,
        funds=funds,
        measures=measures,
        deadline=deadline,
        history=[found_step(found, "应急办")],
    ),
    text,
    days,
    st.sampled_from(Level),
    st.none() | money,
    st.none() | text,
    st.none() | days,
)
units = st.builds(
    lambda name, village, attributes, phone: Enterprise(
        id="DX-E-2401-YJB01",
        name=name,
        village=village,
        attributes=attributes,
        phone=phone,
    ),
    text,
    st.none() | text,
    st.dictionaries(text, text, max_size=3),
    st.none() | st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
)


@given(st.one_of(hazards, units))
def test_any_valid_record_round_trips_through_its_file(record: Hazard | Enterprise) -> None:
    written = render_new(record)
    back, problems = parse_record(record.KIND, written, "x.yaml")
    assert problems == []
    assert back == record
    assert render_new(back) == written


@given(hazards, hazards)
def test_rewriting_a_file_with_new_values_reads_back_as_them(first: Hazard, second: Hazard) -> None:
    document = load_round_trip(render_new(first).decode("utf-8"))
    merge(document, record_data(second))
    back, problems = parse_record(RecordKind.HAZARD, dump(document).encode("utf-8"), "x.yaml")
    assert problems == []
    assert back == second


def test_money_keeps_its_cents() -> None:
    record = Hazard(
        id="DX-H-2410-YJB01",
        enterprise="E",
        found=date(2024, 1, 1),
        description="x",
        funds=Decimal("1234.56"),
        history=[found_step(date(2024, 1, 1))],
    )
    back, _ = parse_record(RecordKind.HAZARD, render_new(record), "x.yaml")
    assert back is not None and back.funds == Decimal("1234.56")


def mutate(raw: bytes, rng: random.Random) -> bytes:
    """Truncate, flip bytes, swap a value's type, or duplicate a line."""
    choice = rng.randrange(5)
    if choice == 0:
        return raw[: rng.randrange(len(raw) + 1)]
    data = bytearray(raw)
    if choice == 1:
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    lines = raw.split(b"\n")
    index = rng.randrange(len(lines))
    if choice == 2:
        key = lines[index].split(b":")[0]
        lines[index] = (
            key
            + b": "
            + rng.choice(
                [b"[1, 2]", b"{a: 1}", b"12", b"true", b"~", b"2024-13-45", b"&x a", b"*x"]
            )
        )
    elif choice == 3:
        lines.insert(index, lines[index])
    else:
        lines[index] = b"\t" + lines[index]
    return b"\n".join(lines)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_no_mutation_of_a_valid_file_makes_check_crash(seed: int, tmp_path_factory) -> None:
    rng = random.Random(seed)
    source = Path(__file__).parents[1] / "examples" / "dongxi"
    root = tmp_path_factory.mktemp("fuzz")
    (root / "anquan.yaml").write_bytes((source / "anquan.yaml").read_bytes())
    files = sorted(source.rglob("*.yaml"))
    picked = [f for f in files if f.name != "anquan.yaml"]
    for path in rng.sample(picked, 6):
        target = root / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(mutate(path.read_bytes(), rng))
    book = Ledger.open(root)
    problems = run_checks(book, strict=True)
    assert all(p.path and p.message for p in problems)
