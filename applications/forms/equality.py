"""The optional equality monitoring page (every answer may be "prefer not to say")."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import FormHelper

from .. import choices
from .base import STEP_BUTTONS, StepForm


def optional_radios(label, choice_class, help_text=""):
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=choice_class.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class EqualityForm(StepForm):
    static_fields = True
    label_class = ""
    helper = FormHelper(
        "age_band",
        "ethnic_group",
        "sex",
        "gender_identity",
        "trans_history",
        "sexual_orientation",
        "disability",
        "religion",
        STEP_BUTTONS,
    )

    age_band = optional_radios(_("What is your age?"), choices.AgeBand)
    ethnic_group = optional_radios(
        _("What is your ethnic group?"),
        choices.EthnicGroup,
        _("These are the categories used in the 2021 Census."),
    )
    sex = optional_radios(_("What is your sex?"), choices.Sex)
    gender_identity = optional_radios(
        _("Which of these best describes you?"), choices.GenderIdentity
    )
    trans_history = optional_radios(
        _("Are you trans or do you have a trans history?"), choices.YesNoPrefer
    )
    sexual_orientation = optional_radios(
        _("Which of these best describes your sexual orientation?"), choices.SexualOrientation
    )
    disability = optional_radios(
        _("Do you consider yourself to be disabled?"),
        choices.YesNoPrefer,
        _(
            "The Equality Act 2010 says you are disabled if you have a physical or mental "
            "impairment that has a substantial and long-term effect on your ability to do "
            "normal daily activities."
        ),
    )
    religion = optional_radios(_("What is your religion?"), choices.Religion)
