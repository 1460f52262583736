"""Staff review of applications in the admin."""

import datetime
import io

import msoffcrypto
import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from applications.models import ApplicationEvent, EqualityMonitoring, OnboardingConversation
from programme.models import Forum
from tests.conftest import sign_in
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:applications_application_changelist"


@pytest.fixture
def staff_client(client, user_with_role):
    sign_in(client, user_with_role("VVF staff", is_staff=True))
    return client


def test_list_filters_by_status_forum_and_borough(staff_client):
    vawg = Forum.objects.get(slug="vawg")
    wanted = ApplicationFactory(status="IN_REVIEW", borough="HACKNEY", forums=[vawg])
    ApplicationFactory(status="IN_REVIEW", borough="CAMDEN", forums=[vawg])
    ApplicationFactory(status="SUBMITTED", borough="HACKNEY", forums=[vawg])

    response = staff_client.get(
        reverse(CHANGELIST),
        {"status__exact": "IN_REVIEW", "borough__exact": "HACKNEY", "forums__id__exact": vawg.pk},
    )

    assert [a.reference for a in response.context["cl"].result_list] == [wanted.reference]


@pytest.mark.parametrize("term", ["reference", "full_name", "email"])
def test_search_by_reference_name_or_email(staff_client, term):
    wanted = ApplicationFactory(full_name="Ama Mensah", email="ama@example.com")
    ApplicationFactory()

    response = staff_client.get(reverse(CHANGELIST), {"q": getattr(wanted, term)})

    assert list(response.context["cl"].result_list) == [wanted]


def test_list_shows_each_rows_forums_by_name(staff_client):
    vawg, black = Forum.objects.get(slug="vawg"), Forum.objects.get(slug="black-communities")
    both = ApplicationFactory(forums=[vawg, black])
    neither = ApplicationFactory(forums=[])

    response = staff_client.get(reverse(CHANGELIST))

    rows = {a.reference: a.forum_names for a in response.context["cl"].result_list}
    assert rows == {
        both.reference: ", ".join(sorted([vawg.name, black.name])),
        neither.reference: "",
    }
    assert vawg.name in response.content.decode()


@pytest.mark.parametrize("rows", [10, 150])
def test_list_query_count_does_not_grow_with_applications(
    staff_client, django_assert_max_num_queries, rows
):
    forums = list(Forum.objects.all())
    for application in ApplicationFactory.create_batch(rows):
        application.forums.set(forums[:2])
    staff_client.get(reverse(CHANGELIST))  # the session's first activity note is written

    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse(CHANGELIST))

    assert response.status_code == 200


def test_answers_are_read_only_with_equality_in_its_own_section(staff_client):
    application = ApplicationFactory(full_name="<script>alert(1)</script>")
    EqualityMonitoring.objects.create(application=application, ethnic_group="WHITE_ROMA")

    html = staff_client.get(
        reverse("admin:applications_application_change", args=[application.pk])
    ).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Equality monitoring (optional answers; special category data)" in html
    assert "White: Roma" in html
    assert 'name="full_name"' not in html
    assert 'name="_save"' not in html


def test_staff_move_an_application_with_a_reason(staff_client):
    application = ApplicationFactory(status="SUBMITTED")

    response = staff_client.post(
        reverse("admin:applications_application_move", args=[application.pk]),
        {"to_status": "IN_REVIEW", "reason": "Read and shortlisted"},
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == "IN_REVIEW"
    event = ApplicationEvent.objects.get()
    assert (event.by.email, event.reason) == (
        response.wsgi_request.user.email,
        "Read and shortlisted",
    )


def test_a_move_the_life_does_not_allow_is_not_offered(staff_client):
    application = ApplicationFactory(status="SUBMITTED")

    response = staff_client.post(
        reverse("admin:applications_application_move", args=[application.pk]),
        {"to_status": "ACCEPTED", "reason": "Skip ahead"},
    )

    application.refresh_from_db()
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert application.status == "SUBMITTED"


def test_onboarding_proceed_moves_to_the_pnc_check(staff_client):
    application = ApplicationFactory(status="ONBOARDING")

    staff_client.post(
        reverse("admin:applications_application_onboarding", args=[application.pk]),
        {"held_on": "2026-11-20", "outcome": "PROCEED", "notes": "Ready"},
    )

    application.refresh_from_db()
    assert application.status == "PNC_CHECK"
    assert OnboardingConversation.objects.get().outcome == "PROCEED"


def test_not_the_right_time_shows_the_email_before_ending(staff_client):
    application = ApplicationFactory(status="ONBOARDING", preferred_name="Sam")
    url = reverse("admin:applications_application_onboarding", args=[application.pk])
    data = {"held_on": "2026-11-20", "outcome": "NOT_RIGHT_TIME", "notes": ""}

    preview = staff_client.post(url, data)

    application.refresh_from_db()
    assert application.status == "ONBOARDING"
    assert "Dear Sam," in preview.content.decode()
    assert "You are very welcome to apply again later" in preview.content.decode()

    staff_client.post(url, {**data, "confirmed": "True"})

    application.refresh_from_db()
    assert application.status == "NOT_RIGHT_TIME"
    assert application.closed_at is not None


def export(staff_client, query="", include_equality=False):
    """Exports through the admin; returns the decrypted rows."""
    url = reverse("admin:applications_application_export") + query
    data = {"include_equality": "on"} if include_equality else {}
    page = staff_client.post(url, data)
    assert page.status_code == 200
    password = page.context["password"]
    download = staff_client.get(
        reverse("admin:applications_application_export_download", args=[page.context["token"]])
    )
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    encrypted = msoffcrypto.OfficeFile(io.BytesIO(download.getvalue()))
    assert encrypted.is_encrypted()
    encrypted.load_key(password=password)
    plain = io.BytesIO()
    encrypted.decrypt(plain)
    sheet = load_workbook(plain).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_export_is_encrypted_shown_once_and_downloaded_once(staff_client, user_with_role):
    from audit.models import AuditEntry

    ApplicationFactory()
    page = staff_client.post(reverse("admin:applications_application_export"), {})
    password, token = page.context["password"], page.context["token"]
    url = reverse("admin:applications_application_export_download", args=[token])

    other = sign_in(Client(), user_with_role("VVF staff", is_staff=True))
    assert other.get(url).status_code == 404
    first = staff_client.get(url)
    second = staff_client.get(url)

    assert len(password) >= 20
    content = first.getvalue()
    assert password.encode() not in content
    assert content[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # an encrypted OLE file
    assert second.status_code == 404
    entry = AuditEntry.objects.get(action="EXPORT")
    assert entry.detail == "1 rows"


def test_export_leaves_out_equality_unless_asked(staff_client):
    application = ApplicationFactory(full_name="=HYPERLINK(1)")
    EqualityMonitoring.objects.create(application=application, religion="SIKH")

    without = export(staff_client)
    with_equality = export(staff_client, include_equality=True)

    assert not any("Equality" in str(title) for title in without[0])
    assert without[1][0] == application.reference
    assert "'=HYPERLINK(1)" in without[1]
    assert "Equality: religion" in with_equality[0]
    assert "Sikh" in with_equality[1]


def test_export_follows_the_list_filters(staff_client):
    wanted = ApplicationFactory(status="IN_REVIEW")
    ApplicationFactory(status="SUBMITTED")

    rows = export(staff_client, "?status__exact=IN_REVIEW")

    assert [row[0] for row in rows[1:]] == [wanted.reference]


@pytest.mark.parametrize("role", ["Panel member", "External partner", "Facilitator", "Police lead"])
def test_other_roles_cannot_reach_applications(client, user_with_role, role):
    sign_in(client, user_with_role(role))
    application = ApplicationFactory()

    for url in [
        reverse(CHANGELIST),
        reverse("admin:applications_application_change", args=[application.pk]),
        reverse("admin:applications_application_export"),
        reverse("admin:applications_application_move", args=[application.pk]),
    ]:
        assert client.get(url).status_code == 404, url  # out of reach


def test_consent_wording_revision_is_a_new_version(staff_client):
    from applications.models import ConsentDocument

    staff_client.post(
        reverse("admin:applications_consentdocument_add"),
        {"kind": "PNC_CHECK", "language": "en-gb", "title": "PNC check", "body": "Revised wording"},
    )

    english = ConsentDocument.objects.filter(kind="PNC_CHECK", language="en-gb")
    versions = list(english.values_list("version", "body"))
    assert versions[0] == (2, "Revised wording")
    assert versions[1][0] == 1


def test_a_translated_wording_translates_the_current_english_one(staff_client):
    from applications.models import ConsentDocument

    staff_client.post(
        reverse("admin:applications_consentdocument_add"),
        {"kind": "PNC_CHECK", "language": "pl", "title": "Sprawdzenie", "body": "Poprawione"},
    )

    polish = ConsentDocument.objects.filter(kind="PNC_CHECK", language="pl").first()
    assert (polish.version, polish.body) == (2, "Poprawione")
    assert polish.translates == ConsentDocument.objects.get(
        kind="PNC_CHECK", language="en-gb", version=1
    )
    page = staff_client.get(
        reverse("admin:applications_consentdocument_change", args=[polish.pk])
    ).content.decode()
    assert "English wording" in page and "Police National Computer (PNC) check v1" in page


def test_control_characters_in_answers_do_not_break_the_export(staff_client):
    ApplicationFactory(why_join="Pasted from Word\x0b with a tab\x01 in it")

    rows = export(staff_client)

    assert "Pasted from Word with a tab in it" in rows[1]


def test_onboarding_is_recorded_once(db, user_with_role):
    from applications.services import TransitionNotAllowed, onboarding_record

    staff = user_with_role("VVF staff")
    application = ApplicationFactory(status="ONBOARDING")
    held_on = datetime.date(2026, 11, 20)
    onboarding_record(application=application, held_on=held_on, staff=staff, outcome="SIGNPOST")

    with pytest.raises(TransitionNotAllowed):
        onboarding_record(application=application, held_on=held_on, staff=staff, outcome="PROCEED")
    assert OnboardingConversation.objects.count() == 1


def test_exports_never_touch_the_disk(staff_client, monkeypatch):
    import tempfile

    import openpyxl.worksheet._writer

    def refuse(*args, **kwargs):
        raise AssertionError("a temporary file was created")

    for name in ["NamedTemporaryFile", "mkstemp", "TemporaryFile", "mkdtemp"]:
        monkeypatch.setattr(tempfile, name, refuse)
    monkeypatch.setattr(openpyxl.worksheet._writer, "create_temporary_file", refuse)
    ApplicationFactory(full_name="Kemi Adebayo")

    rows = export(staff_client)

    assert "Kemi Adebayo" in rows[1]
