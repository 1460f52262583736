"""Subject access and erasure on request: staff see and download everything held about
a person, and erase them through the retention code, audited with the reason."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Application, ApplicationEvent, Consent, ConsentDocument
from audit.models import AuditEntry
from forums.models import Attendance, ExpenseClaim, Invitation, Membership
from forums.services import claims, meetings, notes, support
from opportunities.services import interest_register
from privacy import holds, retention
from privacy.models import RetentionTombstone
from privacy.subject_access import sections, subject_data
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, UserFactory
from tests.forums.helpers import make_meeting, make_member
from tests.opportunities.helpers import make_opportunity

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def member():
    """A member with consents, an event, attendance, a claim with a receipt, an
    invitation they answered and a recording consent."""
    membership = make_member("vawg", started_days_ago=60, full_name="Sam Example")
    application = membership.application
    pnc_wording = ConsentDocument.objects.filter(kind=ConsentDocument.Kind.PNC_CHECK).first()
    Consent.objects.create(application=application, document=pnc_wording, given=True)
    ApplicationEvent.objects.create(
        application=application, from_status="PANEL", to_status="ACCEPTED", reason="Welcome"
    )
    past = make_meeting("vawg", days_ahead=-10)
    meetings.attendance_record(meeting=past, attended_ids={membership.pk})
    claims.claim_submit(
        membership=membership,
        meeting=past,
        kind=ExpenseClaim.Kind.TRAVEL,
        amount="8.40",
        receipt=SimpleUploadedFile("bus.pdf", PDF, content_type="application/pdf"),
    )
    upcoming = make_meeting("vawg", days_ahead=14)
    meetings.invitations_send(meeting=upcoming)
    invitation = Invitation.objects.get(membership=membership, meeting=upcoming)
    meetings.invitation_answer(
        invitation=invitation, response=Invitation.Response.ATTENDING, access_needs="Step-free"
    )
    notes.recording_consent_record(meeting=upcoming, membership=membership, given=False)
    opportunity = make_opportunity("vawg", title="Observe police training")
    interest_register(opportunity=opportunity, membership=membership, needs="A quiet room")
    support.support_request_make(
        meeting=past, membership=membership, contact_by="PHONE", words="Hard evening"
    )
    return membership


@pytest.fixture
def staff():
    return UserFactory(role="VVF staff", is_staff=True)


def page(application):
    return reverse("admin:applications_application_subject_access", args=[application.pk])


def erase_url(application):
    return reverse("admin:applications_application_erase", args=[application.pk])


def test_subject_data_holds_everything_and_is_json(member):
    data = json.loads(json.dumps(subject_data(member.application)))

    assert data["application"]["email"] == member.application.email
    assert data["forums_chosen"] == [member.forum.name]
    assert [(c["document"], c["given"]) for c in data["consents"]] == [
        ("Terms of Reference", True),
        ("Police National Computer check", True),
        ("Meeting recording", False),
    ]
    assert data["consents"][2]["meeting"]["forum"] == member.forum.name
    assert data["status_history"][0]["reason"] == "Welcome"
    membership = data["membership"]
    assert membership["attendance"][0]["attended"] is True
    assert membership["invitations"][0]["access_needs"] == "Step-free"
    (claim,) = membership["expense_claims"]
    assert claim["amount"] == "8.40" and claim["receipt"].endswith(".pdf")
    (asked,) = membership["support_requests"]
    assert (asked["contact_by"], asked["words"]) == ("Phone call", "Hard evening")
    (interest,) = membership["opportunities_interested_in"]
    assert (interest["opportunity"], interest["needs"]) == (
        "Observe police training",
        "A quiet room",
    )
    assert data["pnc_check"] is None
    readable = {section["title"]: section for section in sections(data)}
    attendance = readable["Membership"]["tables"][0]
    assert attendance["title"] == "Attendance"
    assert attendance["rows"][0][1] == "Yes"
    assert "T" not in attendance["rows"][0][0]  # London time, as people read it
    assert readable["PNC check"]["empty"]


def test_staff_read_the_page_and_download_the_json(client, member, staff):
    sign_in(client, staff)
    reference = member.application.reference

    response = client.get(page(member.application))
    assert response.status_code == 200
    assert "Sam Example" in response.content.decode()
    assert "Step-free" in response.content.decode()

    download = client.get(page(member.application), {"format": "json"})
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/json")
    assert download["Content-Disposition"] == (
        f'attachment; filename="subject-access-{reference}.json"'
    )
    data = json.loads(download.content)
    assert data["application"]["reference"] == reference
    assert data["application"]["email"] == member.application.email
    assert len(data["consents"]) == 3  # Terms of Reference, PNC check, about recording
    assert data["membership"]["attendance"]
    exports = AuditEntry.objects.filter(action="EXPORT", object_ref=str(member.application.pk))
    assert exports.count() == 2


@pytest.mark.parametrize("role", ["Panel member", "External partner", "Facilitator", "Police lead"])
def test_other_roles_get_404(client, member, user_with_role, role):
    sign_in(client, user_with_role(role))

    assert client.get(page(member.application)).status_code == 404
    assert client.get(page(member.application), {"format": "json"}).status_code == 404
    assert (
        client.post(erase_url(member.application), {"reason": "x", "confirm": "on"}).status_code
        == 404
    )
    assert Application.objects.filter(pk=member.application.pk).exists()


def test_unknown_application_is_404(client, staff):
    sign_in(client, staff)

    assert (
        client.get(
            reverse("admin:applications_application_subject_access", args=[999999])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("admin:applications_application_erase", args=[999999])).status_code
        == 404
    )


def test_erasure_deletes_everything_and_leaves_a_tombstone_and_the_reason(client, member, staff):
    sign_in(client, staff)
    application = member.application
    assert client.get(erase_url(application)).status_code == 200

    response = client.post(erase_url(application), {"reason": "REQUESTED", "confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:applications_application_changelist")
    assert not Application.objects.filter(pk=application.pk).exists()
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert not Consent.objects.filter(application_id=application.pk).exists()
    assert not ApplicationEvent.objects.filter(application_id=application.pk).exists()
    assert not Attendance.objects.filter(membership_id=member.pk).exists()
    assert not Invitation.objects.filter(membership_id=member.pk).exists()
    assert not ExpenseClaim.objects.filter(membership_id=member.pk).exists()
    tombstone = RetentionTombstone.objects.get(rule=retention.ERASURE_RULE)
    assert tombstone.deleted == 1
    entry = AuditEntry.objects.get(action="DELETE", object_ref=str(application.pk))
    assert entry.actor_id == staff.pk
    assert entry.detail == "erased on request: REQUESTED"
    assert entry.object_type == "applications.application"


def test_erasure_without_a_reason_from_the_list_is_refused(client, member, staff):
    sign_in(client, staff)

    response = client.post(erase_url(member.application), {"reason": "Asked", "confirm": "on"})
    assert response.status_code == 200
    unconfirmed = client.post(erase_url(member.application), {"reason": "REQUESTED"})
    assert unconfirmed.status_code == 200

    assert Application.objects.filter(pk=member.application.pk).exists()
    assert not RetentionTombstone.objects.filter(rule=retention.ERASURE_RULE).exists()
    with pytest.raises(ValueError, match="reason"):
        retention.erase(application=member.application, reason="Asked by 07700 900982", by=staff)
    assert Application.objects.filter(pk=member.application.pk).exists()


def test_erasure_deletes_a_held_application_too(staff):
    application = ApplicationFactory(status="WITHDRAWN")
    holds.hold_place(application=application, reason="complaint", by=staff)

    assert retention.erase(application=application, reason="REQUESTED", by=staff) == 1
    assert not Application.objects.filter(pk=application.pk).exists()
