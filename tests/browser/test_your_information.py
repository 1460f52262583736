"""A member's own information pages pass axe in Chromium, error states included."""

from tests.browser.conftest import assert_accessible
from tests.browser.test_meeting_pages import sign_in_member
from tests.forums.helpers import make_member


def test_a_member_reads_their_information_changes_details_and_leaves(page):
    member = make_member(full_name="Rosa Member", email="rosa@example.com")
    sign_in_member(page, member)

    page.get_by_role("link", name="What we hold about you").click()
    assert "rosa@example.com" in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Your contact details and how we contact you").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Save").click()
    assert "There is a problem" in page.content()
    assert_accessible(page)
    page.get_by_label("Email address").fill("rosa.new@example.com")
    page.get_by_role("button", name="Save").click()
    assert "Your contact details have been updated" in page.content()

    page.get_by_role("link", name="Ask us to correct something").click()
    page.get_by_role("button", name="Send").click()
    assert "Enter what we should correct" in page.content()
    assert_accessible(page)

    page.goto("/member/your-information/leave/")
    assert_accessible(page)
    page.get_by_role("button", name="Leave the forum").click()
    assert "You have left the forum" in page.content()
    assert_accessible(page)
