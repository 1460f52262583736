"""Forms for the privacy pages on an application in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .retention import ErasureReason


class HoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (for example, a complaint or a legal claim)"), max_length=300
    )


class EraseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is this person being erased?"),
        help_text=_("Recorded in the audit trail, which is kept, beside the record's number."),
        choices=ErasureReason.choices,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand this deletes everything held about this person, at once and for good."
        ),
    )
