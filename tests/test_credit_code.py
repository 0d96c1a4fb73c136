import pytest

from anquan_cli.model.credit_code import check_character, validate_credit_code


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
