"""Staff sign in through the real two-factor flow in Chromium."""

from base64 import b32decode

from django_otp.oath import totp

from tests.accounts.helpers import app_device, current_code
from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, UserFactory


def enter_password(page, email):
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()


def test_staff_sign_in_with_app_code_and_reach_the_applications(page):
    user = UserFactory(email="sam@example.com", role="VVF staff", is_staff=True)
    device = app_device(user)

    enter_password(page, "sam@example.com")
    page.get_by_label("Security code").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    assert "Enter the code" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/accounts/")
    assert_accessible(page)
    page.get_by_role("link", name="Review applications and manage forums in the admin").click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/applications/application/")
    assert "Select application to view" in page.content()


def test_first_sign_in_sets_up_the_authenticator_app(page):
    UserFactory(email="pat@example.com", role="Panel member")

    enter_password(page, "pat@example.com")
    page.wait_for_url("**/accounts/two-factor/set-up/")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    key = page.locator(".app-secret").inner_text().strip()
    assert_accessible(page)
    page.get_by_label("Security code").fill(f"{totp(b32decode(key)):06d}")
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/two-factor/set-up/done/")
    assert_accessible(page)
    page.get_by_role("button", name="Make backup codes").click()
    page.get_by_role("button", name="Make new backup codes").click()
    assert page.locator(".app-backup-codes li").count() == 10
    assert_accessible(page)
