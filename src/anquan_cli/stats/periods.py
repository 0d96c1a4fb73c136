"""Report periods: a quarter, month, half year, whole year or any range, and the as-of date."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from anquan_cli.errors import UsageError
from anquan_cli.model.dates import chinese_date

QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")
HALF_NAMES = ("上半年", "下半年")
_QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_HALF_WORDS = {"1": 1, "2": 2, "上": 1, "下": 2, "上半年": 1, "下半年": 2}


@dataclass(frozen=True)
class Period:
    """A stretch of days [start, end] reported on, and the day the figures are taken."""

    start: date
    end: date
    as_of: date
    kind: str
    """quarter, month, half, year or range."""
    label: str
    """As documents write it: 2024年第四季度, 2024年11月, 2024年上半年, 2024年, or a range."""
    part: str
    """The part of the year alone: 第四季度, 11月, 上半年, 全年; the label for a range."""

    @cached_property
    def window_end(self) -> date:
        """The last day whose records count: the period's end, or the as-of date if earlier."""
        return min(self.end, self.as_of)

    def contains(self, day: date) -> bool:
        """Whether a record dated that day counts in the period as seen on the as-of date."""
        return self.start <= day <= self.window_end

    def months(self) -> list[str]:
        """Every month (2024-11) the period touches, in order."""
        found: list[str] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    def to_dict(self) -> dict[str, str]:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "kind": self.kind,
            "label": self.label,
            "part": self.part,
        }


@dataclass(frozen=True)
class PeriodChoice:
    """The period flags as typed: at most one kind of period, plus --year and --as-of."""

    year: int | None = None
    quarter: str | None = None
    month: str | None = None
    half: str | None = None
    start: date | None = None
    end: date | None = None
    as_of: date | None = None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter(year: int, number: int, as_of: date | None = None) -> Period:
    start = date(year, 3 * number - 2, 1)
    end = _month_end(year, 3 * number)
    name = QUARTER_NAMES[number - 1]
    return _made(start, end, as_of, "quarter", f"{year}年{name}", name)


def month(year: int, number: int, as_of: date | None = None) -> Period:
    start = date(year, number, 1)
    return _made(
        start, _month_end(year, number), as_of, "month", f"{year}年{number}月", f"{number}月"
    )


def half(year: int, number: int, as_of: date | None = None) -> Period:
    start = date(year, 1 if number == 1 else 7, 1)
    end = _month_end(year, 6 if number == 1 else 12)
    name = HALF_NAMES[number - 1]
    return _made(start, end, as_of, "half", f"{year}年{name}", name)


def whole_year(year: int, as_of: date | None = None) -> Period:
    return _made(date(year, 1, 1), date(year, 12, 31), as_of, "year", f"{year}年", "全年")


def date_range(start: date, end: date, as_of: date | None = None) -> Period:
    if start > end:
        raise UsageError(f"--from {start} 晚于 --to {end}")
    label = f"{chinese_date(start)}至{chinese_date(end)}"
    return _made(start, end, as_of, "range", label, label)


def _made(start: date, end: date, as_of: date | None, kind: str, label: str, part: str) -> Period:
    if as_of is not None and as_of < start:
        raise UsageError(f"--as-of {as_of} 早于统计期起始日 {start}")
    return Period(start, end, as_of or end, kind, label, part)


def _number(value: str, words: dict[str, int], flag: str, allowed: str) -> int:
    text = value.strip().upper().removeprefix("Q")
    number = words.get(text)
    if number is None:
        raise UsageError(f"{flag}：{value} 无效，应为 {allowed}")
    return number


def _month_number(value: str, year: int) -> tuple[int, int]:
    """--month 11 (of --year) or --month 2024-11."""
    text = value.strip().removesuffix("月")
    if "-" in text or "年" in text or "/" in text or "." in text:
        from anquan_cli.model.dates import parse_month

        try:
            spelled = parse_month(value)
        except ValueError as error:
            raise UsageError(f"--month：{error}") from None
        return int(spelled[:4]), int(spelled[5:])
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise UsageError(f"--month：{value} 无效，应为 1–12 或 2024-11")
    return year, int(text)


def _held_year(year: int, flag: str) -> None:
    """Commands hold years to those a record can carry (model.dates.check_year: 2000–2099)."""
    from anquan_cli.model.dates import check_year

    try:
        check_year(date(year, 1, 1))
    except (ValueError, OverflowError) as error:
        if not 1 <= year <= 9999:
            raise UsageError(f"{flag}：{year} 不是有效年份") from None
        raise UsageError(f"{flag}：{error}") from None


def resolve(choice: PeriodChoice, today: date, *, default_quarter: bool = False) -> Period:
    """The period the flags name; the year defaults to today's; --year alone is the whole year.

    With no period flag at all, the current quarter when `default_quarter`, else a usage error.
    """
    kinds = [
        flag
        for flag, given in (
            ("--quarter", choice.quarter),
            ("--month", choice.month),
            ("--half", choice.half),
            ("--from/--to", choice.start or choice.end),
        )
        if given is not None
    ]
    if len(kinds) > 1:
        raise UsageError(f"统计期只能指定一种：{'、'.join(kinds)} 不能同时使用")
    if choice.year is not None:
        _held_year(choice.year, "--year")
    year = choice.year if choice.year is not None else today.year
    as_of = choice.as_of
    if choice.quarter is not None:
        return quarter(year, _number(choice.quarter, _QUARTER_WORDS, "--quarter", "1–4"), as_of)
    if choice.month is not None:
        in_year, number = _month_number(choice.month, year)
        _held_year(in_year, "--month")
        if choice.year is not None and in_year != choice.year:
            raise UsageError(
                f"--month {choice.month} 已写明年份 {in_year}，与 --year {choice.year} 不符"
            )
        return month(in_year, number, as_of)
    if choice.half is not None:
        return half(year, _number(choice.half, _HALF_WORDS, "--half", "1、2 或 上、下"), as_of)
    if choice.start is not None or choice.end is not None:
        if choice.start is None or choice.end is None:
            raise UsageError("--from 与 --to 须同时给出")
        if choice.year is not None:
            raise UsageError("--year 不能与 --from/--to 同时使用")
        _held_year(choice.start.year, "--from")
        _held_year(choice.end.year, "--to")
        return date_range(choice.start, choice.end, as_of)
    if choice.year is not None:
        return whole_year(year, as_of)
    if default_quarter:
        return quarter(today.year, quarter_of(today), as_of)
    raise UsageError("请指定统计期：--quarter、--month、--half、--from/--to 或 --year")
