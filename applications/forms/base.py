"""What every page of the application form shares: its base form and buttons."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import ButtonGroup, Submit

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
