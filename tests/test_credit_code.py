import random

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from anquan_cli.model.credit_code import (
    ALPHABET,
    AUTHORITIES,
    PROVINCES,
    check_character,
    make_code,
    validate_credit_code,
)


def test_a_valid_code_passes_and_is_upper_cased() -> None:
    assert validate_credit_code("91350100m000100y30") == "91350100M000100Y30"


def test_the_check_character_follows_gb_32100() -> None:
    # Published example code of GB 32100-2015 style: weights 3^i mod 31.
    assert check_character("91350100M000100Y3") == "0"


def test_a_wrong_check_character_names_the_expected_one() -> None:
    with pytest.raises(ValueError, match="第18位应为 0，实为 A"):
        validate_credit_code("91350100M000100Y3A")


def test_a_code_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="应为18位"):
        validate_credit_code("9135010")


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_letters_the_standard_excludes_are_refused(letter: str) -> None:
    with pytest.raises(ValueError, match="不允许的字符"):
        validate_credit_code("91350100M000100" + letter + "30")


# Codes published by their holders or in public documents (procurement contracts, court
# rulings, payment notices, charity and shop pages), one per kind of holder the standard
# names; none was made up, and each must pass.
REAL_CODES = {
    "91110000710925462X": "中国石油天然气股份有限公司（企业）",
    "91440300708461136T": "深圳市腾讯计算机系统有限公司（企业）",
    "91100000100003962T": "中国工商银行股份有限公司（企业，国家登记 100000）",
    "91140106713678575D": "山西晋韵古建筑有限公司（企业）",
    "91310000132149237G": "上海的企业（发票销售方）",
    "92230109MAKCUYD46K": "哈尔滨市松北区的个体工商户",
    "92361130MA386N427K": "婺源县的个体工商户",
    "92511126MACBT2C33F": "夹江县的个体工商户",
    "92140727MAE8C7WN66": "祁县的个体工商户",
    "11140800558745220K": "晋中市文化和旅游局（机关）",
    "11410182005291054B": "荥阳市司法局（机关）",
    "12100000470095016Q": "浙江大学（事业单位）",
    "12310000425022547M": "上海工程技术大学（事业单位）",
    "51310110501144395U": "杨浦区民政局登记的社会团体",
    "53100000500019795A": "民政部登记的基金会",
}


@pytest.mark.parametrize("code", sorted(REAL_CODES))
def test_real_codes_from_public_registries_pass(code: str) -> None:
    assert validate_credit_code(code) == code


AUTHORITY = st.sampled_from(sorted(AUTHORITIES))
CHARACTER = st.sampled_from(ALPHABET)
SUBJECT = st.text(ALPHABET, min_size=9, max_size=9)
PROVINCE = st.sampled_from(sorted(PROVINCES))
REGION = st.builds(
    lambda p, rest: p + rest, PROVINCE, st.text("0123456789", min_size=4, max_size=4)
)


@given(AUTHORITY, st.data(), REGION, SUBJECT)
def test_every_authority_and_type_the_standard_allows_passes(
    authority: str, data: st.DataObject, region: str, subject: str
) -> None:
    kind = data.draw(st.sampled_from(sorted(AUTHORITIES[authority][1])))
    code = make_code(authority, kind, region, subject)
    assert validate_credit_code(code) == code


@given(CHARACTER.filter(lambda c: c not in AUTHORITIES), CHARACTER, REGION, SUBJECT)
def test_a_wrong_authority_character_is_refused_and_named(
    authority: str, kind: str, region: str, subject: str
) -> None:
    with pytest.raises(ValueError, match=f"第1位（登记管理部门代码）{authority} 无效"):
        validate_credit_code(make_code(authority, kind, region, subject))


@given(AUTHORITY, CHARACTER, REGION, SUBJECT)
def test_a_type_character_its_authority_does_not_allow_is_refused_and_named(
    authority: str, kind: str, region: str, subject: str
) -> None:
    assume(kind not in AUTHORITIES[authority][1])
    with pytest.raises(ValueError, match=f"第2位（机构类别代码）{kind} 不是"):
        validate_credit_code(make_code(authority, kind, region, subject))


@given(st.data(), st.text(ALPHABET, min_size=6, max_size=6), SUBJECT)
def test_a_region_that_is_not_six_digits_is_refused_and_named(
    data: st.DataObject, region: str, subject: str
) -> None:
    assume(not region.isdigit())
    authority = data.draw(AUTHORITY)
    kind = data.draw(st.sampled_from(sorted(AUTHORITIES[authority][1])))
    with pytest.raises(ValueError, match=f"第3–8位（登记管理机关行政区划码）{region} 应为6位数字"):
        validate_credit_code(make_code(authority, kind, region, subject))


@given(st.text("0123456789", min_size=6, max_size=6), SUBJECT)
def test_a_region_outside_every_province_is_refused_and_named(region: str, subject: str) -> None:
    assume(region[:2] not in PROVINCES)
    with pytest.raises(ValueError, match=f"省级代码 {region[:2]} 不存在"):
        validate_credit_code(make_code("9", "1", region, subject))


def test_random_codes_with_a_right_check_character_are_almost_all_refused() -> None:
    """The issue's measure: of 2,000 random codes with a correct 18th character the old check
    accepted all; the parts now refuse nearly all of them."""
    rng = random.Random(22)
    accepted = 0
    for _ in range(2000):
        body = "".join(rng.choice(ALPHABET) for _ in range(17))
        try:
            validate_credit_code(body + check_character(body))
            accepted += 1
        except ValueError:
            pass
    assert accepted < 20
