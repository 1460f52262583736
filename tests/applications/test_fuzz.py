"""Arbitrary text in every text field: never a 500, nothing typed is lost on an error."""

import pytest
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.applications.journey import complete, valid_answers
from tests.factories import ApplicationFactory

TEXT_FIELDS = [
    ("date-of-birth", "date_of_birth_0"),
    ("date-of-birth", "date_of_birth_1"),
    ("date-of-birth", "date_of_birth_2"),
    ("name", "full_name"),
    ("name", "preferred_name"),
    ("contact", "email"),
    ("contact", "phone"),
    ("contact", "contact_times"),
    ("address", "postcode"),
    ("support", "access_needs_other"),
    ("why", "why_join"),
]
SLUGS = [
    "date-of-birth",
    "london",
    "victim",
    "pnc-check",
    "confidentiality",
    "forums",
    "name",
    "contact",
    "address",
    "support",
    "why",
    "agreement",
    "equality",
]
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_kept(response, text):
    assert response.status_code in (200, 302)
    if response.status_code == 200 and text.strip() and "\x00" not in text:
        html = response.content.decode()
        # What was typed comes back, escaped (textareas and inputs alike).
        assert escape(text.strip())[:50] in html or escape(text)[:50] in html


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "field"), TEXT_FIELDS)
def test_journey_text_fields_take_any_text(slug, field):
    client = Client()
    answers = valid_answers()
    complete(client, answers[: SLUGS.index(slug)])
    base = dict(answers)[slug]

    @FUZZ
    @given(text=st.text(max_size=2000))
    def post(text):
        response = client.post(f"/apply/{slug}/", {**base, field: text})
        assert_kept(response, text)

    post()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["email", "question"])
def test_question_form_takes_any_text(settings, field):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "question": (10_000, 3600)}
    client = Client()

    @FUZZ
    @given(text=st.text(max_size=3000))
    def post(text):
        data = {"email": "a@example.com", "question": "A question", field: text}
        # Invalid forms re-render; valid ones redirect without a worker consuming them.
        response = client.post("/ask-a-question/", data)
        assert_kept(response, text)

    post()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["email", "phone"])
def test_status_contact_form_takes_any_text(field):
    from applications.services import status_token

    application = ApplicationFactory()
    client = Client()
    url = f"/apply/status/{status_token(application)}/contact-details/"

    @FUZZ
    @given(text=st.text(max_size=500))
    def post(text):
        response = client.post(url, {"email": "a@example.com", "phone": "", field: text})
        assert_kept(response, text)

    post()
