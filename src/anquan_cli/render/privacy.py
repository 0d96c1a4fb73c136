"""Masking personal data in documents that leave the office.

Reports (md, html, docx) go to the district, to other offices, sometimes onto a notice board:
mobile numbers, landlines and 身份证 numbers in any text that reaches them (a contact's name and
number in a note, a hazard description that quotes an owner's phone) are masked. The 台账
workbooks are the office's own record and are never masked.
"""

from __future__ import annotations

import re

# 138 1234 5678 / 138-1234-5678 / 13812345678, not inside a longer run of digits or letters
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(1[3-9]\d)([- ]?)(\d{4})([- ]?)(\d{4})(?![0-9A-Za-z])")
# 0591-12345678, 0771-1234567 (the dash is required: a bare run of digits is too often a number)
_LANDLINE = re.compile(r"(?<![0-9A-Za-z])(0\d{2,3}-)(\d{3,4})(\d{4})(?![0-9A-Za-z])")
# 18-digit 居民身份证号码: 6-digit area, birth date 19xx/20xx, 3-digit sequence, check digit
_ID_CARD = re.compile(
    r"(?<![0-9A-Za-z])(\d{4})(\d{2}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
    r"(\d{3}[0-9Xx])(?![0-9A-Za-z])"
)


def mask(text: str) -> str:
    """Text with ID-card numbers (4501**********123X), mobiles (138****5678), landlines masked."""
    text = _ID_CARD.sub(lambda m: m[1] + "*" * len(m[2]) + m[3], text)
    text = _MOBILE.sub(lambda m: m[1] + m[2] + "****" + m[4] + m[5], text)
    return _LANDLINE.sub(lambda m: m[1] + "*" * len(m[2]) + m[3], text)
