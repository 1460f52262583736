"""The consents page: each wording as published, and what the applicant agreed to."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from languages.services import html_lang
from vvf.crispy_govuk import FormHelper
from vvf.forms import IntegerField
from vvf.templatetags.govuk import govuk_field, html_from, wording

from .base import STEP_BUTTONS, StepForm


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
    OTHER_LANGUAGE = _(
        "You agreed to this wording in another language. Please read it here and tick the "
        "box if you agree."
    )

    @classmethod
    def still_valid(cls, answers):
        """A wording can change, and a change of forums can ask for another consent:
        checked again in full."""
        return None

    def __init__(self, *args, documents, needs_partner_consent, language=None, **kwargs):
        """`documents` maps each kind to the wording to show (its current version, in the
        page's `language`)."""
        super().__init__(*args, **kwargs)
        self.language = language or settings.LANGUAGE_CODE
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
            self.fields[f"{kind.lower()}_language"] = forms.CharField(
                widget=forms.HiddenInput, required=False
            )
        self.helper = FormHelper(*(ConsentWording(kind) for kind in kinds), STEP_BUTTONS)
        # Each page carries the language and the version of each wording it showed (a
        # wording is one of its language's versions). An answer given to any other, an
        # older one or one in another language, is no answer: the tick is cleared and
        # the wording shown now asked for.
        self.changed = {}
        if self.is_bound:
            self.data = self.data.copy()
            for kind in kinds:
                name = kind.lower()
                shown_in = self.data.get(f"{name}_language") or settings.LANGUAGE_CODE
                if shown_in != documents[kind].language:
                    self.changed[kind] = self.OTHER_LANGUAGE
                elif self.data.get(f"{name}_version") != str(documents[kind].version):
                    self.changed[kind] = self.CHANGED
                if kind in self.changed:
                    self.data.pop(name, None)

    def clean(self):
        data = super().clean()
        for kind, message in self.changed.items():
            self._errors.pop(kind.lower(), None)
            self.add_error(kind.lower(), message)
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
        # A wording not yet translated into the page's language is shown in English,
        # marked so that it is read and laid out as English.
        other = document.language != form.language
        marked = html_from(' lang="{}" dir="ltr"', html_lang(document.language)) if other else ""
        return html_from(
            '<input type="hidden" name="{}_version" value="{}">'
            '<input type="hidden" name="{}_language" value="{}">'
            '<div{}><h2 class="govuk-heading-m">{}</h2>'
            '<div class="govuk-inset-text app-wording">{}</div></div>{}',
            self.name,
            document.version,
            self.name,
            document.language,
            marked,
            document.title,
            wording(document.body),
            govuk_field(form[self.name]),
        )
