"""A translation is offered to the public only once staff record a translator's check;
staff preview drafts; nothing but the URL chooses the language."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from languages.models import TranslationCheck
from languages.services import forget_live, live, translation_check_record
from tests.conftest import sign_in


@pytest.fixture(autouse=True)
def fresh(db):
    forget_live()
    yield
    forget_live()


@pytest.fixture
def staff_client(client, user_with_role):
    return sign_in(client, user_with_role("VVF staff", is_staff=True))


def chooser(response):
    page = response.content.decode()
    return (
        page[page.find('class="app-language-select"') :][:1500]
        if "app-language-select" in page
        else ""
    )


@pytest.mark.parametrize("path", ["/pl/", "/ar/", "/pl/apply/", "/ar/privacy/"])
def test_a_draft_is_not_found_by_the_public(client, path):
    assert client.get(path).status_code == 404


def test_english_and_easy_read_are_always_offered(client):
    assert live() == {"en-gb", "easy-read"}
    assert client.get("/easy-read/").status_code == 200
    assert 'href="/easy-read/"' in client.get("/").content.decode()
    assert chooser(client.get("/")) == ""  # only English: nothing to choose


def test_staff_preview_a_draft_and_see_it_marked(staff_client):
    response = staff_client.get("/pl/")
    assert response.status_code == 200
    assert response["Content-Language"] == "pl"
    with translation.override("pl"):
        assert f"Polski ({translation.gettext('draft')})" in chooser(response)
    assert '<html lang="pl" dir="ltr"' in response.content.decode()
    assert '<html lang="ar" dir="rtl"' in staff_client.get("/ar/").content.decode()


def test_a_checked_language_is_live_and_offered_on_every_public_page(client):
    translation_check_record(
        language="pl", checked_by="A. Tłumacz, MITI", checked_on=date(2026, 12, 1), by=None
    )
    assert client.get("/pl/").status_code == 200
    links = chooser(client.get("/apply/date-of-birth/", follow=True))
    assert 'href="/pl/apply/date-of-birth/"' in links and 'hreflang="pl"' in links
    assert "العربية" not in links  # still a draft
    assert client.get("/ar/").status_code == 404


def test_staff_record_and_withdraw_a_check_in_the_admin(staff_client):
    public = Client()
    add = reverse("admin:languages_translationcheck_add")
    response = staff_client.post(
        add, {"language": "ar", "checked_by": "Translation agency", "checked_on": "2026-12-01"}
    )
    assert response.status_code == 302
    check = TranslationCheck.objects.get()
    assert (check.language, check.recorded_by) == ("ar", response.wsgi_request.user)
    assert public.get("/ar/").status_code == 200
    from audit.models import AuditEntry

    assert AuditEntry.objects.filter(
        object_type="languages.translationcheck", action="CREATE", object_ref=str(check.pk)
    ).exists()
    change = reverse("admin:languages_translationcheck_change", args=[check.pk])
    assert 'name="language"' not in staff_client.get(change).content.decode()

    staff_client.post(
        reverse("admin:languages_translationcheck_delete", args=[check.pk]), {"post": "yes"}
    )
    assert public.get("/ar/").status_code == 404


def test_only_translations_can_be_checked(staff_client):
    response = staff_client.post(
        reverse("admin:languages_translationcheck_add"),
        {"language": "easy-read", "checked_by": "x", "checked_on": "2026-12-01"},
    )
    assert response.status_code == 200 and not TranslationCheck.objects.exists()


def test_the_browser_language_and_cookies_choose_nothing(client):
    translation_check_record(language="pl", checked_by="x", checked_on=date(2026, 12, 1), by=None)
    client.cookies["django_language"] = "pl"
    response = client.get("/", headers={"accept-language": "pl"})
    assert response["Content-Language"] == "en-GB"
    assert "Join a Victim Voice Forum" in response.content.decode()


@pytest.mark.parametrize("path", ["/pl/member/sign-in/", "/easy-read/admin/", "/pl/forums/"])
def test_only_the_public_pages_have_other_languages(client, path):
    translation_check_record(language="pl", checked_by="x", checked_on=date(2026, 12, 1), by=None)
    assert client.get(path).status_code == 404


def test_links_keep_the_language(client):
    page = client.get("/easy-read/apply/date-of-birth/", follow=True).content.decode()
    assert 'href="/easy-read/privacy/"' in page
    assert 'href="/member/sign-in/"' in page  # members' pages are English only


def test_staff_are_shown_where_to_preview_each_draft(staff_client):
    page = staff_client.get(reverse("admin:languages_translationcheck_changelist"))
    assert 'href="/pl/"' in page.content.decode() and 'href="/ar/"' in page.content.decode()
