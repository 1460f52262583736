"""The GOV.UK form tags (vvf/templatetags/govuk.py)."""

import inspect

import pytest
from django import forms
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe

from applications import forms as step_forms
from applications.journey import STEPS
from vvf.templatetags.govuk import govuk_field, govuk_fields, html_from


def fresh(form, label_class=""):
    return "".join(govuk_field(field, label_class) for field in form)


def test_format_html_escapes_text_and_keeps_html():
    drawn = html_from('<p title="{}">{}{}</p>', "\"'<&>", "<b>", mark_safe("<i>x</i>"))

    assert isinstance(drawn, SafeString)
    assert drawn == '<p title="&quot;&#x27;&lt;&amp;&gt;">&lt;b&gt;<i>x</i></p>'


def test_answers_typed_are_escaped_in_the_form():
    form = step_forms.NameForm(data={"full_name": '"><script>x</script>', "preferred_name": ""})

    drawn = govuk_fields(form)

    assert "<script>" not in drawn
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in drawn


def test_an_empty_form_with_fixed_fields_is_drawn_once_the_same_for_everyone():
    caches["pages"].clear()
    form = step_forms.ContactForm()
    form.caption = "About you"

    first = govuk_fields(form)
    assert len(caches["pages"]._cache) == 1
    again = step_forms.ContactForm()
    again.caption = "About you"

    assert govuk_fields(again) == first == fresh(form)
    assert isinstance(govuk_fields(again), SafeString)
    assert len(caches["pages"]._cache) == 1


def test_a_heading_or_a_caption_is_drawn_apart():
    caches["pages"].clear()
    form = step_forms.NameForm()
    form.caption = "About you"
    other = step_forms.NameForm()
    other.caption = "Something else"

    assert govuk_fields(form, "heading") == fresh(form, "heading")
    assert govuk_fields(other, "heading") == fresh(other, "heading")
    assert govuk_fields(form) == fresh(form)
    assert "Something else" in govuk_fields(other, "heading")


def test_a_form_with_answers_or_mistakes_is_drawn_each_time():
    caches["pages"].clear()
    form = step_forms.NameForm(data={"full_name": "", "preferred_name": "Zo"})
    form.is_valid()

    drawn = govuk_fields(form)

    assert 'value="Zo"' in drawn
    assert "Enter your full name" in drawn
    assert len(caches["pages"]._cache) == 0


@pytest.mark.django_db
def test_forms_drawn_from_the_database_are_drawn_each_time():
    from forums.models import Forum

    caches["pages"].clear()
    govuk_fields(step_forms.ForumsForm())
    Forum.objects.filter(slug="vawg").update(name="A forum renamed")

    assert "A forum renamed" in govuk_fields(step_forms.ForumsForm())
    assert len(caches["pages"]._cache) == 0


def test_a_form_with_initial_values_is_drawn_each_time():
    caches["pages"].clear()

    assert 'value="Zoë"' in govuk_fields(step_forms.NameForm(initial={"full_name": "Zoë"}))
    assert len(caches["pages"]._cache) == 0


def test_forms_not_marked_are_drawn_each_time():
    class Unmarked(forms.Form):
        name = forms.CharField()

    caches["pages"].clear()
    govuk_fields(Unmarked())

    assert len(caches["pages"]._cache) == 0


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
    from forums.models import Forum

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

    before = fresh(form_class())
    Forum.objects.update(name="Renamed", description="Changed", is_recruiting=False)
    consent_document_publish(kind="PNC_CHECK", title="New", body="New words", by=None)

    assert fresh(form_class()) == before
