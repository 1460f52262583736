import pytest
from django.core import signing
from django.urls import reverse

from applications.models import ApplicationEvent
from applications.services import _STATUS_SALT as STATUS_SALT
from applications.services import status_token
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def status_url(application, name="applications:status"):
    return reverse(name, args=[status_token(application)])


def test_status_page_says_where_the_application_is(client):
    application = ApplicationFactory(status="PNC_CHECK")

    html = client.get(status_url(application)).content.decode()

    assert application.reference in html
    assert "It can take up to six weeks" in html


def test_applicant_updates_contact_details(client):
    application = ApplicationFactory()

    response = client.post(
        status_url(application, "applications:status-contact"),
        {
            "email": "new@example.com",
            "phone": "020 7946 0000",
            "contact_method": "PHONE",
            "safe_to_leave_messages": "YES",
            "contact_times": "Evenings only",
        },
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert (
        application.email,
        application.phone,
        application.contact_method,
        application.safe_to_leave_messages,
        application.contact_times,
    ) == ("new@example.com", "020 7946 0000", "PHONE", True, "Evenings only")


def test_phone_contact_needs_a_phone_number(client):
    application = ApplicationFactory(phone="07700 900 982", contact_method="TEXT")

    response = client.post(
        status_url(application, "applications:status-contact"),
        {
            "email": "a@example.com",
            "phone": "",
            "contact_method": "TEXT",
            "safe_to_leave_messages": "NO",
        },
    )

    application.refresh_from_db()
    assert "Enter a phone number, or choose to be contacted by email" in response.content.decode()
    assert application.phone == "07700 900 982"


def test_bad_contact_details_are_refused_and_kept(client):
    application = ApplicationFactory()

    response = client.post(
        status_url(application, "applications:status-contact"),
        {"email": "nope", "phone": "123"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="nope"' in html
    assert "Enter a UK phone number" in html


def test_applicant_withdraws_and_the_clock_starts(client):
    application = ApplicationFactory(status="IN_REVIEW")

    client.post(status_url(application, "applications:status-withdraw"), {"confirm": "YES"})

    application.refresh_from_db()
    assert application.status == "WITHDRAWN"
    assert application.closed_at is not None
    event = ApplicationEvent.objects.get()
    assert (event.by_applicant, event.to_status) == (True, "WITHDRAWN")


def test_no_keeps_the_application(client):
    application = ApplicationFactory(status="IN_REVIEW")

    client.post(status_url(application, "applications:status-withdraw"), {"confirm": "NO"})

    application.refresh_from_db()
    assert application.status == "IN_REVIEW"


def test_an_accepted_application_cannot_be_withdrawn_here(client):
    application = ApplicationFactory(status="ACCEPTED")

    response = client.post(
        status_url(application, "applications:status-withdraw"), {"confirm": "YES"}
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == "ACCEPTED"


def test_revoked_link_answers_404(client):
    application = ApplicationFactory()
    url = status_url(application)
    application.access_key = "replaced"
    application.save()

    assert client.get(url).status_code == 404


def test_link_for_one_application_cannot_reach_another(client):
    mine = ApplicationFactory()
    other = ApplicationFactory()
    # Even a correctly signed link needs the application's own key.
    tampered = signing.dumps({"a": other.pk, "k": mine.access_key}, salt=STATUS_SALT)

    assert client.get(reverse("applications:status", args=[tampered])).status_code == 404


def test_withdrawing_twice_is_not_an_error(client):
    application = ApplicationFactory(status="IN_REVIEW")
    url = status_url(application, "applications:status-withdraw")
    client.post(url, {"confirm": "YES"})
    application.status = "IN_REVIEW"  # the second request read it before the first wrote

    from applications.services import TransitionNotAllowed, application_withdraw

    with pytest.raises(TransitionNotAllowed):
        application_withdraw(application=application)
    assert client.post(url, {"confirm": "YES"}).status_code == 302


@pytest.mark.parametrize("page", ["", "contact-details/", "withdraw/"])
def test_a_link_to_no_application_is_explained_kindly_even_with_debug_on(client, settings, page):
    settings.DEBUG = True

    response = client.get(f"/apply/status/not-a-real-link/{page}")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">This link does not work</h1>' in html
    assert "Raised by" not in html  # Django's debug 404
