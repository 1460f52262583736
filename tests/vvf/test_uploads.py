"""Files sent with a form: a name of any length is taken, and shortened keeping its
extension (vvf/uploads.py)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.test import override_settings
from django.urls import reverse

from forums.models import ExpenseClaim
from tests.conftest import sign_in
from tests.forums.helpers import make_member, sign_in_member
from tests.forums.test_claims import PDF, attended
from tests.forums.test_imports import VALID, check, pilot, staff, xlsx  # noqa: F401
from tests.vvf.test_too_large import named_file
from vvf import uploads

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("receipt.pdf", "receipt.pdf"),
        ("a" * 100, "a" * 100),
        ("a" * 1000 + ".pdf", "a" * 96 + ".pdf"),
        ("é" * 1000 + ".JPEG", "é" * 95 + ".JPEG"),
        # A long "extension" is one too: ten characters of it are kept.
        ("scan." + "p" * 1000, "scan." + "p" * 9),
    ],
)
def test_short_name_keeps_the_extension(name, short):
    assert uploads.short_name(name) == short


def claim(client, membership, receipt):
    meeting = attended(membership)
    sign_in_member(client, membership)
    return client.post(
        reverse("members:claim-new"),
        {"meeting": meeting.pk, "kind": "CHILDCARE", "amount": "36.00", "receipt": receipt},
    )


@pytest.mark.parametrize("name", ["é" * 996 + ".pdf", "receipt." + "p" * 995])
def test_a_receipt_with_a_name_of_1000_characters_is_taken(client, name):
    response = claim(client, make_member("vawg", started_days_ago=60), named_file(name, PDF))

    assert response.status_code == 302
    stored = ExpenseClaim.objects.get().receipt
    assert stored.name.startswith("receipts/") and stored.name.endswith(".pdf")
    assert len(stored.name) == len("receipts/") + 32 + len(".pdf")
    assert (Path(settings.MEDIA_ROOT) / stored.name).read_bytes() == PDF


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=10)
def test_a_large_receipt_with_a_long_extension_is_taken_through_a_temporary_file(client):
    # Django names the temporary file after the upload's extension: a 995-character one
    # was too long a name for the disk.
    response = claim(
        client, make_member("vawg", started_days_ago=60), named_file("x." + "p" * 995, PDF)
    )

    assert response.status_code == 302
    request = response.wsgi_request
    assert [type(handler) for handler in request.upload_handlers] == [
        uploads.MemoryFileUploadHandler,
        uploads.TemporaryFileUploadHandler,
    ]
    stored = ExpenseClaim.objects.get().receipt
    assert (Path(settings.MEDIA_ROOT) / stored.name).read_bytes() == PDF


def test_the_import_takes_a_spreadsheet_with_a_name_of_1000_characters(client, staff, pilot):  # noqa: F811
    sign_in(client, staff)
    response = client.post(
        reverse("admin:forums_membership_import"),
        {"forum": pilot.pk, "file": named_file("m" * 995 + ".xlsx", xlsx(VALID))},
    )

    assert response.status_code == 200
    assert response.context["problems"] == []
    assert [type(handler) for handler in response.wsgi_request.upload_handlers] == [
        MemoryFileUploadHandler
    ]


def test_part_headers_of_16_kib_are_read():
    from django.http import multipartparser

    assert multipartparser.MAX_TOTAL_HEADER_SIZE == uploads.PART_HEADERS_MAX_BYTES == 16384
    assert settings.FILE_UPLOAD_HANDLERS == [
        "vvf.uploads.MemoryFileUploadHandler",
        "vvf.uploads.TemporaryFileUploadHandler",
    ]
