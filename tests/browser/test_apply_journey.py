"""The whole application in headless Chromium, with axe-core on every page and every
error state."""

from applications.models import Application
from tests.browser.conftest import assert_accessible


def continue_(page):
    page.get_by_role("button", name="Continue").click()


def check_error_state(page, expected):
    continue_(page)
    assert page.locator(".govuk-error-summary").is_visible()
    assert expected in page.locator(".govuk-error-summary").inner_text()
    assert page.title().startswith("Error:")
    assert_accessible(page)


def test_apply_from_start_to_confirmation(page):
    page.goto("/")
    page.get_by_role("button", name="Start now").click()

    page.wait_for_url("**/apply/date-of-birth/")
    assert_accessible(page)
    check_error_state(page, "Enter your date of birth")
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1990")
    continue_(page)

    page.wait_for_url("**/apply/london/")
    assert_accessible(page)
    check_error_state(page, "Select if you live, work or study in London")
    page.get_by_label("I study in London").check()
    continue_(page)

    for slug, error in [
        ("victim", "Select yes if you have been a victim of crime in London"),
        ("pnc-check", "Select yes if you are willing to have a PNC check"),
        ("confidentiality", "Select yes if you will keep the forum’s discussions confidential"),
    ]:
        page.wait_for_url(f"**/apply/{slug}/")
        assert_accessible(page)
        check_error_state(page, error)
        page.get_by_label("Yes").check()
        continue_(page)

    page.wait_for_url("**/apply/forums/")
    assert_accessible(page)
    check_error_state(page, "Select at least one forum")
    page.get_by_label("LGBTQ+ victims").check()
    continue_(page)

    page.wait_for_url("**/apply/name/")
    assert_accessible(page)
    check_error_state(page, "Enter your full name")
    page.get_by_label("Full name").fill("Nguyễn Văn An")
    continue_(page)

    page.wait_for_url("**/apply/contact/")
    assert_accessible(page)
    check_error_state(page, "Enter your email address")
    page.get_by_label("Email address").fill("an@example.com")
    page.get_by_label("Text message").check()
    page.get_by_role("group", name="Is it safe for us to leave you messages?").get_by_label(
        "No"
    ).check()
    continue_(page)
    # A text message needs a number: the error keeps everything typed.
    assert "Enter a phone number" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Email address").input_value() == "an@example.com"
    assert_accessible(page)
    page.get_by_label("UK phone number (optional)").fill("07700 900 982")
    continue_(page)

    page.wait_for_url("**/apply/address/")
    assert_accessible(page)
    check_error_state(page, "Enter your postcode")
    page.get_by_label("Postcode").fill("N1 9GU")
    page.get_by_label("Which London borough do you live in?").select_option("ISLINGTON")
    continue_(page)

    page.wait_for_url("**/apply/support/")
    assert_accessible(page)
    page.get_by_label("Something else").check()
    check_error_state(page, "Tell us what other support you need")
    page.get_by_label("Tell us about any other support you need (optional)").fill("Breaks")
    continue_(page)

    page.wait_for_url("**/apply/why/")
    assert_accessible(page)
    check_error_state(page, "Tell us why you would like to join")
    page.get_by_label("Why would you like to join a Victim Voice Forum?").fill("To help.")
    page.get_by_label("I am interested in holding the police to account").check()
    continue_(page)

    page.wait_for_url("**/apply/agreement/")
    assert_accessible(page)
    check_error_state(page, "Agree to the PNC check to apply")
    page.get_by_label("I agree to the Police National Computer check").check()
    page.get_by_label("I agree to my details being shared with the external partner").check()
    page.get_by_label("I agree to follow the Terms of Reference").check()
    continue_(page)

    page.wait_for_url("**/apply/equality/")
    assert_accessible(page)
    page.get_by_role("group", name="What is your religion?").get_by_label(
        "Prefer not to say"
    ).check()
    continue_(page)

    page.wait_for_url("**/apply/check-your-answers/")
    assert_accessible(page)
    page.get_by_role("link", name="Change full name").click()
    page.wait_for_url("**/apply/name/?change=1")
    assert page.get_by_label("Full name").input_value() == "Nguyễn Văn An"
    page.get_by_label("Full name").fill("Nguyễn Văn Bình")
    page.get_by_role("button", name="Save and return to your answers").click()
    page.wait_for_url("**/apply/check-your-answers/")
    assert "Nguyễn Văn Bình" in page.content()

    page.get_by_role("button", name="Accept and send").click()
    page.wait_for_url("**/apply/application-sent/")
    assert_accessible(page)
    application = Application.objects.get()
    assert application.reference in page.locator(".govuk-panel").inner_text()
    assert application.full_name == "Nguyễn Văn Bình"


def test_browser_back_button_keeps_answers(page):
    page.goto("/apply/date-of-birth/")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("1980")
    continue_(page)
    page.wait_for_url("**/apply/london/")

    page.go_back()
    page.reload()

    assert page.get_by_label("Year").input_value() == "1980"
    page.get_by_role("link", name="Back").click()
    page.wait_for_url("**/")


def test_ineligible_page_is_accessible(page):
    page.goto("/apply/date-of-birth/")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2020")
    continue_(page)

    page.wait_for_url("**/apply/cannot-apply/age/")
    assert "16 or over" in page.content()
    assert_accessible(page)


def test_question_page_and_its_errors_are_accessible(page):
    page.goto("/ask-a-question/")
    assert_accessible(page)

    page.get_by_role("button", name="Send question").click()

    assert "Enter your question" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)


def test_save_for_later_pages_are_accessible(page):
    page.goto("/apply/date-of-birth/")
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_url("**/apply/save/")
    assert_accessible(page)
    page.get_by_role("button", name="Send me a link").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("later@example.com")
    page.get_by_role("button", name="Send me a link").click()
    page.wait_for_url("**/apply/saved/")
    assert_accessible(page)


def test_status_pages_are_accessible(page):
    from applications.services import status_token
    from tests.factories import ApplicationFactory

    token = status_token(ApplicationFactory(status="IN_REVIEW"))

    page.goto(f"/apply/status/{token}/")
    assert_accessible(page)
    page.get_by_role("link", name="Update your contact details").click()
    page.get_by_label("Email address").fill("")
    page.get_by_role("button", name="Save").click()
    assert_accessible(page)
    page.goto(f"/apply/status/{token}/withdraw/")
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_label("Yes, withdraw my application").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**/apply/status/{token}/")
    assert "You withdrew your application" in page.content()
    assert_accessible(page)


def test_timeout_warning_lets_you_carry_on_without_losing_what_you_typed(page, settings):
    # Warn 5 minutes before expiry: with a 302-second session, after 2 seconds.
    settings.SESSION_COOKIE_AGE = 302
    page.goto("/apply/date-of-birth/")
    page.get_by_label("Day").fill("12")

    dialog = page.get_by_role("dialog", name="Do you want to carry on?")
    dialog.wait_for(state="visible", timeout=10_000)
    assert_accessible(page)
    with page.expect_response("**/apply/keep-alive/") as keep_alive:
        dialog.get_by_role("button", name="Carry on with my application").click()

    assert keep_alive.value.status == 204
    assert not dialog.is_visible()
    assert page.get_by_label("Day").input_value() == "12"
