import datetime

import pytest

from applications.services import application_transition
from forums.models import Membership, over_capacity
from forums.services import memberships
from programme.models import Forum
from tests.factories import ApplicationFactory
from vvf.dates import years_after

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    forum = Forum.objects.get(slug="vawg")
    forum.launch_date = datetime.date(2025, 3, 1)
    forum.save()
    return forum


def accepted(forums):
    return ApplicationFactory(status="ACCEPTED", forums=forums)


def test_a_forum_runs_for_two_years():
    assert years_after(datetime.date(2025, 3, 1), 2) == datetime.date(2027, 3, 1)
    assert years_after(datetime.date(2024, 2, 29), 2) == datetime.date(2026, 2, 28)


def test_an_accepted_application_makes_a_member_until_the_forums_end(forum):
    membership, crowded = memberships.membership_create(
        application=accepted([forum]), forum=forum, started_on=datetime.date(2026, 1, 5)
    )

    assert (membership.started_on, membership.ended_on) == (
        datetime.date(2026, 1, 5),
        datetime.date(2027, 3, 1),
    )
    assert crowded is False


def test_only_accepted_applications_and_chosen_forums(forum):
    other = Forum.objects.get(slug="disabled-victims")

    with pytest.raises(memberships.MembershipError):
        memberships.membership_create(
            application=ApplicationFactory(status="PANEL", forums=[forum]),
            forum=forum,
            started_on=datetime.date(2026, 1, 5),
        )
    with pytest.raises(memberships.MembershipError):
        memberships.membership_create(
            application=accepted([forum]), forum=other, started_on=datetime.date(2026, 1, 5)
        )


def test_leaving_early_ends_the_tenure_that_day(forum):
    membership, _ = memberships.membership_create(
        application=accepted([forum]), forum=forum, started_on=datetime.date(2026, 1, 5)
    )

    memberships.membership_leave(membership=membership, left_on=datetime.date(2026, 6, 30))

    membership.refresh_from_db()
    assert (membership.left_on, membership.ended_on) == (
        datetime.date(2026, 6, 30),
        datetime.date(2026, 6, 30),
    )
    with pytest.raises(memberships.MembershipError):
        memberships.membership_leave(membership=membership, left_on=datetime.date(2026, 7, 1))


def test_more_than_twelve_members_is_allowed_with_a_warning(forum):
    crowded = [
        memberships.membership_create(
            application=accepted([forum]), forum=forum, started_on=datetime.date(2026, 1, 5)
        )[1]
        for _ in range(13)
    ]

    assert crowded == [False] * 12 + [True]
    assert over_capacity(forum)


def test_acceptance_with_one_forum_makes_the_membership(forum):
    application = ApplicationFactory(status="PNC_CHECK", forums=[forum])

    application_transition(application=application, to_status="ACCEPTED", by_vetting=True)

    assert Membership.objects.get().application == application


def test_acceptance_with_several_forums_waits_for_staff_to_choose(forum):
    other = Forum.objects.get(slug="black-communities")
    application = ApplicationFactory(status="PNC_CHECK", forums=[forum, other])

    application_transition(application=application, to_status="ACCEPTED", by_vetting=True)

    assert Membership.objects.count() == 0


def test_staff_choose_the_forum_when_several_were_chosen(client, user_with_role, forum):
    from django.urls import reverse

    from tests.conftest import sign_in

    other = Forum.objects.get(slug="black-communities")
    application = accepted([forum, other])
    sign_in(client, user_with_role("VVF staff", is_staff=True))
    url = reverse("admin:forums_membership_make", args=[application.pk])

    page = client.get(reverse("admin:applications_application_change", args=[application.pk]))
    assert url in page.text
    refused = client.post(
        url, {"forum": Forum.objects.get(slug="disabled-victims").pk, "started_on": "2026-02-01"}
    )
    assert refused.status_code == 200 and not Membership.objects.exists()

    client.post(url, {"forum": other.pk, "started_on": "2026-02-01"})
    membership = Membership.objects.get()
    assert (membership.forum, membership.started_on) == (other, datetime.date(2026, 2, 1))
    assert client.get(url).status_code == 404  # a member already
