"""Numbers the way offices write them: 37.5%, 1.56万元, 2024年12月31日, 第四季度, 5家.

Each function formats a value it is given; none computes a figure. They are the Jinja filters
every report template uses (see FILTERS).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

DASH = "—"
_WAN = Decimal(10000)
_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")
_DIGITS = "零一二三四五六七八九"
_QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


def _decimal(value: object) -> Decimal | None:
    """Any JSON-ish number (int, float, Decimal or numeric text) as a Decimal; None if empty."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        # repr of a float is its shortest exact spelling: 0.375 stays 0.375, not 0.37499…
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{value!r} 不是数字") from None
    return amount if amount.is_finite() else None


def _plain(amount: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 1.50 → 1.5, 2.00 → 2."""
    text = format(amount, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(rate: object) -> str:
    """A rate 0..1 as a percentage with one decimal (0.375 → 37.5%, 1 → 100.0%); None → —."""
    amount = _decimal(rate)
    if amount is None:
        return DASH
    return format((amount * 100).quantize(_TENTH, rounding=ROUND_HALF_UP), "f") + "%"


def number(value: object) -> str:
    """A count or amount as plain digits, no grouping, no trailing zeros (1.50 → 1.5)."""
    amount = _decimal(value)
    return DASH if amount is None else _plain(amount)


def wan(yuan: object) -> str:
    """An amount in 元 as 万元 digits, two decimals at most (15600 → 1.56, 8000 → 0.8); an
    amount that two decimals would show as 0 keeps the digits it needs (49 → 0.0049)."""
    amount = _decimal(yuan)
    if amount is None:
        return DASH
    rounded = (amount / _WAN).quantize(_CENT, rounding=ROUND_HALF_UP)
    return _plain(amount / _WAN if amount and not rounded else rounded)


def fine(yuan: object) -> str:
    """罚款 as the documents write it: in 万元, two decimals at most (13000 → 1.3万元); a sum
    two decimals would show as 0万元 in 元 instead (49 → 49元)."""
    amount = _decimal(yuan)
    if amount is None:
        return DASH
    if amount and not (amount / _WAN).quantize(_CENT, rounding=ROUND_HALF_UP):
        return _plain(amount) + "元"
    return wan(amount) + "万元"


def money(yuan: object) -> str:
    """An amount with its unit, as a clerk would write it: 1.56万元 from 10000 up, else 8000元."""
    amount = _decimal(yuan)
    if amount is None:
        return DASH
    if amount >= _WAN:
        return wan(amount) + "万元"
    return _plain(amount.quantize(_CENT, rounding=ROUND_HALF_UP)) + "元"


def as_date(value: object) -> date:
    """A date or its ISO text (2024-12-31)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{value!r} 不是日期") from None


def cn_date(value: object) -> str:
    """2024年12月31日 (no leading zeros, as documents write it); empty stays empty."""
    if value is None or value == "":
        return ""
    day = as_date(value)
    return f"{day.year}年{day.month}月{day.day}日"


def short_date(value: object) -> str:
    """2024.1.12, for dates in narrow table columns; empty stays empty."""
    if value is None or value == "":
        return ""
    day = as_date(value)
    return f"{day.year}.{day.month}.{day.day}"


def cn_month_day(value: object) -> str:
    """12月31日, for dates inside a period that the text has already named the year of."""
    day = as_date(value)
    return f"{day.month}月{day.day}日"


def quarter_name(number: object) -> str:
    """1..4 → 第一季度 … 第四季度."""
    index = int(str(number)) - 1
    if not 0 <= index < 4:
        raise ValueError(f"{number!r} 不是季度（1–4）")
    return _QUARTERS[index]


def cn_number(value: object) -> str:
    """A small whole number in Chinese numerals: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一.

    Used for ordinals (（一）, 第三) and for counts written in words (发生事故一起).
    Numbers from 100 up are left as digits, as offices write them.
    """
    n = int(str(value))
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def count(value: object, word: str = "家") -> str:
    """A count with its measure word: 5家, 12处, 3起, 480人次, 850栋."""
    return number(value if value is not None else 0) + word


def quantities(rows: object, joiner: str = "，") -> str:
    """An activity kind's quantities as offices write them: 发放宣传资料20000份，悬挂横幅50条
    (each row's what, quantity and measure word, in the order given)."""
    if not isinstance(rows, list | tuple):
        return ""
    return joiner.join(
        f"{row['what']}{number(row['quantity'])}{row['measure']}"
        for row in rows
        if isinstance(row, dict)
    )


def share(part: object, whole: object) -> str:
    """占比 of a count in a whole as a percentage (7 of 10 → 70.0%); — when the whole is 0."""
    total = _decimal(whole)
    amount = _decimal(part)
    if total is None or amount is None or total == 0:
        return DASH
    return percent(amount / total)


FILTERS: dict[str, Callable[..., Any]] = {
    "percent": percent,
    "num": number,
    "wan": wan,
    "money": money,
    "fine": fine,
    "cn_date": cn_date,
    "cn_month_day": cn_month_day,
    "short_date": short_date,
    "quarter_name": quarter_name,
    "cn": cn_number,
    "count": count,
    "quantities": quantities,
    "share": share,
}
"""The names templates use: {{ t.rectification_rate | percent }}, {{ n | count('处') }} …"""
