"""Numbers as offices write them: rates, 万元, dates, quarters, measure words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from anquan_cli.render.numbers import (
    cn_date,
    cn_number,
    count,
    fine,
    money,
    number,
    percent,
    quarter_name,
    short_date,
    wan,
)


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (0.375, "37.5%"),
        (3 / 8, "37.5%"),
        (23 / 35, "65.7%"),
        (2 / 3, "66.7%"),
        (1, "100.0%"),
        (0, "0.0%"),
        (0.0625, "6.3%"),
        (None, "—"),
    ],
)
def test_rectification_rate_has_one_decimal_and_a_dash_when_nothing_was_found(
    rate: float | None, text: str
) -> None:
    assert percent(rate) == text


@pytest.mark.parametrize(
    ("yuan", "text"),
    [
        (15600, "1.56万元"),
        (10000, "1万元"),
        (15000, "1.5万元"),
        (10600.5, "1.06万元"),
        ("123456", "12.35万元"),
        (Decimal("8000"), "8000元"),
        (8000.5, "8000.5元"),
        (0, "0元"),
        (None, "—"),
    ],
)
def test_money_reads_in_wan_from_ten_thousand_up(yuan: object, text: str) -> None:
    assert money(yuan) == text


def test_wan_gives_two_decimals_at_most_without_trailing_zeros() -> None:
    assert wan(15600) == "1.56"
    assert wan(8000) == "0.8"
    assert wan(20000) == "2"
    assert wan(15649) == "1.56"
    assert wan(15650) == "1.57"


def test_a_fine_too_small_for_two_decimals_of_wan_is_not_written_as_zero() -> None:
    assert [fine(y) for y in (13000, 5000, 50, 49, 0.5, 0)] == [
        "1.3万元", "0.5万元", "0.01万元", "49元", "0.5元", "0万元",
    ]  # fmt: skip
    assert wan(49) == "0.0049"  # in a 罚款（万元） column, where the unit is fixed


def test_numbers_print_plain() -> None:
    assert number(Decimal("1.50")) == "1.5"
    assert number(2.0) == "2"
    assert number(0) == "0"
    assert number(None) == "—"


def test_dates_read_without_leading_zeros() -> None:
    assert cn_date("2024-12-31") == "2024年12月31日"
    assert cn_date(date(2024, 1, 5)) == "2024年1月5日"
    assert cn_date(None) == ""
    assert short_date("2024-01-05") == "2024.1.5"


def test_quarters_and_small_numbers_in_chinese() -> None:
    assert [quarter_name(q) for q in (1, 2, 3, 4)] == [
        "第一季度",
        "第二季度",
        "第三季度",
        "第四季度",
    ]
    with pytest.raises(ValueError, match="季度"):
        quarter_name(5)
    assert [cn_number(n) for n in (1, 4, 10, 12, 20, 21, 99)] == [
        "一",
        "四",
        "十",
        "十二",
        "二十",
        "二十一",
        "九十九",
    ]
    assert cn_number(100) == "100"


def test_counts_carry_the_sectors_measure_word() -> None:
    assert count(5) == "5家"
    assert count(12, "处") == "12处"
    assert count(850, "栋") == "850栋"
    assert count(480, "人次") == "480人次"
    assert count(None, "起") == "0起"


def test_text_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="不是数字"):
        percent("abc")
