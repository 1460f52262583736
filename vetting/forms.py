from django import forms
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import FormHelper, Submit
from vvf.forms import LongTextField

from .models import SuitabilityCase


class SeatDecisionForm(forms.Form):
    helper = FormHelper("decision", "rationale", Submit(_("Record decision")))
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (SuitabilityCase.Outcome.ACCEPT, SuitabilityCase.Outcome.ACCEPT.label),
            (SuitabilityCase.Outcome.WITHDRAW, SuitabilityCase.Outcome.WITHDRAW.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether to accept or withdraw the application")},
    )
    rationale = LongTextField(
        label=_("Your reasons"),
        help_text=_(
            "For the panel only. The applicant is told the outcome, never these reasons. "
            "They are deleted when the panel decides."
        ),
        max_length=2000,
        error_messages={"required": _("Give your reasons")},
    )
