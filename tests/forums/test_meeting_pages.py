import pytest
from django.urls import reverse

from audit.models import AuditEntry
from forums.models import Attendance, Meeting
from forums.permissions import sync_forum_access
from forums.services import meetings
from tests.conftest import sign_in
from tests.forums.helpers import make_meeting, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(client, user_with_role):
    user = user_with_role("Facilitator")
    forum = make_meeting().forum
    forum.facilitators.add(user)
    sync_forum_access(forum)
    sign_in(client, user)
    return user


def url(name, meeting, *args):
    return reverse(name, args=[meeting.forum.slug, meeting.pk, *args])


def test_the_meeting_page_shows_answers_and_access_needs(client, facilitator):
    member = make_member(full_name="Ada Member")
    meeting = Meeting.objects.get()
    meetings.invitations_send(meeting=meeting)
    meetings.invitation_answer(
        invitation=member.invitations.get(), response="ATTENDING", access_needs="Step-free route"
    )

    page = client.get(url("forums:meeting", meeting))

    assert page.status_code == 200
    assert "Ada Member" in page.text and "Step-free route" in page.text
    assert AuditEntry.objects.filter(object_type="forums.meeting", action="VIEW").exists()


def test_attendance_is_taken_on_the_meeting_page(client, facilitator):
    here, away = make_member(), make_member()
    meeting = make_meeting(days_ahead=-1)
    assert client.post(url("forums:meeting-attendance", Meeting.objects.last())).status_code == 400

    client.post(url("forums:meeting-attendance", meeting), {"attended": [here.pk]})

    assert set(Attendance.objects.values_list("membership_id", "attended")) == {
        (here.pk, True),
        (away.pk, False),
    }
    bad = client.post(url("forums:meeting-attendance", meeting), {"attended": ["nonsense"]})
    assert bad.status_code == 400


@pytest.fixture
def partner(client, user_with_role):
    user = user_with_role("External partner")
    meeting = make_meeting("disabled-victims")
    meeting.forum.run_by.members.add(user)
    sync_forum_access(meeting.forum)
    sign_in(client, user)
    return meeting


def test_facilitators_do_not_change_or_send_meetings(client, facilitator):
    meeting = Meeting.objects.get()

    assert client.get(url("forums:meeting-change", meeting)).status_code == 404
    assert client.post(url("forums:meeting-invite", meeting)).status_code == 404
    assert (
        url("forums:meeting-change", meeting) not in client.get(url("forums:meeting", meeting)).text
    )


def test_changing_a_meeting_keeps_what_was_typed_when_wrong(client, partner):
    meeting = partner
    form = {
        "day_0": "31",
        "day_1": "2",
        "day_2": "2027",
        "starts": "18:00",
        "ends": "17:00",
        "mode": "IN_PERSON",
        "venue": "Southwark",
    }

    response = client.post(url("forums:meeting-change", meeting), form)

    assert response.status_code == 200
    assert "must be a real date" in response.text
    assert "The meeting must end after it starts" in response.text
    assert 'value="Southwark"' in response.text


def test_changing_and_cancelling_raise_the_calendar_sequence(client, partner):
    meeting = partner
    day = meeting.starts_at.date()
    form = {
        "day_0": day.day,
        "day_1": day.month,
        "day_2": day.year,
        "starts": "18:30",
        "ends": "20:30",
        "mode": "ONLINE",
        "venue": "",
        "joining_link": "https://meet.example/y",
    }

    assert client.post(url("forums:meeting-change", meeting), form).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.mode) == (1, "ONLINE")
    client.post(url("forums:meeting-change", meeting), form)  # nothing changed: no update
    meeting.refresh_from_db()
    assert meeting.sequence == 1

    client.post(url("forums:meeting-change", meeting), {**form, "cancel": "on"})
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.cancelled) == (2, True)


def test_another_forums_facilitator_gets_404(client, user_with_role):
    meeting = make_meeting("black-communities")
    user = user_with_role("Facilitator")
    make_meeting().forum.facilitators.add(user)
    sync_forum_access(meeting.forum)
    sign_in(client, user)

    for name in ("forums:meeting", "forums:meeting-change"):
        assert client.get(url(name, meeting)).status_code == 404
    assert client.post(url("forums:meeting-invite", meeting)).status_code == 404
    assert client.post(url("forums:note-finalise", meeting)).status_code == 404


def test_a_police_lead_gets_404(client, user_with_role):
    meeting = make_meeting()
    sign_in(client, user_with_role("Police lead"))

    assert client.get(url("forums:meeting", meeting)).status_code == 404
    assert client.post(url("forums:agenda-publish", meeting)).status_code == 404
