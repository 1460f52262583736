"""You said, we did passes axe in Chromium, for a member and for the forum's facilitator."""

from feedback import services
from feedback.models import Status
from forums.permissions import sync_forum_access
from tests.browser.conftest import assert_accessible
from tests.browser.test_meeting_pages import sign_in_member
from tests.browser.test_panel import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_meeting, make_member


def answered_and_waiting():
    police = UserFactory(role="Police lead")
    meeting = make_meeting(days_ahead=-7)
    answered = services.recommendation_raise(
        forum=meeting.forum,
        meeting=meeting,
        title="Call victims back within a week",
        detail="Victims wait too long to hear about their case.",
        by=None,
    )
    services.recommendation_move(recommendation=answered, to_status=Status.SENT, by=None)
    services.recommendation_move(recommendation=answered, to_status=Status.UNDER_REVIEW, by=police)
    services.recommendation_move(
        recommendation=answered,
        to_status=Status.NOT_PURSUED,
        by=police,
        words="A national system decides this; we have passed it on.",
    )
    services.recommendation_raise(
        forum=meeting.forum,
        meeting=meeting,
        title="More evening meetings",
        detail="Many of us work during the day.",
        by=None,
    )
    return meeting.forum


def test_a_member_reads_what_happened_to_their_forums_ideas(page):
    answered_and_waiting()
    sign_in_member(page, make_member())

    page.get_by_role("link", name="You said, we did").click()
    page.wait_for_url("**/member/you-said-we-did/")
    assert "A national system decides this; we have passed it on." in page.content()
    assert_accessible(page)


def test_a_facilitator_reads_the_forums_you_said_we_did(page):
    forum = answered_and_waiting()
    facilitator = UserFactory(role="Facilitator")
    forum.facilitators.add(facilitator)
    sync_forum_access(forum)

    sign_in(page, facilitator)
    page.goto(f"/forums/{forum.slug}/")
    page.get_by_role("link", name="You said, we did").click()
    page.wait_for_url(f"**/feedback/{forum.slug}/you-said-we-did/")
    assert "More evening meetings" in page.content()
    assert_accessible(page)
