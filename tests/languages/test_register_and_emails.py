"""The consent register records the wording, its language and its version; the emails
to someone who applied in Easy Read or another language are in it."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from applications.models import Application, Consent, ConsentDocument
from languages.services import forget_live, translation_check_record
from tests.applications.journey import complete, valid_answers
from tests.conftest import sent_emails, sign_in


@pytest.fixture(autouse=True)
def polish_is_live(db):
    forget_live()
    translation_check_record(language="pl", checked_by="x", checked_on=date(2026, 12, 1), by=None)
    yield
    forget_live()


def apply_in(client, prefix):
    complete(client, prefix=prefix)
    response = client.post(f"{prefix}apply/check-your-answers/", {"website": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.get()


@pytest.mark.parametrize("language", ["easy-read", "pl"])
def test_the_register_records_the_wording_in_the_language_shown(client, language):
    application = apply_in(client, f"/{language}/")

    assert application.language == language
    for consent in Consent.objects.filter(application=application).select_related("document"):
        document = consent.document
        assert (document.language, document.version) == (language, 1)
        assert document.translates.language == "en-gb"
        assert document.translates.kind == document.kind


def test_the_agreement_shows_the_wording_in_the_language_of_the_page(client):
    complete(client, prefix="/easy-read/")
    page = client.get("/easy-read/apply/agreement/").content.decode()
    easy = ConsentDocument.objects.get(kind="PNC_CHECK", language="easy-read")
    assert easy.title in page
    assert 'name="pnc_check_language" value="easy-read"' in page


def test_an_agreement_given_in_another_language_is_asked_for_again(client):
    """Agreed in English, then the applicant changes to Polish: they read the Polish
    wording and agree to it, and the register records that one."""
    complete(client)
    response = client.get("/pl/apply/check-your-answers/")
    assert response.status_code == 302
    assert response["Location"] == "/pl/apply/agreement/"


def test_a_wording_not_yet_translated_is_shown_in_english_marked_as_english(client):
    from applications.services import consent_document_publish

    consent_document_publish(kind="PNC_CHECK", title="PNC check", body="New wording", by=None)
    complete(client, valid_answers()[:11], prefix="/easy-read/")  # up to the agreement
    page = client.get("/easy-read/apply/agreement/").content.decode()
    assert '<div lang="en-GB" dir="ltr"><h2 class="govuk-heading-m">PNC check</h2>' in page
    assert 'name="pnc_check_language" value="en-gb"' in page
    assert 'name="pnc_check_version" value="2"' in page


def test_an_easy_read_translation_published_later_is_asked_for_again(client):
    """The page showed the English v2 (no Easy Read yet); the Easy Read of v2 is then
    published: the agreement to the English is not recorded as one to the Easy Read."""
    from applications.services import consent_document_publish

    consent_document_publish(kind="PNC_CHECK", title="PNC check", body="New wording", by=None)
    complete(client, valid_answers()[:11], prefix="/easy-read/")  # up to the agreement
    client.post(
        "/easy-read/apply/agreement/",
        {
            "pnc_check": "on",
            "pnc_check_version": "2",
            "pnc_check_language": "en-gb",
            "terms_of_reference": "on",
            "terms_of_reference_version": "1",
            "terms_of_reference_language": "easy-read",
            "mps_sharing_version": "1",
            "mps_sharing_language": "easy-read",
        },
    )
    consent_document_publish(
        kind="PNC_CHECK", title="Police check", body="Easy", by=None, language="easy-read"
    )
    response = client.get("/easy-read/apply/check-your-answers/")
    assert response["Location"] == "/easy-read/apply/agreement/"


def test_staff_see_the_english_wording_beside_the_one_shown(client, user_with_role):
    application = apply_in(client, "/pl/")
    staff = sign_in(Client(), user_with_role("VVF staff", is_staff=True))
    page = staff.get(
        reverse("admin:applications_application_change", args=[application.pk])
    ).content.decode()
    assert "Polski" in page
    english = ConsentDocument.objects.get(kind="PNC_CHECK", language="en-gb", version=1)
    assert english.body.splitlines()[0] in page


def test_the_current_english_wording_still_counts_for_a_translation(client):
    from applications.services import consent_current_agreed

    application = apply_in(client, "/easy-read/")
    assert consent_current_agreed(application, "TERMS_OF_REFERENCE")


def test_emails_to_someone_who_applied_in_easy_read_are_in_easy_read(celery_worker):
    client = Client()
    apply_in(client, "/easy-read/")
    messages = sent_emails(celery_worker, 2)
    to_applicant = next(m for m in messages if m["To"] == "zoe@example.com")
    body = to_applicant.get_payload(decode=True).decode()

    english = (
        "Thank you for applying to join a Victim Voice Forum. We have received your application."
    )
    with translation.override("easy-read"):
        easy_read = translation.gettext(english)
    assert easy_read != english
    assert easy_read in body and english not in body
    assert "/easy-read/apply/status/" in body
    staff_notice = next(m for m in messages if m["To"] != "zoe@example.com")
    assert "/easy-read/" not in staff_notice.get_payload(decode=True).decode()


def test_an_applicant_in_a_language_not_live_is_emailed_in_english(db):
    """A draft (previewed by staff), or a translation taken back to a draft: the email
    and its link are English, so the link finds its page."""
    from django.core import mail

    from applications.tasks import send_application_emails
    from tests.factories import ApplicationFactory

    application = ApplicationFactory(language="ar", email="previewer@example.com")
    send_application_emails(application.pk)
    message = next(m for m in mail.outbox if m.to == ["previewer@example.com"])
    assert "/ar/" not in message.body and "/apply/status/" in message.body
    assert "Thank you for applying" in message.body
