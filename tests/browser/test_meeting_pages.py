"""Members' pages and the staff meeting pages pass axe in Chromium, error states too."""

from forums import services
from forums.models import MemberLink
from forums.permissions import sync_forum_access
from tests.browser.conftest import assert_accessible
from tests.browser.test_panel import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_meeting, make_member


def sign_in_member(page, membership):
    link = MemberLink.objects.create(membership=membership, nonce="browser-test-nonce-1")
    page.goto(f"/member/sign-in/{services.member_link_token(link)}/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/member/")


def test_a_member_signs_in_answers_and_proposes(page):
    page.goto("/member/sign-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Send me a sign-in link").click()
    assert "Enter your email address" in page.content()
    assert_accessible(page)

    member = make_member(full_name="Rosa Member")
    meeting = make_meeting(venue="City Hall, Kamal Chunchie Way")
    services.invitations_send(meeting=meeting)
    services.agenda_item_add(meeting=meeting, title="Updates on investigations")
    services.agenda_publish(meeting=meeting)
    sign_in_member(page, member)
    assert_accessible(page)

    page.get_by_role("link", name=meeting.starts_at.strftime("%A")).first.click()
    assert "Updates on investigations" in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Save your answer", exact=True).click()
    assert "Select whether you can come to this meeting" in page.content()
    assert_accessible(page)
    page.get_by_label("Yes, I will be there").check()
    page.get_by_role("button", name="Save your answer", exact=True).click()
    assert "your answer is saved" in page.content()

    page.get_by_label("What would you like the forum to discuss?").fill("Court delays")
    page.get_by_role("button", name="Send your suggestion").click()
    assert "Court delays" in page.content()
    assert_accessible(page)


def test_staff_meeting_pages_are_accessible(page):
    facilitator = UserFactory(role="Facilitator")
    meeting = make_meeting()
    meeting.forum.facilitators.add(facilitator)
    sync_forum_access(meeting.forum)
    member = make_member()
    services.invitations_send(meeting=meeting)
    services.agenda_item_propose(meeting=meeting, membership=member, title="Victim care")

    sign_in(page, facilitator)
    page.goto(f"/forums/{meeting.forum.slug}/meetings/{meeting.pk}/")
    assert_accessible(page)
    page.get_by_label("Do not put it on the agenda").check()
    page.get_by_role("button", name="Save decision").click()
    assert "Give a short reason the member will see" in page.content()
    assert_accessible(page)

    page.goto(f"/forums/{meeting.forum.slug}/meetings/{meeting.pk}/change/")
    assert_accessible(page)
    page.get_by_label("Ends at").fill("1:00")
    page.get_by_role("button", name="Save and tell members").click()
    assert "The meeting must end after it starts" in page.content()
    assert_accessible(page)
