"""The GOV.UK form tags (vvf/templatetags/govuk.py)."""

import pytest
from django import forms
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe

from applications import forms as step_forms
from applications.journey import STEPS
from vvf.templatetags.govuk import format_html, govuk_field, govuk_fields


def fresh(form, label_class=""):
    return "".join(govuk_field(field, label_class) for field in form)


def test_format_html_escapes_text_and_keeps_html():
    drawn = format_html('<p title="{}">{}{}</p>', "\"'<&>", "<b>", mark_safe("<i>x</i>"))

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


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
def test_only_forms_fixed_in_code_say_so(step):
    """A form that chooses from the database (or builds its fields from it) must say
    static_fields = False, or everyone would see the choices of the first to look."""
    from_database = any(
        isinstance(field, forms.ModelChoiceField) for field in step.form_class.base_fields.values()
    )
    if from_database or step.form_class is step_forms.ConsentsForm:
        assert step.form_class.static_fields is False
    else:
        assert step.form_class.static_fields is True
