"""The applicant's other pages: contact details on the status page, save and return,
withdraw, a question."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import FormHelper, Honeypot, Submit
from vvf.dates import duration_in_words
from vvf.forms import LongTextField, email_field

from .about_you import ContactForm


class ContactDetailsForm(ContactForm):
    """The contact details changed from the applicant's status page."""

    helper = FormHelper(
        "email",
        "phone",
        "contact_method",
        "safe_to_leave_messages",
        "contact_times",
        Submit(_("Save")),
    )

    @classmethod
    def of(cls, application, data=None):
        """The form for changing `application`'s contact details, shown as they are."""
        initial = {
            "email": application.email,
            "phone": application.phone,
            "contact_method": application.contact_method,
            "safe_to_leave_messages": "YES" if application.safe_to_leave_messages else "NO",
            "contact_times": application.contact_times,
        }
        return cls(data, initial=initial)

    def contact_fields(self):
        """The checked answers as application_update_contact takes them."""
        yes = self.cleaned_data["safe_to_leave_messages"] == "YES"
        return {**self.cleaned_data, "safe_to_leave_messages": yes}


class SaveForm(forms.Form):
    """Save and come back later: where to send the link."""

    helper = FormHelper("email", Honeypot(), Submit(_("Send me a link")))
    email = email_field(
        label=_("Email address"),
        help_text=format_lazy(
            _("We will send a link to this address. It works once, for {period}."),
            period=lazy(duration_in_words, str)(settings.RETENTION["DRAFT_DAYS"], "days"),
        ),
    )


class WithdrawForm(forms.Form):
    helper = FormHelper("confirm", Submit(_("Continue")))
    confirm = forms.ChoiceField(
        label=_("Are you sure you want to withdraw your application?"),
        choices=[("YES", _("Yes, withdraw my application")), ("NO", _("No, keep it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you want to withdraw your application")},
    )


class QuestionForm(forms.Form):
    """Ask us a question, before applying."""

    helper = FormHelper("email", "question", Honeypot(), Submit(_("Send question")))
    email = email_field(
        label=_("Your email address"),
        help_text=_("So that we can reply to you."),
        required_message=_("Enter your email address so that we can reply"),
    )
    question = LongTextField(
        label=_("Your question"),
        help_text=_("Please do not tell us about the crime itself here."),
        max_length=2000,
        error_messages={
            "required": _("Enter your question"),
            "max_length": _("Your question must be 2,000 characters or fewer"),
        },
    )
