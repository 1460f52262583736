"""Forms for the staff actions on an application in the admin."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vvf import forms as vvf_forms

from .models import ConsentDocument, OnboardingConversation, Status


class ConsentDocumentForm(forms.ModelForm):
    """A new wording: in English, or a translation of the current English one."""

    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_(
            "A wording in Easy Read or another language translates the current English "
            "version of the same kind."
        ),
    )

    class Meta:
        model = ConsentDocument
        fields = ["kind", "language", "title", "body"]


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move the application to"))
    reason = forms.CharField(
        label=_("Why"),
        help_text=_("Recorded with your name and the time. Do not include PNC details."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status.value, status.label) for status in application.allowed_moves()
        ]


class OnboardingForm(forms.Form):
    held_on = vvf_forms.PlainDateField(
        label=_("Date of the conversation"),
        initial=timezone.localdate,
    )
    outcome = forms.ChoiceField(
        label=_("Wellbeing outcome"),
        choices=OnboardingConversation.Outcome.choices,
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("The date of the conversation cannot be in the future"))
        return held_on

    def needs_preview(self):
        """Ending an application sends the applicant an email; staff read it first."""
        return (
            self.cleaned_data["outcome"] != OnboardingConversation.Outcome.PROCEED
            and not self.cleaned_data["confirmed"]
        )

    @property
    def closing_status(self):
        return {
            OnboardingConversation.Outcome.NOT_RIGHT_TIME: Status.NOT_RIGHT_TIME,
            OnboardingConversation.Outcome.SIGNPOST: Status.SIGNPOSTED,
        }.get(self.cleaned_data["outcome"])


class ExportForm(forms.Form):
    include_equality = forms.BooleanField(
        label=_("Include the equality monitoring answers"),
        help_text=_("Only when you need them: they are special category data."),
        required=False,
    )
