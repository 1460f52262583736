from django import forms
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import POLICE_LEAD
from vvf.crispy_govuk import FormHelper, Submit
from vvf.forms import LongTextField

from .models import Status, Theme

NO_NAMES = _("Do not name anyone or include contact details: the text is checked.")


def _meeting_choices(forum):
    meetings = forum.meetings.filter(starts_at__lte=timezone.now(), cancelled=False).order_by(
        "-starts_at"
    )[:12]
    return [(m.pk, dateformat.format(timezone.localtime(m.starts_at), "l j F Y")) for m in meetings]


class MeetingChoiceField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": _("Select the meeting")},
            **kwargs,
        )


class FeedbackForm(forms.Form):
    helper = FormHelper("meeting", "theme", "text", Submit(_("Record feedback")))
    meeting = MeetingChoiceField(label=_("Which meeting was this said at?"))
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Select a theme")},
    )
    text = LongTextField(
        label=_("What the forum said"),
        help_text=NO_NAMES,
        max_length=3000,
        error_messages={"required": _("Enter what the forum said")},
    )

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = _meeting_choices(forum)


class RecommendationForm(forms.Form):
    helper = FormHelper("meeting", "title", "detail", "owner", Submit(_("Raise it")))
    meeting = MeetingChoiceField(label=_("Which meeting did it come from?"))
    title = forms.CharField(
        label=_("Recommendation or request"),
        max_length=200,
        error_messages={"required": _("Enter the recommendation or request")},
    )
    detail = LongTextField(
        label=_("Detail"),
        help_text=NO_NAMES,
        max_length=3000,
        error_messages={"required": _("Enter the detail")},
    )
    owner = forms.ModelChoiceField(
        label=_("Officer who owns it (optional)"),
        required=False,
        queryset=None,
    )

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import User

        self.fields["meeting"].choices = _meeting_choices(forum)
        self.fields["owner"].queryset = User.objects.filter(groups__name=POLICE_LEAD)
        self.fields["owner"].label_from_instance = lambda user: user.full_name or user.email


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("What happens next"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what happens next")},
    )
    words = LongTextField(
        label=_("Your words for the timeline"),
        help_text=_("Needed when it is not pursued: this explanation is shown to the forum."),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    fed_back_at = MeetingChoiceField(
        label=_("Meeting where it was fed back (when fed back)"), required=False
    )

    def __init__(self, *args, moves, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(m.value, Status(m).label) for m in moves]
        if Status.FED_BACK in moves:
            self.fields["fed_back_at"].widget = forms.Select()
            self.fields["fed_back_at"].choices = [("", _("Choose the meeting"))] + _meeting_choices(
                forum
            )
        else:
            del self.fields["fed_back_at"]
        fed_back = ["fed_back_at"] if Status.FED_BACK in moves else []
        self.helper = FormHelper("to_status", "words", *fed_back, Submit(_("Save")))

    def clean(self):
        data = super().clean()
        if data.get("to_status") == Status.NOT_PURSUED and not data.get("words", "").strip():
            self.add_error("words", _("Explain to the forum why it will not be pursued"))
        if data.get("to_status") == Status.FED_BACK and not data.get("fed_back_at"):
            self.add_error("fed_back_at", _("Select the meeting where it was fed back"))
        return data
