"""The applicant's journey through Django's test client."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse

from applications.journey import STEPS
from applications.models import Application, Consent, ConsentDocument, EqualityMonitoring
from tests.applications.journey import complete, consents, valid_answers

pytestmark = pytest.mark.django_db
CHECK = "/apply/check-your-answers/"


def submit(client, **data):
    return client.post(CHECK, {"website": "", **data})


def test_whole_journey_creates_one_application_with_consents_and_equality(client):
    complete(client)

    response = submit(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("applications:confirmation")
    application = Application.objects.get()
    assert application.full_name == "Zoë O'Brien-Nguyễn"
    assert application.postcode == "SE1 2AA"
    assert application.phone == "07700 900 982"
    assert application.london_connection == ["LIVES", "WORKS"]
    assert [f.slug for f in application.forums.all()] == ["vawg"]
    assert application.status == "SUBMITTED"
    assert application.submission_key
    assert sorted(
        (c.document.kind, c.document.version, c.given) for c in Consent.objects.all()
    ) == [("MPS_SHARING", 1, False), ("PNC_CHECK", 1, True), ("TERMS_OF_REFERENCE", 1, True)]
    equality = EqualityMonitoring.objects.get()
    assert (equality.age_band, equality.ethnic_group, equality.sex) == (
        "25_34",
        "PREFER_NOT_TO_SAY",
        "",
    )
    page = client.get(response["Location"]).content.decode()
    assert application.reference in page
    assert "six weeks" in page


def test_submitting_twice_makes_exactly_one_application(client):
    complete(client)

    submit(client)
    second = submit(client)

    assert second["Location"] == reverse("applications:confirmation")
    assert Application.objects.count() == 1


def test_reference_looks_right_and_is_not_sequential(client):
    complete(client)
    submit(client)

    reference = Application.objects.get().reference

    assert len(reference) == 13
    assert reference.startswith("VVF-")
    assert reference[8] == "-"


def test_skipping_ahead_sends_you_to_the_first_missing_page(client):
    client.post("/apply/date-of-birth/", dict(valid_answers()[0][1]))

    response = client.get("/apply/contact/")

    assert response["Location"] == "/apply/london/"
    assert (
        client.post("/apply/contact/", {"email": "a@example.com"})["Location"] == "/apply/london/"
    )
    assert client.post(CHECK, {})["Location"] == "/apply/london/"


def test_going_back_shows_what_you_typed(client):
    complete(client, valid_answers()[:7])

    html = client.get("/apply/name/").content.decode()

    assert 'value="Zoë O&#x27;Brien-Nguyễn"' in html
    assert 'value="Zo"' in html


def test_an_error_keeps_everything_typed(client):
    complete(client, valid_answers()[:7])

    response = client.post(
        "/apply/contact/",
        {
            "email": "not-an-email",
            "phone": "07700 900 982",
            "contact_method": "TEXT",
            "contact_times": "<b>after 6</b>",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert "Select yes if it is safe to leave you messages" in html
    assert 'value="not-an-email"' in html
    assert 'value="07700 900 982"' in html
    assert 'value="TEXT" checked' in html
    assert "&lt;b&gt;after 6&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("slug", "data", "reason"),
    [
        (
            "date-of-birth",
            {"date_of_birth_0": "1", "date_of_birth_1": "1", "date_of_birth_2": "2020"},
            "age",
        ),
        ("london", {"london_connection": ["NONE"]}, "london"),
        ("victim", {"victim_of_crime": "NO"}, "victim"),
        ("pnc-check", {"willing_pnc": "NO"}, "pnc"),
        ("confidentiality", {"willing_confidentiality": "NO"}, "confidentiality"),
    ],
)
def test_ineligible_answer_ends_kindly_and_keeps_nothing(client, slug, data, reason):
    answers = dict(valid_answers())
    before = [step.slug for step in STEPS[: [s.slug for s in STEPS].index(slug)]]
    complete(client, [(s, answers[s]) for s in before])

    response = client.post(f"/apply/{slug}/", data)

    assert response["Location"] == f"/apply/cannot-apply/{reason}/"
    page = client.get(response["Location"]).content.decode()
    assert "Victim Support" in page
    assert (
        "Victim and Witness Service, which supports victims of crime in London: free, on "
        '0808 168 9291, or at <a class="govuk-link" '
        'href="https://www.victimandwitnessservice.org.uk/">www.victimandwitnessservice.org.uk</a>'
    ) in page
    assert "We have not kept any of the answers you gave." in page
    session = Session.objects.get().get_decoded()
    assert "apply" not in session
    assert Application.objects.count() == 0


def test_sixteenth_birthday_today_is_old_enough(client):
    from django.utils import timezone

    today = timezone.localdate()
    response = client.post(
        "/apply/date-of-birth/",
        {
            "date_of_birth_0": today.day,
            "date_of_birth_1": today.month,
            "date_of_birth_2": today.year - 16,
        },
    )

    assert response["Location"] == "/apply/london/"


def test_partner_forums_need_the_partner_sharing_consent(client):
    answers = valid_answers(forum_slugs=("disabled-victims",))
    answers[-2] = ("agreement", {**consents(partner=False), "partner_sharing_version": "1"})
    complete(client, answers[:-2])

    response = client.post("/apply/agreement/", answers[-2][1])

    assert response.status_code == 200
    assert "Agree to sharing your details with the external partner" in response.content.decode()


def test_change_link_returns_to_check_answers(client):
    complete(client)

    response = client.post("/apply/name/?change=1", {"full_name": "Ama Mensah"})

    assert response["Location"] == CHECK
    assert "Ama Mensah" in client.get(CHECK).content.decode()


def test_changing_to_a_partner_forum_asks_for_that_consent_then_returns(client):
    complete(client)
    disabled = valid_answers(forum_slugs=("disabled-victims",))[5][1]

    response = client.post("/apply/forums/?change=1", disabled)

    assert response["Location"] == "/apply/agreement/?change=1"
    response = client.post("/apply/agreement/?change=1", consents(partner=True))
    assert response["Location"] == CHECK


def test_a_new_wording_must_be_read_and_agreed_again(client):
    from applications.services import consent_document_publish

    complete(client)
    consent_document_publish(kind="PNC_CHECK", title="New", body="New words", by=None)

    response = client.get(CHECK)

    assert response["Location"] == "/apply/agreement/"
    page = client.get("/apply/agreement/").content.decode()
    assert "We have changed this wording since you read it" in page
    assert "New words" in page
    assert 'name="pnc_check_version" value="2"' in page
    client.post("/apply/agreement/", {**consents(), "pnc_check_version": "2"})
    submit(client)
    given = Consent.objects.get(document__kind="PNC_CHECK")
    assert given.document.version == 2
    assert ConsentDocument.objects.filter(kind="PNC_CHECK", language="en-gb").count() == 2


def test_wording_published_while_the_page_is_open_is_asked_again(client):
    from applications.services import consent_document_publish

    complete(client, valid_answers()[:-2])
    consent_document_publish(kind="TERMS_OF_REFERENCE", title="ToR", body="v2", by=None)

    response = client.post("/apply/agreement/", consents())

    html = response.content.decode()
    assert response.status_code == 200
    assert "We have changed this wording since you read it" in html
    # The tick given to the old wording is cleared.
    assert 'name="terms_of_reference" type="checkbox" value="on" aria-describedby' in html


def test_honeypot_filled_makes_nothing(client):
    complete(client)

    response = submit(client, website="http://spam.example")

    assert response.status_code == 400
    assert Application.objects.count() == 0


def test_submit_is_rate_limited_per_client(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "apply-submit": (2, 3600)}
    from django.core.cache import cache

    cache.clear()
    complete(client)

    statuses = [client.post(CHECK, {"website": "x"}).status_code for _ in range(3)]

    assert statuses == [400, 400, 429]
    assert "Please wait before trying again" in client.post(CHECK, {}).content.decode()


def test_csrf_is_enforced(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/apply/date-of-birth/", valid_answers()[0][1])

    assert response.status_code == 403
    assert "Sorry, we could not send that form" in response.content.decode()


def test_save_and_come_back_later_emails_a_single_use_link(client):
    from applications.models import SavedDraft
    from applications.tasks import send_resume_link

    complete(client, valid_answers()[:7])
    response = client.post("/apply/contact/", {"email": "half@example.com", "save": "1"})
    assert response["Location"] == reverse("applications:save")

    response = client.post(reverse("applications:save"), {"email": "half@example.com"})
    send_resume_link(SavedDraft.objects.get().pk)

    assert response["Location"] == reverse("applications:saved")
    (message,) = mail.outbox
    assert message.to == ["half@example.com"]
    link = next(line for line in message.body.splitlines() if "/apply/resume/" in line)
    path = link.replace("http://testserver", "")

    fresh = client.__class__()
    # Opening the link (as a mail scanner might) does not use it up.
    assert "Continue your application" in fresh.get(path).content.decode()
    assert "Continue your application" in fresh.get(path).content.decode()
    resumed = fresh.post(path)
    assert resumed["Location"] == "/apply/contact/"
    assert 'value="half@example.com"' in fresh.get("/apply/contact/").content.decode()
    assert "Zoë" in fresh.get("/apply/name/").content.decode()
    assert client.__class__().get(path).status_code == 404
    assert client.__class__().post(path).status_code == 404


def test_expired_saved_forms_are_deleted_after_30_days(db):
    from datetime import timedelta

    from django.utils import timezone

    from applications.models import SavedDraft
    from applications.services import drafts_delete_expired

    old = SavedDraft.objects.create(
        nonce="old",
        email="a@example.com",
        answers={},
        created_at=timezone.now() - timedelta(days=30, minutes=1),
    )
    recent = SavedDraft.objects.create(
        nonce="new",
        email="b@example.com",
        answers={},
        created_at=timezone.now() - timedelta(days=29),
    )

    assert drafts_delete_expired() == 1
    assert list(SavedDraft.objects.all()) == [recent]
    assert not SavedDraft.objects.filter(pk=old.pk).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/apply/nonsense/",
        "/apply/cannot-apply/nonsense/",
        "/apply/status/forged/",
        "/apply/resume/forged/",
    ],
)
def test_unknown_pages_and_forged_links_answer_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
def test_each_page_uses_few_queries(client, django_assert_max_num_queries, step):
    from tests.factories import ApplicationFactory

    ApplicationFactory.create_batch(30)
    complete(client, valid_answers()[: STEPS.index(step)])

    with django_assert_max_num_queries(10):
        assert client.get(f"/apply/{step.slug}/").status_code == 200


def test_check_answers_uses_few_queries(client, django_assert_max_num_queries):
    complete(client)

    with django_assert_max_num_queries(10):
        assert client.get(CHECK).status_code == 200


def test_markup_is_stored_as_text_and_escaped(client):
    answers = valid_answers()
    answers[6] = ("name", {"full_name": '<script>alert("x")</script>', "preferred_name": ""})
    complete(client, answers)

    html = client.get(CHECK).content.decode()
    submit(client)

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert Application.objects.get().full_name == '<script>alert("x")</script>'


def test_keep_alive_extends_the_session(client):
    complete(client, valid_answers()[:1])
    session = Session.objects.get()

    response = client.post(reverse("applications:keep-alive"))

    assert response.status_code == 204
    assert Session.objects.get().expire_date > session.expire_date


@pytest.mark.parametrize(
    ("day", "error"),
    [
        ("9999999999", "Your date of birth must be a real date"),
        ("99999999999999999999", "Your date of birth must be a real date"),
        ("-1", "Your date of birth must be a real date"),
        ("1.5", "Your date of birth must be a real date"),
        ("⁵", "Enter your date of birth using the digits 0 to 9"),
    ],
)
def test_absurd_dates_are_errors_not_crashes(client, day, error):
    response = client.post(
        "/apply/date-of-birth/",
        {"date_of_birth_0": day, "date_of_birth_1": "1", "date_of_birth_2": "1990"},
    )

    assert response.status_code == 200
    assert error in response.content.decode()


def test_a_saved_mistake_is_shown_again_not_crashed_on(client):
    client.post(
        "/apply/date-of-birth/",
        {
            "date_of_birth_0": "9999999999",
            "date_of_birth_1": "1",
            "date_of_birth_2": "1990",
            "save": "1",
        },
    )

    assert client.get("/apply/").status_code == 302
    response = client.get("/apply/date-of-birth/")
    assert response.status_code == 200
    assert 'value="9999999999"' in response.content.decode()
    assert client.get(reverse("applications:save")).status_code == 200


def test_saving_an_ineligible_answer_keeps_nothing(client):
    response = client.post(
        "/apply/date-of-birth/",
        {"date_of_birth_0": "1", "date_of_birth_1": "1", "date_of_birth_2": "2020", "save": "1"},
    )

    assert response["Location"] == "/apply/cannot-apply/age/"
    assert all("apply" not in s.get_decoded() for s in Session.objects.all())


def test_saving_for_later_is_rate_limited(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "apply-save": (1, 3600)}
    complete(client, valid_answers()[:1])
    url = reverse("applications:save")

    statuses = [client.post(url, {"email": "x@example.com"}).status_code for _ in range(2)]

    assert statuses == [302, 429]


def saved_ago(client, seconds):
    """As if the answers were last saved `seconds` ago."""
    session = client.session
    session["apply"]["saved_at"] -= seconds
    session.save()


def timeout_seconds(html):
    return int(re.search(r'data-timeout-seconds="(\d+)"', html).group(1))


def test_looking_at_a_page_restarts_the_session_clock(client, settings):
    complete(client, valid_answers()[:2])
    saved_ago(client, 61)
    before = Session.objects.get().expire_date

    html = client.get("/apply/date-of-birth/").content.decode()

    assert Session.objects.get().expire_date > before
    assert timeout_seconds(html) == settings.SESSION_COOKIE_AGE


def test_sending_a_page_with_mistakes_restarts_the_session_clock(client, settings):
    complete(client, valid_answers()[:2])
    saved_ago(client, 61)
    before = Session.objects.get().expire_date

    response = client.post("/apply/victim/", {})

    assert response.status_code == 200
    assert Session.objects.get().expire_date > before
    assert timeout_seconds(response.content.decode()) == settings.SESSION_COOKIE_AGE
    # After "carry on", the warning counts a whole session again.
    assert f'data-session-seconds="{settings.SESSION_COOKIE_AGE}"' in response.content.decode()


def test_the_first_page_gives_the_whole_time(client, settings):
    html = client.get("/apply/date-of-birth/").content.decode()

    assert timeout_seconds(html) == settings.SESSION_COOKIE_AGE


def test_looking_again_within_a_minute_does_not_write_the_session(client, settings):
    complete(client, valid_answers()[:2])
    saved_ago(client, 30)
    before = Session.objects.get().expire_date

    html = client.get("/apply/date-of-birth/").content.decode()

    assert Session.objects.get().expire_date == before
    # The warning is told the time really left.
    assert (
        settings.SESSION_COOKIE_AGE - 31
        <= timeout_seconds(html)
        <= settings.SESSION_COOKIE_AGE - 30
    )


def test_check_your_answers_checks_again_what_passed_when_given(client):
    complete(client)
    session = client.session
    session["apply"]["answers"]["name"]["full_name"] = [""]
    session.save()

    # Later pages trust the name given earlier...
    assert client.get("/apply/contact/").status_code == 200
    # ...but nothing is sent without checking it again.
    response = client.post(CHECK)

    assert response.status_code == 302
    assert response["Location"] == "/apply/name/"
    assert not Application.objects.exists()


def test_a_forum_that_stops_recruiting_sends_the_applicant_back_to_choose(client):
    from programme.models import Forum

    complete(client, valid_answers()[:7])
    assert client.get("/apply/contact/").status_code == 200

    Forum.objects.filter(slug="vawg").update(is_recruiting=False)

    response = client.get("/apply/contact/")
    assert response.status_code == 302
    assert response["Location"] == "/apply/forums/"
    page = client.get("/apply/forums/").content.decode()
    assert "Violence against women and girls has stopped taking applications" in page


def test_forums_that_never_were_are_refused_plainly(client):
    complete(client, valid_answers()[:5])

    for sent in (["999999"], ["99999999999999999999"], ["abc"], ["١"]):
        response = client.post("/apply/forums/", {"forums": sent})

        assert response.status_code == 200
        assert "A forum you chose has stopped taking applications" in response.content.decode()


@pytest.mark.parametrize("path", ["/apply/date-of-birth/", CHECK, "/"])
def test_pages_are_never_cached(client, path):
    complete(client)

    response = client.get(path)

    assert "no-store" in response["Cache-Control"]


def test_long_text_uses_the_character_count(client):
    complete(client, valid_answers()[:10])

    html = client.get("/apply/why/").content.decode()

    assert 'data-module="govuk-character-count" data-maxlength="1500"' in html
    assert "govuk-js-character-count" in html
    assert " maxlength=" not in html
