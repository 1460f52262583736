import pytest
from django.urls import reverse

from tests.browser.conftest import assert_accessible, axe_violations

PUBLIC_PAGES = [
    "start",
    "privacy",
    "accessibility",
    "cookies",
    "two_factor:login",
    "applications:question",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(page, name):
    page.goto(reverse(name))

    assert_accessible(page)
    # GOV.UK Frontend's JavaScript ran: the exit control is enhanced.
    assert page.locator("body.govuk-frontend-supported").count() == 1


def test_not_found_page_has_no_axe_violations(page):
    response = page.goto("/no-such-page/")

    assert response.status == 404
    assert_accessible(page)


def test_bad_request_page_has_no_axe_violations(page):
    # A host the service does not serve: Django answers 400 before any view.
    sent = page.request.get(reverse("start"), headers={"Host": "not-this-service.example"})
    assert sent.status == 400
    page.goto(reverse("start"))
    page.set_content(sent.text())

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Sorry, there is a problem with what was sent"
    )
    assert_accessible(page)


def test_request_too_large_page_has_no_axe_violations(page):
    page.goto(reverse("applications:step", args=["date-of-birth"]))
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1990")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/apply/london/")
    # The page sent with an answer of 3,000,000 characters, more than the service reads.
    page.locator("main form").evaluate(
        """form => {
            const answer = document.createElement("textarea");
            answer.name = "too_long";
            answer.hidden = true;
            answer.value = "x".repeat(3000000);
            form.append(answer);
        }"""
    )

    with page.expect_response("**/apply/london/") as sent:
        page.get_by_role("button", name="Continue").click()

    assert sent.value.status == 400
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "What you sent was too long for us to read"
    assert_accessible(page)
    page.get_by_role("button", name="Go back to the page").click()
    page.wait_for_url("**/apply/london/")
    page.get_by_role("link", name="Back").click()
    page.wait_for_url("**/apply/date-of-birth/")
    assert page.get_by_label("Day").input_value() == "27"


def test_sign_in_error_state_has_no_axe_violations(page):
    page.goto(reverse("two_factor:login"))
    page.get_by_role("button", name="Continue").click()
    # The form posts to the same address: wait for the answer, not for a new URL.
    page.locator(".govuk-error-summary").wait_for()

    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)


def test_exit_this_page_leaves_the_service(page):
    page.goto(reverse("start"))
    # Requests to the outside world are not allowed here: stop at the navigation.
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(body="left"))

    page.get_by_role("button", name="Emergency Exit this page").first.click()

    page.wait_for_url("https://www.bbc.co.uk/**")


def test_axe_check_does_find_violations(page):
    # Guards the guard: a page with a known failure must not pass.
    page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')

    assert any(v.startswith("image-alt") for v in axe_violations(page))
