"""The monthly report pages pass axe in Chromium, the generate form's error state too."""

from django.utils import timezone

from feedback import services
from feedback.models import Theme
from tests.browser.conftest import assert_accessible
from tests.browser.test_panel import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_meeting


def test_a_police_lead_reads_and_generates_reports(page):
    meeting = make_meeting(days_ahead=-2)
    services.feedback_record(
        forum=meeting.forum,
        meeting=meeting,
        theme=Theme.objects.get(name__iexact="Court and CPS"),
        text="Court dates moved without notice.",
        by=None,
    )
    services.recommendation_raise(
        forum=meeting.forum,
        meeting=meeting,
        title="One named contact per case",
        detail="Victims want one named contact.",
        by=None,
    )
    sign_in(page, UserFactory(role="Police lead"))

    page.goto("/feedback/reports/")
    assert "No reports yet." in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Generate the report").click()
    assert "Select the month" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)

    month = timezone.localdate().replace(day=1)
    page.get_by_label("Month").select_option(month.isoformat())
    page.get_by_label("Forum").select_option(meeting.forum.slug)
    page.get_by_role("button", name="Generate the report").click()
    page.wait_for_url("**/feedback/reports/*/")
    assert "Court dates moved without notice." in page.content()
    assert "One named contact per case" in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Download as an encrypted spreadsheet").click()
    assert "Password" in page.content()
    assert_accessible(page)

    page.goto("/feedback/reports/")
    assert meeting.forum.name in page.content()
    assert_accessible(page)
