"""The forms of members' "Your information" pages (the admin's are admin_forms.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import FormHelper, Submit
from vvf.forms import LongTextField


class CorrectionForm(forms.Form):
    helper = FormHelper("what", Submit(_("Send")))
    what = LongTextField(
        label=_("What should we correct?"),
        help_text=_("Tell us what is wrong and what it should say. We do not keep this message."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter what we should correct")},
    )
