import datetime
import io
import os
import struct
import subprocess
import sys
import zipfile
import zlib

import pytest
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from applications.models import Application, ApplicationEvent
from audit.models import AuditEntry
from forums import import_workbook, imports
from forums.models import Membership
from forums.services import memberships
from programme.models import Forum
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
    [
        "Ada Lovelace",
        "Ada",
        "ada@example.com",
        "07700 900982",
        datetime.datetime.combine(days_after_launch(10), datetime.time()),
        "Step-free access",
    ],
    [
        "  Mary   Seacole ",
        None,
        "mary@example.com",
        None,
        days_after_launch(40).strftime("%d/%m/%Y"),
        None,
    ],
]


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
    entry = AuditEntry.objects.get(action="CREATE", object_type="programme.forum")
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
    memberships.membership_create(application=existing, forum=pilot, started_on=LAUNCH)
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
        (
            5,
            "Phone",
            "Enter a UK phone number, like 07700 900 982. The spreadsheet may have "
            "removed the first 0: format the Phone column as text",
        ),
        (5, "Started on", "Enter a date that is today or in the past"),
        (6, "Preferred name", "Preferred name must be 100 characters or fewer"),
        (6, "Started on", f"Enter a date on or after the forum's launch, {launch}"),
        (6, "Email", "This email address is also in row 2"),
        (7, "Started on", "Enter a real date, like 14/01/2025"),
        (7, "Access needs", "Other support must be 500 characters or fewer"),
        (7, "Email", "A member of this forum already has this email address"),
        (8, "Email", "Enter an email address"),
        (8, "Started on", "Enter the date they started as a date, like 14/01/2025"),
    ]
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Correct these 14 problems" in page
    assert "signed_rows" not in response.context
    assert Application.objects.count() == before
    assert Membership.objects.count() == 1


def test_a_phone_number_the_check_passes_imports(client, pilot):
    # Valid, and longer as typed than the column: kept without its spaces and dashes.
    row = [
        "Ada Lovelace",
        None,
        "ada@example.com",
        "0044 - 7700 - 900 - 982",
        days_after_launch(10).strftime("%d/%m/%Y"),
        None,
    ]
    checked = check(client, pilot, xlsx([row]))
    assert checked.context["problems"] == []

    response = client.post(IMPORT, {"signed_rows": checked.context["signed_rows"]})

    assert response.status_code == 302
    assert Application.objects.get().phone == "00447700900982"


def test_numbers_in_other_scripts_are_refused_as_the_public_form_refuses_them(client, pilot):
    # Python reads "५" and "٣" as 5 and 3; the import, like the form, takes 0 to 9 only.
    row = ["Ada Lovelace", None, "ada@example.com", "०७७०० ९००९८२", "१४/०१/२०२५", None]

    checked = check(client, pilot, xlsx([row]))

    assert checked.context["problems"] == [
        (2, "Phone", "Enter the phone number using the digits 0 to 9"),
        (2, "Started on", "Enter the date they started using the digits 0 to 9"),
    ]
    assert Application.objects.count() == 0


def two_hundred_and_one():
    return xlsx(
        [[f"Member {n}", None, f"m{n}@example.com", None, "01/01/2025", None] for n in range(201)]
    )


def empty_workbook():
    return workbook_bytes(Workbook())


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (os.urandom(5000), "members.xlsx", import_workbook.NOT_XLSX),
        (b"Full name,Email\nAda,ada@example.com\n", "members.xlsx", import_workbook.NOT_XLSX),
        (b"Full name,Email\nAda,ada@example.com\n", "members.csv", import_workbook.NOT_XLSX),
        (b"", "members.xlsx", "The selected file is empty"),
        (
            empty_workbook(),
            "members.xlsx",
            "The spreadsheet is empty. Copy your data into the template",
        ),
        (
            xlsx([], headings=["Full name", "Email"]),
            "members.xlsx",
            "The first row must have the template's headings. Missing: Preferred name, Phone, "
            "Started on, Access needs",
        ),
        (
            xlsx([], headings=[*HEADINGS, "Notes"]),
            "members.xlsx",
            "The spreadsheet has a column the template does not have: ‘Notes’. Remove it, or "
            "copy your data into the template",
        ),
        (
            xlsx([]),
            "members.xlsx",
            "The spreadsheet has no members in it. Add one member on each row",
        ),
        (
            two_hundred_and_one(),
            "members.xlsx",
            "The spreadsheet must have 200 members or fewer. Split it into smaller files",
        ),
    ],
    ids=[
        "random bytes",
        "csv renamed",
        "csv",
        "no bytes",
        "empty workbook",
        "headings missing",
        "extra column",
        "no members",
        "too many",
    ],
)
def test_a_bad_file_is_refused_kindly(client, pilot, content, name, message):
    response = check(client, pilot, content, name)

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert escape(message) in response.content.decode()
    assert Application.objects.count() == 0


def test_a_file_over_2_mb_is_refused_unread(client, pilot):
    response = check(client, pilot, b"x" * (import_workbook.MAX_BYTES + 300 * 1024))

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert import_workbook.TOO_LARGE in page


def test_a_file_just_over_2_mb_is_refused(pilot):
    big = SimpleUploadedFile("members.xlsx", b"x" * (import_workbook.MAX_BYTES + 1))

    with pytest.raises(import_workbook.ImportRefused, match=import_workbook.TOO_LARGE):
        import_workbook.rows_check(big, pilot)


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


# Bounded work whatever the file holds ------------------------------------------------------
# The workbooks below are written part by part, by hand, so that a test can make what
# Office never would: parts that unpack to far more than they weigh, parts whose zip
# headers lie about their size, sheets with a million rows. Each is cheap to make.

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SKELETON = {
    "[Content_Types].xml": (
        f'<Types xmlns="{PACKAGE}/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" '
        f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
        '<sheet name="Members" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    ),
}
MB = 1024 * 1024


def cells(values):
    return "".join(
        f'<c t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
        for value in values
    )


START = days_after_launch(10).strftime("%d/%m/%Y")
HEADINGS_ROW = f'<row r="1">{cells(HEADINGS)}</row>'
ADA = f'<row r="2">{cells(["Ada Lovelace", "", "ada@example.com", "", START])}</row>'
BO = cells(["Bo", "", "bo@example.com", "", START])


def sheet(*rows, before=""):
    return [
        f'<worksheet xmlns="{MAIN}">{before}<sheetData>{HEADINGS_ROW}',
        *rows,
        "</sheetData></worksheet>",
    ]


def strings(*pieces):
    return [f'<sst xmlns="{MAIN}">', *pieces, "</sst>"]


def repeated(piece, size):
    """`piece` over and over, `size` bytes of UTF-8 in all, a megabyte at a time."""
    per_chunk = max(1, MB // len(piece.encode()))
    count = size // len(piece.encode())
    while count > 0:
        yield piece * min(count, per_chunk)
        count -= per_chunk


def deflated(pieces):
    """(raw deflate data, CRC-32, size) of the pieces' UTF-8. A piece met again right
    after itself is not compressed again: the compressor is flushed after each piece,
    so the same piece at the same point gives the same bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    data, crc, size, last = [], 0, 0, (None, None)
    for piece in pieces:
        piece = piece.encode()
        if piece != last[0]:
            last = (piece, compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH))
        data.append(last[1])
        crc, size = zlib.crc32(piece, crc), size + len(piece)
    data.append(compressor.flush())
    return b"".join(data), crc, size


def crafted(sheet_xml=None, strings_xml=None, extra=None, lies=None, method=8):
    """An XLSX file written by hand. `extra` adds parts; `lies` gives the size its zip
    headers declare for a part, in place of the true one."""
    parts = {
        **SKELETON,
        "xl/worksheets/sheet1.xml": sheet_xml or sheet(ADA),
        "xl/sharedStrings.xml": strings_xml or strings(),
        **(extra or {}),
    }
    local, central = io.BytesIO(), io.BytesIO()
    for name, pieces in parts.items():
        data, crc, size = deflated([pieces] if isinstance(pieces, str) else pieces)
        size = (lies or {}).get(name, size)
        fields = (20, 0, method, 0, 33, crc, len(data), size, len(name))
        offset = local.tell()
        local.write(struct.pack("<I5H3I2H", 0x04034B50, *fields, 0) + name.encode() + data)
        central.write(
            struct.pack("<I6H3I5H2I", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset)
            + name.encode()
        )
    end = struct.pack(
        "<I4H2IH", 0x06054B50, 0, 0, len(parts), len(parts), central.tell(), local.tell(), 0
    )
    return local.getvalue() + central.getvalue() + end


def refusal(content):
    try:
        return import_workbook._table(import_workbook._sheet_lines(upload(content)))
    except import_workbook.ImportRefused as refused:
        return str(refused)


def test_a_crafted_workbook_is_read_as_office_would_write_it(pilot):
    problems, rows = import_workbook.rows_check(upload(crafted()), pilot)

    assert problems == []
    assert [(row["full_name"], row["email"]) for row in rows] == [
        ("Ada Lovelace", "ada@example.com")
    ]


def the_issues_bomb():
    # A 2 MB file whose one shared string unpacks to 1.9 GB.
    return crafted(strings_xml=strings("<si><t>", *repeated("a" * MB, 1900 * MB), "</t></si>"))


def lying_bomb():
    # A shared string of 200 MB whose zip headers say it is a kilobyte.
    return crafted(
        strings_xml=strings("<si><t>", *repeated("a" * MB, 200 * MB), "</t></si>"),
        lies={"xl/sharedStrings.xml": 1024},
    )


def just_over(piece, wrap=strings):
    return crafted(strings_xml=wrap(*repeated(piece, import_workbook.MAX_UNPACKED_BYTES)))


def test_a_workbook_that_unpacks_too_large_is_refused_unparsed():
    bomb = the_issues_bomb()

    assert len(bomb) < import_workbook.MAX_BYTES
    assert refusal(bomb) == import_workbook.TOO_MUCH_INSIDE
    assert refusal(just_over("<si><t>Ada</t></si>")) == import_workbook.TOO_MUCH_INSIDE


def test_a_workbook_whose_zip_understates_a_part_is_refused():
    # Python's zipfile stops at the declared size, and the part's checksum then fails.
    assert refusal(lying_bomb()) == import_workbook.NOT_XLSX


@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be"])
def test_a_workbook_declaring_entities_is_refused(codec):
    laughs = (
        '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<sst xmlns="{MAIN}"><si><t>&b;</t></si></sst>'
    )
    # The shared strings part encoded as the codec says (UTF-16 with a byte order mark,
    # as the XML standard asks), written by zipfile.
    prefix = b"" if codec == "utf-8" else "\ufeff".encode(codec)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as changed:
        with zipfile.ZipFile(io.BytesIO(crafted())) as original:
            for part in original.infolist():
                if part.filename != "xl/sharedStrings.xml":
                    changed.writestr(part.filename, original.read(part))
        changed.writestr("xl/sharedStrings.xml", prefix + laughs.encode(codec))

    # Refused by the import's own check, before openpyxl (and defusedxml, which only
    # the development packages bring) could see it.
    with pytest.raises(import_workbook.ImportRefused) as refused:
        import_workbook._parts_check(out)
    assert str(refused.value) == import_workbook.NOT_XLSX
    assert refusal(out.getvalue()) == import_workbook.NOT_XLSX


def test_a_workbook_packed_other_than_office_packs_is_refused():
    # bzip2 (12) and LZMA (14) parts would unpack a whole read at once, unbounded.
    assert refusal(crafted(method=12)) == import_workbook.NOT_XLSX


def test_reading_stops_at_the_row_limit_empty_rows_included(client, pilot):
    # Two million empty rows fit in a small file: over the limit once opened. Within
    # it, a sheet of empty rows is refused at row 501, unread beyond.
    two_million = crafted(sheet_xml=sheet(*repeated("<row/>", 2_000_000 * 6)))
    many_empty = crafted(sheet_xml=sheet(*repeated("<row/>", 6 * 100_000)))
    last_row = crafted(sheet_xml=sheet(f'<row r="1048576">{cells(["Ada"])}</row>'))

    assert refusal(two_million) == import_workbook.TOO_MUCH_INSIDE
    assert refusal(many_empty) == import_workbook.TOO_MANY_SHEET_ROWS
    # A member far below is not left out unnoticed: the sheet is refused.
    assert refusal(last_row) == import_workbook.TOO_MANY_SHEET_ROWS
    response = check(client, pilot, many_empty)
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [import_workbook.TOO_MANY_SHEET_ROWS]}
    assert escape(import_workbook.TOO_MANY_SHEET_ROWS) in response.content.decode()


def test_empty_rows_up_to_the_limit_are_read(pilot):
    padded = [ADA, *[f'<row r="{n}"/>' for n in range(3, import_workbook.MAX_SHEET_ROWS)]]
    last = f'<row r="{import_workbook.MAX_SHEET_ROWS}">{BO}</row>'

    problems, rows = import_workbook.rows_check(
        upload(crafted(sheet_xml=sheet(*padded, last))), pilot
    )

    assert problems == []
    assert [row["row"] for row in rows] == [2, import_workbook.MAX_SHEET_ROWS]


def longest_members(character):
    """200 members with every field at its longest, in a character of `character`'s
    width: the largest file the import must take."""
    rows = []
    for n in range(import_workbook.MAX_ROWS):
        local = f"m{n}."
        email = local + "x" * (63 - len(local)) + "@" + ".".join(["d" * 60] * 3) + ".example"
        assert len(email) == 254
        rows.append(
            [character * 200, character * 100, email, "+44 7700 900 982", START, character * 500]
        )
    return xlsx(rows)


@pytest.mark.parametrize("character", ["a", "é", "語", "😀"])
def test_the_largest_list_of_members_is_within_the_limits(pilot, character):
    content = longest_members(character)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(part.file_size for part in archive.infolist())

    problems, rows = import_workbook.rows_check(upload(content), pilot)

    assert unpacked < import_workbook.MAX_UNPACKED_BYTES
    assert problems == []
    assert len(rows) == import_workbook.MAX_ROWS


# What openpyxl parses grows in memory with the XML, by up to about 80 times for a sheet
# whose one row holds a quarter of a million empty cells. Each file is parsed, as the
# import parses it, in a process of its own, whose peak resident memory is measured: the
# process's whole footprint (Python, Django, the service's code) and the file's. Linux's
# VmHWM, not getrusage's ru_maxrss, which a process inherits from the one that started
# it (here pytest's, larger than the parsing's).
PEAK_MEMORY_AT_MOST_MB = 200
MEASURE = """
import re, sys, warnings
import django
warnings.simplefilter("ignore")
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from forums import import_workbook
def memory(name):
    with open("/proc/self/status") as status:
        return int(re.search(name + r":\\s+(\\d+) kB", status.read()).group(1)) // 1024
upload = SimpleUploadedFile("members.xlsx", open(sys.argv[1], "rb").read())
before = memory("VmRSS")
try:
    outcome = f"{len(import_workbook._table(import_workbook._sheet_lines(upload)))} members"
except import_workbook.ImportRefused as refused:
    outcome = str(refused)
print(before, memory("VmHWM"), outcome, sep="\\n")
"""
ROOM = import_workbook.MAX_UNPACKED_BYTES - 4096  # what the skeleton leaves


def worst_files():
    row = f'<row r="2">{cells(["Ada"])}'
    return {
        "the issue's bomb": the_issues_bomb,
        "a lying bomb": lying_bomb,
        "one huge shared string": lambda: crafted(
            strings_xml=strings("<si><t>", *repeated("😀", ROOM), "</t></si>")
        ),
        "many empty shared strings": lambda: crafted(strings_xml=strings(*repeated("<si/>", ROOM))),
        "many unknown parts of the shared strings": lambda: crafted(
            strings_xml=strings(*repeated("<x/>", ROOM))
        ),
        "many styles": lambda: crafted(
            extra={
                "xl/styles.xml": [
                    f'<styleSheet xmlns="{MAIN}">',
                    *repeated("<x/>", ROOM),
                    "</styleSheet>",
                ]
            }
        ),
        "unknown elements before the rows": lambda: crafted(
            sheet_xml=sheet(ADA, before="".join(repeated("<x/>", ROOM)))
        ),
        "one row with many empty cells": lambda: crafted(
            sheet_xml=sheet(row, *repeated("<c/>", ROOM), "</row>")
        ),
        "one row with many numbers": lambda: crafted(
            sheet_xml=sheet(row, *repeated("<c><v>1</v></c>", ROOM), "</row>")
        ),
        "many empty rows": lambda: crafted(sheet_xml=sheet(*repeated("<row/>", ROOM))),
        "rows as wide as a sheet goes": lambda: crafted(
            sheet_xml=[
                f'<worksheet xmlns="{MAIN}"><dimension ref="A1:XFD1048576"/><sheetData>',
                HEADINGS_ROW,
                ADA,
                "</sheetData></worksheet>",
            ]
        ),
        "the largest list of members": lambda: longest_members("😀"),
    }


@pytest.mark.parametrize("name", list(worst_files()))
def test_the_worst_files_are_parsed_within_the_memory_limit(tmp_path, name):
    path = tmp_path / "members.xlsx"
    path.write_bytes(worst_files()[name]())
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vvf.settings_test"}

    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=env,
        timeout=120,
        check=True,
    )

    before, peak, outcome = result.stdout.splitlines()
    print(f"{name}: {before} MB before parsing, {peak} MB at peak; {outcome}")
    assert int(peak) < PEAK_MEMORY_AT_MOST_MB
    assert outcome in {
        "1 members",
        "200 members",
        import_workbook.TOO_MUCH_INSIDE,
        import_workbook.TOO_MANY_SHEET_ROWS,
        import_workbook.NOT_XLSX,
    }


# Whatever the cells hold ----------------------------------------------------------------


def cell_text(max_size):
    # Any text a spreadsheet can hold (XML has no place for most control characters).
    alphabet = st.characters(blacklist_categories=["Cs"])
    return st.text(alphabet, max_size=max_size).map(
        lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)
    )


def anything(*likely):
    """Mostly the likely values, so that many examples reach the import; else anything."""
    others = st.one_of(cell_text(300), st.integers(), st.floats(allow_nan=False), st.none())
    return st.one_of(st.one_of(*likely), st.one_of(*likely), st.one_of(*likely), others)


NAMES = cell_text(220).filter(str.strip)
# UK mobiles, with or without the separators people type between the digits.
PHONES = st.from_regex(r"\A(\+44|0044|0)( - |[ ().-]?)7\d{3}( - |[ .-]?)\d{3}( - |[ .-]?)\d{3}\Z")
MEMBER_ROWS = st.lists(
    st.tuples(
        anything(NAMES, st.text("ab ", min_size=195, max_size=205).filter(str.strip)),
        anything(cell_text(110), st.none()),
        anything(
            st.emails(),
            st.from_regex(r"\A[a-z0-9.]{1,30}@[a-z]{1,20}\.example\Z"),
            st.just("x" * 242 + "@example.com"),
        ),
        anything(PHONES, st.just("0044 - 7700 - 900 - 982"), st.none()),
        anything(
            st.dates(LAUNCH, TODAY),
            st.dates(LAUNCH, TODAY).map(lambda day: day.strftime("%d/%m/%Y")),
        ),
        anything(cell_text(520), st.text("a ", min_size=495, max_size=505), st.none()),
    ),
    min_size=1,
    max_size=3,
)


@pytest.mark.django_db
def test_what_the_check_passes_always_imports_whatever_the_cells(pilot, staff):
    @hypothesis_settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(cells=MEMBER_ROWS)
    def check_then_import(cells):
        try:
            problems, rows = import_workbook.rows_check(
                upload(xlsx([list(row) for row in cells])), pilot
            )
        except import_workbook.ImportRefused as refused:
            assert (
                str(refused) == "The spreadsheet has no members in it. Add one member on each row"
            )
            return
        event("problems" if problems else "imported")
        if problems:
            return
        # The confirmation checks the signed rows again: the same rows, still passing.
        signed = imports.rows_sign(forum=pilot, rows=rows, user=staff)
        _forum, again, rows_again = imports.rows_from_signed(signed, user=staff)
        assert (again, rows_again) == ([], rows)
        with transaction.atomic():
            imports.members_import(forum=pilot, rows=rows, by=staff)
            for row in rows:
                application = Application.objects.get(email=row["email"])
                assert (
                    application.full_name,
                    application.preferred_name,
                    application.phone,
                    application.access_needs_other,
                    application.membership.started_on,
                ) == (
                    row["full_name"],
                    row["preferred_name"],
                    row["phone"],
                    row["access_needs"],
                    row["started_on"],
                )
            transaction.set_rollback(True)

    check_then_import()
