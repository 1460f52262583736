"""The cookies page against the cookies Chromium really receives: applying, a staff
sign-in and a member's sign-in."""

import time

from tests.accounts.helpers import app_device, current_code
from tests.browser.test_member_claims import sign_in_member
from tests.browser.test_staff_sign_in import enter_password
from tests.factories import UserFactory
from tests.forums.helpers import make_member

HOUR = 60 * 60
YEAR = 365 * 24 * HOUR


def received(page):
    """{name: seconds until it expires} of the cookies the browser holds now."""
    now = time.time()
    return {cookie["name"]: cookie["expires"] - now for cookie in page.context.cookies()}


def in_hours(seconds):
    assert seconds > 0, "a cookie that ends when the browser closes"
    return round(seconds / HOUR)


def test_the_cookies_page_lists_the_cookies_the_browser_receives(page):
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1990")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/apply/london/")
    applying = received(page)

    page.context.clear_cookies()
    user = UserFactory(email="sam@example.com", role="VVF staff", is_staff=True)
    device = app_device(user)
    enter_password(page, user.email)
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/accounts/")
    staff = received(page)

    page.context.clear_cookies()
    sign_in_member(page, make_member("vawg"))
    member = received(page)

    page.goto("/cookies/")
    rows = page.locator("table.govuk-table tbody tr").all()
    shown = {
        row.locator("td").nth(0).inner_text(): row.locator("td").nth(2).inner_text() for row in rows
    }

    assert set(applying) == set(staff) == set(member) == set(shown) == {"session", "csrftoken"}
    assert in_hours(applying["session"]) == in_hours(staff["session"]) == 2
    assert in_hours(member["session"]) == 4
    assert shown["session"] == (
        "2 hours after you last used the service (4 hours after signing in, for forum members "
        "signed in from their email link)"
    )
    assert round(applying["csrftoken"] / YEAR) == round(staff["csrftoken"] / YEAR) == 1
    assert shown["csrftoken"] == "1 year"
