"""No English is left on the public pages, the application, its error states or its
emails in a translation: each page is drawn in English and in the translation, and no
sentence of the English one may appear unchanged in the other. (The catalogues' own
tests cannot see text that never reached a catalogue: a string made before a language
was chosen, a name from the database.)"""

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.test import Client

from applications import choices
from applications.services import status_token
from applications.tasks import send_application_emails, send_closure_email
from languages.services import forget_live, translation_check_record
from tests.applications.journey import shown_in, valid_answers
from tests.factories import ApplicationFactory

# What is the same in every language: names, and what the applicant typed.
SAME_IN_EVERY_LANGUAGE = {
    "Victim Support",
    "Victim Voice Forum",
    "Victim Voice Forums",
    "© Mayor’s Office for Policing and Crime",
    "Easy Read",
    "Go to the standard version of this page",
    *(str(label) for _value, label in choices.Borough.choices),
}


class Sentences(HTMLParser):
    """The text of a page that is in the page's language (not inside lang="...")."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.found = set()

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        other = dict(attrs).get("lang") is not None and tag != "html"
        inherited = bool(self.stack) and self.stack[-1]
        self.stack.append(other or inherited or tag in ("script", "style"))

    def handle_endtag(self, tag):
        if tag not in ("br", "img", "input", "meta", "link", "hr") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1]:
            return
        text = " ".join(data.split())
        if " " in text and len(re.findall(r"[A-Za-z]{2,}", text)) >= 3:
            self.found.add(text)


def sentences(html, typed=()):
    parser = Sentences()
    parser.feed(html)
    return {
        text
        for text in parser.found
        if text not in SAME_IN_EVERY_LANGUAGE and not any(answer in text for answer in typed)
    }


def pages(prefix):
    """(what, html) for every public page and error state, in the language of `prefix`."""
    client = Client()
    drawn = []

    def get(path, what=None):
        response = client.get(prefix + path, follow=True)
        drawn.append((what or path, response.content.decode()))

    def post(path, data, what=None):
        response = client.post(prefix + path, data, follow=True)
        drawn.append((what or f"{path} {sorted(data)}", response.content.decode()))

    for path in ["", "privacy/", "accessibility/", "cookies/", "ask-a-question/"]:
        get(path)
    post("ask-a-question/", {})
    for slug, data in valid_answers(["lgbtq-victims"]):
        get(f"apply/{slug}/")
        post(f"apply/{slug}/", {})
        if slug == "date-of-birth":
            post(f"apply/{slug}/", {"date_of_birth_0": "1", "date_of_birth_2": "x"})
        if slug == "agreement":
            data = shown_in(
                {**data, "partner_sharing": "on", "partner_sharing_version": "1"},
                prefix.strip("/") or "en-gb",
            )
        client.post(f"{prefix}apply/{slug}/", data)
    get("apply/check-your-answers/")
    post("apply/save/", {})
    post("apply/check-your-answers/", {"website": ""})
    get("apply/cannot-apply/age/")
    token = status_token(ApplicationFactory(status="IN_REVIEW", email="s@example.com"))
    get(f"apply/status/{token}/", "status")
    post(f"apply/status/{token}/contact-details/", {"email": ""}, "contact details")
    post(f"apply/status/{token}/withdraw/", {}, "withdraw")
    get("apply/status/not-a-token/")
    get("no-such-page/")
    return drawn


def emails(language):
    mail.outbox = []
    application = ApplicationFactory(status="SUBMITTED", language=language)
    send_application_emails(application.pk)
    for status in ["WITHDRAWN"]:
        application.status = status
        application.save()
        send_closure_email(application.pk)
    return [
        (message.subject, message.subject + "\n" + message.body)
        for message in mail.outbox
        if message.to == [application.email]
    ]


@pytest.fixture
def translations_live(db):
    forget_live()
    for code in ("pl", "ar"):
        translation_check_record(language=code, checked_by="x", checked_on=date.today(), by=None)
    yield
    forget_live()


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_no_english_sentence_is_left_on_a_public_page(translations_live, language):
    typed = [
        str(value)
        for _slug, data in valid_answers()
        for values in data.values()
        for value in (values if isinstance(values, list) else [values])
        if len(str(value)) > 3
    ]
    english = pages("/")
    translated = pages(f"/{language}/")
    assert [what for what, _html in english] == [what for what, _html in translated]
    left = {}
    for (what, in_english), (_what, in_translation) in zip(english, translated, strict=True):
        same = sentences(in_english, typed) & sentences(in_translation, typed)
        if same:
            left[what] = sorted(same)
    assert left == {}


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_no_english_sentence_is_left_in_an_email(translations_live, language):
    english = dict(emails("en-gb"))
    for subject, text in emails(language):
        for line in text.splitlines():
            if len(re.findall(r"[A-Za-z]{2,}", line)) >= 3 and line not in SAME_IN_EVERY_LANGUAGE:
                assert not any(line in body for body in english.values()), (subject, line)
