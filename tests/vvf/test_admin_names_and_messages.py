"""Issue 17, points 6 and 7: people named where staff pick or read them, and every action
in the admin ending with a message that says what happened and links to what comes next."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from applications.services import application_transition
from audit.services import Action, audit_record
from forums.models import AgendaItem, Membership
from forums.services import claims, meetings
from programme.models import Forum
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, UserFactory
from tests.forums.helpers import make_meeting, make_member
from tests.vetting.helpers import application_at_pnc, open_case, panel
from vetting import services as vetting
from vetting.models import SuitabilityCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user():
    return UserFactory(
        role="VVF staff", is_staff=True, full_name="Dana Okafor", email="dana.okafor@example.com"
    )


@pytest.fixture
def staff(client, staff_user):
    return sign_in(client, staff_user)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# Point 6: names -------------------------------------------------------------------------


def test_a_forums_facilitator_and_representative_pickers_offer_name_and_email(staff):
    UserFactory(role="Facilitator", full_name="Grace Mensah", email="grace@example.com")
    vawg = Forum.objects.get(slug="vawg")

    form = staff.get(reverse("admin:programme_forum_change", args=[vawg.pk])).context["adminform"]

    for name in ("facilitators", "mps_representatives", "mopac_representatives"):
        labels = [label for _value, label in form.form.fields[name].choices]
        assert "Grace Mensah (grace@example.com)" in labels
        assert not any(label.startswith("user ") for label in labels)


def test_the_panel_seat_pickers_offer_name_and_email(staff):
    seats = panel()
    check = vetting.check_request(
        application=application_at_pnc(), requested_on=timezone.localdate(), by=None
    )

    form = staff.get(reverse("admin:vetting_pnccheck_result", args=[check.pk])).context["form"]

    labels = [label for _value, label in form.fields["seat_mps"].choices][1:]
    mps = seats["MPS"]
    assert f"MPS member ({mps.email})" in labels
    assert len(labels) == 3


def test_requested_by_and_the_timeline_name_the_person(staff, staff_user):
    application = application_at_pnc()
    check = vetting.check_request(
        application=application, requested_on=timezone.localdate(), by=staff_user
    )
    application_transition(
        application=application, to_status="WITHDRAWN", by=staff_user, reason="Asked to"
    )

    check_page = staff.get(reverse("admin:vetting_pnccheck_change", args=[check.pk]))
    timeline = staff.get(reverse("admin:applications_application_change", args=[application.pk]))

    assert "Dana Okafor (dana.okafor@example.com)" in check_page.content.decode()
    assert "Dana Okafor (dana.okafor@example.com)" in timeline.content.decode()
    assert f"user {staff_user.pk}" not in timeline.content.decode()


def test_who_decided_a_claim_and_who_placed_a_hold_are_named(staff, staff_user):
    from privacy import holds

    membership = make_member("vawg", started_days_ago=60)
    meeting = make_meeting("vawg", days_ahead=-3)
    meetings.attendance_record(meeting=meeting, attended_ids={membership.pk})
    claim = claims.claim_submit(
        membership=membership, meeting=meeting, kind="TRAVEL", amount="8.40"
    )
    claims.claim_decide(claim=claim, approve=True, by=staff_user, reason="")
    holds.hold_place(application=membership.application, reason="A complaint", by=staff_user)

    claim_page = staff.get(reverse("admin:forums_expenseclaim_change", args=[claim.pk]))
    hold_page = staff.get(
        reverse("admin:applications_application_hold", args=[membership.application.pk])
    )

    assert "Dana Okafor (dana.okafor@example.com)" in claim_page.content.decode()
    assert "Placed by Dana Okafor (dana.okafor@example.com)." in hold_page.content.decode()


def test_the_audit_trail_shows_the_person_beside_the_id_and_keeps_the_id_only(staff, staff_user):
    other = UserFactory(full_name="Sam Reid", email="sam.reid@example.com")
    for actor in (staff_user, other):
        audit_record(actor=actor, action=Action.VIEW, object_type="forums.forum", detail="list")

    page = staff.get(reverse("admin:audit_auditentry_changelist")).content.decode()

    assert f"{other.pk}: Sam Reid (sam.reid@example.com)" in page
    assert f"{staff_user.pk}: Dana Okafor (dana.okafor@example.com)" in page
    from audit.models import AuditEntry

    stored = AuditEntry.objects.values_list("actor_id", "detail")
    assert all("Sam" not in detail and "Dana" not in detail for _actor, detail in stored)


def test_the_audit_trail_list_reads_its_people_in_one_query(staff, django_assert_max_num_queries):
    for _n in range(30):
        actor = UserFactory()
        audit_record(actor=actor, action=Action.VIEW, object_type="forums.forum", detail="list")
    url = reverse("admin:audit_auditentry_changelist")
    staff.get(url)

    with django_assert_max_num_queries(12):
        staff.get(url)


def test_a_suitability_case_shows_the_applications_reference_and_the_seats(staff):
    case, seats = open_case()

    listing = staff.get(reverse("admin:vetting_suitabilitycase_changelist")).content.decode()
    page = staff.get(
        reverse("admin:vetting_suitabilitycase_change", args=[case.pk])
    ).content.decode()

    assert case.application.reference in listing
    assert f"suitability case {case.pk}" not in listing
    assert f"MPS member ({seats['MPS'].email})" in page


def test_agenda_items_to_merge_with_are_offered_by_their_titles():
    from forums.forms import DecideForm

    meeting = make_meeting("vawg")
    AgendaItem.objects.create(meeting=meeting, title="Stop and search", status="ACCEPTED")

    form = DecideForm(meeting=meeting)

    assert [label for _value, label in form.fields["merged_into"].choices] == [
        "---------",
        "Stop and search",
    ]


def test_the_by_forums_filter_has_no_dash_entry(staff):
    response = staff.get(reverse("admin:applications_application_changelist"))

    (by_forums,) = [spec for spec in response.context["cl"].filter_specs if spec.title == "forums"]
    titles = [choice["display"] for choice in by_forums.choices(response.context["cl"])]
    assert "-" not in titles
    assert titles[0] == "All"


def test_the_pilot_forums_hint_shows_on_the_pilot_only(staff):
    hint = "The pilot forum is not open for applications."
    pilot = Forum.objects.filter(slug="pilot").first() or Forum.objects.create(
        slug="pilot",
        name="Pilot forum",
        description="The pilot.",
        run_by=Forum.objects.get(slug="vawg").run_by,
        is_recruiting=False,
    )
    vawg = Forum.objects.get(slug="vawg")

    on_pilot = staff.get(reverse("admin:programme_forum_change", args=[pilot.pk]))
    on_vawg = staff.get(reverse("admin:programme_forum_change", args=[vawg.pk]))

    assert hint in on_pilot.content.decode()
    assert hint not in on_vawg.content.decode()


# Point 7: messages ----------------------------------------------------------------------


def test_recording_a_disclosure_says_the_case_is_open_and_links_to_it(staff):
    seats = panel()
    application = application_at_pnc()
    check = vetting.check_request(
        application=application, requested_on=timezone.localdate(), by=None
    )

    response = staff.post(
        reverse("admin:vetting_pnccheck_result", args=[check.pk]),
        {
            "result": "DISCLOSURE",
            "received_on": f"{timezone.localdate():%Y-%m-%d}",
            "seat_mopac": seats["MOPAC"].pk,
            "seat_mps": seats["MPS"].pk,
            "seat_facilitator": seats["FACILITATOR"].pk,
            "disclosure-TOTAL_FORMS": "3",
            "disclosure-INITIAL_FORMS": "0",
            "disclosure-0-offence": "Theft",
            "disclosure-0-offence_date": "2019",
            "disclosure-0-disposal": "Caution",
        },
    )

    case = SuitabilityCase.objects.get()
    case_url = reverse("admin:vetting_suitabilitycase_change", args=[case.pk])
    assert response.status_code == 302
    assert response.url == case_url
    assert messages_of(response) == [
        f"Suitability case opened for {application.reference}; the three seat holders have "
        f'been emailed. <a href="{case_url}">Open the suitability case</a>'
    ]


def test_recording_no_record_says_so_and_links_to_the_membership(staff):
    application = application_at_pnc()
    check = vetting.check_request(
        application=application, requested_on=timezone.localdate(), by=None
    )

    response = staff.post(
        reverse("admin:vetting_pnccheck_result", args=[check.pk]),
        {
            "result": "NO_RECORD",
            "received_on": f"{timezone.localdate():%Y-%m-%d}",
            "disclosure-TOTAL_FORMS": "3",
            "disclosure-INITIAL_FORMS": "0",
        },
    )

    membership = Membership.objects.get(application=application)
    url = reverse("admin:forums_membership_change", args=[membership.pk])
    assert messages_of(response) == [
        f"The PNC check for {application.reference} found no record: it is complete, the "
        "application is accepted and the applicant has been emailed. "
        f'<a href="{url}">Open the membership of {application.reference}</a>'
    ]


def test_requesting_a_check_says_when_it_is_due_and_links_to_the_result(staff):
    application = application_at_pnc()

    response = staff.post(
        reverse("admin:vetting_pnccheck_request", args=[application.pk]),
        {"requested_on": "2026-11-02"},
    )

    check = application.pnc_check
    url = reverse("admin:vetting_pnccheck_result", args=[check.pk])
    assert messages_of(response) == [
        f"The PNC check for {application.reference} is recorded as requested; it is due by "
        f'14 December 2026. <a href="{url}">Record the result when it comes</a>'
    ]


def test_moving_an_application_says_where_it_is_and_what_comes_next(staff):
    application = ApplicationFactory(status="IN_REVIEW", forums=[Forum.objects.get(slug="vawg")])

    response = staff.post(
        reverse("admin:applications_application_move", args=[application.pk]),
        {"to_status": "ONBOARDING", "reason": "Shortlisted"},
    )

    url = reverse("admin:applications_application_onboarding", args=[application.pk])
    assert messages_of(response) == [
        f"{application.reference} is now ‘Onboarding conversation’. "
        f'<a href="{url}">Record the onboarding conversation</a>'
    ]


def test_the_onboarding_conversation_leads_to_the_pnc_request(staff):
    application = ApplicationFactory(status="ONBOARDING", forums=[Forum.objects.get(slug="vawg")])

    response = staff.post(
        reverse("admin:applications_application_onboarding", args=[application.pk]),
        {"held_on": f"{timezone.localdate():%Y-%m-%d}", "outcome": "PROCEED", "notes": ""},
    )

    url = reverse("admin:vetting_pnccheck_request", args=[application.pk])
    assert messages_of(response) == [
        f"The onboarding conversation for {application.reference} is recorded: it is now "
        f'‘PNC check’. <a href="{url}">Record that the PNC check was requested</a>'
    ]


def test_placing_a_hold_says_so_and_links_to_the_deletions_list(staff):
    application = ApplicationFactory(status="IN_REVIEW")

    response = staff.post(
        reverse("admin:applications_application_hold", args=[application.pk]),
        {"reason": "An open complaint"},
    )

    url = reverse("admin:applications_application_retention")
    assert messages_of(response) == [
        f"{application.reference} is held: the retention sweep will not delete it until the "
        f'hold is lifted. <a href="{url}">See the holds and the deletions in the next 30 days</a>'
    ]


def test_making_a_member_says_of_which_forum_and_links_to_its_meetings(staff):
    vawg, black = Forum.objects.get(slug="vawg"), Forum.objects.get(slug="black-communities")
    application = ApplicationFactory(status="ACCEPTED", forums=[vawg, black])

    response = staff.post(
        reverse("admin:forums_membership_make", args=[application.pk]),
        {"forum": black.pk, "started_on": f"{timezone.localdate():%Y-%m-%d}"},
    )

    url = reverse("admin:forums_meeting_changelist") + f"?forum__id__exact={black.pk}"
    day = timezone.localdate().strftime("%-d %B %Y")
    assert messages_of(response) == [
        f"{application.reference} is now a member of {escape(black.name)}, from {day}. "
        f'<a href="{url}">See the forum&#x27;s meetings</a>'
    ]


def test_recording_leaving_says_when_the_data_goes(staff):
    membership = make_member("vawg", started_days_ago=60)

    response = staff.post(
        reverse("admin:forums_membership_leave", args=[membership.pk]),
        {"left_on": f"{timezone.localdate():%Y-%m-%d}"},
    )

    (message,) = messages_of(response)
    assert message.startswith(
        f"{membership.application.reference} left {membership.forum.name} on "
    )
    assert "personal data is deleted 6 months later" in message
    assert "See the forum&#x27;s members</a>" in message


def test_leaving_names_the_period_from_the_retention_table(staff, settings):
    settings.RETENTION = {**settings.RETENTION, "MEMBER_MONTHS": 8}
    membership = make_member("vawg", started_days_ago=60)

    response = staff.post(
        reverse("admin:forums_membership_leave", args=[membership.pk]),
        {"left_on": f"{timezone.localdate():%Y-%m-%d}"},
    )

    (message,) = messages_of(response)
    assert "personal data is deleted 8 months later" in message


def test_scheduling_links_to_the_first_meeting(staff):
    vawg = Forum.objects.get(slug="vawg")
    first_day = timezone.localdate() + datetime.timedelta(days=10)

    response = staff.post(
        reverse("admin:forums_meeting_schedule"),
        {
            "forum": vawg.pk,
            "first_day": f"{first_day:%Y-%m-%d}",
            "start_time": "18:30",
            "count": "3",
            "mode": "IN_PERSON",
            "venue": "City Hall",
        },
    )

    first = vawg.meetings.order_by("starts_at").first()
    (message,) = messages_of(response)
    assert message.startswith(f"3 meetings of {vawg.name} scheduled, every six weeks from ")
    assert "6:30 p.m." in message
    assert reverse("forums:meeting", args=[vawg.slug, first.pk]) in message


def test_taking_attendance_counts_and_links_to_the_claims(staff):
    membership = make_member("vawg", started_days_ago=60)
    meeting = make_meeting("vawg", days_ahead=-3)

    response = staff.post(
        reverse("admin:forums_meeting_attendance", args=[meeting.pk]),
        {"attended": [membership.pk]},
    )

    (message,) = messages_of(response)
    assert message.startswith("Attendance recorded: 1 of 1 member attended. <a href=")
    assert "See the claims to decide for this forum</a>" in message


def test_deciding_a_claim_links_to_the_next_one(staff):
    membership = make_member("vawg", started_days_ago=60)
    meeting = make_meeting("vawg", days_ahead=-3)
    meetings.attendance_record(meeting=meeting, attended_ids={membership.pk})
    first = claims.claim_submit(
        membership=membership, meeting=meeting, kind="TRAVEL", amount="8.40"
    )
    second = claims.claim_submit(
        membership=membership, meeting=meeting, kind="INCENTIVE", amount=None
    )

    response = staff.post(
        reverse("admin:forums_expenseclaim_decide", args=[first.pk]), {"decision": "approve"}
    )

    url = reverse("admin:forums_expenseclaim_decide", args=[second.pk])
    assert messages_of(response) == [
        f"The claim of {membership.application.reference} for £8.40 is approved. "
        f'<a href="{url}">Decide the next claim</a>'
    ]
