import datetime
import io
import time
from zoneinfo import ZoneInfo

import msoffcrypto
import pytest
from celery.schedules import crontab
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEntry
from feedback import services, tasks
from feedback.models import MonthlyReport, Recommendation, RecommendationEvent, Status, Theme
from feedback.reports import (
    SUPPRESSED,
    month_bounds,
    people_count,
    report_build,
    report_generate,
    reports_generate_for,
)
from forums.models import Meeting
from forums.services import meetings
from programme.models import Forum
from tests.conftest import sign_in
from tests.forums.helpers import make_meeting, make_member, sign_in_member
from vvf.celery import app as celery_app
from vvf.dates import previous_month

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC

MONTH = previous_month(timezone.localdate())


def at(day, hour=12, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def held_on(day, slug="vawg", present=()):
    """A meeting of the forum held on `day` with `present` there."""
    meeting = make_meeting(slug)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=at(day, 18), ends_at=at(day, 20))
    meeting.refresh_from_db()
    meetings.attendance_record(meeting=meeting, attended_ids={m.pk for m in present})
    return meeting


def members(count, slug="vawg"):
    return [make_member(slug, started_days_ago=120) for _ in range(count)]


def feedback(meeting, text, theme="Victim care and support", on=None):
    item = services.feedback_record(
        forum=meeting.forum,
        meeting=meeting,
        theme=Theme.objects.get(name__iexact=theme),
        text=text,
        by=None,
    )
    if on is not None:
        type(item).objects.filter(pk=item.pk).update(recorded_at=on)
    return item


def raised(meeting, title, on):
    recommendation = services.recommendation_raise(
        forum=meeting.forum,
        meeting=meeting,
        title=title,
        detail="The forum asks for it.",
        by=None,
    )
    Recommendation.objects.filter(pk=recommendation.pk).update(raised_at=on)
    RecommendationEvent.objects.filter(recommendation=recommendation).update(at=on)
    return recommendation


def moved(recommendation, to_status, on, words=""):
    services.recommendation_move(
        recommendation=recommendation, to_status=to_status, by=None, words=words
    )
    event = recommendation.events.order_by("-pk").first()
    RecommendationEvent.objects.filter(pk=event.pk).update(at=on)


# Month bounds -------------------------------------------------------------------------------


def test_month_bounds_are_london_midnights_across_the_clock_change():
    assert month_bounds(datetime.date(2025, 3, 17)) == (
        datetime.datetime(2025, 3, 1, 0, 0, tzinfo=UTC),
        datetime.datetime(2025, 3, 31, 23, 0, tzinfo=UTC),
    )
    assert month_bounds(datetime.date(2025, 10, 1)) == (
        datetime.datetime(2025, 9, 30, 23, 0, tzinfo=UTC),
        datetime.datetime(2025, 11, 1, 0, 0, tzinfo=UTC),
    )
    assert month_bounds(datetime.date(2024, 12, 31))[1] == datetime.datetime(2025, 1, 1, tzinfo=UTC)


@pytest.mark.django_db
def test_feedback_just_after_midnight_bst_belongs_to_the_new_month():
    meeting = held_on(datetime.date(2025, 3, 20))
    # 00:30 on 1 April in London is 23:30 on 31 March in UTC.
    feedback(
        meeting,
        "Updates stopped after a month.",
        on=datetime.datetime(2025, 3, 31, 23, 30, tzinfo=UTC),
    )

    march = report_build(month=datetime.date(2025, 3, 1))
    april = report_build(month=datetime.date(2025, 4, 1))

    assert march["feedback_total"] == 0
    assert april["feedback_total"] == 1


# Content --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_feedback_by_theme_lists_every_theme_with_its_count_and_texts():
    meeting = held_on(MONTH.replace(day=10))
    feedback(
        meeting, "Nobody called back.", "Updates on investigations", on=at(MONTH.replace(day=11))
    )
    feedback(
        meeting, "Updates were slow.", "Updates on investigations", on=at(MONTH.replace(day=12))
    )
    feedback(meeting, "Court dates moved.", "Court and CPS", on=at(MONTH.replace(day=12)))
    feedback(meeting, "Not this month.", "Court and CPS", on=at(MONTH - datetime.timedelta(days=1)))

    content = report_build(month=MONTH, forum=meeting.forum)

    counts = {row["theme"]: row["count"] for row in content["themes"]}
    assert [row["theme"] for row in content["themes"]] == list(
        Theme.objects.values_list("name", flat=True)
    )
    assert counts["Updates on investigations"] == 2
    assert counts["Court and CPS"] == 1
    assert sum(counts.values()) == content["feedback_total"] == 3
    assert {g["theme"]: [i["text"] for i in g["items"]] for g in content["items_by_theme"]} == {
        "Updates on investigations": ["Nobody called back.", "Updates were slow."],
        "Court and CPS": ["Court dates moved."],
    }


@pytest.mark.django_db
def test_movements_of_the_month_and_outstanding_recommendations_with_their_age():
    meeting = held_on(MONTH.replace(day=2))
    last_day = (MONTH.replace(day=28) + datetime.timedelta(days=4)).replace(
        day=1
    ) - datetime.timedelta(days=1)
    before = MONTH - datetime.timedelta(days=20)
    old = raised(meeting, "Named officer for updates", at(before))
    moved(old, Status.SENT, at(MONTH.replace(day=3)))
    answered = raised(meeting, "Training on trauma", at(before))
    moved(answered, Status.SENT, at(before))
    moved(answered, Status.UNDER_REVIEW, at(before))
    moved(answered, Status.IN_PROGRESS, at(MONTH.replace(day=5)), words="We will do this.")
    new = raised(meeting, "Court updates by text", at(MONTH.replace(day=4)))
    # Moved after the month ended: still outstanding at the month's end.
    moved(new, Status.SENT, at(last_day + datetime.timedelta(days=2)))

    content = report_build(month=MONTH, forum=meeting.forum)

    forum = meeting.forum.name
    assert content["movements"] == [
        {
            "title": "Named officer for updates",
            "forum": forum,
            "from": "Raised by the forum",
            "to": "Sent to the Lead Responsible Officer",
            "date": MONTH.replace(day=3).isoformat(),
        },
        {
            "title": "Court updates by text",
            "forum": forum,
            "from": "",
            "to": "Raised by the forum",
            "date": MONTH.replace(day=4).isoformat(),
        },
        {
            "title": "Training on trauma",
            "forum": forum,
            "from": "Under review by the Head of Profession",
            "to": "Accepted: in progress",
            "date": MONTH.replace(day=5).isoformat(),
        },
    ]
    assert content["outstanding"] == [
        {
            "title": "Named officer for updates",
            "forum": forum,
            "status": "Sent to the Lead Responsible Officer",
            "raised": before.isoformat(),
            "age_days": (last_day - before).days,
        },
        {
            "title": "Court updates by text",
            "forum": forum,
            "status": "Raised by the forum",
            "raised": MONTH.replace(day=4).isoformat(),
            "age_days": (last_day - MONTH.replace(day=4)).days,
        },
    ]


@pytest.mark.django_db
def test_a_forum_report_holds_only_that_forum():
    vawg = held_on(MONTH.replace(day=10))
    other = held_on(MONTH.replace(day=10), slug="disabled-victims")
    feedback(vawg, "Updates were slow.", on=at(MONTH.replace(day=11)))
    feedback(other, "Venue was hard to reach.", on=at(MONTH.replace(day=11)))
    raised(other, "Step-free venues", at(MONTH.replace(day=11)))

    content = report_build(month=MONTH, forum=vawg.forum)
    everything = report_build(month=MONTH)

    assert content["feedback_total"] == 1
    assert content["movements"] == content["outstanding"] == []
    assert [row["forum"] for row in content["participation"]] == [vawg.forum.name]
    assert everything["feedback_total"] == 2
    assert len(everything["participation"]) == Forum.objects.count()


# Suppression ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, SUPPRESSED), (4, SUPPRESSED), (5, 5), (12, 12)]
)
def test_counts_of_people_from_one_to_four_are_suppressed(count, shown):
    assert people_count(count) == shown


@pytest.mark.django_db
def test_people_who_took_part_are_counted_once_and_suppressed_below_five():
    few = members(3)
    many = members(5, slug="disabled-victims")
    held_on(MONTH.replace(day=5), present=few)
    held_on(MONTH.replace(day=19), present=few[:2])
    held_on(MONTH.replace(day=6), slug="disabled-victims", present=many)

    rows = {row["forum"]: row for row in report_build(month=MONTH)["participation"]}

    vawg = Forum.objects.get(slug="vawg").name
    disabled = Forum.objects.get(slug="disabled-victims").name
    assert rows[vawg] == {"forum": vawg, "meetings": 2, "people": "fewer than 5"}
    assert rows[disabled] == {"forum": disabled, "meetings": 1, "people": 5}


# Generating -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_generating_again_replaces_the_report():
    meeting = held_on(MONTH.replace(day=10))
    first = report_generate(month=MONTH.replace(day=17), forum=meeting.forum)
    feedback(meeting, "Updates were slow.", on=at(MONTH.replace(day=11)))

    second = report_generate(month=MONTH, forum=meeting.forum)
    reports_generate_for(MONTH)
    reports_generate_for(MONTH)

    assert second.pk == first.pk
    assert second.month == MONTH
    assert MonthlyReport.objects.get(pk=first.pk).content["feedback_total"] == 1
    assert MonthlyReport.objects.filter(month=MONTH).count() == Forum.objects.count() + 1
    assert MonthlyReport.objects.filter(month=MONTH, forum=None).count() == 1


# Pages and the encrypted spreadsheet --------------------------------------------------------


def decrypted_cells(content, password):
    encrypted = msoffcrypto.OfficeFile(io.BytesIO(content))
    assert encrypted.is_encrypted()
    encrypted.load_key(password=password)
    plain = io.BytesIO()
    encrypted.decrypt(plain)
    workbook = load_workbook(plain)
    return workbook, [
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


@pytest.mark.django_db
def test_the_report_page_and_spreadsheet_name_no_member(client, user_with_role):
    seeded = [
        make_member(
            full_name="Rosamund Quillfeather",
            preferred_name="Rosa",
            email="rosamund.q@example.org",
            phone="07700 900461",
            started_days_ago=120,
        ),
        make_member(
            full_name="Bartholomew Oyelaran",
            preferred_name="",
            email="b.oyelaran@example.net",
            phone="020 7946 0718",
            started_days_ago=120,
        ),
    ]
    meeting = held_on(MONTH.replace(day=8), present=seeded)
    feedback(meeting, "Members said updates stopped after charge.", on=at(MONTH.replace(day=9)))
    feedback(
        meeting, "Court dates moved without notice.", "Court and CPS", on=at(MONTH.replace(day=9))
    )
    recommendation = raised(meeting, "One named contact per case", at(MONTH.replace(day=9)))
    moved(recommendation, Status.SENT, at(MONTH.replace(day=10)))
    report = report_generate(month=MONTH, forum=meeting.forum)
    sign_in(client, user_with_role("Police lead"))

    page = client.get(reverse("feedback:report", args=[report.pk]))
    exported = client.post(reverse("feedback:report-xlsx", args=[report.pk]))
    download = client.get(reverse("feedback:report-download", args=[exported.context["token"]]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Members said updates stopped after charge." in html
    assert "One named contact per case" in html
    assert "fewer than 5" in html
    assert exported.status_code == 200
    assert exported.context["password"] in exported.content.decode()
    assert download["Content-Disposition"] == (
        f'attachment; filename="vvf-report-{MONTH:%Y-%m}-vawg.xlsx"'
    )
    workbook, cells = decrypted_cells(download.getvalue(), exported.context["password"])
    assert workbook.sheetnames == [
        "Feedback by theme",
        "Feedback items",
        "Movements",
        "Outstanding",
        "People",
    ]
    assert "Court dates moved without notice." in cells
    assert "fewer than 5" in cells
    flat = "\n".join(cells).casefold()
    for membership in seeded:
        application = membership.application
        for personal in (
            application.full_name,
            application.email,
            application.phone,
            application.phone.replace(" ", ""),
            application.reference,
            *application.full_name.split(),
        ):
            assert personal.casefold() not in html.casefold()
            assert personal.casefold() not in flat
    # The download works once.
    again = client.get(reverse("feedback:report-download", args=[exported.context["token"]]))
    assert again.status_code == 404
    assert list(
        AuditEntry.objects.filter(object_type="feedback.monthlyreport", object_ref=str(report.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["VIEW", "EXPORT"]


@pytest.mark.django_db
def test_the_spreadsheet_has_styled_frozen_headers_and_widths(client, user_with_role):
    report = report_generate(month=MONTH)
    sign_in(client, user_with_role("VVF staff"))

    exported = client.post(reverse("feedback:report-xlsx", args=[report.pk]))
    download = client.get(reverse("feedback:report-download", args=[exported.context["token"]]))

    workbook, _cells = decrypted_cells(download.getvalue(), exported.context["password"])
    assert download["Content-Disposition"] == (
        f'attachment; filename="vvf-report-{MONTH:%Y-%m}-all-forums.xlsx"'
    )
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet["A1"].fill.fgColor.rgb.endswith("DDDDDD")
        assert sheet.column_dimensions["A"].width >= 30
    themes = workbook["Feedback by theme"]
    assert themes.max_row == Theme.objects.count() + 2


@pytest.mark.django_db
def test_a_report_is_generated_on_demand_from_the_list(client, user_with_role):
    forum = Forum.objects.get(slug="vawg")
    sign_in(client, user_with_role("Police lead"))

    listing = client.get(reverse("feedback:reports"))
    response = client.post(
        reverse("feedback:report-generate"), {"month": MONTH.isoformat(), "forum": forum.slug}
    )

    assert listing.status_code == 200
    report = MonthlyReport.objects.get()
    assert (report.month, report.forum) == (MONTH, forum)
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:report", args=[report.pk])
    assert forum.name in client.get(reverse("feedback:reports")).content.decode()


@pytest.mark.django_db
def test_generating_without_a_month_shows_the_error(client, user_with_role):
    sign_in(client, user_with_role("VVF staff"))

    response = client.post(reverse("feedback:report-generate"), {"forum": "all"})

    assert response.status_code == 400
    assert "Select the month" in response.content.decode()
    assert MonthlyReport.objects.count() == 0


@pytest.mark.django_db
def test_reports_are_for_police_leads_and_vvf_staff_only(user_with_role):
    report = report_generate(month=MONTH)
    urls = [reverse("feedback:reports"), reverse("feedback:report", args=[report.pk])]
    anonymous = Client()
    member = sign_in_member(Client(), make_member())
    clients = {
        role: sign_in(Client(), user_with_role(role))
        for role in ["Panel member", "External partner", "Facilitator", "Police lead", "VVF staff"]
    }

    for url in urls:
        assert anonymous.get(url).status_code == 302
        assert anonymous.get(url)["Location"].startswith(reverse("two_factor:login"))
        assert member.get(url).status_code == 302
        assert {role: c.get(url).status_code for role, c in clients.items()} == {
            "Panel member": 404,
            "External partner": 404,
            "Facilitator": 404,
            "Police lead": 200,
            "VVF staff": 200,
        }
    export = reverse("feedback:report-xlsx", args=[report.pk])
    assert clients["Facilitator"].post(export).status_code == 404
    assert clients["Facilitator"].post(reverse("feedback:report-generate")).status_code == 404
    assert anonymous.post(export).status_code == 302


@pytest.mark.django_db
def test_a_download_is_only_for_the_user_who_exported(user_with_role):
    report = report_generate(month=MONTH)
    lead = sign_in(Client(), user_with_role("Police lead"))
    other = sign_in(Client(), user_with_role("Police lead"))

    token = lead.post(reverse("feedback:report-xlsx", args=[report.pk])).context["token"]

    assert other.get(reverse("feedback:report-download", args=[token])).status_code == 404
    assert lead.get(reverse("feedback:report-download", args=[token])).status_code == 200


# The beat task --------------------------------------------------------------------------------


def test_the_beat_schedule_runs_the_reports_on_the_first_of_the_month_at_six():
    entry = celery_app.conf.beat_schedule["generate-monthly-feedback-reports"]

    assert entry["task"] == "feedback.tasks.generate_monthly_reports"
    assert entry["schedule"] == crontab(day_of_month=1, hour=6, minute=0)


def test_the_beat_task_makes_last_months_reports_through_a_real_worker(celery_worker):
    meeting = held_on(MONTH.replace(day=10))
    feedback(meeting, "Updates were slow.", on=at(MONTH.replace(day=11)))
    expected = Forum.objects.count() + 1

    tasks.generate_monthly_reports.delay()

    deadline = time.monotonic() + 20
    while MonthlyReport.objects.filter(month=MONTH).count() < expected:
        assert time.monotonic() < deadline, "the worker made no reports"
        time.sleep(0.2)
    assert MonthlyReport.objects.count() == expected
    report = MonthlyReport.objects.get(month=MONTH, forum=meeting.forum)
    assert report.content["feedback_total"] == 1
    assert report.content["month_label"] == f"{MONTH:%B %Y}"


@pytest.mark.django_db
def test_a_report_generated_during_its_month_counts_only_meetings_already_held():
    december = datetime.date(2026, 12, 1)
    vawg = Forum.objects.get(slug="vawg")
    for starts in [
        at(datetime.date(2026, 11, 30), 18),
        at(december, 7),
        at(december.replace(day=11), 18),
    ]:
        meeting = make_meeting("vawg")
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
        )

    on_the_first = report_build(month=december, forum=vawg, now=at(december, 10))
    at_month_end = report_build(month=december, forum=vawg, now=at(datetime.date(2027, 1, 1), 9))

    assert on_the_first["participation"] == [{"forum": vawg.name, "meetings": 1, "people": 0}]
    assert at_month_end["participation"] == [{"forum": vawg.name, "meetings": 2, "people": 0}]
