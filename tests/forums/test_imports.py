import datetime
import io
import os

import pytest
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import Workbook, load_workbook

from applications.models import Application, ApplicationEvent
from audit.models import AuditEntry
from forums import imports, services
from forums.models import Forum, Membership
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, UserFactory
from vvf.xlsx import workbook_bytes

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:forums_membership_import")
HEADINGS = ["Full name", "Preferred name", "Email", "Phone", "Started on", "Access needs"]
TODAY = timezone.localdate()
LAUNCH = TODAY - datetime.timedelta(days=400)


def days_after_launch(days):
    return LAUNCH + datetime.timedelta(days=days)


@pytest.fixture
def pilot():
    forum = Forum.objects.get(slug="pilot")
    forum.launch_date = LAUNCH
    forum.save()
    return forum


@pytest.fixture
def staff():
    return UserFactory(role="VVF staff", is_staff=True)


@pytest.fixture
def client(staff):
    return sign_in(Client(), staff)


def xlsx(rows, headings=HEADINGS):
    workbook = Workbook()
    sheet = workbook.active
    if headings is not None:
        sheet.append(headings)
    for row in rows:
        sheet.append(row)
    return workbook_bytes(workbook)


def upload(content, name="members.xlsx"):
    return SimpleUploadedFile(name, content)


def check(client, forum, content, name="members.xlsx"):
    return client.post(IMPORT, {"forum": forum.pk, "file": upload(content, name)})


VALID = [
    ["Ada Lovelace", "Ada", "ada@example.com", "07700 900982",
     datetime.datetime.combine(days_after_launch(10), datetime.time()), "Step-free access"],
    ["  Mary   Seacole ", None, "mary@example.com", None,
     days_after_launch(40).strftime("%d/%m/%Y"), None],
]  # fmt: skip


def test_the_template_downloads_with_the_headings(client):
    response = client.get(reverse("admin:forums_membership_import_template"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="members-import-template.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    headings = next(workbook.worksheets[0].iter_rows(values_only=True))
    assert list(headings) == HEADINGS
    assert workbook.sheetnames == ["Members", "How to fill this in"]


def test_the_changelist_links_to_the_import(client):
    response = client.get(reverse("admin:forums_membership_changelist"))

    assert IMPORT in response.content.decode()


def test_the_import_page_offers_the_pilot_and_the_template(client, pilot):
    response = client.get(IMPORT)

    assert response.status_code == 200
    assert response.context["form"]["forum"].value() == pilot.pk
    assert reverse("admin:forums_membership_import_template") in response.content.decode()


def test_a_valid_sheet_is_ready_and_nothing_is_written(client, pilot):
    response = check(client, pilot, xlsx(VALID))

    assert response.status_code == 200
    assert response.context["problems"] == []
    assert [(row["full_name"], row["started_on"]) for row in response.context["rows"]] == [
        ("Ada Lovelace", days_after_launch(10)),
        ("Mary Seacole", days_after_launch(40)),
    ]
    page = response.content.decode()
    assert "2 members ready to import into Pilot forum" in page
    assert "Import 2 members" in page
    assert (Application.objects.count(), Membership.objects.count()) == (0, 0)


def test_confirming_imports_the_members_and_audits_a_count(client, pilot, staff):
    checked = check(client, pilot, xlsx(VALID))

    response = client.post(IMPORT, {"signed_rows": checked.context["signed_rows"]})

    changelist = reverse("admin:forums_membership_changelist")
    assert response.status_code == 302
    assert response["Location"] == f"{changelist}?forum__id__exact={pilot.pk}"
    memberships = Membership.objects.filter(forum=pilot).order_by("started_on")
    assert [
        (m.application.full_name, m.application.email, m.started_on, m.ended_on)
        for m in memberships
    ] == [
        ("Ada Lovelace", "ada@example.com", days_after_launch(10), pilot.tenure_ends_on),
        ("Mary Seacole", "mary@example.com", days_after_launch(40), pilot.tenure_ends_on),
    ]
    ada = memberships[0].application
    assert (ada.status, ada.submission_key, ada.closed_at) == ("ACCEPTED", None, None)
    assert (ada.preferred_name, ada.phone) == ("Ada", "07700 900982")
    assert (ada.access_needs, ada.access_needs_other) == (["OTHER"], "Step-free access")
    assert list(ada.forums.all()) == [pilot]
    assert [(e.to_status, e.by, e.reason) for e in ApplicationEvent.objects.all()] == [
        ("ACCEPTED", staff, "Imported from the pilot spreadsheet")
    ] * 2
    entry = AuditEntry.objects.get(action="CREATE", object_type="forums.forum")
    assert (entry.actor_id, entry.object_ref, entry.detail) == (
        staff.pk,
        str(pilot.pk),
        "imported 2 members",
    )
    trail = " ".join(f"{e.object_ref} {e.detail}" for e in AuditEntry.objects.all())
    for personal in ("Ada", "Lovelace", "Seacole", "ada@example.com", "mary@example.com"):
        assert personal not in trail


def test_confirming_twice_imports_once(client, pilot):
    checked = check(client, pilot, xlsx(VALID))
    client.post(IMPORT, {"signed_rows": checked.context["signed_rows"]})

    response = client.post(IMPORT, {"signed_rows": checked.context["signed_rows"]})

    assert response.status_code == 200
    assert response.context["problems"] == [
        (2, "Email", "A member of this forum already has this email address"),
        (3, "Email", "A member of this forum already has this email address"),
    ]
    assert Membership.objects.count() == 2


def test_every_problem_is_listed_by_row_and_column_and_nothing_imported(client, pilot):
    existing = ApplicationFactory(status="ACCEPTED", forums=[pilot], email="Taken@example.com")
    services.membership_create(application=existing, forum=pilot, started_on=LAUNCH)
    before = Application.objects.count()
    future = (TODAY + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    rows = [
        [None, None, "one@example.com", None, "01/02/2020", None],
        ["Two", None, "not-an-email", "0123", days_after_launch(1), None],
        ["Three", None, "three@example.com", 7700900982, future, None],
        ["Four", "x" * 101, "ONE@example.com", None, LAUNCH - datetime.timedelta(days=1), None],
        ["Five", None, "taken@example.com", None, "31/02/2025", "y" * 501],
        ["Six", None, None, None, 45000, None],
    ]
    rows.insert(2, [None] * 6)  # an empty row is skipped, and counts in the numbering

    response = check(client, pilot, xlsx(rows))

    launch = LAUNCH.strftime("%d/%m/%Y")
    phone = "Enter a UK phone number, like 07700 900 982 or 020 7946 0000"
    assert response.context["problems"] == [
        (2, "Full name", "Enter their full name"),
        (2, "Started on", f"Enter a date on or after the forum's launch, {launch}"),
        (3, "Email", "Enter an email address in the correct format, like name@example.com"),
        (3, "Phone", phone),
        (5, "Phone", "Enter a UK phone number, like 07700 900 982. The spreadsheet may have "
                     "removed the first 0: format the Phone column as text"),
        (5, "Started on", "Enter a date that is today or in the past"),
        (6, "Preferred name", "Enter a preferred name of 100 characters or fewer"),
        (6, "Started on", f"Enter a date on or after the forum's launch, {launch}"),
        (6, "Email", "This email address is also in row 2"),
        (7, "Started on", "Enter a real date, like 14/01/2025"),
        (7, "Access needs", "Shorten the access needs to 500 characters or fewer"),
        (7, "Email", "A member of this forum already has this email address"),
        (8, "Email", "Enter an email address"),
        (8, "Started on", "Enter the date they started as a date, like 14/01/2025"),
    ]  # fmt: skip
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Correct these 14 problems" in page
    assert "signed_rows" not in response.context
    assert Application.objects.count() == before
    assert Membership.objects.count() == 1


def two_hundred_and_one():
    return xlsx([[f"Member {n}", None, f"m{n}@example.com", None, "01/01/2025", None]
                 for n in range(201)])  # fmt: skip


def empty_workbook():
    return workbook_bytes(Workbook())


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (os.urandom(5000), "members.xlsx", imports.NOT_XLSX),
        (b"Full name,Email\nAda,ada@example.com\n", "members.xlsx", imports.NOT_XLSX),
        (b"Full name,Email\nAda,ada@example.com\n", "members.csv", imports.NOT_XLSX),
        (b"", "members.xlsx", "The selected file is empty"),
        (empty_workbook(), "members.xlsx",
         "The spreadsheet is empty. Copy your data into the template"),
        (xlsx([], headings=["Full name", "Email"]), "members.xlsx",
         "The first row must have the template's headings. Missing: Preferred name, Phone, "
         "Started on, Access needs"),
        (xlsx([], headings=[*HEADINGS, "Notes"]), "members.xlsx",
         "The spreadsheet has a column the template does not have: ‘Notes’. Remove it, or "
         "copy your data into the template"),
        (xlsx([]), "members.xlsx",
         "The spreadsheet has no members in it. Add one member on each row"),
        (two_hundred_and_one(), "members.xlsx",
         "The spreadsheet must have 200 members or fewer. Split it into smaller files"),
    ],
    ids=["random bytes", "csv renamed", "csv", "no bytes", "empty workbook", "headings missing",
         "extra column", "no members", "too many"],
)  # fmt: skip
def test_a_bad_file_is_refused_kindly(client, pilot, content, name, message):
    response = check(client, pilot, content, name)

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert escape(message) in response.content.decode()
    assert Application.objects.count() == 0


def test_a_file_over_2_mb_is_refused_unread(client, pilot):
    response = check(client, pilot, b"x" * (imports.MAX_BYTES + 300 * 1024))

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert imports.TOO_LARGE in page


def test_a_file_just_over_2_mb_is_refused(pilot):
    big = SimpleUploadedFile("members.xlsx", b"x" * (imports.MAX_BYTES + 1))

    with pytest.raises(imports.ImportRefused, match=imports.TOO_LARGE):
        imports.rows_check(big, pilot)


def test_tampered_signed_rows_are_refused(client, pilot):
    signed = check(client, pilot, xlsx(VALID)).context["signed_rows"]
    payload, signature = signed.rsplit(":", 1)
    forged = signing.dumps(
        {"forum": pilot.pk, "user": 1, "rows": [[2, {}]]}, salt="something else", compress=True
    )

    for token in [f"{payload}x:{signature}", f"{payload}:{signature[:-2]}AA", forged, ""]:
        response = client.post(IMPORT, {"signed_rows": token}, follow=True)

        assert response.redirect_chain == [(IMPORT, 302)]
        assert imports.EXPIRED in response.content.decode()
    assert (Application.objects.count(), Membership.objects.count()) == (0, 0)


def test_signed_rows_work_only_for_the_user_who_checked_them(client, pilot):
    signed = check(client, pilot, xlsx(VALID)).context["signed_rows"]
    colleague = sign_in(Client(), UserFactory(role="VVF staff", is_staff=True))

    response = colleague.post(IMPORT, {"signed_rows": signed}, follow=True)

    assert imports.EXPIRED in response.content.decode()
    assert Membership.objects.count() == 0


@pytest.mark.parametrize("role", ["External partner", "Facilitator", "Panel member"])
def test_other_roles_cannot_reach_the_import(pilot, role):
    client = sign_in(Client(), UserFactory(role=role))

    for url in [IMPORT, reverse("admin:forums_membership_import_template")]:
        assert client.get(url).status_code == 404
    assert check(client, pilot, xlsx(VALID)).status_code == 404
    assert Membership.objects.count() == 0


def test_staff_without_the_permission_cannot_import(pilot):
    client = sign_in(Client(), UserFactory(is_staff=True))

    # Refused as out of reach: 404, as everywhere in the service.
    assert client.get(IMPORT).status_code == 404
    assert client.get(reverse("admin:forums_membership_import_template")).status_code == 404
    assert check(client, pilot, xlsx(VALID)).status_code == 404
    assert Membership.objects.count() == 0


def test_the_upload_is_kept_in_memory_only(client, pilot):
    media = sorted(settings.MEDIA_ROOT.rglob("*")) if settings.MEDIA_ROOT.exists() else []

    response = check(client, pilot, xlsx(VALID))

    request = response.wsgi_request
    assert [type(handler) for handler in request.upload_handlers] == [MemoryFileUploadHandler]
    assert type(request.FILES["file"]) is InMemoryUploadedFile
    assert response.context["problems"] == []
    after = sorted(settings.MEDIA_ROOT.rglob("*")) if settings.MEDIA_ROOT.exists() else []
    assert after == media


def test_the_import_still_checks_the_csrf_token(staff, pilot):
    client = sign_in(Client(enforce_csrf_checks=True), staff)

    response = check(client, pilot, xlsx(VALID))

    assert response.status_code == 403
    assert Membership.objects.count() == 0
