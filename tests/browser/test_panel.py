"""A panel member records a decision in Chromium; every panel page passes axe."""

from tests.accounts.helpers import app_device, current_code
from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD
from tests.vetting.helpers import OFFENCE, open_case


def sign_in(page, user):
    device = app_device(user)
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/accounts/")


def test_panel_member_records_a_decision(page):
    case, seats = open_case()
    sign_in(page, seats["FACILITATOR"])

    page.goto("/panel/")
    assert_accessible(page)
    page.get_by_role("link", name=case.application.reference).click()
    assert OFFENCE in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Record decision").click()
    assert (
        "Select whether to accept or withdraw" in page.locator(".govuk-error-summary").inner_text()
    )
    assert_accessible(page)

    page.get_by_label("Accept the application").check()
    page.get_by_label("Your reasons").fill("An old caution; no risk to the forum.")
    page.get_by_role("button", name="Record decision").click()

    assert "Your decision has been recorded" in page.content()
    assert_accessible(page)
    seat = case.seats.get(seat="FACILITATOR")
    assert seat.decision == "ACCEPT"
