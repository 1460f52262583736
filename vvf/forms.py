"""Form fields for GOV.UK patterns that Django does not have."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


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


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages.

    `name` is how the messages refer to the date, for example "your date of birth".
    """

    widget = DateInput

    def __init__(self, *, name, **kwargs):
        self.name = name
        # The parts are checked together in compress(), for GOV.UK's messages.
        fields = [forms.CharField(required=False) for _ in range(3)]
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", _("Enter %(name)s") % {"name": name})
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        day, month, year = (part.strip() if part else "" for part in (data_list or ["", "", ""]))
        if not (day or month or year):
            if self.required:
                raise ValidationError(_("Enter %(name)s") % {"name": self.name}, "required")
            return None
        missing = [label for label, part in (("a day", day), ("a month", month), ("a year", year))
                   if not part]  # fmt: skip
        if missing:
            raise ValidationError(
                _("%(name)s must include %(parts)s")
                % {"name": self.name[0].upper() + self.name[1:], "parts": " and ".join(missing)},
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
