"""The retention rules: nothing deleted a day early, nothing kept a day late."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from applications.models import Application
from forums.models import Attendance, Membership
from privacy import retention
from privacy.models import RetentionHeartbeat, RetentionTombstone
from tests.factories import ApplicationFactory
from tests.forums.helpers import make_member
from vvf import dates

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def closed(when, status="WITHDRAWN"):
    return ApplicationFactory(status=status, closed_at=when)


def exists(application):
    return Application.objects.filter(pk=application.pk).exists()


@pytest.mark.parametrize(
    "status", ["WITHDRAWN", "NOT_RIGHT_TIME", "SIGNPOSTED", "PANEL_WITHDREW", "NOT_SELECTED"]
)
def test_an_unsuccessful_application_goes_on_the_day_six_months_after(status):
    application = closed(at(2026, 3, 15, 9), status=status)

    retention.enforce(now=at(2026, 9, 14, 23, 59))
    assert exists(application)
    retention.enforce(now=at(2026, 9, 15, 0, 1))
    assert not exists(application)


@pytest.mark.parametrize(
    ("closed_at", "day_before", "due_day"),
    [
        # Late on 30 March 2026 in London is BST: 22:30 UTC the same day.
        (at(2026, 3, 30, 23, 30), at(2026, 9, 29, 23, 59), at(2026, 9, 30, 0, 1)),
        # Just after midnight on 26 October 2026 in London (GMT) is 00:30 UTC.
        (at(2026, 10, 26, 0, 30), at(2027, 4, 25, 23, 59), at(2027, 4, 26, 0, 1)),
        # Just after midnight on 1 April 2026 (BST) is still 31 March in UTC.
        (at(2026, 4, 1, 0, 30), at(2026, 9, 30, 23, 59), at(2026, 10, 1, 0, 1)),
    ],
)
def test_the_clock_changes_move_nothing(closed_at, day_before, due_day):
    application = closed(closed_at)

    retention.enforce(now=day_before)
    assert exists(application)
    retention.enforce(now=due_day)
    assert not exists(application)


@pytest.mark.parametrize("year", [2026, 2027])  # due in February 2027 (28) and 2028 (29)
def test_an_outcome_on_31_august_is_due_on_the_last_day_of_february(year):
    application = closed(at(year, 8, 31, 18))
    last_day = 29 if (year + 1) % 4 == 0 else 28

    retention.enforce(now=at(year + 1, 2, last_day - 1, 23, 59))
    assert exists(application)
    retention.enforce(now=at(year + 1, 2, last_day, 0, 1))
    assert not exists(application)


def test_open_and_accepted_applications_stay():
    waiting = ApplicationFactory(status="IN_REVIEW")
    member = make_member()

    retention.enforce(now=at(2040, 1, 1))

    assert exists(waiting) and exists(member.application)


def test_a_former_member_goes_six_months_after_their_tenure_with_what_hangs_from_it():
    from forums.services import meetings, memberships

    member = make_member(started_days_ago=400)
    from tests.forums.helpers import make_meeting

    meeting = make_meeting(days_ahead=-30)
    meetings.attendance_record(meeting=meeting, attended_ids={member.pk})
    memberships.membership_leave(membership=member, left_on=datetime.date(2026, 10, 31))

    retention.enforce(now=at(2027, 4, 29, 23, 59))
    assert Membership.objects.filter(pk=member.pk).exists()
    retention.enforce(now=at(2027, 4, 30, 0, 1))

    assert not Membership.objects.filter(pk=member.pk).exists()
    assert not exists(member.application)
    assert not Attendance.objects.filter(membership_id=member.pk).exists()


def test_a_second_run_deletes_nothing_and_each_run_leaves_tombstones_and_a_heartbeat():
    closed(at(2026, 1, 10))
    closed(at(2026, 1, 11))

    first = retention.enforce(now=at(2026, 8, 1))
    second = retention.enforce(now=at(2026, 8, 1))

    assert first["unsuccessful applications"] == 2
    assert second["unsuccessful applications"] == 0
    assert list(
        RetentionTombstone.objects.filter(rule="unsuccessful applications")
        .order_by("at")
        .values_list("deleted", flat=True)
    ) == [2, 0]
    assert RetentionHeartbeat.objects.count() == 2


def test_batches_are_bounded(settings):
    settings.RETENTION_BATCH_SIZE = 2
    for day in range(1, 6):
        closed(at(2026, 1, day))

    assert retention.enforce(now=at(2026, 8, 1))["unsuccessful applications"] == 5
    assert not Application.objects.exists()


def test_the_dry_run_lists_references_and_deletes_nothing(capsys):
    application = closed(at(2020, 1, 1))

    call_command("enforce_retention", "--dry-run")

    out = capsys.readouterr().out
    assert application.reference in out and "unsuccessful applications" in out
    assert application.full_name not in out and application.email not in out
    assert exists(application)


def test_it_refuses_a_period_shorter_than_the_policy(settings):
    settings.RETENTION = {**settings.RETENTION, "UNSUCCESSFUL_MONTHS": 5}

    with pytest.raises(ImproperlyConfigured):
        retention.enforce()


def test_the_periods_come_from_one_table_read_from_the_environment(settings):
    assert settings.RETENTION == {
        "UNSUCCESSFUL_MONTHS": 6,
        "MEMBER_MONTHS": 6,
        "AUDIT_MONTHS": 72,
        "DRAFT_DAYS": 30,
        "MEMBER_LINK_HOURS": 24,
        "STATUS_LINK_DAYS": 180,
    }
    assert settings.RETENTION_POLICY == {
        "UNSUCCESSFUL_MONTHS": 6,
        "MEMBER_MONTHS": 6,
        "AUDIT_MONTHS": 72,
    }


def test_the_reasons_name_the_periods_from_the_table(settings):
    settings.RETENTION = {**settings.RETENTION, "UNSUCCESSFUL_MONTHS": 7, "MEMBER_MONTHS": 8}
    reasons = {rule: reason(None) for rule, (_finder, reason) in retention.RULES.items()}

    assert reasons == {
        "unsuccessful applications": "its outcome was more than 7 months ago",
        "former members": "their tenure ended more than 8 months ago",
    }


def test_healthz_reports_retention_never_run_until_a_run_completes(client):
    assert client.get("/healthz").json()["retention"] == "never run"
    retention.enforce()
    assert client.get("/healthz").json()["retention"] == "ok"


def test_healthz_reports_retention_late_when_the_last_run_is_over_26_hours_old(client):
    RetentionHeartbeat.objects.create(completed_at=timezone.now() - datetime.timedelta(hours=27))

    assert client.get("/healthz").json()["retention"] == "late"


def test_retention_is_in_the_beat_schedule():
    from vvf.celery import app

    assert "privacy.tasks.enforce_retention" in {e["task"] for e in app.conf.beat_schedule.values()}


def test_the_sweeps_run_in_the_retention_run_and_nowhere_else_in_the_beat_schedule():
    from vvf.celery import app

    assert sorted(e["task"] for e in app.conf.beat_schedule.values()) == [
        "feedback.tasks.generate_monthly_reports",
        "forums.tasks.send_meeting_reminders",
        "privacy.tasks.enforce_retention",
        "vetting.tasks.send_overdue_checks",
        "vvf.tasks.clear_expired_sessions",
        "vvf.tasks.relay_pending_tasks",
    ]


def test_the_retention_run_sweeps_saved_forms_sign_in_links_and_final_recordings(tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from applications.models import SavedDraft
    from forums.models import MeetingNote, MemberLink
    from tests.forums.helpers import make_meeting

    long_ago = timezone.now() - datetime.timedelta(days=31)
    SavedDraft.objects.create(nonce="old", email="a@example.com", answers={}, created_at=long_ago)
    MemberLink.objects.create(membership=make_member(), nonce="old", created_at=long_ago)
    note = MeetingNote.objects.create(meeting=make_meeting(), status=MeetingNote.Status.FINAL)
    note.recording.save("meeting.mp3", ContentFile(b"x"))
    name = note.recording.name

    counts = retention.enforce()

    assert (
        counts["unfinished forms"],
        counts["expired sign-in links"],
        counts["recordings on final notes"],
    ) == (1, 1, 1)
    assert (SavedDraft.objects.count(), MemberLink.objects.count()) == (0, 0)
    assert not default_storage.exists(name)
    assert retention.enforce()["recordings on final notes"] == 0


def test_the_queries_grow_with_batches_not_records(settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.RETENTION_BATCH_SIZE = 50

    def queries_for(how_many):
        for day in range(how_many):
            closed(at(2026, 1, 1) + datetime.timedelta(minutes=day))
        with CaptureQueriesContext(connection) as captured:
            retention.enforce(now=at(2026, 8, 1))
        return len(captured)

    few, many = queries_for(10), queries_for(40)  # both fit in one batch

    assert many == few


def test_a_held_application_is_skipped_reported_and_goes_once_lifted(client, user_with_role):
    from django.urls import reverse

    from audit.models import AuditEntry
    from tests.conftest import sign_in

    application = closed(at(2026, 1, 10))
    staff = user_with_role("VVF staff", is_staff=True)
    sign_in(client, staff)
    hold_url = reverse("admin:applications_application_hold", args=[application.pk])

    assert client.post(hold_url, {"reason": ""}).status_code == 200  # a reason is needed
    client.post(hold_url, {"reason": "Complaint open"})
    upcoming = client.get(reverse("admin:applications_application_retention"))
    assert application.reference in upcoming.text and "Complaint open" in upcoming.text

    retention.enforce(now=at(2026, 8, 1))
    assert exists(application)
    tombstone = RetentionTombstone.objects.get(rule="unsuccessful applications")
    assert (tombstone.deleted, tombstone.held) == (0, 1)

    client.post(hold_url, {"lift": "1"})
    retention.enforce(now=at(2026, 8, 1))
    assert not exists(application)
    assert AuditEntry.objects.filter(detail__startswith="retention hold").count() == 2


def test_upcoming_lists_what_is_due_within_30_days():
    soon = closed(at(2026, 1, 20))
    later = closed(at(2026, 3, 1))

    listed = {a.reference for _rule, a in retention.upcoming(days=30, now=at(2026, 7, 1))}

    assert soon.reference in listed and later.reference not in listed


def test_pnc_data_left_after_a_decision_is_deleted_by_the_safety_net():
    from guardian.models import UserObjectPermission

    from applications.models import ApplicationEvent
    from tests.vetting.helpers import open_case
    from vetting.models import Disclosure, PncCheck, SuitabilityCase

    case, _seats = open_case()
    retention.enforce()
    assert Disclosure.objects.count() == 1  # the panel is still deciding

    Application.objects.filter(pk=case.check_record.application_id).update(status="NOT_SELECTED")
    counts = retention.enforce()

    assert counts["PNC data after a decision"] == 1
    assert not Disclosure.objects.exists()
    assert not SuitabilityCase.objects.exists()
    # Forgotten as vetting forgets it: the check reads as one requested, no panel stage.
    check = PncCheck.objects.get()
    assert (check.result, check.result_received_on) == ("", None)
    assert not ApplicationEvent.objects.filter(to_status="PANEL").exists()
    assert not UserObjectPermission.objects.exists()


def test_staff_are_told_a_week_ahead_by_reference(mailoutbox):
    from django.utils import timezone

    from privacy.tasks import send_retention_week_ahead

    today = timezone.localdate()
    in_a_week = closed(
        at(*dates.months_before(today + datetime.timedelta(days=7), 6).timetuple()[:3])
    )
    closed(at(2020, 1, 1))  # already due: not news

    assert send_retention_week_ahead() == 1
    (message,) = mailoutbox
    assert in_a_week.reference in message.body
    assert in_a_week.full_name not in message.body and in_a_week.email not in message.body


def test_the_counts_reports_need_are_kept_without_the_people():
    from privacy.models import RetentionCount
    from programme.models import Forum

    vawg = Forum.objects.get(slug="vawg")
    for day in (3, 4):
        ApplicationFactory(status="NOT_SELECTED", closed_at=at(2026, 1, day), forums=[vawg])

    retention.enforce(now=at(2026, 8, 1))

    assert list(RetentionCount.objects.values_list("forum__slug", "month", "outcome", "count")) == [
        ("vawg", datetime.date(2026, 1, 1), "NOT_SELECTED", 2)
    ]


def test_every_rule_names_the_tables_it_deletes_from_for_the_vacuum():
    counts = retention.enforce(now=at(2026, 8, 1))

    tables = retention._tables_deleted_from(dict.fromkeys(counts, 1), since=None)

    assert {"applications_application", "forums_membership", "audit_auditentry"} <= tables
    # Inside a transaction (as here) VACUUM cannot run: the sweep skips it.
    assert retention.vacuum(tables) == []


def test_after_a_restore_the_ledger_decides_who_is_erased_again(settings, tmp_path):
    from django.utils import timezone

    from privacy.models import RetentionTombstone

    ledger = tmp_path / "erasure-ledger.txt"
    settings.ERASURE_LEDGER_PATH = str(ledger)
    back = ApplicationFactory(status="IN_REVIEW")
    # The same id written after its erasure day is someone else (ids moved back by a
    # restore): it stays.
    newer = ApplicationFactory(status="IN_REVIEW", submitted_at=timezone.now())
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ledger.write_text(
        f"{timezone.localdate()} applications.application {back.pk}\n"
        f"{yesterday} applications.application {newer.pk}\n"
        f"{yesterday} applications.application 999999\n"
    )

    call_command("after_restore")

    assert not exists(back) and exists(newer)
    assert RetentionTombstone.objects.get(rule=retention.ERASURE_AGAIN_RULE).deleted == 1
    assert RetentionHeartbeat.objects.count() == 1


def test_after_restore_refuses_a_missing_or_unreadable_ledger(settings, tmp_path):
    from django.core.management.base import CommandError

    settings.ERASURE_LEDGER_PATH = str(tmp_path / "nowhere.txt")
    with pytest.raises(CommandError, match="not at"):
        call_command("after_restore")
    (tmp_path / "nowhere.txt").write_text("2026-01-01 Ada Lovelace\n")
    with pytest.raises(CommandError, match="Line 1"):
        call_command("after_restore")
    assert not RetentionHeartbeat.objects.exists()


def test_every_rule_says_which_tables_its_vacuum_covers():
    counts = retention.enforce()

    # As if every rule had deleted something: none is missing from the list.
    tables = retention._tables_deleted_from(dict.fromkeys(counts, 1), since=None)

    assert {"applications_application", "audit_auditentry", "vetting_disclosure"} <= tables
