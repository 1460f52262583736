"""The pages of the online application, declared once, and the answers kept in the
applicant's session until they submit.

A page whose earlier pages are not complete sends the applicant to the first incomplete
one. Answers that passed when they were given are not checked again in full on every
page; those that depend on what staff may change meanwhile are checked for that (which
forums recruit, the consent wordings: each form's `still_valid`). Check your answers
checks every page again in full before anything is sent.
"""

import secrets
import time
from dataclasses import dataclass, field

from django import forms as django_forms
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import forms
from .services import current_documents, forums_needing_partner_consent

SESSION_KEY = "apply"

ELIGIBILITY = _("Can you apply")
FORUMS = _("Your forums")
ABOUT = _("About you")
MOTIVATION = _("Why you want to join")
CONSENTS = _("Your agreement")
EQUALITY = _("Equality monitoring")


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type
    title: str
    section: str
    template: str = "applications/step.html"
    summary_labels: dict = field(default_factory=dict)
    # Easy Read shows a picture beside the question: (static/images/easy-read/NAME.svg,
    # its text alternative). Easy Read is English only, so the text is not translated.
    picture: tuple = ("apply", "A computer screen showing a form")


STEPS = [
    Step(
        "date-of-birth",
        forms.DateOfBirthForm,
        _("Your date of birth"),
        ELIGIBILITY,
        summary_labels={"date_of_birth": _("Date of birth")},
        picture=("birthday", "A birthday cake"),
    ),
    Step(
        "london",
        forms.LondonForm,
        _("Where you live, work or study"),
        ELIGIBILITY,
        summary_labels={"london_connection": _("Connection to London")},
        picture=("london", "A pin on a map of London"),
    ),
    Step(
        "victim",
        forms.VictimForm,
        _("Victim of crime"),
        ELIGIBILITY,
        summary_labels={"victim_of_crime": _("Victim of crime in London")},
        picture=("victim", "A person with a hand on their shoulder to support them"),
    ),
    Step(
        "pnc-check",
        forms.PncWillingForm,
        _("Police National Computer check"),
        ELIGIBILITY,
        summary_labels={"willing_pnc": _("Willing to have a PNC check")},
        picture=("check", "A magnifying glass over a document"),
    ),
    Step(
        "confidentiality",
        forms.ConfidentialityForm,
        _("Confidentiality"),
        ELIGIBILITY,
        summary_labels={"willing_confidentiality": _("Will keep discussions confidential")},
        picture=("confidential", "A person with a finger over their lips"),
    ),
    Step(
        "forums",
        forms.ForumsForm,
        _("Choose your forums"),
        FORUMS,
        summary_labels={"forums": _("Forums")},
        picture=("forums", "Four groups of people"),
    ),
    Step(
        "name",
        forms.NameForm,
        _("Your name"),
        ABOUT,
        summary_labels={"preferred_name": _("Preferred name")},
        picture=("name", "A name badge"),
    ),
    Step(
        "contact",
        forms.ContactForm,
        _("How to contact you"),
        ABOUT,
        summary_labels={
            "phone": _("Phone number"),
            "contact_method": _("Contact by"),
            "safe_to_leave_messages": _("Safe to leave messages"),
            "contact_times": _("Times to avoid"),
        },
        picture=("contact", "A phone and an envelope"),
    ),
    Step(
        "address",
        forms.AddressForm,
        _("Where you live"),
        ABOUT,
        summary_labels={"borough": _("London borough")},
        picture=("home", "A house"),
    ),
    Step(
        "support",
        forms.AccessNeedsForm,
        _("Support to take part"),
        ABOUT,
        summary_labels={
            "access_needs": _("Support needed"),
            "access_needs_other": _("Other support"),
        },
        picture=("support", "A hand reaching out to help"),
    ),
    Step(
        "why",
        forms.MotivationForm,
        _("Why you want to join"),
        MOTIVATION,
        summary_labels={
            "why_join": _("Why you want to join"),
            "interested_in_accountability": _("Holding the police to account"),
        },
        picture=("why", "A speech bubble with a light bulb"),
    ),
    Step(
        "agreement",
        forms.ConsentsForm,
        _("Your agreement"),
        CONSENTS,
        template="applications/consents.html",
        picture=("agree", "A document with a pen and a tick"),
    ),
    Step(
        "equality",
        forms.EqualityForm,
        _("Equality monitoring"),
        EQUALITY,
        template="applications/equality.html",
        picture=("people", "A group of different people, one using a wheelchair"),
    ),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}

# Looking at a page restarts the session's clock, but writes the session at most this
# often (seconds): the timeout warning is told how long is really left.
TOUCH_EVERY = 60


class Journey:
    """The applicant's answers so far, kept in their session as the raw text they typed,
    so that any page can be shown again exactly as they left it."""

    def __init__(self, session):
        self.session = session
        self.state = session.get(SESSION_KEY) or {"answers": {}}
        self._forms = {}
        self._documents = None

    # Stored answers

    @property
    def submission_key(self):
        if "key" not in self.state:
            self.state["key"] = secrets.token_hex(16)
            self._save()
        return self.state["key"]

    def has_answers(self):
        return bool(self.state["answers"])

    def store(self, step, form):
        """Keeps the text sent in the step's `form` for its own fields, valid or not,
        and whether it passed, so that later pages need not check it again."""
        names = self._field_names(form)
        self.state["answers"][step.slug] = {
            name: form.data.getlist(name) for name in form.data if name in names
        }
        checked = set(self.state.get("checked", [])) - {step.slug}
        if form.is_valid():
            checked.add(step.slug)
        self.state["checked"] = sorted(checked)
        self._forms = {}  # later pages can depend on this one
        self.submission_key  # noqa: B018  (a journey with answers has a key)
        self._save()

    def touch(self, every=TOUCH_EVERY):
        """Restarts the session's clock while there are answers to keep, if it has not
        been restarted in the last `every` seconds."""
        if self.has_answers() and self._seconds_since_saved() >= every:
            self._save()

    def seconds_left(self):
        """Until the session, and the answers in it, are cleared (all of it when there
        is nothing yet to clear)."""
        age = self.session.get_expiry_age()
        if "saved_at" not in self.state:
            return age
        return max(round(age - self._seconds_since_saved()), 0)

    def _seconds_since_saved(self):
        return time.time() - self.state.get("saved_at", 0)

    def load(self, answers):
        """Answers saved for later, back in the session: each page is checked again."""
        self.state = {"answers": answers}
        self._forms = {}
        self.state["checked"] = [step.slug for step in STEPS if self.is_complete(step, check=True)]
        self._save()

    def clear(self):
        self.session.pop(SESSION_KEY, None)
        self.state = {"answers": {}}
        self._forms = {}

    def _save(self):
        self.state["saved_at"] = time.time()
        self.session[SESSION_KEY] = self.state
        self.session.modified = True

    def _field_names(self, form):
        names = set()
        for name, form_field in form.fields.items():
            widgets = getattr(form_field.widget, "widgets", None)
            if widgets:
                names.update(f"{name}_{index}" for index in range(len(widgets)))
            else:
                names.add(name)
        return names

    # Forms

    def form(self, step, data=None):
        """The step's form, bound to `data` when given."""
        kwargs = {}
        if step.form_class is forms.ConsentsForm:
            kwargs = {
                "documents": self.documents(),
                "needs_partner_consent": self.needs_partner_consent(),
                "language": get_language(),
            }
        return step.form_class(data=data, **kwargs)

    def stored_form(self, step):
        """The step's form bound to the stored answers, or None if never answered."""
        if step.slug not in self._forms:
            raw = self.state["answers"].get(step.slug)
            self._forms[step.slug] = None
            if raw is not None:
                self._forms[step.slug] = self.form(step, MultiValueDict(raw))
        return self._forms[step.slug]

    def is_complete(self, step, check=False):
        """Whether the step's answers are valid. Those that passed when given are only
        asked whether they still would (`still_valid`), unless `check`."""
        if not check and step.slug in self.state.get("checked", ()):
            still_valid = step.form_class.still_valid(self.state["answers"][step.slug])
            if still_valid is not None:
                return still_valid
        form = self.stored_form(step)
        return form is not None and form.is_valid() and form.ineligible_reason() is None

    def first_incomplete(self, before=None, check=False):
        """The first step not yet answered validly, looking only at the steps before
        `before` when it is given; None when they are all complete. `check` checks
        every answer again, as before the application is sent."""
        for step in STEPS:
            if step is before:
                return None
            if not self.is_complete(step, check=check):
                return step
        return None

    def previous(self, step):
        index = STEPS.index(step)
        return STEPS[index - 1] if index else None

    def next(self, step):
        index = STEPS.index(step)
        return STEPS[index + 1] if index + 1 < len(STEPS) else None

    # What the answers mean

    def documents(self):
        if self._documents is None:
            self._documents = current_documents(get_language())
        return self._documents

    def chosen_forums(self):
        form = self.stored_form(STEPS_BY_SLUG["forums"])
        if form is None or not form.is_valid():
            return []
        return list(form.cleaned_data["forums"])

    def needs_partner_consent(self):
        return bool(forums_needing_partner_consent(self.chosen_forums()))

    def cleaned(self, slug):
        return self.stored_form(STEPS_BY_SLUG[slug]).cleaned_data

    def application_fields(self):
        """The model fields of the application these answers make."""
        contact = self.cleaned("contact")
        support = self.cleaned("support")
        return {
            "date_of_birth": self.cleaned("date-of-birth")["date_of_birth"],
            "london_connection": self.cleaned("london")["london_connection"],
            "forums": self.chosen_forums(),
            **self.cleaned("name"),
            "email": contact["email"],
            "phone": contact["phone"],
            "contact_method": contact["contact_method"],
            "safe_to_leave_messages": contact["safe_to_leave_messages"] == "YES",
            "contact_times": contact["contact_times"],
            **self.cleaned("address"),
            "access_needs": support["access_needs"],
            "access_needs_other": support["access_needs_other"],
            **self.cleaned("why"),
            "equality": {name: value or "" for name, value in self.cleaned("equality").items()},
            "language": get_language(),
        }

    def consents(self):
        """{ConsentDocument shown: agreed}. The agreement page is only complete while
        the wordings it showed are the current ones, so these are those."""
        return self.stored_form(STEPS_BY_SLUG["agreement"]).agreements()

    def email(self):
        form = self.stored_form(STEPS_BY_SLUG["contact"])
        return form.cleaned_data.get("email", "") if form and form.is_valid() else ""

    def summary(self):
        """Sections of (label, [lines], step) rows for the check-your-answers page."""
        sections = []
        for step in STEPS:
            form = self.stored_form(step)
            rows = []
            consent_titles = {}
            if isinstance(form, forms.ConsentsForm):
                consent_titles = {bound.name: document.title for document, bound in form.wordings()}
            for bound in form.visible_fields():
                label = consent_titles.get(bound.name) or step.summary_labels.get(
                    bound.name, bound.label
                )
                rows.append((label, display(bound.field, form.cleaned_data[bound.name]), step))
            if sections and sections[-1][0] == step.section:
                sections[-1][1].extend(rows)
            else:
                sections.append((step.section, rows))
        return sections


def display(form_field, value):
    """An answer as lines of text, as the applicant would say it."""
    if isinstance(form_field, django_forms.ModelMultipleChoiceField):
        return [form_field.label_from_instance(item) for item in value]
    if isinstance(form_field, django_forms.BooleanField):
        return [str(_("Yes") if value else _("No"))]
    if isinstance(form_field, django_forms.MultipleChoiceField):
        labels = dict(form_field.choices)
        return [str(labels[item]) for item in value] or [str(_("None"))]
    if isinstance(form_field, django_forms.ChoiceField):
        return [str(dict(form_field.choices)[value])] if value else [str(_("Not answered"))]
    if hasattr(value, "year"):
        return [date_format(value, "j F Y")]
    return [value] if value else [str(_("Not given"))]
