"""A realistic large dataset for the benchmark: 50,000 applications over the forums and
statuses (with forums chosen, consents, events, equality answers), 12 members a forum,
five years of meetings every six weeks with attendance, 20,000 feedback items, 2,000
recommendations, a year of monthly reports, one open panel case; and the users who use
the pages measured. Rows are made with bulk_create; nothing here is personal."""

import datetime
import itertools
import random

from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

CHUNK = 5000
STATUSES = [
    ("SUBMITTED", 30),
    ("IN_REVIEW", 10),
    ("ONBOARDING", 5),
    ("PNC_CHECK", 3),
    ("WITHDRAWN", 12),
    ("NOT_RIGHT_TIME", 15),
    ("SIGNPOSTED", 10),
    ("NOT_SELECTED", 15),
]


def seed(applications=50_000, feedback_items=20_000, recommendations=2_000):
    from accounts.models import User
    from programme.models import Forum

    rng = random.Random(2026)
    forums = list(Forum.objects.order_by("pk"))
    users = _users(User, forums)
    _applications(applications, forums, rng)
    memberships = _members(forums)
    meetings = _meetings(forums, memberships)
    _feedback(feedback_items, recommendations, forums, meetings, users, rng)
    _reports()
    users["case"] = _panel_case(forums[0], users)
    _programme_rows(users)
    # Dead rows cleared and planner statistics taken, as autovacuum keeps them on a live
    # database.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return users


def _users(User, forums):
    def user(email, role, **extra):
        made = User.objects.create_user(email=email, password=None, full_name=role, **extra)
        made.groups.add(Group.objects.get(name=role))
        return made

    users = {
        "staff": user("staff@bench.invalid", "VVF staff", is_staff=True),
        "police": user("police@bench.invalid", "Police lead"),
        "facilitator": user("facilitator@bench.invalid", "Facilitator"),
        "panel_mps": user("panel-mps@bench.invalid", "Panel member"),
        "panel_mopac": user("panel-mopac@bench.invalid", "Panel member"),
    }
    forums[0].facilitators.add(users["facilitator"])
    return users


def _applications(how_many, forums, rng):
    from applications.models import (
        Application,
        ApplicationEvent,
        Consent,
        ConsentDocument,
        EqualityMonitoring,
    )

    statuses = [status for status, weight in STATUSES for _ in range(weight)]
    documents = list(ConsentDocument.objects.filter(version=1)[:3])
    through = Application.forums.through
    start = timezone.now() - datetime.timedelta(days=365 * 2)
    for first in range(0, how_many, CHUNK):
        batch = []
        for i in range(first, min(first + CHUNK, how_many)):
            status = rng.choice(statuses)
            submitted = start + datetime.timedelta(minutes=i * 20)
            batch.append(
                Application(
                    reference=f"VVF-{i // 10000:04d}-{i % 10000:04d}",
                    status=status,
                    submission_key=f"bench-{i}",
                    full_name=f"Applicant {i}",
                    email=f"applicant{i}@bench.invalid",
                    why_join="To help the next person.",
                    postcode="SE1 2AA",
                    borough="SOUTHWARK",
                    submitted_at=submitted,
                    status_changed_at=submitted,
                    closed_at=submitted
                    if status in ("WITHDRAWN", "NOT_RIGHT_TIME", "SIGNPOSTED", "NOT_SELECTED")
                    else None,
                )
            )
        batch = Application.objects.bulk_create(batch)
        through.objects.bulk_create(
            through(application_id=a.pk, forum_id=forum.pk)
            for a in batch
            for forum in rng.sample(forums, rng.choice((1, 1, 2)))
        )
        Consent.objects.bulk_create(
            Consent(application=a, document=d, given=True) for a in batch for d in documents
        )
        ApplicationEvent.objects.bulk_create(
            ApplicationEvent(application=a, from_status=s, to_status=t)
            for a in batch
            for s, t in (("", "SUBMITTED"), ("SUBMITTED", a.status))
        )
        EqualityMonitoring.objects.bulk_create(
            EqualityMonitoring(application=a, age_band="25_34") for a in batch[::2]
        )


def _members(forums):
    from applications.models import Application
    from forums.models import Membership

    today = timezone.localdate()
    memberships = {}
    for forum in forums:
        accepted = Application.objects.bulk_create(
            Application(
                reference=f"VVF-M{forum.pk:03d}-{n:04d}",
                status="ACCEPTED",
                submission_key=f"bench-member-{forum.pk}-{n}",
                full_name=f"Member {n}",
                email=f"member{forum.pk}-{n}@bench.invalid",
                why_join="To help.",
            )
            for n in range(12)
        )
        Application.forums.through.objects.bulk_create(
            Application.forums.through(application_id=a.pk, forum_id=forum.pk) for a in accepted
        )
        memberships[forum.pk] = Membership.objects.bulk_create(
            Membership(
                application=a,
                forum=forum,
                started_on=today - datetime.timedelta(days=300),
                ended_on=today + datetime.timedelta(days=430),
            )
            for a in accepted
        )
    return memberships


def _meetings(forums, memberships):
    from forums.models import Attendance, Meeting

    now = timezone.now()
    first = now - datetime.timedelta(days=365 * 5)
    meetings = []
    for forum in forums:
        made = Meeting.objects.bulk_create(
            Meeting(
                forum=forum,
                starts_at=first + datetime.timedelta(weeks=6 * n),
                ends_at=first + datetime.timedelta(weeks=6 * n, hours=2),
            )
            for n in range(5 * 52 // 6 + 4)
        )
        past = [meeting for meeting in made if meeting.starts_at < now]
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, membership=membership, attended=True)
            for meeting in past[-8:]
            for membership in memberships[forum.pk]
        )
        meetings += past
    return meetings


def _feedback(items, recommendations, forums, meetings, users, rng):
    from feedback.models import FeedbackItem, Recommendation, Theme

    themes = list(Theme.objects.all())
    statuses = [status for status, _label in Recommendation.Status.choices]
    for first in range(0, items, CHUNK):
        FeedbackItem.objects.bulk_create(
            FeedbackItem(
                forum_id=meeting.forum_id,
                meeting=meeting,
                theme=rng.choice(themes),
                text="Officers should explain what happens next after a report.",
                recorded_by=users["facilitator"],
                recorded_at=meeting.starts_at,
            )
            for meeting in (rng.choice(meetings) for _ in range(min(CHUNK, items - first)))
        )
    Recommendation.objects.bulk_create(
        Recommendation(
            forum_id=meeting.forum_id,
            meeting=meeting,
            title=f"Recommendation {n}",
            detail="Tell victims who their officer is within a week.",
            status=rng.choice(statuses),
            raised_at=meeting.starts_at,
            status_changed_at=meeting.starts_at,
        )
        for n, meeting in zip(range(recommendations), itertools.cycle(meetings), strict=False)
    )


def _reports():
    from feedback import reports
    from vvf import dates

    month = dates.first_of_month(timezone.localdate())
    for _ in range(12):
        month = dates.previous_month(month)
        reports.reports_generate_for(month)


def _panel_case(forum, users):
    """An application at the panel, the seats taken by the two panel members and the
    forum's facilitator."""
    from applications.models import Application, Consent, ConsentDocument
    from vetting import services
    from vetting.models import PanelSeat

    application = Application.objects.create(
        reference="VVF-CASE-0001",
        status="PNC_CHECK",
        submission_key="bench-case",
        full_name="Panel applicant",
        email="panel@bench.invalid",
        why_join="To help.",
    )
    application.forums.add(forum)
    Consent.objects.create(
        application=application,
        document=ConsentDocument.objects.get(kind="PNC_CHECK", language="en-gb", version=1),
        given=True,
    )
    check = services.check_request(
        application=application, requested_on=timezone.localdate(), by=users["staff"]
    )
    seats = {
        PanelSeat.Seat.MOPAC: users["panel_mopac"],
        PanelSeat.Seat.MPS: users["panel_mps"],
        PanelSeat.Seat.FACILITATOR: users["facilitator"],
    }
    return services.check_record_disclosure(
        check=check,
        received_on=timezone.localdate(),
        by=users["staff"],
        seats=seats,
        items=[{"offence": "Theft", "offence_date": "2015", "disposal": "Caution", "notes": ""}],
    )


def _programme_rows(users):
    """What the programme home counts beyond the above: a PNC check for every
    application at that stage (some overdue), holds on 50 unsuccessful applications,
    and the members' invitations to their forums' coming meetings."""
    from applications.models import Application
    from forums.models import Invitation, Meeting, Membership
    from privacy.models import RetentionHold
    from vetting.models import PncCheck

    today = timezone.localdate()
    at_check = Application.objects.filter(status="PNC_CHECK", pnc_check__isnull=True)
    PncCheck.objects.bulk_create(
        PncCheck(application_id=pk, requested_on=today - datetime.timedelta(days=n % 70))
        for n, pk in enumerate(at_check.values_list("pk", flat=True))
    )
    withdrawn = Application.objects.filter(status="WITHDRAWN").values_list("pk", flat=True)[:50]
    RetentionHold.objects.bulk_create(
        RetentionHold(application_id=pk, reason="A complaint.", placed_by=users["staff"])
        for pk in withdrawn
    )
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, membership=membership)
        for meeting in Meeting.objects.filter(starts_at__gte=timezone.now())
        for membership in Membership.objects.filter(forum_id=meeting.forum_id)
    )
