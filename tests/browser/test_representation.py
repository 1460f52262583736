"""The forum's representation page passes axe in Chromium."""

import datetime

from django.utils import timezone

from applications.models import EqualityMonitoring
from forums.services.memberships import membership_create
from programme.models import Forum
from tests.browser.conftest import assert_accessible
from tests.browser.test_panel import sign_in
from tests.factories import ApplicationFactory, UserFactory


def test_the_representation_page_is_accessible(page):
    forum = Forum.objects.get(slug="black-communities")
    started = timezone.localdate() - datetime.timedelta(days=30)
    for i in range(7):
        application = ApplicationFactory(status="ACCEPTED", forums=[forum])
        EqualityMonitoring.objects.create(
            application=application,
            ethnic_group="BLACK_CARIBBEAN" if i < 5 else "MIXED_WHITE_BLACK_CARIBBEAN",
            religion="CHRISTIAN",
            gender_identity="WOMAN" if i < 5 else "NON_BINARY",
        )
        membership_create(application=application, forum=forum, started_on=started)
    sign_in(page, UserFactory(role="VVF staff", is_staff=True))

    page.goto(f"/admin/programme/forum/{forum.pk}/")
    page.get_by_role("link", name="Representation compared with London").click()

    assert page.get_by_role("heading", name="Ethnic group").is_visible()
    assert page.get_by_role("table", name="Religion: the forum's current members and London")
    gender = page.get_by_role(
        "table", name="Gender identity: the forum's current members and London"
    )
    # Two non-binary members are hidden, and so the five women are too.
    assert gender.get_by_role("row", name="Woman").get_by_role("cell").all_inner_texts() == [
        "[c]",
        "[c]",
        "No census equivalent",
        "None: the census asked nothing like this",
    ]
    assert page.get_by_role(
        "table", name="Gender identity: London's census categories that none of our answers match"
    ).is_visible()
    assert page.get_by_text("Official statistics in development:", exact=True).count() == 2
    assert_accessible(page)
