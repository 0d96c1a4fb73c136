"""Record IDs: DX-H-2410-YJB03 = town, kind, year+month of the record's date, office, sequence.

Short enough to type, sorted by month within a kind, and never shared by two offices because
the office's code is part of every ID it creates.
"""

from __future__ import annotations

import re
from datetime import date

from anquan_cli.model.enums import RecordKind

ID_YEARS = range(2000, 2100)
"""The years a record can be dated in: its ID carries the year in two digits."""
ID_PATTERN = re.compile(r"^([A-Z][A-Z0-9]*)-([A-Z])-(\d{4})-([A-Z]+)(\d+)$")
_LETTERS = {kind.letter: kind for kind in RecordKind}


def id_prefix(town: str, kind: RecordKind, day: date, office_code: str) -> str:
    """Everything in an ID before its sequence number."""
    return f"{town}-{kind.letter}-{day:%y%m}-{office_code}"


def format_id(prefix: str, sequence: int) -> str:
    return f"{prefix}{sequence:02d}"


def kind_of_id(record_id: str) -> RecordKind | None:
    """The kind an ID names, or None when it is not one of ours."""
    match = ID_PATTERN.match(record_id)
    return _LETTERS.get(match.group(2)) if match else None


def wrong_kind(record_id: str, expected: RecordKind) -> str | None:
    """Why an ID cannot name a record of the expected kind (it names another), or None."""
    kind = kind_of_id(record_id)
    if kind is None or kind is expected:
        return None
    return f"{record_id} 是{kind.label}编号，不是{expected.label}编号"


def year_of_id(record_id: str) -> str | None:
    match = ID_PATTERN.match(record_id)
    return f"20{match.group(3)[:2]}" if match else None


def normalize_id(text: str) -> str:
    """IDs are typed in any case and with stray spaces."""
    return text.strip().upper()
