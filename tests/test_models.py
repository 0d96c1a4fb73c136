from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from anquan_cli.model.enums import Level, Status
from anquan_cli.model.lifecycle import is_done_on, is_overdue_on, state_of, state_on
from anquan_cli.model.records import Accident, Enterprise, Hazard, Inspection, Penalty
from anquan_cli.store.validation import messages


def hazard(**changes: object) -> Hazard:
    data: dict[str, object] = {
        "id": "DX-H-2410-YJB01",
        "enterprise": "DX-E-2410-YJB01",
        "found": "2024-10-15",
        "description": "配电箱未接地",
        "deadline": "2024-10-30",
        "history": [{"date": "2024-10-15", "action": "发现"}],
    }
    data.update(changes)
    return Hazard.model_validate(data)


def test_money_is_exact_in_yuan() -> None:
    fine = Penalty.model_validate(
        {"id": "X", "enterprise": "E", "date": "2024-10-1", "fine": "1,234.56"}
    ).fine
    assert fine == Decimal("1234.56")


@pytest.mark.parametrize("fine", [-5, Decimal("-0.01")])
def test_negative_money_is_refused(fine: object) -> None:
    with pytest.raises(ValidationError, match="不能为负数"):
        Penalty.model_validate({"id": "X", "enterprise": "E", "date": "2024-10-1", "fine": fine})


@pytest.mark.parametrize("fine", ["1e12", 10**16, "500000000000000000.5", Decimal("1e13")])
def test_money_beyond_a_trillion_yuan_is_refused(fine: object) -> None:
    with pytest.raises(ValidationError, match="过大"):
        Penalty.model_validate({"id": "X", "enterprise": "E", "date": "2024-10-1", "fine": fine})


@pytest.mark.parametrize("phone", ["13800000000", "0591-87654321", "059187654321", 13912345678])
def test_phone_numbers_in_common_forms_are_accepted(phone: object) -> None:
    assert Enterprise.model_validate({"id": "E", "name": "甲", "phone": phone}).phone


@pytest.mark.parametrize("phone", ["123", "1380000000", "电话"])
def test_malformed_phone_numbers_are_refused(phone: str) -> None:
    with pytest.raises(ValidationError, match="电话号码"):
        Enterprise.model_validate({"id": "E", "name": "甲", "phone": phone})


def test_a_unit_carries_sub_type_and_free_attributes() -> None:
    unit = Enterprise.model_validate(
        {
            "id": "E",
            "name": "老街小餐馆",
            "sector": "九小场所",
            "subtype": "小餐馆",
            "attributes": {"燃气报警装置": "已安装"},
        }
    )
    assert unit.subtype == "小餐馆"
    assert unit.attributes["燃气报警装置"] == "已安装"


def test_an_unknown_key_suggests_the_field_meant() -> None:
    with pytest.raises(ValidationError) as caught:
        hazard(**{"整改期限": "2024-11-01"})
    assert (("整改期限",), "整改期限 不是字段，是否为 deadline？") in list(
        messages(caught.value, Hazard)
    )


def test_hazard_past_deadline_is_overdue() -> None:
    assert is_overdue_on(hazard(), date(2024, 10, 31))
    assert not is_overdue_on(hazard(), date(2024, 10, 30))


def test_hazard_without_deadline_is_never_overdue() -> None:
    assert not is_overdue_on(hazard(deadline=None), date(2030, 1, 1))


def test_state_on_a_day_is_replayed_from_history() -> None:
    h = hazard(
        status="整改中",
        history=[
            {"date": "2024-10-15", "action": "发现"},
            {"date": "2024-10-20", "action": "整改"},
            {"date": "2024-10-25", "action": "验收退回", "by": "张伟"},
        ],
    )
    assert state_on(h, date(2024, 10, 14)) is None
    assert state_on(h, date(2024, 10, 19)) is Status.OPEN
    assert is_done_on(h, date(2024, 10, 22))
    assert not is_done_on(h, date(2024, 10, 25))
    assert state_of(h) is Status.OPEN


def test_major_hazard_lists_missing_five_assurances() -> None:
    h = hazard(level="重大", responsible="王五", measures="停产整改")
    assert h.level is Level.MAJOR
    assert h.missing_assurances() == ["资金", "预案"]
    assert hazard().missing_assurances() == []


@pytest.mark.parametrize(
    "written",
    [
        "张伟,李娜",
        "张伟，李娜",
        "张伟、李娜",
        "张伟 李娜",
        "张伟　李娜",
        "张伟；李娜",
        "张伟;李娜",
        "张伟/李娜",
        "张伟／李娜",
        " 张伟 , 李娜 ",
    ],
)
def test_inspectors_typed_in_one_line_are_counted_one_each(written: str) -> None:
    visit = Inspection.model_validate(
        {"id": "X", "enterprise": "E", "date": "2024-10-15", "inspectors": written}
    )
    assert visit.inspectors == ["张伟", "李娜"]


def test_a_name_with_a_middle_dot_is_one_inspector() -> None:
    visit = Inspection.model_validate(
        {"id": "X", "enterprise": "E", "date": "2024-10-15", "inspectors": "买买提·艾力、张伟"}
    )
    assert visit.inspectors == ["买买提·艾力", "张伟"]


@pytest.mark.parametrize("written", ["张伟, 张伟, 李娜", ["张伟", "李娜", "张伟"]])
def test_an_inspector_named_twice_is_counted_once(written: object) -> None:
    visit = Inspection.model_validate(
        {"id": "X", "enterprise": "E", "date": "2024-10-15", "inspectors": written}
    )
    assert visit.inspectors == ["张伟", "李娜"]


def accident(**changes: object) -> Accident:
    data: dict[str, object] = {"id": "X", "date": "2024-10-15", "domain": "工贸"}
    return Accident.model_validate({**data, **changes})


@pytest.mark.parametrize("written", [True, False])
def test_a_yes_or_no_is_not_a_count_of_deaths(written: bool) -> None:
    with pytest.raises(ValidationError) as refused:
        accident(deaths=written)
    assert [message for _, message in messages(refused.value, Accident)] == [
        f"死亡人数：应为整数，不能为 {str(written).lower()}"
    ]


@pytest.mark.parametrize("deaths", [1_000_000, 10**26])
def test_a_count_of_a_million_or_more_is_refused_as_a_slip(deaths: int) -> None:
    with pytest.raises(ValidationError, match="过大"):
        accident(deaths=deaths)


def test_counts_below_a_million_are_kept() -> None:
    assert accident(deaths=3, injuries=999_999).injuries == 999_999
