"""The GOV.UK pack for django-crispy-forms (vvf/crispy_govuk, {% load crispy_govuk %}),
and every public form's layout declared with it."""

import inspect

import pytest
from django import forms
from django.core.cache import caches
from django.template import engines
from django.utils.safestring import SafeString

from accounts import forms as account_forms
from applications import forms as step_forms
from applications.journey import STEPS
from feedback import forms as feedback_forms
from feedback import report_views
from forums import claim_forms
from forums import forms as forum_forms
from opportunities import forms as opportunity_forms
from privacy import forms as privacy_forms
from vetting import forms as vetting_forms
from vvf.crispy_govuk import ButtonGroup, Field, FormHelper, Heading, Honeypot, Submit
from vvf.templatetags.govuk import govuk_field

OURS = engines["django"].from_string("{% load crispy_govuk %}{% crispy form %}")
CRISPYS = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}")


def drawn(form, **context):
    return OURS.render({"form": form, **context})


# The pack's objects ----------------------------------------------------------------------


class Sample(forms.Form):
    name = forms.CharField(label="Name", help_text="As you write it.")
    amount = forms.CharField(label="Amount", required=False)
    ok = forms.BooleanField(label="I agree")


def test_a_field_is_drawn_by_the_govuk_tag():
    form = Sample(data={"name": "", "ok": ""})
    form.is_valid()
    form.helper = FormHelper("name", Field("ok", label_class="heading"))

    assert drawn(form) == govuk_field(form["name"]) + govuk_field(form["ok"], "heading")


def test_a_field_takes_the_forms_label_class_unless_it_says_its_own():
    form = step_forms.VictimForm()

    assert form.label_class == "heading"
    assert drawn(form).startswith(str(govuk_field(form["victim_of_crime"], "heading")))


def test_a_prefixed_input_is_govuks_input_with_a_prefix():
    form = Sample(data={"amount": "<b>"})
    form.is_valid()
    form.helper = FormHelper(Field("amount", prefix="£"))

    assert drawn(form) == (
        '<div class="govuk-form-group"><label class="govuk-label govuk-label--s" '
        'for="id_amount">Amount</label><div class="govuk-input__wrapper">'
        '<div class="govuk-input__prefix" aria-hidden="true">£</div>'
        '<input type="text" name="amount" value="&lt;b&gt;" class="govuk-input" '
        'id="id_amount"></div></div>'
    )


def test_buttons_headings_and_the_honeypot():
    form = Sample()
    form.helper = FormHelper(
        Heading("Add <one>", level=3, size="s"),
        ButtonGroup(
            Submit("Continue"),
            Submit("Save", name="save", value="1", secondary=True, prevent_double_click=False),
        ),
        Submit(lambda context: f"Hello {context['who']}"),
        Honeypot(),
    )

    page = drawn(form, who="<you>")

    assert page.startswith(
        '<h3 class="govuk-heading-s">Add &lt;one&gt;</h3><div class="govuk-button-group">'
        '<button type="submit" class="govuk-button" data-module="govuk-button" '
        'data-prevent-double-click="true">Continue</button><button type="submit" name="save" '
        'value="1" class="govuk-button govuk-button--secondary" data-module="govuk-button">'
        'Save</button></div><button type="submit" class="govuk-button" '
        'data-module="govuk-button" data-prevent-double-click="true">Hello &lt;you&gt;</button>'
        '<div class="app-honeypot" aria-hidden="true">'
    )
    assert 'name="website"' in page


def test_a_form_without_a_helper_draws_every_field():
    form = Sample()

    assert drawn(form) == "".join(govuk_field(field) for field in form)


# Every public form declares its layout -----------------------------------------------------

# The forms of the public pages. The claim's decision and export are the admin's (drawn
# by Django's admin), as are the forms in */admin_forms.py.
PUBLIC_FORMS = [
    *[step.form_class for step in STEPS],
    step_forms.ContactDetailsForm,
    step_forms.SaveForm,
    step_forms.WithdrawForm,
    step_forms.QuestionForm,
    forum_forms.SignInForm,
    forum_forms.AnswerForm,
    forum_forms.RecordingConsentForm,
    forum_forms.ProposeForm,
    forum_forms.AgendaItemForm,
    forum_forms.DecideForm,
    forum_forms.NoteForm,
    forum_forms.RecordingForm,
    forum_forms.MeetingChangeForm,
    forum_forms.TermsForm,
    forum_forms.SupportForm,
    opportunity_forms.InterestForm,
    opportunity_forms.MetSharingForm,
    opportunity_forms.EmailsForm,
    opportunity_forms.OpportunityForm,
    privacy_forms.CorrectionForm,
    claim_forms.ClaimForm,
    feedback_forms.FeedbackForm,
    feedback_forms.RecommendationForm,
    feedback_forms.MoveForm,
    report_views.GenerateForm,
    vetting_forms.SeatDecisionForm,
    account_forms.SignInForm,
]


def test_every_form_of_the_public_pages_is_listed():
    modules = [
        step_forms,
        forum_forms,
        claim_forms,
        feedback_forms,
        vetting_forms,
        account_forms,
        opportunity_forms,
        privacy_forms,
    ]
    defined = {
        form_class
        for module in modules
        for _name, form_class in inspect.getmembers(module, inspect.isclass)
        if issubclass(form_class, forms.BaseForm)
        and form_class.__module__.startswith(module.__name__)
    }
    admins = {claim_forms.ClaimDecideForm, claim_forms.ClaimExportForm, step_forms.StepForm}

    assert defined - admins == set(PUBLIC_FORMS) - {report_views.GenerateForm}


# Forms whose layout is made with the form, from what it is given.
MADE_WITH_THE_FORM = {step_forms.ConsentsForm, feedback_forms.MoveForm}


@pytest.mark.parametrize(
    "form_class",
    [form_class for form_class in PUBLIC_FORMS if form_class not in MADE_WITH_THE_FORM],
    ids=lambda form_class: form_class.__name__,
)
def test_a_forms_layout_has_each_of_its_fields_once(form_class):
    names = [pointer.name for pointer in form_class.helper.layout.get_field_names()]

    assert sorted(names) == sorted(form_class.base_fields)


@pytest.mark.django_db
def test_the_agreements_layout_has_each_consent_once():
    from applications.services import current_documents

    form = step_forms.ConsentsForm(documents=current_documents(), needs_partner_consent=True)
    page = drawn(form)

    for name in form.fields:
        assert page.count(f'name="{name}"') == 1, name


@pytest.mark.django_db
def test_a_recommendations_layout_has_the_meeting_only_when_it_can_be_fed_back():
    from feedback.models import Status
    from programme.models import Forum

    forum = Forum.objects.get(slug="vawg")
    moves = [Status.IN_PROGRESS, Status.NOT_PURSUED]

    assert 'name="fed_back_at"' not in drawn(feedback_forms.MoveForm(moves=moves, forum=forum))
    assert 'name="fed_back_at"' in drawn(
        feedback_forms.MoveForm(moves=[*moves, Status.FED_BACK], forum=forum)
    )


# The pack's tag draws what crispy's own tag draws --------------------------------------------


def forms_drawn():
    empty = step_forms.ContactForm()
    empty.caption = "About you"
    mistaken = step_forms.ContactForm(data={"email": "not an email", "contact_method": "TEXT"})
    mistaken.is_valid()
    question = step_forms.VictimForm()
    question.caption = "Eligibility"
    return [empty, mistaken, question, step_forms.EqualityForm(), step_forms.QuestionForm()]


@pytest.mark.parametrize("changing", [False, True])
def test_the_packs_tag_draws_what_crispys_own_tag_draws(changing):
    caches["pages"].clear()
    for form in forms_drawn():
        context = {"form": form, "changing": changing}

        assert OURS.render(context) == CRISPYS.render(context) != ""


# An empty form fixed in code is drawn once ----------------------------------------------------


def test_an_empty_form_with_fixed_fields_is_drawn_once_the_same_for_everyone():
    caches["pages"].clear()
    form = step_forms.ContactForm()
    form.caption = "About you"
    first = drawn(form)

    assert len(caches["pages"]._cache) == 1
    again = step_forms.ContactForm()
    again.caption = "About you"
    helper = step_forms.ContactForm.helper
    assert drawn(again) == first == helper.layout.render(form, {"changing": False})
    assert isinstance(drawn(again), SafeString)
    assert len(caches["pages"]._cache) == 1


def test_what_depends_on_the_page_is_drawn_each_time():
    caches["pages"].clear()
    first = drawn(step_forms.NameForm())
    changing = drawn(step_forms.NameForm(), changing=True)

    assert len(caches["pages"]._cache) == 1
    assert "Continue</button>" in first
    assert "Save and return to your answers</button>" in changing
    assert first.replace("Continue", "Save and return to your answers") == changing


def test_a_heading_or_a_caption_is_drawn_apart():
    caches["pages"].clear()
    form = step_forms.VictimForm()
    form.caption = "Eligibility"
    other = step_forms.VictimForm()
    other.caption = "Something else"

    assert drawn(form) == step_forms.VictimForm.helper.layout.render(form, {})
    assert "Something else" in drawn(other)
    assert "Eligibility" not in drawn(other)


def test_a_form_with_answers_or_mistakes_is_drawn_each_time():
    caches["pages"].clear()
    form = step_forms.NameForm(data={"full_name": "", "preferred_name": "Zo"})
    form.is_valid()

    page = drawn(form)

    assert 'value="Zo"' in page
    assert "Enter your full name" in page
    assert len(caches["pages"]._cache) == 0


def test_answers_typed_are_escaped_in_the_form():
    form = step_forms.NameForm(data={"full_name": '"><script>x</script>', "preferred_name": ""})

    page = drawn(form)

    assert "<script>" not in page
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in page


@pytest.mark.django_db
def test_forms_drawn_from_the_database_are_drawn_each_time():
    from programme.models import Forum

    caches["pages"].clear()
    drawn(step_forms.ForumsForm())
    Forum.objects.filter(slug="vawg").update(name="A forum renamed")

    assert "A forum renamed" in drawn(step_forms.ForumsForm())
    assert len(caches["pages"]._cache) == 0


def test_a_form_with_initial_values_is_drawn_each_time():
    caches["pages"].clear()

    assert 'value="Zoë"' in drawn(step_forms.NameForm(initial={"full_name": "Zoë"}))
    assert len(caches["pages"]._cache) == 0


def test_forms_not_marked_are_drawn_each_time():
    caches["pages"].clear()
    form = Sample()
    form.helper = FormHelper("name")
    drawn(form)

    assert len(caches["pages"]._cache) == 0
