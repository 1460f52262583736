from django import forms
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import FormHelper, Submit
from vvf.forms import LongTextField

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class InterestForm(forms.Form):
    helper = FormHelper("needs", Submit(_("Say you are interested")))
    needs = LongTextField(
        label=_("Is there anything you would need to take part? (optional)"),
        help_text=_(
            "For example, a step-free route, a quiet space, an interpreter, or help with "
            "travel or care costs. Only the people running the opportunity see this."
        ),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MetSharingForm(forms.Form):
    helper = FormHelper("given", Submit(_("Save your answer"), secondary=True))
    given = forms.ChoiceField(
        label=_("Do you agree to your name and contact details being shared with the Met?"),
        help_text=_(
            "Only for opportunities the Met runs that you say you are interested in. You can "
            "change your answer at any time; saying no stops any later sharing."
        ),
        choices=[("yes", _("Yes, I agree")), ("no", _("No, I do not agree"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you agree to your details being shared")},
    )


class EmailsForm(forms.Form):
    helper = FormHelper("wanted", Submit(_("Save your choice"), secondary=True))
    wanted = forms.ChoiceField(
        label=_("Would you like an email when there is a new opportunity?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you would like these emails")},
    )
