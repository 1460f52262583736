"""Members' opportunities pages and staff's opportunity pages pass axe in Chromium, error
states included."""

from opportunities.models import Interest
from tests.browser.conftest import assert_accessible
from tests.browser.test_meeting_pages import sign_in_member
from tests.browser.test_panel import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_member
from tests.opportunities.helpers import make_opportunity


def test_a_member_finds_an_opportunity_says_yes_and_agrees_to_sharing(page):
    member = make_member(full_name="Rosa Member")
    opportunity = make_opportunity("vawg", run_by="MET", title="Observe police training")
    sign_in_member(page, member)

    page.get_by_role("link", name="Opportunities open to your forum").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save your answer").click()
    assert "Select whether you agree to your details being shared" in page.content()
    assert_accessible(page)
    page.get_by_label("Yes, I agree").check()
    page.get_by_role("button", name="Save your answer").click()
    assert "your answer is saved" in page.content()

    page.get_by_role("link", name="Observe police training").click()
    assert_accessible(page)
    page.get_by_label("Is there anything you would need to take part?").fill("x" * 1001)
    page.get_by_role("button", name="Say you are interested").click()
    assert "There is a problem" in page.content()
    assert_accessible(page)
    page.get_by_label("Is there anything you would need to take part?").fill("A quiet room")
    page.get_by_role("button", name="Say you are interested").click()
    assert "will be in touch with you" in page.content()
    assert_accessible(page)
    assert Interest.objects.get(opportunity=opportunity).needs == "A quiet room"


def test_staff_opportunity_pages_are_accessible(page):
    opportunity = make_opportunity("vawg", run_by="MET", publish=False)
    sign_in(page, UserFactory(role="VVF staff", is_staff=True))

    for url in [
        "/admin/opportunities/opportunity/",
        "/admin/opportunities/opportunity/add/",
        f"/admin/opportunities/opportunity/{opportunity.pk}/change/",
        f"/admin/opportunities/opportunity/{opportunity.pk}/publish/",
        f"/admin/opportunities/opportunity/{opportunity.pk}/met-export/",
    ]:
        page.goto(url)
        assert_accessible(page)
    page.goto("/admin/opportunities/opportunity/add/")
    page.get_by_role("button", name="Save", exact=True).click()
    assert page.title().startswith("Error:")
    assert_accessible(page)


def test_the_partners_opportunity_pages_are_accessible(page):
    from forums.permissions import sync_forum_access
    from programme.models import Forum

    partner = UserFactory(role="External partner")
    forum = Forum.objects.get(slug="disabled-victims")
    forum.run_by.members.add(partner)
    sync_forum_access(forum)
    sign_in(page, partner)

    page.goto("/opportunities/")
    assert_accessible(page)
    page.get_by_role("button", name="Write a new opportunity").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save as a draft").click()
    assert "Enter a title" in page.content()
    assert_accessible(page)
    opportunity = make_opportunity("disabled-victims", publish=False)
    page.goto(f"/opportunities/{opportunity.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Publish and tell members").click()
    assert "Published: members of its forums can see it" in page.content()
    assert_accessible(page)
