import pytest

from anquan_cli.errors import UsageError
from anquan_cli.model.records import Enterprise
from anquan_cli.store.lookup import find_enterprise

UNITS = [
    Enterprise(id="DX-E-2401-YJB01", name="兴源化工有限公司"),
    Enterprise(id="DX-E-2401-YJB02", name="兴旺化工有限公司"),
    Enterprise(id="DX-E-2401-YJB03", name="东溪加油站", short_name="东溪站"),
    Enterprise(id="DX-E-2401-YJB04", name="东溪 小餐馆"),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("DX-E-2401-YJB03", "东溪加油站"),
        ("dx-e-2401-yjb03", "东溪加油站"),
        ("兴源化工有限公司", "兴源化工有限公司"),
        ("兴源", "兴源化工有限公司"),
        ("xyhg", "兴源化工有限公司"),
        ("XWHG", "兴旺化工有限公司"),
        ("东溪站", "东溪加油站"),
        ("东溪小餐馆", "东溪 小餐馆"),
        ("东溪　小餐馆", "东溪 小餐馆"),
    ],
)
def test_a_unit_is_found_by_id_name_part_or_pinyin(query: str, expected: str) -> None:
    assert find_enterprise(UNITS, query).name == expected


def test_an_ambiguous_query_lists_the_candidates() -> None:
    with pytest.raises(UsageError, match="对应多个单位") as caught:
        find_enterprise(UNITS, "化工")
    assert "兴源化工有限公司（DX-E-2401-YJB01）" in caught.value.message
    assert "兴旺化工有限公司（DX-E-2401-YJB02）" in caught.value.message


def test_ambiguous_pinyin_initials_list_the_candidates() -> None:
    with pytest.raises(UsageError, match="对应多个单位"):
        find_enterprise(UNITS, "dx")


def test_an_unknown_unit_says_how_to_see_all() -> None:
    with pytest.raises(UsageError, match="找不到单位“宏达”；可用 anquan list enterprises"):
        find_enterprise(UNITS, "宏达")
