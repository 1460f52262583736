"""The consent rule for sharing with the Met: a member's name and contact details reach
the Met only when they are interested in an opportunity the Met runs and their latest
answer in the consent register agrees; given, withdrawn and never given."""

import io

import msoffcrypto
import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from applications.models import Consent
from audit.models import AuditEntry
from opportunities import services
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_member
from tests.opportunities.helpers import make_opportunity

pytestmark = pytest.mark.django_db


def interested(opportunity, **application):
    member = make_member("vawg", **application)
    services.interest_register(opportunity=opportunity, membership=member, needs="A quiet room")
    return member


def cells_of(content, password):
    encrypted = msoffcrypto.OfficeFile(io.BytesIO(content))
    assert encrypted.is_encrypted()
    encrypted.load_key(password=password)
    plain = io.BytesIO()
    encrypted.decrypt(plain)
    (sheet,) = load_workbook(plain).worksheets
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def three_members():
    """Interested in a Met opportunity: one who agrees, one who agreed then withdrew,
    one never asked."""
    opportunity = make_opportunity("vawg", run_by="MET")
    agrees = interested(opportunity, full_name="Ada Agrees", email="ada@example.com")
    withdrew = interested(opportunity, full_name="Wes Withdrew", email="wes@example.com")
    never = interested(opportunity, full_name="Nia Never", email="nia@example.com")
    services.met_sharing_record(membership=agrees, given=True)
    services.met_sharing_record(membership=withdrew, given=True)
    services.met_sharing_record(membership=withdrew, given=False)
    return opportunity, agrees, withdrew, never


def test_only_the_current_consent_counts(three_members):
    opportunity, agrees, withdrew, never = three_members

    consents = {i.membership: i.met_consent for i in services.interests_with_consent(opportunity)}
    assert consents == {agrees: True, withdrew: False, never: None}
    # Each answer is a row of the register, in the wording shown; the latest counts.
    kinds = Consent.objects.filter(
        application=withdrew.application, document__kind="MPS_SHARING"
    ).values_list("document__kind", "given")
    assert list(kinds.order_by("recorded_at", "pk")) == [
        ("MPS_SHARING", True),
        ("MPS_SHARING", False),
    ]


def test_the_spreadsheet_for_the_met_holds_the_consenting_members_alone(three_members):
    opportunity, agrees, _withdrew, _never = three_members
    staff = sign_in(Client(), UserFactory(role="VVF staff", is_staff=True))
    url = reverse("admin:opportunities_opportunity_met_export", args=[opportunity.pk])

    summary = staff.get(url)
    assert [i.membership for i in summary.context["consenting"]] == [agrees]
    assert len(summary.context["not_consenting"]) == 2
    page = staff.post(url)
    download = staff.get(
        reverse("admin:opportunities_opportunity_met_export_download", args=[page.context["token"]])
    )

    rows = cells_of(download.getvalue(), page.context["password"])
    assert rows[0] == [
        "Name",
        "Preferred name",
        "Email",
        "Phone",
        "How they prefer to be contacted",
    ]
    assert [row[0] for row in rows[1:]] == ["Ada Agrees"]
    assert rows[1][2] == "ada@example.com"
    flat = " ".join(str(value) for row in rows for value in row)
    for never_shared in ["Wes", "Nia", "A quiet room", "Violence against women"]:
        assert never_shared not in flat
    entry = AuditEntry.objects.get(action="EXPORT")
    assert (entry.object_type, entry.object_ref, entry.detail) == (
        "opportunities.opportunity",
        str(opportunity.pk),
        "1 members shared with the Met",
    )
    assert "Ada" not in entry.detail


def test_withdrawing_consent_stops_later_sharing(three_members):
    opportunity, agrees, _withdrew, _never = three_members
    services.met_sharing_record(membership=agrees, given=False)

    _plain, count = services.met_export(opportunity)

    assert count == 0


def test_an_opportunity_the_met_does_not_run_is_never_shared(client):
    opportunity = make_opportunity("vawg", run_by="MOPAC")
    member = interested(opportunity)
    services.met_sharing_record(membership=member, given=True)
    staff = sign_in(client, UserFactory(role="VVF staff", is_staff=True))

    with pytest.raises(services.OpportunityError):
        services.met_export(opportunity)
    url = reverse("admin:opportunities_opportunity_met_export", args=[opportunity.pk])
    assert staff.get(url).status_code == 404
    assert staff.post(url).status_code == 404


def test_a_member_who_has_left_is_not_shared(three_members):
    import datetime

    from django.utils import timezone

    from forums.models import Membership

    opportunity, agrees, _withdrew, _never = three_members
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Membership.objects.filter(pk=agrees.pk).update(left_on=yesterday, ended_on=yesterday)

    _plain, count = services.met_export(opportunity)

    assert count == 0
