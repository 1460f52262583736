"""Members' opportunities pages: the open opportunities for their forum only, saying they
are interested and withdrawing, their consent to sharing with the Met, and their choice
of emails. Bad input keeps what they typed and says what to do."""

import pytest
from django.urls import reverse

from applications.services import consent_document_publish, consent_given
from opportunities.models import Interest, Opportunity
from opportunities.services import opportunity_transition
from tests.forums.helpers import make_member, sign_in_member
from tests.opportunities.helpers import make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    membership = make_member("vawg")
    sign_in_member(client, membership)
    return membership


def test_the_list_shows_only_what_is_open_to_the_members_forum(client, member):
    ours = make_opportunity("vawg", title="Ours")
    make_opportunity("disabled-victims", title="Another forum's")
    make_opportunity("vawg", title="A draft", publish=False)
    closed = make_opportunity("vawg", title="Closed")
    opportunity_transition(opportunity=closed, to_status=Opportunity.Status.CLOSED)
    make_opportunity("vawg", title="Past its date", closes_in_days=-1, publish=False)

    page = client.get(reverse("opportunities:list"))

    assert [o.title for o in page.context["opportunities"]] == ["Ours"]
    for title in ["Another forum's", "A draft", "Closed", "Past its date"]:
        assert title not in page.content.decode()
    assert client.get(reverse("opportunities:detail", args=[ours.pk])).status_code == 200
    assert client.get(reverse("opportunities:detail", args=[closed.pk])).status_code == 404


def test_saying_yes_updating_and_withdrawing(client, member):
    opportunity = make_opportunity("vawg")
    url = reverse("opportunities:interest", args=[opportunity.pk])

    assert client.post(url, {"interest-needs": "A quiet room"}).status_code == 302
    assert client.post(url, {"interest-needs": "A quiet room, and a lift"}).status_code == 302
    (interest,) = Interest.objects.all()
    assert (interest.membership, interest.needs) == (member, "A quiet room, and a lift")
    page = client.get(reverse("opportunities:detail", args=[opportunity.pk]))
    assert "You are interested" in page.content.decode()

    client.post(reverse("opportunities:withdraw", args=[opportunity.pk]))
    assert not Interest.objects.exists()


def test_too_long_a_note_keeps_what_was_typed(client, member):
    opportunity = make_opportunity("vawg")
    typed = "x" * 1001

    page = client.post(
        reverse("opportunities:interest", args=[opportunity.pk]), {"interest-needs": typed}
    )

    assert page.status_code == 400
    html = page.content.decode()
    assert "There is a problem" in html
    assert typed in html
    assert not Interest.objects.exists()


def test_an_opportunity_that_closed_while_the_page_was_open_says_so(client, member):
    opportunity = make_opportunity("vawg")
    opportunity_transition(opportunity=opportunity, to_status=Opportunity.Status.CLOSED)

    page = client.post(reverse("opportunities:interest", args=[opportunity.pk]), {})

    assert page.status_code == 404
    assert not Interest.objects.exists()


def test_giving_and_withdrawing_consent_to_sharing_with_the_met(client, member):
    url = reverse("opportunities:met-sharing")
    assert not consent_given(member.application, "MPS_SHARING")

    client.post(url, {"met-given": "yes", "met-version": "1"})
    assert consent_given(member.application, "MPS_SHARING")
    client.post(url, {"met-given": "no", "met-version": "1"})
    assert not consent_given(member.application, "MPS_SHARING")

    page = client.post(url, {"met-version": "1"})
    assert page.status_code == 400
    assert "Select whether you agree to your details being shared" in page.content.decode()

    consent_document_publish(kind="MPS_SHARING", title="Sharing", body="Wider.", by=None)
    stale = client.post(url, {"met-given": "yes", "met-version": "1"})
    assert stale.status_code == 400
    assert "The wording changed while you were reading it" in stale.content.decode()
    assert not consent_given(member.application, "MPS_SHARING")


def test_choosing_not_to_be_emailed(client, member):
    client.post(reverse("opportunities:emails"), {"emails-wanted": "no"})
    member.refresh_from_db()
    assert member.opportunity_emails is False

    page = client.post(reverse("opportunities:emails"), {"emails-wanted": "maybe"})
    assert page.status_code == 400


def test_withdrawing_after_the_opportunity_closed(client, member):
    from opportunities.services import interest_register

    opportunity = make_opportunity("vawg")
    interest_register(opportunity=opportunity, membership=member, needs="A lift")
    opportunity_transition(opportunity=opportunity, to_status=Opportunity.Status.CLOSED)

    gone = client.post(reverse("opportunities:withdraw", args=[opportunity.pk]))

    assert gone.url == reverse("opportunities:list")
    assert not Interest.objects.exists()
    assert client.post(reverse("opportunities:withdraw", args=[opportunity.pk])).status_code == 404
