"""The pages about the applicant: name, contact, address, access needs, and why they
want to join."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import FormHelper
from vvf.forms import LongTextField, ascii_digits

from .. import choices, validators
from .base import STEP_BUTTONS, StepForm, yes_no


class NameForm(StepForm):
    static_fields = True
    helper = FormHelper("full_name", "preferred_name", STEP_BUTTONS)
    # No max_length here: the validators check the lengths, with the GOV.UK messages.
    full_name = forms.CharField(
        label=_("Full name"),
        error_messages={"required": _("Enter your full name")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    preferred_name = forms.CharField(
        label=_("What would you like us to call you? (optional)"),
        help_text=_("If it is different from your full name."),
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-20"}),
    )

    def clean_full_name(self):
        return validators.full_name(self.cleaned_data["full_name"])

    def clean_preferred_name(self):
        return validators.preferred_name(self.cleaned_data["preferred_name"])


POSTCODE_DIGITS = _("Enter the postcode using the digits 0 to 9")


class ContactForm(StepForm):
    static_fields = True
    helper = FormHelper(
        "email", "phone", "contact_method", "safe_to_leave_messages", "contact_times", STEP_BUTTONS
    )
    # Checked by validators.email, as the pilot's import checks it.
    email = forms.CharField(
        label=_("Email address"),
        help_text=_("We will send your reference number and a private link to this address."),
        error_messages={"required": _("Enter your email address")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("UK phone number (optional)"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "class": "govuk-input--width-20"}
        ),
    )
    contact_method = forms.ChoiceField(
        label=_("How would you like us to contact you?"),
        choices=choices.ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you would like us to contact you")},
    )
    safe_to_leave_messages = yes_no(
        _("Is it safe for us to leave you messages?"),
        _("For example, a voicemail or a message with someone else."),
        _("Select yes if it is safe to leave you messages"),
    )
    contact_times = forms.CharField(
        label=_("Are there times when it is not safe or convenient to contact you? (optional)"),
        help_text=_("For example, not before 6pm on weekdays."),
        max_length=300,
        required=False,
    )

    def clean_email(self):
        return validators.email(self.cleaned_data["email"])

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return validators.phone(phone) if phone else ""

    def clean(self):
        data = super().clean()
        # A number that was typed but is not valid has its own error already.
        wants_phone = data.get("contact_method") in ("PHONE", "TEXT")
        if wants_phone and not data.get("phone") and not self.has_error("phone"):
            self.add_error("phone", _("Enter a phone number, or choose to be contacted by email"))
        return data


class AddressForm(StepForm):
    static_fields = True
    helper = FormHelper("postcode", "borough", STEP_BUTTONS)
    postcode = forms.CharField(
        label=_("Postcode"),
        help_text=_("Where you live. If you live outside London, give your home postcode."),
        max_length=10,
        error_messages={"required": _("Enter your postcode")},
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}
        ),
    )
    borough = forms.ChoiceField(
        label=_("Which London borough do you live in?"),
        choices=[("", _("Choose a borough")), *choices.Borough.choices],
        error_messages={
            "required": _("Select your London borough, or that you live outside London")
        },
    )

    def clean_postcode(self):
        postcode = ascii_digits(self.cleaned_data["postcode"], POSTCODE_DIGITS)
        return validators.normalise_postcode(postcode)


class AccessNeedsForm(StepForm):
    static_fields = True
    helper = FormHelper("access_needs", "access_needs_other", STEP_BUTTONS)
    access_needs = forms.MultipleChoiceField(
        label=_("Do you need any support to take part in meetings?"),
        help_text=_("Select all that apply. Leave them all unselected if you do not need any."),
        choices=choices.AccessNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    access_needs_other = LongTextField(
        label=_("Tell us about any other support you need (optional)"),
        # For the character count; validators.access_needs_other checks it.
        max_length=validators.max_length("access_needs_other"),
        required=False,
        error_messages={
            "max_length": validators.OTHER_SUPPORT_TOO_LONG
            % {"most": f"{validators.max_length('access_needs_other'):,}"}
        },
    )

    def clean_access_needs_other(self):
        return validators.access_needs_other(self.cleaned_data["access_needs_other"])

    def clean(self):
        data = super().clean()
        if (
            choices.AccessNeed.OTHER in data.get("access_needs", [])
            and not data.get("access_needs_other", "").strip()
        ):
            self.add_error("access_needs_other", _("Tell us what other support you need"))
        return data


# Why you want to join ------------------------------------------------------------------


class MotivationForm(StepForm):
    static_fields = True
    helper = FormHelper("why_join", "interested_in_accountability", STEP_BUTTONS)
    why_join = LongTextField(
        label=_("Why would you like to join a Victim Voice Forum?"),
        help_text=_("Tell us in your own words. You do not need to tell us what happened to you."),
        max_length=1500,
        error_messages={
            "required": _("Tell us why you would like to join"),
            "max_length": _("Why you would like to join must be 1,500 characters or fewer"),
        },
    )
    interested_in_accountability = forms.BooleanField(
        label=_("I am interested in holding the police to account"),
        error_messages={
            "required": _("Confirm that you are interested in holding the police to account")
        },
    )

    def clean_why_join(self):
        return self.cleaned_data["why_join"].strip()
