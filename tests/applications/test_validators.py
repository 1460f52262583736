import datetime

import pytest
from django.core.exceptions import ValidationError

from applications.validators import normalise_postcode, normalise_uk_phone, tidy_text
from vvf.forms import DateField


@pytest.mark.parametrize(
    "typed",
    [
        "07700 900982",
        "07700900982",
        "+44 7700 900982",
        "020 7946 0000",
        "(020) 7946-0000",
        "0044 20 7946 0000",
        "0300 123 1234",
    ],
)
def test_uk_phone_numbers_are_accepted(typed):
    assert normalise_uk_phone(typed) == " ".join(typed.split())


@pytest.mark.parametrize(
    "typed", ["12345", "07700 90098", "+1 202 555 0100", "0770090098212", "phone me", "00000000000"]
)
def test_other_phone_numbers_are_refused(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_uk_phone(typed)

    assert refused.value.messages == [
        "Enter a UK phone number, like 07700 900 982 or 020 7946 0000"
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("se1 2aa", "SE1 2AA"),
        ("SW1A1AA", "SW1A 1AA"),
        (" e1  6an ", "E1 6AN"),
        ("W1D 3QF", "W1D 3QF"),
    ],
)
def test_postcodes_are_tidied(typed, stored):
    assert normalise_postcode(typed) == stored


@pytest.mark.parametrize("typed", ["SE1", "12345", "SE1 2A", "ABC 123"])
def test_unreal_postcodes_are_refused(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_postcode(typed)

    assert refused.value.messages == ["Enter a real postcode, like SE1 2AA"]


@pytest.mark.parametrize(
    "name", ["O'Brien", "Zoë", "Nguyễn Văn An", "Madonna", "Smith-Jones", "李小龍"]
)
def test_names_in_any_script_are_kept_as_typed(name):
    assert tidy_text(f"  {name}  ") == name


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (["", "", ""], "Enter your date of birth"),
        (["1", "", ""], "Your date of birth must include a month and a year"),
        (["", "2", "1990"], "Your date of birth must include a day"),
        (["31", "2", "1990"], "Your date of birth must be a real date"),
        (["1", "13", "1990"], "Your date of birth must be a real date"),
        (["1", "1", "90"], "Your date of birth must be a real date"),
        (["a", "b", "c"], "Your date of birth must be a real date"),
    ],
)
def test_date_field_gives_gov_uk_messages(parts, message):
    field = DateField(name="your date of birth")

    with pytest.raises(ValidationError) as refused:
        field.clean(parts)

    assert refused.value.messages == [message]


def test_date_field_accepts_a_real_date():
    assert DateField(name="a date").clean([" 9", "03", "2001"]) == datetime.date(2001, 3, 9)
