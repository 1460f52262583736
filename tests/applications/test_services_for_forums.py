"""The applications services forums call instead of writing applications' rows."""

import pytest

from applications.models import Application, ApplicationEvent
from applications.services import application_import
from forums.models import Membership
from programme.models import Forum
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_application_import_makes_an_accepted_application_with_its_event():
    pilot = Forum.objects.get(slug="pilot")
    staff = UserFactory()

    application = application_import(
        forum=pilot,
        by=staff,
        reason="Imported from the pilot spreadsheet",
        full_name="Ada Example",
        preferred_name="Ada",
        email="ada@example.com",
        phone="",
        contact_method="EMAIL",
    )

    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert application.submitted_at == application.status_changed_at
    assert application.closed_at is None
    assert list(application.forums.all()) == [pilot]
    assert [
        (e.from_status, e.to_status, e.by, e.reason, e.at)
        for e in ApplicationEvent.objects.filter(application=application)
    ] == [
        (
            "",
            Application.Status.ACCEPTED,
            staff,
            "Imported from the pilot spreadsheet",
            application.submitted_at,
        )
    ]
    # No status change is announced: the importer makes the membership, from its own date.
    assert not Membership.objects.filter(application=application).exists()
