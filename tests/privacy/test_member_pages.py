"""A member's own information: what is held about them, when it is deleted and why,
their contact details, asking for a correction (sent through a real worker, never
stored), and leaving the forum."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.models import Membership
from forums.services.member_links import member_link_send
from tests.conftest import sent_emails
from tests.forums.helpers import make_member, sign_in_member
from vvf.dates import months_after


@pytest.fixture
def member(db, client):
    membership = make_member("vawg", full_name="Rosa Member", email="rosa@example.com")
    sign_in_member(client, membership)
    return membership


def test_the_page_shows_what_is_held_and_when_it_goes(client, member):
    page = client.get(reverse("your-information:index")).content.decode()

    assert "rosa@example.com" in page and "Rosa Member" in page
    months = settings.RETENTION["MEMBER_MONTHS"]
    assert f"Your information is deleted {months} months after your time on the forum ends" in page

    ended = timezone.localdate() + datetime.timedelta(days=30)
    Membership.objects.filter(pk=member.pk).update(ended_on=ended)
    later = client.get(reverse("your-information:index")).content.decode()
    assert f"{months_after(ended, months):%-d %B %Y}" in later


def test_contact_details_are_changed_and_bad_input_is_kept(client, member):
    url = reverse("your-information:contact-details")
    answers = {
        "email": "rosa.new@example.com",
        "phone": "",
        "contact_method": "EMAIL",
        "safe_to_leave_messages": "NO",
        "contact_times": "Evenings",
    }
    assert client.post(url, answers).status_code == 302
    member.application.refresh_from_db()
    assert member.application.email == "rosa.new@example.com"

    refused = client.post(url, {**answers, "email": "not an address"})
    assert refused.status_code == 400
    assert "not an address" in refused.content.decode()


def test_leaving_ends_the_tenure_today_and_signs_the_member_out(client, member):
    assert (
        "Are you sure you want to leave"
        in client.get(reverse("your-information:leave")).content.decode()
    )

    left = client.post(reverse("your-information:leave"))

    assert left.status_code == 200
    assert "You have left the forum" in left.content.decode()
    member.refresh_from_db()
    assert member.left_on == member.ended_on == timezone.localdate()
    assert client.get(reverse("members:home")).url == reverse("members:sign-in-request")
    # Nor can they sign in again that day: they are no longer a member.
    assert member_link_send(email="rosa@example.com") is None


def count_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        return cursor.fetchone()[0]


def test_a_correction_reaches_the_inbox_and_is_not_stored(celery_worker):
    member = make_member("vawg", email="rosa@example.com")
    client = sign_in_member(Client(), member)
    tables = connection.introspection.table_names()
    before = {table: count_rows(table) for table in tables}

    sent = client.post(
        reverse("your-information:correction"), {"what": "My name is spelt Rosa, not Rossa"}
    )

    assert sent.url == reverse("your-information:correction-sent")
    (message,) = sent_emails(celery_worker, 1)
    assert message["To"] == "victimvoice@mopac.london.gov.uk"
    assert message["Reply-To"] == "rosa@example.com"
    assert member.application.reference in message["Subject"]
    changed = {t: count_rows(t) for t in tables if count_rows(t) != before[t]}
    assert set(changed) <= {"django_session"}


def test_staff_notes_are_not_on_the_members_own_page(client, member):
    from privacy import holds

    holds.hold_place(
        application=member.application, reason="Complaint about officer Smith", by=None
    )

    page = client.get(reverse("your-information:index")).content.decode()

    assert "Complaint about officer Smith" not in page
    assert "unless we need to keep it a little longer" not in page  # no end day yet
