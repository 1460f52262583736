"""Support after a meeting: a member who came asks for someone to contact them; only VVF
staff and the forum's facilitators see it, on the home and the meeting page; whoever
responds closes it, with no note of what was said."""

import itertools

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import PendingTask
from forums.models import SUPPORT_REQUEST_MOVES, SupportRequest, SupportRequestEvent
from forums.permissions import sync_forum_access
from forums.services import meetings, support
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_meeting, make_member, sign_in_member

pytestmark = pytest.mark.django_db


def held(member, present=True):
    meeting = make_meeting(member.forum.slug, days_ahead=-1)
    meetings.attendance_record(meeting=meeting, attended_ids={member.pk} if present else set())
    return meeting


def test_a_member_who_came_asks_and_sees_where_help_is_at_once(client):
    member = make_member()
    meeting = held(member)
    sign_in_member(client, member)
    page = client.get(reverse("members:meeting", args=[meeting.pk]))
    assert "Ask for someone to contact me" in page.content.decode()

    asked = client.post(
        reverse("members:meeting-support", args=[meeting.pk]),
        {"support-contact_by": "PHONE", "support-words": "It brought things back"},
    )

    assert asked.status_code == 200
    assert "08 08 16 89 111" in asked.content.decode()
    (request,) = SupportRequest.objects.all()
    assert (request.membership, request.contact_by, request.words) == (
        member,
        "PHONE",
        "It brought things back",
    )
    assert PendingTask.objects.filter(task="forums.tasks.send_support_requested").count() == 1
    again = client.get(reverse("members:meeting", args=[meeting.pk])).content.decode()
    assert "We will be in touch by phone call soon" in again


def test_no_offer_before_the_meeting_or_to_a_member_recorded_absent(client):
    member = make_member()
    sign_in_member(client, member)
    coming = make_meeting(days_ahead=7)
    missed = held(member, present=False)

    for meeting in (coming, missed):
        assert not support.support_offered(meeting, member)
        refused = client.post(
            reverse("members:meeting-support", args=[meeting.pk]), {"support-contact_by": "EMAIL"}
        )
        assert refused.status_code == 400
    assert not SupportRequest.objects.exists()


def test_a_missing_answer_keeps_the_words(client):
    member = make_member()
    meeting = held(member)
    sign_in_member(client, member)

    page = client.post(
        reverse("members:meeting-support", args=[meeting.pk]), {"support-words": "Please call"}
    )

    assert page.status_code == 400
    html = page.content.decode()
    assert "Select how you would like us to contact you" in html and "Please call" in html


def test_only_staff_and_the_forums_facilitator_see_and_close_it():
    member = make_member("vawg")
    meeting = held(member)
    asked = support.support_request_make(
        meeting=meeting, membership=member, contact_by="EMAIL", words="Shaken"
    )
    facilitator = UserFactory(role="Facilitator")
    meeting.forum.facilitators.add(facilitator)
    other_facilitator = UserFactory(role="Facilitator")
    partner = UserFactory(role="External partner")
    meeting.forum.run_by.members.add(partner)
    make_meeting("disabled-victims").forum.facilitators.add(other_facilitator)
    for forum in {meeting.forum}:
        sync_forum_access(forum)
    page_url = reverse("forums:meeting", args=["vawg", meeting.pk])
    close_url = reverse("forums:support-close", args=["vawg", meeting.pk, asked.pk])

    for user in (facilitator, UserFactory(role="VVF staff", is_staff=True)):
        assert "Shaken" in sign_in(Client(), user).get(page_url).content.decode()
    for user in (partner, other_facilitator, UserFactory(role="Police lead")):
        client = sign_in(Client(), user)
        response = client.get(page_url)
        assert response.status_code == 404 or "Shaken" not in response.content.decode()
        assert client.post(close_url).status_code == 404
    assert SupportRequest.objects.get().status == "OPEN"

    listed = sign_in(Client(), facilitator).get(reverse("forums:my-forums"))
    assert list(listed.context["support_waiting"]) == [meeting]
    for user in (partner, other_facilitator):
        forums_page = sign_in(Client(), user).get(reverse("forums:my-forums"))
        assert not forums_page.context["support_waiting"]
    closer = sign_in(Client(), facilitator)
    assert closer.post(close_url).status_code == 302
    closed = SupportRequest.objects.get()
    assert closed.status == "CLOSED" and closed.closed_at
    assert "Shaken" not in closer.get(page_url).content.decode()


@pytest.mark.parametrize(
    ("from_status", "to_status"), list(itertools.product(SupportRequest.Status, repeat=2))
)
def test_each_move_is_allowed_or_refused_as_the_table_says(from_status, to_status):
    member = make_member()
    asked = support.support_request_make(
        meeting=held(member), membership=member, contact_by="EMAIL"
    )
    SupportRequest.objects.filter(pk=asked.pk).update(status=from_status)

    if to_status in SUPPORT_REQUEST_MOVES[from_status]:
        support.support_request_transition(request=asked, to_status=to_status)
        assert SupportRequestEvent.objects.get().to_status == to_status
    else:
        with pytest.raises(support.SupportError):
            support.support_request_transition(request=asked, to_status=to_status)
        assert not SupportRequestEvent.objects.exists()


def test_the_programme_home_counts_meetings_with_support_waiting():
    member = make_member()
    support.support_request_make(meeting=held(member), membership=member, contact_by="EMAIL")
    staff = sign_in(Client(), UserFactory(role="VVF staff", is_staff=True))

    home = staff.get(reverse("admin:index")).content.decode()

    assert "Meetings after which a member asked for support" in home
    listed = staff.get(reverse("admin:forums_meeting_changelist") + "?todo=support")
    assert listed.context["cl"].result_count == 1


def test_asking_twice_keeps_one_request_and_closing_keeps_no_words():
    member = make_member()
    meeting = held(member)
    first = support.support_request_make(
        meeting=meeting, membership=member, contact_by="EMAIL", words="Please"
    )
    again = support.support_request_make(
        meeting=meeting, membership=member, contact_by="PHONE", words="Please call"
    )

    assert first.pk == again.pk
    assert SupportRequest.objects.get().contact_by == "PHONE"
    closed = support.support_request_close(request=again, by=None)
    assert closed.words == "" and SupportRequest.objects.get().words == ""


def test_not_offered_before_joining_after_saying_no_or_long_after():
    import datetime

    from django.utils import timezone

    from forums.models import Invitation

    newcomer = make_member(started_days_ago=0)
    before_they_joined = make_meeting(days_ahead=-3)
    assert not support.support_offered(before_they_joined, newcomer)

    member = make_member(started_days_ago=90)
    long_ago = make_meeting(days_ahead=-(support.SUPPORT_OFFERED_DAYS + 1))
    assert not support.support_offered(long_ago, member)

    declined = make_meeting(days_ahead=7)
    meetings.invitations_send(meeting=declined)
    invitation = Invitation.objects.get(meeting=declined, membership=member)
    meetings.invitation_answer(invitation=invitation, response="NOT_ATTENDING", access_needs="")
    declined.starts_at = timezone.now() - datetime.timedelta(hours=3)
    declined.save(update_fields=["starts_at"])
    assert not support.support_offered(declined, member)
    assert support.support_offered(held(member), member)
