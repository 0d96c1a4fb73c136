"""The fast writer for new files writes exactly the bytes ruamel's round-trip dump writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from anquan_cli.model.enums import (
    AccidentGrade,
    Action,
    ActivityKind,
    HazardSource,
    Level,
    RiskLevel,
    Status,
    UnitStatus,
)
from anquan_cli.model.records import (
    Accident,
    Activity,
    Enterprise,
    Hazard,
    Inspection,
    Penalty,
    Plan,
    Record,
)
from anquan_cli.store import yamlwrite
from anquan_cli.store.ledger import Ledger
from anquan_cli.store.writer import record_data, render_new
from anquan_cli.store.yamlfast import emit_new
from anquan_cli.store.yamlwrite import dump, plain
from tests.test_parsers_agree import agree

ROOT = Path(__file__).parent.parent

# Text that YAML 1.1 and 1.2 read differently, that YAML reads as something else, or that
# ruamel must quote, escape or would fold.
TRICKY = [
    "yes", "No", "on", "OFF", "y", "~", "null", "True", "010", "-010", "0o17", "0x1F", "1_200",
    "12:30", "1:20:30.5", "1e3", ".5", "+12", ".inf", "-", "- a", "? x", "a: b", "a:", ":a",
    "a #b", "#x", "a#", "'q'", '"q"', "it's", "&a", "*a", "!x", "!!str", "|", ">", "%x", "@x",
    "`x", "---", "...", "[a]", "{a: 1}", "a, b", " lead", "trail ", "a  b", "\n", "a\nb",
    "a\r\nb", "\x85", "\u2028", "\u2029", "😀", "\ufeff", "\t", "a\tb", "\x07", "\x00", "\xa0",
    "\u3000", "东溪镇", "１２：３０", "13800000000", "0591-87654321", "2024-10-05", "2024.10.5",
    "91350100M000100Y30", "区安办督〔2024〕3号", "\\", "a\\nb", "=", "<<",
]  # fmt: skip
text = st.lists(
    st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)), min_size=1, max_size=5
).map("".join)
maybe = st.none() | text
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
# Money is below a trillion 元 (fields.MONEY_LIMIT): past 10**16 a float would be written with
# an exponent, which YAML 1.1 reads as text.
money = st.decimals(min_value=0, max_value=10**12 - 1, places=2, allow_nan=False)
counts = st.integers(min_value=0, max_value=10**6)
record_ids = st.sampled_from(["DX-E-2401-YJB01", "DX-I-2410-JFB12", "DX-H-2410-YJB100"])


def _steps() -> st.SearchStrategy[list[dict[str, Any]]]:
    step = st.fixed_dictionaries(
        {"date": days, "action": st.sampled_from(Action)}, optional={"by": text, "note": text}
    )
    return st.lists(step, max_size=4)


KINDS: dict[type[Record], st.SearchStrategy[dict[str, Any]]] = {
    Enterprise: st.fixed_dictionaries(
        {"name": text, "status": st.sampled_from(UnitStatus)},
        optional={
            "short_name": text,
            "sector": text,
            "subtype": text,
            "village": text,
            "address": text,
            "principal": text,
            "phone": st.from_regex(r"1[3-9]\d{9}|0\d{3}-\d{8}", fullmatch=True),
            "risk_level": st.sampled_from(RiskLevel),
            "office": text,
            "attributes": st.dictionaries(text, text, max_size=3),
            "note": text,
        },
    ),
    Inspection: st.fixed_dictionaries(
        {"enterprise": record_ids, "date": days},
        optional={
            "type": text,
            "campaign": text,
            "leader": text,
            "inspectors": st.lists(text, max_size=4),
            "office": text,
            "doc_no": text | counts,
            "note": text,
        },
    ),
    Hazard: st.fixed_dictionaries(
        {"enterprise": record_ids, "found": days, "description": text},
        optional={
            "level": st.sampled_from(Level),
            "category": text,
            "inspection": record_ids,
            "campaign": text,
            "measures": text,
            "responsible": text,
            "deadline": days,
            "funds": money,
            "plan": text,
            "supervision": st.fixed_dictionaries(
                {"level": text}, optional={"doc_no": text, "date": days}
            ),
            "status": st.sampled_from(Status),
            "source": st.sampled_from(HazardSource),
            "on_the_spot": st.booleans(),
            "history": _steps(),
            "note": text,
        },
    ),
    Penalty: st.fixed_dictionaries(
        {"enterprise": record_ids, "date": days, "fine": money},
        optional={"doc_no": text, "reason": text, "hazard": record_ids, "note": text},
    ),
    Accident: st.fixed_dictionaries(
        {"date": days, "domain": text},
        optional={
            "enterprise": record_ids,
            "place": text,
            "deaths": counts,
            "injuries": counts,
            "grade": st.sampled_from(AccidentGrade),
            "loss_yuan": money,
            "summary": text,
        },
    ),
    Activity: st.fixed_dictionaries(
        {"date": days, "kind": st.sampled_from(ActivityKind)},
        optional={"leader": text, "count": counts, "people": counts, "office": text, "note": text},
    ),
    Plan: st.fixed_dictionaries(
        {"office": text, "month": st.sampled_from(["2024-11", "2025-01"]), "inspections": counts},
        optional={"sector": text},
    ),
}


@st.composite
def records(draw: st.DrawFn) -> Record:
    model = draw(st.sampled_from(list(KINDS)))
    data = draw(KINDS[model])
    try:
        return model.model_validate({"id": "DX-X-2410-YJB01", **data})
    except ValidationError:
        reject()


def assert_same_as_ruamel(record: Record) -> str | None:
    data = record_data(record)
    ruamel = dump(plain(data))
    fast = emit_new(data)
    assert fast is None or fast == ruamel
    assert render_new(record) == ruamel.encode("utf-8")
    return fast


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_a_new_file_of_any_kind_is_byte_identical_to_ruamels(record: Record) -> None:
    assert_same_as_ruamel(record)
    agree(render_new(record))  # libyaml and ruamel read it alike (money past 15 digits is lossy)


@pytest.mark.parametrize("word", TRICKY)
def test_tricky_text_in_every_place_is_written_as_ruamel_writes_it(word: str) -> None:
    values = [word, f"消防{word}", f"{word}通道", f"a {word} b"]
    for value in values:
        try:
            unit = Enterprise(
                id="DX-E-2401-YJB01", name=value, note=value, attributes={value: value}
            )
        except ValidationError:
            continue
        assert_same_as_ruamel(unit)
        hazard = Hazard.model_validate(
            {
                "id": "DX-H-2410-YJB01",
                "enterprise": "DX-E-2401-YJB01",
                "found": date(2024, 10, 8),
                "description": "配电箱未接地",
                "supervision": {"level": value, "doc_no": value},
                "history": [{"date": date(2024, 10, 8), "action": Action.FOUND, "by": value}],
            }
        )
        assert_same_as_ruamel(hazard)
        inspection = Inspection(
            id="DX-I-2410-YJB01",
            enterprise="DX-E-2401-YJB01",
            date=date(2024, 10, 8),
            inspectors=[value, "张伟"],
        )
        assert_same_as_ruamel(inspection)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[0-9A-Za-z.:+ -]{1,14}", fullmatch=True) | st.sampled_from(TRICKY))
def test_letters_digits_and_signs_are_written_as_ruamel_writes_them(word: str) -> None:
    """Such text is quoted, or not, by the parsers; its quoted form is itself in quotes and
    its plain form needs no analysis: the fast writer writes it without ruamel's emitter."""
    try:
        unit = Enterprise(id="DX-E-2401-YJB01", name=word, address=word, attributes={"k": word})
    except ValidationError:
        reject()
    fast = assert_same_as_ruamel(unit)
    assert fast is not None or not word.isalnum()


@pytest.mark.parametrize("length", [1000, 1990, 2000])  # a note holds 2000 characters at most
@pytest.mark.parametrize("filler", ["字", "ab ", "it's a: b ", "\t好 ", '"\\', "\t\\"])
def test_long_text_is_written_as_ruamel_writes_it(length: int, filler: str) -> None:
    note = (filler * length)[:length].strip()
    assert_same_as_ruamel(Enterprise(id="DX-E-2401-YJB01", name="兴源化工", note=note))


@pytest.mark.parametrize("fine", ["0.01", "1200.5", "1000000000.25", "999999999999.99"])
def test_money_is_written_as_ruamel_writes_it(fine: str) -> None:
    penalty = Penalty.model_validate(
        {
            "id": "DX-P-2410-YJB01",
            "enterprise": "DX-E-2401-YJB01",
            "date": "2024-10-08",
            "fine": fine,
        }
    )
    assert_same_as_ruamel(penalty)


def test_quiet_fields_are_written_only_off_their_defaults() -> None:
    quiet = Hazard(
        id="DX-H-2410-YJB01", enterprise="DX-E-2401-YJB01", found="2024-10-08", description="无"
    )
    loud = quiet.model_copy(update={"source": HazardSource.REPORT, "on_the_spot": True})
    assert "source" not in record_data(quiet) and "on_the_spot" not in record_data(quiet)
    assert (record_data(loud)["source"], record_data(loud)["on_the_spot"]) == ("举报", True)
    assert render_new(loud).endswith("source: 举报\non_the_spot: true\nstatus: 整改中\n".encode())


def test_a_key_already_seen_is_written_as_ruamel_writes_it_whatever_its_type() -> None:
    class Key(str):
        pass

    for data in ({"name": "甲"}, {Key("name"): "甲", "note": "乙"}, {"a": {Key("name"): 1}}):
        fast = emit_new(data)
        assert fast is None or fast == dump(plain(data))
    assert emit_new({"name": "甲", "level": Level.MAJOR}) == "name: 甲\nlevel: 重大\n"


def test_every_example_record_takes_the_fast_path() -> None:
    book = Ledger.open(ROOT / "examples" / "dongxi")
    assert len(book.entries) > 300
    for entry in book.entries:
        assert assert_same_as_ruamel(entry.record) is not None, entry.record.id


def fresh_parsers_need_quotes(text: str) -> bool:
    """The quoting rule as first written: libyaml's resolver, then a new ruamel loader."""
    if text == "" or text != text.strip() or any(c in text for c in "\n\r\x85\u2028\u2029"):
        return True
    if yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False)) != STR:
        return True
    try:
        back = YAML(typ="safe", pure=True).load(f"k: {text}\n")
    except YAMLError:
        return True
    return not isinstance(back, dict) or back.get("k") != text


STR = "tag:yaml.org,2002:str"
LEDGER_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("东溪镇双龙村号组（）〔〕、，。_.-0123456789AZaz")),
        st.sampled_from(list(" :#'\"!&*|>%@`{}[],?~=\t\n\x85\u2028\ufeff\x07（：")),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(LEDGER_TEXT, st.from_regex(yamlwrite._SURELY_PLAIN, fullmatch=True)))
def test_text_taken_as_plain_without_a_parser_reads_back_plain_in_both(text: str) -> None:
    if yamlwrite.surely_plain(text):
        assert not fresh_parsers_need_quotes(text)
        assert yamlwrite.handler().emitter.analyze_scalar(text).allow_block_plain
        assert agree(f"k: {text}\n".encode()) == {"k": text}


ALPHANUMERIC_TRICKY = ["1E5", "1e-3", "0x1F", "0o17", "0b101", "190", "0190", "Null", "TRUE", "Off"]


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.sampled_from(ALPHANUMERIC_TRICKY),
        st.from_regex(r"[0-9A-Za-z]{1,20}", fullmatch=True),
        st.from_regex(r"[0-9]{1,6}[eEoObBxX][0-9A-Fa-f]{0,4}", fullmatch=True),
    )
)
def test_letters_and_digits_are_quoted_exactly_when_a_parser_would_misread_them(
    text: str,
) -> None:
    assert yamlwrite._parsers_need_quotes(text) == fresh_parsers_need_quotes(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TRICKY), text), min_size=1, max_size=8))
def test_the_reused_loader_answers_as_a_fresh_one_even_after_errors(texts: list[str]) -> None:
    for value in texts:
        assert yamlwrite._parsers_need_quotes(value) == fresh_parsers_need_quotes(value)
