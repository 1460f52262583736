"""The eligibility pages: age, London, a victim of crime, the PNC check, confidentiality."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import FormHelper
from vvf.forms import DateField

from .. import choices
from .base import STEP_BUTTONS, StepForm, yes_no


class DateOfBirthForm(StepForm):
    static_fields = True
    helper = FormHelper("date_of_birth", STEP_BUTTONS)
    date_of_birth = DateField(
        name=_("your date of birth"),
        label=_("What is your date of birth?"),
        help_text=_("For example, 27 3 2007"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].widget.attrs["autocomplete"] = "bday"

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise ValidationError(_("Your date of birth must be in the past"), "future")
        if born < datetime.date(today.year - 120, 1, 1):
            raise ValidationError(_("Check the year of your date of birth"), "too_old")
        return born

    def ineligible_reason(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        return "age" if age < 16 else None


NONE_OF_THESE = "NONE"


class LondonForm(StepForm):
    static_fields = True
    helper = FormHelper("london_connection", STEP_BUTTONS)
    london_connection = forms.MultipleChoiceField(
        label=_("Do you live, work or study in London?"),
        help_text=_("Select all that apply."),
        choices=[*choices.LondonConnection.choices, (NONE_OF_THESE, _("None of these"))],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select if you live, work or study in London, or ‘None of these’")
        },
    )

    def clean_london_connection(self):
        selected = self.cleaned_data["london_connection"]
        if NONE_OF_THESE in selected and len(selected) > 1:
            raise ValidationError(
                _("Select where you live, work or study, or ‘None of these’, not both"), "both"
            )
        return selected

    def ineligible_reason(self):
        return "london" if self.cleaned_data["london_connection"] == [NONE_OF_THESE] else None


class VictimForm(StepForm):
    static_fields = True
    helper = FormHelper("victim_of_crime", STEP_BUTTONS)
    victim_of_crime = yes_no(
        _("Have you been a victim of crime in London?"),
        _(
            "It does not matter whether you reported it to the police or not. We will not "
            "ask you what happened."
        ),
        _("Select yes if you have been a victim of crime in London"),
    )

    def ineligible_reason(self):
        return "victim" if self.cleaned_data["victim_of_crime"] == "NO" else None


class PncWillingForm(StepForm):
    static_fields = True
    helper = FormHelper("willing_pnc", STEP_BUTTONS)
    willing_pnc = yes_no(
        _("Are you willing to have a Police National Computer (PNC) check?"),
        _(
            "We check for convictions and cautions. Having one does not automatically stop "
            "you joining. The information is deleted as soon as we have made a decision."
        ),
        _("Select yes if you are willing to have a PNC check"),
    )

    def ineligible_reason(self):
        return "pnc" if self.cleaned_data["willing_pnc"] == "NO" else None


class ConfidentialityForm(StepForm):
    static_fields = True
    helper = FormHelper("willing_confidentiality", STEP_BUTTONS)
    willing_confidentiality = yes_no(
        _(
            "Will you keep what is said in the forum confidential and follow its "
            "Terms of Reference?"
        ),
        _(
            "The Terms of Reference ask members to treat everyone with respect, let others be "
            "heard and help the group reach agreement. You can read them in full later in "
            "this form."
        ),
        _("Select yes if you will keep the forum’s discussions confidential"),
    )

    def ineligible_reason(self):
        return "confidentiality" if self.cleaned_data["willing_confidentiality"] == "NO" else None
