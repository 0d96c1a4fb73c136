from datetime import date

import pytest

from anquan_cli.errors import UsageError
from anquan_cli.stats.periods import PeriodChoice, resolve

TODAY = date(2024, 11, 20)


@pytest.mark.parametrize(
    ("choice", "start", "end", "label"),
    [
        (PeriodChoice(quarter="4"), "2024-10-01", "2024-12-31", "2024年第四季度"),
        (PeriodChoice(quarter="1", year=2025), "2025-01-01", "2025-03-31", "2025年第一季度"),
        (PeriodChoice(month="11"), "2024-11-01", "2024-11-30", "2024年11月"),
        (PeriodChoice(month="2024-02"), "2024-02-01", "2024-02-29", "2024年2月"),
        (PeriodChoice(month="2023年12月", year=2023), "2023-12-01", "2023-12-31", "2023年12月"),
        (PeriodChoice(half="上"), "2024-01-01", "2024-06-30", "2024年上半年"),
        (PeriodChoice(half="2", year=2023), "2023-07-01", "2023-12-31", "2023年下半年"),
        (PeriodChoice(year=2024), "2024-01-01", "2024-12-31", "2024年"),
        (
            PeriodChoice(start=date(2024, 10, 8), end=date(2024, 12, 31)),
            "2024-10-08",
            "2024-12-31",
            "2024年10月8日至2024年12月31日",
        ),
    ],
)
def test_period_flags_name_their_days_and_label(
    choice: PeriodChoice, start: str, end: str, label: str
) -> None:
    period = resolve(choice, TODAY)
    assert (period.start.isoformat(), period.end.isoformat(), period.label) == (start, end, label)
    assert period.as_of == period.end


def test_as_of_defaults_to_the_last_day_and_may_be_given() -> None:
    period = resolve(PeriodChoice(quarter="4", as_of=date(2024, 11, 15)), TODAY)
    assert period.as_of == date(2024, 11, 15)
    assert period.window_end == date(2024, 11, 15)
    assert period.contains(date(2024, 11, 15)) and not period.contains(date(2024, 11, 16))
    later = resolve(PeriodChoice(quarter="4", as_of=date(2025, 1, 10)), TODAY)
    assert later.window_end == date(2024, 12, 31)


def test_no_flag_is_the_current_quarter_only_when_asked() -> None:
    assert resolve(PeriodChoice(), TODAY, default_quarter=True).label == "2024年第四季度"
    with pytest.raises(UsageError):
        resolve(PeriodChoice(), TODAY)


def test_months_of_a_period() -> None:
    assert resolve(PeriodChoice(quarter="4"), TODAY).months() == ["2024-10", "2024-11", "2024-12"]
    spanning = resolve(PeriodChoice(start=date(2024, 12, 20), end=date(2025, 1, 5)), TODAY)
    assert spanning.months() == ["2024-12", "2025-01"]


@pytest.mark.parametrize(
    ("choice", "words"),
    [
        (PeriodChoice(quarter="5"), "--quarter"),
        (PeriodChoice(month="13"), "--month"),
        (PeriodChoice(half="3"), "--half"),
        (PeriodChoice(start=date(2024, 12, 1), end=date(2024, 11, 1)), "晚于"),
        (PeriodChoice(start=date(2024, 12, 1)), "同时给出"),
        (PeriodChoice(quarter="4", month="11"), "只能指定一种"),
        (PeriodChoice(quarter="4", as_of=date(2024, 9, 1)), "--as-of"),
        (PeriodChoice(year=99999), "--year"),
        (PeriodChoice(month="2024-12", year=2025), "与 --year 2025 不符"),
    ],
)
def test_bad_period_flags_are_usage_errors(choice: PeriodChoice, words: str) -> None:
    with pytest.raises(UsageError) as raised:
        resolve(choice, TODAY)
    assert words in str(raised.value)
    assert raised.value.exit_code == 2
