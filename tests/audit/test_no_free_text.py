"""The audit trail holds ids, codes and fixed words only (issue 16, decision 15): every
free-text field of every staff action that audits carries a canary, and the canary is
found nowhere in the trail. audit_record itself refuses anything else."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from applications.models import Application
from audit.models import AuditEntry
from audit.services import Action, audit_record
from feedback import services as feedback_services
from forums.models import ExpenseClaim
from programme.models import Forum
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, UserFactory
from tests.forums.helpers import make_meeting, make_member
from tests.forums.test_claims import attended, submit
from tests.forums.test_imports import xlsx
from tests.vetting.helpers import open_case, panel

pytestmark = pytest.mark.django_db

CANARY = "Zqx Canary 07700 900982"
# Words for a forum's timeline, where a member's name would be refused.
WORDS = "Qvw: this cannot be done this year."


def trail():
    """Every column of every audit entry, as text, by raw SQL."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_auditentry::text FROM audit_auditentry")
        return "\n".join(row for (row,) in cursor.fetchall())


@pytest.fixture
def staff():
    return sign_in(Client(), UserFactory(role="VVF staff", is_staff=True))


def test_no_canary_typed_into_a_staff_action_reaches_the_audit_trail(staff):
    def admin(name, *args):
        return reverse(f"admin:{name}", args=args)

    # Moves, with a reason.
    moved = ApplicationFactory(full_name=CANARY)
    staff.post(
        admin("applications_application_move", moved.pk),
        {"to_status": "IN_REVIEW", "reason": CANARY},
    )
    # The onboarding conversation, with notes.
    onboarded = ApplicationFactory(status="ONBOARDING", full_name=CANARY)
    staff.post(
        admin("applications_application_onboarding", onboarded.pk),
        {"held_on": "2026-11-20", "outcome": "PROCEED", "notes": CANARY},
    )
    # A retention hold, with its reason, placed and lifted.
    held = ApplicationFactory(status="WITHDRAWN", full_name=CANARY)
    staff.post(admin("applications_application_hold", held.pk), {"reason": CANARY})
    staff.post(admin("applications_application_hold", held.pk), {"lift": "1"})
    # Erasure: a typed reason is not one of the choices, and erases nothing.
    erased = ApplicationFactory(status="WITHDRAWN", full_name=CANARY)
    url = admin("applications_application_erase", erased.pk)
    refused = staff.post(url, {"reason": CANARY, "confirm": "on"})
    assert (refused.status_code, Application.objects.filter(pk=erased.pk).exists()) == (200, True)
    staff.post(url, {"reason": "REQUESTED", "confirm": "on"})
    assert not Application.objects.filter(pk=erased.pk).exists()
    # A PNC disclosure, and the panel's decisions with their reasons.
    seats = panel()
    case, _seats = open_case(seats=seats)
    for member in seats.values():
        panel_client = sign_in(Client(), member)
        panel_client.post(
            reverse("vetting:case", args=[case.pk]), {"decision": "ACCEPT", "rationale": CANARY}
        )
    # Claims: the member's description, and staff refusing it with a reason.
    member = make_member("vawg", started_days_ago=60, full_name=CANARY)
    claim = submit(member, attended(member), description=CANARY)
    staff.post(
        admin("forums_expenseclaim_decide", claim.pk), {"decision": "reject", "reason": CANARY}
    )
    assert ExpenseClaim.objects.get(pk=claim.pk).reason == CANARY
    # The pilot import, with the canary as a member's name.
    pilot = Forum.objects.get(slug="pilot")
    pilot.launch_date = datetime.date.today() - datetime.timedelta(days=400)
    pilot.save()
    started = datetime.date.today() - datetime.timedelta(days=10)
    rows = [[CANARY, CANARY.split()[0], "zqx@example.com", "07700 900982", started, CANARY]]
    checked = staff.post(
        admin("forums_membership_import"),
        {"forum": pilot.pk, "file": _upload(xlsx(rows))},
    )
    staff.post(admin("forums_membership_import"), {"signed_rows": checked.context["signed_rows"]})
    assert Application.objects.filter(full_name=CANARY, forums=pilot).exists()
    # A recommendation's move, with the words for the timeline.
    meeting = make_meeting(days_ahead=-3)
    lead = UserFactory(role="Police lead")
    recommendation = feedback_services.recommendation_raise(
        forum=meeting.forum,
        meeting=meeting,
        title="Named officer",
        detail="One contact.",
        by=None,
    )
    for to_status in ("SENT", "UNDER_REVIEW"):
        feedback_services.recommendation_move(
            recommendation=recommendation, to_status=to_status, by=None
        )
    sign_in(Client(), lead).post(
        reverse("feedback:recommendation-move", args=[recommendation.pk]),
        {"to_status": "NOT_PURSUED", "words": WORDS},
    )

    # Each action above was audited, in its own fixed words.
    assert {detail for (detail,) in AuditEntry.objects.values_list("detail")} >= {
        "status IN_REVIEW",
        "onboarding PROCEED",
        "retention hold placed",
        "retention hold lifted",
        "erased on request: REQUESTED",
        "criminal record information recorded",
        "panel seat decision",
        "result recorded",
        "claim TRAVEL",
        "claim SUBMITTED -> REJECTED",
        "imported 1 members",
        "status NOT_PURSUED",
    }
    assert CANARY not in trail()
    assert "Zqx" not in trail()
    assert "Qvw" not in trail()
    assert "VVF-" not in trail()


def _upload(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("members.xlsx", content)


@pytest.mark.parametrize(
    "call",
    [
        {"detail": "erased on request: asked by 07700 900982"},
        {"detail": "status {}", "values": ["typed words"]},
        {"detail": "{} rows", "values": [1.5]},
        {"object_type": "applications.application", "object_id": "VVF-7K3P-9QXM"},
    ],
)
def test_the_trail_refuses_anything_but_its_own_words(call):
    with pytest.raises(ValueError, match="audit trail"):
        audit_record(actor=None, action=Action.CHANGE, **call)

    assert AuditEntry.objects.count() == 0
