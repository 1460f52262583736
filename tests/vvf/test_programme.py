"""The programme home: the admin's index for VVF staff (vvf/home.py). Each line's
count is the number of rows of the list its link opens, and those are the rows the rule
finds."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import FACILITATOR, VVF_STAFF
from applications.models import Application, OnboardingConversation
from feedback.models import Recommendation
from forums.models import ExpenseClaim, Invitation, Meeting, MeetingNote, Membership
from privacy.models import RetentionHeartbeat, RetentionHold
from programme.models import Forum
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, UserFactory
from tests.forums.helpers import make_meeting, make_member
from vetting.models import PanelSeat, PncCheck, SuitabilityCase

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def staff_client():
    return sign_in(Client(), UserFactory(role=VVF_STAFF, is_staff=True))


def lines(response):
    return {
        line.label: line
        for section in response.context["programme"]["sections"]
        for line in section.lines
    }


def listed(client, url):
    """The primary keys the admin list at `url` shows, in its order."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert "e=1" not in response.get("Location", ""), url
    return [row.pk for row in response.context["cl"].result_list]


@pytest.fixture
def programme_data():
    """A little of everything the home counts, and rows each rule must leave out."""
    vawg = Forum.objects.get(slug="vawg")
    data = {}
    old = ApplicationFactory(forums=[vawg], submitted_at=days_ago(20))
    older = ApplicationFactory(forums=[vawg], submitted_at=days_ago(41))
    newest = ApplicationFactory(forums=[vawg], submitted_at=days_ago(2))
    ApplicationFactory(forums=[vawg], status="IN_REVIEW")
    data["review"] = [older.pk, old.pk, newest.pk]

    to_hold = ApplicationFactory(forums=[vawg], status="ONBOARDING")
    held = ApplicationFactory(forums=[vawg], status="ONBOARDING")
    OnboardingConversation.objects.create(
        application=held, held_on=timezone.localdate(), outcome="PROCEED"
    )
    data["onboarding"] = [to_hold.pk]

    choose = ApplicationFactory(
        status="ACCEPTED", forums=[vawg, Forum.objects.get(slug="black-communities")]
    )
    data["forum"] = [choose.pk]

    overdue_app = ApplicationFactory(forums=[vawg], status="PNC_CHECK")
    waiting_app = ApplicationFactory(forums=[vawg], status="PNC_CHECK")
    overdue = PncCheck.objects.create(
        application=overdue_app, requested_on=timezone.localdate() - datetime.timedelta(weeks=7)
    )
    waiting = PncCheck.objects.create(application=waiting_app, requested_on=timezone.localdate())
    data["pnc waiting"], data["pnc overdue"] = [overdue.pk, waiting.pk], [overdue.pk]

    panel_app = ApplicationFactory(forums=[vawg], status="PANEL")
    check = PncCheck.objects.create(
        application=panel_app, requested_on=timezone.localdate(), result="DISCLOSURE"
    )
    case = SuitabilityCase.objects.create(
        check_record=check, result_received_on=timezone.localdate()
    )
    for seat, decision in [("MOPAC", "ACCEPT"), ("MPS", ""), ("FACILITATOR", "")]:
        PanelSeat.objects.create(case=case, seat=seat, member=UserFactory(), decision=decision)
    data["case"] = [case.pk]

    member = make_member("vawg")
    ending = make_member("vawg")
    ending.ended_on = timezone.localdate() + datetime.timedelta(days=60)
    ending.save()
    left = make_member("vawg")
    left.ended_on = left.left_on = timezone.localdate() - datetime.timedelta(days=3)
    left.save()
    data["current vawg"] = sorted([member.pk, ending.pk])
    data["ending"] = [ending.pk]

    coming = make_meeting("vawg", days_ahead=10)
    later = make_meeting("vawg", days_ahead=60)
    past = make_meeting("vawg", days_ahead=-20)
    Invitation.objects.create(meeting=coming, membership=member, access_needs="Step-free access")
    Invitation.objects.create(meeting=later, membership=member)
    MeetingNote.objects.create(meeting=past, recording="recordings/x.mp3")
    data["coming"] = [coming.pk]
    data["recording"] = [past.pk]

    to_decide = ExpenseClaim.objects.create(
        membership=member, meeting=past, kind="TRAVEL", amount=Decimal("5")
    )
    exported = ExpenseClaim.objects.create(
        membership=member,
        meeting=past,
        kind="OTHER",
        amount=Decimal("5"),
        status="APPROVED",
        decided_at=days_ago(10),
        exported_at=days_ago(5),
    )
    not_exported = ExpenseClaim.objects.create(
        membership=member,
        meeting=past,
        kind="TRAVEL",
        amount=Decimal("5"),
        status="APPROVED",
        decided_at=days_ago(1),
    )
    data["decide"], data["export"] = [to_decide.pk], [not_exported.pk]
    assert exported.pk not in data["export"]

    late = Recommendation.objects.create(
        forum=vawg,
        meeting=past,
        title="Late",
        detail="Call back.",
        status="SENT",
        raised_at=days_ago(100),
    )
    Recommendation.objects.create(forum=vawg, meeting=past, title="New", detail="Call back.")
    data["late"] = [late.pk]

    gone = ApplicationFactory(forums=[vawg], status="WITHDRAWN", closed_at=days_ago(170))
    kept = ApplicationFactory(forums=[vawg], status="WITHDRAWN", closed_at=days_ago(170))
    ApplicationFactory(forums=[vawg], status="WITHDRAWN", closed_at=days_ago(100))
    RetentionHold.objects.create(application=kept, reason="A complaint.", placed_at=days_ago(9))
    data["deletion"], data["held"] = [gone.pk], [kept.pk]
    data["held reference"] = kept.reference
    RetentionHeartbeat.objects.create(completed_at=days_ago(1))
    return data


def test_the_home_counts_each_line_as_the_list_behind_it(staff_client, programme_data):
    response = staff_client.get(reverse("admin:index"))

    assert response.status_code == 200
    found = lines(response)
    for line in found.values():
        if line.count is not None:
            assert len(listed(staff_client, line.url)) == line.count, line.label


@pytest.mark.parametrize(
    "label, key",
    [
        ("Applications waiting for review", "review"),
        ("Onboarding conversations to hold", "onboarding"),
        ("Accepted applicants who chose several forums: a forum to choose", "forum"),
        ("PNC checks requested, waiting for the result", "pnc waiting"),
        ("PNC checks past six weeks (overdue)", "pnc overdue"),
        ("Suitability cases waiting for the Metropolitan Police Service seat", "case"),
        ("Tenures ending in the next 90 days", "ending"),
        ("Meetings in the next six weeks", "coming"),
        ("of them, with invitations not yet answered", "coming"),
        ("of them, with access needs to arrange", "coming"),
        ("Recordings waiting for their note to be final", "recording"),
        ("Expense claims to decide", "decide"),
        ("Approved claims not yet in a month's finance export", "export"),
        ("Over 90 days without an answer", "late"),
        ("Deletions due in the next 30 days", "deletion"),
        ("Applications held from deletion", "held"),
    ],
)
def test_each_line_links_to_exactly_its_rows(staff_client, programme_data, label, key):
    line = lines(staff_client.get(reverse("admin:index")))[label]

    rows = listed(staff_client, line.url)

    assert line.count == len(programme_data[key])
    if key == "review":
        assert rows == programme_data[key]  # oldest first
    else:
        assert sorted(rows) == sorted(programme_data[key])


def test_the_oldest_waiting_applications_show_their_age_in_days(staff_client, programme_data):
    line = lines(staff_client.get(reverse("admin:index")))["Applications waiting for review"]

    ages = [text.rsplit(", ", 1)[1] for text, _url in line.items]

    assert ages == ["41 days", "20 days", "2 days"]


def test_the_seat_that_has_decided_waits_for_nothing(staff_client, programme_data):
    found = lines(staff_client.get(reverse("admin:index")))

    assert found["Suitability cases waiting for the MOPAC seat"].count == 0
    assert found["Suitability cases waiting for the Forum facilitator seat"].count == 1


def test_each_forum_shows_its_current_members_and_its_representation(staff_client, programme_data):
    response = staff_client.get(reverse("admin:index"))
    vawg = next(f for f in response.context["programme"]["forums"] if f.slug == "vawg")

    assert vawg.current == 2
    assert vawg.ending == 1
    assert sorted(listed(staff_client, vawg.members_url)) == programme_data["current vawg"]
    assert staff_client.get(vawg.representation_url).status_code == 200
    assert vawg.representation_url in response.content.decode()


def test_the_holds_show_their_age_and_the_last_run(staff_client, programme_data):
    found = lines(staff_client.get(reverse("admin:index")))

    assert found["Applications held from deletion"].items[0][0] == (
        f"{programme_data['held reference']}, held 9 days"
    )
    assert found["Last retention run"].detail != "The retention sweep has not run yet."


def test_the_charts_are_svg_images_with_their_figures_in_a_table(staff_client, programme_data):
    response = staff_client.get(reverse("admin:index"))
    page = response.content.decode()
    programme = response.context["programme"]

    assert page.count('<svg role="img"') == 2
    assert "<script" not in page.split('id="programme"')[1].split("Everything else")[0]
    submitted = next(s for s in programme["pipeline"]["stages"] if s["label"] == "Submitted")
    assert submitted["total"] == 3
    # Every application here was received in the last 12 weeks.
    assert sum(week["count"] for week in programme["weekly"]["weeks"]) == (
        Application.objects.count()
    )


def test_other_roles_see_the_stock_index():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client = sign_in(Client(), superuser)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "programme" not in response.context
    assert response.context["title"] == "Run the programme"
    assert '<svg role="img"' not in response.content.decode()


def test_the_home_is_out_of_reach_of_a_facilitator():
    client = sign_in(Client(), UserFactory(role=FACILITATOR))

    assert client.get(reverse("admin:index")).status_code == 404


def test_the_lists_filter_as_the_home_counts_for_meetings(staff_client, programme_data):
    """Invitations answered, or a member not coming, leave nothing to arrange."""
    Invitation.objects.filter(meeting_id__in=programme_data["coming"]).update(
        response="NOT_ATTENDING", answered_at=timezone.now()
    )
    found = lines(staff_client.get(reverse("admin:index")))

    assert found["of them, with invitations not yet answered"].count == 0
    assert found["of them, with access needs to arrange"].count == 0
    assert listed(staff_client, found["of them, with access needs to arrange"].url) == []
    assert Meeting.objects.coming().count() == 1
    assert Membership.objects.tenure_ending().count() == 1
