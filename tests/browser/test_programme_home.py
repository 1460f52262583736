"""The programme home (the admin's index for VVF staff) passes axe in Chromium, and a
count leads to the list of exactly those rows."""

import datetime

from django.utils import timezone

from programme.models import Forum
from tests.browser.conftest import assert_accessible
from tests.browser.test_panel import sign_in
from tests.factories import ApplicationFactory, UserFactory
from tests.forums.helpers import make_meeting, make_member


def test_the_programme_home_is_accessible_and_its_counts_lead_to_their_rows(page):
    vawg = Forum.objects.get(slug="vawg")
    waiting = [
        ApplicationFactory(forums=[vawg], submitted_at=timezone.now() - datetime.timedelta(days=d))
        for d in (3, 12)
    ]
    ApplicationFactory(forums=[vawg], status="IN_REVIEW")
    make_member("vawg")
    make_meeting("vawg", days_ahead=7)
    sign_in(page, UserFactory(role="VVF staff", is_staff=True))

    page.goto("/admin/")

    assert page.get_by_role("heading", name="What needs doing today").is_visible()
    assert page.get_by_role("img", name="Open applications by stage and forum").is_visible()
    assert page.get_by_role("table", name="Applications received each week (weeks start on Monday)")
    assert_accessible(page)

    link = page.get_by_role("link", name="Applications waiting for review")
    assert link.inner_text().strip().split(":")[0].strip() == "2"
    link.click()
    page.wait_for_url("**/admin/applications/application/?todo=review")
    rows = page.locator("#result_list tbody tr th a").all_inner_texts()
    assert rows == [waiting[1].reference, waiting[0].reference]  # oldest first
