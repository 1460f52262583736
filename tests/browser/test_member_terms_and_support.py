"""The Terms of Reference page, asking for support after a meeting, and the facilitator's
view of the request pass axe in Chromium, error states included."""

from applications.models import ConsentDocument
from forums.models import MemberLink
from forums.services import meetings, member_links
from tests.browser.conftest import assert_accessible
from tests.browser.test_panel import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_meeting, make_member


def test_a_member_agrees_to_new_terms_then_asks_for_support(page):
    member = make_member(full_name="Rosa Member")
    meeting = make_meeting(days_ahead=-1)
    meetings.attendance_record(meeting=meeting, attended_ids={member.pk})
    # A new version (its id given: the restored wordings leave the id sequence behind).
    ConsentDocument.objects.create(
        pk=1000, kind="TERMS_OF_REFERENCE", version=2, title="Terms of Reference", body="Be kind."
    )

    link = MemberLink.objects.create(membership=member, nonce="browser-terms-nonce")
    page.goto(f"/member/sign-in/{member_links.member_link_token(link)}/")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/member/terms-of-reference/")
    assert "Be kind." in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    assert "Tick the box to say you agree" in page.content()
    assert_accessible(page)
    page.get_by_label("I have read the Terms of Reference and agree to them").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/member/")

    page.goto(f"/member/meetings/{meeting.pk}/")
    assert_accessible(page)
    words = page.get_by_label("Is there anything you would like us to know first?")
    words.fill("x" * 1001)
    page.get_by_role("button", name="Ask for someone to contact me").click()
    assert "There is a problem" in page.content()
    assert_accessible(page)
    page.get_by_label("Is there anything you would like us to know first?").fill("Thank you")
    page.get_by_label("Phone call").check()
    page.get_by_role("button", name="Ask for someone to contact me").click()
    assert "We will contact you" in page.content()
    assert "08 08 16 89 111" in page.content()
    assert_accessible(page)


def test_the_facilitator_sees_the_request_and_marks_it_done(page):
    from forums.permissions import sync_forum_access
    from forums.services import support

    member = make_member(full_name="Rosa Member")
    meeting = make_meeting(days_ahead=-1)
    support.support_request_make(
        meeting=meeting, membership=member, contact_by="EMAIL", words="It was hard"
    )
    facilitator = UserFactory(role="Facilitator")
    meeting.forum.facilitators.add(facilitator)
    sync_forum_access(meeting.forum)
    sign_in(page, facilitator)

    page.goto("/forums/")
    assert_accessible(page)
    page.get_by_role(
        "link", name=f"Violence against women and girls, {meeting.starts_at:%-d %B %Y}"
    ).click()
    assert "It was hard" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Mark as done").click()
    assert "the request is marked as done" in page.content()
    assert "It was hard" not in page.content()
    assert_accessible(page)
