import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
# A UK number: 0 or +44, then a mobile (7 and 9 digits) or another number (9 or 10
# digits: landlines, 03 and 08 numbers).
_UK_PHONE = re.compile(r"^(?:\+44|0044|0)(?:7\d{9}|[1-689]\d{8,9})$")
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


def normalise_uk_phone(value):
    """The number as typed, tidied; ValidationError when it is not a UK number."""
    compact = _PHONE_SEPARATORS.sub("", value)
    if not _UK_PHONE.match(compact):
        raise ValidationError(
            _("Enter a UK phone number, like 07700 900 982 or 020 7946 0000"), "invalid"
        )
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
