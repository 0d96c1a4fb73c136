"""The summary's JSON writer gives json.dumps's text exactly, for any JSON value."""

from __future__ import annotations

import json
from enum import IntEnum, StrEnum

from hypothesis import given
from hypothesis import strategies as st

from anquan_cli.stats.jsontext import dumps


def reference(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


class Kind(StrEnum):
    MEETING = "专题会议"


class Grade(IntEnum):
    ONE = 1


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.sampled_from([Kind.MEETING, Grade.ONE])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text() | st.sampled_from([Kind.MEETING]), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(values)
def test_text_is_json_dumps_text(value: object) -> None:
    assert dumps(value) == reference(value)


def test_keys_json_would_convert_are_left_to_json() -> None:
    value = {"counts": {1: "一", 2: "二"}, "rate": float("nan")}
    assert dumps(value) == reference(value)


def test_summary_shapes_read_back() -> None:
    value = {
        "totals": {"hazards_found": 3, "rectification_rate": None, "fines_wan": 1.5},
        "overdue": [],
        "by_town": {},
        "items": [{"missing": ["资金", "预案"]}],
    }
    assert json.loads(dumps(value)) == value
    assert dumps(value) == reference(value)
