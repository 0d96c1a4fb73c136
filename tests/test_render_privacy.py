"""Documents that leave the office mask phone and ID-card numbers; the 台账 keeps them."""

from __future__ import annotations

import pytest

from anquan_cli.render.privacy import mask


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("联系人张伟，13812345678。", "联系人张伟，138****5678。"),
        ("手机 138 1234 5678", "手机 138 **** 5678"),
        ("电话138-1234-5678", "电话138-****-5678"),
        ("固话0591-12345678", "固话0591-****5678"),
        ("固话0771-1234567", "固话0771-***4567"),
        ("身份证450102199001011234", "身份证4501**********1234"),
        ("身份证45010219900101123X号", "身份证4501**********123X号"),
    ],
)
def test_phone_and_id_numbers_are_masked(text: str, masked: str) -> None:
    assert mask(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "排查隐患35处，罚款1.56万元",
        "2024-12-31",
        "东应急罚〔2024〕12号",
        "统一社会信用代码91350100M000100Y30",
        "流水号123456789012345678901",  # longer than any phone or ID number
        "编号DX-H-2410-YJB03",
    ],
)
def test_other_numbers_are_left_alone(text: str) -> None:
    assert mask(text) == text


def test_masking_is_idempotent() -> None:
    once = mask("13812345678 450102199001011234")
    assert mask(once) == once
