"""The public pages and the whole application in Easy Read and in each translation, in
headless Chromium with axe-core on every page and every error state. The drafts are
made live for these tests (a translator's check recorded), as staff will."""

from datetime import date

import pytest

from applications.models import Application
from languages.services import translation_check_record
from tests.applications.journey import valid_answers
from tests.browser.conftest import assert_accessible

LANGUAGES = ["easy-read", "ar", "pl"]


@pytest.fixture
def live_drafts(db):
    for code in ("ar", "pl"):
        translation_check_record(
            language=code, checked_by="Test", checked_on=date(2026, 12, 1), by=None
        )


def check(page):
    """axe-core finds nothing, and nothing pushes the page sideways (right to left, a
    thing placed off the page's left edge scrolls it)."""
    assert_accessible(page)
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), page.url


def submit(page):
    """The page's main button: the first one in its form."""
    page.locator("main form button.govuk-button").first.click()


def fill(page, data):
    for name, value in data.items():
        values = value if isinstance(value, list) else [value]
        inputs = page.locator(f'main [name="{name}"]')
        if not inputs.count():
            continue
        kind = inputs.first.evaluate("e => e.tagName === 'SELECT' ? 'select' : e.type")
        if kind == "hidden":
            continue
        if kind in ("radio", "checkbox"):
            for item in values:
                page.locator(f'main [name="{name}"][value="{item}"]').check()
        elif kind == "select":
            inputs.first.select_option(values[0])
        else:
            inputs.first.fill(values[0])


def walk_the_application(page, prefix):
    """Every page of the application, in the language of `prefix`: axe on each page and,
    where an empty answer is a mistake, on its error state; then sent."""
    page.goto(f"/{prefix}apply/")
    for slug, data in valid_answers(["lgbtq-victims"]):
        page.wait_for_url(f"**/{prefix}apply/{slug}/")
        check(page)
        submit(page)
        if page.url.endswith(f"/{prefix}apply/{slug}/"):
            assert page.locator(".govuk-error-summary").is_visible(), slug
            check(page)
        else:
            page.goto(f"/{prefix}apply/{slug}/")
        fill(page, {**data, "partner_sharing": "on"} if slug == "agreement" else data)
        submit(page)
        page.wait_for_load_state()
        assert not page.url.endswith(f"/{prefix}apply/{slug}/"), page.locator("main").inner_text()
    page.wait_for_url(f"**/{prefix}apply/check-your-answers/")
    check(page)
    submit(page)
    page.wait_for_url(f"**/{prefix}apply/application-sent/")
    check(page)
    return Application.objects.get()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_whole_application_in_each_language(page, live_drafts, language):
    application = walk_the_application(page, f"{language}/")

    assert application.language == language
    shown = set(application.consents.values_list("document__language", flat=True))
    assert shown == {language}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_in_each_language(page, live_drafts, language):
    from applications.services import status_token
    from tests.factories import ApplicationFactory

    prefix = f"/{language}/"
    for path in ["", "privacy/", "accessibility/", "cookies/"]:
        page.goto(prefix + path)
        check(page)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    page.goto(prefix + "ask-a-question/")
    submit(page)
    assert page.locator(".govuk-error-summary").is_visible()
    check(page)

    page.goto(prefix + "apply/date-of-birth/")
    page.locator("main form button[name=save]").click()
    page.wait_for_url(f"**{prefix}apply/save/")
    check(page)
    submit(page)
    assert page.locator(".govuk-error-summary").is_visible()
    check(page)
    page.locator('main [name="email"]').fill("later@example.com")
    submit(page)
    page.wait_for_url(f"**{prefix}apply/saved/")
    check(page)

    page.goto(prefix + "apply/date-of-birth/")
    fill(page, {"date_of_birth_0": "1", "date_of_birth_1": "1", "date_of_birth_2": "2020"})
    submit(page)
    page.wait_for_url(f"**{prefix}apply/cannot-apply/age/")
    check(page)

    token = status_token(ApplicationFactory(status="IN_REVIEW", language=language))
    page.goto(f"{prefix}apply/status/{token}/")
    check(page)
    page.goto(f"{prefix}apply/status/{token}/contact-details/")
    page.locator('main [name="email"]').fill("")
    submit(page)
    assert page.locator(".govuk-error-summary").is_visible()
    check(page)
    page.goto(f"{prefix}apply/status/{token}/withdraw/")
    submit(page)
    assert page.locator(".govuk-error-summary").is_visible()
    check(page)

    page.goto(prefix + "no-such-page/")
    check(page)


def test_easy_read_pages_have_a_picture_beside_each_point(page):
    for path in ["/easy-read/", "/easy-read/privacy/", "/easy-read/apply/date-of-birth/"]:
        page.goto(path)
        pictures = page.locator("main img.app-easy-read-point__picture")
        assert pictures.count() >= 1, path
        for index in range(pictures.count()):
            picture = pictures.nth(index)
            assert picture.get_attribute("alt"), path
            assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), path


def test_every_public_page_links_to_easy_read_and_back(page):
    for path in ["/", "/privacy/", "/accessibility/", "/cookies/", "/apply/date-of-birth/"]:
        page.goto(path)
        page.get_by_role("link", name="Easy Read version of this page").click()
        page.wait_for_url(f"**/easy-read{path}")
        page.get_by_role("link", name="Go to the standard version of this page").click()
        page.wait_for_url(f"**{path}")
