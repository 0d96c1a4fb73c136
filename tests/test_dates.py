from datetime import date

import pytest

from anquan_cli.model.dates import check_past, check_year, chinese_date, parse_date, parse_month


@pytest.mark.parametrize(
    "text",
    [
        "2024-10-05",
        "2024/10/5",
        "2024.10.5",
        "2024年10月5日",
        "２０２４年１０月５日",
        " 2024 - 10 - 05 ",
    ],
)
def test_every_spelling_a_clerk_types_is_read(text: str) -> None:
    assert parse_date(text) == date(2024, 10, 5)


@pytest.mark.parametrize("text", ["2024-02-30", "2024-13-01", "昨天", "10/5/2024"])
def test_impossible_or_unknown_dates_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(ValueError, match="不是有效日期"):
        parse_date(text)


def test_months_are_normalised() -> None:
    assert parse_month("2024年11月") == "2024-11"
    with pytest.raises(ValueError, match="不是有效月份"):
        parse_month("2024-13")


def test_documents_write_dates_in_chinese() -> None:
    assert chinese_date(date(2024, 12, 31)) == "2024年12月31日"


TODAY = date(2026, 12, 2)


def test_something_done_may_be_dated_today_or_earlier() -> None:
    assert check_past(TODAY, TODAY) == TODAY
    assert check_past(date(2000, 1, 1), TODAY) == date(2000, 1, 1)


def test_something_done_cannot_be_dated_after_today() -> None:
    with pytest.raises(ValueError, match="2027-06-01 晚于今天（2026-12-02）"):
        check_past(date(2027, 6, 1), TODAY)


@pytest.mark.parametrize("year", [1999, 2100, 2204])
def test_a_year_an_id_cannot_carry_in_two_digits_is_refused(year: int) -> None:
    with pytest.raises(ValueError, match=f"年份 {year} 不在 2000—2099 之间"):
        check_year(date(year, 10, 5))
