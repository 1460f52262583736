"""The pages the service adds to the admin (issue 17, point 5): drawn with the admin's own
form styles, one date format whose hint matches what is filled in, and no inline style,
which the CSP blocks."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from programme.models import Forum
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, UserFactory
from tests.forums.helpers import make_meeting, make_member
from tests.vetting.helpers import application_at_pnc, open_case
from vetting import services as vetting

pytestmark = pytest.mark.django_db

INLINE_STYLE = re.compile(r"<[^>]*\sstyle\s*=|<style\b", re.IGNORECASE)


@pytest.fixture
def staff(client):
    return sign_in(client, UserFactory(role="VVF staff", is_staff=True))


def every_page_the_service_adds():
    """(name, url) of each page, with the records it needs."""
    vawg, black = Forum.objects.get(slug="vawg"), Forum.objects.get(slug="black-communities")
    application = ApplicationFactory(status="IN_REVIEW", forums=[vawg])
    onboarding = ApplicationFactory(status="ONBOARDING", forums=[vawg])
    at_pnc = application_at_pnc()
    check = vetting.check_request(
        application=application_at_pnc(), requested_on=timezone.localdate(), by=None
    )
    case, _seats = open_case()
    accepted = ApplicationFactory(status="ACCEPTED", forums=[vawg, black])
    membership = make_member("vawg", started_days_ago=60)
    meeting = make_meeting("vawg", days_ahead=-5)
    from forums.services import claims, meetings

    meetings.attendance_record(meeting=meeting, attended_ids={membership.pk})
    claim = claims.claim_submit(
        membership=membership, meeting=meeting, kind="TRAVEL", amount="8.40"
    )
    held = ApplicationFactory(status="IN_REVIEW", forums=[vawg])
    from privacy import holds

    holds.hold_place(application=held, reason="An open complaint", by=None)
    from opportunities.services import interest_register
    from tests.opportunities.helpers import make_opportunity

    draft = make_opportunity("vawg", publish=False)
    for_the_met = make_opportunity("vawg", run_by="MET")
    interest_register(opportunity=for_the_met, membership=membership, needs="A lift")
    pages = {
        "move": ("admin:applications_application_move", [application.pk]),
        "onboarding": ("admin:applications_application_onboarding", [onboarding.pk]),
        "PNC request": ("admin:vetting_pnccheck_request", [at_pnc.pk]),
        "PNC result": ("admin:vetting_pnccheck_result", [check.pk]),
        "hold": ("admin:applications_application_hold", [application.pk]),
        "lift the hold": ("admin:applications_application_hold", [held.pk]),
        "erase": ("admin:applications_application_erase", [application.pk]),
        "subject access": (
            "admin:applications_application_subject_access",
            [membership.application.pk],
        ),
        "export": ("admin:applications_application_export", []),
        "retention": ("admin:applications_application_retention", []),
        "make member": ("admin:forums_membership_make", [accepted.pk]),
        "leave": ("admin:forums_membership_leave", [membership.pk]),
        "schedule": ("admin:forums_meeting_schedule", []),
        "attendance": ("admin:forums_meeting_attendance", [meeting.pk]),
        "claim decision": ("admin:forums_expenseclaim_decide", [claim.pk]),
        "claims export": ("admin:forums_expenseclaim_export", []),
        "import": ("admin:forums_membership_import", []),
        "representation": ("admin:programme_forum_representation", [vawg.pk]),
        # The admin's own pages the service's buttons and names sit on.
        "application": ("admin:applications_application_change", [application.pk]),
        "PNC check": ("admin:vetting_pnccheck_change", [check.pk]),
        "suitability case": ("admin:vetting_suitabilitycase_change", [case.pk]),
        "suitability cases": ("admin:vetting_suitabilitycase_changelist", []),
        "audit trail": ("admin:audit_auditentry_changelist", []),
        "forum": ("admin:programme_forum_change", [vawg.pk]),
        "opportunity": ("admin:opportunities_opportunity_change", [for_the_met.pk]),
        "publish": ("admin:opportunities_opportunity_publish", [draft.pk]),
        "share with the Met": ("admin:opportunities_opportunity_met_export", [for_the_met.pk]),
    }
    return {name: reverse(url, args=args) for name, (url, args) in pages.items()}


def test_no_admin_page_the_service_adds_has_inline_style(staff):
    pages = every_page_the_service_adds()
    found = {}

    for name, url in pages.items():
        response = staff.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        found[name] = INLINE_STYLE.findall(html)
        assert "admin-extra.css" in html, name

    assert found == dict.fromkeys(pages, [])


def test_the_forms_are_drawn_as_the_admin_draws_them(staff):
    response = staff.get(reverse("admin:forums_meeting_schedule"))

    html = response.content.decode()
    assert '<fieldset class="module aligned ">' in html
    assert html.count('class="form-row') == 7
    # The hint under its field, tied to it, as in a change form.
    assert '<div class="help" id="id_first_day_helptext">' in html
    assert 'aria-describedby="id_first_day_helptext"' in html


def test_a_form_with_errors_shows_the_admins_error_note_and_lists(staff):
    response = staff.post(reverse("admin:forums_meeting_schedule"), {"count": "1"})

    html = response.content.decode()
    assert '<p class="errornote">' in html
    assert "Please correct the errors below." in html
    assert '<div class="form-row errors field-first_day">' in html
    required = "<li>This field is required.</li>"
    assert f'<ul class="errorlist" id="id_first_day_error">{required}</ul>' in html


def test_a_date_is_hinted_filled_in_and_read_in_one_format(staff):
    application = application_at_pnc()
    url = reverse("admin:vetting_pnccheck_request", args=[application.pk])
    today = timezone.localdate()

    html = staff.get(url).content.decode()
    refused = staff.post(url, {"requested_on": f"{today:%d/%m/%Y}"})
    taken = staff.post(url, {"requested_on": f"{today:%Y-%m-%d}"})

    assert "For example, 2027-01-14" in html
    assert f'name="requested_on" value="{today:%Y-%m-%d}"' in html
    assert refused.status_code == 200
    assert "Enter a valid date." in refused.content.decode()
    assert taken.status_code == 302
    assert application.pnc_check.requested_on == today


def test_the_admins_own_date_fields_show_and_read_the_same_format(staff):
    vawg = Forum.objects.get(slug="vawg")
    vawg.launch_date = datetime.date(2026, 3, 1)
    vawg.save()

    html = staff.get(reverse("admin:programme_forum_change", args=[vawg.pk])).content.decode()

    assert 'name="launch_date" value="2026-03-01"' in html


def test_the_subject_access_page_styles_come_from_the_admins_stylesheet(staff, client):
    membership = make_member("vawg")

    html = staff.get(
        reverse("admin:applications_application_subject_access", args=[membership.application.pk])
    ).content.decode()
    css = client.get("/static/admin-extra.css")

    assert '<ul class="object-tools">' in html
    assert css.status_code == 200
    stylesheet = b"".join(css.streaming_content).decode()
    assert "dl.subject-access" in stylesheet
    assert "#content .object-tools" in stylesheet
