"""Reading one cell of somebody's spreadsheet: dates in every spelling, names, money, status."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from anquan_cli.model.enums import Status

Cell = str | int | float | bool | date | datetime | None

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug kept)
_FULL_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


class CellError(ValueError):
    """A value that cannot be read; the message is the Chinese reason."""


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Full-width to half-width (NFKC), no spaces at all: how names and headings are compared."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def clean(value: Cell) -> str | None:
    """A cell as trimmed text (whitespace runs collapsed); None when empty."""
    if type(value) is str:
        return " ".join(value.split()) or None
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()[:10]
    text = " ".join(str(value).split())
    return text or None


def year_in(text: str) -> int | None:
    """The year a title names (东溪镇2024年第四季度…), for dates written without one."""
    found = _YEAR.search(unicodedata.normalize("NFKC", text))
    return int(found.group(1)) if found else None


def read_date(value: Cell, year: int | None = None) -> date | None:
    """A date in any spelling a clerk uses; None for an empty cell; CellError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError(f"{value} 不是日期")
    if isinstance(value, int | float):
        return _serial(value)
    return _date_text(value, year)


@lru_cache(maxsize=4096)
def _date_text(value: str, year: int | None) -> date | None:
    text = "".join(unicodedata.normalize("NFKC", value).split())
    if not text:
        return None
    for pattern in (_FULL_DATE, _COMPACT):
        match = pattern.match(text)
        if match:
            return _make(text, *(int(g) for g in match.groups()))
    match = _MONTH_DAY.match(text)
    if match:
        if year is None:
            raise CellError(f"日期“{value}”没有年份，标题中也找不到年份")
        return _make(text, year, int(match.group(1)), int(match.group(2)))
    if re.fullmatch(r"\d+(\.0+)?", text):
        return _serial(float(text))
    raise CellError(f"“{value}”不是日期（应如 2024-10-08、2024.10.8 或 2024年10月8日）")


def _make(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"“{text}”不是有效日期") from None


def _serial(number: float) -> date:
    """An Excel serial day number (as a cell without a date format shows it)."""
    if not 1 <= number < 2958466 or number != int(number):
        raise CellError(f"{number:g} 不是日期")
    return _EXCEL_EPOCH + timedelta(days=int(number))


_WAN = Decimal(10000)


def read_money(value: Cell, in_wan: bool = False) -> Decimal | None:
    """An amount in 元: numbers, text with thousands separators, 元 or 万元.

    A number without a unit is in 万元 when its column's heading says so (in_wan); a cell
    that names its own unit (0.3万元, 5000元) means what it says under any heading."""
    if type(value) is float and not in_wan:  # as a workbook gives most amounts
        return Decimal(repr(value))
    if value is None or value == "":
        return None
    if isinstance(value, (bool, date)):
        raise CellError(f"{value} 不是金额")
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return _in_wan(number, value) if in_wan else number
    text = fold(value).replace(",", "")
    scale: Decimal | None = None
    if text.endswith("万元") or text.endswith("万"):
        scale = _WAN
        text = text.removesuffix("万元").removesuffix("万")
    elif text.endswith("元"):
        scale = Decimal(1)
        text = text.removesuffix("元")
    if text in ("", "-", "/", "无"):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{value}”不是金额") from None
    if not number.is_finite() or number < 0:
        raise CellError(f"“{value}”不是有效金额")
    if scale is None:
        scale = _WAN if in_wan else Decimal(1)
    return _tidy(number * scale)


def _in_wan(number: Decimal, value: int | float) -> Decimal:
    """A number cell under a 万元 heading, in 元; a negative one is refused as it was typed."""
    if number.is_finite() and number < 0:
        raise CellError(f"金额 {clean(value)} 万元不能为负数")
    return _tidy(number * _WAN)


def _tidy(amount: Decimal) -> Decimal:
    """Whole 元 without trailing zeros (3000, not 3000.0)."""
    return amount.normalize() if amount == amount.to_integral_value() else amount


def read_count(value: Cell) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, (bool, date)):
        raise CellError(f"{value} 不是人数或次数")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"{value:g} 不是整数")
        value = int(value)
    if isinstance(value, str):
        text = fold(value).removesuffix("人").removesuffix("次")
        if text in ("", "-", "/", "无"):
            return 0
        if not text.isdigit():
            raise CellError(f"“{value}”不是整数")
        value = int(text)
    if value < 0:
        raise CellError(f"{value} 不能为负数")
    return value


_CLOSED = ("销号", "已验收", "验收通过")
_RECTIFIED = (
    "已整改",
    "整改完成",
    "完成整改",
    "已完成",
    "完成",
    "已落实",
    "已处理",
    "已消除",
    "√",
    "✓",
    "✔",
    "是",
)
_OPEN = (
    "未整改",
    "整改中",
    "正在整改",
    "未完成",
    "逾期",
    "×",
    "✗",
    "否",
    "待整改",
    "未",
    "限期整改",
)


def read_status(value: Cell) -> Status | None:
    """整改情况 as clerks write it (已整改, 整改完成, √, 未整改 …); None when empty."""
    text = clean(value)
    if text is None:
        return None
    return _status_of(text)


@lru_cache(maxsize=1024)
def _status_of(text: str) -> Status | None:
    folded = fold(text)
    if folded in ("-", "/"):
        return None
    if any(word in folded for word in _OPEN) and "已整改" not in folded:
        return Status.OPEN
    if any(word in folded for word in _CLOSED):
        return Status.CLOSED
    if any(word in folded for word in _RECTIFIED):
        return Status.RECTIFIED
    raise CellError(f"整改情况“{text}”无法识别（应如 已整改、整改中、已销号）")
