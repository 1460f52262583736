"""Staff write, publish and close opportunities in the admin and see who is interested,
and whether each agrees to sharing with the Met; each move is audited."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from opportunities import services
from opportunities.models import Opportunity
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_member
from tests.opportunities.helpers import make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    return sign_in(client, UserFactory(role="VVF staff", is_staff=True))


def test_staff_publish_then_close_from_the_opportunity_page(staff):
    opportunity = make_opportunity("vawg", publish=False)
    change = reverse("admin:opportunities_opportunity_change", args=[opportunity.pk])
    publish = reverse("admin:opportunities_opportunity_publish", args=[opportunity.pk])
    close = reverse("admin:opportunities_opportunity_close", args=[opportunity.pk])

    assert [url for url, _words in staff.get(change).context["moves"]] == [publish, close]
    assert staff.get(publish).status_code == 200
    assert staff.post(publish).status_code == 302
    assert Opportunity.objects.get().status == "PUBLISHED"
    assert [url for url, _words in staff.get(change).context["moves"]] == [close]
    staff.post(close)
    assert Opportunity.objects.get().status == "CLOSED"
    assert staff.get(change).context["moves"] == []

    refused = staff.post(publish, follow=True)
    assert "This opportunity is closed." in refused.content.decode()
    assert list(
        AuditEntry.objects.filter(object_type="opportunities.opportunity", action="CHANGE")
        .order_by("pk")
        .values_list("detail", flat=True)
    ) == ["status PUBLISHED", "status CLOSED"]


def test_the_opportunity_page_lists_who_is_interested_with_their_consent(staff):
    opportunity = make_opportunity("vawg")
    agrees, never = make_member("vawg"), make_member("vawg")
    for member in (agrees, never):
        services.interest_register(opportunity=opportunity, membership=member, needs="A lift")
    services.met_sharing_record(membership=agrees, given=True)

    page = staff.get(reverse("admin:opportunities_opportunity_change", args=[opportunity.pk]))

    html = page.content.decode()
    assert agrees.application.reference in html and never.application.reference in html
    assert "Agreed" in html and "Never asked" in html
    assert agrees.application.full_name not in html
    listing = staff.get(reverse("admin:opportunities_opportunity_changelist"))
    assert listing.context["cl"].result_list[0].interested_count == 2
