"""Reading one cell of somebody's spreadsheet: dates in every spelling, names, money, status."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from anquan_cli.model.dates import parse_month
from anquan_cli.model.enums import Status

Cell = str | int | float | bool | date | datetime | None

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug kept)
# A date cell shown as a number: only a serial of 1990 … 2099 is a 台账's date; 2024 or 1005
# typed into a date column is a mistake, not a day in 1905 or 1902.
_FIRST_SERIAL = (date(1990, 1, 1) - _EXCEL_EPOCH).days
_LAST_SERIAL = (date(2099, 12, 31) - _EXCEL_EPOCH).days
_SHOULD_BE = "（应如 2024-10-08、2024.10.8 或 2024年10月8日）"
_FULL_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


class CellError(ValueError):
    """A value that cannot be read; the message is the Chinese reason."""


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Full-width to half-width (NFKC), no spaces at all: how headings, status words and
    descriptions are compared (unit names: store.lookup.fold_name)."""
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
        return _date_number(value, year)
    return _date_text(value, year)


def _date_number(value: int | float, year: int | None) -> date:
    """A number in a date column: 20241007, an Excel serial, or 10.7 typed for 10月7日."""
    if isinstance(value, float) and not value.is_integer():
        return _month_day_number(value, year)
    number = int(value)
    if 10_000_000 <= number <= 99_999_999:
        return _make(str(number), number // 10000, number // 100 % 100, number % 100)
    if _FIRST_SERIAL <= number <= _LAST_SERIAL:
        return _EXCEL_EPOCH + timedelta(days=number)
    raise CellError(f"数字 {number} 不是日期{_SHOULD_BE}")


def _month_day_number(value: float, year: int | None) -> date:
    """10.7 as the text "10.7" reads: 10月7日. A number keeps no trailing zero, so 10.1 may
    have been typed 10.10: such a number is refused rather than guessed."""
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})", repr(value))
    if match is None:
        raise CellError(f"数字 {value:g} 不是日期{_SHOULD_BE}")
    month, day = match.groups()
    if day in ("1", "2") or (day == "3" and month != "2"):  # 10, 20 or 30 is a day too
        raise CellError(
            f"数字 {value:g} 可能是 {month}月{day}日，也可能是 {month}月{day}0日；"
            "请写成完整日期，或把该列设为文本"
        )
    return _in_year(repr(value), year, int(month), int(day))


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
        return _in_year(value, year, int(match.group(1)), int(match.group(2)))
    if re.fullmatch(r"\d+(\.0+)?", text):
        return _date_number(int(float(text)), year)
    raise CellError(f"“{value}”不是日期{_SHOULD_BE}")


def _in_year(text: str, year: int | None, month: int, day: int) -> date:
    """A month and day written without a year, in the year the title names."""
    if year is None:
        raise CellError(f"日期“{text}”没有年份，标题中也找不到年份")
    return _make(text, year, month, day)


def _make(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"“{text}”不是有效日期") from None


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


def read_month(value: Cell) -> str | None:
    """A plan's month as 2024-11: written 2024-11 or 2024年11月, or a date cell (Excel makes
    one of 2024-11 typed in)."""
    if isinstance(value, date):
        return f"{value:%Y-%m}"
    text = clean(value)
    if text is None:
        return None
    try:
        return parse_month(text)
    except ValueError as error:
        raise CellError(str(error)) from None


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


_DOCUMENT = re.compile(r"^\s*([^:：]+?)\s*[:：]\s*(.+?)\s*$")


def read_documents(value: Cell) -> dict[str, str]:
    """A 执法文书 cell (export's render/sheets.documents_text): a line each, 文书：文号."""
    text = clean(value) if not isinstance(value, str) else value
    documents: dict[str, str] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = _DOCUMENT.match(line)
        if match is None:
            raise CellError(
                f"执法文书“{line.strip()}”应写作 文书：文号（如 整改通知书：东应急责改〔2024〕3号）"
            )
        documents[match.group(1)] = match.group(2)
    return documents


_YES = ("是", "√", "✓", "✔", "当场整改", "当场纠正", "y", "yes", "true")
_NO = ("否", "×", "✗", "-", "/", "无", "n", "no", "false")


def read_yes(value: Cell) -> bool:
    """A yes/no cell (当场整改): 是/√ yes, 否/×/blank no; anything else is refused."""
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    text = fold(str(value)).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"“{value}”应为 是 或 否（也可留空）")


_SENT_BACK = ("不通过", "未通过", "不合格")  # 验收 sent it back: 整改中 again
_AWAITING = ("未验收", "待验收", "未复查", "待复查")  # rectified, 验收 still to come
# Words that say the hazard was 销号 (验收 passed): closed even where the sheet gives no date.
_SIGNED_OFF = ("销号", "已验收", "验收通过", "验收合格", "复查合格", "核查合格")
# Words that say it is done with, but not that 验收 passed: closed only with a 验收 date.
_CLOSED = (*_SIGNED_OFF, "已复查", "闭环", "关闭", "合格")
_RECTIFIED = (
    "已整改",
    "整改完成",
    "完成整改",
    "整改完毕",
    "整改到位",
    "已完成",
    "完成",
    "已落实",
    "已处理",
    "消除",
    "立行立改",
    "当场整改",
    "现场整改",
    "已立即整改",
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
    "开放",
)
ON_THE_SPOT = "当场纠正"
# How a hazard is to be rectified, kept as the sheet says it: on the spot (done the day it
# was found), at once, or by a deadline. Only 当场纠正 says it is done.
_METHODS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("当场纠正", "当场整改", "现场整改", "现场纠正", "立行立改", "当即整改", "当场改正"),
        ON_THE_SPOT,
    ),
    (("立即整改",), "立即整改"),
    (("限时整改", "限期整改"), "限时整改"),
)


_METHOD_HINT = re.compile("当场|现场|立行|立即|限时|限期|当即")


@dataclass(frozen=True, slots=True)
class Said:
    """What one cell says of a hazard's state: the state (None: nothing), whether 验收
    passed (销号), and how it is to be rectified (当场纠正, 立即整改, 限时整改)."""

    state: Status | None
    signed_off: bool = False
    method: str | None = None

    @property
    def summary(self) -> tuple[Status | None, bool, str | None]:
        """What a row with only this cell to say says: the state, as said alone (关闭 is
        closed only with a 验收 date), whether 验收 passed, how it is rectified."""
        return self.state, self.signed_off, self.method


def read_said(value: Cell) -> Said | None:
    """A state cell (整改情况, 隐患状态, 复查结果, 是否消除, 整改方式 …); None when empty."""
    text = clean(value)
    if text is None:
        return None
    return _said(text)


@lru_cache(maxsize=1024)
def _said(text: str) -> Said | None:
    folded = fold(text)
    method = None
    rest = folded
    for words, name in _METHODS:
        if any(word in folded for word in words):
            method = name
            for word in words:
                rest = rest.replace(word, "")
            break
    if method == ON_THE_SPOT:
        return Said(Status.RECTIFIED, method=method)
    if method is not None and rest.startswith("已"):  # 已立即整改
        return Said(Status.RECTIFIED, method=method)
    if method is not None and not rest.strip(",，、;；/ "):
        return Said(None, method=method)
    state = _status_of(text)
    if state is None:
        return None
    signed = state is Status.CLOSED and any(word in folded for word in _SIGNED_OFF)
    return Said(state, signed, method)


def method_in(value: Cell) -> str | None:
    """How a 处置措施 (or 整改期限) cell says the hazard is rectified: 当场纠正 and the like,
    or a cell that is only 立即整改 or 限时整改; None for measures written out."""
    if type(value) is not str or _METHOD_HINT.search(value) is None:
        return None  # most measures are written out: no folding for them
    return _method_of(value)


@lru_cache(maxsize=4096)
def _method_of(text: str) -> str | None:
    folded = fold(text)
    for words, name in _METHODS:
        if (name == ON_THE_SPOT and any(w in folded for w in words)) or folded in words:
            return name
    return None


def read_status(value: Cell) -> Status | None:
    """整改情况 as clerks write it (已整改, 整改完成, √, 未整改 …); None when empty."""
    said = read_said(value)
    return said.state if said is not None else None


@lru_cache(maxsize=1024)
def _status_of(text: str) -> Status | None:
    folded = fold(text)
    if folded in ("-", "/"):
        return None
    if any(word in folded for word in _SENT_BACK):
        return Status.OPEN
    rest = folded  # what the text says besides "awaiting 验收", whose 未 is no open hazard's
    for word in _AWAITING:
        rest = rest.replace(word, "")
    if any(word in rest for word in _OPEN) and "已整改" not in rest:
        return Status.OPEN
    if any(word in rest for word in _CLOSED):
        return Status.CLOSED
    if rest != folded or any(word in rest for word in _RECTIFIED):
        return Status.RECTIFIED
    raise CellError(f"整改情况“{text}”无法识别（应如 已整改、整改中、已销号、关闭）")
