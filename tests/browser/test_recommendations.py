"""Recording feedback and answering a recommendation pass axe in Chromium."""

from feedback import services
from forums.permissions import sync_forum_access
from tests.browser.conftest import assert_accessible
from tests.browser.test_panel import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_meeting, make_member


def test_a_facilitator_records_feedback_and_raises_a_recommendation(page):
    facilitator = UserFactory(role="Facilitator")
    meeting = make_meeting(days_ahead=-2)
    meeting.forum.facilitators.add(facilitator)
    sync_forum_access(meeting.forum)
    make_member(full_name="Rosa Quintero")

    sign_in(page, facilitator)
    page.goto("/feedback/")
    assert_accessible(page)
    page.get_by_role("link", name="Record feedback").click()
    assert_accessible(page)
    page.locator("input[name=meeting]").first.check()
    page.get_by_label("Updates on investigations").check()
    page.get_by_label("What the forum said").fill("Rosa was never called back.")
    page.get_by_role("button", name="Record feedback").click()
    assert "Remove the name" in page.content()
    assert_accessible(page)
    page.get_by_label("What the forum said").fill("A member was never called back.")
    page.get_by_role("button", name="Record feedback").click()
    assert "Feedback recorded" in page.content()

    page.goto(f"/feedback/{meeting.forum.slug}/recommendations/new/")
    assert_accessible(page)
    page.get_by_label("Recommendation or request").fill("One named contact per victim")
    page.get_by_label("Detail").fill("Victims want one person to call.")
    page.locator("input[name=meeting]").first.check()
    page.get_by_role("button", name="Raise it").click()
    assert "One named contact per victim" in page.content()
    assert_accessible(page)


def test_a_police_lead_answers_a_recommendation(page):
    meeting = make_meeting(days_ahead=-2)
    recommendation = services.recommendation_raise(
        forum=meeting.forum, meeting=meeting, title="Text updates", detail="By SMS.", by=None
    )
    services.recommendation_move(recommendation=recommendation, to_status="SENT", by=None)
    police = UserFactory(role="Police lead")

    sign_in(page, police)
    page.goto("/feedback/recommendations/")
    assert_accessible(page)
    page.get_by_role("link", name="Text updates").click()
    assert_accessible(page)
    page.get_by_label("Under review by the Head of Profession").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_label("Not pursued").check()
    page.get_by_role("button", name="Save").click()
    assert "Explain to the forum why it will not be pursued" in page.content()
    assert_accessible(page)
