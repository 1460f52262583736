import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from forums import tasks
from forums.models import MemberLink
from forums.services import member_links, memberships
from tests.forums.helpers import make_meeting, make_member, sign_in_member

pytestmark = pytest.mark.django_db


def emailed_link(email):
    member_links.member_link_send(email=email)
    tasks.send_member_link(MemberLink.objects.latest("pk").pk)
    (message,) = mail.outbox
    return re.search(r"http://testserver(\S+)", message.body).group(1)


def test_a_member_signs_in_with_an_emailed_single_use_link(client):
    member = make_member(email="Grace@Example.com")
    meeting = make_meeting()

    response = client.post(reverse("members:sign-in-request"), {"email": "grace@example.com"})
    assert response.status_code == 302
    tasks.send_member_link(MemberLink.objects.get().pk)
    (message,) = mail.outbox
    assert message.to == ["Grace@Example.com"]
    path = re.search(r"http://testserver(\S+)", message.body).group(1)

    assert client.get(path).status_code == 200  # a button: opening does not use it
    assert client.post(path).status_code == 302
    home = client.get(reverse("members:home"))
    assert home.status_code == 200
    assert member.forum.name in home.text
    assert reverse("members:meeting", args=[meeting.pk]) in home.text
    assert not MemberLink.objects.exists()
    # Used once: it cannot be used again, in another browser.
    other = client.__class__()
    assert other.post(path).status_code == 404
    assert other.get(reverse("members:home")).status_code == 302


def test_the_same_answer_for_addresses_that_are_not_members(client):
    make_member(email="member@example.com")

    for email in ("member@example.com", "stranger@example.com"):
        response = client.post(reverse("members:sign-in-request"), {"email": email})
        assert response.url == reverse("members:link-sent")
    assert MemberLink.objects.count() == 1


def test_links_expire_after_a_day(client):
    make_member(email="m@example.com")
    path = emailed_link("m@example.com")
    MemberLink.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))

    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + datetime.timedelta(hours=25)
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        assert client.post(path).status_code == 404

    assert member_links.member_links_delete_expired() == 1


def test_a_link_for_a_member_whose_tenure_ended_does_not_sign_in(client):
    member = make_member(email="left@example.com", started_days_ago=100)
    path = emailed_link("left@example.com")
    memberships.membership_leave(
        membership=member, left_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert client.post(path).status_code == 404


def test_members_see_only_their_own_forums_meetings(client):
    sign_in_member(client, make_member("vawg"))
    own, other = make_meeting("vawg"), make_meeting("black-communities")

    assert client.get(reverse("members:meeting", args=[own.pk])).status_code == 200
    assert client.get(reverse("members:meeting", args=[other.pk])).status_code == 404


def test_the_joining_link_is_shown_to_members_only(client):
    meeting = make_meeting(mode="ONLINE", joining_link="https://meet.example/private")
    member_page = sign_in_member(client, make_member()).get(
        reverse("members:meeting", args=[meeting.pk])
    )
    assert "https://meet.example/private" in member_page.text


def test_signing_out_ends_the_member_session(client):
    sign_in_member(client, make_member())

    client.post(reverse("members:sign-out"))

    assert client.get(reverse("members:home")).status_code == 302


def test_not_signed_in_goes_to_the_sign_in_page(client):
    response = client.get(reverse("members:home"))

    assert response.url.startswith(reverse("members:sign-in-request"))


def checked_values(html, name):
    """The values of the radios called `name` that are drawn selected."""
    inputs = re.findall(r"<input[^>]*>", html)
    return [
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in inputs
        if f'name="{name}"' in tag and re.search(r"\schecked(\s|>|=)", tag)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("answer", "drawn"), [("yes", ["yes"]), ("no", ["no"])])
def test_the_meetings_page_shows_the_saved_recording_answer_selected(client, answer, drawn):
    member = make_member()
    meeting = make_meeting()
    sign_in_member(client, member)
    url = reverse("members:meeting", args=[meeting.pk])
    assert checked_values(client.get(url).content.decode(), "consent-given") == []

    client.post(
        reverse("members:meeting-recording-consent", args=[meeting.pk]), {"consent-given": answer}
    )

    assert checked_values(client.get(url).content.decode(), "consent-given") == drawn
