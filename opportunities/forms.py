from django import forms
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import FormHelper, Submit
from vvf.forms import DateField, IntegerField, LongTextField

from .models import WRITTEN, Opportunity
from .services import OpportunityError, closing_date_check

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
    """The answer to the wording shown (`version`)."""

    helper = FormHelper("version", "given", Submit(_("Save your answer"), secondary=True))
    version = IntegerField(widget=forms.HiddenInput)
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


def _text(label, max_length, required, help_text="", rows=4):
    return LongTextField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required},
    )


class OpportunityForm(forms.Form):
    """An opportunity written by the people who run a forum, as a draft."""

    helper = FormHelper(*WRITTEN, Submit(_("Save as a draft")))
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter a title")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of opportunity is it?"),
        choices=Opportunity.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of opportunity it is")},
    )
    run_by = forms.ChoiceField(
        label=_("Who runs it?"),
        choices=Opportunity.RunBy.choices,
        widget=forms.RadioSelect,
        help_text=_("Only for one the Met runs can staff pass consenting members’ details on."),
        error_messages={"required": _("Select who runs it")},
    )
    description = _text(_("What it is"), 3000, _("Enter what it is"))
    asks = _text(_("What it asks of people"), 2000, _("Enter what it asks of people"), rows=3)
    where = forms.CharField(
        label=_("Where"), max_length=300, error_messages={"required": _("Enter where it is")}
    )
    when = forms.CharField(
        label=_("When"),
        max_length=300,
        help_text=_("For example, Tuesday 12 January, 10am to 1pm"),
        error_messages={"required": _("Enter when it is")},
    )
    access = _text(
        _("Access arrangements"),
        2000,
        _("Enter the access arrangements"),
        help_text=_("Step-free access, hearing loops, interpreters, travel and care costs."),
        rows=3,
    )
    closes_on = DateField(
        label=_("Closing date"),
        name=_("the closing date"),
        help_text=_("The last day members can say yes. For example, 14 1 2027"),
    )
    forums = forms.ModelMultipleChoiceField(
        label=_("Which forums’ members is it open to?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one forum")},
    )

    def __init__(self, *args, forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forums"].queryset = forums
        self.fields["forums"].label_from_instance = lambda forum: forum.name

    def clean_closes_on(self):
        day = self.cleaned_data["closes_on"]
        try:
            closing_date_check(day)
        except OpportunityError as refused:
            raise forms.ValidationError(str(refused)) from None
        return day
