import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.choices import ContactMethod
from vvf.crispy_govuk import FormHelper, Heading, Honeypot, Submit
from vvf.forms import DateField, IntegerField, LongTextField, TimeField, email_field
from vvf.templatetags.govuk import html_from

from .models import AgendaItem, Invitation, Meeting


class SignInForm(forms.Form):
    helper = FormHelper("email", Honeypot(), Submit(_("Send me a sign-in link")))
    email = email_field(
        help_text=_("The address you gave when you applied, or have told us since.")
    )


class TermsForm(forms.Form):
    """Agreeing to the version shown (`version`: a newer one may be published while the
    member reads)."""

    helper = FormHelper("version", "agree", Submit(_("Continue")))
    version = IntegerField(widget=forms.HiddenInput)
    agree = forms.BooleanField(
        label=_("I have read the Terms of Reference and agree to them"),
        error_messages={"required": _("Tick the box to say you agree to the Terms of Reference")},
    )


class SupportForm(forms.Form):
    helper = FormHelper("contact_by", "words", Submit(_("Ask for someone to contact me")))
    contact_by = forms.ChoiceField(
        label=_("How would you like us to contact you?"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you would like us to contact you")},
    )
    words = LongTextField(
        label=_("Is there anything you would like us to know first? (optional)"),
        help_text=_("Only VVF staff and your forum’s facilitator see this."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    helper = FormHelper("response", "access_needs", Submit(_("Save your answer")))
    response = forms.ChoiceField(
        label=_("Can you come to this meeting?"),
        choices=[
            (Invitation.Response.ATTENDING, _("Yes, I will be there")),
            (Invitation.Response.NOT_ATTENDING, _("No, I cannot come")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you can come to this meeting")},
    )
    access_needs = LongTextField(
        label=_("Is there anything you need to take part in this meeting? (optional)"),
        help_text=_(
            "For example, a step-free route, a quiet space, a BSL interpreter, or help with "
            "travel. Only the people running your forum see this."
        ),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RecordingConsentForm(forms.Form):
    helper = FormHelper("given", Submit(_("Save your answer about recording"), secondary=True))
    given = forms.ChoiceField(
        label=_("Do you agree to this meeting being recorded?"),
        choices=[("yes", _("Yes, I agree")), ("no", _("No, I do not agree"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you agree to the meeting being recorded")},
    )


class ProposeForm(forms.Form):
    helper = FormHelper("title", "detail", Submit(_("Send your suggestion"), secondary=True))
    title = forms.CharField(
        label=_("What would you like the forum to discuss?"),
        max_length=200,
        error_messages={
            "required": _("Enter what you would like the forum to discuss"),
            "max_length": _("Keep this to 200 characters or fewer; add more below"),
        },
    )
    detail = LongTextField(
        label=_("Anything else we should know (optional)"),
        help_text=_("Please do not include anyone’s name or details of a crime."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AgendaItemForm(forms.Form):
    helper = FormHelper(
        Heading(_("Add an item"), level=3, size="s"),
        "title",
        "detail",
        Submit(_("Add to the agenda"), secondary=True, prevent_double_click=False),
    )
    title = forms.CharField(
        label=_("Agenda item"),
        max_length=200,
        error_messages={"required": _("Enter the agenda item")},
    )
    detail = LongTextField(
        label=_("More detail (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _save_decision(context):
    """The button names the suggestion it decides, for a screen reader: the page lists
    several (`item`, the suggestion the page is drawing)."""
    return html_from(
        '{}<span class="govuk-visually-hidden"> {} {}</span>',
        _("Save decision"),
        _("on"),
        context["item"].title,
    )


class DecideForm(forms.Form):
    helper = FormHelper(
        "status",
        "merged_into",
        "reason",
        Submit(_save_decision, secondary=True, prevent_double_click=False),
    )
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (AgendaItem.Status.ACCEPTED, _("Put it on the agenda")),
            (AgendaItem.Status.MERGED, _("Merge it with an item on the agenda")),
            (AgendaItem.Status.DECLINED, _("Do not put it on the agenda")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a decision")},
    )
    merged_into = forms.ModelChoiceField(
        label=_("Item to merge with"),
        queryset=AgendaItem.objects.none(),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason the member will see (if not on the agenda)"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args, meeting, agenda=None, **kwargs):
        """`agenda`: the meeting's accepted items when the page has read them already, so
        that a page of many suggestions does not read them again for each one."""
        super().__init__(*args, **kwargs)
        field = self.fields["merged_into"]
        field.queryset = meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED)
        field.label_from_instance = lambda item: item.title  # not "agenda item 12"
        if agenda is not None:
            field.choices = [("", field.empty_label)] + [
                (item.pk, field.label_from_instance(item)) for item in agenda
            ]

    def clean(self):
        data = super().clean()
        if data.get("status") == AgendaItem.Status.DECLINED and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a short reason the member will see"))
        if data.get("status") == AgendaItem.Status.MERGED and not data.get("merged_into"):
            self.add_error("merged_into", _("Choose the item to merge it with"))
        return data


class NoteForm(forms.Form):
    helper = FormHelper(
        "text", Submit(_("Save as a draft"), secondary=True, prevent_double_click=False)
    )
    text = LongTextField(
        label=_("Note of the meeting"),
        help_text=_("Do not name members. The note is shared with the forum."),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )


class RecordingForm(forms.Form):
    helper = FormHelper(
        "recording", Submit(_("Attach the recording"), secondary=True, prevent_double_click=False)
    )
    recording = forms.FileField(
        label=_("Recording"),
        help_text=_("An audio or video file: MP3, M4A, MP4, WAV, WEBM or OGG, up to 500 MB."),
        error_messages={"required": _("Choose the recording file")},
    )

    def clean_recording(self):
        from .services.notes import RECORDING_MAX_BYTES, RECORDING_TYPES

        upload = self.cleaned_data["recording"]
        suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in RECORDING_TYPES:
            raise forms.ValidationError(
                _("The recording must be an MP3, M4A, MP4, WAV, WEBM or OGG file")
            )
        if upload.size > RECORDING_MAX_BYTES:
            raise forms.ValidationError(_("The recording must be smaller than 500 MB"))
        return upload


class MeetingChangeForm(forms.Form):
    """Change when, where or how a meeting happens, or cancel it."""

    helper = FormHelper(
        "day",
        "starts",
        "ends",
        "mode",
        "venue",
        "joining_link",
        "cancel",
        Submit(_("Save and tell members")),
    )

    day = DateField(
        label=_("Date"), name=_("the date of the meeting"), help_text=_("For example, 14 1 2027")
    )
    starts = TimeField(
        label=_("Starts at"),
        help_text=_("For example, 18:00"),
        error_messages={
            "required": _("Enter the time it starts"),
            "invalid": _("Enter the time it starts, like 18:00"),
        },
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
    )
    ends = TimeField(
        label=_("Ends at"),
        help_text=_("For example, 20:00"),
        error_messages={
            "required": _("Enter the time it ends"),
            "invalid": _("Enter the time it ends, like 20:00"),
        },
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
    )
    mode = forms.ChoiceField(label=_("How"), choices=Meeting.Mode.choices, widget=forms.RadioSelect)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    joining_link = forms.URLField(
        label=_("Joining link (online)"),
        required=False,
        assume_scheme="https",
        help_text=_("Only members of the forum see it, on their meeting page."),
        error_messages={"invalid": _("Enter a link like https://example.com/meeting")},
    )
    cancel = forms.BooleanField(
        label=_("Cancel this meeting"),
        required=False,
        help_text=_("Invited members are emailed that it is cancelled."),
    )

    def __init__(self, *args, meeting, **kwargs):
        starts_at = timezone.localtime(meeting.starts_at)
        kwargs.setdefault(
            "initial",
            {
                "day": starts_at.date(),
                "starts": starts_at.time(),
                "ends": timezone.localtime(meeting.ends_at).time(),
                "mode": meeting.mode,
                "venue": meeting.venue,
                "joining_link": meeting.joining_link,
            },
        )
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if not data.get("cancel") and data.get("starts") and data.get("ends"):
            if data["ends"] <= data["starts"]:
                self.add_error("ends", _("The meeting must end after it starts"))
        return data

    def changes(self):
        data = self.cleaned_data
        london = timezone.get_current_timezone()
        return {
            "starts_at": datetime.datetime.combine(data["day"], data["starts"], tzinfo=london),
            "ends_at": datetime.datetime.combine(data["day"], data["ends"], tzinfo=london),
            "mode": data["mode"],
            "venue": data["venue"],
            "joining_link": data["joining_link"],
        }
