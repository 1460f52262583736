import pytest
from django.urls import reverse

from forums.models import AgendaItem
from forums.services import agendas
from tests.conftest import sign_in
from tests.forums.helpers import make_meeting, make_member, sign_in_member

pytestmark = pytest.mark.django_db


def test_a_member_proposes_an_item_for_their_forums_meeting(client):
    member = make_member()
    meeting = make_meeting()
    sign_in_member(client, member)

    response = client.post(
        reverse("members:meeting-propose", args=[meeting.pk]),
        {"propose-title": "Updates on investigations", "propose-detail": "How often?"},
    )

    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert (item.proposed_by, item.status) == (member, AgendaItem.Status.PROPOSED)


def test_a_proposal_without_a_title_keeps_what_was_typed(client):
    sign_in_member(client, make_member())
    meeting = make_meeting()

    response = client.post(
        reverse("members:meeting-propose", args=[meeting.pk]),
        {"propose-title": "", "propose-detail": "Kept detail"},
    )

    assert response.status_code == 400
    assert "Enter what you would like the forum to discuss" in response.text
    assert "Kept detail" in response.text
    assert not AgendaItem.objects.exists()


def test_members_cannot_propose_for_another_forums_meeting(client):
    sign_in_member(client, make_member("vawg"))
    other = make_meeting("black-communities")

    response = client.post(
        reverse("members:meeting-propose", args=[other.pk]), {"propose-title": "x"}
    )

    assert response.status_code == 404
    with pytest.raises(agendas.AgendaError):
        agendas.agenda_item_propose(meeting=other, membership=make_member("vawg"), title="x")


def test_accept_merge_and_decline_with_a_reason_the_member_sees(client):
    member = make_member()
    meeting = make_meeting()
    kept = agendas.agenda_item_add(meeting=meeting, title="Victim care")
    one = agendas.agenda_item_propose(meeting=meeting, membership=member, title="Court delays")
    two = agendas.agenda_item_propose(meeting=meeting, membership=member, title="Support")
    three = agendas.agenda_item_propose(meeting=meeting, membership=member, title="Parking")

    agendas.agenda_item_decide(item=one, status=AgendaItem.Status.ACCEPTED)
    agendas.agenda_item_decide(item=two, status=AgendaItem.Status.MERGED, merged_into=kept)
    with pytest.raises(agendas.AgendaError):
        agendas.agenda_item_decide(item=three, status=AgendaItem.Status.DECLINED, reason=" ")
    agendas.agenda_item_decide(
        item=three, status=AgendaItem.Status.DECLINED, reason="Not something the Met decides"
    )
    with pytest.raises(agendas.AgendaError):  # decided once
        agendas.agenda_item_decide(item=one, status=AgendaItem.Status.DECLINED, reason="x")
    agendas.agenda_publish(meeting=meeting)

    page = sign_in_member(client, member).get(reverse("members:meeting", args=[meeting.pk]))
    assert "Court delays" in page.text and "Victim care" in page.text
    assert "Not something the Met decides" in page.text
    assert "Merged with another item" in page.text


def test_merging_needs_an_item_on_the_same_agenda():
    member = make_member()
    meeting, other = make_meeting(), make_meeting(days_ahead=60)
    elsewhere = agendas.agenda_item_add(meeting=other, title="Elsewhere")
    item = agendas.agenda_item_propose(meeting=meeting, membership=member, title="Mine")

    with pytest.raises(agendas.AgendaError):
        agendas.agenda_item_decide(item=item, status=AgendaItem.Status.MERGED)
    with pytest.raises(agendas.AgendaError):
        agendas.agenda_item_decide(
            item=item, status=AgendaItem.Status.MERGED, merged_into=elsewhere
        )


def test_members_see_the_agenda_only_once_published(client):
    member = make_member()
    meeting = make_meeting()
    agendas.agenda_item_add(meeting=meeting, title="Training and awareness")
    sign_in_member(client, member)
    url = reverse("members:meeting", args=[meeting.pk])

    assert "Training and awareness" not in client.get(url).text
    agendas.agenda_publish(meeting=meeting)
    assert "Training and awareness" in client.get(url).text


def test_an_empty_agenda_cannot_be_published():
    with pytest.raises(agendas.AgendaError):
        agendas.agenda_publish(meeting=make_meeting())


def test_a_facilitator_decides_from_the_meeting_page(client, user_with_role):
    facilitator = user_with_role("Facilitator")
    meeting = make_meeting()
    meeting.forum.facilitators.add(facilitator)
    from forums.permissions import sync_forum_access

    sync_forum_access(meeting.forum)
    item = agendas.agenda_item_propose(meeting=meeting, membership=make_member(), title="Hate")
    sign_in(client, facilitator)
    url = reverse("forums:agenda-decide", args=[meeting.forum.slug, meeting.pk, item.pk])

    refused = client.post(url, {f"decide-{item.pk}-status": "DECLINED"})
    assert refused.status_code == 400
    assert "Give a short reason the member will see" in refused.text

    done = client.post(
        url, {f"decide-{item.pk}-status": "DECLINED", f"decide-{item.pk}-reason": "Covered"}
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.decline_reason) == ("DECLINED", "Covered")

    client.post(
        reverse("forums:agenda-add", args=[meeting.forum.slug, meeting.pk]),
        {"item-title": "Under-reporting"},
    )
    client.post(reverse("forums:agenda-publish", args=[meeting.forum.slug, meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None
