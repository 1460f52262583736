"""One form per page of the application. The order and rules of the pages are in
journey.py; the forms only validate what is typed."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forums.models import Forum, recruiting_ids
from vvf.crispy_govuk import ButtonGroup, FormHelper, Honeypot, Submit
from vvf.dates import duration_in_words
from vvf.forms import DateField, IntegerField, LongTextField, ascii_digits, email_field
from vvf.templatetags.govuk import govuk_field, html_from, wording

from . import choices, validators

YES_NO = [("YES", _("Yes")), ("NO", _("No"))]


def _continue(context):
    if context.get("changing"):
        return _("Save and return to your answers")
    return _("Continue")


# Every page of the application ends with these (applications.views.step: "changing" is
# an answer changed from check your answers).
STEP_BUTTONS = ButtonGroup(
    Submit(_continue),
    Submit(
        _("Save and come back later"),
        name="save",
        value="1",
        secondary=True,
        prevent_double_click=False,
    ),
)


class StepForm(forms.Form):
    """A page of the application. A page with one question uses it as the heading.
    Each declares its layout (`helper`), drawn by the GOV.UK pack (vvf/crispy_govuk)."""

    # "heading": the page's one question is its heading (the layout's fields take it).
    label_class = None
    # True for a form whose fields, labels and choices are all fixed in code and which
    # takes nothing from the applicant to build: empty, it draws the same for everyone,
    # so its layout's helper draws it once (vvf/crispy_govuk). Left False, a form is drawn
    # each time.
    static_fields = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.label_class is None:
            self.label_class = "heading" if len(self.visible_fields()) == 1 else ""

    def ineligible_reason(self):
        """The reason an answer on this page ends the application, or None."""
        return None

    @classmethod
    def still_valid(cls, answers):
        """Whether `answers` (the raw text), which passed when they were given, still
        would; None when only checking them again in full can tell. Most answers cannot
        stop being valid; those that depend on what staff can change can."""
        return True


def yes_no(label, help_text="", required_message=None):
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": required_message or _("Select yes or no")},
    )


# Eligibility -------------------------------------------------------------------------


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


# Forum choice ------------------------------------------------------------------------


class ForumModelChoiceField(forms.ModelMultipleChoiceField):
    """Checks the choices against the forums it lists, fetched once a form: one query,
    not two (a second only to name a forum that has closed)."""

    def label_from_instance(self, forum):
        return forum.name

    def _check_values(self, value):
        listed = {str(forum.pk): forum for forum in self.queryset}
        chosen = {str(pk) for pk in value}
        unknown = sorted(chosen - listed.keys())
        if unknown:
            # A forum can close while someone applies: name it, kindly.
            ids = [int(pk) for pk in unknown if pk.isascii() and pk.isdigit() and len(pk) < 10]
            closed = list(Forum.objects.filter(pk__in=ids).values_list("name", flat=True))
            if len(closed) == 1:
                raise ValidationError(
                    self.error_messages["closed"], code="closed", params={"forum": closed[0]}
                )
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": unknown[0]},
            )
        return [forum for pk, forum in listed.items() if pk in chosen]


class ForumsForm(StepForm):
    helper = FormHelper("forums", STEP_BUTTONS)
    forums = ForumModelChoiceField(
        label=_("Which forums would you like to join?"),
        help_text=_("Select all that describe you. You can choose more than one."),
        queryset=Forum.objects.recruiting().select_related("run_by"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select at least one forum"),
            "closed": _(
                "%(forum)s has stopped taking applications. Select from the forums open now"
            ),
            "invalid_choice": _(
                "A forum you chose has stopped taking applications. Select from the forums open now"
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["forums"]
        field.item_hints = {str(forum.pk): forum.description for forum in field.queryset}

    @classmethod
    def still_valid(cls, answers):
        """A forum can stop recruiting after it was chosen."""
        return set(answers.get("forums", [])) <= {str(pk) for pk in recruiting_ids()}


# About you ----------------------------------------------------------------------------


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


# Consents ----------------------------------------------------------------------------


class ConsentsForm(StepForm):
    """Each consent is shown with its full wording, and the version shown is recorded:
    a wording published while someone is filling in the form does not change what they
    agreed to."""

    label_class = ""
    LABELS = {
        "PNC_CHECK": _("I agree to the Police National Computer check"),
        "PARTNER_SHARING": _("I agree to my details being shared with the external partner"),
        "TERMS_OF_REFERENCE": _("I agree to follow the Terms of Reference"),
        "MPS_SHARING": _("I agree to my details being shared with the Met (optional)"),
    }
    REQUIRED_MESSAGES = {
        "PNC_CHECK": _(
            "Agree to the PNC check to apply. We cannot accept applications without it."
        ),
        "PARTNER_SHARING": _(
            "Agree to sharing your details with the external partner, or go back and remove "
            "the Disabled victims and LGBTQ+ victims forums"
        ),
        "TERMS_OF_REFERENCE": _("Agree to follow the Terms of Reference to apply"),
    }

    CHANGED = _(
        "We have changed this wording since you read it. Please read it again and tick the "
        "box if you agree."
    )

    @classmethod
    def still_valid(cls, answers):
        """A wording can change, and a change of forums can ask for another consent:
        checked again in full."""
        return None

    def __init__(self, *args, documents, needs_partner_consent, **kwargs):
        """`documents` maps each kind to the wording to show (its current version)."""
        super().__init__(*args, **kwargs)
        kinds = ["PNC_CHECK", "TERMS_OF_REFERENCE", "MPS_SHARING"]
        if needs_partner_consent:
            kinds.insert(1, "PARTNER_SHARING")
        self.kinds = kinds
        self.documents = documents
        for kind in kinds:
            self.fields[kind.lower()] = forms.BooleanField(
                label=self.LABELS[kind],
                required=kind in self.REQUIRED_MESSAGES,
                error_messages={"required": self.REQUIRED_MESSAGES.get(kind, "")},
            )
            self.fields[f"{kind.lower()}_version"] = IntegerField(
                widget=forms.HiddenInput, required=False
            )
        self.helper = FormHelper(*(ConsentWording(kind) for kind in kinds), STEP_BUTTONS)
        # Each page carries the version of the wording it showed. An answer given to an
        # older wording is no answer: the tick is cleared and the new wording asked for.
        self.changed = []
        if self.is_bound:
            self.data = self.data.copy()
            for kind in kinds:
                if self.data.get(f"{kind.lower()}_version") != str(documents[kind].version):
                    self.changed.append(kind)
                    self.data.pop(kind.lower(), None)

    def clean(self):
        data = super().clean()
        for kind in self.changed:
            self._errors.pop(kind.lower(), None)
            self.add_error(kind.lower(), self.CHANGED)
        return data

    def wordings(self):
        """(document, bound checkbox) for each consent, in the order shown."""
        return [(self.documents[kind], self[kind.lower()]) for kind in self.kinds]

    def agreements(self):
        """{ConsentDocument shown: agreed}"""
        return {self.documents[kind]: self.cleaned_data[kind.lower()] for kind in self.kinds}


class ConsentWording:
    """A consent's layout: the version of its wording shown (sent back with the answer),
    its title, its wording in full and its tick box."""

    uses_context = False

    def __init__(self, kind):
        self.name = kind.lower()
        self.kind = kind

    def render(self, form, context, template_pack=None, **kwargs):
        document = form.documents[self.kind]
        return html_from(
            '<input type="hidden" name="{}_version" value="{}"><h2 class="govuk-heading-m">{}'
            '</h2><div class="govuk-inset-text app-wording">{}</div>{}',
            self.name,
            document.version,
            document.title,
            wording(document.body),
            govuk_field(form[self.name]),
        )


# Equality monitoring -------------------------------------------------------------------


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


# The applicant's other pages ---------------------------------------------------------------


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
