"""The GOV.UK form tags (vvf/templatetags/govuk.py). The layouts drawn with them, and
the empty forms drawn once, are tested with the pack (test_crispy_govuk.py)."""

import inspect

import pytest
from django import forms
from django.utils.safestring import SafeString, mark_safe

from applications.journey import STEPS
from vvf.templatetags.govuk import html_from


def fresh(form):
    """The form's layout drawn afresh, not from the drawings kept (vvf/crispy_govuk)."""
    return form.helper.layout.render(form, {})


def test_format_html_escapes_text_and_keeps_html():
    drawn = html_from('<p title="{}">{}{}</p>', "\"'<&>", "<b>", mark_safe("<i>x</i>"))

    assert isinstance(drawn, SafeString)
    assert drawn == '<p title="&quot;&#x27;&lt;&amp;&gt;">&lt;b&gt;<i>x</i></p>'


MARKED = [step for step in STEPS if step.form_class.static_fields]


def test_the_forums_and_the_agreement_are_not_marked():
    assert {step.slug for step in STEPS} - {step.slug for step in MARKED} == {
        "forums",
        "agreement",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("step", MARKED, ids=lambda step: step.slug)
def test_forms_marked_as_fixed_in_code_are(step):
    """A form drawn once for everyone must not choose from the database, take anything
    to build it, or draw differently when the forums or the wordings change."""
    from applications.services import consent_document_publish
    from programme.models import Forum

    form_class = step.form_class
    assert not any(
        isinstance(field, forms.ModelChoiceField) for field in form_class.base_fields.values()
    )
    # Built from nothing but the data sent (no documents, no applicant's answers).
    parameters = inspect.signature(form_class).parameters.values()
    assert [parameter.kind for parameter in parameters] == [
        inspect.Parameter.VAR_POSITIONAL,
        inspect.Parameter.VAR_KEYWORD,
    ]

    # Its layout is its class's: the drawing kept is the class's (vvf/crispy_govuk).
    assert form_class().helper is form_class.helper
    before = fresh(form_class())
    Forum.objects.update(name="Renamed", description="Changed", is_recruiting=False)
    consent_document_publish(kind="PNC_CHECK", title="New", body="New words", by=None)

    assert fresh(form_class()) == before
