import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from forums import tasks
from forums.models import Invitation
from forums.services import meetings, memberships
from tests.forums.helpers import make_meeting, make_member, sign_in_member

pytestmark = pytest.mark.django_db


def calendar_of(message):
    (name, content, mimetype) = message.attachments[0]
    assert name == "meeting.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_invitations_carry_a_calendar_event_linking_to_the_meeting_page(
    django_capture_on_commit_callbacks,
):
    member = make_member(email="ada@example.com")
    make_member("black-communities")  # another forum's member is not invited
    meeting = make_meeting(mode="HYBRID", venue="City Hall", joining_link="https://meet.example/x")

    with django_capture_on_commit_callbacks(execute=False):
        assert meetings.invitations_send(meeting=meeting) == 1
    tasks.send_invitations(meeting.pk)

    (message,) = mail.outbox
    assert message.to == ["ada@example.com"]
    assert "forum" not in message.subject.lower().replace("victim voice forum", "")
    calendar, event = calendar_of(message)
    assert str(calendar["method"]) == "REQUEST"
    assert event.decoded("dtstart") == timezone.localtime(meeting.starts_at)
    assert event.decoded("dtstart").tzinfo is not None
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(hours=2)
    url = "http://testserver" + reverse("members:meeting", args=[meeting.pk])
    assert str(event["url"]) == url
    assert str(event["location"]) == "City Hall"
    assert "meet.example" not in str(message.attachments[0][1])  # the link stays private
    assert int(event["sequence"]) == 0
    assert Invitation.objects.get().sent_sequence == 0
    # Sending again invites nobody twice.
    mail.outbox.clear()
    meetings.invitations_send(meeting=meeting)
    tasks.send_invitations(meeting.pk)
    assert mail.outbox == [] and member.invitations.count() == 1


def test_a_change_and_a_cancellation_are_sent_as_calendar_updates():
    make_member()
    meeting = make_meeting()
    meetings.invitations_send(meeting=meeting)
    tasks.send_invitations(meeting.pk)
    uid = str(calendar_of(mail.outbox[0])[1]["uid"])
    mail.outbox.clear()

    later = meeting.starts_at + datetime.timedelta(hours=1)
    meetings.meeting_change(
        meeting=meeting, starts_at=later, ends_at=later + datetime.timedelta(hours=2)
    )
    tasks.send_invitations(meeting.pk)
    (changed,) = mail.outbox
    assert changed.subject.startswith("Changed")
    calendar, event = calendar_of(changed)
    assert (str(event["uid"]), int(event["sequence"])) == (uid, 1)
    assert event.decoded("dtstart") == timezone.localtime(later)
    mail.outbox.clear()

    meetings.meeting_cancel(meeting=meeting)
    tasks.send_invitations(meeting.pk)
    (cancelled,) = mail.outbox
    calendar, event = calendar_of(cancelled)
    assert str(calendar["method"]) == "CANCEL"
    assert (str(event["uid"]), int(event["sequence"]), str(event["status"])) == (
        uid,
        2,
        "CANCELLED",
    )


def test_a_member_answers_and_states_access_needs(client):
    member = make_member()
    meeting = make_meeting()
    meetings.invitations_send(meeting=meeting)
    sign_in_member(client, member)
    url = reverse("members:meeting-answer", args=[meeting.pk])

    missing = client.post(url, {"answer-access_needs": "A quiet room"})
    assert missing.status_code == 400
    assert "Select whether you can come to this meeting" in missing.text
    assert "A quiet room" in missing.text

    client.post(url, {"answer-response": "ATTENDING", "answer-access_needs": "A quiet room"})
    invitation = Invitation.objects.get()
    assert (invitation.response, invitation.access_needs) == ("ATTENDING", "A quiet room")


def test_a_member_not_invited_cannot_answer(client):
    sign_in_member(client, make_member())
    meeting = make_meeting()

    response = client.post(
        reverse("members:meeting-answer", args=[meeting.pk]), {"answer-response": "ATTENDING"}
    )

    assert response.status_code == 404


def test_reminders_go_two_days_before_to_those_not_declined_once():
    coming, declined = make_member(), make_member()
    soon = make_meeting(days_ahead=2)
    later = make_meeting(days_ahead=3)
    for meeting in (soon, later):
        meetings.invitations_send(meeting=meeting)
        tasks.send_invitations(meeting.pk)
    meetings.invitation_answer(
        invitation=declined.invitations.get(meeting=soon), response="NOT_ATTENDING"
    )
    mail.outbox.clear()

    assert tasks.send_meeting_reminders() == 1
    assert tasks.send_meeting_reminders() == 0
    (reminder,) = mail.outbox
    assert reminder.to == [coming.application.email]
    assert reminder.subject.startswith("Reminder")


def test_reminders_catch_up_a_missed_day():
    make_member()
    meeting = make_meeting(days_ahead=1)
    meetings.invitations_send(meeting=meeting)
    tasks.send_invitations(meeting.pk)

    assert tasks.send_meeting_reminders() == 1


def test_the_reminder_is_in_the_beat_schedule():
    from vvf.celery import app

    tasks_scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "forums.tasks.send_meeting_reminders" in tasks_scheduled


def test_the_calendar_file_keeps_london_time_in_summer_and_winter():
    from zoneinfo import ZoneInfo

    from forums.calendar import meeting_calendar
    from programme.models import Forum

    london = ZoneInfo("Europe/London")
    winter, summer = meetings.meetings_schedule(
        forum=Forum.objects.get(slug="vawg"),
        first_day=datetime.date(2027, 2, 19),
        start_time=datetime.time(18, 0),
        count=2,
        every=datetime.timedelta(weeks=20),
    )

    for meeting, utc_hour in ((winter, 18), (summer, 17)):
        calendar = Calendar.from_ical(meeting_calendar(meeting, "m@example.com"))
        (event,) = calendar.walk("VEVENT")
        start = event.decoded("dtstart")
        assert (start.astimezone(london).hour, start.astimezone(datetime.UTC).hour) == (
            18,
            utc_hour,
        )
        assert calendar.walk("VTIMEZONE")  # calendar programs get the zone's rules


def test_no_reminder_for_someone_who_has_left():
    member = make_member(started_days_ago=10)
    meeting = make_meeting(days_ahead=2)
    meetings.invitations_send(meeting=meeting)
    tasks.send_invitations(meeting.pk)
    memberships.membership_leave(
        membership=member, left_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert tasks.send_meeting_reminders() == 0


def test_a_moved_meeting_is_reminded_again():
    make_member()
    meeting = make_meeting(days_ahead=2)
    meetings.invitations_send(meeting=meeting)
    tasks.send_invitations(meeting.pk)
    assert tasks.send_meeting_reminders() == 1

    later = meeting.starts_at + datetime.timedelta(hours=-1)
    meetings.meeting_change(
        meeting=meeting, starts_at=later, ends_at=later + datetime.timedelta(hours=2)
    )

    assert tasks.send_meeting_reminders() == 1


def test_the_recording_safety_net_runs_in_the_retention_run():
    from privacy import retention

    assert "recordings on final notes" in retention.enforce()
