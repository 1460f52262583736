"""Numbers, dates and times take the digits 0 to 9 only (vvf.forms.ascii_digits): every
numeric field of every form of the service, the admin's included, found by looking."""

import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse

from applications.journey import STEPS, Journey
from forums.models import ExpenseClaim
from tests.applications.journey import complete, valid_answers
from tests.factories import UserFactory
from tests.forums.helpers import make_member, sign_in_member
from tests.forums.test_claims import attended
from vvf import forms as vvf_forms

SERVICE_APPS = [
    "accounts",
    "applications",
    "audit",
    "feedback",
    "forums",
    "opportunities",
    "privacy",
    "programme",
    "vetting",
    "vvf",
]
# A digit or number of another script, each of which Python's int(), Decimal() or
# strptime() reads as a number (or, for the last four, that looks like one).
NOT_0_TO_9 = ["५", "٣", "𝟓", "۵", "৫", "๕", "᠕", "²", "Ⅴ", "五"]
FULL_WIDTH_5 = "５"


def service_forms():
    """Every form class defined in the service's code."""
    for app in SERVICE_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if not {"migrations", "management", "wsgi", "asgi"} & set(module.name.split(".")):
                if not module.name.startswith("vvf.settings"):
                    importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in SERVICE_APPS:
            found.append(cls)
    return found


def admin_forms():
    """(name, form) for every form the admin draws for a model: add and change forms,
    inlines, and lists with fields to change."""
    request = RequestFactory().get("/admin/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    for model, model_admin in admin.site._registry.items():
        name = f"admin {model._meta.label}"
        yield name, model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            yield f"{name} inline {inline.model._meta.label}", inline.get_formset(request).form
        if model_admin.list_editable:
            yield f"{name} list", model_admin.get_changelist_formset(request).form


NUMERIC = (
    forms.IntegerField,
    forms.DateField,
    forms.TimeField,
    forms.DateTimeField,
    forms.SplitDateTimeField,
    vvf_forms.DateField,
)


def numeric_fields():
    """(where, field) for every field that reads a number, a date or a time."""
    named = [(f"{form.__module__}.{form.__qualname__}", form) for form in service_forms()]
    found = []
    for where, form in [*named, *admin_forms()]:
        for name, field in form.base_fields.items():
            if isinstance(field, NUMERIC):
                found.append((f"{where}.{name}", field))
    return found


# What is typed into each kind of field, with "5" where the digits are tried.
TYPED = [
    (vvf_forms.DateField, ["5", "3", "1995"]),
    (forms.SplitDateTimeField, ["2025-01-05", "18:05"]),
    (forms.DateTimeField, "2025-01-05 18:05"),
    (forms.DateField, "2025-01-05"),
    (forms.TimeField, "18:05"),
    (forms.IntegerField, "5"),  # DecimalField and FloatField are IntegerFields
]


def typed_for(field, digit="5"):
    typed = next(typed for kind, typed in TYPED if isinstance(field, kind))
    if isinstance(typed, list):
        return [part.replace("5", digit) for part in typed]
    return typed.replace("5", digit)


NUMERIC_FIELDS = numeric_fields()


def test_the_numeric_fields_are_found():
    found = {where for where, _field in NUMERIC_FIELDS}

    # Some of each kind: the application's, a meeting's, the admin's own pages' and the
    # admin's forms for models (a library's among them).
    assert {
        "applications.forms.eligibility.DateOfBirthForm.date_of_birth",
        "forums.forms.MeetingChangeForm.day",
        "forums.forms.MeetingChangeForm.starts",
        "forums.admin.meetings.ScheduleForm.count",
        "forums.admin.meetings.ScheduleForm.start_time",
        "applications.admin_forms.OnboardingForm.held_on",
        "admin programme.Forum.launch_date",
        "admin programme.Forum.position",
        "admin feedback.Theme list.position",
        "admin otp_totp.TOTPDevice.drift",
    } <= found


@pytest.mark.django_db
def test_the_application_forms_made_for_each_applicant_use_the_same_fields():
    # Fields added when a form is made (the wordings' versions on the agreement page).
    journey = Journey(Client().session)
    for step in STEPS:
        for name, field in journey.form(step).fields.items():
            if isinstance(field, NUMERIC):
                assert isinstance(field, vvf_forms.AsciiDigitsMixin), (step.slug, name)


@pytest.mark.parametrize(("where", "field"), NUMERIC_FIELDS, ids=[w for w, _f in NUMERIC_FIELDS])
def test_every_numeric_field_takes_the_digits_0_to_9_only(where, field):
    accepted = field.clean(typed_for(field))

    assert accepted not in (None, "")
    # Full-width digits are read as the plain ones.
    assert field.clean(typed_for(field, FULL_WIDTH_5)) == accepted
    for digit in NOT_0_TO_9:
        with pytest.raises(ValidationError) as refused:
            field.clean(typed_for(field, digit))
        assert [error.code for error in refused.value.error_list] == ["digits"], digit
        assert "digits 0 to 9" in refused.value.messages[0]


@pytest.mark.parametrize(
    "field", [vvf_forms.IntegerField(), vvf_forms.DecimalField(), vvf_forms.FloatField()]
)
@pytest.mark.parametrize("typed", ["1e3", "1E3", "1_000", "2.5e1"])
def test_numbers_are_written_as_people_write_them(field, typed):
    # Python reads all of these as numbers.
    with pytest.raises(ValidationError):
        field.clean(typed)

    assert field.clean("1000") == 1000


@pytest.mark.parametrize("text", ["५", "12.٥0", "𝟓.00", "١٢"])
def test_ascii_digits_refuses_other_scripts(text):
    with pytest.raises(ValidationError):
        vvf_forms.ascii_digits(text)


def test_ascii_digits_reads_full_width_digits_and_leaves_other_text():
    assert vvf_forms.ascii_digits("£１２.５０") == "£12.50"
    assert vvf_forms.ascii_digits("Zoë O'Brien-Nguyễn, 27") == "Zoë O'Brien-Nguyễn, 27"


# On the pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_date_of_birth_in_another_script_is_refused_and_kept_as_typed():
    response = Client().post(
        "/apply/date-of-birth/",
        {"date_of_birth_0": "२७", "date_of_birth_1": "3", "date_of_birth_2": "1990"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter your date of birth using the digits 0 to 9" in html
    assert 'value="२७"' in html and 'value="3"' in html and 'value="1990"' in html


@pytest.mark.django_db
def test_a_date_of_birth_in_full_width_digits_is_read():
    client = Client()

    response = client.post(
        "/apply/date-of-birth/",
        {"date_of_birth_0": "２７", "date_of_birth_1": "３", "date_of_birth_2": "１９９０"},
    )

    assert response.status_code == 302
    assert response.url == "/apply/london/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("phone", "stored"), [("०७७०० ९०० ९८२", None), ("０７７００ ９００ ９８２", "07700 900 982")]
)
def test_a_phone_number_takes_the_digits_0_to_9(phone, stored):
    client = Client()
    answers = valid_answers()
    complete(client, answers[:7])
    contact = {**dict(answers)["contact"], "phone": phone}

    response = client.post("/apply/contact/", contact)

    if stored is None:
        assert response.status_code == 200
        assert "Enter the phone number using the digits 0 to 9" in response.content.decode()
        assert "zoe@example.com" in response.content.decode()
    else:
        assert response.status_code == 302
        assert client.session["apply"]["answers"]["contact"]["phone"] == [phone]
        assert client.get("/apply/check-your-answers/").status_code in (200, 302)


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["५", "१२.५०", "٣", "𝟓"])
def test_the_claim_form_stores_nothing_for_an_amount_in_another_script(client, amount):
    member = make_member("vawg", started_days_ago=60)
    meeting = attended(member)
    sign_in_member(client, member)

    response = client.post(
        reverse("members:claim-new"),
        {"meeting": meeting.pk, "kind": "TRAVEL", "amount": amount, "description": "Bus fare"},
    )

    assert response.status_code == 400
    assert "Enter the amount using the digits 0 to 9, like 12.50" in response.text
    assert f'value="{amount}"' in response.text
    assert "Bus fare" in response.text
    assert 'value="TRAVEL" checked' in response.text
    assert ExpenseClaim.objects.count() == 0


@pytest.mark.django_db
def test_the_claim_form_reads_an_amount_in_full_width_digits(client):
    member = make_member("vawg", started_days_ago=60)
    meeting = attended(member)
    sign_in_member(client, member)

    response = client.post(
        reverse("members:claim-new"), {"meeting": meeting.pk, "kind": "TRAVEL", "amount": "８.４０"}
    )

    assert response.status_code == 302
    assert ExpenseClaim.objects.get().amount == Decimal("8.40")
    assert "£8.40" in client.get(response.url).text
