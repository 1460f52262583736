import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.conftest import sign_in
from tests.factories import UserFactory

PUBLIC_PAGES = [
    "start",
    "privacy",
    "accessibility",
    "cookies",
    "two_factor:login",
    "applications:question",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_skip_link_exit_control_and_footer(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-skip-link"' in html
    assert 'data-module="govuk-exit-this-page"' in html
    assert reverse("privacy") in html
    assert reverse("accessibility") in html


def test_start_page_explains_the_programme(client, db):
    html = client.get(reverse("start")).content.decode()

    for heading in [
        "What a forum is",
        "Who can apply",
        "What members do",
        "What you get",
        "How much time it takes",
        "Your wellbeing",
        "How to apply",
    ]:
        assert heading in html


def test_pages_carry_no_gov_uk_branding(client, db):
    html = client.get(reverse("start")).content.decode()

    assert "GOV.UK" not in html
    assert "govuk-header__logotype" not in html
    assert "Crown copyright" not in html


def test_unknown_page_is_a_friendly_404(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_reveals_nothing(db):
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "Traceback" not in html


def test_public_pages_only_answer_get(client, db):
    response = client.post(reverse("start"))

    assert response.status_code == 405


def test_a_bad_request_gets_its_own_page_not_page_not_found(client, db):
    from django.core.exceptions import SuspiciousOperation

    from vvf.views import bad_request

    request = RequestFactory().post("/apply/name/")
    response = bad_request(request, SuspiciousOperation("Malformed"))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Sorry, there is a problem with what was sent" in html
    assert "Answers you gave on earlier pages have not been lost" in html
    assert "Page not found" not in html


def footer_of(response):
    html = response.content.decode()
    return html[html.index('<footer class="govuk-footer">') :]


def test_footer_links_members_to_their_sign_in_and_offers_staff_sign_in_when_signed_out(client, db):
    footer = footer_of(client.get(reverse("start")))

    assert f'href="{reverse("members:sign-in-request")}">Forum member sign in</a>' in footer
    assert f'href="{reverse("two_factor:login")}">Staff sign in</a>' in footer


def test_footer_offers_no_staff_sign_in_to_someone_signed_in_though_it_is_cached(client, db):
    client.get(reverse("privacy"))  # the footer's cached parts are drawn for everyone first
    sign_in(client, UserFactory(role="VVF staff", is_staff=True))

    signed_in = footer_of(client.get(reverse("privacy")))
    client.logout()
    signed_out = footer_of(client.get(reverse("privacy")))

    assert "Staff sign in" not in signed_in
    assert "Forum member sign in" in signed_in
    assert "Staff sign in" in signed_out


def cookie_rows(response):
    html = response.content.decode()
    body = html[html.index('<tbody class="govuk-table__body">') : html.index("</tbody>")]
    cell = re.compile(r'<td class="govuk-table__cell">(.*?)</td>', re.S)
    return [
        [" ".join(text.split()) for text in cell.findall(row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_cookies_page_names_the_cookies_and_lifetimes_the_settings_give(client, db):
    rows = cookie_rows(client.get(reverse("cookies")))

    assert [(name, expires) for name, _purpose, expires in rows] == [
        (
            "session",
            "2 hours after you last used the service (4 hours after signing in, "
            "for forum members signed in from their email link)",
        ),
        ("csrftoken", "1 year"),
    ]


def test_cookies_page_gives_the_host_prefixed_names_of_production(client, db, settings):
    settings.SESSION_COOKIE_NAME = "__Host-session"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"

    rows = cookie_rows(client.get(reverse("cookies")))

    assert [row[0] for row in rows] == ["__Host-session", "__Host-csrftoken"]
