"""Reusable annotated field types: dates, money, phone numbers, credit codes."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, StringConstraints

from anquan_cli.model.credit_code import validate_credit_code
from anquan_cli.model.dates import parse_date, parse_month
from anquan_cli.model.text import LINE_LIMIT, LINE_PATTERN, MULTI_LINE, ONE_LINE

_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8}|400-?\d{3}-?\d{4})$")


MONEY_LIMIT = Decimal(10) ** 12
_FEN = Decimal("0.01")
_FLOAT_NOISE = Decimal("0.000001")
"""How far from a whole fen an amount may lie and still be that fen: Excel and WPS store
amounts as binary floats (1234.56 may read back 1234.5600000001); a third decimal a person
typed (100.555) lies much farther and is refused."""
"""Amounts are in 元 and below a trillion: beyond 10^16 with cents, YAML writers switch to an
exponent that YAML 1.1 reads as text, and a float loses the cents anyway."""


def _to_decimal(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(f"{value} 不是金额")
    if isinstance(value, Decimal):  # as the import reads a cell: checked like any other
        amount = value
    elif isinstance(value, int | float | str):
        text = str(value).strip().replace(",", "").replace("，", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{value} 不是金额（以元为单位的数字）") from None
    else:
        return value
    if not amount.is_finite():
        raise ValueError(f"{value} 不是金额")
    if amount < 0:
        raise ValueError(f"金额 {value} 不能为负数")
    if amount >= MONEY_LIMIT:
        raise ValueError(f"金额 {value} 元过大（应小于一万亿元），请核对单位是否为元")
    fen = amount.quantize(_FEN)
    if amount != fen:
        if abs(amount - fen) > _FLOAT_NOISE:
            raise ValueError(f"金额 {value} 元有两位以上的小数，金额精确到分")
        amount = fen  # 1234.5600000001: a spreadsheet's float for 1234.56
    return amount


def to_money(value: object) -> Decimal:
    """An amount in 元, to the fen, as every record holds one; ValueError says why not."""
    amount = _to_decimal(value)
    if not isinstance(amount, Decimal):
        raise ValueError(f"{value} 不是金额（以元为单位的数字）")
    return amount


def _money_out(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _phone(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if not _PHONE.match(text):
            raise ValueError(f"电话号码 {value} 格式不正确（手机11位，固话如 0591-12345678）")
        return text
    return value


def _text(value: object) -> object:
    """Numbers typed where text belongs (doc numbers, names) are read as their text."""
    if type(value) is str:  # nearly every value: one test, not three
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


COUNT_LIMIT = 1_000_000
"""Counts (deaths, injuries, activities, participants, planned inspections) stay below a
million: a town has tens of thousands of people, so a bigger count is a slip — a phone or
ID number in the wrong place — and never a fact to add into a report."""


def _not_a_flag(value: object) -> object:
    """YAML's true/false is not a count (Python would take true as 1)."""
    if isinstance(value, bool):
        raise ValueError(f"应为整数，不能为 {str(value).lower()}")
    return value


def _count(value: int) -> int:
    if value < 0:
        raise ValueError(f"{value} 不能为负数")
    if value >= COUNT_LIMIT:
        raise ValueError(f"{value} 过大（应小于一百万），请核对")
    return value


Day = Annotated[date, BeforeValidator(parse_date)]
Month = Annotated[str, BeforeValidator(parse_month)]
Money = Annotated[Decimal, BeforeValidator(_to_decimal), PlainSerializer(_money_out)]
Phone = Annotated[str, BeforeValidator(_phone)]
CreditCode = Annotated[str, BeforeValidator(_text), AfterValidator(validate_credit_code)]
Line = Annotated[str, BeforeValidator(_text), ONE_LINE]
"""One line of text in a record: a name, a number, a place. Its length and characters are
model/rules.py's to hold (model/text.py says what they are): checked by a pattern on every
load, they cost a cold load of a ledger a third more pydantic work, for files only a hand
edit could have made so, and a record that breaks them is still counted, its problem named."""
Prose = Annotated[str, BeforeValidator(_text), MULTI_LINE]
"""Text in a record that may run over lines: a description, measures, a note."""
Text = Line
CheckedLine = Annotated[
    str, BeforeValidator(_text), StringConstraints(max_length=LINE_LIMIT, pattern=LINE_PATTERN)
]
"""One line of text held to model/text.py's rules as it is read: anquan.yaml's names and lists
(read once per command, and what every record's office, sector and village are held to)."""
Count = Annotated[int, BeforeValidator(_not_a_flag), AfterValidator(_count)]
