"""Form fields for GOV.UK patterns that Django does not have, and the service's numeric
fields: numbers, dates and times take the digits 0 to 9 only (ascii_digits)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

# Full-width digits (as typed with a Chinese or Japanese keyboard) are read as 0 to 9.
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
USE_DIGITS_0_TO_9 = _("Use the digits 0 to 9")


def ascii_digits(text, message=USE_DIGITS_0_TO_9):
    """`text` with any full-width digit made the plain one; ValidationError when it holds
    any other digit or number that is not 0 to 9. Python reads a digit of any script as a
    number (int("५") is 5, Decimal("٣") is 3), so every field that reads a number, a
    date or a time passes what was typed through this first."""
    text = text.translate(FULL_WIDTH_DIGITS)
    if any(char.isnumeric() and not char.isascii() for char in text):
        raise ValidationError(message, "digits")
    return text


class AsciiDigitsMixin:
    """For a field that reads a number, a date or a time: what was typed (one box, or a
    list of boxes) takes the digits 0 to 9 only, through ascii_digits. The message can be
    changed with error_messages={"digits": ...}."""

    def clean(self, value):
        message = self.error_messages.get("digits", USE_DIGITS_0_TO_9)
        if isinstance(value, str):
            value = ascii_digits(value, message)
        elif isinstance(value, list | tuple):
            value = [
                ascii_digits(part, message) if isinstance(part, str) else part for part in value
            ]
        return super().clean(value)


# Django's fields, taking the digits 0 to 9 only. Every form of the service uses these
# (tests/vvf/test_numeric_fields.py finds any that does not); the admin's own forms get
# them through vvf/admin.py.
class PlainNumberMixin(AsciiDigitsMixin):
    """A number as people write one: digits, one point, a sign. Python would also read
    "1e3" and "1_000" as 1000."""

    def to_python(self, value):
        if isinstance(value, str) and ("_" in value or "e" in value.lower()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IntegerField(PlainNumberMixin, forms.IntegerField):
    pass


class DecimalField(PlainNumberMixin, forms.DecimalField):
    pass


class FloatField(PlainNumberMixin, forms.FloatField):
    pass


# How a date is typed in one box, shown when filled in, and hinted: the first of
# DATE_INPUT_FORMATS (vvf/formats/en_GB/formats.py).
PLAIN_DATE_EXAMPLE = datetime.date(2027, 1, 14)


def plain_date_hint():
    return _("For example, %(date)s") % {"date": f"{PLAIN_DATE_EXAMPLE:%Y-%m-%d}"}


class PlainDateField(AsciiDigitsMixin, forms.DateField):
    """A date typed in one box as year-month-day (2027-01-14): the admin's forms. The
    hint, how a value already filled in is shown and what is accepted are one format
    (vvf/formats/en_GB/formats.py). Without help text of its own the field hints it."""

    def __init__(self, *, help_text="", **kwargs):
        super().__init__(help_text=help_text or plain_date_hint(), **kwargs)


class TimeField(AsciiDigitsMixin, forms.TimeField):
    pass


class DateTimeField(AsciiDigitsMixin, forms.DateTimeField):
    pass


class SplitDateTimeField(AsciiDigitsMixin, forms.SplitDateTimeField):
    pass


class DateInput(forms.MultiWidget):
    """GOV.UK's date input: day, month and year boxes."""

    template_name = "govuk/widgets/date_input.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


named = lazy(lambda message, name: str(message) % {"name": name}, str)


# GOV.UK's message for a date with parts missing, whole for each case, so that each
# language can say it in its own grammar: (day, month, year) missing.
INCOMPLETE = {
    (True, False, False): _("%(name)s must include a day"),
    (False, True, False): _("%(name)s must include a month"),
    (False, False, True): _("%(name)s must include a year"),
    (True, True, False): _("%(name)s must include a day and a month"),
    (True, False, True): _("%(name)s must include a day and a year"),
    (False, True, True): _("%(name)s must include a month and a year"),
}


class DateField(AsciiDigitsMixin, forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages.

    `name` is how the messages refer to the date, for example "your date of birth".
    """

    widget = DateInput

    def __init__(self, *, name, **kwargs):
        self.name = name
        # The parts are checked together in compress(), for GOV.UK's messages.
        fields = [forms.CharField(required=False) for _ in range(3)]
        kwargs.setdefault("error_messages", {})
        # Filled in when shown, in the language of the page (the field is made once).
        kwargs["error_messages"].setdefault("required", named(_("Enter %(name)s"), name))
        kwargs["error_messages"].setdefault(
            "digits", named(_("Enter %(name)s using the digits 0 to 9"), name)
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        day, month, year = (part.strip() if part else "" for part in (data_list or ["", "", ""]))
        if not (day or month or year):
            if self.required:
                raise ValidationError(_("Enter %(name)s") % {"name": self.name}, "required")
            return None
        missing = tuple(not part for part in (day, month, year))
        if any(missing):
            raise ValidationError(
                INCOMPLETE[missing] % {"name": self.name[0].upper() + self.name[1:]},
                "incomplete",
            )
        try:
            if not (day.isdigit() and month.isdigit() and year.isdigit()):
                raise ValueError
            if len(day) > 2 or len(month) > 2 or len(year) != 4:
                raise ValueError
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(
                _("%(name)s must be a real date") % {"name": self.name[0].upper() + self.name[1:]},
                "invalid",
            ) from None


class LongTextField(forms.CharField):
    """Free text with a limit shown by GOV.UK's character count. No maxlength attribute,
    so pasted text is not cut off silently; the server enforces the limit."""

    widget = forms.Textarea(attrs={"rows": 6})

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


def email_field(label=None, help_text="", required_message=None):
    """An email address field with the GOV.UK error messages."""
    return forms.EmailField(
        label=label or _("Email address"),
        help_text=help_text,
        max_length=254,
        error_messages={
            "required": required_message or _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
