import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from forums.models import Meeting
from forums.services.meetings import meetings_schedule
from programme.models import Forum
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_a_six_weekly_series_keeps_the_same_london_time_across_clock_changes():
    forum = Forum.objects.get(slug="vawg")

    # 5 February 2027 (GMT), then every six weeks: past 28 March (BST starts)
    # and 31 October (GMT again).
    meetings = meetings_schedule(
        forum=forum,
        first_day=datetime.date(2027, 2, 5),
        start_time=datetime.time(18, 0),
        count=8,
    )

    local = [m.starts_at.astimezone(LONDON) for m in Meeting.objects.order_by("starts_at")]
    assert len(meetings) == 8
    assert {(t.hour, t.minute) for t in local} == {(18, 0)}
    assert [t.date() for t in local][:3] == [
        datetime.date(2027, 2, 5),
        datetime.date(2027, 3, 19),
        datetime.date(2027, 4, 30),
    ]
    utc_hours = [m.starts_at.astimezone(datetime.UTC).hour for m in Meeting.objects.all()]
    assert 18 in utc_hours and 17 in utc_hours  # GMT and BST both crossed
    assert all(m.ends_at - m.starts_at == datetime.timedelta(hours=2) for m in meetings)


def test_staff_schedule_a_series_in_the_admin(client, user_with_role):
    sign_in(client, user_with_role("VVF staff", is_staff=True))
    forum = Forum.objects.get(slug="lgbtq-victims")

    response = client.post(
        reverse("admin:forums_meeting_schedule"),
        {
            "forum": forum.pk,
            "first_day": "2027-01-14",
            "start_time": "18:30",
            "count": "3",
            "mode": "HYBRID",
            "venue": "Central London",
            "joining_link": "https://meet.example/x",
        },
    )

    assert response.status_code == 302
    assert Meeting.objects.filter(forum=forum, mode="HYBRID").count() == 3


def test_staff_open_a_meeting_in_the_admin(client, user_with_role):
    sign_in(client, user_with_role("VVF staff", is_staff=True))
    (meeting,) = meetings_schedule(
        forum=Forum.objects.get(slug="vawg"),
        first_day=datetime.date(2027, 1, 14),
        start_time=datetime.time(18, 0),
        mode=Meeting.Mode.ONLINE,
        joining_link="https://meet.example/abc",
    )

    response = client.get(reverse("admin:forums_meeting_change", args=[meeting.pk]))

    assert response.status_code == 200


def test_attendance_is_taken_per_meeting_for_the_forums_members(client, user_with_role):
    from forums.models import Attendance
    from forums.services.memberships import membership_create
    from tests.factories import ApplicationFactory

    forum = Forum.objects.get(slug="vawg")
    came, missed = [
        membership_create(
            application=ApplicationFactory(status="ACCEPTED", forums=[forum]),
            forum=forum,
            started_on=datetime.date(2026, 1, 1),
        )[0]
        for _ in range(2)
    ]
    outsider = membership_create(
        application=ApplicationFactory(
            status="ACCEPTED", forums=[Forum.objects.get(slug="black-communities")]
        ),
        forum=Forum.objects.get(slug="black-communities"),
        started_on=datetime.date(2026, 1, 1),
    )[0]
    (meeting,) = meetings_schedule(
        forum=forum, first_day=datetime.date(2026, 11, 5), start_time=datetime.time(18, 0)
    )  # a meeting that has happened
    sign_in(client, user_with_role("VVF staff", is_staff=True))
    url = reverse("admin:forums_meeting_attendance", args=[meeting.pk])

    assert client.get(url).status_code == 200
    client.post(url, {"attended": [came.pk]})
    refused = client.post(url, {"attended": [outsider.pk]})

    register = dict(Attendance.objects.values_list("membership_id", "attended"))
    assert register == {came.pk: True, missed.pk: False}
    assert refused.status_code == 200
