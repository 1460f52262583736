import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from applications import validators
from applications.forms import AccessNeedsForm, ContactForm, NameForm
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


# One validator per field, for the public form and the pilot's import ---------------------

FIELDS = {
    "full_name": (validators.full_name, NameForm, {}),
    "preferred_name": (validators.preferred_name, NameForm, {"full_name": "Ada"}),
    "email": (
        validators.email,
        ContactForm,
        {"contact_method": "EMAIL", "safe_to_leave_messages": "yes"},
    ),
    "phone": (
        validators.phone,
        ContactForm,
        {"email": "ada@example.com", "contact_method": "EMAIL", "safe_to_leave_messages": "yes"},
    ),
    "access_needs_other": (validators.access_needs_other, AccessNeedsForm, {}),
}


def form_answer(field, typed):
    """(the value kept, or the field's messages) from the public form's page."""
    _validate, form_class, others = FIELDS[field]
    form = form_class(data={**others, field: typed})
    form.is_valid()
    if field in form.errors:
        return form.errors[field]
    return form.cleaned_data[field]


def validator_answer(field, typed):
    try:
        return FIELDS[field][0](typed)
    except ValidationError as refused:
        return refused.messages


@pytest.mark.parametrize(
    ("field", "typed", "answer"),
    [
        ("full_name", "  Ada   Lovelace ", "Ada Lovelace"),
        ("full_name", "a" * 201, ["Full name must be 200 characters or fewer"]),
        ("full_name", "a " * 100 + "a", ["Full name must be 200 characters or fewer"]),
        ("full_name", "a  " * 66 + "a", "a " * 66 + "a"),
        ("preferred_name", "b" * 101, ["Preferred name must be 100 characters or fewer"]),
        ("email", "x" * 243 + "@example.com", ["Email address must be 254 characters or fewer"]),
        ("email", "x" * 242 + "@example.com", "x" * 242 + "@example.com"),
        ("email", "ada@", ["Enter an email address in the correct format, like name@example.com"]),
        # Typed with spaces and dashes, too long to keep as typed: kept without them.
        ("phone", "0044 - 7700 - 900 - 982", "00447700900982"),
        ("phone", "07700 900 982", "07700 900 982"),
        ("phone", "0 7 7 0 0 9 0 0 9 8 2", "07700900982"),
        ("access_needs_other", "c" * 501, ["Other support must be 500 characters or fewer"]),
        ("access_needs_other", " c ", "c"),
    ],
)
def test_the_public_form_and_the_validator_give_the_same_answer(field, typed, answer):
    assert validator_answer(field, typed) == answer
    assert form_answer(field, typed) == answer


@pytest.mark.parametrize("field", list(FIELDS))
def test_a_null_character_is_refused_before_the_database_sees_it(field):
    assert validator_answer(field, "Ada\x00") == ["Remove the hidden null characters from the text"]


@pytest.mark.parametrize("field", list(FIELDS))
def test_what_a_validator_keeps_fits_its_column_and_passes_again(field):
    validate = FIELDS[field][0]
    most = validators.max_length(field)

    @settings(max_examples=200, deadline=None)
    @given(typed=st.one_of(st.text(max_size=most + 20), st.text(" -0123456789()+.", max_size=40)))
    def keeps(typed):
        try:
            kept = validate(typed)
        except ValidationError:
            return
        assert len(kept) <= most
        assert "\x00" not in kept
        # The import's confirmation checks the checked value again.
        assert validate(kept) == kept

    keeps()


@pytest.mark.parametrize(
    ("typed", "errors"),
    [
        ("12345", ["Enter a UK phone number, like 07700 900 982 or 020 7946 0000"]),
        ("", ["Enter a phone number, or choose to be contacted by email"]),
    ],
)
def test_text_message_chosen_gives_one_phone_error(typed, errors):
    form = ContactForm(
        data={
            "email": "ada@example.com",
            "phone": typed,
            "contact_method": "TEXT",
            "safe_to_leave_messages": "NO",
        }
    )

    assert not form.is_valid()
    assert form.errors == {"phone": errors}
