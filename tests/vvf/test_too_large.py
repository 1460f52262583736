"""A form page sent with more than the service reads gets its own page: a 400 in plain
words, the session's answers kept, and a link back to the page. File names of any length
are taken."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from applications.services import status_token
from tests.applications.journey import complete, valid_answers
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, UserFactory
from tests.forums.helpers import make_meeting, make_member, sign_in_member

pytestmark = pytest.mark.django_db

TOO_LONG = "What you sent was too long for us to read"
KEPT = "Answers you gave on earlier pages have not been lost."


def named_file(name, content=b"%PDF-1.7\n%%EOF\n"):
    """A file the test client sends with exactly this name (SimpleUploadedFile would cut
    it to 255 characters before sending)."""
    upload = io.BytesIO(content)
    upload.name = name
    return upload


@pytest.fixture
def applicant():
    """Someone half way through the application: six pages answered."""
    client = Client()
    complete(client, valid_answers()[:6])
    return client


def answers(client):
    return client.session["apply"]["answers"]


def assert_too_long_page(response, back):
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<h1 class="govuk-heading-l">{TOO_LONG}</h1>' in html
    assert KEPT in html
    assert f'<a href="{back}" role="button"' in html
    assert "Page not found" not in html


TOO_LARGE_INPUTS = {
    "a 3,000,000-character answer": {"full_name": "x" * 3_000_000, "preferred_name": ""},
    "1,200 fields": {f"field_{n}": "x" for n in range(1200)},
    "a file name of 20,000 characters": {"full_name": "Zoë", "file": named_file("x" * 20_000)},
}


@pytest.mark.parametrize("data", TOO_LARGE_INPUTS.values(), ids=TOO_LARGE_INPUTS.keys())
def test_journey_page_too_large_to_read_explains_and_keeps_the_answers(applicant, data):
    before = answers(applicant)

    response = applicant.post("/apply/name/", data)

    assert_too_long_page(response, "/apply/name/")
    assert answers(applicant) == before
    assert list(before) == [
        "date-of-birth",
        "london",
        "victim",
        "pnc-check",
        "confidentiality",
        "forums",
    ]
    # The link back leads to the page, which carries on from the answers kept.
    assert applicant.get("/apply/name/").status_code == 200
    assert applicant.get("/apply/").url == "/apply/name/"


def test_journey_page_too_large_is_explained_before_the_csrf_check_too(applicant):
    # A browser's request is read first by the CSRF check (the test client skips it).
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = applicant.cookies
    strict.get("/apply/name/")  # the CSRF cookie, as a browser has it
    before = answers(applicant)

    response = strict.post("/apply/name/", {"full_name": "x" * 3_000_000})

    assert_too_long_page(response, "/apply/name/")
    assert answers(applicant) == before


def test_journey_page_too_large_leads_back_to_the_same_address(applicant):
    response = applicant.post("/apply/forums/?change=1", {"full_name": "x" * 3_000_000})

    assert_too_long_page(response, "/apply/forums/?change=1")


def test_journey_page_takes_a_file_name_of_1000_characters(applicant):
    # A 1,000-character file name is read like any other (no page takes a file here:
    # it is ignored), and the page's answers are taken.
    response = applicant.post(
        "/apply/name/",
        {"full_name": "Zoë O'Brien", "preferred_name": "", "file": named_file("é" * 996 + ".pdf")},
    )

    assert response.status_code == 302
    assert response.url == "/apply/contact/"
    assert answers(applicant)["name"]["full_name"] == ["Zoë O'Brien"]


def test_other_bad_requests_keep_the_400_page(applicant):
    # A form sent with files whose parts are broken is not "too long".
    response = applicant.post(
        "/apply/name/", b"--x\r\nnonsense", content_type="multipart/form-data"
    )

    assert response.status_code == 400
    assert TOO_LONG not in response.content.decode()


def form_pages():
    """(client, address) for a form page of each part of the service."""
    application = ApplicationFactory(status="IN_REVIEW")
    token = status_token(application)
    member = sign_in_member(Client(), make_member("vawg"))
    staff = sign_in(Client(), UserFactory(role="VVF staff", is_staff=True))
    return [
        (Client(), reverse("applications:question")),
        (Client(), reverse("applications:status-contact", args=[token])),
        (Client(), reverse("applications:status-withdraw", args=[token])),
        (Client(), reverse("members:sign-in-request")),
        (member, reverse("members:claim-new")),
        (staff, reverse("forums:meeting-change", args=["vawg", make_meeting("vawg").pk])),
        (staff, reverse("admin:forums_meeting_schedule")),
        (staff, reverse("admin:feedback_theme_add")),
    ]


# The import in the admin answers a request larger than it takes with its own message
# (forums/admin/memberships.py), before reading it.
def test_every_kind_of_form_page_explains_a_request_too_large(db):
    for client, address in form_pages():
        response = client.post(address, {"text": "x" * 3_000_000})

        assert_too_long_page(response, address)
        # Whoever was signed in still is.
        assert client.get(address).status_code == 200, address
