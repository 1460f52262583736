"""The Terms of Reference: members read the current version from their page; after a new
version is published each member is asked to agree on their next visit (recorded in the
consent register), and staff see who has not yet agreed."""

import pytest
from django.urls import reverse

from applications.models import Consent
from applications.services import consent_document_publish
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_member, sign_in_member

pytestmark = pytest.mark.django_db


def test_a_member_who_has_not_agreed_is_asked_first(client):
    member = make_member(agreed_terms=False)
    sign_in_member(client, member)

    for page in ["members:home", "members:claims", "opportunities:list"]:
        assert client.get(reverse(page)).url == reverse("members:terms")
    asked = client.get(reverse("members:terms"))
    assert "Tick the box" not in asked.content.decode()

    refused = client.post(reverse("members:terms"), {})
    assert refused.status_code == 400
    assert "Tick the box to say you agree to the Terms of Reference" in refused.content.decode()
    agreed = client.post(reverse("members:terms"), {"agree": "on", "version": "1"})
    assert agreed.url == reverse("members:home")

    (consent,) = Consent.objects.filter(application=member.application)
    assert (consent.document.kind, consent.document.version, consent.given) == (
        "TERMS_OF_REFERENCE",
        1,
        True,
    )
    assert client.get(reverse("members:home")).status_code == 200
    assert (
        "You have agreed to this version" in client.get(reverse("members:terms")).content.decode()
    )


def test_a_new_version_is_agreed_to_again_and_staff_see_who_has_not(client):
    member, other = make_member(), make_member()
    sign_in_member(client, member)
    assert client.get(reverse("members:home")).status_code == 200

    consent_document_publish(
        kind="TERMS_OF_REFERENCE", title="Terms of Reference", body="Version two.", by=None
    )

    assert client.get(reverse("members:home")).url == reverse("members:terms")
    assert "Version two." in client.get(reverse("members:terms")).content.decode()
    # Agreeing on a page that showed version 1 records nothing: they are shown version 2.
    stale = client.post(reverse("members:terms"), {"agree": "on", "version": "1"})
    assert stale.status_code == 400
    assert "changed while you were reading" in stale.content.decode()
    assert client.get(reverse("members:home")).url == reverse("members:terms")
    client.post(reverse("members:terms"), {"agree": "on", "version": "2"})
    staff = sign_in(client, UserFactory(role="VVF staff", is_staff=True))
    listed = staff.get(reverse("admin:forums_membership_changelist") + "?terms=not_agreed")
    assert list(listed.context["cl"].result_list) == [other]
    agreed = staff.get(reverse("admin:forums_membership_changelist") + "?terms=agreed")
    assert list(agreed.context["cl"].result_list) == [member]


def test_a_member_who_does_not_agree_can_still_see_their_information_and_leave(client):
    member = make_member(agreed_terms=False)
    sign_in_member(client, member)

    assert client.get(reverse("your-information:index")).status_code == 200
    assert client.post(reverse("your-information:leave")).status_code == 200
    member.refresh_from_db()
    assert member.left_on is not None
