"""The forum pages for facilitators and the partner pass axe in Chromium."""

from forums.permissions import sync_forum_access
from programme.models import Forum
from tests.browser.conftest import assert_accessible
from tests.browser.test_panel import sign_in
from tests.factories import ApplicationFactory, UserFactory


def test_partner_forum_pages_are_accessible(page):
    forum = Forum.objects.get(slug="lgbtq-victims")
    ApplicationFactory(status="IN_REVIEW", forums=[forum])
    user = UserFactory(role="External partner")
    forum.run_by.members.add(user)
    sync_forum_access(forum)

    sign_in(page, user)
    page.goto("/forums/")
    assert_accessible(page)
    page.get_by_role("link", name="LGBTQ+ victims").click()
    assert "Applications" in page.content()
    assert_accessible(page)
