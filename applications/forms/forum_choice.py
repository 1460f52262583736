"""The page where the applicant chooses their forums."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from programme.models import Forum, recruiting_ids
from vvf.crispy_govuk import FormHelper

from .base import STEP_BUTTONS, StepForm

# The forums' names and descriptions as the programme set them up (programme/migrations),
# marked so that the catalogues hold them: the page shows each in its own language. A
# forum renamed in the admin shows as staff wrote it until the new name is translated.
NAMES_AND_DESCRIPTIONS = [
    gettext_noop("Violence against women and girls"),
    gettext_noop("For victims and survivors of violence against women and girls."),
    gettext_noop("London's Black communities"),
    gettext_noop("For victims of crime from London's Black communities."),
    gettext_noop("Disabled victims"),
    gettext_noop("For disabled victims of crime. Run by an external partner organisation."),
    gettext_noop("LGBTQ+ victims"),
    gettext_noop("For LGBTQ+ victims of crime. Run by an external partner organisation."),
]


def in_language(text):
    """A forum's name or description in the page's language, where it is translated."""
    return gettext(text) if text else text


class ForumModelChoiceField(forms.ModelMultipleChoiceField):
    """Checks the choices against the forums it lists, fetched once a form: one query,
    not two (a second only to name a forum that has closed)."""

    def label_from_instance(self, forum):
        return in_language(forum.name)

    def _check_values(self, value):
        listed = {str(forum.pk): forum for forum in self.queryset}
        chosen = {str(pk) for pk in value}
        unknown = sorted(chosen - listed.keys())
        if unknown:
            # A forum can close while someone applies: name it, kindly.
            ids = [int(pk) for pk in unknown if pk.isascii() and pk.isdigit() and len(pk) < 10]
            names = Forum.objects.filter(pk__in=ids).values_list("name", flat=True)
            closed = [in_language(name) for name in names]
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
        field.item_hints = {
            str(forum.pk): in_language(forum.description) for forum in field.queryset
        }

    @classmethod
    def still_valid(cls, answers):
        """A forum can stop recruiting after it was chosen."""
        return set(answers.get("forums", [])) <= {str(pk) for pk in recruiting_ids()}
