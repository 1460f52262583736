import datetime

import pytest
from django.test import Client
from django.urls import reverse

from forums.permissions import sync_forum_access
from forums.services.memberships import membership_create
from programme.models import Forum, Organisation
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def disabled():
    forum = Forum.objects.get(slug="disabled-victims")
    member = ApplicationFactory(
        status="ACCEPTED", forums=[forum], full_name="Dara Member", access_needs=["BSL"]
    )
    import datetime

    membership_create(application=member, forum=forum, started_on=datetime.date(2026, 1, 1))
    ApplicationFactory(status="PANEL", forums=[forum], full_name="Pending Person")
    return forum


def partner_of(organisation):
    user = UserFactory(role="External partner")
    organisation.members.add(user)
    for forum in organisation.forums.all():
        sync_forum_access(forum)
    return sign_in(Client(), user)


def facilitator_of(forum):
    user = UserFactory(role="Facilitator")
    forum.facilitators.add(user)
    sync_forum_access(forum)
    return sign_in(Client(), user)


def test_partner_sees_members_and_applications_of_the_forums_it_runs(disabled):
    client = partner_of(disabled.run_by)

    page = client.get(reverse("forums:forum", args=["disabled-victims"])).content.decode()

    assert "Dara Member" in page
    assert "British Sign Language" in page
    assert "Pending Person" in page
    # A panel would reveal a disclosure: partners see "PNC check".
    assert "Suitability panel" not in page
    assert "PNC check" in page


def test_partner_gets_404_for_a_forum_it_does_not_run(disabled):
    client = partner_of(disabled.run_by)

    assert client.get(reverse("forums:forum", args=["vawg"])).status_code == 404
    assert [f.slug for f in client.get(reverse("forums:my-forums")).context["forums"]] == [
        "disabled-victims",
        "lgbtq-victims",
    ]


def test_facilitator_sees_their_forums_members_not_its_applications(disabled):
    client = facilitator_of(disabled)

    page = client.get(reverse("forums:forum", args=["disabled-victims"])).content.decode()

    assert "Dara Member" in page
    assert "Pending Person" not in page


def test_facilitator_of_another_forum_gets_404(disabled):
    client = facilitator_of(Forum.objects.get(slug="vawg"))

    assert client.get(reverse("forums:forum", args=["disabled-victims"])).status_code == 404


@pytest.mark.parametrize("role", ["Police lead", "Panel member"])
def test_other_roles_get_404(disabled, role):
    client = sign_in(Client(), UserFactory(role=role))

    assert client.get(reverse("forums:my-forums")).status_code == 404
    assert client.get(reverse("forums:forum", args=["disabled-victims"])).status_code == 404


def test_leaving_the_organisation_ends_access(disabled):
    user = UserFactory(role="External partner")
    organisation = disabled.run_by
    organisation.members.add(user)
    sync_forum_access(disabled)
    organisation.members.remove(user)
    sync_forum_access(disabled)

    client = sign_in(Client(), user)

    assert client.get(reverse("forums:forum", args=["disabled-victims"])).status_code == 404


def test_the_partner_organisation_runs_the_disabled_and_lgbtq_forums():
    partner = Organisation.objects.get(kind="EXTERNAL_PARTNER")

    assert sorted(partner.forums.values_list("slug", flat=True)) == [
        "disabled-victims",
        "lgbtq-victims",
    ]


def test_partner_sees_an_applicant_accepted_only_in_the_forum_she_joined(disabled):
    lgbtq = Forum.objects.get(slug="lgbtq-victims")
    both = [disabled, lgbtq]
    joined = ApplicationFactory(status="ACCEPTED", forums=both, full_name="Joined Elsewhere")
    membership_create(application=joined, forum=lgbtq, started_on=datetime.date(2026, 1, 1))
    ApplicationFactory(status="ACCEPTED", forums=both, full_name="Still To Place")
    client = partner_of(disabled.run_by)

    def stages(slug):
        rows = client.get(reverse("forums:forum", args=[slug])).context["applications"]
        return {application.full_name: stage for application, stage in rows}

    assert stages("disabled-victims") == {
        "Dara Member": "Accepted",
        "Pending Person": "PNC check",
        "Joined Elsewhere": "Not joining this forum",
        "Still To Place": "Accepted, forum to be chosen",
    }
    assert stages("lgbtq-victims") == {
        "Joined Elsewhere": "Accepted",
        "Still To Place": "Accepted, forum to be chosen",
    }
