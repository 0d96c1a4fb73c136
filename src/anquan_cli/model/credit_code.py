"""统一社会信用代码 per GB 32100-2015: 18 characters, the last one a check character."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    """The check character that completes these 17 characters."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(code: str) -> str:
    """Return the code upper-cased, or raise ValueError naming what is wrong."""
    code = code.strip().upper()
    if len(code) != 18:
        raise ValueError(f"统一社会信用代码 {code} 应为18位，实为{len(code)}位")
    bad = [ch for ch in code if ch not in _VALUE]
    if bad:
        raise ValueError(
            f"统一社会信用代码 {code} 含有不允许的字符 {bad[0]}（不使用 I、O、Z、S、V）"
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise ValueError(
            f"统一社会信用代码 {code} 校验位错误：第18位应为 {expected}，实为 {code[17]}"
        )
    return code
