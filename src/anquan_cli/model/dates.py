"""Dates in the spellings clerks type: 2024-10-05, 2024/10/5, 2024.10.5, 2024年10月5日."""

from __future__ import annotations

import re
from datetime import date, datetime

from anquan_cli.model.ids import ID_YEARS

_FULLWIDTH = str.maketrans("０１２３４５６７８９／．－", "0123456789/.-")
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def parse_date(value: object) -> date:
    """Read a date in any accepted spelling; raise ValueError with a Chinese message."""
    if type(value) is date:  # as YAML, the cache and the import give nearly every date
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
        # The written form (and the cache's): fromisoformat is many times faster than the regex.
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    text = str(value).translate(_FULLWIDTH)
    match = _DATE.match(text)
    if not match:
        raise ValueError(
            f"{value} 不是有效日期（应如 2024-10-05、2024/10/5、2024.10.5 或 2024年10月5日）"
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{value} 不是有效日期") from None


def check_year(day: date) -> date:
    """A date a record can carry: its year fits the ID's two digits (2000–2099)."""
    if day.year not in ID_YEARS:
        raise ValueError(f"年份 {day.year} 不在 {ID_YEARS[0]}—{ID_YEARS[-1]} 之间，请核对是否写错")
    return day


def check_past(day: date, today: date) -> date:
    """A date of something done (found, inspected, fined, rectified …): by today at the latest,
    and with a year an ID can carry."""
    check_year(day)
    if day > today:
        raise ValueError(f"{day} 晚于今天（{today}），不能登记尚未发生的事")
    return day


def parse_month(value: object) -> str:
    """Read a month such as 2024-11 or 2024年11月; return it as 2024-11."""
    text = str(value).translate(_FULLWIDTH)
    match = _MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise ValueError(f"{value} 不是有效月份（应如 2024-11）")
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


def chinese_date(day: date) -> str:
    """2024年12月31日, as official documents write a date."""
    return f"{day.year}年{day.month}月{day.day}日"
