"""What an applicant's or member's answers may be: one function per field, each taking
the text as typed and giving the value to store, or raising ValidationError with the
GOV.UK message. The public form (applications/forms.py) and the pilot's spreadsheet
import (forums/import_workbook.py) both check with these, so that what either accepts fits the
column it goes into: the lengths are the model fields' own max_length."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from vvf.forms import ascii_digits

_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
# A UK number: 0 or +44, then a mobile (7 and 9 digits) or another number (9 or 10
# digits: landlines, 03 and 08 numbers).
_UK_PHONE = re.compile(r"^(?:\+44|0044|0)(?:7\d{9}|[1-689]\d{8,9})$")
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")

PHONE_INVALID = _("Enter a UK phone number, like 07700 900 982 or 020 7946 0000")
EMAIL_INVALID = _("Enter an email address in the correct format, like name@example.com")
NULL_CHARACTERS = _("Remove the hidden null characters from the text")


def max_length(field):
    """The most characters the Application field `field` holds."""
    from .models import Application  # models are ready only once Django is set up

    return Application._meta.get_field(field).max_length


def normalise_uk_phone(value):
    """The number as typed, tidied; ValidationError when it is not a UK number."""
    compact = _PHONE_SEPARATORS.sub("", value)
    if not _UK_PHONE.match(compact):
        raise ValidationError(PHONE_INVALID, "invalid")
    return " ".join(value.split())


def normalise_postcode(value):
    """Upper case with one space, like SW1A 1AA; ValidationError when it is not a UK
    postcode."""
    compact = "".join(value.upper().split())
    match = _POSTCODE.match(compact)
    if not match:
        raise ValidationError(_("Enter a real postcode, like SE1 2AA"), "invalid")
    return f"{match.group(1)} {match.group(2)}"


def tidy_text(value):
    """Leading, trailing and repeated spaces removed; anything else kept as typed."""
    return " ".join(value.split())


def _no_null_characters(value):
    # PostgreSQL cannot store them; Django's form fields refuse them too.
    if "\x00" in value:
        raise ValidationError(NULL_CHARACTERS, "null_characters_not_allowed")


def _at_most(value, field, message):
    most = max_length(field)
    if len(value) > most:
        raise ValidationError(message % {"most": f"{most:,}"}, "max_length")
    return value


# One function per field -----------------------------------------------------------------


def full_name(value):
    _no_null_characters(value)
    return _at_most(
        tidy_text(value), "full_name", _("Full name must be %(most)s characters or fewer")
    )


def preferred_name(value):
    _no_null_characters(value)
    return _at_most(
        tidy_text(value),
        "preferred_name",
        _("Preferred name must be %(most)s characters or fewer"),
    )


def email(value):
    """The address as typed, without spaces around it."""
    value = value.strip()
    _no_null_characters(value)
    _at_most(value, "email", _("Email address must be %(most)s characters or fewer"))
    EmailValidator(message=EMAIL_INVALID)(value)
    return value


PHONE_DIGITS = _("Enter the phone number using the digits 0 to 9")


def phone(value):
    """A UK number, kept as typed with its spaces tidied; one too long to keep so (like
    0044 - 7700 - 900 - 982) is kept without its spaces, dashes, dots and brackets,
    which always fits. Digits are 0 to 9 (full-width ones read as those)."""
    _no_null_characters(value)
    value = ascii_digits(value, PHONE_DIGITS)
    tidied = normalise_uk_phone(value)
    if len(tidied) > max_length("phone"):
        return _PHONE_SEPARATORS.sub("", tidied)
    return tidied


OTHER_SUPPORT_TOO_LONG = _("Other support must be %(most)s characters or fewer")


def access_needs_other(value):
    """The other support someone needs, in their own words."""
    value = value.strip()
    _no_null_characters(value)
    return _at_most(value, "access_needs_other", OTHER_SUPPORT_TOO_LONG)
